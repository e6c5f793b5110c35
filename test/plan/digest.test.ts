import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ActualState, DesiredMember } from '../../src/model/member.js';
import { actualDigest, canonicalJson, desiredDigest, sortedByKey } from '../../src/plan/digest.js';

// The digests as they were first written (design §6): the faster code must give the same bytes.
const MEMBER_KEYS = [
  'access',
  'admin',
  'description',
  'email',
  'external',
  'firstName',
  'id',
  'key',
  'lastName',
  'location',
  'lockedRoles',
  'notify',
  'roles',
  'sso',
  'state',
  'status',
  'until',
] as const;

function referenceJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(referenceJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${referenceJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function referenceMember(m: Record<string, unknown>): string {
  const parts: string[] = [];
  for (const k of MEMBER_KEYS) {
    let v = m[k];
    if (v === undefined) continue;
    if (Array.isArray(v)) v = [...v].sort();
    parts.push(`"${k}":${JSON.stringify(v)}`);
  }
  return `{${parts.join(',')}}`;
}

const byKey = (a: { key: string }, b: { key: string }) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
const sha = (text: string) => `sha256:${createHash('sha256').update(text).digest('hex')}`;

/** Strings with what JSON must escape: quotes, backslashes, control characters, lone and paired surrogates. */
const text = fc.oneof(
  fc.string(),
  fc.constantFrom(
    '',
    'a"b',
    'a\\b',
    'tab\there',
    'nul\u0000',
    'é',
    '\ud83d\ude00',
    'lone\ud800',
    'x\udc00y',
    '\u2028',
  ),
);
const key = fc.oneof(
  fc.constantFrom('a', 'ab', 'abc', 'a\u0000', 'b', 'B', 'é', ''),
  fc.string({ maxLength: 4 }),
);

const memberArb = fc.record(
  {
    key,
    email: text,
    id: text,
    firstName: text,
    admin: fc.boolean(),
    external: fc.boolean(),
    location: text,
    roles: fc.array(text, { maxLength: 4 }),
    lockedRoles: fc.array(text, { maxLength: 3 }),
    access: fc.array(text, { maxLength: 3 }),
    state: fc.constantFrom('active', 'removed'),
    status: fc.constantFrom('active', 'invited'),
    until: fc.constant('2030-01-01'),
    sso: fc.boolean(),
    notify: fc.boolean(),
  },
  { requiredKeys: ['key'] },
);

describe('digests', () => {
  it('sortedByKey orders as a stable sort by key does, also with duplicates, prefixes and NUL', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ key, n: fc.nat() }), { maxLength: 40 }), (members) => {
        expect(sortedByKey(members)).toEqual([...members].sort(byKey));
      }),
    );
  });

  it('sortedByKey returns members already in order as they are (no copy)', () => {
    const members = [{ key: 'a' }, { key: 'a' }, { key: 'b' }];
    expect(sortedByKey(members)).toBe(members);
  });

  it('canonicalJson gives the bytes of the reference (keys sorted, undefined left out)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.array(fc.option(text, { nil: undefined })), (value, sparse) => {
        expect(canonicalJson(value)).toBe(referenceJson(value));
        expect(canonicalJson({ sparse, value })).toBe(referenceJson({ sparse, value }));
      }),
    );
  });

  it('the member digests give the bytes of the reference', () => {
    fc.assert(
      fc.property(fc.array(memberArb, { maxLength: 20 }), (members) => {
        const lines = (ms: ({ key: string } & Record<string, unknown>)[]) =>
          [...ms].sort(byKey).map((m) => `\n${referenceMember(m)}`);
        const desired = members as unknown as DesiredMember[];
        expect(desiredDigest(desired)).toBe(sha(`desired${lines(members).join('')}`));
        // As planTarget gives them: a map by key (the last of equal keys, as a collector would keep none).
        const asMap = new Map(desired.map((m) => [m.key, m]));
        const unique = [...asMap.values()] as unknown as ({ key: string } & Record<string, unknown>)[];
        expect(desiredDigest(asMap)).toBe(sha(`desired${lines(unique).join('')}`));
        // A map under other keys than its members' is read as a list.
        const renamed = new Map(desired.map((m, i) => [`k${i}`, m]));
        expect(desiredDigest(renamed)).toBe(desiredDigest(desired));
        const state = { seats: { CSV: 3 }, members } as unknown as ActualState;
        const head = referenceJson({ self: null, seats: { CSV: 3 } });
        expect(actualDigest(state)).toBe(sha(`${head}${lines(members).join('')}`));
      }),
    );
  });
});
