import { describe, expect, it } from 'vitest';
import { configYaml, type Loaded, loadFiles } from '../helpers/desired.js';

/** YAML members files (design §4.1), through loadDesiredState. */
const CATALOG = [
  '    roles:',
  '      CSV: {}',
  '      XEN: { requires: [CSV] }',
  '      IFW: { requires: [CSV] }',
  '      SLD: { requires: [XEN] }',
  '    bundles:',
  '      base: [CSV]',
  '      designers: ["@base", XEN]',
  '      all: ["@designers", IFW]',
  '',
].join('\n');

interface Options {
  /** Target settings appended to the config (indented YAML). */
  extra?: string;
  format?: string;
  files?: Record<string, string>;
}

function loadYaml(yaml: string, opts: Options = {}): Promise<Loaded> {
  return loadFiles({
    'rollcall.yaml': configYaml({
      format: opts.format,
      members: opts.files ? Object.keys(opts.files) : ['members.yaml'],
      extra: opts.extra,
    }),
    ...(opts.files ?? { 'members.yaml': yaml }),
  });
}

/** Loads a file that must be valid. */
async function members(yaml: string, opts: Options = {}) {
  const r = await loadYaml(yaml, opts);
  expect(r.problems).toEqual([]);
  return r.members;
}

describe('defaults', () => {
  const extra = `${CATALOG}    defaults: { location: EU1, admin: false, roles: [CSV], description: from target }\n`;
  const yaml = [
    'defaults: { location: EU2, roles: ["@designers"], notify: false }',
    'members:',
    '  - email: plain@acme.com',
    '  - email: own@acme.com',
    '    location: USE1',
    '    admin: true',
    '    roles: [IFW]',
    '    notify: true',
    '    description: own text',
    '  - email: none@acme.com',
    '    roles: []',
    '',
  ].join('\n');

  it("fill what a member leaves unset: the file's over the target's", async () => {
    const m = await members(yaml, { extra, format: '3dexperience' });
    expect(m.get('plain@acme.com')).toMatchObject({
      location: 'EU2',
      admin: false,
      roles: ['CSV', 'XEN'],
      notify: false,
      description: 'from target',
    });
  });

  it("give way to the member's own values", async () => {
    const m = await members(yaml, { extra, format: '3dexperience' });
    expect(m.get('own@acme.com')).toMatchObject({
      location: 'USE1',
      admin: true,
      roles: ['CSV', 'IFW'],
      notify: true,
      description: 'own text',
    });
  });

  it('do not fill an explicit empty role list', async () => {
    const m = await members(yaml, { extra, format: '3dexperience' });
    expect(m.get('none@acme.com')!.roles).toEqual([]);
  });

  it("apply the target's defaults when the file has none", async () => {
    const m = await members('members:\n  - email: ada@acme.com\n', { extra });
    expect(m.get('ada@acme.com')).toMatchObject({ location: 'EU1', admin: false, roles: ['CSV'] });
  });

  it('leave unset what neither the member nor a default sets', async () => {
    const m = await members('members:\n  - email: ada@acme.com\n');
    expect(m.get('ada@acme.com')).toEqual({
      key: 'ada@acme.com',
      email: 'ada@acme.com',
      roles: [],
      state: 'active',
      source: { file: expect.stringMatching(/members\.yaml$/), line: 2, column: 5 },
    });
  });
});

describe('bundles', () => {
  it.each([
    [['@base'], ['CSV']],
    [['@designers'], ['CSV', 'XEN']],
    [['@all'], ['CSV', 'IFW', 'XEN']],
    [
      ['@designers', 'SLD'],
      ['CSV', 'SLD', 'XEN'],
    ],
    [
      ['@designers', 'CSV', '@base'],
      ['CSV', 'XEN'],
    ],
  ])('%j expands to %j', async (roles, expected) => {
    const m = await members(`members:\n  - email: ada@acme.com\n    roles: ${JSON.stringify(roles)}\n`, {
      extra: CATALOG,
    });
    expect(m.get('ada@acme.com')!.roles).toEqual(expected);
  });

  it('refuses an unknown bundle, with a suggestion', async () => {
    const r = await loadYaml('members:\n  - email: ada@acme.com\n    roles: ["@desginers"]\n', {
      extra: CATALOG,
    });
    expect(r.members.size).toBe(0);
    expect(r.errors).toEqual([
      '<dir>/members.yaml:3:12: unknown bundle "@desginers"; did you mean "@designers"?',
    ]);
  });
});

describe('state', () => {
  it.each(['active', 'removed', 'pseudonymized', 'deleted'])('%s', async (state) => {
    const m = await members(`members:\n  - email: ada@acme.com\n    state: ${state}\n`);
    expect(m.get('ada@acme.com')!.state).toBe(state);
  });

  it('is active by default', async () => {
    expect((await members('members:\n  - email: ada@acme.com\n')).get('ada@acme.com')!.state).toBe('active');
  });

  it('refuses another value at its place', async () => {
    const r = await loadYaml('members:\n  - email: ada@acme.com\n    state: gone\n');
    expect(r.members.size).toBe(0);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatch(/^<dir>\/members\.yaml:3:12: members\.0\.state: .*"active"/);
  });
});

describe('identity', () => {
  it('normalizes e-mails: trimmed, lower-cased, NFC', async () => {
    const m = await members(
      'members:\n  - email: "  Ada.Lovelace@ACME.com "\n  - email: "JOSE\u0301@acme.com"\n',
    );
    expect([...m.keys()]).toEqual(['ada.lovelace@acme.com', 'jos\u00e9@acme.com']);
    expect(m.get('ada.lovelace@acme.com')!.email).toBe('ada.lovelace@acme.com');
  });

  it('keys a member by id alone, case kept', async () => {
    const m = await members('members:\n  - id: " AdaL "\n    firstName: Ada\n');
    expect(m.get('AdaL')).toMatchObject({ key: 'AdaL', id: 'AdaL', firstName: 'Ada' });
    expect(m.get('AdaL')).not.toHaveProperty('email');
  });

  it('keys by e-mail when both are given, and keeps the id', async () => {
    const m = await members('members:\n  - email: Ada@acme.com\n    id: AdaL\n');
    expect(m.get('ada@acme.com')).toMatchObject({ key: 'ada@acme.com', email: 'ada@acme.com', id: 'AdaL' });
  });

  it('takes an id that is an e-mail as the e-mail', async () => {
    const m = await members('members:\n  - id: Ada@acme.com\n');
    expect(m.get('ada@acme.com')).toMatchObject({ email: 'ada@acme.com' });
  });

  it.each([
    ['  - firstName: Ada', 'member has neither an e-mail nor an id'],
    ['  - email: ""\n    id: "  "', 'member has neither an e-mail nor an id'],
    ['  - email: ada@@acme.com', 'invalid e-mail address "ada@@acme.com"'],
    ['  - id: ada lovelace', 'invalid platform id "ada lovelace": use letters, digits, ".", "_" or "-"'],
  ])('%j is an error at the member', async (entry, message) => {
    const r = await loadYaml(`members:\n  - email: ok@acme.com\n${entry}\n`);
    expect([...r.members.keys()]).toEqual(['ok@acme.com']);
    expect(r.errors).toEqual([`<dir>/members.yaml:3:5: ${message}`]);
  });
});

describe('prerequisites', () => {
  const file = 'members:\n  - email: ada@acme.com\n    roles: [SLD]\n';

  it('are demanded on a target that is not 3DEXPERIENCE: the error names both roles', async () => {
    const r = await loadYaml(file, { extra: CATALOG });
    expect(r.members.size).toBe(0);
    expect(r.errors).toEqual([
      '<dir>/members.yaml:3:12: role "SLD" requires "XEN", which is not granted',
      '<dir>/members.yaml:3:12: role "XEN" requires "CSV", which is not granted',
    ]);
  });

  it('are satisfied when granted on a target that is not 3DEXPERIENCE', async () => {
    const m = await members('members:\n  - email: ada@acme.com\n    roles: [SLD, XEN, CSV]\n', {
      extra: CATALOG,
    });
    expect(m.get('ada@acme.com')!.roles).toEqual(['CSV', 'SLD', 'XEN']);
  });

  it('are added on a 3DEXPERIENCE target', async () => {
    const m = await members(file, { extra: CATALOG, format: '3dexperience' });
    expect(m.get('ada@acme.com')!.roles).toEqual(['CSV', 'SLD', 'XEN']);
  });
});

describe('role names', () => {
  it('refuses malformed 3DEXPERIENCE roles without a catalog, each at its place', async () => {
    const r = await loadYaml('members:\n  - email: ada@acme.com\n    roles: [CSV, csv, RAP-1, "@x"]\n', {
      format: '3dexperience',
      extra: '    bundles: { x: [XEN] }\n',
    });
    expect(r.members.size).toBe(0);
    expect(r.errors.map((e) => e.replace(/: use a trigram.*/, ''))).toEqual([
      '<dir>/members.yaml:3:18: malformed role "csv"',
      '<dir>/members.yaml:3:23: malformed role "RAP-1"',
    ]);
  });

  it('refuses malformed 3DEXPERIENCE roles in the file defaults, once', async () => {
    const r = await loadYaml(
      'defaults: { roles: [xen] }\nmembers:\n  - email: ada@acme.com\n  - email: bob@acme.com\n  - email: cyd@acme.com\n    roles: [XEN]\n',
      { format: '3dexperience' },
    );
    expect([...r.members.keys()]).toEqual(['cyd@acme.com']);
    expect(r.errors.map((e) => e.replace(/: use a trigram.*/, ''))).toEqual([
      '<dir>/members.yaml:1:21: malformed role "xen"',
    ]);
  });

  it('accepts any well-formed 3DEXPERIENCE role without a catalog', async () => {
    const m = await members('members:\n  - email: ada@acme.com\n    roles: [ZZZ, MAP-ABCDEFGH]\n', {
      format: '3dexperience',
    });
    expect(m.get('ada@acme.com')!.roles).toEqual(['MAP-ABCDEFGH', 'ZZZ']);
  });

  it('accepts any role name without a catalog on a target that is not 3DEXPERIENCE', async () => {
    const m = await members('members:\n  - email: ada@acme.com\n    roles: [Products Write, admins]\n');
    expect(m.get('ada@acme.com')!.roles).toEqual(['Products Write', 'admins']);
  });

  it('refuses a role outside the catalog, with a suggestion', async () => {
    const r = await loadYaml('members:\n  - email: ada@acme.com\n    roles: [CSV, XEM]\n', {
      extra: CATALOG,
      format: '3dexperience',
    });
    expect(r.errors).toEqual([
      `<dir>/members.yaml:3:12: role "XEM" is not in the target's role catalog; did you mean "XEN"?`,
    ]);
  });
});

describe('duplicates', () => {
  it('inside one file: an error naming both places, also when keys differ only in case', async () => {
    const r = await loadYaml(
      'members:\n  - email: ada@acme.com\n  - email: bob@acme.com\n  - email: ADA@acme.com\n',
    );
    expect([...r.members.keys()]).toEqual(['ada@acme.com', 'bob@acme.com']);
    expect(r.errors).toEqual([
      '<dir>/members.yaml:4:5: duplicate member "ada@acme.com" (also at <dir>/members.yaml:2:5)',
    ]);
  });

  it('across a CSV and a YAML file of one target: an error naming both places', async () => {
    const r = await loadYaml('', {
      format: '3dexperience',
      files: {
        'members.csv':
          'user;rights;agreement;roles;mail;remove;passport;force;location\nAda@acme.com;;;;;;;;\n',
        'members.yaml': 'members:\n  - email: bob@acme.com\n  - email: ada@acme.com\n',
      },
    });
    expect([...r.members.keys()]).toEqual(['ada@acme.com', 'bob@acme.com']);
    expect(r.errors).toEqual([
      '<dir>/members.yaml:3:5: duplicate member "ada@acme.com" (also at <dir>/members.csv:2:1)',
    ]);
  });
});

describe('the file', () => {
  it('refuses unknown keys with a suggestion, at the key', async () => {
    const r = await loadYaml('members:\n  - email: ada@acme.com\n    fristName: Ada\n    rolez: [CSV]\n');
    expect(r.errors).toEqual([
      '<dir>/members.yaml:3:5: unknown key "fristName" in members.0; did you mean "firstName"?',
      '<dir>/members.yaml:4:5: unknown key "rolez" in members.0; did you mean "roles"?',
    ]);
  });

  it('refuses an empty file and one without members', async () => {
    expect((await loadYaml('')).errors).toEqual([
      '<dir>/members.yaml:1:1: file is empty: expected "members:"',
    ]);
    expect((await loadYaml('defaults: {}\n')).errors).toEqual([
      expect.stringMatching(/^<dir>\/members\.yaml:1:1: members: /),
    ]);
  });

  it('reports YAML syntax errors with their place', async () => {
    const r = await loadYaml('members:\n  - email: ada@acme.com\n  - email: [unclosed\n');
    expect(r.members.size).toBe(0);
    expect(r.errors.length).toBeGreaterThan(0);
    expect(r.errors[0]).toMatch(/^<dir>\/members\.yaml:\d+:\d+: invalid YAML: /);
  });

  it('accepts .yml files', async () => {
    const r = await loadYaml('', { files: { 'people.yml': 'members:\n  - email: ada@acme.com\n' } });
    expect(r.problems).toEqual([]);
    expect([...r.members.keys()]).toEqual(['ada@acme.com']);
  });
});
