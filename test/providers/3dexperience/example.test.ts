import { cpSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeExports } from '../../emulators/3dexperience/export.js';
import { platformFromFiles } from '../../emulators/3dexperience/from-files.js';
import { ROOT, runCli, STACK_LINE } from '../../helpers/cli.js';
import { tmpDir } from '../../helpers/tmp.js';

/** examples/3dexperience through the built CLI: plan, apply, the platform imports, a new export, plan. */
describe('examples/3dexperience', () => {
  it('plans, writes the batch files, and after their import and a new export plans nothing', () => {
    const dir = tmpDir();
    cpSync(path.join(ROOT, 'examples/3dexperience'), dir, { recursive: true });
    const cli = (...args: string[]) => runCli([...args, '-c', 'rollcall.yaml'], { cwd: dir });

    const plan = cli('plan', '--detailed-exitcode');
    expect(plan.code, plan.stderr).toBe(2);
    expect(plan.stdout).toContain('Plan: 2 to invite, 3 to change, 2 to offboard, 1 blocked.');
    expect(plan.stdout).toContain('license-locked (IFW)');

    const apply = cli('apply', '--auto-approve');
    expect(apply.stderr).not.toMatch(STACK_LINE);
    expect(apply.code, apply.stderr).toBe(0);
    const runDir = /wrote (out\/[^/]+)\/01-remove\.csv/.exec(apply.stderr)?.[1];
    expect(runDir, apply.stderr).toBeDefined();
    const order = readFileSync(path.join(dir, runDir!, 'UPLOAD-ORDER.txt'), 'utf8');
    const files = [...order.matchAll(/^\s+\d+\. (\S+\.csv)/gm)].map((m) => m[1]!);
    expect(files).toEqual(['01-remove.csv', '02-revoke.csv', '03-pseudonymize.csv', '04-invite.csv']);
    expect(readFileSync(path.join(dir, runDir!, '02-revoke.csv'), 'utf8')).toContain(
      'grace.hopper@acme.com;member;employee;CSV;no;;;force;USE1',
    );

    const platform = platformFromFiles(
      path.join(dir, 'export/members-2026-05-04.csv'),
      path.join(dir, 'seats.txt'),
      // The example opts in to revokes by force rows (connection.revokeByForceRow), so does its platform.
      { prerequisites: { XEN: ['CSV'], IFW: ['CSV'], 'RAP-ACME0001': ['CSV'] }, forceRevokes: true },
    );
    const reports = files.map((f) => platform.import(f, readFileSync(path.join(dir, runDir!, f), 'utf8')));
    expect(reports.map((t) => t.status)).toEqual(['OK', 'OK', 'OK', 'OK']);
    writeExports(platform, {
      export: path.join(dir, 'export/members-2026-05-05.csv'),
      seats: path.join(dir, 'seats.txt'),
    });

    const after = cli('plan', '--detailed-exitcode');
    // No change left; Dennis stays blocked until IFW is unlocked, and a blocked item is a difference (exit 2).
    expect(after.code, after.stdout + after.stderr).toBe(2);
    expect(after.stdout).toContain('No change can be applied.');
    expect(after.stdout).toContain('license-locked (IFW)');
  });
});
