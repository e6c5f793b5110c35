import { describe, expect, it } from 'vitest';
import writeExcelFile, { type SheetData } from 'write-excel-file/node';
import { declareSize, loadTarget } from './load-helper.js';

/** A Deepomatic target: the permission set and site accesses come from the defaults (design §4.3). */
const TARGET = `
format: deepomatic
members: ["members/*"]
roles: { viewer: {}, annotator: {}, admin: {} }
bundles: { field: [viewer, annotator] }
defaults: { roles: ["@field"], access: [Paris, Lyon] }
`;

const HEADER = 'Email,First name,Last name,Description';

const load = (files: Record<string, string | Uint8Array>, target = TARGET) =>
  loadTarget(
    target,
    Object.fromEntries(Object.entries(files).map(([name, content]) => [`members/${name}`, content])),
  );

const xlsx = async (rows: SheetData): Promise<Uint8Array> => writeExcelFile(rows).toBuffer();

describe('Deepomatic invite CSV', () => {
  it('loads a realistic file: keys normalized, names kept, roles and accesses from the defaults', async () => {
    const csv = [
      '\uFEFF' + HEADER,
      'ada.lovelace@acme.com,Ada,Lovelace,Analytical engines',
      'Grace.Hopper@ACME.com,Grace,Hopper,',
      '  alan.turing@acme.com ,Alan,Turing,"Bletchley Park, hut 8"',
      'katherine.johnson@acme.com,Katherine,Johnson,NASA',
      '"edsger.dijkstra@acme.com","Edsger W.","Dijkstra",""',
      'margaret.hamilton@acme.com,Margaret,Hamilton,Apollo guidance',
      'dennis.ritchie@acme.com,Dennis,Ritchie,',
      'barbara.liskov@acme.com,Barbara,Liskov,"Substitution, principle of"',
      'john.backus@acme.com,John,Backus,FORTRAN',
      'frances.allen@acme.com,Frances,Allen,',
      'ken.thompson@acme.com,Ken,Thompson,Unix',
      'jose.garcia@acme.com,José,García Márquez,"Says ""hola"""',
    ].join('\r\n');
    const r = await load({ 'team.csv': `${csv}\r\n` });
    expect(r.errors).toEqual([]);
    expect(r.members.size).toBe(12);
    expect(r.members.get('grace.hopper@acme.com')).toEqual({
      key: 'grace.hopper@acme.com',
      email: 'grace.hopper@acme.com',
      firstName: 'Grace',
      lastName: 'Hopper',
      roles: ['annotator', 'viewer'],
      access: ['Paris', 'Lyon'],
      state: 'active',
      source: { file: 'members/team.csv', line: 3, column: 1 },
    });
    expect(r.members.get('alan.turing@acme.com')).toMatchObject({
      description: 'Bletchley Park, hut 8',
      source: { line: 4 },
    });
    expect(r.members.get('edsger.dijkstra@acme.com')).toMatchObject({ firstName: 'Edsger W.' });
    expect(r.members.get('edsger.dijkstra@acme.com')).not.toHaveProperty('description');
    expect(r.members.get('jose.garcia@acme.com')).toMatchObject({
      firstName: 'José',
      lastName: 'García Márquez',
      description: 'Says "hola"',
    });
    for (const m of r.members.values()) expect(m.roles).toEqual(['annotator', 'viewer']);
  });

  it('accepts a header without Description, and rows that leave a trailing Description out', async () => {
    const r = await load({
      'a.csv': 'Email,First name,Last name\nada@acme.com,Ada,Lovelace\n',
      'b.csv': `${HEADER}\nbob@acme.com,Bob,Builder\n`,
    });
    expect(r.errors).toEqual([]);
    expect([...r.members.keys()]).toEqual(['ada@acme.com', 'bob@acme.com']);
  });

  it('skips blank rows that spreadsheets write below the data; a header alone gives no member', async () => {
    const r = await load({
      'a.csv': `${HEADER}\nada@acme.com,Ada,Lovelace,\n,,,\n\n`,
      'b.csv': `${HEADER}\n`,
    });
    expect(r.errors).toEqual([expect.stringMatching(/b\.csv:1:1: warning: file has no members$/)]);
    expect(r.members.size).toBe(1);
  });

  it.each([
    [
      'wrong order',
      'Email,Last name,First name,Description',
      'header must be "Email,First name,Last name,Description" (Description is optional), found "Email,Last name,First name,Description"; the columns are out of order',
    ],
    [
      'misspelt name',
      'Email,Frist name,Last name',
      'unknown column "Frist name"; did you mean "First name"?',
    ],
    ['wrong case', 'Email,First Name,Last name', 'unknown column "First Name"; did you mean "First name"?'],
    ['missing column', 'Email,First name', 'column "Last name" is missing'],
    ['unknown extra column', `${HEADER},Team`, 'unknown column "Team"'],
    ['repeated column', 'Email,First name,Last name,Email', 'column "Email" appears twice'],
    ['unnamed column', 'Email,First name,Last name,', 'column 4 has no name'],
    [
      'semicolons',
      'Email;First name;Last name',
      '(is the file semicolon-separated? Deepomatic invite files are comma-separated)',
    ],
    ['no header', 'ada@acme.com,Ada,Lovelace', 'the first row must be the header'],
  ])('refuses a header with %s: one error at the header, rows not read', async (_, header, message) => {
    const r = await load({ 'm.csv': `${header}\nbob@acme.com,Bob,Builder,\n` });
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatch(
      /^members\/m\.csv:1:1: header must be "Email,First name,Last name,Description"/,
    );
    expect(r.errors[0]).toContain(message);
    expect(r.members.size).toBe(0);
  });

  it('reports every problem of every row, each at its own column, and keeps the good rows', async () => {
    const r = await load({
      'm.csv': [
        HEADER,
        'ada@acme.com,Ada,Lovelace,',
        'bob@acme.com,,,',
        ',Carl,Sagan,',
        'dan@@acme.com,Dan,Brown,',
        'eve@acme.com,Eve',
        'eve@acme.com;Eve;Smith',
        'fay@acme.com,Fay,Wray,x,y',
        'ADA@acme.com,Ada,Byron,',
      ].join('\n'),
    });
    expect(r.errors).toEqual([
      'members/m.csv:3:14: First name is empty; it is required',
      'members/m.csv:3:15: Last name is empty; it is required',
      'members/m.csv:4:1: Email is empty; it is required',
      'members/m.csv:5:1: invalid e-mail address "dan@@acme.com"',
      'members/m.csv:6:1: expected 4 fields separated by ",", found 2',
      'members/m.csv:7:1: expected 4 fields separated by ",", found 1 (is the file semicolon-separated? Deepomatic invite files are comma-separated)',
      'members/m.csv:8:1: expected 4 fields separated by ",", found 5',
      'members/m.csv:9:1: duplicate member "ada@acme.com" (also at members/m.csv:2:1)',
    ]);
    expect([...r.members.keys()]).toEqual(['ada@acme.com']);
  });

  it('reports an empty file, bad UTF-8, an unbalanced quote and a line without end, located', async () => {
    const r = await load({
      'a.csv': '',
      'b.csv': Buffer.concat([
        Buffer.from(`${HEADER}\nada@acme.com,Ad`),
        Buffer.from([0xe9]),
        Buffer.from(',L,\n'),
      ]),
      'c.csv': `${HEADER}\nada@acme.com,"Ada,Lovelace,\n`,
      'd.csv': `${HEADER}\n${'x'.repeat(1_100_000)}`,
    });
    expect(r.errors).toEqual([
      'members/a.csv:1:1: file is empty: expected the header "Email,First name,Last name,Description" and one row per user',
      'members/b.csv:2:16: file is not valid UTF-8 (save it as UTF-8)',
      'members/c.csv:2: unbalanced quote: a quoted field opened on this line is never closed',
      'members/d.csv:2:1: line is longer than 1048576 characters: this is not a member list (binary or damaged file?)',
    ]);
  });

  it('reports default roles that are not in the catalog, and does not add the member', async () => {
    const r = await load(
      { 'm.csv': `${HEADER}\nada@acme.com,Ada,Lovelace,\n` },
      TARGET.replace('roles: ["@field"]', 'roles: [viewr]'),
    );
    expect(r.errors).toEqual([
      `members/m.csv:2:1: role "viewr" is not in the target's role catalog; did you mean "viewer"?`,
    ]);
    expect(r.members.size).toBe(0);
  });
});

describe('Deepomatic invite XLSX', () => {
  it('loads the first sheet of a realistic workbook, located by row', async () => {
    const people: [string, string, string, string | null][] = [
      ['Ada.Lovelace@acme.com', 'Ada', 'Lovelace', 'Analytical engines'],
      ['grace.hopper@acme.com', 'Grace', 'Hopper', null],
      ['alan.turing@acme.com', 'Alan', 'Turing', 'Bletchley Park'],
      ['katherine.johnson@acme.com', 'Katherine', 'Johnson', null],
      ['edsger.dijkstra@acme.com', 'Edsger', 'Dijkstra', null],
      ['margaret.hamilton@acme.com', 'Margaret', 'Hamilton', 'Apollo'],
      ['dennis.ritchie@acme.com', 'Dennis', 'Ritchie', null],
      ['barbara.liskov@acme.com', 'Barbara', 'Liskov', null],
      ['john.backus@acme.com', 'John', 'Backus', 'FORTRAN'],
      ['frances.allen@acme.com', 'Frances', 'Allen', null],
      ['ken.thompson@acme.com', 'Ken', 'Thompson', 'Unix'],
      ['jose.garcia@acme.com', 'José', 'García', null],
    ];
    const book = await writeExcelFile([
      {
        sheet: 'Invites',
        data: [['Email', 'First name', 'Last name', 'Description'], [], ...people],
      },
      { sheet: 'Notes', data: [['not', 'read']] },
    ]).toBuffer();
    const r = await load({ 'team.xlsx': book });
    expect(r.errors).toEqual([]);
    expect(r.members.size).toBe(12);
    expect(r.members.get('ada.lovelace@acme.com')).toEqual({
      key: 'ada.lovelace@acme.com',
      email: 'ada.lovelace@acme.com',
      firstName: 'Ada',
      lastName: 'Lovelace',
      description: 'Analytical engines',
      roles: ['annotator', 'viewer'],
      access: ['Paris', 'Lyon'],
      state: 'active',
      source: { file: 'members/team.xlsx', line: 3, column: 1 },
    });
    expect(r.members.get('jose.garcia@acme.com')).toMatchObject({ lastName: 'García', source: { line: 14 } });
    expect(r.members.get('grace.hopper@acme.com')).not.toHaveProperty('description');
  });

  it('reports row problems at file:row:column with the 1-based column index', async () => {
    const r = await load({
      'm.xlsx': await xlsx([
        [null, null, null],
        ['Email', 'First name', 'Last name'],
        ['ada@acme.com', 'Ada', 'Lovelace'],
        ['bob@acme.com', null, null],
        ['not-an-email', 'Carl', 'Sagan'],
        [null, 'Dan', 'Brown'],
        ['eve@acme.com', 'Eve', 'Smith', 'extra'],
      ]),
    });
    expect(r.errors).toEqual([
      'members/m.xlsx:4:2: First name is empty; it is required',
      'members/m.xlsx:4:3: Last name is empty; it is required',
      'members/m.xlsx:5:1: invalid e-mail address "not-an-email"',
      'members/m.xlsx:6:1: Email is empty; it is required',
      'members/m.xlsx:7:4: a value in column 4 is outside the 3 columns of the header',
    ]);
    expect([...r.members.keys()]).toEqual(['ada@acme.com']);
  });

  it('refuses a bad header with one error naming the expected header', async () => {
    const r = await load({
      'm.xlsx': await xlsx([
        ['Email', 'Last name', 'Frist name'],
        ['ada@acme.com', 'Lovelace', 'Ada'],
      ]),
    });
    expect(r.errors).toEqual([
      'members/m.xlsx:1:1: header must be "Email,First name,Last name,Description" (Description is optional), found "Email,Last name,Frist name"; unknown column "Frist name"; did you mean "First name"?',
    ]);
  });

  it('reports an empty sheet, an empty file, a file that is not a workbook and a truncated one', async () => {
    const good = await xlsx([
      ['Email', 'First name', 'Last name'],
      ['ada@acme.com', 'Ada', 'Lovelace'],
    ]);
    const r = await load({
      'a.xlsx': await xlsx([]),
      'b.xlsx': '',
      'c.xlsx': 'Email,First name,Last name\n',
      'd.xlsx': good.subarray(0, Math.floor(good.length / 2)),
    });
    expect(r.errors).toHaveLength(4);
    expect(r.errors[0]).toBe(
      'members/a.xlsx:1:1: the first sheet is empty: expected the header "Email,First name,Last name,Description" and one row per user',
    );
    expect(r.errors[1]).toBe('members/b.xlsx:1:1: file is empty');
    expect(r.errors[2]).toMatch(/^members\/c\.xlsx:1:1: not a readable \.xlsx workbook: not a ZIP archive/);
    expect(r.errors[3]).toMatch(/^members\/d\.xlsx:1:1: not a readable \.xlsx workbook: not a ZIP archive/);
  });

  it('refuses a workbook that declares more than 100 MiB expanded, without reading it', async () => {
    const book = await xlsx([
      ['Email', 'First name', 'Last name'],
      ['ada@acme.com', 'Ada', 'Lovelace'],
    ]);
    const r = await load({ 'm.xlsx': declareSize(book, 60 * 1024 * 1024) });
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatch(
      /^members\/m\.xlsx:1:1: the workbook expands to \d+\.\d MiB, over the 100\.0 MiB limit; refused/,
    );
  });
});
