import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { Diagnostics, formatDiagnostic, MAX_PER_FILE } from '../../src/model/diagnostic.js';
import { boundMessage } from '../../src/util/bound-message.js';
import { clearSecrets, registerSecret } from '../../src/util/secrets.js';
import { declareSize } from '../desired/load-helper.js';
import { runCli, STACK_LINE } from '../helpers/cli.js';
import { tmpDir } from '../helpers/tmp.js';

/** However large the input, what rollcall prints about it stays small. Sizes are counted, never timed. */
const localConfig = (format: string, file: string) =>
  [
    'version: 1',
    'targets:',
    '  - name: t',
    '    provider: local',
    `    format: ${format}`,
    `    members: [${file}]`,
    '    connection: { state: state.json }',
    ...(format === 'anaplan' ? ['    roles: { Admin: {} }'] : []),
  ].join('\n');

describe('bounded error output', () => {
  it('30 rows with 200 KB values: each value quoted shortened, with its length', () => {
    const big = 'x'.repeat(200_000);
    const members = [
      'members:',
      ...Array.from({ length: 30 }, (_, i) => `  - email: "${i}${big}@@acme.com"`),
    ].join('\n');
    const dir = tmpDir({ 'rollcall.yaml': localConfig('yaml', 'members.yaml'), 'members.yaml': members });
    const r = runCli(['validate', '-c', 'rollcall.yaml'], { cwd: dir });
    expect(r.code).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(30);
    for (const l of lines) {
      expect(l).toMatch(/^members\.yaml:\d+:\d+: invalid e-mail address "\d+x+…" \(20001\d characters\)$/);
      expect(l.length).toBeLessThan(200);
    }
    expect(r.stdout).toMatch(/invalid: 30 errors\n$/);
  });

  it('2,000 bad rows in one file: the first 50, then "and N more", and every one counted', () => {
    const rows = Array.from({ length: 2000 }, (_, i) => `u${i}@@acme.com;member;employee;CSV;yes;;;;EU1`);
    const dir = tmpDir({
      'rollcall.yaml': `${localConfig('3dexperience', 'members.csv')}\n    roles: { CSV: {} }\n`,
      'members.csv': `${rows.join('\n')}\n`,
    });
    const r = runCli(['validate', '-c', 'rollcall.yaml'], { cwd: dir });
    expect(r.code).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(MAX_PER_FILE + 1);
    expect(lines[MAX_PER_FILE]).toBe(
      `members.csv: and ${2000 - MAX_PER_FILE} more problems in this file (not shown)`,
    );
    expect(r.stdout).toMatch(/invalid: 2,000 errors\n$/);
    expect(r.stderr).not.toMatch(STACK_LINE);
  });

  it('a ZIP whose entry lies about its size is refused as such, before any row error', () => {
    // 2 MB of bad rows, declared as 2 KiB: no row error is printed, only the archive's refusal.
    const rows = Array.from({ length: 40_000 }, (_, i) => `u${i}@@acme.com,true`).join('\n');
    const zip = declareSize(zipSync({ 'users.csv': strToU8(`Email,SSO\n${rows}\n`) }), 2048);
    const dir = tmpDir({ 'rollcall.yaml': localConfig('anaplan', 'users.zip'), 'users.zip': zip });
    const r = runCli(['validate', '-c', 'rollcall.yaml'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      'users.zip:1:1: entry "users.csv" expands past the 2.0 KiB the archive declares (damaged archive); refused\n',
    );
  });
});

describe('boundMessage', () => {
  it('keeps short messages and short quotes as they are', () => {
    expect(boundMessage('unknown key "fristName"; did you mean "firstName"?')).toBe(
      'unknown key "fristName"; did you mean "firstName"?',
    );
  });

  it('cuts a whole message that quotes nothing', () => {
    const m = boundMessage(`bad ${'y'.repeat(5000)}`);
    expect(m.length).toBeLessThanOrEqual(1000);
    expect(m).toMatch(/… \(5004 characters\)$/);
  });

  it('never splits an escape or a surrogate pair', () => {
    for (let pad = 0; pad < 8; pad++) {
      const m = boundMessage(`value "${'a'.repeat(55 + pad)}\\u001b${'😀'.repeat(40)}"`);
      expect(m).not.toMatch(/\\u?[0-9a-f]{0,3}…/);
      expect(m).not.toMatch(/[\ud800-\udbff]…/);
    }
  });

  it('masks a secret before shortening, even one across the cut', () => {
    const secret = 'tok_9Hq2Lm7Xv4Rb8Zp3';
    registerSecret(secret);
    try {
      for (let at = 50; at < 70; at++) {
        const m = boundMessage(`header "${'h'.repeat(at)}${secret}${'t'.repeat(200)}"`);
        for (let i = 0; i + 5 <= secret.length; i++) expect(m).not.toContain(secret.slice(i, i + 5));
      }
    } finally {
      clearSecrets();
    }
  });

  it('Diagnostics counts what it does not keep, per file', () => {
    const d = new Diagnostics();
    for (let i = 0; i < 120; i++) d.error({ file: 'a.csv', line: i + 1 }, 'bad');
    d.warn({ file: 'b.csv', line: 1 }, 'odd');
    expect(d.items).toHaveLength(MAX_PER_FILE + 2);
    expect(d.errorCount).toBe(120);
    expect(formatDiagnostic(d.items[MAX_PER_FILE]!)).toBe(
      'a.csv: and 70 more problems in this file (not shown)',
    );
  });
});
