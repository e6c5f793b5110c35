import { describe, expect, it } from 'vitest';
import { runCli, STACK_LINE } from '../../helpers/cli.js';

/**
 * A bad members export or seats file: `rollcall plan` stops with located one-line errors and exit 1, no stack
 * trace. One fixture directory per class of problem under test/fixtures/errors/3dx-*.
 */
const CASES: [string, RegExp][] = [
  [
    '3dx-connection-typo',
    /rollcall\.yaml:6:5: target "acme-3dx": connection: unknown key "exprot"; did you mean "export"\?/,
  ],
  [
    '3dx-outdir-file',
    /rollcall\.yaml:6:5: target "acme-3dx": connection: outDir: \S*members\.csv is a file, not a folder/,
  ],
  ['3dx-upload-blank', /rollcall\.yaml:6:5: target "acme-3dx": connection: upload: names no command/],
  [
    '3dx-export-unknown-column',
    /export\.csv:1:19: unknown column "staus"; did you mean "status"\?; columns are user, email, /,
  ],
  ['3dx-export-bad-value', /export\.csv:3:35: unknown status "Gone": expected Pending, Active, No access/],
  ['3dx-export-locked-not-held', /export\.csv:2:48: locked role "XEN" is not among the member's roles/],
  ['3dx-export-duplicate', /export\.csv:3:1: member "owner@acme\.com" is listed twice \(also on line 2\)/],
  ['3dx-export-missing', /3dx-export-missing\/exports: export not found/],
  ['3dx-export-non-utf8', /export\.csv:2:\d+: file is not valid UTF-8/],
  [
    '3dx-seats-malformed',
    /seats\.txt:3:1: expected "ROLE Used: N\/M" \(as the Invite Members tab shows it\), found "XEN {2}48 of 50"/,
  ],
  [
    '3dx-seats-mismatch',
    /seats\.txt:1:1: CSV Used: 2\/10, but 1 pending or active member of \S*export\.csv holds CSV; export the members and the seats again/,
  ],
];

describe('a bad 3DEXPERIENCE export or seats file gives located one-line errors, exit 1', () => {
  it.each(CASES)('%s', (name, expected) => {
    const r = runCli(['plan', '-c', `test/fixtures/errors/${name}/rollcall.yaml`]);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).not.toMatch(STACK_LINE);
    const lines = r.stderr.trim().split('\n');
    const hit = lines.find((l) => expected.test(l));
    expect(hit, r.stderr).toBeDefined();
    expect(hit).toMatch(new RegExp(`^(rollcall: )?test/fixtures/errors/${name}/`));
    expect(r.stdout).toBe('');
  });
});
