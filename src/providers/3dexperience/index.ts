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
import { pendingRows } from '../pending-files.js';
import type { ApplyContext, ChangeResult, ConnectionRules, Provider, ProviderContext } from '../types.js';
import { BatchRun } from './batch-run.js';
import { Connection, type ThreeDxSettings, threeDxSettings } from './connection.js';
import { checkExportIdentities } from './export-identity.js';
import { pendingReport } from './pending-members.js';

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

/** What `validate` checks of the connection without reading anything (providers/connection-check.ts). */
export const connection: ConnectionRules = { schema: Connection, settings: threeDxSettings };

export function createProvider(target: Target, config: Config, context: ProviderContext): Provider {
  return new ThreeDxProvider(target.name, threeDxSettings(target, config), context.log);
}

/** Why a revoke is blocked unless `revokeByForceRow` is on, and where to do it by hand. */
export const REVOKE_BY_HAND =
  'the batch import documents no way to take a role away (a `force` row only "forces synchronization"): revoke it by hand in Members Control Center > Roles & Options, or set connection.revokeByForceRow once you have checked that your platform revokes by force rows';

export class ThreeDxProvider implements Provider {
  readonly capabilities: Capabilities;
  private readonly runs = new Map<string, BatchRun>();
  private pendingShown = false;

  constructor(
    readonly target: string,
    readonly settings: ThreeDxSettings,
    private readonly log: (line: string) => void = () => {},
  ) {
    const base = settings.grantWithoutLicense
      ? { ...THREEDX_CAPABILITIES, seatsAdvisory: true }
      : THREEDX_CAPABILITIES;
    this.capabilities = settings.revokeByForceRow
      ? base
      : { ...base, unsupportedActions: { revoke: REVOKE_BY_HAND } };
  }

  /** The members export (the newest file of a folder), with the seat pools of the seats file. */
  async read(): Promise<ActualState> {
    const file = await latestFile(this.settings.export, displayPath(this.settings.export), ['.csv']);
    const shown = displayPath(file);
    const members = await readMembersExport(file, shown);
    checkExportIdentities(members, shown);
    // Said once per run, not at every read (plan, apply, the re-plan after it).
    if (!this.pendingShown)
      for (const line of pendingReport(
        this.target,
        members,
        this.settings.pendingAfterDays ?? 14,
        new Date(),
      ))
        this.log(line);
    this.pendingShown = true;
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
      const state = await this.read();
      const exportFile = await latestFile(this.settings.export, displayPath(this.settings.export), ['.csv']);
      // Roles granted without a license: the files are not held back by the seat counts.
      if (this.settings.grantWithoutLicense) state.seats = {};
      run = new BatchRun(state, {
        target: this.target,
        runId: ctx.runId,
        dir: path.join(this.settings.outDir, ctx.runId),
        upload: this.settings.upload,
        log: ctx.log,
        pending: await pendingRows(this.settings.outDir, ctx.runId, exportFile, ';'),
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
