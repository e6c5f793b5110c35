import { readdirSync } from 'node:fs';
import path from 'node:path';

const SKIP = new Set(['node_modules', '.git']);

/**
 * The folders an apply run wrote for the platforms to import (3DEXPERIENCE batch files, Deepomatic invite
 * files, Anaplan user import files): every import-file provider writes them to `<outDir>/<run id>/`, so
 * they are the folders named after the run id below the working directory (searched `depth` levels down,
 * never in node_modules or .git). Relative to `root`, sorted. On a runner they are lost with it unless a
 * later step uploads them: the `run-folders` output, for actions/upload-artifact.
 */
export function runFolders(runId: string, root = process.cwd(), depth = 6): string[] {
  const found: string[] = [];
  const walk = (dir: string, left: number) => {
    let entries: import('node:fs').Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (!e.isDirectory() || SKIP.has(e.name)) continue;
      const full = path.join(dir, e.name);
      if (e.name === runId) found.push(path.relative(root, full).split(path.sep).join('/'));
      else if (left > 0) walk(full, left - 1);
    }
  };
  walk(root, depth);
  return found.sort();
}

/** The job summary's lines naming them. */
export function runFoldersMarkdown(folders: readonly string[]): string {
  if (folders.length === 0) return '';
  return [
    '',
    '#### Files for the platforms to import',
    '',
    ...folders.map((f) => `- \`${f.replaceAll('`', '')}/\` (with its \`UPLOAD-ORDER.txt\`)`),
    '',
    "They are uploaded as this run's artifact when the workflow has an upload step for the `run-folders` output; import them in the order `UPLOAD-ORDER.txt` gives.",
    '',
  ].join('\n');
}
