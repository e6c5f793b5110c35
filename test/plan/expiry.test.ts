import { describe, expect, it } from 'vitest';
import type { DesiredMember } from '../../src/model/member.js';
import { assemblePlan, planDigest, planTarget } from '../../src/plan/plan.js';
import { LOCAL_CAPABILITIES } from '../../src/providers/local/index.js';
import { actualState, brief, have, policy, type Scenario, want } from './builders.js';

function planAt(today: string | undefined, s: Scenario) {
  return planTarget({
    name: 't',
    provider: 'local',
    policy: policy(s.policy),
    capabilities: LOCAL_CAPABILITIES,
    desired: new Map((s.desired ?? []).map((d: DesiredMember) => [d.key, d])),
    actual: actualState(s),
    today,
  });
}

describe('until (design §6.1)', () => {
  const ada = (until: string) => want('ada@acme.com', { until });
  const present = [have('ada@acme.com')];

  it('offboards access whose last day has passed, by policy.offboard, whatever prune says', () => {
    const p = planAt('2027-04-01', {
      desired: [ada('2027-03-31')],
      actual: present,
      policy: { prune: false, offboard: 'pseudonymize', maxRemovals: 'none' },
    });
    expect(brief(p)).toEqual(['1 remove ada@acme.com', '2 pseudonymize ada@acme.com']);
    expect(p.changes[0]!.reason).toBe('access ended after 2027-03-31 (until)');
    expect(p.notices).toBeUndefined();
  });

  it('keeps access on its last day and lists it as expiring today', () => {
    const p = planAt('2027-03-31', { desired: [ada('2027-03-31')], actual: present });
    expect(p.changes).toEqual([]);
    expect(p.notices).toEqual([
      {
        kind: 'expiring',
        key: 'ada@acme.com',
        until: '2027-03-31',
        message: 'access of ada@acme.com ends after 2027-03-31 (today)',
      },
    ]);
  });

  it('lists access ending within expiryNotice days, and not before', () => {
    const soon = planAt('2027-03-17', { desired: [ada('2027-03-31')], actual: present });
    expect(soon.notices?.map((n) => n.key)).toEqual(['ada@acme.com']);
    const later = planAt('2027-03-16', { desired: [ada('2027-03-31')], actual: present });
    expect(later.notices).toBeUndefined();
    const custom = planAt('2027-03-01', {
      desired: [ada('2027-03-31')],
      actual: present,
      policy: { expiryNotice: 30 },
    });
    expect(custom.notices?.length).toBe(1);
  });

  it('does not invite someone whose access already ended', () => {
    const p = planAt('2027-04-01', { desired: [ada('2027-03-31')] });
    expect(p.changes).toEqual([]);
  });

  it('changes nothing when no day is given (the planner reads no clock)', () => {
    const p = planAt(undefined, { desired: [ada('2020-01-01')], actual: present });
    expect(p.changes).toEqual([]);
  });

  it('keeps the desired digest of the files, not of the expired view', () => {
    const a = planAt('2027-04-01', { desired: [ada('2027-03-31')], actual: present });
    const b = planAt('2027-03-01', { desired: [ada('2027-03-31')], actual: present });
    expect(a.desiredDigest).toBe(b.desiredDigest);
  });
});

describe('asOf', () => {
  it('is recorded and covered by the digest', () => {
    const t = planAt('2027-01-01', { desired: [want('a@x.io')] });
    const plan = assemblePlan([t], new Date('2027-01-01T10:00:00Z'), '2027-01-01');
    expect(plan.asOf).toBe('2027-01-01');
    expect(plan.digest).toBe(planDigest([t], '2027-01-01'));
    expect(planDigest([t], '2027-01-02')).not.toBe(plan.digest);
  });
});
