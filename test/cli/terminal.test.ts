import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';
import { tmpDir } from '../helpers/tmp.js';

const BIN = path.join(ROOT, 'bin/rollcall.js');

/** Runs the CLI on a pseudo-terminal (util-linux `script`), typing `input`, as a person at a terminal. */
function onTerminal(args: string, input: string, env: Record<string, string> = {}) {
  const dir = tmpDir();
  cpSync(path.join(ROOT, 'examples/quickstart'), dir, { recursive: true });
  const r = spawnSync(
    'script',
    ['-qec', `${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} ${args}`, '/dev/null'],
    {
      cwd: dir,
      input,
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', TERM: 'xterm', ...env },
      timeout: 60_000,
    },
  );
  const state = () => readFileSync(path.join(dir, 'state/acme-3dx.json'), 'utf8');
  return {
    code: r.status,
    out: r.stdout,
    state,
    original: readFileSync(path.join(ROOT, 'examples/quickstart/state/acme-3dx.json'), 'utf8'),
  };
}

describe('on a terminal', () => {
  it('apply asks, and anything but "yes" changes nothing (exit 3)', () => {
    const r = onTerminal('apply', 'no\n');
    expect(r.out).toContain('Do you want to apply these changes? Only "yes" will be accepted:');
    expect(r.out).toContain('apply cancelled: nothing was changed');
    expect(r.code).toBe(3);
    expect(r.state()).toBe(r.original);
  });

  it('apply goes ahead on "yes", shows a progress bar, and says what stays blocked', () => {
    const r = onTerminal('apply', 'yes\n');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/acme-3dx: phase 2\/2 █+ 6\/6/);
    // The quickstart's locked IFW removal stays blocked: never "converged" while it remains (design §9).
    expect(r.out).toContain('not converged: 1 blocked');
    expect(r.state()).not.toBe(r.original);
  });

  it('colors the plan on a terminal, never with NO_COLOR', () => {
    expect(onTerminal('plan', '').out).toContain('\u001b[');
    expect(onTerminal('plan', '', { NO_COLOR: '1' }).out).not.toMatch(/\u001b\[\d/);
  });
});
