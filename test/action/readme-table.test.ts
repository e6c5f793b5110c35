import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';
import { tmpDir } from '../helpers/tmp.js';

describe('the README tables of inputs and outputs', () => {
  const script = path.join(ROOT, 'scripts/action-readme.js');
  it('are generated from action.yml', () => {
    execFileSync(process.execPath, [script, '--check'], { stdio: 'pipe' });
  });

  it('fail the check when they drift', () => {
    const dir = tmpDir({
      'README.md': readFileSync(path.join(ROOT, 'README.md'), 'utf8').replace(
        '| `comment-url`',
        '| `comment-link`',
      ),
    });
    let error: { status?: number; stderr?: Buffer } = {};
    try {
      execFileSync(process.execPath, [script, '--check', '--readme', path.join(dir, 'README.md')], {
        stdio: 'pipe',
      });
    } catch (e) {
      error = e as typeof error;
    }
    expect(error.status).toBe(1);
    expect(String(error.stderr)).toContain('run `npm run readme:action`');
  });
});
