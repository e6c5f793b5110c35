import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { strToU8, type Zippable, zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { MAX_ENTRY_BYTES, withSingleEntry, ZipError } from '../../src/formats/table/zip.js';
import { tmpDir } from '../helpers/tmp.js';
import { declareSize, loadTarget } from './load-helper.js';

/** An Anaplan target: a catalog of model roles (design §4.4). */
const TARGET = `
format: anaplan
members: ["members/*"]
roles: { "Full Access": {}, "Read Only": {}, "Planner": {} }
`;

const load = (files: Record<string, string | Uint8Array>, target = TARGET) =>
  loadTarget(
    target,
    Object.fromEntries(Object.entries(files).map(([name, content]) => [`members/${name}`, content])),
  );

const zip = (entries: Zippable): Uint8Array => zipSync(entries, { level: 6 });

const REALISTIC = [
  'User ID,email,FIRST NAME,Last Name,Model Role,Selective Access,SSO',
  ',Ada.Lovelace@ACME.com,Ada,Lovelace,Full Access,"Products Write, Products Read",TRUE',
  ',grace.hopper@acme.com,Grace,Hopper,Read Only,Products Read,false',
  '8a81b09c5c6e2d6b015c8b2b1a3c0f21,,,,planner,,',
  ',alan.turing@acme.com,Alan,Turing,No Access,,true',
  ',katherine.johnson@acme.com,Katherine,Johnson,,"Region North, Region South, Region North",',
  '8a81b09c5c6e2d6b015c8b2b1a3c0f22,edsger.dijkstra@acme.com,Edsger,Dijkstra,Planner,Products Write,True',
  ',margaret.hamilton@acme.com,,,Full Access,,',
  ',dennis.ritchie@acme.com,Dennis,Ritchie,Read Only,"Products Read, Product None",FALSE',
  ',barbara.liskov@acme.com,Barbara,Liskov,Planner,,',
  ',john.backus@acme.com,John,Backus,Read Only,,',
  ',frances.allen@acme.com,Frances,Allen,no access,,',
  ',jose.garcia@acme.com,José,García,Full Access,,true',
].join('\r\n');

describe('Anaplan user import CSV and TXT', () => {
  it('loads a realistic file: columns in any order and case, roles, access lists, SSO, ids', async () => {
    const r = await load({ 'users.csv': `\uFEFF${REALISTIC}\r\n` });
    expect(r.errors).toEqual([]);
    expect(r.members.size).toBe(12);
    expect(r.members.get('ada.lovelace@acme.com')).toEqual({
      key: 'ada.lovelace@acme.com',
      email: 'ada.lovelace@acme.com',
      firstName: 'Ada',
      lastName: 'Lovelace',
      roles: ['Full Access'],
      access: ['Products Write', 'Products Read'],
      sso: true,
      state: 'active',
      source: { file: 'members/users.csv', line: 2, column: 2 },
    });
    // A user named by User ID alone, names left to the platform; the role as the catalog spells it.
    expect(r.members.get('8a81b09c5c6e2d6b015c8b2b1a3c0f21')).toEqual({
      key: '8a81b09c5c6e2d6b015c8b2b1a3c0f21',
      id: '8a81b09c5c6e2d6b015c8b2b1a3c0f21',
      roles: ['Planner'],
      state: 'active',
      source: { file: 'members/users.csv', line: 4, column: 1 },
    });
    expect(r.members.get('edsger.dijkstra@acme.com')).toMatchObject({
      id: '8a81b09c5c6e2d6b015c8b2b1a3c0f22',
      sso: true,
      roles: ['Planner'],
    });
    // "No Access" is no role; an empty role (no defaults) is none and unmanaged (never revoked); an empty SSO
    // is unset; a repeated access is kept once.
    expect(r.members.get('alan.turing@acme.com')).toMatchObject({ roles: [], sso: true });
    expect(r.members.get('frances.allen@acme.com')).toMatchObject({ roles: [] });
    const katherine = r.members.get('katherine.johnson@acme.com')!;
    expect(katherine.roles).toEqual([]);
    expect(katherine.access).toEqual(['Region North', 'Region South']);
    expect(katherine).not.toHaveProperty('sso');
    expect(r.members.get('grace.hopper@acme.com')).toMatchObject({ sso: false, access: ['Products Read'] });
    const margaret = r.members.get('margaret.hamilton@acme.com')!;
    expect(margaret).not.toHaveProperty('firstName');
    expect(margaret).not.toHaveProperty('access');
    expect(r.members.get('dennis.ritchie@acme.com')).toMatchObject({
      sso: false,
      access: ['Products Read', 'Product None'],
    });
  });

  it('reads .txt files as tab-separated, commas staying inside the access list', async () => {
    const r = await load({
      'users.txt': [
        'Email\tFirst Name\tLast Name\tModel Role\tSelective Access\tSSO',
        'ada@acme.com\tAda\tLovelace\tRead Only\tProducts Write, Products Read\tfalse',
        'bob@acme.com\tBob\tBuilder, Jr.\tPlanner\t\t',
      ].join('\n'),
    });
    expect(r.errors).toEqual([]);
    expect(r.members.get('ada@acme.com')).toMatchObject({
      roles: ['Read Only'],
      access: ['Products Write', 'Products Read'],
      sso: false,
      source: { line: 2, column: 1 },
    });
    expect(r.members.get('bob@acme.com')).toMatchObject({ lastName: 'Builder, Jr.', roles: ['Planner'] });
  });

  // Design §4.4: "An absent column or an empty cell leaves that attribute to the target's defaults" (it
  // used to mean No Access when empty, which revoked the model role of an existing user).
  it('takes roles from the defaults when the file has no Model Role column, and when the cell is empty', async () => {
    const r = await load(
      {
        'a.csv': 'Email,SSO\nada@acme.com,true\n',
        'b.csv': 'Email,Model Role\nbob@acme.com,\n',
      },
      `${TARGET}defaults: { roles: ["Read Only"], access: ["Products Read"] }`,
    );
    expect(r.errors).toEqual([]);
    expect(r.members.get('ada@acme.com')).toMatchObject({ roles: ['Read Only'], access: ['Products Read'] });
    expect(r.members.get('bob@acme.com')).toMatchObject({ roles: ['Read Only'], access: ['Products Read'] });
  });

  it('accepts any model role when the target has no catalog', async () => {
    const r = await load(
      { 'a.csv': 'Email,Model Role\nada@acme.com,Custom Role\n' },
      TARGET.replace(/^roles.*$/m, ''),
    );
    expect(r.errors).toEqual([]);
    expect(r.members.get('ada@acme.com')!.roles).toEqual(['Custom Role']);
  });

  it('reports every unknown, unnamed or repeated column of the header, with a did-you-mean', async () => {
    const r = await load({
      'a.csv': 'Email,Model Roles,SSO,,Team,sso\nada@acme.com,Planner,true,,x,true\n',
      'b.csv': 'Email;First Name;SSO\nada@acme.com;Ada;true\n',
      'c.csv': 'Email\tFirst Name\nada@acme.com\tAda\n',
      'd.txt': 'Email,First Name\nada@acme.com,Ada\n',
      'e.csv': 'First Name,Last Name\nAda,Lovelace\n',
      'f.csv': 'ada@acme.com,Ada,Lovelace\n',
    });
    expect(r.errors).toEqual([
      'members/a.csv:1:7: unknown column "Model Roles"; did you mean "Model Role"?',
      'members/a.csv:1:23: column 4 has no name',
      'members/a.csv:1:24: unknown column "Team"; known columns: Email, User ID, First Name, Last Name, Model Role, Selective Access, SSO',
      'members/a.csv:1:29: column "SSO" appears twice (also column 3)',
      'members/b.csv:1:1: unknown column "Email;First Name;SSO"; known columns: Email, User ID, First Name, Last Name, Model Role, Selective Access, SSO (is the file semicolon-separated? this .csv file is read as comma-separated (.csv: comma, .txt: tab))',
      'members/c.csv:1:1: unknown column "Email\tFirst Name"; known columns: Email, User ID, First Name, Last Name, Model Role, Selective Access, SSO (is the file tab-separated? this .csv file is read as comma-separated (.csv: comma, .txt: tab))',
      'members/d.txt:1:1: unknown column "Email,First Name"; known columns: Email, User ID, First Name, Last Name, Model Role, Selective Access, SSO (is the file comma-separated? this .txt file is read as tab-separated (.csv: comma, .txt: tab))',
      'members/e.csv:1:1: header names neither "Email" nor "User ID": a row names its user by one of them',
      'members/f.csv:1:1: the first row must be a header naming the columns (Email, User ID, First Name, Last Name, Model Role, Selective Access, SSO); found "ada@acme.com"',
    ]);
    expect(r.members.size).toBe(0);
  });

  it('reports every row problem at its column and keeps the good rows', async () => {
    const r = await load({
      'users.csv': [
        'Email,User ID,First Name,Model Role,SSO',
        'ada@acme.com,,Ada,Planner,true',
        ',,Nobody,Planner,true',
        'bob@acme.com,,Bob,Planer,yes',
        'carl@@acme.com,,Carl,,',
        ',bad id,Dan,,',
        'eve@acme.com,,Eve',
        ' ,,,,',
        'ADA@acme.com,,Ada,,',
      ].join('\n'),
    });
    expect(r.errors).toEqual([
      'members/users.csv:3:1: row names no user: give an Email or a User ID',
      'members/users.csv:4:26: SSO must be "true" or "false", found "yes"',
      `members/users.csv:4:19: role "Planer" is not in the target's role catalog; did you mean "Planner"?`,
      'members/users.csv:5:1: invalid e-mail address "carl@@acme.com"',
      'members/users.csv:6:2: invalid platform id "bad id": use letters, digits, ".", "_" or "-"',
      'members/users.csv:7:1: expected 5 fields separated by ",", found 3',
      'members/users.csv:9:1: duplicate member "ada@acme.com" (also at members/users.csv:2:1)',
    ]);
    expect([...r.members.keys()]).toEqual(['ada@acme.com']);
  });

  it('reports an empty file, bad UTF-8 and an unbalanced quote, located', async () => {
    const r = await load({
      'a.csv': '',
      'b.txt': Buffer.concat([Buffer.from('Email\tFirst Name\nada@acme.com\tAd'), Buffer.from([0xff, 0x0a])]),
      'c.csv': 'Email,First Name\nada@acme.com,"Ada\n',
    });
    expect(r.errors).toEqual([
      'members/a.csv:1:1: file is empty: expected a header row naming its columns (Email, User ID, First Name, Last Name, Model Role, Selective Access, SSO)',
      'members/b.txt:2:16: file is not valid UTF-8 (save it as UTF-8)',
      'members/c.csv:2: unbalanced quote: a quoted field opened on this line is never closed',
    ]);
  });
});

describe('Anaplan user import ZIP', () => {
  it('loads the one CSV or TXT file of an archive, streamed', async () => {
    const r = await load({
      'a.zip': zip({ 'users.csv': strToU8(`${REALISTIC}\n`) }),
      'b.zip': zip({ 'more.TXT': strToU8('Email\tModel Role\tSSO\nzed@acme.com\tRead Only\tTRUE\n') }),
    });
    expect(r.errors).toEqual([]);
    expect(r.members.size).toBe(13);
    expect(r.members.get('ada.lovelace@acme.com')).toMatchObject({
      roles: ['Full Access'],
      access: ['Products Write', 'Products Read'],
      sso: true,
      source: { file: 'members/a.zip', line: 2, column: 2 },
    });
    expect(r.members.get('zed@acme.com')).toMatchObject({ roles: ['Read Only'], sso: true });
  });

  it('locates row problems at the archive and names the entry in the message', async () => {
    const r = await load({
      'a.zip': zip({ 'users.csv': strToU8('Email,SSO\nada@acme.com,true\nbob@acme.com,maybe\n') }),
      'b.zip': zip({ 'users.csv': strToU8('Emial,SSO\n') }),
      'c.zip': zip({ 'users.txt': new Uint8Array([0x45, 0x0a, 0xc3, 0x28]) }),
      'd.zip': zip({ 'users.csv': new Uint8Array(0) }),
    });
    expect(r.errors).toEqual([
      'members/a.zip:3:14: users.csv: SSO must be "true" or "false", found "maybe"',
      // A swap of two letters is one typo (did-you-mean counts transpositions).
      'members/b.zip:1:1: users.csv: unknown column "Emial"; did you mean "Email"?',
      'members/c.zip:2:1: users.txt: file is not valid UTF-8 (save it as UTF-8)',
      'members/d.zip:1:1: users.csv: file is empty: expected a header row naming its columns (Email, User ID, First Name, Last Name, Model Role, Selective Access, SSO)',
    ]);
    expect([...r.members.keys()]).toEqual(['ada@acme.com']);
  });

  it.each<[string, Zippable | Uint8Array, string[]]>([
    ['no entry', {}, ['archive is empty: it must hold one .csv or .txt file']],
    [
      'two files',
      { 'a.csv': strToU8('Email\n'), 'b.csv': strToU8('Email\n') },
      ['archive holds 2 files ("a.csv", "b.csv"): it must hold exactly one'],
    ],
    [
      'a nested path',
      { 'data/users.csv': strToU8('Email\n') },
      [
        'archive has folders or nested paths ("data/users.csv"): it must hold one .csv or .txt file at its top level',
      ],
    ],
    [
      'a folder entry',
      { 'data/': new Uint8Array(0), 'users.csv': strToU8('Email\n') },
      ['archive has folders or nested paths ("data/"): it must hold one .csv or .txt file at its top level'],
    ],
    [
      'macOS metadata beside the file',
      { 'users.csv': strToU8('Email\n'), '__MACOSX/._users.csv': strToU8('x') },
      [
        'archive has folders or nested paths ("__MACOSX/._users.csv"): it must hold one .csv or .txt file at its top level',
        'archive holds 2 files ("users.csv", "__MACOSX/._users.csv"): it must hold exactly one',
      ],
    ],
    [
      'another kind of file',
      { 'users.xlsx': strToU8('x') },
      ['entry "users.xlsx" is not a .csv or .txt file'],
    ],
    [
      'a file that is not an archive',
      strToU8('Email,SSO\nada@acme.com,true\n'),
      ['not a ZIP archive (no central directory found: is the file complete?)'],
    ],
  ])('refuses an archive with %s, at its 1:1', async (_, entries, messages) => {
    const bytes = entries instanceof Uint8Array ? entries : zip(entries);
    const r = await load({ 'users.zip': bytes });
    expect(r.errors).toEqual(messages.map((m) => `members/users.zip:1:1: ${m}`));
    expect(r.members.size).toBe(0);
  });

  it('refuses a truncated archive and one whose entry is smaller than declared', async () => {
    const good = zip({ 'users.csv': strToU8('Email\nada@acme.com\n') });
    const r = await load({
      'a.zip': good.subarray(0, good.length - 30),
      'b.zip': declareSize(zip({ 'users.csv': strToU8('Email\nada@acme.com\n') }), 1000),
    });
    expect(r.errors).toEqual([
      'members/a.zip:1:1: not a ZIP archive (no central directory found: is the file complete?)',
      'members/b.zip:1:1: entry "users.csv" expands to 19 bytes but the archive declares 1000 (damaged archive)',
    ]);
  });

  describe('size limit', () => {
    let honest: Uint8Array;
    let lying: Uint8Array;
    beforeAll(() => {
      // Over 100 MiB expanded, about 100 KB compressed. The lying one is blank lines under a header (cheap to
      // parse, so the test measures the limit, not the CSV parser) and declares 1 KiB.
      const size = MAX_ENTRY_BYTES + 1024 * 1024;
      honest = zip({ 'users.csv': new Uint8Array(size) });
      const blank = new Uint8Array(size).fill(0x0a);
      blank.set(strToU8('Email,SSO\n'));
      lying = declareSize(zip({ 'users.csv': blank }), 1024);
      expect(honest.length).toBeLessThan(200_000);
    });

    it('refuses an entry declared over 100 MiB before inflating it', async () => {
      const r = await load({ 'users.zip': honest });
      expect(r.errors).toEqual([
        'members/users.zip:1:1: entry "users.csv" expands to 101.0 MiB, over the 100.0 MiB limit; refused without inflating it',
      ]);
    });

    it('stops an entry that lies about its size as soon as it inflates past what it declares', async () => {
      const r = await load({ 'users.zip': lying });
      expect(r.errors).toEqual([
        'members/users.zip:1:1: entry "users.csv" expands past the 1.0 KiB the archive declares (damaged archive); refused',
      ]);
    });
  });

  it('streams the entry and stops reading it past its declared size', async () => {
    const dir = tmpDir();
    const file = path.join(dir, 'a.zip');
    writeFileSync(file, declareSize(zip({ 'users.csv': new Uint8Array(1_000_000).fill(0x41) }), 90_000));
    const chunks: number[] = [];
    const reading = withSingleEntry(file, { extensions: ['.csv'], maxBytes: 100_000 }, async (entry) => {
      expect(entry.name).toBe('users.csv');
      for await (const chunk of entry.data) chunks.push(chunk.length);
    });
    await expect(reading).rejects.toThrow(ZipError);
    await expect(reading).rejects.toThrow('entry "users.csv" expands past the 87.9 KiB the archive declares');
    const read = chunks.reduce((a, b) => a + b, 0);
    expect(read).toBeLessThanOrEqual(90_000);
    expect(chunks.length).toBeGreaterThan(1); // several chunks: streamed, not inflated whole
  });
});
