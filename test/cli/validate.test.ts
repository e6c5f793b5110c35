import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonSchemas, serializeSchema } from '../../src/config/json-schemas.js';
import { loadConfig } from '../../src/config/load.js';
import { loadDesiredState } from '../../src/desired/index.js';
import { Diagnostics } from '../../src/model/diagnostic.js';
import { ROOT, runCli, STACK_LINE } from '../helpers/cli.js';
import { tmpDir } from '../helpers/tmp.js';

/** The built CLI (`npm run build`), spawned as a user runs it: validate, schema, help, version, usage errors. */
const QUICKSTART = 'examples/quickstart/rollcall.yaml';

function expectNoStack(r: { stdout: string; stderr: string }) {
  expect(r.stderr).not.toMatch(STACK_LINE);
  expect(r.stdout).not.toMatch(STACK_LINE);
}

/** Two targets, each with its own YAML members file; `b`'s file is given by the test. */
function twoTargets(bMembers: string, extraB = ''): string {
  return tmpDir({
    'rollcall.yaml': [
      'version: 1',
      'targets:',
      '  - { name: alpha, provider: local, members: [a.yaml], connection: { state: a.json } }',
      '  - name: beta',
      '    provider: local',
      '    members: [b.yaml]',
      extraB,
      extraB.includes('connection:') ? '' : '    connection: { state: b.json }',
      '',
    ].join('\n'),
    'a.yaml': 'members:\n  - email: ada@acme.com\n  - email: bob@acme.com\n',
    'b.yaml': bMembers,
  });
}

describe('rollcall validate', () => {
  it('accepts the quickstart and counts its members', async () => {
    const config = await loadConfig(path.join(ROOT, QUICKSTART), { env: {} });
    const state = await loadDesiredState(config.targets[0]!, config, new Diagnostics());
    expect(state.members.size).toBeGreaterThan(0);

    const r = runCli(['validate', '-c', QUICKSTART]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`acme-3dx: ${state.members.size} members in 2 files\nvalid\n`);
    expect(r.stderr).toBe('');
  });

  it('reads rollcall.yaml in the working directory by default', () => {
    const r = runCli(['validate'], { cwd: path.join(ROOT, 'examples/quickstart') });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^acme-3dx: \d+ members in 2 files\nvalid\n$/);
  });

  it('checks only the targets named by --target', () => {
    const dir = twoTargets('members:\n  - email: cyd@@acme.com\n');
    const config = path.join(dir, 'rollcall.yaml');

    const alpha = runCli(['validate', '-c', config, '--target', 'alpha']);
    expect(alpha.code).toBe(0);
    expect(alpha.stdout).toBe('alpha: 2 members in 1 file\nvalid\n');

    const both = runCli(['validate', '-c', config, '--target', 'alpha', '--target', 'beta']);
    expect(both.code).toBe(1);
    expect(both.stdout).toBe(
      'alpha: 2 members in 1 file\nbeta: 0 members in 1 file, 1 error\ninvalid: 1 error\n',
    );
    expect(both.stderr).toMatch(/b\.yaml:2:5: invalid e-mail address "cyd@@acme\.com"\n$/);
  });

  it('refuses an unknown --target, naming the known ones', () => {
    const r = runCli(['validate', '-c', QUICKSTART, '--target', 'nope']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      `rollcall: ${QUICKSTART}: unknown target "nope"; targets in this config: acme-3dx\n`,
    );
    expect(r.stdout).toBe('');
  });

  it('prints every problem, counts the errors per target, and exits 1', () => {
    const dir = twoTargets('members:\n  - email: cyd@@acme.com\n  - email: dan@acme.com\n  - fristName: X\n');
    const r = runCli(['validate', '-c', path.join(dir, 'rollcall.yaml')]);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(
        /b\.yaml:4:5: unknown key "fristName" in members\.2; did you mean "firstName"\?$/,
      ),
    ]);
    expect(r.stdout).toBe(
      'alpha: 2 members in 1 file\nbeta: 0 members in 1 file, 1 error\ninvalid: 1 error\n',
    );
    expectNoStack(r);
  });

  it('prints warnings and still exits 0', () => {
    const dir = twoTargets('members:\n  - email: cyd@acme.com\n', '    policy: { offboard: delete }');
    const r = runCli(['validate', '-c', path.join(dir, 'rollcall.yaml')]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(
      /rollcall\.yaml:7:25: warning: policy\.offboard is "delete" but prune is off: it applies only to members in no file\n$/,
    );
    expect(r.stdout).toBe('alpha: 2 members in 1 file\nbeta: 1 member in 1 file\nvalid\n');
  });

  it('never prints the value of a secret, even when a file repeats it', () => {
    const dir = twoTargets(
      'members:\n  - email: "t0ken-v4lue-9f3@@acme.com"\n',
      '    connection: { token: "${env:RC_CLI_TOKEN}" }',
    );
    const r = runCli(['validate', '-c', path.join(dir, 'rollcall.yaml')], {
      env: { RC_CLI_TOKEN: 't0ken-v4lue-9f3' },
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/b\.yaml:2:5: invalid e-mail address "\*\*\*@@acme\.com"/);
    expect(r.stderr + r.stdout).not.toContain('t0ken-v4lue-9f3');
  });

  it('names a missing variable in a warning and exits 0: validate needs no secrets', () => {
    const dir = twoTargets('members: []\n', '    connection: { state: "${env:RC_CLI_MISSING}" }');
    const r = runCli(['validate', '-c', path.join(dir, 'rollcall.yaml')]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(
      /rollcall\.yaml:7:26: warning: environment variable RC_CLI_MISSING is not set \(plan and apply need it\)\n/,
    );
    expectNoStack(r);
  });

  it('refuses a missing config file', () => {
    const r = runCli(['validate', '-c', 'nowhere/rollcall.yaml']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('rollcall: nowhere/rollcall.yaml: config file not found\n');
  });
});

describe('rollcall schema', () => {
  it('prints every JSON Schema, keyed by file name', () => {
    const r = runCli(['schema']);
    expect(r.code).toBe(0);
    const all = JSON.parse(r.stdout) as Record<string, { title?: string }>;
    expect(Object.keys(all).sort()).toEqual([
      'approvals.schema.json',
      'members.schema.json',
      'people.schema.json',
      'rollcall.schema.json',
    ]);
    expect(all['rollcall.schema.json']!.title).toBe('rollcall configuration');
  });

  it.each([
    ['members', 'members.schema.json'],
    ['config', 'rollcall.schema.json'],
    ['people', 'people.schema.json'],
    ['approvals', 'approvals.schema.json'],
  ] as const)('prints one: %s', (name, file) => {
    const r = runCli(['schema', name]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(serializeSchema(jsonSchemas()[file]));
  });

  it('refuses an unknown schema name', () => {
    const r = runCli(['schema', 'plan']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('rollcall: unknown schema "plan"; known: config, members, people, approvals\n');
  });
});

describe('usage', () => {
  it('--help lists the commands and exits 0', () => {
    const r = runCli(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: rollcall /);
    expect(r.stdout).toMatch(/^\s+validate /m);
    expect(r.stdout).toMatch(/^\s+schema /m);
  });

  it('validate --help shows its options and exits 0', () => {
    const r = runCli(['validate', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('--config <file>');
    expect(r.stdout).toContain('--target <name>');
  });

  it('--version prints the version of package.json and exits 0', () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const r = runCli(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`${pkg.version}\n`);
  });

  it('refuses an unknown command with exit 1, a hint and no stack trace', () => {
    const r = runCli(['frobnicate']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("error: unknown command 'frobnicate'");
    expect(r.stderr).toContain('rollcall --help');
    expectNoStack(r);
  });

  it('refuses an unknown option with exit 1 and no stack trace', () => {
    const r = runCli(['validate', '--frobnicate']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("error: unknown option '--frobnicate'");
    expectNoStack(r);
  });
});

describe('a file with no members', () => {
  it('is valid but warned about, naming the prune risk when pruning is on', () => {
    const dir = tmpDir({
      'rollcall.yaml':
        'version: 1\ntargets:\n  - name: t\n    provider: local\n    format: 3dexperience\n    members: [members.csv]\n    connection: { state: s.json }\n    policy: { prune: true }\n',
      'members.csv': 'user;rights;agreement;roles;mail;remove;passport;force;location\n',
    });
    const r = runCli(['validate', '-c', path.join(dir, 'rollcall.yaml')]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(
      /members\.csv:1:1: warning: file has no members: with policy\.prune, members found only in it would be offboarded/,
    );
  });
});
