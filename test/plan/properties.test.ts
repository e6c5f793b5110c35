import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ActualMember, DesiredMember } from '../../src/model/member.js';
import { PlatformState } from '../../src/model/transition.js';
import { assemblePlan } from '../../src/plan/plan.js';
import { have, plan, type Scenario, want } from './builders.js';

const KEYS = [
  'u0@x.io',
  'u1@x.io',
  'u2@x.io',
  'u3@x.io',
  'u4@x.io',
  'u5@x.io',
  'svc-1@x.io',
  'svc-2@x.io',
  'owner@x.io',
];
const ROLES = ['CSV', 'XEN', 'IFW'];
const roles = fc.subarray(ROLES).map((r) => [...r].sort());

const desiredArb: fc.Arbitrary<DesiredMember[]> = fc
  .uniqueArray(
    fc.record({
      key: fc.constantFrom(...KEYS),
      roles,
      state: fc.constantFrom('active', 'active', 'active', 'removed', 'pseudonymized', 'deleted'),
      admin: fc.option(fc.boolean(), { nil: undefined }),
      location: fc.option(fc.constantFrom('EU1', 'EU2'), { nil: undefined }),
    }),
    { selector: (m) => m.key, maxLength: KEYS.length },
  )
  .map((ms) =>
    ms.map((m) => {
      const d = want(m.key, { roles: m.roles, state: m.state as DesiredMember['state'] });
      if (m.admin !== undefined) d.admin = m.admin;
      if (m.location !== undefined) d.location = m.location;
      return d;
    }),
  );

const actualArb: fc.Arbitrary<ActualMember[]> = fc.uniqueArray(
  fc
    .record({
      key: fc.constantFrom(...KEYS),
      status: fc.constantFrom('active', 'active', 'invited', 'removed', 'pseudonymized'),
      roles,
      admin: fc.boolean(),
      location: fc.constantFrom('EU1', 'EU2'),
      lockFirst: fc.boolean(),
    })
    .map(({ lockFirst, ...m }) => {
      const present = m.status === 'active' || m.status === 'invited';
      return have(m.key, {
        ...m,
        status: m.status as ActualMember['status'],
        roles: present ? m.roles : [],
        lockedRoles: present && lockFirst && m.roles.length > 0 ? [m.roles[0]!] : [],
      });
    }),
  { selector: (m) => m.key, maxLength: KEYS.length },
);

const scenarioArb: fc.Arbitrary<Scenario> = fc.record({
  desired: desiredArb,
  actual: actualArb,
  seats: fc.option(fc.record({ CSV: fc.nat(8), XEN: fc.nat(4) }), { nil: undefined }),
  self: fc.option(fc.constantFrom(...KEYS), { nil: undefined }),
  policy: fc.record({
    prune: fc.boolean(),
    offboard: fc.constantFrom('remove', 'pseudonymize', 'delete'),
    ignore: fc.constantFrom([], ['svc-*@x.io']),
    protect: fc.constantFrom([], ['owner@x.io']),
    minAdmins: fc.nat(2),
  }),
  capabilities: fc.record({ pseudonymize: fc.boolean(), hardDelete: fc.boolean() }),
}) as fc.Arbitrary<Scenario>;

describe('planner properties', () => {
  it('gives the same plan whether the state is in key order (merged) or not (looked up), with any desired order', () => {
    fc.assert(
      fc.property(scenarioArb, fc.nat(), fc.boolean(), (s, seed, quota) => {
        const actual = s.actual ?? [];
        const inOrder = [...actual].sort((a, b) => (a.key < b.key ? -1 : 1));
        const shuffled = [...actual].sort((a, b) => ((hash(a.key) ^ seed) & 7) - ((hash(b.key) ^ seed) & 7));
        const desired = [...(s.desired ?? [])].reverse();
        const extra = quota ? { inviteQuota: 1 } : {};
        const merged = plan({ ...s, ...extra, actual: inOrder });
        expect(plan({ ...s, ...extra, actual: shuffled, desired })).toEqual(merged);
        expect(plan({ ...s, ...extra, actual: [...inOrder].reverse() })).toEqual(merged);
      }),
    );
  });

  it('applying a plan on the platform model is accepted change by change, and re-planning gives no change', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const first = plan(s);
        const platform = new PlatformState({ seats: s.seats ?? {}, members: s.actual ?? [], self: s.self });
        for (const c of first.changes) expect(platform.apply(c), `${c.action} ${c.key}`).toBeUndefined();
        const after = platform.snapshot();
        const second = plan({ ...s, actual: after.members });
        expect(second.changes).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });

  it('gives a byte-identical plan whatever the order of the inputs', () => {
    fc.assert(
      fc.property(scenarioArb, fc.integer(), (s, seed) => {
        const shuffle = <T>(xs: T[] = []) => {
          const out = [...xs];
          let x = seed || 1;
          for (let i = out.length - 1; i > 0; i--) {
            x = (x * 1103515245 + 12345) & 0x7fffffff;
            const j = x % (i + 1);
            [out[i], out[j]] = [out[j]!, out[i]!];
          }
          return out;
        };
        const now = new Date('2026-11-21T10:00:00Z');
        const a = JSON.stringify(assemblePlan([plan(s)], now));
        const b = JSON.stringify(
          assemblePlan([plan({ ...s, desired: shuffle(s.desired), actual: shuffle(s.actual) })], now),
        );
        expect(b).toBe(a);
      }),
      { numRuns: 300 },
    );
  });

  it('never plans a change for an ignore key, nor takes anything from a protect key or the acting identity', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const p = plan(s);
        for (const c of p.changes) {
          if ((s.policy?.ignore ?? []).length > 0) expect(c.key.startsWith('svc-')).toBe(false);
          const guarded = (s.policy?.protect ?? []).includes(c.key) || c.key === s.self;
          if (!guarded) continue;
          expect(['remove', 'pseudonymize', 'delete']).not.toContain(c.action);
          if ((s.policy?.protect ?? []).includes(c.key)) expect(c.action).not.toBe('revoke');
          expect(c.after?.admin === false && c.before?.admin === true).toBe(false);
        }
      }),
      { numRuns: 500 },
    );
  });
});

function hash(text: string): number {
  let h = 0;
  for (let i = 0; i < text.length; i++) h = (h * 31 + text.charCodeAt(i)) | 0;
  return h;
}
