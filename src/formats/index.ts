import path from 'node:path';
import type { ActualState } from '../model/member.js';
import { threeDxDialect } from './3dexperience/index.js';
import { anaplanDialect } from './anaplan/index.js';
import { deepomaticDialect } from './deepomatic/index.js';
import type { Dialect, FormatName, FormatWriter, RoleNames, WriterOptions } from './dialect.js';
import type { FormatLoader } from './load-context.js';
import { yamlDialect } from './yaml/index.js';

export { FORMATS, type FormatName, type FormatWriter, type WriterOptions } from './dialect.js';

/** Every dialect; a new format is its own folder plus one line here. */
export const DIALECTS: Readonly<Record<FormatName, Dialect>> = {
  yaml: yamlDialect,
  '3dexperience': threeDxDialect,
  deepomatic: deepomaticDialect,
  anaplan: anaplanDialect,
};

/** The loader of a file for a target of `format`: YAML files by their ending, the rest by the dialect. */
export function loaderFor(format: FormatName, file: string): FormatLoader | string {
  const ext = path.extname(file).toLowerCase();
  const yaml = yamlDialect.loaders[ext];
  if (yaml) return yaml;
  const loaders = format === 'yaml' ? {} : DIALECTS[format].loaders;
  const loader = loaders[ext];
  if (loader) return loader;
  const accepted = ['.yaml', '.yml', ...Object.keys(loaders)].join(', ');
  return `a "${ext || path.basename(file)}" file cannot be read with format "${format}" (it reads ${accepted}); set the target's "format"`;
}

/** The writer of a format, or the sentence saying there is none yet. */
export function writerFor(format: FormatName): FormatWriter | string {
  const writer = DIALECTS[format].writer;
  if (writer) return writer;
  const known = Object.values(DIALECTS)
    .filter((d) => d.writer)
    .map((d) => d.name)
    .join(', ');
  return `import cannot write the ${format} format yet (it writes ${known}); use --format yaml, which every target reads`;
}

export function render(writer: FormatWriter, state: ActualState, options: WriterOptions): string {
  return [...writer.chunks(state, options)].join('');
}

/** The role rules of the dialects a target speaks (its platform's and its files'): role-id shape, prerequisites. */
export function roleRules(dialects: readonly (FormatName | undefined)[]): {
  roleNames?: RoleNames;
  prerequisites: 'add' | 'demand';
} {
  const used = dialects.filter((d): d is FormatName => d !== undefined).map((d) => DIALECTS[d]);
  return {
    roleNames: used.find((d) => d.roleNames)?.roleNames,
    prerequisites: used.some((d) => d.prerequisites === 'add') ? 'add' : 'demand',
  };
}
