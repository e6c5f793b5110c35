import { describe, expect, it } from 'vitest';
import { writeAnaplanCsv } from '../../../src/formats/anaplan/write-members.js';
import { UnwritableError } from '../../../src/formats/write-problems.js';
import type { ActualState } from '../../../src/model/member.js';
import { actual, expectSameMembers, roundTrip, stateOf } from './round-trip.js';

const CATALOG = '    roles: { "Full Access": {}, "Read Only": {}, "Planner, EMEA": {} }';
const AWKWARD = ['a,b', 'a;b', 'say "hi"', 'two\nlines', 'José García', '日本語', 'x=y', "O'Brien"];

function refusal(state: ActualState): UnwritableError {
  try {
    writeAnaplanCsv(state);
  } catch (e) {
    if (e instanceof UnwritableError) return e;
    throw e;
  }
  throw new Error('the writer accepted the state');
}

describe('Anaplan writer: round trip through the user import loader', () => {
  it('gives back every present member with its model role, access, SSO, names and ids', async () => {
    const state = stateOf([
      actual('ada@acme.com', {
        id: '8a81b09c5c6e2d6b015c8b2b1a3c0f21',
        firstName: 'Ada',
        lastName: 'Lovelace',
        roles: ['Full Access'],
        access: ['Products Write', 'Products Read'],
        sso: true,
      }),
      actual('grace@acme.com', {
        firstName: 'Grace',
        lastName: 'Hopper',
        roles: ['Read Only'],
        sso: false,
        status: 'invited',
      }),
      actual('8a81b09c5c6e2d6b015c8b2b1a3c0f22', { roles: ['Planner, EMEA'] }),
      actual('none@acme.com', { firstName: 'No', lastName: 'Role', roles: [], access: [] }),
      actual('ken@acme.com', { status: 'removed' }),
      ...AWKWARD.map((v, i) =>
        actual(`u${i}@acme.com`, {
          firstName: v,
          lastName: v,
          roles: ['Read Only'],
          access: [v.replace(',', ' ')],
        }),
      ),
    ]);
    const r = await roundTrip('anaplan', state, CATALOG);
    expectSameMembers('anaplan', r, state);
    expect(r.members.get('ada@acme.com')!.id).toBe('8a81b09c5c6e2d6b015c8b2b1a3c0f21');
    expect(r.text.split('\n')[0]).toBe('Email,User ID,First Name,Last Name,Model Role,Selective Access,SSO');
    expect(r.text).toContain(
      'ada@acme.com,8a81b09c5c6e2d6b015c8b2b1a3c0f21,Ada,Lovelace,Full Access,"Products Write, Products Read",true\n',
    );
  });

  it('refuses what one row cannot say', () => {
    const err = refusal(
      stateOf([
        actual('a@x.io', { roles: ['Full Access', 'Read Only'] }),
        actual('b@x.io', { access: ['North, South'] }),
        actual('c@x.io', { access: ['North', 'North'] }),
        actual('d@x.io', { roles: ['No Access'] }),
      ]),
    );
    expect(err.problems.map((p) => `${p.key}: ${p.reason}`)).toEqual([
      'a@x.io: holds 2 model roles (Full Access, Read Only); the file gives one',
      'b@x.io: selective access "North, South" cannot be listed',
      'c@x.io: lists a selective access twice',
      'd@x.io: holds a role named "No Access", read as none',
    ]);
  });
});
