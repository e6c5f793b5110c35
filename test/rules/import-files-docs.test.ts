import { existsSync, utimesSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { failedCount } from '../../src/apply/report.js';
import { parseBatchReport } from '../../src/providers/batch-report.js';
import { tmpDir } from '../helpers/tmp.js';
import { ACME_ROWS, acmePlatform } from '../providers/3dexperience/acme.js';
import { threeDxProject } from '../providers/3dexperience/project.js';
import { acmeVision, deepomaticProject, TEAM_CSV } from '../providers/deepomatic/project.js';

// Design §9: "A change written to an import file that the platform has not confirmed yet is `deferred`,
// never `succeeded`".

/** An upload command that prints the platform's batch report: every row OK but the users named KO. */
const REPORTER = `
import { readFileSync } from 'node:fs';
const [ko, file] = process.argv.slice(2);
const rows = readFileSync(file, 'utf8').split(/\\r?\\n/).slice(1).filter(Boolean);
for (const row of rows) {
  const user = row.split(/[;,]/)[0].trim();
  console.log(ko.split(',').includes(user) ? user + ';KO;Missing information: ' + user : user + ';OK');
}
`;

describe('3DEXPERIENCE: written is not done', () => {
  it('"Click Invite … The report displays the status of the asynchronous transaction": a written file is deferred, never succeeded', async () => {
    const p = threeDxProject(acmePlatform(), { rows: ACME_ROWS });
    const outcome = await p.apply();
    const t = outcome.report!.targets[0]!;
    const counts = Object.values(t.counts);
    expect(counts.reduce((n, c) => n + c.succeeded, 0)).toBe(0);
    expect(counts.reduce((n, c) => n + c.deferred, 0)).toBeGreaterThan(0);
    expect(failedCount(outcome.report!)).toBe(0);
    expect(t.deferred[0]!.reason).toMatch(/written to .*01-remove\.csv, awaiting its import/);
    expect(t.converged).toBe(false);
  });

  it('"If the transaction is finished without any error, the status is OK otherwise a KO status is displayed": with an upload command the batch report decides per row', async () => {
    const script = path.join(tmpDir({ 'report.mjs': REPORTER }), 'report.mjs');
    const argv = [process.execPath, script, 'margaret@acme.com'].map((a) => JSON.stringify(a)).join(', ');
    const p = threeDxProject(acmePlatform(), { rows: ACME_ROWS, connection: `upload: [${argv}]` });
    const outcome = await p.apply();
    const t = outcome.report!.targets[0]!;
    expect(t.counts.remove).toMatchObject({ succeeded: 1, deferred: 0 });
    expect(t.counts.invite).toMatchObject({ succeeded: 1, failed: 1 });
    expect(t.failures.map((f) => `${f.change.action} ${f.change.key}: ${f.error}`)).toEqual([
      expect.stringMatching(
        /^invite margaret@acme\.com: the batch report of .*-invite\.csv shows KO: Missing information: margaret@acme\.com$/,
      ),
    ]);
  });

  it('"If the status is Not Started, click Refresh": an uploaded row the report does not name stays deferred', async () => {
    const script = path.join(tmpDir({ 'quiet.mjs': '' }), 'quiet.mjs');
    const argv = [process.execPath, script].map((a) => JSON.stringify(a)).join(', ');
    const p = threeDxProject(acmePlatform(), { rows: ACME_ROWS, connection: `upload: [${argv}]` });
    const t = (await p.apply()).report!.targets[0]!;
    expect(t.counts.remove).toMatchObject({ succeeded: 0, deferred: 1 });
    expect(t.deferred[0]!.reason).toMatch(/uploaded in .*; the batch report has not shown its row OK yet/);
  });

  it('reads report lines case-insensitively and ignores other output', () => {
    const r = parseBatchReport('Import launched\nAda@Acme.com;ok\nken@acme.com;KO;Locked license\n');
    expect([...r]).toEqual([
      ['ada@acme.com', { ok: true }],
      ['ken@acme.com', { ok: false, reason: 'Locked license' }],
    ]);
  });
});

describe('Deepomatic: written is not done', () => {
  it('"At the end of the invitation process, you will get notified of the number of valid users successfully invited": an invitation written to a file is deferred', async () => {
    const p = deepomaticProject(acmeVision(), { files: { 'team.csv': TEAM_CSV } });
    const outcome = await p.apply();
    const t = outcome.report!.targets[0]!;
    expect(t.counts.invite.succeeded).toBe(0);
    expect(t.counts.invite.deferred).toBeGreaterThan(0);
    expect(t.deferred[0]!.reason).toMatch(/written to .*01-invite-.*\.csv, awaiting its import/);
  });
});

describe('Deepomatic: what an invitation needs, blocked at plan', () => {
  it('"setting permissions for your users is necessary to complete the group user import action": an invite without a role is blocked at plan', async () => {
    const p = deepomaticProject(acmeVision(), {
      files: {
        'team.yaml':
          'defaults: { roles: [] }\nmembers:\n  - { email: eve@acme.com, firstName: Eve, lastName: Adams, roles: [] }\n',
      },
    });
    const plan = await p.plan();
    expect(plan.changes).toEqual([]);
    expect(plan.blocked.map((b) => `${b.action} ${b.key} ${b.reason}`)).toEqual([
      'invite eve@acme.com unsupported',
    ]);
    expect(plan.blocked[0]!.message).toContain('setting permissions … is necessary');
  });
});

describe('a second apply before the export confirms the first', () => {
  // The export was taken a minute before the files were written: set so, not waited for.
  const ageExport = (file: string) => {
    const past = new Date(Date.now() - 60_000);
    utimesSync(file, past, past);
  };

  it('3DEXPERIENCE: does not write the same invitations again, and says which file still waits', async () => {
    const p = threeDxProject(acmePlatform(), { rows: ACME_ROWS });
    ageExport(path.join(p.dir, 'export/members.csv'));
    const first = await p.apply();
    const firstFiles = p.runFiles(first.report!.runId).map((f) => path.basename(f));
    expect(firstFiles).toContain('02-invite.csv');
    const second = await p.apply();
    const t = second.report!.targets[0]!;
    expect(existsSync(path.join(p.outDir, second.report!.runId))).toBe(false);
    expect(t.counts.invite).toMatchObject({ succeeded: 0, deferred: 2 });
    const invites = t.deferred.filter((d) => d.change.action === 'invite');
    expect(invites[0]!.reason).toMatch(
      /^not written again: .*02-invite\.csv, written by an earlier apply, still waits/,
    );
  });

  it('Deepomatic: does not write the same invitations again', async () => {
    const p = deepomaticProject(acmeVision(), { files: { 'team.csv': TEAM_CSV } });
    ageExport(path.join(p.dir, 'export/users.csv'));
    await p.apply();
    const second = await p.apply();
    const t = second.report!.targets[0]!;
    expect(t.counts.invite.deferred).toBeGreaterThan(0);
    expect(t.deferred.every((d) => d.reason.startsWith('not written again: '))).toBe(true);
    expect(existsSync(path.join(p.outDir, second.report!.runId))).toBe(false);
  });
});

describe('a second apply after a failed upload', () => {
  it('writes again the rows of a file whose upload failed (it never reached the platform)', async () => {
    const script = path.join(
      tmpDir({ 'fail.mjs': 'console.error("HTTP 502"); process.exit(1);' }),
      'fail.mjs',
    );
    const argv = [process.execPath, script].map((a) => JSON.stringify(a)).join(', ');
    const p = threeDxProject(acmePlatform(), { rows: ACME_ROWS, connection: `upload: [${argv}]` });
    const past = new Date(Date.now() - 60_000);
    utimesSync(path.join(p.dir, 'export/members.csv'), past, past);
    const first = (await p.apply()).report!.targets[0]!;
    expect(first.counts.invite.failed).toBe(2);
    const second = (await p.apply()).report!.targets[0]!;
    expect(second.deferred.filter((d) => d.reason.startsWith('not written again'))).toEqual([]);
    expect(second.counts.invite.failed).toBe(2); // tried again, and failed again
  });
});
