import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { UnwritableError } from '../../../src/formats/write-problems.js';
import { writeYamlMembers } from '../../../src/formats/yaml/write-members.js';
import { yamlFlowList, yamlScalar } from '../../../src/formats/yaml/yaml-scalar.js';
import { actual, expectSameMembers, roundTrip, stateOf } from './round-trip.js';

/** Values a hostile or careless platform user could have in a name or description. */
const HOSTILE = [
  '=cmd()',
  "=cmd|'/c calc'!A1",
  '+1',
  '-x',
  '@SUM(1+1)',
  'a;b',
  'say "hi"',
  "O'Brien",
  'line\nbreak',
  'cr\r\nlf',
  '\ttab',
  ' leading',
  'trailing ',
  '#not a comment',
  'a: b',
  'a #b',
  '- dash',
  '[x]',
  '{y}',
  '*alias',
  '&anchor',
  '!tag',
  '%directive',
  '|',
  '>',
  '?',
  '---',
  '...',
  'true',
  'False',
  'NULL',
  '~',
  'yes',
  'off',
  '123',
  '0x1F',
  '1e3',
  '.inf',
  '2026-01-01',
  '',
  ' ',
  'Zoë Ñandú',
  'Łukasz Żółć',
  '日本語の名前',
  'Ελένη',
  'émoji 🎉',
  'e\u0301 (decomposed)',
  '\u2028sep\u2029',
  'nel\u0085',
  'del\u007f',
  '\ufeffbom',
  'back\\slash',
  'null\u0000byte',
  '\u001b[31mred',
];

describe('YAML writer: round trip through the members loader', () => {
  it('gives back every member with its key, fields, roles and state', async () => {
    const state = stateOf([
      actual('ada@acme.com', {
        firstName: 'Ada',
        lastName: 'Lovelace',
        description: 'Analytical engine',
        admin: true,
        roles: ['CSV', 'XEN'],
        location: 'EU1',
        sso: true,
        access: ['Products Write', 'Products Read'],
      }),
      actual('grace@acme.com', { external: true, roles: ['CSV'], status: 'invited', sso: false, access: [] }),
      actual('ken@acme.com', { roles: [], status: 'removed' }),
      actual('old@acme.com', { status: 'pseudonymized' }),
      actual('JOHN.DOE-1', { roles: ['CSV'] }),
      actual('zoë@acme.com', { firstName: 'Zoë' }),
    ]);
    const r = await roundTrip('yaml', state);
    expectSameMembers('yaml', r, state);
    expect(r.members.get('grace@acme.com')!.state).toBe('active'); // pending counts as present
    expect(r.members.get('JOHN.DOE-1')!.id).toBe('JOHN.DOE-1');
  });

  it('writes the schema line, sorts members by key, states only offboarded members, never notify', () => {
    const text = writeYamlMembers(
      stateOf([
        actual('b@x.io', { status: 'removed' }),
        actual('a@x.io', { status: 'invited' }),
        actual('c@x.io', { status: 'pseudonymized' }),
      ]),
      { schema: '../schemas/members.schema.json', target: 'acme' },
    );
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=../schemas/members.schema.json');
    expect([...text.matchAll(/- email: (\S+)/g)].map((m) => m[1])).toEqual(['a@x.io', 'b@x.io', 'c@x.io']);
    expect([...text.matchAll(/state: (\S+)/g)].map((m) => m[1])).toEqual(['removed', 'pseudonymized']);
    expect(text).not.toContain('notify');
    expect(text).not.toContain('invited');
  });

  it('writes an empty platform as an empty list that loads', async () => {
    const r = await roundTrip('yaml', stateOf([]));
    expect(r.text).toContain('members: []');
    expect(r.problems).toEqual([expect.stringMatching(/:1:1: warning: file has no members$/)]);
    expect(r.members.size).toBe(0);
  });

  it('round-trips hostile and non-ASCII values in every text field', async () => {
    const members = HOSTILE.map((v, i) =>
      actual(`u${i}@acme.com`, { firstName: v, lastName: v, description: v, access: [v, 'ok'] }),
    );
    const state = stateOf(members);
    const r = await roundTrip('yaml', state);
    expectSameMembers('yaml', r, state);
    for (const [i, v] of HOSTILE.entries()) expect(r.members.get(`u${i}@acme.com`)!.firstName).toBe(v);
  });

  it('round-trips e-mail keys that start with formula characters or are not ASCII', async () => {
    const state = stateOf(
      ['=cmd@acme.com', '+1@acme.com', '-x@acme.com', 'ñandú@acme.com', "o'brien@acme.com"].map((k) =>
        actual(k, { roles: ['CSV'] }),
      ),
    );
    expectSameMembers('yaml', await roundTrip('yaml', state), state);
  });

  it('keeps admin, external and roles even when the target defaults say otherwise', async () => {
    const state = stateOf([actual('a@x.io', { roles: [] }), actual('b@x.io', { roles: ['IFW'] })]);
    const r = await roundTrip('yaml', state, '    defaults: { admin: true, external: true, roles: [CSV] }');
    expectSameMembers('yaml', r, state);
  });

  it('refuses what a members file cannot say, naming every member', () => {
    const state = stateOf([
      actual('a@x.io', { roles: ['@team'] }),
      actual('b@x.io', { location: 'Paris' }),
      actual('not an id'),
      actual('dup@x.io'),
      actual('dup@x.io'),
    ]);
    const err = (() => {
      try {
        writeYamlMembers(state, { schema: 's' });
      } catch (e) {
        return e as UnwritableError;
      }
      throw new Error('no error');
    })();
    expect(err).toBeInstanceOf(UnwritableError);
    expect(err.problems.map((p) => p.key)).toEqual(['a@x.io', 'b@x.io', 'dup@x.io', 'not an id']);
    expect(err.message).toMatch(/^cannot write 4 members as a YAML members file: "a@x.io": /);
    expect(err.message).toContain('role "@team" would be read as a bundle');
    expect(err.message).toContain('and 1 more');
    expect(err.message).not.toContain('\n');
  });
});

describe('YAML scalars', () => {
  const read = (yaml: string) => parseDocument(yaml).toJS() as { v: unknown };

  it.each(HOSTILE)('%j reads back unchanged, alone and in a flow list', (v) => {
    expect(read(`v: ${yamlScalar(v)}\n`).v).toBe(v);
    expect(read(`v: ${yamlFlowList([v, v])}\n`).v).toEqual([v, v]);
  });

  it('writes only characters YAML allows raw (c-printable), and no line separator', () => {
    const PRINTABLE =
      /^[\t\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\u{10000}-\u{10ffff}]*$/u;
    for (const v of HOSTILE) expect(yamlScalar(v)).toMatch(PRINTABLE);
  });

  it('leaves plain names plain and quotes what YAML would read as something else', () => {
    expect(yamlScalar('Ada Lovelace')).toBe('Ada Lovelace');
    expect(yamlScalar("O'Brien-Smith")).toBe("O'Brien-Smith");
    expect(yamlScalar('ada@acme.com')).toBe('ada@acme.com');
    for (const v of ['true', 'No', 'null', '123', '-x', '=cmd()', '@SUM', 'a: b', ''])
      expect(yamlScalar(v)).toMatch(/^".*"$/);
  });

  it('reads back any string (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 40 }),
        fc.string({ unit: 'binary', maxLength: 20 }),
        (a, b) => {
          expect(read(`v: ${yamlScalar(a)}\n`).v).toBe(a);
          expect(read(`v: ${yamlFlowList([a, b])}\n`).v).toEqual([a, b]);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
