import { describe, expect, it } from 'vitest';
import { runCli, STACK_LINE } from '../../helpers/cli.js';

/** A bad Deepomatic users export: located one-line errors, exit 1, no stack trace (test/fixtures/errors/deepomatic-export-*). */
const CASES: [string, RegExp][] = [
  [
    'deepomatic-connection-format',
    /rollcall\.yaml:6:5: .*connection: fileFormat: Invalid option: expected one of "csv"\|"xlsx"/,
  ],
  ['deepomatic-export-unknown-column', /users\.csv:1:28: unknown column "Staus"; did you mean "Status"\?/],
  [
    'deepomatic-export-bad-status',
    /users\.csv:2:43: unknown status "Invited": expected Active, Invite Pending or Invite Expired/,
  ],
  ['deepomatic-export-duplicate', /users\.csv:3:1: user "ada@acme\.com" is listed twice \(also on line 2\)/],
  ['deepomatic-export-invalid-email', /users\.csv:2:1: invalid e-mail address "ada@@acme\.com"/],
  [
    'deepomatic-export-semicolon',
    /users\.csv:1:1: unknown column .*\(is the file semicolon- or tab-separated\?/,
  ],
];

describe('a bad Deepomatic users export gives located one-line errors, exit 1', () => {
  it.each(CASES)('%s', (name, expected) => {
    const r = runCli(['plan', '-c', `test/fixtures/errors/${name}/rollcall.yaml`]);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).not.toMatch(STACK_LINE);
    const hit = r.stderr.split('\n').find((l) => expected.test(l));
    expect(hit, r.stderr).toMatch(new RegExp(`^(rollcall: )?test/fixtures/errors/${name}/`));
    expect(r.stdout).toBe('');
  });
});
