import { describe, expect, it } from 'vitest';
import { have, plan } from './builders.js';

const four = ['a', 'b', 'c', 'd'].map((k) => have(`${k}@x.io`));

describe('default removal hold (design §6.1)', () => {
  it('with prune and no maxRemovals, holds a plan offboarding over 25% of the present members', () => {
    const p = plan({ actual: four, desired: [], policy: { prune: true } });
    expect(p.held).toBe(true);
    expect(p.heldFor).toEqual(['removals']);
    expect(p.heldReason).toBe(
      `4 removals exceed 25% of the 4 current members (1), the default limit with prune (set policy.maxRemovals, or "none"); apply needs --allow-removals 4, or an approval of removals ${p.removalDigest}`,
    );
  });

  it('does not hold at exactly 25%', () => {
    const keep = four.slice(1).map((m) => ({ ...m }));
    const p = plan({
      actual: four,
      desired: keep.map((m) => ({
        key: m.key,
        roles: [],
        state: 'active' as const,
        source: { file: 'm', line: 1 },
      })),
      policy: { prune: true },
    });
    expect(p.removals).toBe(1);
    expect(p.held).toBe(false);
    expect(p.heldFor).toBeUndefined();
  });

  it('counts only invited and active members as the base', () => {
    const gone = ['e', 'f', 'g', 'h'].map((k) => have(`${k}@x.io`, { status: 'removed' }));
    const p = plan({ actual: [...four.slice(0, 1), ...gone], desired: [], policy: { prune: true } });
    expect(p.removals).toBe(1);
    expect(p.held).toBe(true); // 1 removal > 25% of 1 present member
  });

  it('maxRemovals: none turns the limit off', () => {
    const p = plan({ actual: four, desired: [], policy: { prune: true, maxRemovals: 'none' } });
    expect(p.removals).toBe(4);
    expect(p.held).toBe(false);
  });

  it('without prune there is no default limit', () => {
    const p = plan({
      actual: four,
      desired: four.map((m) => ({
        key: m.key,
        roles: [],
        state: 'removed' as const,
        source: { file: 'm', line: 1 },
      })),
    });
    expect(p.removals).toBe(4);
    expect(p.held).toBe(false);
  });

  it('an explicit maxRemovals wins over the default', () => {
    const p = plan({ actual: four, desired: [], policy: { prune: true, maxRemovals: 4 } });
    expect(p.held).toBe(false);
    const q = plan({ actual: four, desired: [], policy: { prune: true, maxRemovals: '50%' } });
    expect(q.held).toBe(true);
    expect(q.heldReason).toContain('exceed policy.maxRemovals (50% = 2)');
  });
});
