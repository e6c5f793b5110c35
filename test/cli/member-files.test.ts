import { spawnSync } from 'node:child_process';
import { mkdirSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, STACK_LINE } from '../helpers/cli.js';
import { tmpDir } from '../helpers/tmp.js';

/**
 * What a members pattern matches, when the folder holds symbolic links and other things than files. An entry
 * that matches but cannot be read is an error, never skipped: with pruning, its members would be offboarded.
 */
const config = (pattern: string) =>
  [
    'version: 1',
    'targets:',
    '  - name: t',
    '    provider: local',
    `    members: ["${pattern}"]`,
    '    connection: { state: state.json }',
    '    policy: { prune: true }',
  ].join('\n');

function project(pattern: string): string {
  return tmpDir({
    'rollcall.yaml': config(pattern),
    'members/team.yaml': 'members:\n  - email: ada@acme.com\n',
    'elsewhere/other.yaml': 'members:\n  - email: bob@acme.com\n',
  });
}

function validate(dir: string) {
  const r = runCli(['validate'], { cwd: dir });
  expect(r.stderr).not.toMatch(STACK_LINE);
  expect(r.stderr).not.toMatch(/internal error/);
  return r;
}

describe('members patterns and symbolic links', () => {
  it('a broken link that matches is an error, not a file skipped', () => {
    const dir = project('members/*.yaml');
    symlinkSync('../gone/contractors.yaml', path.join(dir, 'members/contractors.yaml'));
    const r = validate(dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^members\/contractors\.yaml: cannot read: broken symbolic link: its target does not exist$/m,
    );
  });

  it('a link loop that matches is an error', () => {
    const dir = project('members/*.yaml');
    symlinkSync('b.yaml', path.join(dir, 'members/a.yaml'));
    symlinkSync('a.yaml', path.join(dir, 'members/b.yaml'));
    const r = validate(dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^members\/a\.yaml: cannot read: a symbolic link loop \(ELOOP\)$/m);
  });

  it('a named pipe that matches is an error, not a read that never ends', () => {
    const dir = project('members/*.yaml');
    const made = spawnSync('mkfifo', [path.join(dir, 'members/pipe.yaml')]);
    if (made.status !== 0) return; // no mkfifo here
    const r = validate(dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^members\/pipe\.yaml: not a regular file/m);
  });

  it('a linked file is read', () => {
    const dir = project('members/*.yaml');
    symlinkSync('../elsewhere/other.yaml', path.join(dir, 'members/other.yaml'));
    const r = validate(dir);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/t: 2 members in 2 files/);
  });

  it('a linked folder whose name matches a file pattern is not searched', () => {
    const dir = project('members/*.yaml');
    symlinkSync('../elsewhere', path.join(dir, 'members/more.yaml'));
    const r = validate(dir);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/t: 1 member in 1 file/);
  });

  it('** follows a linked folder, and a link back up does not loop', () => {
    const dir = project('members/**/*.yaml');
    symlinkSync('../elsewhere', path.join(dir, 'members/more'));
    mkdirSync(path.join(dir, 'members/sub'));
    symlinkSync('..', path.join(dir, 'members/sub/up'));
    const r = validate(dir);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/t: 2 members in 2 files/);
  });
});
