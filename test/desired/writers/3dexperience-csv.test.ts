import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { write3dxCsv } from '../../../src/formats/3dexperience/write-members.js';
import { carriageReturnProblem, csvField, neutralizeFormula } from '../../../src/formats/table/cells.js';
import { readCsvRecords } from '../../../src/formats/table/csv-records.js';
import { UnwritableError } from '../../../src/formats/write-problems.js';
import { LOCATION_CODES } from '../../../src/model/location.js';
import type { ActualState } from '../../../src/model/member.js';
import { actual, expectSameMembers, roundTrip, stateOf } from './round-trip.js';

const HEADER = 'user;rights;agreement;roles;mail;remove;passport;force;location';
const CATALOG =
  '    roles:\n      CSV: {}\n      XEN: { requires: [CSV] }\n      IFW: { requires: [CSV] }\n      RAP-ACME0001: {}\n';

function refusal(state: ActualState): UnwritableError {
  try {
    write3dxCsv(state);
  } catch (e) {
    if (e instanceof UnwritableError) return e;
    throw e;
  }
  throw new Error('the writer accepted the state');
}

describe('3DEXPERIENCE CSV writer: round trip through the batch CSV loader', () => {
  it('gives back every member with rights, agreement, roles, state and location', async () => {
    const state = stateOf([
      actual('owner@acme.com', { admin: true, roles: ['CSV'], location: 'EU1' }),
      actual('ada@acme.com', { roles: ['CSV', 'XEN'], location: 'EU2', lockedRoles: ['XEN'] }),
      actual('lin@acme.com', { external: true, roles: ['CSV', 'IFW', 'RAP-ACME0001'], status: 'invited' }),
      actual('ken@acme.com', { status: 'removed' }),
      actual('old@acme.com', { status: 'pseudonymized', roles: ['CSV'] }),
      actual('JDOE-42', { roles: ['CSV'], location: 'USE1' }),
      actual('zoë@acme.com', { roles: [] }),
      ...LOCATION_CODES.map((code) => actual(`${code.toLowerCase()}@acme.com`, { location: code })),
    ]);
    const r = await roundTrip('3dexperience', state, CATALOG);
    expectSameMembers('3dexperience', r, state);
    expect(r.members.get('lin@acme.com')!.state).toBe('active'); // pending counts as present
    expect(r.members.get('JDOE-42')!.id).toBe('JDOE-42');
  });

  it('writes the header, members sorted by key, mail "no", remove as "", "remove" or "2"', () => {
    const text = write3dxCsv(
      stateOf([
        actual('c@x.io', { status: 'pseudonymized' }),
        actual('b@x.io', { status: 'removed', external: true }),
        actual('a@x.io', { status: 'invited', admin: true, roles: ['CSV', 'XEN'], location: 'EU1' }),
        actual('d@x.io'),
      ]),
    );
    expect(text).toBe(
      [
        HEADER,
        'a@x.io;admin;employee;CSV,XEN;no;;;;EU1',
        'b@x.io;member;contractor;;no;remove;;;',
        'c@x.io;member;employee;;no;2;;;',
        'd@x.io;member;employee;;no;;;;',
        '',
      ].join('\n'),
    );
  });

  it('writes an empty platform as the header alone, which loads as no member', async () => {
    const r = await roundTrip('3dexperience', stateOf([]));
    expect(r.text).toBe(`${HEADER}\n`);
    expect(r.problems).toEqual([expect.stringMatching(/:1:1: warning: file has no members$/)]);
    expect(r.members.size).toBe(0);
  });

  it('round-trips non-ASCII and plus-addressed e-mails', async () => {
    const state = stateOf(
      [
        'ñandú@acme.com',
        'łukasz.żółć@acme.com',
        'ada+test@acme.com',
        'o.brien-smith@acme.com',
        '日本@例え.jp',
      ].map((k) => actual(k, { roles: ['CSV'] })),
    );
    expectSameMembers('3dexperience', await roundTrip('3dexperience', state), state);
  });

  it.each([
    ['=cmd@acme.com', '"="'],
    ['+1@acme.com', '"+"'],
    ['-x@acme.com', '"-"'],
    ['-x', '"-"'],
  ])(
    'writes the user %j, which a spreadsheet would run as a formula, after one space; it reads back',
    async (key) => {
      const state = stateOf([actual('ok@acme.com'), actual(key)]);
      const r = await roundTrip('3dexperience', state);
      expect(r.text).toContain(`\n ${key};member;`);
      expectSameMembers('3dexperience', r, state);
    },
  );

  it('refuses roles and locations the loader would read differently, and keys that are not valid', () => {
    const err = refusal(
      stateOf([
        actual('a@x.io', { roles: ['csv'] }),
        actual('b@x.io', { roles: ['Products Write'] }),
        actual('c@x.io', { location: 'eu1' }),
        actual('d@x.io', { location: 'Paris;x' }),
        actual('not an id'),
      ]),
    );
    expect(err.problems.map((p) => p.key)).toEqual(['a@x.io', 'b@x.io', 'c@x.io', 'd@x.io', 'not an id']);
    expect(err.problems[0]!.reason).toBe('role "csv" is not a 3DEXPERIENCE role id');
    expect(err.problems[2]!.reason).toBe('location "eu1" is not a 3DEXPERIENCE location code');
    expect(err.problems[4]!.reason).toMatch(/^user invalid platform id/);
  });
});

describe('CSV cells', () => {
  async function readBack(line: string): Promise<string[][]> {
    const rows: string[][] = [];
    for await (const r of readCsvRecords(Readable.from([line]), ';')) rows.push(r.fields);
    return rows;
  }

  it.each(['a;b', 'say "hi"', '"', '";"', 'line\nbreak', 'plain', 'Zoë Ñandú', ''])(
    '%j is quoted when needed and read back unchanged',
    async (v) => {
      const line = `${csvField(v, ';')};${csvField('next', ';')}\n`;
      expect(await readBack(line)).toEqual([[v, 'next']]);
    },
  );

  it('reports a carriage return, which the readers turn into a line feed', async () => {
    expect(await readBack(`${csvField('cr\r\nlf', ';')}\n`)).toEqual([['cr\nlf']]);
    expect(carriageReturnProblem('cr\r\nlf')).toMatch(/carriage return/);
    expect(carriageReturnProblem('lf\n')).toBeUndefined();
  });

  it('quotes only what needs it', () => {
    expect(csvField('ada@acme.com', ';')).toBe('ada@acme.com');
    expect(csvField('a,b', ';')).toBe('a,b');
    expect(csvField('a;b', ';')).toBe('"a;b"');
    expect(csvField('say "hi"', ';')).toBe('"say ""hi"""');
  });

  it.each(['=cmd()', '+1', '-x', '@SUM(1+1)', '\t=1', '\r=1', '\tplain'])(
    '%j, a formula start, is written after one space and read back unchanged by the trimming loaders',
    async (v) => {
      expect(neutralizeFormula(v)).toBe(` ${v}`);
      const [[cell]] = (await readBack(`${csvField(v, ';')}\n`)) as [[string]];
      expect(cell.trim()).toBe(v.trim());
    },
  );

  it.each(['ada@acme.com', 'a=b', 'a-b', 'x+y', 'CSV,XEN', '', 'EU1', ' =1+1'])(
    '%j is written as is',
    (v) => {
      expect(neutralizeFormula(v)).toBe(v);
    },
  );
});
