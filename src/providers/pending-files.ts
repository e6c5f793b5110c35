import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { normalizeKey } from '../model/key.js';
import type { Change } from '../model/plan.js';
import { displayPath } from '../util/display-path.js';
import type { ChangeResult } from './types.js';

/** A row an earlier apply wrote to an import file that the platform's export does not show yet. */
export interface PendingRow {
  file: string;
  /** What the file does: `invite`, `remove`, … (its name after the number). */
  kind: string;
}

/**
 * The rows of earlier runs' import files (under `outDir`, one folder per run) written after the export
 * the plan was made from: the platform has not confirmed them, so an apply now must not write the same
 * rows again (a second invitation) but say which files still wait. Only CSV files are read (an .xlsx is
 * not, and its rows are not held back). Keyed by member key; a missing `outDir` has none.
 */
export async function pendingRows(
  outDir: string,
  currentRun: string,
  exportFile: string,
  delimiter: ';' | ',',
): Promise<Map<string, PendingRow>> {
  const out = new Map<string, PendingRow>();
  let since: number;
  let runs: string[];
  try {
    since = (await stat(exportFile)).mtimeMs;
    runs = (await readdir(outDir, { withFileTypes: true }))
      .filter((e) => e.isDirectory() && e.name !== currentRun)
      .map((e) => e.name)
      .sort();
  } catch {
    return out;
  }
  for (const run of runs) {
    const dir = path.join(outDir, run);
    const failed = await failedUploads(dir);
    for (const name of (await readdir(dir)).filter((n) => /^\d+-.+\.csv$/i.test(n)).sort()) {
      if (failed.has(name)) continue; // never reached the platform: written again
      const file = path.join(dir, name);
      if ((await stat(file)).mtimeMs <= since) continue; // the export was taken after it
      const kind = /^\d+-([a-z]+)/i.exec(name)![1]!.toLowerCase();
      const lines = (await readFile(file, 'utf8')).split(/\r?\n/).slice(1);
      for (const line of lines) {
        const user = line.split(delimiter)[0]?.replace(/^"|"$/g, '').trim();
        if (user) out.set(`${kind}\u0000${normalizeKey(user)}`, { file, kind });
      }
    }
  }
  return out;
}

/** The pending row of `key` for a change of `kind`, if an earlier run wrote one. */
export function pendingFor(
  pending: ReadonlyMap<string, PendingRow> | undefined,
  kind: string,
  key: string,
): PendingRow | undefined {
  return pending?.get(`${kind}\u0000${normalizeKey(key)}`);
}

/**
 * The result of a change an earlier run already wrote to an import file that `exportName` (the export the
 * plan was made from) does not show yet: deferred, not written again.
 */
export function stillPending(change: Change, waiting: PendingRow, exportName: string): ChangeResult {
  return {
    change,
    status: 'deferred',
    attempts: 1,
    error: `not written again: ${displayPath(waiting.file)}, written by an earlier apply, still waits for the ${exportName} to show it (import it if not done, export again, then apply)`,
  };
}

/** Files whose upload failed, as the run's UPLOAD-ORDER.txt marks them ("[upload failed]"). */
async function failedUploads(dir: string): Promise<Set<string>> {
  const out = new Set<string>();
  let text: string;
  try {
    text = await readFile(path.join(dir, 'UPLOAD-ORDER.txt'), 'utf8');
  } catch {
    return out;
  }
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*\d+\.\s+(\S+)\s.*\[upload failed\]\s*$/.exec(line);
    if (m) out.add(m[1]!);
  }
  return out;
}
