import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli, STACK_LINE } from '../helpers/cli.js';
import { tmpDir } from '../helpers/tmp.js';

function quickstart() {
  const dir = tmpDir();
  cpSync(path.join(ROOT, 'examples/quickstart'), dir, { recursive: true });
  return dir;
}
const IMPORT = ['import', '--target', 'acme-3dx', '--format', 'yaml', '--out', 'synced'];

describe('rollcall import --diff and --write', () => {
  it('--diff shows drift on the platform as a unified diff of the file, writes nothing, exits 2', () => {
    const dir = quickstart();
    expect(runCli(IMPORT, { cwd: dir }).code).toBe(0);
    const file = path.join(dir, 'synced/acme-3dx.yaml');
    const before = readFileSync(file, 'utf8');
    expect(runCli([...IMPORT, '--diff'], { cwd: dir })).toMatchObject({ code: 0, stdout: '' });

    // Someone changed a member's location in the platform's UI.
    const state = path.join(dir, 'state/acme-3dx.json');
    const text = readFileSync(state, 'utf8');
    expect(text).toContain('"location": "USE1" }');
    writeFileSync(state, text.replace('"location": "USE1" }', '"location": "EU1" }'));

    const r = runCli([...IMPORT, '--diff'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/^--- a\/synced\/acme-3dx\.yaml\n\+\+\+ b\/synced\/acme-3dx\.yaml\n@@ /);
    expect(r.stdout).toMatch(/^-\s+location: USE1$/m);
    expect(r.stdout).toMatch(/^\+\s+location: EU1$/m);
    expect(r.stdout).not.toContain('\u001b['); // no color off a terminal
    expect(readFileSync(file, 'utf8')).toBe(before);

    // --write pulls the drift into the file; then there is none.
    const w = runCli([...IMPORT, '--write'], { cwd: dir });
    expect(w.code).toBe(0);
    expect(readFileSync(file, 'utf8')).not.toBe(before);
    expect(readFileSync(file, 'utf8')).toMatch(/location: EU1/);
    expect(runCli([...IMPORT, '--diff'], { cwd: dir }).code).toBe(0);
    expect(runCli([...IMPORT, '--write'], { cwd: dir }).stdout).toContain('unchanged');
  });

  it('--diff against a file that does not exist yet diffs from /dev/null', () => {
    const dir = quickstart();
    const r = runCli([...IMPORT, '--diff'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/^--- \/dev\/null\n\+\+\+ b\/synced\/acme-3dx\.yaml\n/);
  });

  it('--diff with --force or --write is a usage error in one line', () => {
    const r = runCli([...IMPORT, '--diff', '--write'], { cwd: quickstart() });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/--diff.*cannot be used with option '--write'/);
    expect(r.stderr).not.toMatch(STACK_LINE);
  });
});
