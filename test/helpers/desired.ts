import path from 'node:path';
import { loadConfig } from '../../src/config/load.js';
import { loadDesiredState } from '../../src/desired/index.js';
import { Diagnostics, formatDiagnostic } from '../../src/model/diagnostic.js';
import type { DesiredMember } from '../../src/model/member.js';
import { tmpDir } from './tmp.js';

export interface Loaded {
  dir: string;
  members: Map<string, DesiredMember>;
  /** Every diagnostic as the CLI prints it, with the temporary directory replaced by `<dir>`. */
  problems: string[];
  errors: string[];
}

/**
 * Writes `files` (rollcall.yaml and the members files) to a fresh directory, loads the config and the
 * desired state of its first target through the real loaders, and returns the members and diagnostics.
 */
export async function loadFiles(files: Record<string, string | Uint8Array>): Promise<Loaded> {
  const dir = tmpDir(files);
  const config = await loadConfig(path.join(dir, 'rollcall.yaml'), { env: {} });
  const diags = new Diagnostics();
  const state = await loadDesiredState(config.targets[0]!, config, diags);
  const shown = (d: (typeof diags.items)[number]) =>
    formatDiagnostic(d)
      .split(dir + path.sep)
      .join('<dir>/');
  return {
    dir,
    members: state.members,
    problems: diags.items.map(shown),
    errors: diags.items.filter((d) => d.severity === 'error').map(shown),
  };
}

/** A rollcall.yaml with one target named `t`; `extra` is appended to the target (indented YAML lines). */
export function configYaml(opts: { format?: string; members?: string[]; extra?: string } = {}): string {
  const members = opts.members ?? ['members.csv'];
  return [
    'version: 1',
    'targets:',
    '  - name: t',
    '    provider: local',
    ...(opts.format ? [`    format: ${opts.format}`] : []),
    `    members: [${members.join(', ')}]`,
    ...(opts.extra ? [opts.extra.replace(/\n$/, '')] : []),
    '',
  ].join('\n');
}
