import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { declareSize } from '../desired/load-helper.js';
import { runCli, STACK_LINE } from '../helpers/cli.js';
import { tmpDir } from '../helpers/tmp.js';

/**
 * Every class of bad input: one fixture directory each under test/fixtures/errors/, validated by the real
 * CLI. Each must give a located one-line error, exit 1, and no stack trace.
 */
const CASES: [string, RegExp][] = [
  [
    'wrong-delimiter',
    /members\.csv:1:1: expected 9 fields separated by ";", found 1 \(is the file comma-separated/,
  ],
  ['unbalanced-quote', /members\.csv:2: unbalanced quote/],
  [
    'stray-quote',
    /members\.csv:3: unbalanced quote: field 2 has a quote after "Dwayne "; a field that holds quotes must be enclosed in quotes/,
  ],
  ['too-many-fields', /members\.csv:2:1: expected 9 fields separated by ";", found 10/],
  ['too-few-fields', /members\.csv:2:1: expected 9 fields separated by ";", found 4/],
  ['empty-file', /members\.csv:1:1: file is empty/],
  [
    'header-wrong',
    /members\.csv:1:1: header must be "user;rights;agreement;roles;mail;remove;passport;force;location"/,
  ],
  ['unknown-location', /members\.csv:2:41: unknown location code "MARS1"/],
  ['malformed-role', /members\.csv:2:30: malformed role "RAP-12"/],
  [
    'role-not-in-catalog',
    /members\.csv:3:30: role "XEM" is not in the target's role catalog; did you mean "XEN"\?/,
  ],
  ['duplicate-member', /b\.csv:2:1: duplicate member "ada@acme\.com" \(also at \S*a\.csv:1:1\)/],
  ['invalid-email', /members\.csv:2:1: invalid e-mail address "bob@@acme"/],
  [
    'line-break-in-value',
    /members\.csv:2:1: invalid e-mail address "bob@acme\.com\\nrollcall: \\u001b\[32mall good\\u001b\[0m"$/,
  ],
  [
    'unknown-yaml-key',
    /members\.yaml:5:5: unknown key "fristName" in members\.1; did you mean "firstName"\?/,
  ],
  ['yaml-alias-bomb', /members\.yaml:1:1: YAML aliases expand too far/],
  [
    'yaml-two-documents',
    /members\.yaml:3:1: invalid YAML: a second document starts here \(after "---"\); a file holds one document$/,
  ],
  [
    'yaml-binary-tag',
    /members\.yaml:3:25: YAML tag "!!binary" is not supported: write the value without it$/,
  ],
  // Lines ended by a lone CR (old Mac editors) are lines: the parser saw one line and a nested mapping.
  ['yaml-cr-line-ends', /members\.yaml:3:5: invalid e-mail address "bob@@acme"$/],
  // An explicit limit: the same place on every Node version (the parser's own overflow point is not).
  ['yaml-too-deep', /members\.yaml:1:110: invalid YAML: nested too deeply \(more than 100 lists or maps/],
  ['proto-key', /members\.yaml:3:5: key "__proto__" is not allowed/],
  ['non-utf8', /members\.csv:3:4: file is not valid UTF-8/],
  [
    'utf16',
    /members\.csv:1:1: file is UTF-16 \(it starts with a UTF-16 byte order mark\); save it as UTF-8$/,
  ],
  ['unknown-provider', /rollcall\.yaml:4:15: .*unknown provider "sharepoint"; known providers: local/],
  ['config-unknown-key', /rollcall\.yaml:6:5: unknown key "polcy" in targets\.0; did you mean "policy"\?/],
  // validate needs no secrets: an unset variable is a warning there; the key it is in is unknown to local.
  [
    'missing-env',
    /rollcall\.yaml:8:14: warning: environment variable ROLLCALL_TEST_UNSET_TOKEN is not set \(plan and apply need it\)/,
  ],
  [
    'env-unterminated',
    /rollcall\.yaml:7:14: unterminated variable reference: "\$\{env:" without its closing "\}"/,
  ],
  [
    'env-outside-connection',
    /rollcall\.yaml:2:10: \$\{env:…\} is replaced only in a target's connection; here it would be taken as written/,
  ],
  ['pattern-no-match', /rollcall\.yaml:5:15: members pattern "members\/\*\.yaml" matches no file/],
  [
    'pattern-is-directory',
    /rollcall\.yaml:5:15: members pattern "members" names a directory; name its files, as "members\/\*\.yaml"/,
  ],
  ['unknown-remove-value', /members\.csv:1:38: unknown remove value "maybe"/],
  [
    'deepomatic-header-order',
    /members\.csv:1:1: header must be "Email,First name,Last name,Description" .*; the columns are out of order/,
  ],
  ['deepomatic-missing-name', /members\.csv:3:18: Last name is empty; it is required/],
  ['deepomatic-semicolon', /members\.csv:1:1: header must be .*\(is the file semicolon-separated\?/],
  [
    'deepomatic-xlsx-header',
    /members\.xlsx:1:1: header must be "Email,First name,Last name,Description" .*unknown column "Lastname"; did you mean "Last name"\?/,
  ],
  ['anaplan-unknown-column', /users\.csv:1:28: unknown column "Model Roles"; did you mean "Model Role"\?/],
  ['anaplan-bad-sso', /users\.txt:3:36: SSO must be "true" or "false", found "yes"/],
  [
    'anaplan-zip-two-files',
    /users\.zip:1:1: archive holds 2 files \("users\.csv", "more-users\.csv"\): it must hold exactly one/,
  ],
  [
    'anaplan-zip-nested-path',
    /users\.zip:1:1: archive has folders or nested paths \("export\/", "export\/users\.csv"\)/,
  ],
  [
    'anaplan-zip-row-error',
    /users\.zip:3:26: users\.csv: role "Full Acess" is not in the target's role catalog; did you mean "Full Access"\?/,
  ],
];

describe('bad input gives a located one-line error, exit 1, no stack trace', () => {
  it.each(CASES)('%s', (name, expected) => {
    const r = runCli(['validate', '-c', `test/fixtures/errors/${name}/rollcall.yaml`]);
    expect(r.code).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(
      lines.some((l) => expected.test(l)),
      r.stderr,
    ).toBe(true);
    expect(lines.find((l) => expected.test(l))).toMatch(new RegExp(`^test/fixtures/errors/${name}/`));
    expect(r.stderr).not.toMatch(STACK_LINE);
    expect(r.stdout).not.toMatch(STACK_LINE);
  });
});

describe('an Anaplan ZIP whose entry expands past 100 MiB (generated: ~100 KB compressed)', () => {
  const config = [
    'version: 1',
    'targets:',
    '  - name: t',
    '    provider: local',
    '    format: anaplan',
    '    members: [users.zip]',
    '    connection: { state: state.json }',
  ].join('\n');
  const size = 101 * 1024 * 1024;
  const blankLines = () => {
    const text = new Uint8Array(size).fill(0x0a);
    text.set(strToU8('Email,SSO\n'));
    return text;
  };

  it.each([
    [
      'declared over the limit: refused before inflating',
      () => zipSync({ 'users.csv': new Uint8Array(size) }),
      /^users\.zip:1:1: entry "users\.csv" expands to 101\.0 MiB, over the 100\.0 MiB limit; refused without inflating it$/,
    ],
    [
      'declared small: stopped while inflating',
      () => declareSize(zipSync({ 'users.csv': blankLines() }), 2048),
      /^users\.zip:1:1: entry "users\.csv" expands past the 2\.0 KiB the archive declares \(damaged archive\); refused$/,
    ],
  ])('%s', (_, make, expected) => {
    const dir = tmpDir({ 'rollcall.yaml': config, 'users.zip': make() });
    const r = runCli(['validate', '-c', 'rollcall.yaml'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(
      r.stderr.split('\n').some((l) => expected.test(l)),
      r.stderr,
    ).toBe(true);
    expect(r.stderr).not.toMatch(STACK_LINE);
    expect(r.stdout).not.toMatch(STACK_LINE);
  });
});
