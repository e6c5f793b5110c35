import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
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

describe('--write keeps the file as people wrote it', () => {
  it('changes only the members that differ: comments, order and untouched entries stay', () => {
    const dir = quickstart();
    expect(runCli(IMPORT, { cwd: dir }).code).toBe(0);
    const file = path.join(dir, 'synced/acme-3dx.yaml');
    const imported = readFileSync(file, 'utf8');
    // An administrator comments the file and moves a member to the top.
    const lines = imported.split('\n');
    const start = lines.findIndex((l) => l.startsWith('  - email: grace@acme.com'));
    let end = start + 1;
    while (end < lines.length && lines[end]!.startsWith('    ')) end++;
    const grace = lines.splice(start, end - start);
    const first = lines.findIndex((l) => l.startsWith('  - '));
    lines.splice(first, 0, '  # Grace leads the design team', ...grace);
    lines.splice(0, 0, '# reviewed by the platform team');
    const edited = lines.join('\n');
    writeFileSync(file, edited);
    expect(runCli([...IMPORT, '--diff'], { cwd: dir }).code).toBe(0); // same members: no drift

    // On the platform, Edsger moves to EU1.
    const state = path.join(dir, 'state/acme-3dx.json');
    const text = readFileSync(state, 'utf8');
    const moved = text.replace(/("key": "edsger@acme\.com"[^}]*"location": )"EU2"/, '$1"EU1"');
    expect(moved).not.toBe(text);
    writeFileSync(state, moved);

    const d = runCli([...IMPORT, '--diff'], { cwd: dir });
    expect(d.code).toBe(2);
    expect(d.stdout.split('\n').filter((l) => /^[-+]\s/.test(l))).toEqual([
      '-    location: EU2',
      '+    location: EU1',
    ]);
    expect(runCli([...IMPORT, '--write'], { cwd: dir }).code).toBe(0);
    const after = readFileSync(file, 'utf8');
    expect(after.startsWith('# reviewed by the platform team\n')).toBe(true);
    expect(after).toContain('members:\n  # Grace leads the design team\n  - email: grace@acme.com\n');
    expect(after).toContain('location: EU1');
    // Byte for byte the edited file, but for Edsger's location.
    const expected = edited.replace(/(- email: edsger@acme\.com\n(?: {4}.*\n)*? {4}location: )EU2/, '$1EU1');
    expect(expected).not.toBe(edited);
    expect(after).toBe(expected);
    expect(runCli([...IMPORT, '--diff'], { cwd: dir }).code).toBe(0);
  });
});

describe('--write on a file written by hand with defaults and bundles', () => {
  const HAND = [
    '# The design team, by hand.',
    'defaults:',
    '  location: EU1',
    '  roles: ["@designers"]',
    'members:',
    '  - email: ada@acme.com # the defaults say it all',
    '  - email: alan@acme.com',
    '    roles: [IFW]',
    '    until: 2099-12-31',
    '  - email: barbara@acme.com',
    '    location: EU2',
    '  # Dennis keeps his IFW license',
    '  - email: dennis@acme.com',
    '    location: USE1',
    '    roles: [IFW]',
    '  - email: edsger@acme.com',
    '    location: EU2',
    '  - email: grace@acme.com',
    '    location: USE1',
    '    roles: [CSV]',
    '  - email: john@acme.com',
    '    admin: true',
    '    location: EU2',
    '    roles: [CSV]',
    '  - email: ken@acme.com',
    '    location: USE1',
    '    roles: [CSV]',
    '  - email: linus@acme.com',
    '    location: EUW1',
    '    roles: [CSV]',
    '  - email: owner@acme.com',
    '    roles: [CSV]',
    '',
  ].join('\n');

  function handWritten() {
    const dir = quickstart();
    const file = path.join(dir, 'synced/acme-3dx.yaml');
    mkdirSync(path.dirname(file));
    writeFileSync(file, HAND);
    return { dir, file };
  }

  it('reads defaults, bundles, prerequisites and unset fields as the target does: no drift', () => {
    const { dir, file } = handWritten();
    const d = runCli([...IMPORT, '--diff'], { cwd: dir });
    expect(d.stdout).toBe('');
    expect(d.code).toBe(0);
    expect(runCli([...IMPORT, '--write'], { cwd: dir }).code).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(HAND);
  });

  it('changes only the differing fields, leaves to the defaults what they say, keeps until and comments', () => {
    const { dir, file } = handWritten();
    const stateFile = path.join(dir, 'state/acme-3dx.json');
    const state = JSON.parse(readFileSync(stateFile, 'utf8'));
    const member = (key: string) => state.members.find((m: { key: string }) => m.key === key);
    member('ada@acme.com').location = 'EU2'; // away from the default: written on her entry
    member('alan@acme.com').roles.push('XEN'); // a role more: his roles written out
    member('barbara@acme.com').location = 'EU1'; // now the default: her own location goes
    member('ken@acme.com').status = 'removed';
    state.members.push({
      key: 'hedy@acme.com',
      firstName: 'Hedy',
      lastName: 'Lamarr',
      status: 'active',
      location: 'EU1',
      roles: ['CSV', 'XEN'],
    });
    writeFileSync(stateFile, JSON.stringify(state));

    expect(runCli([...IMPORT, '--write'], { cwd: dir }).code).toBe(0);
    const expected = HAND.replace(
      '  - email: ada@acme.com # the defaults say it all\n',
      '  - email: ada@acme.com # the defaults say it all\n    location: EU2\n',
    )
      .replace('    roles: [IFW]\n    until: 2099-12-31', '    roles: [CSV, IFW, XEN]\n    until: 2099-12-31')
      .replace('  - email: barbara@acme.com\n    location: EU2\n', '  - email: barbara@acme.com\n')
      .replace(
        '  - email: ken@acme.com\n    location: USE1\n    roles: [CSV]\n',
        '  - email: ken@acme.com\n    location: USE1\n    roles: [CSV]\n    state: removed\n',
      )
      .concat(
        '  - email: hedy@acme.com\n    firstName: Hedy\n    lastName: Lamarr\n    admin: false\n    external: false\n',
      );
    expect(readFileSync(file, 'utf8')).toBe(expected);
    expect(runCli([...IMPORT, '--diff'], { cwd: dir }).code).toBe(0);
  });

  it('a member the defaults would give a value the platform has not: the file is written whole, still right', () => {
    const { dir, file } = handWritten();
    const stateFile = path.join(dir, 'state/acme-3dx.json');
    const state = JSON.parse(readFileSync(stateFile, 'utf8'));
    state.members.push({ key: 'hedy@acme.com', status: 'active', roles: ['CSV'] }); // no location at all
    writeFileSync(stateFile, JSON.stringify(state));
    expect(runCli([...IMPORT, '--write'], { cwd: dir }).code).toBe(0);
    const written = readFileSync(file, 'utf8');
    expect(written).not.toContain('defaults:');
    expect(written).toContain('  - email: hedy@acme.com\n');
    expect(runCli([...IMPORT, '--diff'], { cwd: dir }).code).toBe(0);
  });
});
