import { spawnSync } from 'node:child_process';
import { cpSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { colorEnabled } from '../../src/cli/color.js';
import { memoryOutput } from '../../src/cli/output.js';
import { createProgress, duration } from '../../src/cli/progress.js';
import type { Change } from '../../src/model/plan.js';
import { ROOT, runCli } from '../helpers/cli.js';
import { tmpDir } from '../helpers/tmp.js';

const BIN = path.join(ROOT, 'bin/rollcall.js');
const ESC = /\u001b\[\d/;

/** Runs a shell command line on a pseudo-terminal (util-linux `script`); `rollcall` is the built CLI. */
function onTerminal(command: string, env: Record<string, string> = {}) {
  const dir = tmpDir();
  cpSync(path.join(ROOT, 'examples/quickstart'), dir, { recursive: true });
  const r = spawnSync('script', ['-qec', command.replaceAll('rollcall', '"$NODE" "$BIN"'), '/dev/null'], {
    cwd: dir,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', TERM: 'xterm', NODE: process.execPath, BIN, ...env },
    timeout: 60_000,
  });
  return { code: r.status, out: r.stdout };
}

describe('colors on a real terminal', () => {
  it('colors the plan on a terminal, and not with TERM=dumb, NO_COLOR, --no-color or FORCE_COLOR=0', () => {
    expect(onTerminal('rollcall plan').out).toMatch(ESC);
    expect(onTerminal('rollcall plan', { TERM: 'dumb' }).out).not.toMatch(ESC);
    expect(onTerminal('rollcall plan', { NO_COLOR: '1' }).out).not.toMatch(ESC);
    expect(onTerminal('rollcall plan --no-color').out).not.toMatch(ESC);
    expect(onTerminal('rollcall plan', { FORCE_COLOR: '0' }).out).not.toMatch(ESC);
  });

  it('colors off a terminal only with FORCE_COLOR, which NO_COLOR and --no-color still overrule', () => {
    const qs = ['plan', '-c', 'examples/quickstart/rollcall.yaml'];
    expect(runCli(qs).stdout).not.toMatch(ESC);
    expect(runCli(qs, { env: { FORCE_COLOR: '1' } }).stdout).toMatch(ESC);
    expect(runCli([...qs, '--no-color'], { env: { FORCE_COLOR: '1' } }).stdout).not.toMatch(ESC);
    expect(colorEnabled(false, { FORCE_COLOR: '1', NO_COLOR: '1' }, [])).toBe(false);
    expect(colorEnabled(true, { NO_COLOR: '' }, [])).toBe(true); // empty NO_COLOR is unset (no-color.org)
  });
});

describe('progress', () => {
  it('is drawn on stderr when stdout is piped (apply | cat) and stderr is a terminal', () => {
    const r = onTerminal('rollcall apply --auto-approve | cat');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/acme-3dx: phase 2\/2 █+ 6\/6/);
    expect(r.out).not.toMatch(/\b1 changes\b/);
  });

  const change = (key: string): Change => ({ phase: 1, action: 'invite', key, roles: [] });

  it('shows the time left, from a clock the test drives', () => {
    let t = 0;
    const io = Object.assign(memoryOutput(), { isTTY: false, stderrIsTTY: true });
    const p = createProgress(io, {}, () => t);
    p.phaseStart('acme', 1, 1, 100);
    for (let i = 0; i < 10; i++) {
      t += 1000;
      p.changeDone({ change: change(`u${i}@x.io`), status: 'succeeded', attempts: 1 });
    }
    expect(io.stderr).toContain('10/100 1.0/s 1m 30s left');
  });

  it('says "1 change" and no rate for a phase of one change', () => {
    let t = 0;
    const io = memoryOutput();
    const p = createProgress(io, {}, () => t);
    p.phaseStart('acme', 1, 2, 1);
    t += 2;
    p.changeDone({ change: change('a@x.io'), status: 'succeeded', attempts: 1 });
    p.phaseEnd('acme', 1);
    expect(io.stderr).toBe('acme: phase 1/2: 1 change\nacme: phase 1/2: 1/1 done\n');
    expect(duration(3725)).toBe('1h 02m');
  });
});

describe('--help', () => {
  it('shows examples and where the docs are, without "(default: [])"', () => {
    for (const cmd of ['validate', 'plan', 'apply', 'import', 'schema']) {
      const r = runCli([cmd, '--help']);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('Examples:');
      expect(r.stdout).toContain('Documentation: ');
      expect(r.stdout).not.toContain('default: []');
    }
  });
});

describe('did you mean, counting a swap of two letters as one typo', () => {
  it('for commands, flags, targets and keys', () => {
    expect(runCli(['plna']).stderr).toContain('(Did you mean plan?)');
    expect(runCli(['plan', '--taregt', 'x']).stderr).toContain('(Did you mean --target?)');
    const qs = ['-c', 'examples/quickstart/rollcall.yaml'];
    expect(runCli(['plan', ...qs, '--target', 'acme-3xd']).stderr).toContain('did you mean "acme-3dx"?');
    const dir = tmpDir({
      'rollcall.yaml':
        'version: 1\ntargets:\n  - name: t\n    provider: local\n    members: [m.yaml]\n    connection: { state: s.json }\n',
      'm.yaml': 'members:\n  - emial: a@b.c\n',
      's.json': '{"members":[]}',
    });
    const r = runCli(['validate'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('m.yaml:2:5: unknown key "emial" in members.0; did you mean "email"?');
  });
});
