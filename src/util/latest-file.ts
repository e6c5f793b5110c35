import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { ProviderError } from '../model/errors.js';

/**
 * The export file a provider reads: `target` itself, or, when it is a directory (a downloads folder), the
 * most recently modified file in it with one of `extensions` (ties: the last by name).
 */
export async function latestFile(
  target: string,
  shown: string,
  extensions: readonly string[],
): Promise<string> {
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(target);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new ProviderError(
      code === 'ENOENT'
        ? `${shown}: export not found`
        : `${shown}: cannot read the export (${code ?? 'error'})`,
    );
  }
  if (!info.isDirectory()) return target;
  const candidates: { file: string; mtime: number }[] = [];
  for (const entry of await readdir(target, { withFileTypes: true })) {
    if (!entry.isFile() || entry.name.startsWith('.')) continue;
    if (!extensions.includes(path.extname(entry.name).toLowerCase())) continue;
    const file = path.join(target, entry.name);
    candidates.push({ file, mtime: (await stat(file)).mtimeMs });
  }
  if (candidates.length === 0)
    throw new ProviderError(
      `${shown}: no export file (${extensions.map((e) => `*${e}`).join(', ')}) in this directory`,
    );
  candidates.sort((a, b) => a.mtime - b.mtime || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return candidates[candidates.length - 1]!.file;
}
