import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, STACK_LINE } from '../helpers/cli.js';
import { tmpDir } from '../helpers/tmp.js';

function project() {
  const dir = tmpDir({
    'rollcall.yaml':
      'version: 1\napprovals: approvals.yaml\ntargets:\n  - name: t\n    provider: local\n    members: [members.yaml]\n    connection: { state: state.json }\n    policy: { prune: true }\n',
    'members.yaml': 'members:\n  - email: ada@acme.com\n',
    'approvals.yaml': 'approvals: []\n',
    'state.json': JSON.stringify({
      seats: {},
      members: ['ada', 'bob', 'cy'].map((n) => ({ key: `${n}@acme.com`, status: 'active' })),
    }),
  });
  const cli = (...args: string[]) => runCli([...args, '-c', path.join(dir, 'rollcall.yaml')], { cwd: dir });
  const approvals = (text: string) => writeFileSync(path.join(dir, 'approvals.yaml'), text);
  return { cli, approvals };
}

describe('approvals file', () => {
  it('releases the removal hold of exactly the reviewed removals, and the plan names the approval', () => {
    const { cli, approvals } = project();
    const held = JSON.parse(cli('plan', '--format', 'json').stdout).targets[0];
    expect(held.held).toBe(true);
    expect(held.removalDigest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(cli('apply', '--auto-approve').code).toBe(3);

    approvals(
      `approvals:\n  - target: t\n    removals: "${held.removalDigest}"\n    reason: bob and cy left\n`,
    );
    const released = JSON.parse(cli('plan', '--format', 'json').stdout).targets[0];
    expect(released.held).toBe(false);
    expect(released.approvedBy).toEqual({ file: 'approvals.yaml', line: 2, reason: 'bob and cy left' });
    const r = cli('apply', '--auto-approve');
    expect(r.stderr).not.toMatch(STACK_LINE);
    expect(r.code).toBe(0);
  });

  it('--allow-removals N still releases a removal hold', () => {
    const { cli } = project();
    expect(cli('apply', '--auto-approve', '--allow-removals', '1').code).toBe(3);
    expect(cli('apply', '--auto-approve', '--allow-removals', '2').code).toBe(0);
  });

  it('an approval for an unknown target, or a malformed digest, is a located error', () => {
    const { cli, approvals } = project();
    approvals('approvals:\n  - target: nope\n    removals: "sha256:00"\n    reason: x\n');
    const r = cli('validate');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/approvals\.yaml:3:\d+: .*removalDigest/);
    approvals('approvals:\n  - target: nope\n    costIncrease: 10\n    reason: x\n');
    const u = cli('validate');
    expect(u.code).toBe(1);
    expect(u.stderr).toMatch(/approvals\.yaml:2:\d+: approval for unknown target "nope"/);
    expect(u.stderr).not.toMatch(STACK_LINE);
  });
});
