import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { acmeVision, deepomaticProject, SUPERVISORS_YAML, TEAM_CSV } from './project.js';

const brief = (
  changes: { action: string; key: string; roles?: string[]; after?: Record<string, unknown> }[],
) =>
  changes.map(
    (c) =>
      `${c.action} ${c.key} [${c.roles?.join(',')}] @${(c.after?.access as string[] | undefined)?.join(',')}`,
  );

describe('Deepomatic end to end: desired files → plan → apply → platform import → export → plan', () => {
  it('writes one invite file per permission set, re-invites the expired, and then plans nothing', async () => {
    const platform = acmeVision();
    const p = deepomaticProject(platform, {
      files: { 'team.csv': TEAM_CSV, 'supervisors.yaml': SUPERVISORS_YAML },
      uploads: true,
    });
    const plan = await p.plan();
    expect(brief(plan.changes)).toEqual([
      'invite alan@acme.com [Annotator] @Lyon,Paris',
      'invite edsger@acme.com [Supervisor] @Lyon',
      'invite katherine@acme.com [Annotator] @Lyon,Paris',
      'invite margaret@acme.com [Supervisor] @Lyon',
    ]);

    const outcome = await p.apply();
    const report = outcome.report!.targets[0]!;
    expect(report.failures).toEqual([]);
    expect(report.converged).toBe(true);
    const files = p.runFiles(outcome.report!.runId);
    expect(files.map((f) => path.basename(f))).toEqual([
      '01-invite-annotator-at-lyon+paris.csv',
      '02-invite-supervisor-at-lyon.csv',
    ]);
    expect(readFileSync(files[0]!, 'utf8')).toBe(
      'Email,First name,Last name,Description\r\nalan@acme.com,Alan,Turing,\r\nkatherine@acme.com,Katherine,Johnson,"Trajectories, orbits"\r\n',
    );
    expect(
      platform.imports.map(
        (i) => `${i.name}: ${i.invited} invited as ${i.permission.roles} @${i.permission.sites}`,
      ),
    ).toEqual([
      '01-invite-annotator-at-lyon+paris.csv: 2 invited as Annotator @Lyon,Paris',
      '02-invite-supervisor-at-lyon.csv: 2 invited as Supervisor @Lyon',
    ]);
    expect(platform.find('alan@acme.com')?.status).toBe('Invite Pending');
    expect((await p.plan()).changes).toEqual([]);
  });

  it('lists each file with the role and sites to choose when it is imported by hand', async () => {
    const platform = acmeVision();
    const p = deepomaticProject(platform, {
      files: { 'team.csv': TEAM_CSV, 'supervisors.yaml': SUPERVISORS_YAML },
    });
    const outcome = await p.apply();
    const runDir = path.join(p.outDir, outcome.report!.runId);
    const order = readFileSync(path.join(runDir, 'UPLOAD-ORDER.txt'), 'utf8');
    // The administrator's reading of UPLOAD-ORDER.txt: each file, then the role and sites to choose.
    const steps = [...order.matchAll(/^\s+\d+\. (\S+) .*\n\s+Role: (.*); site accesses: (.*)$/gm)];
    expect(steps.map((s) => `${s[1]} | ${s[2]} | ${s[3]}`)).toEqual([
      '01-invite-annotator-at-lyon+paris.csv | Annotator | Lyon, Paris',
      '02-invite-supervisor-at-lyon.csv | Supervisor | Lyon',
    ]);
    for (const [, file, roles, sites] of steps)
      await platform.importFile(file!, readFileSync(path.join(runDir, file!)), {
        roles: roles!.split(', '),
        sites: sites === 'none' ? [] : sites!.split(', '),
      });
    p.refresh();
    expect((await p.plan()).changes).toEqual([]);
  });

  it('plans exactly the users the platform did not invite again', async () => {
    const platform = acmeVision();
    const p = deepomaticProject(platform, {
      files: { 'team.csv': `${TEAM_CSV}\nzoë@acme.com,Zoë,Kravitz,\n` },
      uploads: true,
    });
    await p.apply();
    expect(platform.imports[0]).toMatchObject({
      invited: 2,
      skipped: [{ row: 4, email: 'zoë@acme.com', reason: 'not a valid e-mail address' }],
    });
    const next = await p.plan();
    expect(brief(next.changes)).toEqual(['invite zoë@acme.com [Annotator] @Lyon,Paris']);
  });
});
