import path from 'node:path';
import type { Change } from '../model/plan.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { displayPath } from '../util/display-path.js';
import type { Uploader, UploadOutcome } from '../util/upload-command.js';
import { importFileResult, parseBatchReport } from './batch-report.js';
import type { ChangeResult } from './types.js';
import { type WrittenFile, writeUploadOrder } from './upload-order.js';

export interface HandoverOptions {
  target: string;
  runId: string;
  /** This run's folder. */
  dir: string;
  upload?: Uploader;
  log: (line: string) => void;
  /** How an administrator imports the files by hand, said in UPLOAD-ORDER.txt when no command uploads them. */
  importByHand: string;
  /** UPLOAD-ORDER.txt's lines between that and the files, and after the files. */
  orderNote: readonly string[];
  orderTail: readonly string[];
  /** What confirms a written change, said in its `deferred` result ("export the members again …"). */
  confirm: string;
}

export interface FileToHand {
  /** The file name after its number: `invite`, `invite-viewer-at-paris`. */
  stem: string;
  extension: string;
  content: string | Uint8Array;
  rows: number;
  /** What its rows do, e.g. "invite 3, grant 1". */
  describes: string;
  /** How to import it by hand, when each file needs its own settings (Deepomatic: the permission set). */
  settings?: string;
  /** Told to the upload command as its environment (the permission set). */
  env?: Readonly<Record<string, string>>;
}

/**
 * The run-folder skeleton of the import-file providers (3DEXPERIENCE, Deepomatic): each file numbered in
 * upload order under the run's folder, written atomically, handed to the upload command when there is
 * one, listed in UPLOAD-ORDER.txt (rewritten after every file, whole at any moment), said in the log, and
 * its changes given their honest results: `deferred` until the platform confirms them (design §9), the
 * batch report deciding when an upload command prints one, `failed` when the upload failed.
 */
export class FileHandover {
  private readonly files: WrittenFile[] = [];

  constructor(private readonly options: HandoverOptions) {}

  /**
   * Writes and hands over one file: its path, whether its upload failed (nothing reached the platform),
   * and the results of `changes`, the rows it holds.
   */
  async hand(
    file: FileToHand,
    changes: readonly Change[],
  ): Promise<{ file: string; failed: boolean; results: ChangeResult[] }> {
    const { target, log, upload } = this.options;
    const number = String(this.files.length + 1).padStart(2, '0');
    const full = path.join(this.options.dir, `${number}-${file.stem}.${file.extension}`);
    await writeFileAtomic(full, file.content);
    const written: WrittenFile = {
      file: full,
      rows: file.rows,
      content: file.describes,
      ...(file.settings !== undefined && { settings: file.settings }),
      status: 'to upload',
    };
    this.files.push(written);
    const outcome = upload ? await upload(full, file.env) : undefined;
    if (outcome) written.status = outcome.ok ? 'uploaded' : 'upload failed';
    await writeUploadOrder(
      this.options.dir,
      [
        `rollcall apply, target ${target}, run ${this.options.runId}`,
        upload ? 'These files were handed to the upload command in this order.' : this.options.importByHand,
        ...this.options.orderNote,
      ],
      this.files,
      this.options.orderTail,
    );
    const shown = displayPath(full);
    if (!outcome)
      log(
        `${target}: wrote ${shown} (${written.content}); ${file.settings ? `import it with ${file.settings}` : 'import it in order'}`,
      );
    else if (outcome.ok) log(`${target}: uploaded ${shown} (${written.content})`);
    else log(`${target}: upload of ${shown} failed: ${outcome.message}`);
    return {
      file: full,
      failed: outcome !== undefined && !outcome.ok,
      results: results(changes, shown, outcome, this.options.confirm),
    };
  }
}

function results(
  changes: readonly Change[],
  shown: string,
  outcome: UploadOutcome | undefined,
  confirm: string,
): ChangeResult[] {
  if (outcome && !outcome.ok)
    return changes.map((change) => ({
      change,
      status: 'failed',
      attempts: 1,
      error: outcome.message ?? 'upload failed',
      transient: outcome.transient ?? false,
    }));
  // Design §9: written is not done. The upload's batch report (or the next export) confirms it.
  const report = parseBatchReport(outcome?.stdout);
  return changes.map((change) => importFileResult(change, shown, outcome, report, confirm));
}
