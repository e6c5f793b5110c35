import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, STACK_LINE } from '../helpers/cli.js';
import { LOCAL_CONFIG, ONE_MEMBER } from '../helpers/local-project.js';
import { tmpDir } from '../helpers/tmp.js';

/**
 * Paths that are not what they should be (a directory where a file is expected, a symbolic link loop, a
 * broken link, a file where a folder is expected): exit 1 with one line naming the path, never an internal
 * error, and nothing written. These need symbolic links and folders the fixture table cannot hold.
 */
const STATE = '{ "members": [] }\n';

function project(files: Record<string, string> = {}): string {
  return tmpDir({ 'rollcall.yaml': LOCAL_CONFIG, 'members.yaml': ONE_MEMBER, ...files });
}

function expectOneLine(r: ReturnType<typeof runCli>, expected: RegExp, code = 1): void {
  expect(r.code, r.stderr).toBe(code);
  expect(r.stderr).not.toMatch(/internal error/);
  expect(r.stderr).not.toMatch(STACK_LINE);
  expect(
    r.stderr.split('\n').some((l) => expected.test(l)),
    r.stderr,
  ).toBe(true);
}

describe('the local state file', () => {
  it('a directory: refused, named', () => {
    const dir = project();
    mkdirSync(path.join(dir, 'state.json'));
    expectOneLine(
      runCli(['plan'], { cwd: dir }),
      /^rollcall: state\.json: cannot read the state file: it is a directory$/,
    );
  });

  it('a symbolic link loop: refused, not read as an empty platform', () => {
    const dir = project();
    symlinkSync('loop-b', path.join(dir, 'state.json'));
    symlinkSync('state.json', path.join(dir, 'loop-b'));
    expectOneLine(
      runCli(['plan'], { cwd: dir }),
      /^rollcall: state\.json: cannot read the state file: a symbolic link loop \(ELOOP\)$/,
    );
  });

  it('a broken symbolic link: refused, not read as an empty platform', () => {
    const dir = project();
    symlinkSync('gone.json', path.join(dir, 'state.json'));
    expectOneLine(
      runCli(['plan'], { cwd: dir }),
      /^rollcall: state\.json: cannot read the state file: broken symbolic link/,
    );
  });

  it('not written yet, in a folder that does not exist yet: apply creates both', () => {
    const dir = tmpDir({
      'rollcall.yaml': LOCAL_CONFIG.replace('state.json', 'platform/state.json'),
      'members.yaml': ONE_MEMBER,
    });
    const r = runCli(['apply', '--auto-approve'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(path.join(dir, 'platform/state.json'), 'utf8')).toContain('ada@acme.com');
  });
});

describe('two targets on one local state file', () => {
  it('apply is refused before any change (each would overwrite what the other applied)', () => {
    const config = [
      'version: 1',
      'targets:',
      '  - name: a',
      '    provider: local',
      '    members: [a.yaml]',
      '    connection: { state: state.json }',
      '  - name: b',
      '    provider: local',
      '    members: [b.yaml]',
      '    connection: { state: ./state.json }',
    ].join('\n');
    const dir = tmpDir({
      'rollcall.yaml': config,
      'a.yaml': 'members:\n  - email: ada@acme.com\n',
      'b.yaml': 'members:\n  - email: bob@acme.com\n',
      'state.json': STATE,
    });
    expectOneLine(
      runCli(['apply', '--auto-approve'], { cwd: dir }),
      /^rollcall: state\.json is the state file of two targets of this run: each would overwrite what the other applied/,
    );
    expect(readFileSync(path.join(dir, 'state.json'), 'utf8')).toBe(STATE);
    expect(readdirSync(dir).filter((f) => f.endsWith('.lock'))).toEqual([]);
  });
});

describe('a file too large to be text', () => {
  it('600 MiB of members (sparse): refused before reading, not "not valid UTF-8" at 1:1', () => {
    const dir = project();
    const file = path.join(dir, 'members.yaml');
    writeFileSync(file, '');
    truncateSync(file, 600 * 2 ** 20);
    const r = runCli(['validate'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^members\.yaml:1:1: file is too large to read as text \(600\.0 MiB, over 512 MiB\)$/m,
    );
  });
});

describe('a device where a file is expected', () => {
  it.skipIf(!existsSync('/dev/zero'))('is refused, not read until the memory is full', () => {
    const dir = project({ 'state.json': STATE });
    expectOneLine(
      runCli(['validate', '-c', '/dev/zero'], { cwd: dir }),
      /^rollcall: \/dev\/zero:1:1: this is a device, not a file$/,
    );
    expectOneLine(
      runCli(['apply', '/dev/zero'], { cwd: dir }),
      /^rollcall: \/dev\/zero:1:1: this is a device, not a file$/,
    );
  });
});

describe('the config file', () => {
  it('a symbolic link loop: says so, not "not found"', () => {
    const dir = tmpDir();
    symlinkSync('b.yaml', path.join(dir, 'a.yaml'));
    symlinkSync('a.yaml', path.join(dir, 'b.yaml'));
    expectOneLine(
      runCli(['validate', '-c', 'a.yaml'], { cwd: dir }),
      /^rollcall: a\.yaml: cannot read config file: a symbolic link loop \(ELOOP\)$/,
    );
  });
});

describe('files rollcall writes', () => {
  it('plan --out onto a directory: refused, nothing left behind', () => {
    const dir = project({ 'state.json': STATE });
    mkdirSync(path.join(dir, 'plans'));
    expectOneLine(
      runCli(['plan', '--out', 'plans'], { cwd: dir }),
      /^rollcall: plans: cannot write: it is a directory \(EISDIR\)$/,
    );
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('import --out below a file: refused', () => {
    const dir = project({ 'state.json': STATE, out: 'a file' });
    expectOneLine(
      runCli(['import', '--target', 't', '--out', 'out'], { cwd: dir }),
      /^rollcall: out: cannot create the folder: a file of that name is in the way \(EEXIST\)$/,
    );
  });

  it('apply --journal onto a directory: refused before any change', () => {
    const dir = project({ 'state.json': STATE });
    mkdirSync(path.join(dir, 'journal'));
    expectOneLine(
      runCli(['apply', '--auto-approve', '--journal', 'journal'], { cwd: dir }),
      /^rollcall: journal: cannot open: it is a directory \(EISDIR\)$/,
    );
    expect(readFileSync(path.join(dir, 'state.json'), 'utf8')).toBe(STATE);
  });

  it('a saved plan that is a directory: refused', () => {
    const dir = project({ 'state.json': STATE });
    mkdirSync(path.join(dir, 'plan.json'));
    expectOneLine(runCli(['apply', 'plan.json'], { cwd: dir }), /^rollcall: plan\.json: cannot read/);
    expect(existsSync(path.join(dir, '.rollcall'))).toBe(false);
  });
});

describe('an empty file name on the command line (an unset variable)', () => {
  it('apply "" is refused, not taken as "no saved plan" (which would apply a fresh, unreviewed plan)', () => {
    const dir = project({ 'state.json': STATE });
    const r = runCli(['apply', '', '--auto-approve'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/argument 'plan'\. expected a file name, got ""/);
    expect(readFileSync(path.join(dir, 'state.json'), 'utf8')).toBe(STATE);
  });

  it.each([
    [['plan', '--out', ''], /option '--out <file>' argument '' is invalid/],
    [['apply', '--auto-approve', '--journal', ''], /option '--journal <file>' argument '' is invalid/],
    [['import', '--target', 't', '--out', ''], /option '--out <dir>' argument '' is invalid/],
    [['validate', '-c', ''], /option '-c, --config <file>' argument '' is invalid/],
  ])('%j is refused', (args, expected) => {
    const dir = project({ 'state.json': STATE });
    const r = runCli(args, { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(expected);
    expect(readFileSync(path.join(dir, 'state.json'), 'utf8')).toBe(STATE);
  });
});
