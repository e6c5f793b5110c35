import path from 'node:path';
import { writeFileAtomic } from '../util/atomic-write.js';

/** One import file a run wrote, for the upload order. */
export interface WrittenFile {
  /** Absolute path. */
  file: string;
  rows: number;
  /** What its rows do, e.g. "invite 3, grant 1". */
  content: string;
  /** How to import it, when each file needs its own settings (Deepomatic: the permission set). */
  settings?: string;
  status: 'to upload' | 'uploaded' | 'upload failed';
}

export const UPLOAD_ORDER_FILE = 'UPLOAD-ORDER.txt';

/** "invite 3, grant 1": counts of the actions in a file, in the given order. */
export function describeActions(actions: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const a of actions) counts.set(a, (counts.get(a) ?? 0) + 1);
  return [...counts].map(([a, n]) => `${a} ${n}`).join(', ');
}

/**
 * Rewrites `<dir>/UPLOAD-ORDER.txt`: the files of this run in the order they must be imported, what each
 * holds, and what to do around them. Written after every file, so that it is whole at any moment.
 */
export async function writeUploadOrder(
  dir: string,
  head: readonly string[],
  files: readonly WrittenFile[],
  tail: readonly string[],
): Promise<string> {
  const lines = [...head, ''];
  files.forEach((f, i) => {
    lines.push(
      `${String(i + 1).padStart(3)}. ${path.basename(f.file)}  (${f.rows} row${f.rows === 1 ? '' : 's'}: ${f.content})  [${f.status}]`,
    );
    if (f.settings) lines.push(`      ${f.settings}`);
  });
  lines.push('', ...tail, '');
  const file = path.join(dir, UPLOAD_ORDER_FILE);
  await writeFileAtomic(file, lines.join('\n'), { durable: false });
  return file;
}
