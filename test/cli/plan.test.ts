import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { shellWord } from '../../src/cli/plan.js';
import { Plan } from '../../src/model/plan.js';
import { runCli, STACK_LINE } from '../helpers/cli.js';
import { tmpDir } from '../helpers/tmp.js';

const QUICKSTART = 'examples/quickstart/rollcall.yaml';

describe('rollcall plan on the quickstart', () => {
  it('prints a text plan with every kind of line and exits 0, or 2 with --detailed-exitcode', () => {
    const r = runCli(['plan', '-c', QUICKSTART]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Target acme-3dx (local)');
    expect(r.stdout).toMatch(/- remove\s+ken@acme\.com/);
    expect(r.stdout).toMatch(/\+ invite\s+frances@acme\.com\s+roles: CSV, IFW/);
    expect(r.stdout).toMatch(/~ grant\s+grace@acme\.com\s+roles: XEN/);
    expect(r.stdout).toMatch(/location: "EU2" → "EU1"/);
    expect(r.stdout).toMatch(/license-locked \(IFW\)/);
    expect(r.stdout).toContain('Plan: 3 to invite, 3 to change, 1 to offboard, 1 blocked.');
    expect(r.stdout).not.toContain('svc-backup'); // ignored by policy
    expect(r.stdout).not.toContain('\u001b['); // no color off a TTY
    expect(runCli(['plan', '-c', QUICKSTART, '--detailed-exitcode']).code).toBe(2);
  });

  it('prints plan JSON (design §7) on stdout with --format json, and saves it with --out', () => {
    const dir = tmpDir();
    const out = path.join(dir, 'plan.json');
    const r = runCli(['plan', '-c', QUICKSTART, '--format', 'json', '--out', out]);
    expect(r.code).toBe(0);
    const printed = Plan.parse(JSON.parse(r.stdout));
    expect(printed.formatVersion).toBe(1);
    expect(printed.targets[0]!.summary).toMatchObject({ invite: 3, remove: 1, blocked: 1 });
    expect(readFileSync(out, 'utf8')).toBe(r.stdout);
    // Same inputs, same plan: byte-identical apart from createdAt.
    const again = runCli(['plan', '-c', QUICKSTART, '--format', 'json']);
    const strip = (s: string) => s.replace(/"createdAt": "[^"]+"/, '');
    expect(strip(again.stdout)).toBe(strip(r.stdout));
  });

  it('renders markdown for pull requests', () => {
    const r = runCli(['plan', '-c', QUICKSTART, '--format', 'markdown']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('<details>');
    expect(r.stdout).toContain('acme-3dx');
  });

  it('exits 0 with "No changes" and --detailed-exitcode when the platform matches the files', () => {
    const dir = tmpDir({
      'rollcall.yaml':
        'version: 1\ntargets:\n  - name: t\n    provider: local\n    members: [members.yaml]\n    connection: { state: state.json }\n    policy: { prune: true }\n',
      'members.yaml': 'members:\n  - email: ada@acme.com\n    roles: [CSV]\n',
      'state.json': JSON.stringify({ members: [{ key: 'ada@acme.com', status: 'active', roles: ['CSV'] }] }),
    });
    const r = runCli(['plan', '-c', path.join(dir, 'rollcall.yaml'), '--detailed-exitcode']);
    expect(r.stderr).not.toMatch(STACK_LINE);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('No changes.');
  });

  it('refuses an invalid state file with a located error and exit 1', () => {
    const dir = tmpDir({
      'rollcall.yaml':
        'version: 1\ntargets:\n  - name: t\n    provider: local\n    members: [members.yaml]\n    connection: { state: state.json }\n',
      'members.yaml': 'members: []\n',
      'state.json': '{\n  "members": [\n    { "key": "a@x.io", "status": "gone" }\n  ]\n}\n',
    });
    const r = runCli(['plan', '-c', path.join(dir, 'rollcall.yaml')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/state\.json:3:\d+: members\.0\.status: /);
    expect(r.stderr).not.toMatch(STACK_LINE);
  });

  it('refuses an unknown connection key of the local provider, naming the close one', () => {
    const dir = tmpDir({
      'rollcall.yaml':
        'version: 1\ntargets:\n  - name: t\n    provider: local\n    members: [members.yaml]\n    connection: { stat: state.json }\n',
      'members.yaml': 'members: []\n',
    });
    const r = runCli(['plan', '-c', path.join(dir, 'rollcall.yaml')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /rollcall\.yaml:6:5: target "t": connection: unknown key "stat"; did you mean "state"\?/,
    );
  });

  it('refuses an unknown --format as a usage error (exit 1)', () => {
    const r = runCli(['plan', '-c', QUICKSTART, '--format', 'html']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('html');
  });
});

describe('the apply command plan --out suggests', () => {
  it('reads back as the same path in a POSIX shell, spaces and quotes included', () => {
    for (const file of ['plan.json', 'my plans/plan 1.json', "it's $HOME; rm -rf x.json", 'ü.json']) {
      const echoed = spawnSync('sh', ['-c', `printf %s ${shellWord(file)}`], { encoding: 'utf8' });
      expect(echoed.stdout).toBe(file);
    }
    expect(shellWord('plans/plan.json')).toBe('plans/plan.json');
  });
});
