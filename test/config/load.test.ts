import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type Config, type LoadConfigOptions, loadConfig } from '../../src/config/load.js';
import { formatDiagnostic } from '../../src/model/diagnostic.js';
import { ConfigError } from '../../src/model/errors.js';
import { clearSecrets, redact } from '../../src/util/secrets.js';
import { tmpDir } from '../helpers/tmp.js';

/** rollcall.yaml loading (design §3): parse → schema → named rules → normalize. */
afterEach(() => clearSecrets());

function write(yaml: string | Uint8Array): string {
  return path.join(tmpDir({ 'rollcall.yaml': yaml }), 'rollcall.yaml');
}

async function load(yaml: string | Uint8Array, options: LoadConfigOptions = {}): Promise<Config> {
  return loadConfig(write(yaml), { env: {}, displayPath: 'rollcall.yaml', ...options });
}

/** Loads a config that must fail; returns the error's message and its diagnostics as printed. */
async function failure(
  yaml: string | Uint8Array,
  options: LoadConfigOptions = {},
): Promise<{ message: string; problems: string[] }> {
  const e = await load(yaml, options).then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(ConfigError);
  const err = e as ConfigError;
  return { message: err.message, problems: err.diagnostics.map(formatDiagnostic) };
}

/** A config with one target `t` (non-3DEXPERIENCE unless `format` is given); `extra` goes in the target. */
function config(extra = '', format?: string): string {
  return [
    'version: 1',
    'targets:',
    '  - name: t',
    '    provider: local',
    ...(format ? [`    format: ${format}`] : []),
    '    members: [members.yaml]',
    extra.replace(/\n$/, ''),
    '',
  ].join('\n');
}

describe('a valid config', () => {
  it('gives each target normalized, with defaults', async () => {
    const c = await load(config('    roles: { CSV: {}, XEN: { requires: [CSV] } }\n', '3dexperience'));
    expect(c.targets).toHaveLength(1);
    const t = c.targets[0]!;
    expect(t).toMatchObject({ name: 't', provider: 'local', format: '3dexperience', connection: {} });
    expect(t.members).toEqual([
      { pattern: 'members.yaml', at: { file: 'rollcall.yaml', line: 6, column: 15 } },
    ]);
    expect(t.policy).toEqual({
      prune: false,
      offboard: 'remove',
      expiryNotice: 14,
      ignore: [],
      protect: [],
      minAdmins: 0,
    });
    expect(t.catalog.prerequisites).toBe('add');
    expect(t.at).toEqual({ file: 'rollcall.yaml', line: 3, column: 5 });
    expect(c.warnings).toEqual([]);
  });

  it('reads YAML members files of a target without a format, and demands prerequisites there', async () => {
    const t = (await load(config('    roles: { CSV: {}, XEN: { requires: [CSV] } }\n'))).targets[0]!;
    expect(t.format).toBe('yaml');
    expect(t.catalog.prerequisites).toBe('demand');
  });
});

describe('config rules', () => {
  it('refuses duplicate target names, naming the first', async () => {
    const yaml = [
      'version: 1',
      'targets:',
      '  - { name: a, provider: local, members: [a.yaml] }',
      '  - { name: b, provider: local, members: [b.yaml] }',
      '  - { name: a, provider: local, members: [c.yaml] }',
      '',
    ].join('\n');
    expect((await failure(yaml)).problems).toEqual([
      'rollcall.yaml:5:13: duplicate target name "a" (first at line 3)',
    ]);
  });

  it('refuses a prerequisite outside the catalog, at its place', async () => {
    const r = await failure(config('    roles:\n      XEN: { requires: [CSV] }\n'));
    expect(r.problems).toEqual([
      'rollcall.yaml:7:25: role "XEN" requires "CSV", which is not in the catalog',
    ]);
    expect(r.message).toBe('rollcall.yaml: 1 problem in the configuration');
  });

  it.each([
    ['    roles:\n      AAA: { requires: [BBB] }\n      BBB: { requires: [AAA] }\n', 'AAA → BBB → AAA'],
    [
      '    roles:\n      AAA: { requires: [BBB] }\n      BBB: { requires: [CCC] }\n      CCC: { requires: [BBB] }\n',
      'BBB → CCC → BBB',
    ],
    ['    roles:\n      AAA: { requires: [AAA] }\n', 'AAA → AAA'],
  ])('refuses a prerequisite cycle', async (roles, cycle) => {
    const r = await failure(config(roles));
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatch(
      new RegExp(`^rollcall\\.yaml:\\d+:\\d+: role prerequisites form a cycle: ${cycle}$`),
    );
  });

  it('refuses a bundle with a role outside the catalog or an unknown bundle', async () => {
    const r = await failure(
      config('    roles: { CSV: {} }\n    bundles:\n      a: [CSV, XEN]\n      b: ["@a", "@c"]\n'),
    );
    expect(r.problems).toEqual([
      'rollcall.yaml:8:16: bundle "a" uses role "XEN", which is not in the catalog',
      'rollcall.yaml:9:17: bundle "b" uses unknown bundle "@c"',
    ]);
  });

  it('accepts any role in a bundle without a catalog', async () => {
    await expect(load(config('    bundles:\n      a: [Products Write, Admins]\n'))).resolves.toBeDefined();
  });

  it.each([
    ['    bundles:\n      a: ["@b"]\n      b: [CSV, "@a"]\n', '@a → @b → @a'],
    ['    bundles:\n      a: [CSV, "@a"]\n', '@a → @a'],
  ])('refuses bundles that include each other', async (bundles, cycle) => {
    const r = await failure(config(bundles));
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatch(
      new RegExp(`^rollcall\\.yaml:\\d+:\\d+: bundles include each other in a cycle: ${cycle}$`),
    );
  });

  it('refuses role names a 3DEXPERIENCE catalog cannot hold, at the name', async () => {
    const r = await failure(
      config(
        '    roles:\n      CSV: {}\n      csv2: {}\n      Products Write: {}\n      RAP-1: {}\n',
        '3dexperience',
      ),
    );
    expect(r.problems.map((p) => p.replace(/: use a trigram.*/, ''))).toEqual([
      'rollcall.yaml:9:7: "csv2" is not a 3DEXPERIENCE role',
      'rollcall.yaml:10:7: "Products Write" is not a 3DEXPERIENCE role',
      'rollcall.yaml:11:7: "RAP-1" is not a 3DEXPERIENCE role',
    ]);
  });

  it('accepts such names in the catalog of a target that is not 3DEXPERIENCE', async () => {
    const c = await load(config('    roles:\n      Products Write: {}\n      csv2: {}\n'));
    expect(c.targets[0]!.catalog.names).toEqual(['Products Write', 'csv2']);
  });

  it('refuses malformed 3DEXPERIENCE roles in bundles and defaults when there is no catalog', async () => {
    const r = await failure(
      config('    bundles:\n      a: [CSV, csv]\n    defaults: { roles: ["@a", Xen] }\n', '3dexperience'),
    );
    expect(r.problems.map((p) => p.replace(/: use a trigram.*/, ''))).toEqual([
      'rollcall.yaml:8:16: bundle "a" uses "csv", which is not a 3DEXPERIENCE role',
      'rollcall.yaml:9:31: defaults use "Xen", which is not a 3DEXPERIENCE role',
    ]);
  });

  it('accepts valid default roles', async () => {
    const c = await load(
      config('    roles: { CSV: {} }\n    bundles: { a: [CSV] }\n    defaults: { roles: ["@a", CSV] }\n'),
    );
    expect(c.targets[0]!.defaults.roles).toEqual(['@a', 'CSV']);
  });

  it('warns when offboard goes past remove but prune is off, and loads', async () => {
    for (const offboard of ['pseudonymize', 'delete']) {
      const c = await load(config(`    policy: { offboard: ${offboard} }\n`));
      expect(c.warnings.map(formatDiagnostic)).toEqual([
        `rollcall.yaml:6:25: warning: policy.offboard is "${offboard}" but prune is off: it applies only to members in no file`,
      ]);
    }
    expect((await load(config('    policy: { offboard: delete, prune: true }\n'))).warnings).toEqual([]);
  });

  it('refuses an empty ignore or protect pattern', async () => {
    const r = await failure(config('    policy: { ignore: ["svc-*", " "], protect: [""] }\n'));
    expect(r.problems).toEqual([
      'rollcall.yaml:6:33: empty ignore pattern',
      'rollcall.yaml:6:49: empty protect pattern',
    ]);
  });

  it('reports every problem of the config at once', async () => {
    const r = await failure(
      config(
        '    roles:\n      XEN: { requires: [CSV] }\n    bundles:\n      a: [IFW]\n    policy: { offboard: delete }\n',
      ),
    );
    expect(r.problems).toHaveLength(3);
    expect(r.message).toBe('rollcall.yaml: 2 problems in the configuration');
  });
});

describe('--target', () => {
  const two = [
    'version: 1',
    'targets:',
    '  - { name: alpha, provider: local, members: [a.yaml] }',
    '  - name: beta',
    '    provider: local',
    '    members: [b.yaml]',
    '    connection: { token: "${env:BETA_TOKEN}" }',
    '',
  ].join('\n');

  it('keeps only the named targets', async () => {
    const c = await load(two, { targets: ['alpha'], env: {} });
    expect(c.targets.map((t) => t.name)).toEqual(['alpha']);
  });

  it('does not need the variables of targets left out', async () => {
    await expect(load(two, { env: {} })).rejects.toThrow(ConfigError);
    await expect(load(two, { targets: ['alpha'], env: {} })).resolves.toBeDefined();
  });

  it('refuses an unknown target, naming the known ones', async () => {
    const r = await failure(two, { targets: ['alpha', 'gamma'] });
    expect(r.message).toBe('rollcall.yaml: unknown target "gamma"; targets in this config: alpha, beta');
  });
});

describe('${env:NAME} in connection', () => {
  const yaml = config(
    [
      '    connection:',
      '      state: state.json',
      '      token: ${env:RC_TOKEN}',
      '      url: "https://${env:RC_HOST}/api?key=${env:RC_TOKEN}"',
      '      nested: { list: ["${env:RC_TOKEN}", 42] }',
    ].join('\n'),
  );

  it('substitutes the value everywhere in connection', async () => {
    const c = await load(yaml, { env: { RC_TOKEN: 'tok-3x4mpl3-s3cr3t', RC_HOST: 'api.example.test' } });
    expect(c.targets[0]!.connection).toEqual({
      state: 'state.json',
      token: 'tok-3x4mpl3-s3cr3t',
      url: 'https://api.example.test/api?key=tok-3x4mpl3-s3cr3t',
      nested: { list: ['tok-3x4mpl3-s3cr3t', 42] },
    });
  });

  it('registers each value as a secret, masked by redact', async () => {
    expect(redact('Bearer tok-3x4mpl3-s3cr3t')).toBe('Bearer tok-3x4mpl3-s3cr3t');
    await load(yaml, { env: { RC_TOKEN: 'tok-3x4mpl3-s3cr3t', RC_HOST: 'api.example.test' } });
    expect(redact('Bearer tok-3x4mpl3-s3cr3t, again tok-3x4mpl3-s3cr3t')).toBe('Bearer ***, again ***');
    expect(redact('GET https://api.example.test/')).toBe('GET https://***/');
  });

  it('names a missing variable, at its place, and never shows a value', async () => {
    const env = { RC_TOKEN: 'tok-3x4mpl3-s3cr3t', RC_UNUSED: 'unused-s3cr3t' };
    const r = await failure(yaml, { env });
    expect(r.problems).toEqual(['rollcall.yaml:9:12: environment variable RC_HOST is not set']);
    const everything = [r.message, ...r.problems].join('\n');
    for (const value of Object.values(env)) expect(everything).not.toContain(value);
  });

  it('treats an empty variable as missing and refuses a malformed reference', async () => {
    const r = await failure(config('    connection:\n      a: ${env:RC_EMPTY}\n      b: "${env:1BAD}"\n'), {
      env: { RC_EMPTY: '' },
    });
    expect(r.problems).toEqual([
      'rollcall.yaml:7:10: environment variable RC_EMPTY is not set',
      'rollcall.yaml:8:10: invalid variable reference ${env:1BAD}',
    ]);
  });

  it('reads process.env when no env is given', async () => {
    process.env.RC_TEST_FROM_PROCESS = 'from-process-env';
    try {
      const file = write(config('    connection: { token: "${env:RC_TEST_FROM_PROCESS}" }\n'));
      expect((await loadConfig(file)).targets[0]!.connection).toEqual({ token: 'from-process-env' });
    } finally {
      delete process.env.RC_TEST_FROM_PROCESS;
    }
  });
});

describe('schema errors', () => {
  /** A config whose single target is `lines` (indented by the test). */
  const target = (...lines: string[]) =>
    `version: 1\ntargets:\n${lines.map((l, i) => `${i === 0 ? '  - ' : '    '}${l}`).join('\n')}\n`;

  it.each([
    [
      ['name: t', 'provider: sharepoint', 'members: [m.yaml]'],
      /^rollcall\.yaml:4:15: .*unknown provider "sharepoint"; known providers: local(, [a-z0-9]+)*$/,
    ],
    [
      ['name: t', 'provider: local', 'format: excel', 'members: [m.yaml]'],
      /^rollcall\.yaml:5:13: .*unknown format "excel"; known formats: yaml, 3dexperience, deepomatic, anaplan$/,
    ],
    [
      ['name: Acme_3DX', 'provider: local', 'members: [m.yaml]'],
      /^rollcall\.yaml:3:11: targets\.0\.name: target names use only a-z, 0-9 and -$/,
    ],
    [
      ['name: t', 'provider: local', 'members: [m.yaml]', 'policy: { minAdmins: -1 }'],
      /^rollcall\.yaml:6:26: targets\.0\.policy\.minAdmins: /,
    ],
    [
      ['name: t', 'provider: local', 'members: [m.yaml]', 'policy: { maxRemovals: lots }'],
      /^rollcall\.yaml:6:28: targets\.0\.policy\.maxRemovals: /,
    ],
    [
      ['name: t', 'provider: local', 'members: [m.yaml]', 'polcy: {}'],
      /^rollcall\.yaml:6:5: unknown key "polcy" in targets\.0; did you mean "policy"\?$/,
    ],
    [['name: t', 'provider: local', 'members: []'], /^rollcall\.yaml:5:14: targets\.0\.members: /],
    [['name: t', 'provider: local'], /^rollcall\.yaml:3:5: target "t" has no members files: add "members:"/],
    [
      ['name: t', 'provider: local', 'members: [m.yaml]', 'roles: { XEN: { require: [CSV] } }'],
      /^rollcall\.yaml:6:21: unknown key "require" in targets\.0\.roles\.XEN; did you mean "requires"\?$/,
    ],
    [
      ['name: t', 'provider: local', 'members: [m.yaml]', 'defaults: { location: MARS1 }'],
      /^rollcall\.yaml:6:27: targets\.0\.defaults\.location: unknown location code "MARS1"/,
    ],
  ])('%j', async (lines, expected) => {
    const r = await failure(target(...lines));
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatch(expected);
  });

  it('refuses another version, and a config without targets', async () => {
    expect((await failure('version: 2\ntargets: []\n')).problems).toEqual([
      'rollcall.yaml:1:10: version: version must be 1',
      'rollcall.yaml:2:10: targets: at least one target is needed',
    ]);
  });

  it('refuses YAML that is not a mapping', async () => {
    const r = await failure('- a\n- b\n');
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatch(/^rollcall\.yaml:1:1: /);
  });

  it('reports YAML syntax errors at their place', async () => {
    const r = await failure('version: 1\ntargets:\n  - name: t\n    provider: [local\n');
    expect(r.problems.length).toBeGreaterThan(0);
    expect(r.problems[0]).toMatch(/^rollcall\.yaml:\d+:\d+: invalid YAML: /);
  });

  it('refuses duplicate keys', async () => {
    const r = await failure('version: 1\nversion: 1\ntargets: []\n');
    expect(r.problems[0]).toMatch(/^rollcall\.yaml:2:1: invalid YAML: .*unique/i);
  });
});

describe('the file', () => {
  it.each(['', '\n\n', '# only a comment\n', '---\n'])('refuses an empty config %j', async (text) => {
    expect((await failure(text)).message).toBe('rollcall.yaml:1:1: config file is empty');
  });

  it('refuses a missing file', async () => {
    const file = path.join(tmpDir(), 'nowhere', 'rollcall.yaml');
    await expect(loadConfig(file, { displayPath: 'nowhere/rollcall.yaml' })).rejects.toThrow(
      new ConfigError('nowhere/rollcall.yaml: config file not found'),
    );
  });

  it('refuses a file that is not UTF-8, at the bad byte', async () => {
    const latin1 = Buffer.from('version: 1\ntargets:\n  - name: caf\xe9\n', 'latin1');
    expect((await failure(latin1)).message).toBe(
      'rollcall.yaml:3:14: file is not valid UTF-8 (save it as UTF-8)',
    );
  });

  it('accepts a UTF-8 byte order mark', async () => {
    const c = await load(Buffer.from(`\uFEFF${config()}`, 'utf8'));
    expect(c.targets[0]!.name).toBe('t');
  });

  it('shows a path outside the working directory in full', async () => {
    const file = write('');
    await expect(loadConfig(file)).rejects.toThrow(new ConfigError(`${file}:1:1: config file is empty`));
  });
});
