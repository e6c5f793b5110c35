import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The layers of src/ (docs/architecture.md) and what each may import, checked over the source's import
 * lines: a plain read of the text, so that a forbidden import fails here whatever a bundler would do.
 */
const SRC = path.resolve(import.meta.dirname, '../src');

/** Folder → the folders it may import besides itself. */
const MAY_IMPORT: Record<string, readonly string[]> = {
  // The foundation: the domain's words and its small tools use each other, and nothing above them.
  model: ['util'],
  util: ['model'],
  formats: ['model', 'util'],
  config: ['model', 'util', 'formats', 'providers/registry', 'providers/profile'],
  desired: ['model', 'util', 'formats', 'config'],
  plan: ['model', 'util'],
  render: ['model', 'util'],
  apply: ['model', 'util', 'plan', 'config', 'providers/types'],
  providers: ['model', 'util', 'formats', 'config'],
  run: ['model', 'util', 'formats', 'config', 'desired', 'plan', 'apply', 'providers'],
  cli: [
    'model',
    'util',
    'formats',
    'render',
    'run',
    'apply/report',
    'apply/executor',
    'apply/interrupt',
    'providers/types',
  ],
  action: ['model', 'util', 'render', 'run', 'cli/output', 'cli/progress', 'apply/report', 'config/load'],
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? sourceFiles(path.join(dir, e.name))
      : e.name.endsWith('.ts')
        ? [path.join(dir, e.name)]
        : [],
  );
}

/** Every relative import of a file, resolved to a path under src/ without its extension. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs = [...text.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)].map((m) => m[1]!);
  return specs.map((s) => path.relative(SRC, path.resolve(path.dirname(file), s)).replace(/\.js$/, ''));
}

const layerOf = (rel: string) => rel.split(path.sep)[0]!;
const allowed = (target: string, rule: string) => target === rule || target.startsWith(`${rule}/`);

/** Folders every platform folder of a layer shares (the tabular layer of formats/). */
const SHARED_FOLDERS = new Set(['table']);

/**
 * One platform's folder (providers/anaplan, formats/deepomatic) uses another's only through its index.ts,
 * its public surface; files at the top of the layer are shared by all.
 */
function crossesPlatform(from: string, to: string): boolean {
  const [layer, mine, ...rest] = from.split(path.sep);
  if ((layer !== 'providers' && layer !== 'formats') || rest.length === 0) return false;
  const [, theirs, ...file] = to.split(path.sep);
  if (file.length === 0 || theirs === mine || SHARED_FOLDERS.has(theirs!)) return false;
  return file.join('/') !== 'index';
}

/** Every import that breaks a rule, as "from → to". */
function violations(): string[] {
  const found: string[] = [];
  for (const file of sourceFiles(SRC)) {
    const rel = path.relative(SRC, file).replace(/\.ts$/, '');
    const layer = layerOf(rel);
    const rules = MAY_IMPORT[layer];
    if (!rules) continue;
    for (const target of importsOf(file)) {
      const to = layerOf(target);
      if (to === layer) {
        if (crossesPlatform(rel, target)) found.push(`${rel} → ${target}`);
        continue;
      }
      if (!rules.some((r) => allowed(target, r))) found.push(`${rel} → ${target}`);
    }
  }
  return found;
}

describe('architecture (docs/architecture.md)', () => {
  it('every layer imports only the layers below it', () => {
    expect(violations()).toEqual([]);
  });

  it('the check sees a forbidden import: plan, model and render never reach providers, apply or desired', () => {
    // The rules themselves: a table that allowed these would make the check above meaningless.
    for (const pure of ['model', 'plan', 'render', 'formats'])
      for (const high of ['providers', 'apply', 'desired', 'run', 'cli', 'action'])
        expect(MAY_IMPORT[pure]!.some((r) => allowed(high, r))).toBe(false);
    expect(MAY_IMPORT.providers!.some((r) => allowed('desired', r))).toBe(false);
    expect(crossesPlatform('providers/anaplan/index', 'providers/scim/settings')).toBe(true);
    expect(crossesPlatform('providers/anaplan/index', 'providers/scim/index')).toBe(false);
    expect(crossesPlatform('formats/anaplan/user-import', 'formats/table/zip')).toBe(false);
    expect(importsOf(path.join(SRC, 'plan/plan.ts')).some((t) => t.startsWith('model'))).toBe(true);
  });
});
