import { describe, expect, it } from 'vitest';
import { LOCATION_CODES } from '../../src/model/location.js';
import { configYaml, type Loaded, loadFiles } from '../helpers/desired.js';

/**
 * The 3DEXPERIENCE batch CSV loader (design §4.2, platform-docs/3dexperience-invite-members-csv.txt),
 * through loadDesiredState: every value of every column, and the file-level rules.
 */
const HEADER = 'user;rights;agreement;roles;mail;remove;passport;force;location';
const COLUMNS = ['user', 'rights', 'agreement', 'roles', 'mail', 'remove', 'passport', 'force', 'location'];
type Row = Partial<Record<(typeof COLUMNS)[number], string>>;

/** One CSV line; the user defaults to ada@acme.com, every other cell to empty. */
function row(cells: Row = {}): string {
  return COLUMNS.map((c) => cells[c] ?? (c === 'user' ? 'ada@acme.com' : '')).join(';');
}

/** Column (1-based) of a named field in an unquoted line. */
function col(line: string, column: (typeof COLUMNS)[number]): number {
  return line.split(';').slice(0, COLUMNS.indexOf(column)).join(';').length + (column === 'user' ? 1 : 2);
}

function loadCsv(csv: string | Uint8Array, extra?: string): Promise<Loaded> {
  return loadFiles({ 'rollcall.yaml': configYaml({ format: '3dexperience', extra }), 'members.csv': csv });
}

/** Loads one data row and returns the only member, failing with the diagnostics when there is none. */
async function member(cells: Row, extra?: string) {
  const r = await loadCsv(`${row(cells)}\n`, extra);
  // Rows lacking a prerequisite are loaded with a warning (test/rules/3dexperience-docs.test.ts).
  expect(r.problems.filter((p) => !p.includes('lack their prerequisite'))).toEqual([]);
  expect(r.members.size).toBe(1);
  return [...r.members.values()][0]!;
}

const CATALOG = '    roles:\n      CSV: {}\n      XEN: { requires: [CSV] }\n      IFW: { requires: [CSV] }\n';

describe('rights', () => {
  it.each([
    ['admin', true],
    ['1', true],
    ['ADMIN', true],
    [' Admin ', true],
    ['member', false],
    ['0', false],
    ['', false],
    ['administrator', false],
    ['yes', false],
  ])('%j → admin %s', async (value, admin) => {
    expect((await member({ rights: value })).admin).toBe(admin);
  });
});

describe('agreement', () => {
  it.each([
    ['contractor', true],
    ['1', true],
    [' Contractor ', true],
    ['employee', false],
    ['0', false],
    ['', false],
    ['external', false],
  ])('%j → external %s', async (value, external) => {
    expect((await member({ agreement: value })).external).toBe(external);
  });
});

describe('mail', () => {
  it.each([
    ['false', false],
    ['no', false],
    ['nomail', false],
    ['0', false],
    [' NoMail ', false],
    ['true', true],
    ['yes', true],
    ['1', true],
    ['', true],
    ['maybe', true],
  ])('%j → notify %s', async (value, notify) => {
    expect((await member({ mail: value })).notify).toBe(notify);
  });
});

describe('remove', () => {
  it.each([
    ['remove', 'removed'],
    ['true', 'removed'],
    ['yes', 'removed'],
    ['1', 'removed'],
    [' REMOVE ', 'removed'],
    ['false', 'active'],
    ['no', 'active'],
    ['0', 'active'],
    ['', 'active'],
    ['2', 'pseudonymized'],
    ['3', 'deleted'],
  ])('%j → state %s', async (value, state) => {
    expect((await member({ remove: value })).state).toBe(state);
  });

  it.each(['maybe', '4', 'delete', '-1', '1.0'])('%j is an error at the remove column', async (value) => {
    const r = await loadCsv(`${row({ remove: value })}\n`);
    expect(r.members.size).toBe(0);
    expect(r.errors).toEqual([
      `<dir>/members.csv:1:${col(row(), 'remove')}: unknown remove value "${value}": use remove/true/yes/1 (remove), 2 (pseudonymize), 3 (delete), or false/no/0/empty`,
    ]);
  });
});

describe('passport', () => {
  it.each([
    ['passport', true],
    ['true', true],
    ['yes', true],
    ['1', true],
    [' Passport ', true],
    ['false', false],
    ['no', false],
    ['nopassport', false],
    ['0', false],
    ['', false],
    ['force', false],
  ])('%j → passport %s', async (value, passport) => {
    expect((await member({ passport: value })).passport).toBe(passport);
  });
});

describe('force', () => {
  it.each([
    ['force', true],
    ['true', true],
    ['yes', true],
    ['1', true],
    ['FORCE', true],
    ['false', false],
    ['no', false],
    ['noforce', false],
    ['0', false],
    ['', false],
    ['passport', false],
  ])('%j → force %s', async (value, force) => {
    expect((await member({ force: value })).force).toBe(force);
  });
});

describe('location', () => {
  it('has the 16 codes of the platform documentation', () => {
    expect(LOCATION_CODES).toHaveLength(16);
  });

  it.each(LOCATION_CODES)('%s is accepted as written and in lower case', async (code) => {
    expect((await member({ location: code })).location).toBe(code);
    expect((await member({ location: ` ${code.toLowerCase()} ` })).location).toBe(code);
  });

  it('empty leaves the location unset (the platform default)', async () => {
    expect(await member({ location: '' })).not.toHaveProperty('location');
  });

  it("empty takes the target's default location", async () => {
    const m = await member({ location: '' }, '    defaults: { location: APS2 }\n');
    expect(m.location).toBe('APS2');
    expect((await member({ location: 'EU2' }, '    defaults: { location: APS2 }\n')).location).toBe('EU2');
  });

  // `null` is no error: "null - default" (design §4.2; see test/rules/3dexperience-docs.test.ts).
  it.each(['MARS1', 'EU3', 'EU 1', 'eu1x'])('%j is an error at the location column', async (value) => {
    const r = await loadCsv(`${row({ location: value })}\n`);
    expect(r.members.size).toBe(0);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toBe(
      `<dir>/members.csv:1:${col(row(), 'location')}: unknown location code "${value}"; expected one of ${LOCATION_CODES.join(', ')}, null (the default site) or empty`,
    );
  });
});

describe('roles', () => {
  it.each([
    ['CSV', ['CSV']],
    ['3DS', ['3DS']],
    ['X1Z', ['X1Z']],
    ['RAP-ACME0001', ['RAP-ACME0001']],
    ['MAP-12345678', ['MAP-12345678']],
    ['csv', ['CSV']],
    ['rap-acme0001', ['RAP-ACME0001']],
    ['Map-abcdefgh', ['MAP-ABCDEFGH']],
    ['XEN, CSV , ifw', ['CSV', 'IFW', 'XEN']],
    ['CSV,CSV', ['CSV']],
    ['CSV,,XEN,', ['CSV', 'XEN']],
    ['', []],
    ['  ', []],
  ])('%j without a catalog → %j', async (value, roles) => {
    expect((await member({ roles: value })).roles).toEqual(roles);
  });

  it.each([
    'CS',
    'CSVX',
    'C-V',
    'C V',
    'RAP-1234567',
    'RAP-123456789',
    'RAP12345678',
    'RAP_12345678',
    'XAP-12345678',
    'RAP-ACME-001',
    'ÉTÉ',
  ])('%j is malformed', async (value) => {
    const r = await loadCsv(`${row({ roles: value })}\n`);
    expect(r.members.size).toBe(0);
    expect(r.errors).toEqual([
      `<dir>/members.csv:1:${col(row(), 'roles')}: malformed role "${value.toUpperCase()}": use a trigram (3 upper-case letters or digits) or RAP-/MAP- followed by 8 letters or digits`,
    ]);
  });

  it('reports each malformed role of a cell', async () => {
    const r = await loadCsv(`${row({ roles: 'CSV,XE,RAP-1' })}\n`);
    expect(r.errors.map((e) => e.replace(/:.*?malformed/, ' malformed').split(':')[0])).toEqual([
      '<dir>/members.csv malformed role "XE"',
      '<dir>/members.csv malformed role "RAP-1"',
    ]);
  });

  it('adds prerequisites from the catalog', async () => {
    expect((await member({ roles: 'XEN' }, CATALOG)).roles).toEqual(['CSV', 'XEN']);
    expect((await member({ roles: 'xen,ifw' }, CATALOG)).roles).toEqual(['CSV', 'IFW', 'XEN']);
    expect((await member({ roles: 'CSV' }, CATALOG)).roles).toEqual(['CSV']);
  });

  it('adds prerequisites of prerequisites', async () => {
    const catalog =
      '    roles:\n      CSV: {}\n      XEN: { requires: [CSV] }\n      SLD: { requires: [XEN] }\n';
    expect((await member({ roles: 'SLD' }, catalog)).roles).toEqual(['CSV', 'SLD', 'XEN']);
  });

  it('refuses a role outside the catalog, with a suggestion', async () => {
    const r = await loadCsv(`${row({ roles: 'CSV,XEM' })}\n`, CATALOG);
    expect(r.members.size).toBe(0);
    expect(r.errors).toEqual([
      `<dir>/members.csv:1:${col(row(), 'roles')}: role "XEM" is not in the target's role catalog; did you mean "XEN"?`,
    ]);
  });

  it('accepts any well-formed role without a catalog', async () => {
    expect((await member({ roles: 'ZZZ,RAP-ZZZZZZZZ' })).roles).toEqual(['RAP-ZZZZZZZZ', 'ZZZ']);
  });
});

describe('user', () => {
  it.each([
    ['ada@acme.com', 'ada@acme.com'],
    ['  Ada.Lovelace@ACME.com  ', 'ada.lovelace@acme.com'],
    ['ADA@Acme.Com', 'ada@acme.com'],
  ])('e-mail %j → key %j', async (value, key) => {
    const m = await member({ user: value });
    expect(m.key).toBe(key);
    expect(m.email).toBe(key);
    expect(m).not.toHaveProperty('id');
  });

  it('normalizes an e-mail to NFC: composed and decomposed spellings are one key', async () => {
    const composed = 'jos\u00e9@acme.com';
    const decomposed = 'JOSE\u0301@acme.com';
    expect((await member({ user: decomposed })).key).toBe(composed);
    const r = await loadCsv(`${row({ user: composed })}\n${row({ user: decomposed })}\n`);
    expect(r.errors).toEqual([
      `<dir>/members.csv:2:1: duplicate member "${composed}" (also at <dir>/members.csv:1:1)`,
    ]);
  });

  it.each(['AdaLovelace', 'ada.lovelace_2', 'x-y'])('3DPassport id %j is kept as written', async (value) => {
    const m = await member({ user: ` ${value} ` });
    expect(m.key).toBe(value);
    expect(m.id).toBe(value);
    expect(m).not.toHaveProperty('email');
  });

  it('keeps ids that differ in case apart', async () => {
    const r = await loadCsv(`${row({ user: 'AdaL' })}\n${row({ user: 'adal' })}\n`);
    expect(r.problems).toEqual([]);
    expect([...r.members.keys()]).toEqual(['AdaL', 'adal']);
  });

  it.each(['', '   '])('%j is an error', async (value) => {
    const r = await loadCsv(`${row({ user: value })}\n`);
    expect(r.members.size).toBe(0);
    expect(r.errors).toEqual([
      '<dir>/members.csv:1:1: user is empty: give a 3DPassport id or an e-mail address',
    ]);
  });

  it.each([
    ['bob@@acme', 'invalid e-mail address "bob@@acme"'],
    ['bob@acme', 'invalid e-mail address "bob@acme"'],
    ['ada lovelace', 'invalid platform id "ada lovelace": use letters, digits, ".", "_" or "-"'],
  ])('%j is an error', async (value, message) => {
    const r = await loadCsv(`${row({ user: value })}\n`);
    expect(r.members.size).toBe(0);
    expect(r.errors).toEqual([`<dir>/members.csv:1:1: ${message}`]);
  });
});

describe('a whole row', () => {
  it('gives every field of the member, with its source', async () => {
    const r = await loadCsv(
      `${HEADER}\nAda@Acme.com;admin;contractor;xen;no;;yes;force;eu2\n`,
      `${CATALOG}    defaults: { firstName: Ada }\n`,
    );
    expect(r.problems).toEqual([expect.stringContaining('warning: roles XEN lack their prerequisite CSV')]);
    expect(r.members.get('ada@acme.com')).toEqual({
      key: 'ada@acme.com',
      email: 'ada@acme.com',
      firstName: 'Ada',
      admin: true,
      external: true,
      roles: ['CSV', 'XEN'],
      notify: false,
      state: 'active',
      passport: true,
      force: true,
      location: 'EU2',
      source: { file: expect.stringMatching(/members\.csv$/), line: 2, column: 1 },
    });
  });
});

describe('the file', () => {
  const two = `${row({ user: 'ada@acme.com' })}\n${row({ user: 'bob@acme.com' })}\n`;

  it('reads a file without a header', async () => {
    const r = await loadCsv(two);
    expect(r.problems).toEqual([]);
    expect([...r.members.keys()]).toEqual(['ada@acme.com', 'bob@acme.com']);
    expect(r.members.get('ada@acme.com')!.source.line).toBe(1);
  });

  it.each([
    HEADER,
    HEADER.toUpperCase(),
    ' User ; Rights;agreement;roles;mail;remove;passport;force;location ',
  ])('skips a header %j', async (header) => {
    const r = await loadCsv(`${header}\n${two}`);
    expect(r.problems).toEqual([]);
    expect([...r.members.keys()]).toEqual(['ada@acme.com', 'bob@acme.com']);
    expect(r.members.get('ada@acme.com')!.source.line).toBe(2);
  });

  it('refuses a header with missing or reordered columns, and reads no further', async () => {
    const r = await loadCsv(`user;agreement;rights;roles;mail;remove;passport;force;location\n${two}`);
    expect(r.members.size).toBe(0);
    expect(r.errors).toEqual([
      `<dir>/members.csv:1:1: header must be "${HEADER}", found "user;agreement;rights;roles;mail;remove;passport;force;location"`,
    ]);
  });

  it('drops a UTF-8 byte order mark (with and without header)', async () => {
    for (const text of [`\uFEFF${HEADER}\n${two}`, `\uFEFF${two}`]) {
      const r = await loadCsv(Buffer.from(text, 'utf8'));
      expect(r.problems).toEqual([]);
      expect([...r.members.keys()]).toEqual(['ada@acme.com', 'bob@acme.com']);
    }
  });

  it('reads CRLF line ends without keeping the carriage return', async () => {
    const r = await loadCsv(
      `${HEADER}\r\n${row({ location: 'EU1' })}\r\n${row({ user: 'bob', remove: '2' })}\r\n`,
    );
    expect(r.problems).toEqual([]);
    expect(r.members.get('ada@acme.com')!.location).toBe('EU1');
    expect(r.members.get('bob')!.state).toBe('pseudonymized');
    expect(r.members.get('bob')!.source.line).toBe(3);
  });

  it('reads quoted fields holding ";", "," and a line break, and counts lines after them', async () => {
    const csv = [
      HEADER,
      'ada@acme.com;member;employee;"CSV, XEN";;;"a;b";;EU1',
      '"bob@acme.com";"admin";;"CSV,',
      'IFW";;;;;',
      '',
      'cyd@acme.com;;;CSV;;;;;MARS1',
      'dan@acme.com;;;"CSV,',
      '',
      'XEN";;;;;"USE1"',
      'eve@acme.com;;;CSV;;maybe;;;',
      '',
    ].join('\r\n');
    const r = await loadCsv(csv);
    expect(r.members.get('ada@acme.com')).toMatchObject({ roles: ['CSV', 'XEN'], passport: false });
    expect(r.members.get('bob@acme.com')).toMatchObject({ admin: true, roles: ['CSV', 'IFW'] });
    expect(r.members.get('bob@acme.com')!.source.line).toBe(3);
    expect(r.members.get('dan@acme.com')).toMatchObject({ roles: ['CSV', 'XEN'], location: 'USE1' });
    expect(r.members.get('dan@acme.com')!.source.line).toBe(7);
    expect(r.members.size).toBe(3);
    expect(r.errors).toEqual([
      expect.stringMatching(/^<dir>\/members\.csv:6:24: unknown location code "MARS1"/),
      expect.stringMatching(/^<dir>\/members\.csv:10:21: unknown remove value "maybe"/),
    ]);
  });

  it('skips empty lines and keeps line numbers', async () => {
    const r = await loadCsv(
      `\n${HEADER}\n\n${row({ user: 'ada@acme.com' })}\n\n\n${row({ user: 'bob' })}\n\n`,
    );
    expect(r.problems).toEqual([]);
    expect(r.members.get('ada@acme.com')!.source.line).toBe(4);
    expect(r.members.get('bob')!.source.line).toBe(7);
  });

  it('reports every problem of a file, and keeps the good rows', async () => {
    const lines = [
      HEADER,
      row({ user: 'ok1@acme.com' }),
      row({ user: 'bad-remove@acme.com', remove: 'perhaps' }),
      'short@acme.com;member;employee',
      row({ user: 'bad-location@acme.com', location: 'XX1', roles: 'CS' }),
      row({ user: '' }),
      row({ user: 'bob@@acme' }),
      `${row({ user: 'long@acme.com' })};extra`,
      row({ user: 'ok2@acme.com' }),
      row({ user: 'OK1@acme.com' }),
    ];
    const r = await loadCsv(lines.join('\n'));
    expect([...r.members.keys()]).toEqual(['ok1@acme.com', 'ok2@acme.com']);
    expect(
      r.errors.map((e) => e.replace(/^<dir>\/members\.csv:/, '').replace(/(: [^"]*"[^"]*").*/, '$1')),
    ).toEqual([
      `3:${col(lines[2]!, 'remove')}: unknown remove value "perhaps"`,
      '4:1: expected 9 fields separated by ";"',
      `5:${col(lines[4]!, 'roles')}: malformed role "CS"`,
      `5:${col(lines[4]!, 'location')}: unknown location code "XX1"`,
      '6:1: user is empty: give a 3DPassport id or an e-mail address',
      '7:1: invalid e-mail address "bob@@acme"',
      '8:1: expected 9 fields separated by ";"',
      '10:1: duplicate member "ok1@acme.com"',
    ]);
    expect(r.errors[1]).toMatch(/found 3$/);
    expect(r.errors[6]).toMatch(/found 10$/);
    expect(r.errors[7]).toMatch(/\(also at <dir>\/members\.csv:2:1\)$/);
  });

  it('stops at an unbalanced quote with its line, keeping the rows before it', async () => {
    const r = await loadCsv(
      `${row({ user: 'ada@acme.com' })}\n${row({ user: 'bob' })}\n"cyd@acme.com;;;;;;;;\n`,
    );
    expect([...r.members.keys()]).toEqual(['ada@acme.com', 'bob']);
    expect(r.errors).toEqual([
      '<dir>/members.csv:3: unbalanced quote: a quoted field opened on this line is never closed',
    ]);
  });

  it('refuses an empty file and accepts a header alone', async () => {
    expect((await loadCsv('')).errors).toEqual([
      `<dir>/members.csv:1:1: file is empty: expected rows of ${HEADER}`,
    ]);
    expect((await loadCsv('\n\n')).errors).toHaveLength(1);
    const header = await loadCsv(`${HEADER}\n`);
    expect(header.problems).toEqual([
      expect.stringMatching(/members\.csv:1:1: warning: file has no members$/),
    ]);
    expect(header.members.size).toBe(0);
  });

  it('reports invalid UTF-8 with its place', async () => {
    const bytes = Buffer.concat([
      Buffer.from(`${row()}\nbo`),
      Buffer.from([0xe9]),
      Buffer.from('b;;;;;;;;\n'),
    ]);
    const r = await loadCsv(bytes);
    expect(r.errors).toEqual(['<dir>/members.csv:2:3: file is not valid UTF-8 (save it as UTF-8)']);
  });
});
