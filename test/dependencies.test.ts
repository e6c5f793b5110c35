import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers/cli.js';

const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

/** The packages the source files below `dir` import (bare specifiers, scope kept, node: left out). */
function imported(dir: string, skip: (rel: string) => boolean = () => false): Set<string> {
  const out = new Set<string>();
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.name.endsWith('.ts') && !skip(path.relative(dir, full))) {
        const text = readFileSync(full, 'utf8');
        for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s+'([^'.][^']*)'/g)) {
          const spec = m[1]!;
          if (spec.startsWith('node:')) continue;
          out.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);
        }
      }
    }
  };
  walk(dir);
  return out;
}

describe('dependencies', () => {
  const src = path.join(ROOT, 'src');
  const cli = imported(src, (rel) => rel.startsWith(`action${path.sep}`));
  const action = imported(path.join(src, 'action'));

  it('every package the CLI imports is a runtime dependency', () => {
    expect(cli.size).toBeGreaterThan(3);
    for (const name of cli) expect(Object.keys(pkg.dependencies), name).toContain(name);
  });

  it('what only the bundled Action imports is a devDependency (dist/ bundles it)', () => {
    const actionOnly = [...action].filter((n) => !cli.has(n));
    expect(actionOnly).toContain('@actions/core');
    for (const name of actionOnly) {
      expect(Object.keys(pkg.dependencies), name).not.toContain(name);
      expect(Object.keys(pkg.devDependencies), name).toContain(name);
    }
  });
});
