import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, STACK_LINE } from '../helpers/cli.js';
import { tmpDir } from '../helpers/tmp.js';

function project(roles = 'XEN: { cost: { amount: 1440, currency: EUR, per: year } }') {
  const dir = tmpDir({
    'rollcall.yaml': `version: 1\ntargets:\n  - name: t\n    provider: local\n    members: [members.yaml]\n    connection: { state: state.json }\n    roles:\n      ${roles}\n    policy: { maxCostIncrease: 200 }\n`,
    'members.yaml':
      'members:\n  - { email: a@acme.com, roles: [XEN] }\n  - { email: b@acme.com, roles: [XEN] }\n',
    'state.json': JSON.stringify({ seats: {}, members: [] }),
  });
  return (...args: string[]) => runCli([...args, '-c', path.join(dir, 'rollcall.yaml')], { cwd: dir });
}

describe('license cost', () => {
  it('holds a plan over maxCostIncrease; --allow-cost-increase N releases it when N covers the increase', () => {
    const cli = project();
    const t = JSON.parse(cli('plan', '--format', 'json').stdout).targets[0];
    expect(t.cost).toEqual({ currency: 'EUR', per: 'month', before: 0, after: 240 });
    expect(t.held).toBe(true);
    expect(cli('plan', '--format', 'markdown').stdout.split('\n')[2]).toContain('+2 XEN, +€240/month');
    const refused = cli('apply', '--auto-approve', '--allow-cost-increase', '239');
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain('--allow-cost-increase 239 is less than 240');
    expect(cli('apply', '--auto-approve', '--allow-removals', '100').code).toBe(3);
    const r = cli('apply', '--auto-approve', '--allow-cost-increase', '240');
    expect(r.stderr).not.toMatch(STACK_LINE);
    expect(r.code).toBe(0);
  });

  it('two currencies in one catalog are a located error', () => {
    const cli = project(
      'XEN: { cost: { amount: 1, currency: EUR, per: month } }\n      CSV: { cost: { amount: 1, currency: USD, per: month } }',
    );
    const r = cli('validate');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /rollcall\.yaml:9:\d+: role "CSV" costs in USD but "XEN" in EUR: one currency per target/,
    );
  });
});
