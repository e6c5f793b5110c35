import path from 'node:path';
import { z } from 'zod';
import type { Config, Target } from '../../config/load.js';
import { displayPath } from '../../config/load.js';
import type { ActualState } from '../../model/member.js';
import type { Change } from '../../model/plan.js';
import { syncFile, writeFileAtomic } from '../../util/atomic-write.js';
import { removeStaleTempFiles } from '../../util/stale-temp-files.js';
import { parseConnection } from '../connection.js';
import {
  ALL_FIELDS,
  type ApplyContext,
  type Capabilities,
  type ChangeResult,
  type Provider,
} from '../types.js';
import { acquireLock } from './lock.js';
import { readStateFile, serializeState } from './state-file.js';
import { PlatformState } from './transition.js';

export const Connection = z.strictObject({
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
  private readonly shown: string;
  /** While locked: the platform as this run has left it. */
  private platform: PlatformState | undefined;
  private release: (() => void) | undefined;
  private written = false;

  constructor(readonly file: string) {
    this.shown = displayPath(file);
  }

  read(): Promise<ActualState> {
    if (this.platform) return Promise.resolve(this.platform.snapshot());
    return readStateFile(this.file, this.shown);
  }

  async lock(): Promise<() => Promise<void>> {
    const release = acquireLock(this.file, this.shown);
    try {
      removeStaleTempFiles(this.file);
      this.platform = new PlatformState(await readStateFile(this.file, this.shown));
    } catch (e) {
      release(); // a refused apply (an invalid state file) must not leave its lock behind
      throw e;
    }
    this.release = release;
    return async () => {
      this.platform = undefined;
      try {
        if (this.written) await syncFile(this.file);
      } finally {
        this.written = false;
        this.release?.();
        this.release = undefined;
      }
    };
  }

  /** Each change is checked by the platform rules, then the state file is rewritten atomically. */
  async *apply(changes: readonly Change[], _ctx: ApplyContext): AsyncIterable<ChangeResult> {
    const platform = this.platform ?? new PlatformState(await readStateFile(this.file, this.shown));
    for (const change of changes) {
      const refusal = platform.apply(change);
      if (refusal) {
        yield { change, status: 'failed', attempts: 1, error: refusal };
        continue;
      }
      // Renamed into place per change (a killed run leaves a whole file); synced once at release.
      await writeFileAtomic(this.file, serializeState(platform.snapshot()), { durable: !this.platform });
      this.written = true;
      yield { change, status: 'succeeded', attempts: 1 };
    }
  }
}
