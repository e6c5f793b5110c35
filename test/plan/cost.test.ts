import { describe, expect, it } from 'vitest';
import type { Approval } from '../../src/model/approval.js';
import { assemblePlan, planTarget } from '../../src/plan/plan.js';
import { LOCAL_CAPABILITIES } from '../../src/providers/local/index.js';
import { renderMarkdown } from '../../src/render/markdown.js';
import { actualState, have, policy, type Scenario, want } from './builders.js';

const costs = { currency: 'EUR', monthly: { XEN: 120, CSV: 10 } };

function planCost(s: Scenario, approvals: Approval[] = []) {
  return planTarget({
    name: 't',
    provider: 'local',
    policy: policy(s.policy),
    capabilities: LOCAL_CAPABILITIES,
    desired: new Map((s.desired ?? []).map((d) => [d.key, d])),
    actual: actualState(s),
    costs,
    approvals,
  });
}

const base: Scenario = {
  actual: [
    have('a@x.io', { roles: ['CSV', 'XEN'] }),
    have('old@x.io', { roles: ['CSV'], status: 'removed' }),
  ],
  desired: [
    want('a@x.io', { roles: ['CSV', 'XEN'] }),
    want('b@x.io', { roles: ['CSV', 'XEN'] }),
    want('c@x.io', { roles: ['CSV', 'XEN'] }),
  ],
};

describe('cost (design §6.1)', () => {
  it('carries the monthly cost of present seats before and after', () => {
    const p = planCost(base);
    expect(p.cost).toEqual({ currency: 'EUR', per: 'month', before: 130, after: 390 });
    expect(p.held).toBe(false);
  });

  it('counts removals and revokes, not what is blocked', () => {
    const p = planCost({
      actual: [have('a@x.io', { roles: ['CSV', 'XEN'] }), have('z@x.io', { roles: ['CSV'] })],
      desired: [want('a@x.io', { roles: ['CSV'] }), want('n@x.io', { roles: ['CSV', 'XEN'] })],
      seats: { XEN: 0 },
      policy: { prune: true, maxRemovals: 'none' },
    });
    // a drops XEN (−120), z leaves (−10); n's invitation needs an XEN seat there is not: blocked, not counted.
    expect(p.blocked.map((b) => `${b.action} ${b.key} ${b.reason}`)).toEqual(['invite n@x.io no-seats']);
    expect(p.cost).toEqual({ currency: 'EUR', per: 'month', before: 140, after: 10 });
  });

  it('holds over maxCostIncrease; an approval of at least the increase releases that hold', () => {
    const held = planCost({ ...base, policy: { maxCostIncrease: 200 } });
    expect(held.held).toBe(true);
    expect(held.heldFor).toEqual(['cost']);
    expect(held.heldReason).toBe(
      'a cost increase of 260 EUR/month exceeds policy.maxCostIncrease (200); apply needs --allow-cost-increase 260',
    );
    const small: Approval = { target: 't', costIncrease: 100, reason: 'r', file: 'approvals.yaml', line: 2 };
    expect(planCost({ ...base, policy: { maxCostIncrease: 200 } }, [small]).held).toBe(true);
    const ok: Approval = { ...small, costIncrease: 300, line: 5 };
    const released = planCost({ ...base, policy: { maxCostIncrease: 200 } }, [ok]);
    expect(released.held).toBe(false);
    expect(released.costApprovedBy).toEqual({ file: 'approvals.yaml', line: 5, reason: 'r' });
  });

  it('the markdown comment leads with the cost', () => {
    const p = planCost(base);
    const md = renderMarkdown(assemblePlan([p], new Date(0)));
    const lines = md.split('\n');
    expect(lines[2]).toBe('**t: +2 CSV, +2 XEN, +€260/month \\(€130 → €390 per month\\)**');
  });
});

describe('reclaimable invitations (design §6.1)', () => {
  const run = (today: string, extra: Partial<Scenario> = {}) =>
    planTarget({
      name: 't',
      provider: 'local',
      policy: policy(extra.policy),
      capabilities: LOCAL_CAPABILITIES,
      desired: new Map(
        ['p@x.io', 'q@x.io', 'r@x.io'].map((k) => [
          k,
          want(k, { roles: k === 'r@x.io' ? ['CSV'] : ['XEN'] }),
        ]),
      ),
      actual: actualState({
        actual: [
          have('p@x.io', { status: 'invited', roles: ['XEN'], invitedOn: '2027-01-01' }),
          have('q@x.io', { status: 'invited', roles: ['XEN'] }),
          have('r@x.io', { status: 'invited', roles: ['CSV'], invitedOn: '2026-01-01' }),
        ],
      }),
      costs: { currency: 'EUR', monthly: { XEN: 120 } },
      today,
    });

  it('lists a pending invitation holding a paid seat for more than the notice period', () => {
    expect(run('2027-01-15').notices).toBeUndefined();
    expect(run('2027-01-16').notices).toEqual([
      {
        kind: 'reclaimable',
        key: 'p@x.io',
        invitedOn: '2027-01-01',
        cost: 120,
        message:
          'invitation of p@x.io pending since 2027-01-01 (15 days) holds paid seats worth 120 EUR/month: reclaimable',
      },
    ]);
  });
});
