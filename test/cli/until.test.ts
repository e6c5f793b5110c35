import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, STACK_LINE } from '../helpers/cli.js';
import { tmpDir } from '../helpers/tmp.js';

function project(members?: string) {
  const dir = tmpDir({
    'rollcall.yaml':
      'version: 1\ntargets:\n  - name: t\n    provider: local\n    members: [members.yaml]\n    connection: { state: state.json }\n',
    'members.yaml':
      members ??
      'members:\n  - email: ada@acme.com\n    until: 2099-03-31\n  - email: bob@acme.com\n    until: 2099-05-31\n',
    'state.json': JSON.stringify({
      seats: {},
      members: [
        { key: 'ada@acme.com', status: 'active' },
        { key: 'bob@acme.com', status: 'active' },
      ],
    }),
  });
  return (...args: string[]) => runCli([...args, '-c', path.join(dir, 'rollcall.yaml')], { cwd: dir });
}

describe('plan --at and asOf', () => {
  it('previews a future day: expired access is removed, soon-expiring access is listed', () => {
    const cli = project();
    const r = cli('plan', '--at', '2099-05-20', '--format', 'json');
    expect(r.code).toBe(0);
    const plan = JSON.parse(r.stdout);
    expect(plan.asOf).toBe('2099-05-20');
    const t = plan.targets[0];
    expect(t.changes.map((c: { action: string; key: string }) => `${c.action} ${c.key}`)).toEqual([
      'remove ada@acme.com',
    ]);
    expect(t.notices).toEqual([
      {
        kind: 'expiring',
        key: 'bob@acme.com',
        until: '2099-05-31',
        message: 'access of bob@acme.com ends after 2099-05-31 (in 11 days)',
      },
    ]);
    const text = cli('plan', '--at', '2099-05-20');
    expect(text.stdout).toContain('access of bob@acme.com ends after 2099-05-31 (in 11 days)');
    expect(text.stdout).toContain('access ended after 2099-03-31 (until)');
  });

  it('apply refuses (exit 3) a saved plan made as of another day', () => {
    const cli = project();
    expect(cli('plan', '--at', '2099-05-20', '--out', 'plan.json').code).toBe(0);
    const r = cli('apply', 'plan.json');
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('the saved plan was made as of 2099-05-20, not today');
    expect(r.stderr).not.toMatch(STACK_LINE);
  });

  it('refuses a malformed --at, and a malformed until with its place', () => {
    const cli = project();
    const bad = cli('plan', '--at', '2099-02-30');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('expected a day as YYYY-MM-DD');
    const file = project('members:\n  - email: ada@acme.com\n    until: 2099-13-01\n')('validate');
    expect(file.code).toBe(1);
    expect(file.stderr).toMatch(/members\.yaml:3:\d+: .*not a calendar day/);
    expect(file.stderr).not.toMatch(STACK_LINE);
  });
});
