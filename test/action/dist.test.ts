import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROOT } from '../helpers/cli.js';
import { tmpDir } from '../helpers/tmp.js';

const STALE = 'dist/ is stale: run `npm run build:action` and commit dist/';

describe('dist/ (the bundled Action, committed)', () => {
  it('is what the build makes from the sources now', () => {
    const out = tmpDir();
    execFileSync(process.execPath, [path.join(ROOT, 'scripts/build-action.js'), '--outdir', out], {
      stdio: 'pipe',
    });
    const committed = readdirSync(path.join(ROOT, 'dist')).sort();
    expect(committed, STALE).toEqual(readdirSync(out).sort());
    for (const file of committed) {
      const fresh = readFileSync(path.join(out, file), 'utf8');
      // toBe on 2 MB strings prints both; a plain comparison keeps the failure short.
      expect(readFileSync(path.join(ROOT, 'dist', file), 'utf8') === fresh, `dist/${file}: ${STALE}`).toBe(
        true,
      );
    }
  });

  it('is what action.yml runs, on node24', () => {
    const action = parse(readFileSync(path.join(ROOT, 'action.yml'), 'utf8'));
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/index.js' });
    expect(Object.keys(action.inputs)).toEqual(
      expect.arrayContaining([
        'command',
        'config',
        'targets',
        'github-token',
        'comment',
        'redact',
        'allow-removals',
      ]),
    );
    expect(Object.keys(action.outputs).sort()).toEqual(
      [
        'comment-url',
        'failure-reason',
        'has-changes',
        'plan-file',
        'run-folders',
        'summary',
        'targets',
      ].sort(),
    );
  });
});
