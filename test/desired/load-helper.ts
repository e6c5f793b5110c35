import path from 'node:path';
import { loadConfig } from '../../src/config/load.js';
import { loadDesiredState } from '../../src/desired/index.js';
import { Diagnostics, formatDiagnostic } from '../../src/model/diagnostic.js';
import type { DesiredMember } from '../../src/model/member.js';
import { tmpDir } from '../helpers/tmp.js';

export interface Loaded {
  dir: string;
  /** By key; `source.file` relative to the config directory. */
  members: Map<string, DesiredMember>;
  /** Every diagnostic as the CLI prints it, paths relative to the config directory. */
  errors: string[];
}

/**
 * Loads the one target of a rollcall.yaml written into a fresh directory with `files`, through the real
 * config loader and loader registry. `target` is the YAML of the target's fields after name and provider.
 */
export async function loadTarget(
  target: string,
  files: Record<string, string | Uint8Array>,
): Promise<Loaded> {
  const body = target
    .trim()
    .split('\n')
    .map((l) => `    ${l}`)
    .join('\n');
  const dir = tmpDir({
    ...files,
    'rollcall.yaml': `version: 1\ntargets:\n  - name: t\n    provider: local\n    connection: { state: state.json }\n${body}\n`,
  });
  const config = await loadConfig(path.join(dir, 'rollcall.yaml'), { env: {} });
  const diags = new Diagnostics();
  const state = await loadDesiredState(config.targets[0]!, config, diags);
  const rel = (s: string) => s.split(`${dir}${path.sep}`).join('');
  const errors = diags.items.map((d) => rel(formatDiagnostic(d)));
  const members = new Map(
    [...state.members].map(([k, m]) => [k, { ...m, source: { ...m.source, file: rel(m.source.file) } }]),
  );
  return { dir, members, errors };
}

/**
 * Sets the declared expanded size of every entry of a ZIP (central directory and local headers), in place:
 * the archive then lies about its sizes. Expects no archive comment (the EOCD record is the last 22 bytes).
 */
export function declareSize(zip: Uint8Array, size: number): Uint8Array {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const eocd = zip.length - 22;
  if (view.getUint32(eocd, true) !== 0x06054b50) throw new Error('no end of central directory record');
  const count = view.getUint16(eocd + 10, true);
  let at = view.getUint32(eocd + 16, true);
  for (let i = 0; i < count; i++) {
    if (view.getUint32(at, true) !== 0x02014b50) throw new Error('bad central directory header');
    view.setUint32(at + 24, size, true);
    const local = view.getUint32(at + 42, true);
    view.setUint32(local + 22, size, true);
    at += 46 + view.getUint16(at + 28, true) + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return zip;
}
