import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli, STACK_LINE } from '../helpers/cli.js';
import { tmpDir } from '../helpers/tmp.js';
import { CATALOG, generateState } from './generate.js';

/** `rollcall import` end to end (design §8): the built CLI, real files, a plan right after. */

function copyQuickstart(): string {
  const dir = tmpDir();
  cpSync(path.join(ROOT, 'examples/quickstart'), dir, { recursive: true });
  return dir;
}

/** The quickstart config with its members patterns replaced by `patterns`. */
function quickstartConfig(dir: string, patterns: string[]): string {
  const text = readFileSync(path.join(dir, 'rollcall.yaml'), 'utf8');
  const replaced = text.replace(
    '      - members/*.csv\n      - members/*.yaml\n',
    patterns.map((p) => `      - ${p}\n`).join(''),
  );
  expect(replaced).not.toBe(text);
  const file = path.join(dir, `rollcall-${patterns.join('-').replace(/[^a-z0-9]+/g, '_')}.yaml`);
  writeFileSync(file, replaced);
  return file;
}

/** stderr without the plain progress line ("t: 3 members on the platform") printed off a TTY. */
function withoutProgress(stderr: string): string {
  return stderr.replace(/^\S+: \d+ members? on the platform\n/m, '');
}

function expectEmptyPlan(config: string, cwd: string): void {
  const plan = runCli(['plan', '-c', config, '--detailed-exitcode'], { cwd });
  expect(plan.stderr).not.toMatch(STACK_LINE);
  expect(plan.stdout).toContain('No changes.');
  expect(plan.code).toBe(0);
}

describe('rollcall import on the quickstart', () => {
  it.each([
    ['yaml', 'yaml'],
    ['3dexperience', 'csv'],
  ])('--format %s writes acme-3dx.%s; a plan against it alone has no changes', (format, ext) => {
    const dir = copyQuickstart();
    const r = runCli(['import', '--target', 'acme-3dx', '--format', format, '--out', 'imported'], {
      cwd: dir,
    });
    expect(r.stderr).not.toMatch(STACK_LINE);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`acme-3dx: wrote 10 members (1 invited) to imported/acme-3dx.${ext}`);
    expect(r.stdout).toContain('left out 1 member matching policy.ignore');
    expect(r.stdout).toContain(`      - imported/acme-3dx.${ext}`);
    expect(r.stderr).not.toContain('warning');
    const written = readFileSync(path.join(dir, `imported/acme-3dx.${ext}`), 'utf8');
    expect(written).not.toContain('svc-backup');
    // The quickstart's own files differ from the platform: its plan has changes…
    expect(runCli(['plan', '-c', 'rollcall.yaml', '--detailed-exitcode'], { cwd: dir }).code).toBe(2);
    // …the imported file does not.
    expectEmptyPlan(quickstartConfig(dir, [`imported/*.${ext}`]), dir);
  });

  it("writes the target's own format by default, in the current directory", () => {
    const dir = copyQuickstart();
    const r = runCli(['import', '--target', 'acme-3dx'], { cwd: dir });
    expect(r.code).toBe(0);
    const csv = readFileSync(path.join(dir, 'acme-3dx.csv'), 'utf8');
    expect(csv.split('\n')[0]).toBe('user;rights;agreement;roles;mail;remove;passport;force;location');
    expect(csv).toContain('alan@acme.com;member;employee;CSV,IFW;no;;;;EU1\n');
    expectEmptyPlan(quickstartConfig(dir, ['acme-3dx.csv']), dir);
  });

  it('YAML: writes a $schema line that resolves to the members schema', () => {
    const dir = copyQuickstart();
    expect(
      runCli(['import', '--target', 'acme-3dx', '--out', 'm', '--format', 'yaml'], { cwd: dir }).code,
    ).toBe(0);
    const first = readFileSync(path.join(dir, 'm/acme-3dx.yaml'), 'utf8').split('\n')[0]!;
    const schema = first.replace('# yaml-language-server: $schema=', '');
    expect(schema).not.toBe(first);
    expect(JSON.parse(readFileSync(path.resolve(dir, 'm', schema), 'utf8')).title).toBe(
      'rollcall members file',
    );
  });

  it('refuses to overwrite an existing file unless --force', () => {
    const dir = copyQuickstart();
    const args = ['import', '--target', 'acme-3dx', '--out', 'imported'];
    expect(runCli(args, { cwd: dir }).code).toBe(0);
    const file = path.join(dir, 'imported/acme-3dx.csv');
    writeFileSync(file, 'hand edits\n');
    const again = runCli(args, { cwd: dir });
    expect(again.code).toBe(1);
    expect(again.stderr).toBe(
      'rollcall: imported/acme-3dx.csv already exists; use --force to overwrite it\n',
    );
    expect(readFileSync(file, 'utf8')).toBe('hand edits\n');
    const forced = runCli([...args, '--force'], { cwd: dir });
    expect(forced.code).toBe(0);
    expect(readFileSync(file, 'utf8')).toMatch(/^user;rights;/);
  });

  it.each([
    [[], 'none'],
    [['--target', 'acme-3dx', '--target', 'acme-3dx'], 'acme-3dx, acme-3dx'],
    [['--target', 'acme-3dx', '--target', 'other'], 'acme-3dx, other'],
  ])('needs exactly one --target (%j): usage error, exit 1, one line', (targets, got) => {
    const dir = copyQuickstart();
    const r = runCli(['import', ...targets], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`rollcall: import needs exactly one --target NAME (got ${got})\n`);
    expect(existsSync(path.join(dir, 'acme-3dx.csv'))).toBe(false);
  });

  it('refuses an unknown target and an unknown format, one line each', () => {
    const dir = copyQuickstart();
    const unknown = runCli(['import', '--target', 'nope'], { cwd: dir });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(
      /^rollcall: rollcall\.yaml: unknown target "nope"; targets in this config: acme-3dx\n$/,
    );
    const format = runCli(['import', '--target', 'acme-3dx', '--format', 'xlsx'], { cwd: dir });
    expect(format.code).toBe(1);
    expect(format.stderr).toContain("error: option '--format <format>' argument 'xlsx' is invalid");
    expect(format.stderr).not.toMatch(STACK_LINE);
  });
});

describe('rollcall import on a 10,000-member platform', () => {
  function platform(): string {
    const dir = tmpDir({
      'state.json': JSON.stringify(generateState(10_000)),
      'rollcall.yaml': config(['members/*.yaml']),
      'members/placeholder.yaml': 'members: []\n',
    });
    return dir;
  }

  function config(members: string[]): string {
    return [
      'version: 1',
      'targets:',
      '  - name: big',
      '    provider: local',
      '    format: 3dexperience',
      `    members: [${members.join(', ')}]`,
      '    connection: { state: state.json }',
      CATALOG,
      '    policy: { prune: true, offboard: remove, ignore: ["svc-*@acme.com"], minAdmins: 1, maxRemovals: 5 }',
      '',
    ].join('\n');
  }

  it.each([
    ['yaml', 'yaml'],
    ['3dexperience', 'csv'],
  ])(
    '--format %s: every member, state and role round-trips; plan --detailed-exitcode exits 0',
    (format, ext) => {
      const dir = platform();
      const r = runCli(['import', '--target', 'big', '--format', format, '--out', 'imported'], { cwd: dir });
      expect(r.stderr).not.toMatch(STACK_LINE);
      expect(r.code).toBe(0);
      const count = (status: string) =>
        generateState(10_000).members.filter((m) => m.status === status).length;
      expect(count('invited') * count('removed') * count('pseudonymized')).toBeGreaterThan(0);
      expect(r.stdout).toContain(
        `big: wrote 10,000 members (${count('invited')} invited, ${count('removed')} removed, ${count('pseudonymized')} pseudonymized) to imported/big.${ext}`,
      );
      expect(r.stderr).not.toContain('warning');
      writeFileSync(path.join(dir, 'imported.yaml'), config([`imported/*.${ext}`]));
      expectEmptyPlan('imported.yaml', dir);
      // Against no member file, by contrast, the platform would be pruned: the check above can fail.
      const empty = runCli(['plan', '-c', 'rollcall.yaml', '--detailed-exitcode'], { cwd: dir });
      expect(empty.code).toBe(2);
    },
    600_000, // a bound against hangs only (about 30 s idle, much more on a loaded machine)
  );
});

describe('rollcall import: what cannot be written exactly', () => {
  function project(state: object, target = ''): string {
    return tmpDir({
      'state.json': JSON.stringify(state),
      'rollcall.yaml': [
        'version: 1',
        'targets:',
        '  - name: t',
        '    provider: local',
        '    format: 3dexperience',
        '    members: [imported/*]',
        '    connection: { state: state.json }',
        '    policy: { prune: true }',
        target,
        '',
      ].join('\n'),
    });
  }

  it('writes a user a spreadsheet would run as a formula after one space in CSV, exactly in YAML; both read back', () => {
    const dir = project({
      members: [
        { key: 'ada@acme.com', status: 'active', roles: ['CSV'] },
        { key: '-x@acme.com', status: 'active', roles: ['CSV'] },
        { key: '=cmd@acme.com', status: 'invited', roles: [] },
      ],
    });
    const csv = runCli(['import', '--target', 't', '--out', 'imported'], { cwd: dir });
    expect(csv.code).toBe(0);
    const text = readFileSync(path.join(dir, 'imported/t.csv'), 'utf8');
    expect(text).toContain('\n -x@acme.com;member;');
    expect(text).toContain('\n =cmd@acme.com;member;');
    expect(text.split('\n').filter((l) => /^[=+\-@]/.test(l))).toEqual([]);
    expectEmptyPlan('rollcall.yaml', dir);
    rmSync(path.join(dir, 'imported/t.csv'));
    const yaml = runCli(['import', '--target', 't', '--out', 'imported', '--format', 'yaml'], { cwd: dir });
    expect(yaml.code).toBe(0);
    expect(yaml.stdout).toContain('The target already reads it (members pattern "imported/*")');
    expect(readFileSync(path.join(dir, 'imported/t.yaml'), 'utf8')).toContain('  - email: "-x@acme.com"\n');
    expectEmptyPlan('rollcall.yaml', dir);
  });

  it('writes nothing when the target would not read the file back (a role outside its catalog)', () => {
    const dir = project(
      { members: [{ key: 'ada@acme.com', status: 'active', roles: ['CSV', 'XEN'] }] },
      '    roles: { CSV: {} }',
    );
    const r = runCli(['import', '--target', 't', '--out', 'imported'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(withoutProgress(r.stderr)).toBe(
      'imported/t.csv:2:30: role "XEN" is not in the target\'s role catalog\n' +
        'rollcall: imported/t.csv: rollcall could not read back what import would write (1 problem); nothing written\n',
    );
    expect(existsSync(path.join(dir, 'imported/t.csv'))).toBe(false);
  });

  it("writes, and warns of each change a plan would still show, when the target's defaults do not fit", () => {
    const dir = project(
      {
        members: [
          { key: 'ada@acme.com', status: 'active', roles: ['CSV'] },
          { key: 'bob@acme.com', status: 'active', roles: ['CSV'], location: 'EU1' },
        ],
      },
      '    defaults: { location: EU2 }',
    );
    const r = runCli(['import', '--target', 't', '--out', 'imported'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('warning: a plan against imported/t.csv would still show 1 change');
    expect(r.stderr).toContain('  update ada@acme.com: location null → "EU2"\n');
    const plan = runCli(['plan', '--detailed-exitcode'], { cwd: dir });
    expect(plan.code).toBe(2);
    expect(plan.stdout).toMatch(/ada@acme\.com[\s\S]*location/);
  });

  it('says when the target would not read the written format', () => {
    const dir = tmpDir({
      'state.json': JSON.stringify({ members: [{ key: 'ada@acme.com', status: 'active', roles: ['CSV'] }] }),
      'rollcall.yaml':
        'version: 1\ntargets:\n  - name: t\n    provider: local\n    members: [m.yaml]\n    connection: { state: state.json }\n',
    });
    const r = runCli(['import', '--target', 't', '--format', '3dexperience'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      'The target reads non-YAML files as "yaml": set `format: 3dexperience` on it too.',
    );
  });
});

describe('rollcall import in the Deepomatic and Anaplan formats', () => {
  it.each([
    [
      'anaplan',
      '    roles: { "Full Access": {}, "Read Only": {} }',
      [
        {
          key: 'ada@acme.com',
          firstName: 'Ada',
          lastName: 'Lovelace',
          status: 'active',
          roles: ['Full Access'],
          sso: true,
          access: ['Products Write', 'Products Read'],
        },
        { key: 'grace@acme.com', firstName: 'Grace', lastName: 'Hopper', status: 'invited', roles: [] },
        { key: 'ken@acme.com', status: 'removed', roles: [] },
      ],
    ],
    [
      'deepomatic',
      '    defaults: { roles: [annotator] }',
      [
        {
          key: 'ada@acme.com',
          firstName: 'Ada',
          lastName: 'Lovelace',
          description: 'a, "b"',
          status: 'active',
          roles: ['annotator'],
        },
        {
          key: 'grace@acme.com',
          firstName: 'Grace',
          lastName: 'Hopper',
          status: 'invited',
          roles: ['annotator'],
        },
        { key: 'ken@acme.com', status: 'removed', roles: [] },
      ],
    ],
  ])(
    '%s: present members written, removed ones left out and said so; a plan right after is empty',
    (format, extra, members) => {
      const dir = tmpDir({
        'state.json': JSON.stringify({ members }),
        'rollcall.yaml': `version: 1\ntargets:\n  - name: t\n    provider: local\n    format: ${format}\n    members: [t.csv]\n    connection: { state: state.json }\n    policy: { prune: true }\n${extra}\n`,
      });
      const r = runCli(['import', '--target', 't'], { cwd: dir });
      expect(r.stderr).not.toMatch(STACK_LINE);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('t: wrote 2 members (1 invited) to t.csv');
      expect(r.stdout).toContain(
        `t: left out 1 removed or pseudonymized member: a ${format} file has no state`,
      );
      expect(r.stderr).not.toContain('warning');
      expectEmptyPlan('rollcall.yaml', dir);
    },
  );
});
