import { describe, expect, it } from 'vitest';
import { writeDeepomaticCsv } from '../../../src/formats/deepomatic/write-members.js';
import { UnwritableError } from '../../../src/formats/write-problems.js';
import type { ActualState } from '../../../src/model/member.js';
import { actual, expectSameMembers, roundTrip, stateOf } from './round-trip.js';

/** Values that must survive a comma-separated, quoted, trimmed cell. */
const AWKWARD = [
  'a,b',
  'a;b',
  'say "hi"',
  '"',
  'two\nlines',
  'Zoë Ñandú',
  '日本語',
  'Ελένη',
  'x=y',
  'a-b',
  'émoji 🎉',
];

function refusal(state: ActualState): UnwritableError {
  try {
    writeDeepomaticCsv(state);
  } catch (e) {
    if (e instanceof UnwritableError) return e;
    throw e;
  }
  throw new Error('the writer accepted the state');
}

describe('Deepomatic writer: round trip through the invite file loader', () => {
  it('gives back every present member with names and description; leaves offboarded ones out', async () => {
    const state = stateOf([
      actual('ada@acme.com', { firstName: 'Ada', lastName: 'Lovelace', description: 'Engines' }),
      actual('grace@acme.com', { firstName: 'Grace', lastName: 'Hopper', status: 'invited' }),
      actual('ken@acme.com', { firstName: 'Ken', lastName: 'Thompson', status: 'removed' }),
      actual('old@acme.com', { status: 'pseudonymized' }),
      ...AWKWARD.map((v, i) => actual(`u${i}@acme.com`, { firstName: v, lastName: v, description: v })),
    ]);
    const r = await roundTrip('deepomatic', state);
    expectSameMembers('deepomatic', r, state);
    expect(r.members.has('ken@acme.com')).toBe(false);
    expect(r.text.split('\n')[0]).toBe('Email,First name,Last name,Description');
    expect(r.text.split('\n')[1]).toBe('ada@acme.com,Ada,Lovelace,Engines');
  });

  it.each(['=cmd()', '+1', '-x', '@SUM(1+1)'])(
    'writes the name %j, a spreadsheet formula, after one space, and reads it back exactly',
    async (v) => {
      const state = stateOf([actual('a@x.io', { firstName: 'Ada', lastName: v })]);
      const r = await roundTrip('deepomatic', state);
      expect(r.text.split('\n')[1]).toBe(`a@x.io,Ada, ${v},`);
      expectSameMembers('deepomatic', r, state);
    },
  );

  it('refuses what the file cannot hold: no e-mail, no names, edge spaces, carriage returns', () => {
    const err = refusal(
      stateOf([
        actual('PASSPORT-1', { firstName: 'A', lastName: 'B' }),
        actual('b@x.io', { lastName: 'B' }),
        actual('c@x.io', { firstName: 'C', lastName: ' spaced' }),
        actual('d@x.io', { firstName: 'D', lastName: 'E', description: 'cr\r\nlf' }),
      ]),
    );
    expect(err.problems.map((p) => p.reason)).toEqual([
      'has no e-mail address, which the file requires',
      'has no first name, which the file requires',
      'Last name " spaced" has leading or trailing spaces',
      'Description "cr\\r\\nlf" holds a carriage return, which would be read back as a line feed',
    ]);
  });
});
