import path from 'node:path';
import type { Config, Target } from '../../config/load.js';
import { readUsersExport } from '../../formats/deepomatic/users-export.js';
import type { Capabilities } from '../../model/capabilities.js';
import { normalizeKey } from '../../model/key.js';
import type { ActualState } from '../../model/member.js';
import type { Change } from '../../model/plan.js';
import { displayPath } from '../../util/display-path.js';
import { latestFile } from '../../util/latest-file.js';
import { pendingRows } from '../pending-files.js';
import type { ApplyContext, ChangeResult, ConnectionRules, Provider } from '../types.js';
import { Connection, type DeepomaticSettings, deepomaticSettings } from './connection.js';
import { BY_HAND, InviteRun } from './invite-run.js';

/**
 * Deepomatic offers batch invitation by file and nothing else for members: one role and set of site
 * accesses per imported file, no update, no removal. The planner blocks what an import cannot do (updates,
 * role changes, removals, pseudonymization and deletion) with where to do it by hand, and an invitation
 * without a role, names or e-mail address.
 */
export const DEEPOMATIC_CAPABILITIES: Capabilities = {
  pseudonymize: false,
  hardDelete: false,
  lockedLicenses: false,
  updatableFields: [],
  unsupportedActions: BY_HAND,
  inviteNeeds: ['firstName', 'lastName'],
  // "setting permissions for your users is necessary to complete the group user import action"
  inviteNeedsRole: true,
  // "Email: … needs to comply with a valid email format"
  inviteNeedsEmail: true,
  batchOnly: true,
  concurrency: 1,
  minWriteIntervalMs: 0,
};

/** What `validate` checks of the connection without reading anything (providers/connection-check.ts). */
export const connection: ConnectionRules = { schema: Connection, settings: deepomaticSettings };

export function createProvider(target: Target, config: Config): Provider {
  return new DeepomaticProvider(target.name, deepomaticSettings(target, config));
}

export class DeepomaticProvider implements Provider {
  readonly capabilities = DEEPOMATIC_CAPABILITIES;
  private readonly runs = new Map<string, InviteRun>();

  constructor(
    readonly target: string,
    readonly settings: DeepomaticSettings,
  ) {}

  async read(): Promise<ActualState> {
    const file = await latestFile(this.settings.export, displayPath(this.settings.export), ['.csv']);
    const { members } = await readUsersExport(file, displayPath(file));
    const state: ActualState = { seats: {}, members };
    if (this.settings.self) state.self = normalizeKey(this.settings.self);
    return state;
  }

  async *apply(changes: readonly Change[], ctx: ApplyContext): AsyncIterable<ChangeResult> {
    let run = this.runs.get(ctx.runId);
    if (!run) {
      const exportFile = await latestFile(this.settings.export, displayPath(this.settings.export), ['.csv']);
      run = new InviteRun({
        pending: await pendingRows(this.settings.outDir, ctx.runId, exportFile, ','),
        target: this.target,
        runId: ctx.runId,
        dir: path.join(this.settings.outDir, ctx.runId),
        fileFormat: this.settings.fileFormat,
        upload: this.settings.upload,
        log: ctx.log,
        exportPath: this.settings.export,
      });
      this.runs.set(ctx.runId, run);
    }
    yield* run.apply(changes);
  }
}
