import { describe, expect, it } from 'vitest';
import { runCli, STACK_LINE } from '../helpers/cli.js';
import { tmpDir } from '../helpers/tmp.js';

/**
 * `validate` checks every connection setting that can be checked without the network and without
 * secrets, and says what `plan` would say. Fixtures under test/fixtures/errors.
 */
const ENV = { ROLLCALL_TEST_SET_TOKEN: 's3cr3t-t0k3n-value' };
const CASES: [string, RegExp][] = [
  [
    'connection-scim-typo',
    /rollcall\.yaml:6:5: target "t": connection: unknown key "tokn"; did you mean "token"\?$/,
  ],
  ['connection-scim-http', /rollcall\.yaml:6:5: target "t": connection: url: must be https/],
  ['connection-scim-no-auth', /rollcall\.yaml:6:5: target "t": connection: authentication missing/],
  ['connection-scim-bad-value', /rollcall\.yaml:6:5: target "t": connection: concurrency: Too small/],
  [
    'connection-local-missing-state',
    /rollcall\.yaml:3:5: target "t": connection: state: Invalid input: expected string, received undefined$/,
  ],
  [
    'connection-anaplan-model-no-catalog',
    /rollcall\.yaml:7:5: target "t": connection\.model needs a role catalog/,
  ],
  [
    '3dx-connection-typo',
    /rollcall\.yaml:6:5: target "acme-3dx": connection: unknown key "exprot"; did you mean "export"\?/,
  ],
  [
    '3dx-outdir-file',
    /rollcall\.yaml:6:5: target "acme-3dx": connection: outDir: \S*members\.csv is a file, not a folder/,
  ],
  ['3dx-upload-blank', /rollcall\.yaml:6:5: target "acme-3dx": connection: upload: names no command/],
  ['deepomatic-connection-format', /rollcall\.yaml:6:5: .*connection: fileFormat: Invalid option/],
];

/** A project with one scim target whose connection holds `connection`'s lines. */
const scim = (connection: string[]) =>
  tmpDir({
    'members.yaml': 'members:\n  - email: ada@acme.com\n',
    'rollcall.yaml': [
      'version: 1',
      'targets:',
      '  - name: t',
      '    provider: scim',
      '    members: [members.yaml]',
      '    connection:',
      ...connection.map((l) => `      ${l}`),
    ].join('\n'),
  });

describe('validate checks connection settings offline, as plan would', () => {
  it.each(CASES)('%s', (name, expected) => {
    const config = `test/fixtures/errors/${name}/rollcall.yaml`;
    const v = runCli(['validate', '-c', config], { env: ENV });
    expect(v.code, v.stderr).toBe(1);
    const line = v.stderr.split('\n').find((l) => expected.test(l));
    expect(line, v.stderr).toMatch(new RegExp(`^test/fixtures/errors/${name}/`));
    expect(v.stdout).toMatch(/invalid: 1 error\n$/);
    expect(v.stderr + v.stdout).not.toMatch(STACK_LINE);
    expect(v.stderr + v.stdout).not.toContain(ENV.ROLLCALL_TEST_SET_TOKEN);
    // plan refuses with the same words (given every secret, so that it gets as far as the connection)
    const p = runCli(['plan', '-c', config], { env: { ...ENV, ROLLCALL_TEST_UNSET_TOKEN: 'x' } });
    expect(p.code).toBe(1);
    expect(p.stderr).toContain((line as string).replace(/^\S+rollcall\.yaml:\d+:\d+: /, ''));
  });

  it('reports every unknown key and every bad value at once', () => {
    const dir = scim(['urll: https://scim.example.com', 'tokn: abc', 'pageSize: 0', 'colour: blue']);
    const r = runCli(['validate', '-c', 'rollcall.yaml'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toEqual([
      'rollcall.yaml:6:5: target "t": connection: unknown key "urll"; did you mean "url"?',
      'rollcall.yaml:6:5: target "t": connection: unknown key "tokn"; did you mean "token"?',
      'rollcall.yaml:6:5: target "t": connection: unknown key "colour"',
      'rollcall.yaml:6:5: target "t": connection: pageSize: Too small: expected number to be >=1',
    ]);
  });
});

describe('validate needs no secrets', () => {
  it('an unset ${env:…} is a warning: valid, exit 0; plan refuses it', () => {
    const dir = scim(['url: https://scim.example.com/scim/v2', 'token: ${env:RC_UNSET_SCIM_TOKEN}']);
    const v = runCli(['validate', '-c', 'rollcall.yaml'], { cwd: dir });
    expect(v.stderr).toBe(
      'rollcall.yaml:8:14: warning: environment variable RC_UNSET_SCIM_TOKEN is not set (plan and apply need it)\n',
    );
    expect(v.stdout).toBe('t: 1 member in 1 file\nvalid\n');
    expect(v.code).toBe(0);
    const p = runCli(['plan', '-c', 'rollcall.yaml'], { cwd: dir });
    expect(p.code).toBe(1);
    expect(p.stderr).toMatch(/rollcall\.yaml:8:14: environment variable RC_UNSET_SCIM_TOKEN is not set/);
  });

  it('a setting made of an unset variable is not checked (its value is unknown); the others are', () => {
    const dir = scim(['url: ${env:RC_UNSET_SCIM_URL}', 'token: ${env:RC_UNSET_SCIM_TOKEN}', 'timeoutMs: 5']);
    const v = runCli(['validate', '-c', 'rollcall.yaml'], { cwd: dir });
    expect(v.code).toBe(1);
    expect(v.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(
        /^rollcall\.yaml:7:12: warning: environment variable RC_UNSET_SCIM_URL is not set/,
      ),
      expect.stringMatching(
        /^rollcall\.yaml:8:14: warning: environment variable RC_UNSET_SCIM_TOKEN is not set/,
      ),
      'rollcall.yaml:6:5: target "t": connection: timeoutMs: Too small: expected number to be >=100',
    ]);
  });

  it('a set variable is checked like any value, and never shown', () => {
    const dir = scim(['url: ${env:RC_SCIM_URL}', 'token: abc']);
    const v = runCli(['validate', '-c', 'rollcall.yaml'], {
      cwd: dir,
      env: { RC_SCIM_URL: 'http://internal-host-secret.example/scim' },
    });
    expect(v.code).toBe(1);
    expect(v.stderr).toMatch(/connection: url: must be https/);
    expect(v.stderr).not.toContain('internal-host-secret');
  });
});
