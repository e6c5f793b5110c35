import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Approval } from '../../src/model/approval.js';
import { planTarget } from '../../src/plan/plan.js';
import { LOCAL_CAPABILITIES } from '../../src/providers/local/index.js';
import { actualState, have, policy, want } from './builders.js';

const members = ['a', 'b', 'c', 'd'].map((k) => have(`${k}@x.io`));

function planWith(
  keep: string[],
  approvals: Approval[] = [],
  offboard: 'remove' | 'pseudonymize' = 'remove',
) {
  return planTarget({
    name: 't',
    provider: 'local',
    policy: policy({ prune: true, offboard }),
    capabilities: { ...LOCAL_CAPABILITIES, pseudonymize: true },
    desired: new Map(keep.map((k) => [k, want(k)])),
    actual: actualState({ actual: members }),
    approvals,
  });
}

const approval = (removals: string): Approval => ({
  target: 't',
  removals,
  reason: 'team b and c leave (PR #42)',
  file: 'approvals.yaml',
  line: 3,
});

describe('removalDigest (design §6.1)', () => {
  it('is sha256 of the canonical { action, key, phase } list sorted by key, phase, action', () => {
    const p = planWith(['a@x.io', 'd@x.io'], [], 'pseudonymize');
    const items = [
      { action: 'remove', key: 'b@x.io', phase: 1 },
      { action: 'pseudonymize', key: 'b@x.io', phase: 2 },
      { action: 'remove', key: 'c@x.io', phase: 1 },
      { action: 'pseudonymize', key: 'c@x.io', phase: 2 },
    ];
    const text = JSON.stringify(items.map((i) => ({ action: i.action, key: i.key, phase: i.phase })));
    expect(text).toBe(
      '[{"action":"remove","key":"b@x.io","phase":1},{"action":"pseudonymize","key":"b@x.io","phase":2},{"action":"remove","key":"c@x.io","phase":1},{"action":"pseudonymize","key":"c@x.io","phase":2}]',
    );
    expect(p.removalDigest).toBe(`sha256:${createHash('sha256').update(text).digest('hex')}`);
  });

  it('is absent when nothing is offboarded', () => {
    expect(planWith(['a@x.io', 'b@x.io', 'c@x.io', 'd@x.io']).removalDigest).toBeUndefined();
  });
});

describe('approved removals', () => {
  it('a held plan whose removalDigest is approved is not held, and says which approval released it', () => {
    const held = planWith(['a@x.io', 'd@x.io']);
    expect(held.held).toBe(true);
    expect(held.heldReason).toContain(`an approval of removals ${held.removalDigest}`);
    const released = planWith(['a@x.io', 'd@x.io'], [approval(held.removalDigest!)]);
    expect(released.held).toBe(false);
    expect(released.approvedBy).toEqual({
      file: 'approvals.yaml',
      line: 3,
      reason: 'team b and c leave (PR #42)',
    });
  });

  it('an approval of other removals does not release the hold', () => {
    const p = planWith(['a@x.io', 'd@x.io'], [approval(`sha256:${'0'.repeat(64)}`)]);
    expect(p.held).toBe(true);
    expect(p.approvedBy).toBeUndefined();
  });

  it('removals changed after the approval hold the plan again', () => {
    const reviewed = planWith(['a@x.io', 'd@x.io']).removalDigest!;
    const more = planWith(['a@x.io'], [approval(reviewed)]);
    expect(more.removalDigest).not.toBe(reviewed);
    expect(more.held).toBe(true);
    expect(more.approvedBy).toBeUndefined();
  });

  it('an approval is not needed, and not named, when the plan is not held', () => {
    const p = planWith(
      ['a@x.io', 'b@x.io', 'c@x.io'],
      [approval(planWith(['a@x.io', 'b@x.io', 'c@x.io']).removalDigest!)],
    );
    expect(p.held).toBe(false);
    expect(p.approvedBy).toBeUndefined();
  });
});
