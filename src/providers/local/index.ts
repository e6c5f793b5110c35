import path from 'node:path';
import { z } from 'zod';
import type { Config, Target } from '../../config/load.js';
import { ALL_FIELDS, type Capabilities } from '../../model/capabilities.js';
import type { ActualState } from '../../model/member.js';
import type { Change } from '../../model/plan.js';
import { PlatformState } from '../../model/transition.js';
import { syncFile, writeFileAtomic } from '../../util/atomic-write.js';
import { displayPath } from '../../util/display-path.js';
import { removeStaleTempFiles } from '../../util/stale-temp-files.js';
import { parseConnection } from '../connection.js';
import type { ApplyContext, ChangeResult, ConnectionRules, Provider } from '../types.js';
import { localBatchSize, MIN_LOCAL_BATCH } from './batch.js';
import { acquireLock } from './lock.js';
import { readStateFile, serializeState } from './state-file.js';

export const Connection = z.strictObject({
  state: z.string().min(1).describe('Path of the state file, relative to rollcall.yaml'),
});

/** The embedded default: a platform kept in a JSON/YAML state file, for demos, tests and offline work. */
export const LOCAL_CAPABILITIES: Capabilities = {
  pseudonymize: true,
  hardDelete: true,
  lockedLicenses: true,
  updatableFields: ALL_FIELDS,
  batchOnly: false,
  concurrency: 1,
  minWriteIntervalMs: 0,
};

/** What `validate` checks of a local target's connection without the network (providers/connection-check.ts). */
export const connection: ConnectionRules = {
  schema: Connection,
  settings: (target, config) => createProvider(target, config),
};

export function createProvider(target: Target, config: Config): Provider {
  const connection = parseConnection(Connection, target);
  const file = path.resolve(config.dir, connection.state);
  return new LocalProvider(file);
}

export class LocalProvider implements Provider {
  /**
   * The platform's rules are LOCAL_CAPABILITIES; the executor hands this provider whole batches (journaled
   * `sent` first), so that the state file is written once per batch rather than once per change.
   */
  capabilities: Capabilities = { ...LOCAL_CAPABILITIES, batchOnly: true, maxBatchSize: MIN_LOCAL_BATCH };
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
    this.capabilities = { ...this.capabilities, maxBatchSize: localBatchSize(this.platform.members.size) };
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

  /**
   * Each change is checked by the platform rules in memory; then the state file is rewritten atomically,
   * once for the whole batch, and only then are the results reported: a change is never reported done
   * (and journaled `succeeded`) before it is on disk. A killed run leaves the old file or the new one.
   */
  async *apply(changes: readonly Change[], _ctx: ApplyContext): AsyncIterable<ChangeResult> {
    const platform = this.platform ?? new PlatformState(await readStateFile(this.file, this.shown));
    const results: ChangeResult[] = [];
    let changed = false;
    for (const change of changes) {
      const refusal = platform.apply(change);
      if (refusal) results.push({ change, status: 'failed', attempts: 1, error: refusal });
      else {
        changed = true;
        results.push({ change, status: 'succeeded', attempts: 1 });
      }
    }
    if (changed) {
      try {
        // Renamed into place once per batch; synced once at release.
        await writeFileAtomic(this.file, serializeState(platform.snapshot()), { durable: !this.platform });
      } catch (e) {
        // Nothing of this batch is on disk: the platform is what the file says, not what memory says.
        if (this.platform)
          this.platform = new PlatformState(
            await readStateFile(this.file, this.shown).catch(() => {
              throw e;
            }),
          );
        throw e;
      }
      this.written = true;
    }
    yield* results;
  }
}
