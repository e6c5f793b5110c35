import path from 'node:path';
import type { Config, Target } from '../../config/load.js';
import { readMembersExport } from '../../formats/3dexperience/members-export.js';
import { readSeatsFile, seatPools } from '../../formats/3dexperience/seats-file.js';
import type { Capabilities } from '../../model/capabilities.js';
import { normalizeKey } from '../../model/key.js';
import type { ActualState } from '../../model/member.js';
import type { Change } from '../../model/plan.js';
import { displayPath } from '../../util/display-path.js';
import { latestFile } from '../../util/latest-file.js';
import type { ApplyContext, ChangeResult, Provider } from '../types.js';
import { BatchRun } from './batch-run.js';
import { type ThreeDxSettings, threeDxSettings } from './connection.js';

/**
 * 3DEXPERIENCE offers no public API for members: administrators import batch files by hand. What an import
 * can do (see batch-rows.ts) decides these capabilities; the planner blocks the rest as `unsupported`.
 */
export const THREEDX_CAPABILITIES: Capabilities = {
  pseudonymize: true, // remove = 2
  hardDelete: true, // remove = 3, pseudonymized users only
  lockedLicenses: true,
  updatableFields: ['admin', 'external', 'location'], // rights, agreement, location; names come from 3DPassport
  batchOnly: true, // one import per phase, processed asynchronously (Not Started → OK / KO)
  concurrency: 1,
  minWriteIntervalMs: 0,
};

export function createProvider(target: Target, config: Config): Provider {
  return new ThreeDxProvider(target.name, threeDxSettings(target, config));
}

export class ThreeDxProvider implements Provider {
  readonly capabilities = THREEDX_CAPABILITIES;
  private readonly runs = new Map<string, BatchRun>();

  constructor(
    readonly target: string,
    readonly settings: ThreeDxSettings,
  ) {}

  /** The members export (the newest file of a folder), with the seat pools of the seats file. */
  async read(): Promise<ActualState> {
    const file = await latestFile(this.settings.export, displayPath(this.settings.export), ['.csv']);
    const shown = displayPath(file);
    const members = await readMembersExport(file, shown);
    const state: ActualState = { seats: {}, members };
    if (this.settings.seats) {
      const seatsShown = displayPath(this.settings.seats);
      const lines = await readSeatsFile(this.settings.seats, seatsShown);
      state.seats = seatPools(lines, members, { seats: seatsShown, export: shown });
    }
    if (this.settings.self) state.self = normalizeKey(this.settings.self);
    return state;
  }

  /** Writes the phase's batch files (and uploads them when a command is set), one result per change. */
  async *apply(changes: readonly Change[], ctx: ApplyContext): AsyncIterable<ChangeResult> {
    let run = this.runs.get(ctx.runId);
    if (!run) {
      run = new BatchRun(await this.read(), {
        target: this.target,
        runId: ctx.runId,
        dir: path.join(this.settings.outDir, ctx.runId),
        upload: this.settings.upload,
        log: ctx.log,
        refresh: [
          `Members export: ${displayPath(this.settings.export)}`,
          ...(this.settings.seats ? [`Seats: ${displayPath(this.settings.seats)}`] : []),
        ],
      });
      this.runs.set(ctx.runId, run);
    }
    yield* run.apply(changes);
  }
}
