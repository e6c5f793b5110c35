import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';
import { tmpDir } from '../helpers/tmp.js';

const BIN = path.join(ROOT, 'bin/rollcall.js');

/** Runs a command rollcall printed, word for word, with `rollcall` meaning the built CLI. */
function follow(command: string, cwd: string) {
  const r = spawnSync('sh', ['-c', `rollcall() { "$NODE" "$BIN" "$@"; }; ${command}`], {
    cwd,
    env: { PATH: process.env.PATH ?? '', NODE: process.execPath, BIN },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('the commands rollcall prints work as printed', () => {
  it('plan --out with -c: the apply hint carries the same -c, and following it applies', () => {
    const dir = tmpDir();
    cpSync(path.join(ROOT, 'examples/quickstart'), path.join(dir, 'org'), { recursive: true });
    const r = runCli(['plan', '-c', 'org/rollcall.yaml', '--out', 'plan.json'], { cwd: dir });
    expect(r.code).toBe(0);
    const hint = /apply exactly it with: (.+)$/m.exec(r.stderr)?.[1];
    expect(hint).toBe('rollcall apply -c org/rollcall.yaml plan.json');
    const applied = follow(hint!, dir);
    expect(applied.stderr).not.toContain('rollcall: ');
    expect(applied.code).toBe(0);
    expect(applied.stdout).toContain('converged');
  });

  it('without -c (rollcall.yaml here) the hint has none', () => {
    const dir = tmpDir();
    cpSync(path.join(ROOT, 'examples/quickstart'), dir, { recursive: true });
    const r = runCli(['plan', '--out', 'plan.json'], { cwd: dir });
    expect(r.stderr).toContain('apply exactly it with: rollcall apply plan.json\n');
  });

  it('import with -c: the plan hint carries the -c and shows no changes when followed', () => {
    const dir = tmpDir();
    cpSync(path.join(ROOT, 'examples/quickstart'), path.join(dir, 'org'), { recursive: true });
    const r = runCli(
      [
        'import',
        '-c',
        'org/rollcall.yaml',
        '--target',
        'acme-3dx',
        '--format',
        'yaml',
        '--out',
        'org/imported',
      ],
      { cwd: dir },
    );
    expect(r.code).toBe(0);
    const hint = /Then `(.+)` shows no changes/.exec(r.stdout)?.[1];
    expect(hint).toBe('rollcall plan -c org/rollcall.yaml --target acme-3dx');
    // Do what the hint says: the imported file replaces the target's members files.
    expect(r.stdout).toContain('      - imported/acme-3dx.yaml');
    const config = path.join(dir, 'org/rollcall.yaml');
    writeFileSync(
      config,
      readFileSync(config, 'utf8').replace(
        /members:\n(\s+- members\/.*\n)+/,
        'members:\n      - imported/acme-3dx.yaml\n',
      ),
    );
    const planned = follow(`${hint!} --detailed-exitcode`, dir);
    expect(planned.stderr).not.toContain('rollcall: ');
    expect(planned.code).toBe(0);
  });
});
