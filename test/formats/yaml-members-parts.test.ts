import { writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FormatLoader, LoadContext } from '../../src/formats/load-context.js';
import { loadYaml, loadYamlWhole } from '../../src/formats/yaml/members-file.js';
import { readMembersInParts } from '../../src/formats/yaml/members-stream.js';
import { Diagnostics } from '../../src/model/diagnostic.js';
import { tmpDir } from '../helpers/tmp.js';

/**
 * The YAML loader reads the common shape of a members file entry by entry (members-stream.ts) and anything
 * else as one document. Both must give the same: the same members, at the same places, with the same
 * options, and the same problems, for every file.
 */

/** What a loader did: every ctx.member call and every diagnostic, in order. */
async function run(loader: FormatLoader, file: string, platformRoles: boolean): Promise<unknown> {
  const diags = new Diagnostics();
  const calls: unknown[] = [];
  const ctx: LoadContext = {
    file: 'members.yaml',
    diags,
    roles: { defined: false, names: [], has: () => true, expand: (r) => r },
    roleNames: platformRoles
      ? { platform: 'Test', test: (r) => /^[A-Z]{3}$/.test(r), hint: 'three capitals' }
      : undefined,
    defaults: {},
    connection: {},
    member(input, at, options) {
      // Key order is not part of a member: the members are built field by field.
      const sorted = Object.fromEntries(Object.entries(input).sort(([a], [b]) => (a < b ? -1 : 1)));
      calls.push({ input: sorted, at, options });
      return undefined;
    },
  };
  await loader(file, ctx);
  return { calls, diagnostics: diags.items };
}

async function expectSame(dir: string, text: string, platformRoles = false): Promise<unknown> {
  const file = path.join(dir, 'members.yaml');
  writeFileSync(file, text);
  const parts = await run(loadYaml, file, platformRoles);
  const whole = await run(loadYamlWhole, file, platformRoles);
  expect(parts).toEqual(whole);
  return whole;
}

const lf = (lines: string[]) => `${lines.join('\n')}\n`;

// --- generated members files -------------------------------------------------------------------------

/** Scalars as a person might write them, and many that are not what they look like in YAML. */
const TRICKY = [
  'ada@acme.com',
  'Ada',
  'Van Dyke',
  "O'Neil",
  '"quoted"',
  "'single'",
  '"with \\"escapes\\""',
  "'it''s'",
  '"a #b"',
  'true',
  'True',
  'FALSE',
  'yes',
  'no',
  'null',
  '~',
  '',
  '0',
  '12',
  '007',
  '0x1F',
  '0o17',
  '1e3',
  '1.5',
  '.inf',
  '-1',
  '+1',
  '2027-03-31',
  '12345678901234567890',
  'EU1',
  'eu1',
  'a: b',
  'a #c',
  'a#b',
  'x # comment',
  '[CSV]',
  '[CSV, XEN]',
  '[ CSV , XEN ]',
  '[]',
  '[CSV,]',
  '["@designers", XEN]',
  '[\'DES\', "IFW"]',
  '[CSV, [XEN]]',
  '{a: 1}',
  '&a x',
  '*a',
  '!!str x',
  '!!int 12',
  '!foo x',
  'Zoë',
  '日本',
  '@x',
  '-x',
  '`x`',
  '%x',
  '"unclosed',
  'a,b',
  '\tx',
  'x\t',
  'a  b',
  'trailing  ',
];
const scalar = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...TRICKY) },
  { weight: 1, arbitrary: fc.stringMatching(/^[A-Za-z0-9@._' ,-]{1,10}$/) },
);
const roleList = fc.array(
  fc.constantFrom('CSV', 'XEN', 'IFW', 'DES', '"@base"', 'bad-role', '"RAP-1"', 'lower'),
  {
    maxLength: 4,
  },
);

/** Values YAML reads as strings, some in forms this reader leaves to the parser. */
const STRINGS = [
  'Van Dyke',
  "O'Neil",
  '"quoted"',
  "'single'",
  '"a #b"',
  'x # comment',
  'Zoë',
  '日本',
  '"with \\"escapes\\""',
  "'it''s'",
  'a  b',
  'trailing  ',
  'a,b',
  '2027-03-31',
  '-x',
  'yes',
  'no',
  'Null-ish',
  '1abc',
  '"12"',
  '"true"',
  "''",
  '""',
  "a'b",
];
const KEYS = ['email', 'id', 'firstName', 'lastName', 'description', 'github'];
/** One field of an entry, as lines (the first at the key's indentation; more indented ones follow). */
const field = (wild: number) =>
  fc.oneof(
    {
      weight: 6,
      arbitrary: fc
        .record({ k: fc.constantFrom(...KEYS), v: fc.stringMatching(/^[a-z]{1,6}(@acme\.com)?$/) })
        .map(({ k, v }) => [`${k}: ${v}`]),
    },
    {
      weight: 4,
      arbitrary: fc
        .tuple(
          fc.constantFrom('firstName', 'lastName', 'description', 'github', 'id'),
          fc.constantFrom(...STRINGS),
        )
        .map(([k, v]) => [`${k}: ${v}`]),
    },
    {
      weight: 3,
      arbitrary: fc
        .tuple(fc.constantFrom('admin', 'external', 'notify', 'sso'), fc.boolean())
        .map(([k, v]) => [`${k}: ${v}`]),
    },
    {
      weight: 2,
      arbitrary: fc
        .constantFrom(
          ...[
            'location: EU1',
            'location: "USE1"',
            'state: removed',
            'until: 2027-03-31',
            'until: "2027-03-31"',
          ],
        )
        .map((l) => [l]),
    },
    { weight: 3, arbitrary: roleList.map((rs) => [`roles: [${rs.join(', ')}]`]) },
    {
      weight: 2,
      arbitrary: fc
        .tuple(roleList, fc.constantFrom(2, 0, 4))
        .map(([rs, extra]) =>
          rs.length ? ['roles:', ...rs.map((r) => `${' '.repeat(extra)}- ${r}`)] : ['roles: []'],
        ),
    },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom(...['githubId: 42', 'githubId: 0x2A', 'githubId: 007', 'access: [a, "b c"]'])
        .map((l) => [l]),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        ['description: |', '  first', '  second'],
        ['description: >-', '  folded', '  text'],
        ['description: long', '  continued'],
        ['description: "two', '  lines"'],
        ['# a comment'],
        [''],
        ['  # indented comment'],
        ['firstName: Ada', ''],
      ),
    },
    {
      // Clean YAML, wrong for the schema: reported by the parts reader itself.
      weight: 1,
      arbitrary: fc
        .constantFrom(
          ...[
            'location: XX1',
            'admin: maybe',
            'state: gone',
            'rolez: [CSV]',
            'until: 2027-02-30',
            'email: 12',
          ],
        )
        .map((l) => [l]),
    },
    {
      weight: wild,
      arbitrary: fc
        .tuple(
          fc.constantFrom(
            ...KEYS,
            'roles',
            'admin',
            'until',
            'githubId',
            'bogus',
            '__proto__',
            'constructor',
          ),
          scalar,
        )
        .map(([k, v]) => [`${k}: ${v}`]),
    },
    {
      weight: wild ? 1 : 0,
      arbitrary: fc.constantFrom(
        ['email: &a x@acme.com'],
        ['description: *a'],
        ['githubId: -3'],
        ['\tadmin: true'],
      ),
    },
  );
/** An entry at indentation `indent`: "- " then its fields one under another. */
const entry = (indent: number, wild: number) =>
  fc
    .tuple(
      fc.array(field(wild), { minLength: 1, maxLength: 5 }),
      fc.constantFrom('- ', '- ', '- ', '-   ', '-\n'),
    )
    .map(([fields, dash]) => {
      // Mild files: each key once (twice is an error the whole-document path reports).
      const seen = new Set<string>();
      const lines = fields
        .filter((f) => {
          const key = /^([\w$]+):/.exec(f[0] as string)?.[1];
          if (wild || !key) return true;
          if (seen.has(key)) return false;
          seen.add(key);
          return true;
        })
        .flat();
      const pad = ' '.repeat(indent);
      const col = dash === '-\n' ? indent + 2 : indent + dash.length;
      const inner = ' '.repeat(col);
      const out = lines.map((l, i) =>
        i === 0 && dash !== '-\n' ? `${pad}${dash}${l}` : l === '' ? '' : `${inner}${l}`,
      );
      return dash === '-\n' ? [`${pad}-`, ...out] : out;
    });

/** A members file; `wild`: how often a field, the header or the trailer is something odd. */
const membersFile = (wild: number) =>
  fc
    .record({
      indent: fc.constantFrom(0, 2, 2, 4),
      header: fc.subarray(
        wild
          ? [
              '# members',
              '$schema: ./x.json',
              'defaults: { location: EU1 }',
              'defaults:\n  roles: [CSV]\n  admin: false',
              '%YAML 1.1\n---',
              '---',
            ]
          : ['# members', '$schema: ./x.json', 'defaults:\n  roles: [CSV]\n  admin: false', '---'],
      ),
      trailer: wild
        ? fc.constantFrom(
            '',
            '',
            'defaults: { notify: false }',
            '# the end',
            'extra: 1',
            'members: []',
            '  stray: 1',
            '...',
          )
        : fc.constantFrom('', '', 'defaults: { notify: false }', '# the end', '...'),
      count: fc.integer({ min: wild ? 0 : 1, max: 6 }),
      crlf: fc.boolean(),
      membersLine: wild
        ? fc.constantFrom('members:', 'members:', 'members:  # who', 'members: []', '"members":')
        : fc.constantFrom('members:', 'members:  # who'),
    })
    .chain((f) =>
      fc.tuple(fc.constant(f), fc.array(entry(f.indent, wild), { minLength: f.count, maxLength: f.count })),
    )
    .map(([f, entries]) => {
      const text = [...f.header, f.membersLine, ...entries.flat(), f.trailer].join('\n');
      return f.crlf ? text.replace(/\n/g, '\r\n') : text;
    });

describe('YAML members read entry by entry', () => {
  it('give exactly what the whole document gives: members, places, options and problems', async () => {
    const dir = tmpDir();
    let inParts = 0;
    let withProblems = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(membersFile(0), membersFile(4)),
        fc.boolean(),
        async (text, platformRoles) => {
          await expectSame(dir, text, platformRoles);
          const parts = readMembersInParts('members.yaml', text.replace(/\r\n/g, '\n'), () => true);
          if (parts) inParts++;
          if (parts?.reportProblems) withProblems++;
        },
      ),
      { numRuns: 600 },
    );
    // Not only files that go to the whole-document path: a good share is read entry by entry.
    expect(inParts).toBeGreaterThan(60);
    expect(withProblems).toBeGreaterThan(20);
  });

  it('read every valid file of the common shape in parts (no anchors, tags or directives)', async () => {
    const dir = tmpDir();
    const valid = fc
      .tuple(fc.constantFrom(0, 2), fc.integer({ min: 1, max: 5 }))
      .chain(([indent, n]) =>
        fc.tuple(
          fc.constant(indent),
          fc.array(
            fc.tuple(
              fc.stringMatching(/^[a-z]{1,8}$/),
              fc.constantFrom('Ada', 'Van Dyke', "O'Neil", '"Zoë"', "'Jean-Luc'", 'Marie # first name'),
              fc.constantFrom('[CSV, XEN]', '[]', '["@base"]', '\n      - CSV\n      - XEN'),
              fc.constantFrom(
                '',
                'admin: true',
                'until: 2027-03-31',
                'description: |\n      two\n      lines',
              ),
            ),
            { minLength: n, maxLength: n },
          ),
        ),
      )
      .map(([indent, ms]) => {
        const pad = ' '.repeat(indent);
        const lines = ['defaults: { location: EU1 }', 'members:'];
        ms.forEach(([name, first, roles, extra], i) => {
          lines.push(`${pad}- email: ${name}${i}@acme.com`, `${pad}  firstName: ${first}`);
          lines.push(`${pad}  roles: ${roles}`.replace(/\n {6}/g, `\n${pad}    `));
          if (extra) lines.push(`${pad}  ${extra}`.replace(/\n {6}/g, `\n${pad}    `));
        });
        return { text: lf(lines), n: ms.length };
      });
    await fc.assert(
      fc.asyncProperty(valid, async ({ text, n }) => {
        const parts = readMembersInParts('members.yaml', text, () => true);
        expect(parts?.count).toBe(n);
        const whole = (await expectSame(dir, text)) as { calls: unknown[]; diagnostics: unknown[] };
        expect(whole.diagnostics).toEqual([]);
        expect(whole.calls).toHaveLength(n);
      }),
      { numRuns: 150 },
    );
  });
});

describe('problems: where they are reported, and that they stay as they were', () => {
  const dir = () => tmpDir();
  const member = (i: number) => [`  - email: m${i}@acme.com`, '    roles: [CSV]'];

  it('a schema problem in the last entry: no member is handed on, the problem is located as before', async () => {
    const lines = ['members:', ...member(1), ...member(2), '  - email: m3@acme.com', '    rolez: [CSV]'];
    const text = lf(lines);
    // Read in parts all the same: the entry's problem is reported by the parts reader.
    expect(readMembersInParts('members.yaml', text, () => true)?.reportProblems).toBeDefined();
    const r = (await expectSame(dir(), text)) as { calls: unknown[]; diagnostics: { line: number }[] };
    expect(r.calls).toEqual([]);
    expect(r.diagnostics).toMatchObject([
      { line: 7, column: 5, message: expect.stringContaining('unknown key "rolez"') },
    ]);
  });

  it('a syntax error after the members', async () => {
    const text = lf(['members:', ...member(1), 'defaults: { location: EU1', '']);
    expect(readMembersInParts('members.yaml', text, () => true)).toBeUndefined();
    await expectSame(dir(), text);
  });

  it('anchors and aliases, tags, forbidden keys and directives', async () => {
    for (const text of [
      lf(['members:', '  - email: &e a@acme.com', '  - email: b@acme.com', '    description: *e']),
      lf(['members:', '  - email: !!str a@acme.com']),
      lf(['members:', '  - email: a@acme.com', '    __proto__: x']),
      lf(['%YAML 1.1', '---', 'members:', '  - email: a@acme.com', '    admin: yes']),
      lf(['members:', ...member(1), '  - email: a@acme.com', '    email: b@acme.com']),
    ]) {
      expect(readMembersInParts('members.yaml', text, () => true)).toBeUndefined();
      await expectSame(dir(), text);
    }
  });

  it('a malformed role (no catalog): reported once, at its place, as before', async () => {
    const text = lf(['members:', ...member(1), '  - email: b@acme.com', '    roles: [CSV, bad]']);
    const parts = readMembersInParts('members.yaml', text, (rs) => rs.every((r) => r === 'CSV'));
    expect(parts?.take(0).roleAt).toBeUndefined();
    expect(parts?.take(1).roleAt?.(1)).toEqual({ file: 'members.yaml', line: 5, column: 18 });
    const r = (await expectSame(dir(), text, true)) as { diagnostics: unknown[] };
    expect(r.diagnostics).toMatchObject([
      { line: 5, column: 18, message: 'malformed role "bad": three capitals' },
    ]);
  });

  it('a file that is not of the common shape is still read', async () => {
    for (const text of [
      lf(['members: [{ email: a@acme.com }]']),
      lf(['members:', '- email: a@acme.com', '  roles: [CSV]', 'defaults: { admin: true }']),
      lf(['members:', '  -', '    email: a@acme.com']),
    ]) {
      const r = (await expectSame(dir(), text)) as { calls: unknown[]; diagnostics: unknown[] };
      expect(r).toMatchObject({ diagnostics: [], calls: [{ input: { email: 'a@acme.com' } }] });
    }
  });
});
