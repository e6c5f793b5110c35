import path from 'node:path';
import { displayPath } from './display-path.js';

/** A path as a POSIX shell reads it back (quoted when it has spaces or other special characters). */
export function shellWord(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/**
 * The ` -c FILE` a printed hint (`rollcall apply …`, `rollcall plan …`) must carry for the command to work as
 * shown: empty when the configuration is `rollcall.yaml` of the working directory, the default of `-c`.
 */
export function configFlag(configFile: string): string {
  if (path.resolve(configFile) === path.resolve('rollcall.yaml')) return '';
  return ` -c ${shellWord(displayPath(configFile))}`;
}
