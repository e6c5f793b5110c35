import type { Dirent } from 'node:fs';
import { readdir, realpath } from 'node:fs/promises';
import path from 'node:path';
import picomatch from 'picomatch';
import { fileKind } from '../util/fs-errors.js';

/** What one members pattern names: its files (absolute, sorted), and what matched but cannot be read. */
export interface PatternMatch {
  files: string[];
  /** A broken symbolic link, a link loop, a device or a pipe: "m/old.yaml: broken symbolic link …". */
  problems: { file: string; message: string }[];
  /** The pattern names a directory, not files. */
  directory?: boolean;
}

/**
 * The files a members pattern (picomatch syntax, relative to `cwd`) matches. A matching entry that cannot be
 * read is reported, never skipped: with pruning, members silently missing would be offboarded. Symbolic
 * links are followed, to files and to directories (a loop back to a directory being walked is not), and
 * only paths that match the pattern are returned: a linked directory whose name matches a file pattern is
 * not searched.
 */
export async function matchMembersPattern(pattern: string, cwd: string): Promise<PatternMatch> {
  const scan = picomatch.scan(pattern);
  const base = path.resolve(cwd, literal(scan.base));
  const out: PatternMatch = { files: [], problems: [] };
  const check = async (file: string): Promise<boolean> => {
    const kind = await fileKind(file);
    if (kind === 'file') out.files.push(file);
    else if (typeof kind === 'object') out.problems.push({ file, message: `cannot read: ${kind.problem}` });
    else if (kind === 'other')
      out.problems.push({ file, message: 'not a regular file (a device, a pipe or a socket)' });
    return kind === 'directory';
  };

  if (!scan.isGlob) {
    out.directory = await check(base);
    return out;
  }
  const isMatch = picomatch(scan.glob, { dot: false });
  const maxDepth = scan.glob.includes('**') ? Number.POSITIVE_INFINITY : scan.glob.split('/').length;
  const walkDotDirs = /(^|\/)\./.test(scan.glob);
  const walk = async (dir: string, rel: string, depth: number, ancestors: string[]): Promise<void> => {
    let entries: Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return; // the pattern's folder does not exist (or is not a folder): it matches nothing
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      const relPath = rel ? `${rel}/${entry.name}` : entry.name;
      const matches = isMatch(relPath);
      const descend = depth < maxDepth && (walkDotDirs || !entry.name.startsWith('.'));
      if (entry.isDirectory()) {
        // Its real path: the parent's and its name (it is no link); one seen above is a loop through a link.
        const real = path.join(ancestors.at(-1)!, entry.name);
        if (descend && !ancestors.includes(real)) await walk(full, relPath, depth + 1, [...ancestors, real]);
      } else if (entry.isFile()) {
        if (matches) out.files.push(full);
      } else if (entry.isSymbolicLink()) {
        const kind = matches ? await check(full) : descend && (await fileKind(full)) === 'directory';
        if (!kind || !descend) continue;
        const real = await realpath(full);
        if (!ancestors.includes(real)) await walk(full, relPath, depth + 1, [...ancestors, real]);
      } else if (matches) {
        out.problems.push({ file: full, message: 'not a regular file (a device, a pipe or a socket)' });
      }
    }
  };
  const root = await realpath(base).catch(() => undefined);
  if (root) await walk(base, '', 1, [root]);
  out.files.sort();
  return out;
}

/** picomatch keeps the escapes of a literal part ("a\\*b" names the file "a*b"). */
function literal(s: string): string {
  return s.replace(/\\(.)/g, '$1');
}
