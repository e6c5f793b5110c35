import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { readSavedPlan } from '../apply/saved-plan.js';
import { ValidationError } from '../model/errors.js';
import type { Plan } from '../model/plan.js';
import { combinePlans } from '../plan/combine.js';
import { displayPath } from '../util/display-path.js';
import { fileSystemReason, isFileSystemError } from '../util/fs-errors.js';

/**
 * `rollcall show` as a library call: saved plans (files, or folders of `*.json` files, as a workflow's
 * artifacts arrive) read, each refused when edited since it was made, and combined into one plan.
 * Reads no config and no platform.
 */
export async function showRun(paths: readonly string[]): Promise<{ plan: Plan; files: string[] }> {
  const files: string[] = [];
  for (const p of paths) files.push(...(await planFiles(p)));
  if (files.length === 0) throw new ValidationError('no plan file given');
  const parts = [];
  for (const file of files) parts.push({ plan: await readSavedPlan(file), source: displayPath(file) });
  return { plan: combinePlans(parts), files };
}

/** A file as it is; a folder's `*.json` files, sorted by name (none: an error naming the folder). */
async function planFiles(p: string): Promise<string[]> {
  let isFolder: boolean;
  try {
    isFolder = (await stat(p)).isDirectory();
  } catch (e) {
    if (!isFileSystemError(e)) throw e;
    throw new ValidationError(`${displayPath(p)}: cannot read the saved plan: ${fileSystemReason(e)}`);
  }
  if (!isFolder) return [p];
  const names = (await readdir(p)).filter((n) => n.endsWith('.json')).sort();
  if (names.length === 0)
    throw new ValidationError(`${displayPath(p)}: no plan file (*.json) in this folder`);
  return names.map((n) => path.join(p, n));
}
