import { describe, expect, it } from 'vitest';
import { normalizeKey } from '../../../src/model/key.js';
import type { ActualState } from '../../../src/model/member.js';
import { fastStateFile } from '../../../src/providers/local/state-fast.js';
import { StateFile, serializeState } from '../../../src/providers/local/state-file.js';

/** What readStateFile made before the fast path: the schema, then the same mapping. */
function bySchema(value: unknown) {
  const data = StateFile.parse(value);
  const members = data.members.map((m) => {
    const member = {
      ...m,
      key: normalizeKey(m.key),
      roles: [...m.roles].sort(),
      lockedRoles: [...m.lockedRoles].sort(),
    };
    if (m.email !== undefined) member.email = normalizeKey(m.email);
    return member;
  });
  const state: Record<string, unknown> = { seats: data.seats, members };
  if (data.self !== undefined) state.self = normalizeKey(data.self);
  return state;
}

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v));

describe('the state file fast path', () => {
  it('gives exactly what the schema gives', () => {
    const value = {
      $schema: 'x',
      self: 'Admin@Acme.com',
      seats: { CSV: 3, XEN: 0 },
      members: [
        {
          key: 'Ada@Acme.com',
          email: ' Ada@ACME.com',
          status: 'active',
          roles: ['XEN', 'CSV'],
          lockedRoles: ['XEN'],
        },
        {
          status: 'invited',
          key: 'p1234567',
          id: 'p1234567',
          firstName: 'B',
          lastName: 'C',
          description: 'd',
        },
        {
          key: 'x@acme.com',
          status: 'removed',
          admin: true,
          external: true,
          location: 'EU1',
          sso: false,
          access: ['b', 'a'],
        },
        { key: 'y@acme.com', status: 'pseudonymized', roles: [] },
      ],
    };
    const fast = fastStateFile(clone(value));
    expect(fast).toEqual(bySchema(clone(value)));
    // In a file rollcall wrote (serializeState), even the order of the fields is the schema's.
    const written = JSON.parse(serializeState(bySchema(clone(value)) as unknown as ActualState));
    expect(JSON.stringify(fastStateFile(clone(written)))).toBe(JSON.stringify(bySchema(clone(written))));
    expect(JSON.stringify(fastStateFile({}))).toBe(JSON.stringify(bySchema({})));
  });

  it.each([
    ['an unknown field', { members: [{ key: 'a@b.c', status: 'active', colour: 'red' }] }],
    ['an unknown top-level field', { members: [], extra: 1 }],
    [
      'a key twice',
      {
        members: [
          { key: 'a@b.c', status: 'active' },
          { key: 'A@b.c', status: 'active' },
        ],
      },
    ],
    ['an unknown status', { members: [{ key: 'a@b.c', status: 'gone' }] }],
    ['an empty key', { members: [{ key: '', status: 'active' }] }],
    ['a locked role not held', { members: [{ key: 'a@b.c', status: 'active', lockedRoles: ['X'] }] }],
    ['a role that is not a string', { members: [{ key: 'a@b.c', status: 'active', roles: [1] }] }],
    ['a negative seat count', { seats: { X: -1 } }],
    ['a fractional seat count', { seats: { X: 1.5 } }],
    ['a __proto__ seat', JSON.parse('{"seats":{"__proto__":1}}')],
    ['a __proto__ field', JSON.parse('{"members":[{"key":"a@b.c","status":"active","__proto__":{}}]}')],
    ['members that are not a list', { members: {} }],
    ['a boolean that is a string', { members: [{ key: 'a@b.c', status: 'active', admin: 'yes' }] }],
  ])('leaves %s to the schema (which says what is wrong)', (_, value) => {
    expect(fastStateFile(value)).toBeUndefined();
  });
});
