import path from 'node:path';
import { describeRow, type ImportRow, importFileText } from '../../formats/anaplan/import-file.js';
import type { ModelUser, UsersExport } from '../../formats/anaplan/users-export.js';
import { writeFileAtomic } from '../../util/atomic-write.js';
import { displayPath } from '../../util/display-path.js';
import type { Uploader } from '../../util/upload-command.js';
import type { ChangeResult } from '../types.js';
import { describeActions, type WrittenFile, writeUploadOrder } from '../upload-order.js';
import type { ModelPart } from './model-roles.js';
import { afterRow, mergeRows, rowFor, rowMismatch } from './row-plan.js';

export interface ImportRunOptions {
  target: string;
  runId: string;
  dir: string;
  model?: string;
  fileFormat: 'csv' | 'txt';
  upload?: Uploader;
  log: (line: string) => void;
  /** The users export as configured (a file or folder), for messages. */
  exportPath: string;
  isModelRole: (role: string) => boolean;
  /** Reads the users export again, after an upload. */
  reread: () => Promise<UsersExport>;
}

/** A file of this run, with its rows by user and the parts they carry out. */
interface ImportFile {
  written: WrittenFile;
  rows: Map<string, ImportRow>;
  parts: ModelPart[];
}

/**
 * One apply run's user import files for one model. Each row carries only what differs from the model (as
 * the users export shows it, and as this run's earlier rows leave it). Without an upload command, the
 * phases of a run go in one file, a user's later row merged into its earlier one (a role changed by a
 * revoke then a grant is one row, never a moment of No Access), and its results are `deferred`: only the
 * import, run by a workspace administrator, makes them so. With one, each phase's file is uploaded, and
 * when the command also refreshed the users export, each row is confirmed against it: `succeeded` when the
 * export shows it, `failed` when the import did not take it.
 */
export class ImportRun {
  private readonly files: WrittenFile[] = [];
  private open: ImportFile | undefined;
  private projection: Map<string, ModelUser>;

  constructor(
    private base: UsersExport,
    private readonly options: ImportRunOptions,
  ) {
    this.projection = new Map(base.users);
  }

  async apply(parts: readonly ModelPart[]): Promise<ChangeResult[]> {
    const results: ChangeResult[] = [];
    const accepted: { part: ModelPart; row: ImportRow }[] = [];
    for (const part of parts) {
      const key = part.change.key;
      const r = rowFor(part, this.projection.get(key), this.options.isModelRole);
      if ('error' in r) results.push(failed(part, r.error));
      else if (!r.row) results.push({ change: part.change, status: 'succeeded', attempts: 1 });
      else {
        accepted.push({ part, row: r.row });
        this.projection.set(key, afterRow(this.projection.get(key), r.row));
      }
    }
    if (accepted.length === 0) return results;

    const file = this.open ?? this.newFile();
    this.open = file;
    for (const { part, row } of accepted) {
      const earlier = file.rows.get(row.email);
      file.rows.set(row.email, earlier ? mergeRows(earlier, row) : row);
      file.parts.push(part);
    }
    await this.write(file);
    if (!this.options.upload) {
      const shown = displayPath(file.written.file);
      this.options.log(
        `${this.options.target}: wrote ${shown} (${file.written.content}); import it into the model${this.options.model ? ` ${this.options.model}` : ''} once apply is done`,
      );
      for (const { part, row } of accepted)
        results.push({
          change: part.change,
          status: 'deferred',
          attempts: 1,
          error: `${describeRow(row)}: written to ${shown}, for a workspace administrator to import into the model (see UPLOAD-ORDER.txt)`,
        });
      return results;
    }
    this.open = undefined;
    results.push(...(await this.upload(file, accepted)));
    return results;
  }

  private newFile(): ImportFile {
    const number = String(this.files.length + 1).padStart(2, '0');
    const file = path.join(this.options.dir, `${number}-model-users.${this.options.fileFormat}`);
    const written: WrittenFile = { file, rows: 0, content: '', status: 'to upload' };
    this.files.push(written);
    return { written, rows: new Map(), parts: [] };
  }

  private async write(file: ImportFile): Promise<void> {
    const rows = [...file.rows.values()];
    await writeFileAtomic(file.written.file, importFileText(rows, this.options.fileFormat));
    file.written.rows = rows.length;
    file.written.content = describeActions(file.parts.map((p) => p.change.action));
    await this.writeOrder();
  }

  private async upload(
    file: ImportFile,
    accepted: { part: ModelPart; row: ImportRow }[],
  ): Promise<ChangeResult[]> {
    const { target, log } = this.options;
    const shown = displayPath(file.written.file);
    const outcome = await this.options.upload!(file.written.file);
    file.written.status = outcome.ok ? 'uploaded' : 'upload failed';
    await this.writeOrder();
    if (!outcome.ok) {
      log(`${target}: upload of ${shown} failed: ${outcome.message}`);
      // The model was not changed: later rows are planned against what it has.
      for (const { part } of accepted) this.restore(part.change.key);
      return accepted.map(({ part }) => ({
        ...failed(part, outcome.message ?? 'upload failed'),
        transient: outcome.transient ?? false,
      }));
    }
    log(`${target}: uploaded ${shown} (${file.written.content})`);
    const exported = await this.options.reread();
    if (exported.fingerprint === this.base.fingerprint)
      return accepted.map(({ part, row }) => ({
        change: part.change,
        status: 'deferred',
        attempts: 1,
        error: `${describeRow(row)}: uploaded in ${shown}; export the model's users again (${displayPath(this.options.exportPath)}) and run plan to confirm it`,
      }));
    this.base = exported;
    this.projection = new Map(exported.users);
    return accepted.map(({ part }) => {
      const row = file.rows.get(part.change.key)!;
      const mismatch = rowMismatch(row, exported.users.get(row.email));
      if (!mismatch) return { change: part.change, status: 'succeeded', attempts: 1 };
      return failed(
        part,
        `the import did not take the row of ${shown} (${describeRow(row)}): ${mismatch}; its Import Completed report says why`,
      );
    });
  }

  private restore(key: string): void {
    const had = this.base.users.get(key);
    if (had) this.projection.set(key, had);
    else this.projection.delete(key);
  }

  private async writeOrder(): Promise<void> {
    const model = this.options.model ? `the model ${this.options.model}` : 'the model';
    await writeUploadOrder(
      this.options.dir,
      [
        `rollcall apply, target ${this.options.target}, run ${this.options.runId}`,
        this.options.upload
          ? `These files were handed to the upload command in this order, to import into ${model}.`
          : `Import into ${model} (Users > Import, as a workspace administrator), in this order:`,
        'Users, their workspace access and deactivations were done over SCIM; these files set only model',
        'roles, selective access and SSO. An empty cell leaves that attribute as it is.',
      ],
      this.files,
      [
        'The Import Completed dialog says how many rows were imported; its Details tab lists the others.',
        "Then export the model's users again and run `rollcall plan`: rows the import refused are planned",
        'again.',
        `The model's users export is read from: ${displayPath(this.options.exportPath)}`,
      ],
    );
  }
}

function failed(part: ModelPart, error: string): ChangeResult {
  return { change: part.change, status: 'failed', attempts: 1, error };
}
