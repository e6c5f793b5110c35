import path from 'node:path';
import type { Config, Target } from '../config/load.js';
import { displayPath } from '../config/load.js';
import type { Format } from '../config/schema.js';
import type { Diagnostics } from '../model/diagnostic.js';
import type { DesiredState } from '../model/member.js';
import { load3dxCsv } from './3dexperience-csv.js';
import type { FormatLoader } from './context.js';
import { MemberCollector } from './context.js';
import { loadDeepomaticCsv } from './deepomatic.js';
import { matchMembersPattern } from './member-files.js';
import { loadYaml } from './yaml.js';

/** The Anaplan and spreadsheet loaders (and their zip and xlsx libraries) load when first used: start-up. */
const loadAnaplanCsv: FormatLoader = async (f, c) => (await import('./anaplan.js')).loadAnaplanCsv(f, c);
const loadAnaplanTxt: FormatLoader = async (f, c) => (await import('./anaplan.js')).loadAnaplanTxt(f, c);
const loadAnaplanZip: FormatLoader = async (f, c) => (await import('./anaplan.js')).loadAnaplanZip(f, c);
const loadDeepomaticXlsx: FormatLoader = async (f, c) =>
  (await import('./deepomatic-xlsx.js')).loadDeepomaticXlsx(f, c);

/** Which loader reads which file ending, per dialect. YAML files are always the yaml format. */
const LOADERS: Record<Format, Record<string, FormatLoader>> = {
  yaml: {},
  '3dexperience': { '.csv': load3dxCsv },
  deepomatic: { '.csv': loadDeepomaticCsv, '.xlsx': loadDeepomaticXlsx },
  anaplan: { '.csv': loadAnaplanCsv, '.txt': loadAnaplanTxt, '.zip': loadAnaplanZip },
};

export function loaderFor(format: Format, file: string): FormatLoader | string {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.yaml' || ext === '.yml') return loadYaml;
  const loader = LOADERS[format][ext];
  if (loader) return loader;
  const accepted = ['.yaml', '.yml', ...Object.keys(LOADERS[format])].join(', ');
  return `a "${ext || path.basename(file)}" file cannot be read with format "${format}" (it reads ${accepted}); set the target's "format"`;
}

/** Resolves a target's member globs relative to the config. A pattern matching nothing is an error. */
export async function memberFiles(target: Target, config: Config, diags: Diagnostics): Promise<string[]> {
  const files = new Set<string>();
  for (const { pattern, at } of target.members) {
    const found = await matchMembersPattern(pattern, config.dir);
    for (const p of found.problems) diags.error({ file: displayPath(p.file) }, p.message);
    if (found.directory)
      diags.error(
        at,
        `members pattern "${pattern}" names a directory; name its files, as "${pattern.replace(/\/+$/, '')}/*.yaml"`,
      );
    else if (found.files.length === 0 && found.problems.length === 0)
      diags.error(
        at,
        `members pattern "${pattern}" matches no file (pruning against nothing would offboard everyone)`,
      );
    for (const f of found.files) files.add(path.normalize(f));
  }
  return [...files];
}

/** Loads every desired-state file of a target; every problem goes to `diags`. */
export async function loadDesiredState(
  target: Target,
  config: Config,
  diags: Diagnostics,
): Promise<DesiredState> {
  const collector = new MemberCollector(diags);
  const files = await memberFiles(target, config, diags);
  for (const file of files) {
    const shown = displayPath(file);
    const loader = loaderFor(target.format, file);
    if (typeof loader === 'string') {
      diags.error({ file: shown, line: 1, column: 1 }, loader);
      continue;
    }
    const before = { members: collector.members.size, errors: diags.errorCount };
    await loader(file, { target, file: shown, diags, add: collector.add });
    if (collector.members.size === before.members && diags.errorCount === before.errors)
      diags.warn(
        { file: shown, line: 1, column: 1 },
        target.policy.prune
          ? 'file has no members: with policy.prune, members found only in it would be offboarded'
          : 'file has no members',
      );
  }
  return {
    target: target.name,
    members: collector.members,
    files: files.map((f) => path.relative(config.dir, f)),
  };
}
