import path from 'node:path';
import {
  type ModelUser,
  readModelUsersExport,
  type UsersExport,
} from '../../formats/anaplan/users-export.js';
import type { ApplyContext, ChangeResult } from '../types.js';
import type { ModelImportSettings } from './connection.js';
import { ImportRun } from './import-run.js';
import type { ModelPart, ModelRoleWriter } from './model-roles.js';

/**
 * The ModelRoleWriter of a configured model (`connection.model`): reads the model's users export, and
 * writes the user import files of each apply run under `outDir/<run id>/` (see ImportRun).
 */
export class ModelImport implements ModelRoleWriter {
  private last: UsersExport | undefined;
  private readonly runs = new Map<string, ImportRun>();

  constructor(
    private readonly target: string,
    private readonly settings: ModelImportSettings,
    private readonly isModelRole: (role: string) => boolean,
  ) {}

  async read(): Promise<Map<string, ModelUser>> {
    this.last = await readModelUsersExport(this.settings.export);
    return this.last.users;
  }

  async apply(parts: readonly ModelPart[], ctx: ApplyContext): Promise<ChangeResult[]> {
    let run = this.runs.get(ctx.runId);
    if (!run) {
      if (!this.last) await this.read();
      run = new ImportRun(this.last!, {
        target: this.target,
        runId: ctx.runId,
        dir: path.join(this.settings.outDir, ctx.runId),
        model: this.settings.name,
        fileFormat: this.settings.fileFormat,
        upload: this.settings.upload,
        log: ctx.log,
        exportPath: this.settings.export,
        isModelRole: this.isModelRole,
        reread: () => readModelUsersExport(this.settings.export),
      });
      this.runs.set(ctx.runId, run);
    }
    return run.apply(parts);
  }
}
