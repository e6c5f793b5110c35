import path from 'node:path';
import { z } from 'zod';
import type { Config, Target } from '../../config/load.js';
import { displayPath } from '../../config/load.js';
import type { Change } from '../../model/plan.js';
import { parseConnection } from '../connection.js';
import {
  ALL_FIELDS,
  type ApplyContext,
  type Capabilities,
  type ChangeResult,
  type Provider,
} from '../types.js';
import { readStateFile } from './state-file.js';

const Connection = z.strictObject({
  state: z.string().min(1).describe('Path of the state file, relative to rollcall.yaml'),
});

/** The embedded default: a platform kept in a JSON/YAML state file, for demos, tests and offline work. */
export const LOCAL_CAPABILITIES: Capabilities = {
  invitations: true,
  softRemove: true,
  pseudonymize: true,
  hardDelete: true,
  seatPools: true,
  lockedLicenses: true,
  updatableFields: ALL_FIELDS,
  batchOnly: false,
  uniformPermissionsPerBatch: false,
  concurrency: 1,
  minWriteIntervalMs: 0,
};

export function createProvider(target: Target, config: Config): Provider {
  const connection = parseConnection(Connection, target);
  const file = path.resolve(config.dir, connection.state);
  return new LocalProvider(file);
}

export class LocalProvider implements Provider {
  readonly capabilities = LOCAL_CAPABILITIES;

  constructor(readonly file: string) {}

  read() {
    return readStateFile(this.file, displayPath(this.file));
  }

  async *apply(changes: readonly Change[], _ctx: ApplyContext): AsyncIterable<ChangeResult> {
    for (const change of changes)
      yield { change, status: 'failed', attempts: 0, error: 'the local provider cannot apply changes yet' };
  }
}
