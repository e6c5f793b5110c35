import { cpSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeUsersExport } from '../../emulators/deepomatic/export.js';
import { organizationFromExport } from '../../emulators/deepomatic/from-files.js';
import { ROOT, runCli, STACK_LINE } from '../../helpers/cli.js';
import { tmpDir } from '../../helpers/tmp.js';

/** examples/deepomatic through the built CLI: plan, apply, the imports as UPLOAD-ORDER.txt says, export, plan. */
describe('examples/deepomatic', () => {
  it('writes one invite file per permission set, and after their import plans nothing', async () => {
    const dir = tmpDir();
    cpSync(path.join(ROOT, 'examples/deepomatic'), dir, { recursive: true });
    const cli = (...args: string[]) => runCli([...args, '-c', 'rollcall.yaml'], { cwd: dir });

    const plan = cli('plan', '--detailed-exitcode');
    expect(plan.code, plan.stderr).toBe(2);
    expect(plan.stdout).toContain('Plan: 5 to invite, 0 to change, 0 to offboard, 0 blocked.');

    const apply = cli('apply', '--auto-approve');
    expect(apply.stderr).not.toMatch(STACK_LINE);
    expect(apply.code, apply.stderr).toBe(0);
    const runDir = /wrote (out\/[^/]+)\/01-invite/.exec(apply.stderr)?.[1];
    expect(runDir, apply.stderr).toBeDefined();
    const order = readFileSync(path.join(dir, runDir!, 'UPLOAD-ORDER.txt'), 'utf8');
    const steps = [...order.matchAll(/^\s+\d+\. (\S+) .*\n\s+Role: (.*); site accesses: (.*)$/gm)];
    expect(steps.map((s) => `${s[1]} | ${s[2]} | ${s[3]}`)).toEqual([
      '01-invite-annotator-at-lyon-plant+paris-lab.csv | Annotator | Lyon plant, Paris lab',
      '02-invite-supervisor-at-lyon-plant.csv | Supervisor | Lyon plant',
      '03-invite-viewer-at-lyon-plant+paris-lab.csv | Viewer | Lyon plant, Paris lab',
    ]);

    const org = organizationFromExport(path.join(dir, 'export/users-2026-05-04.csv'), {
      roles: ['Viewer', 'Annotator', 'Supervisor'],
      sites: ['Lyon plant', 'Paris lab'],
    });
    for (const [, file, roles, sites] of steps) {
      const r = await org.importFile(file!, readFileSync(path.join(dir, runDir!, file!)), {
        roles: roles!.split(', '),
        sites: sites!.split(', '),
      });
      expect(r.skipped).toEqual([]);
    }
    expect(org.find('alan.turing@acme.com')?.status).toBe('Invite Pending');
    writeUsersExport(org, path.join(dir, 'export/users-2026-05-05.csv'));

    const after = cli('plan', '--detailed-exitcode');
    expect(after.code, after.stdout + after.stderr).toBe(0);
  });
});
