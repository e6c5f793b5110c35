import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { failedCount } from '../../../src/apply/report.js';
import { importCompleted } from '../../emulators/anaplan/model.js';
import { tmpDir } from '../../helpers/tmp.js';
import type { ScimTestServer } from '../../scim-server/server.js';
import { acmeTenant, anaplanProject, anaplanScim, brief, type TenantUser, TOKEN } from './project.js';

let server: ScimTestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const TENANT: TenantUser[] = [
  { email: 'ada@acme.com', firstName: 'Ada', lastName: 'Lovelace', model: { role: 'Planner' } },
  { email: 'eve@acme.com', firstName: 'Eve', lastName: 'Moneypenny', model: { role: 'Viewer' } },
];

/** Eve is to review: Reviewer is in rollcall's catalog, but nobody added it to the model's Roles tab. */
const MEMBERS = `members:
  - { email: ada@acme.com, firstName: Ada, lastName: Lovelace, roles: ["FP&A", Planner] }
  - { email: eve@acme.com, firstName: Eve, lastName: Moneypenny, roles: ["FP&A", Reviewer] }
  - { email: katherine@acme.com, firstName: Katherine, lastName: Johnson, roles: ["FP&A", Planner], sso: true }
`;

describe('Anaplan import files through an upload command that runs the import and exports the users', () => {
  it('confirms each row against the export: the row the import refused fails, and is planned again', async () => {
    server = await anaplanScim();
    const model = acmeTenant(server, TENANT);
    const p = anaplanProject(server, model, { files: { 'fpa.yaml': MEMBERS }, uploads: true });
    expect(brief((await p.plan()).changes)).toEqual([
      'revoke eve@acme.com [Viewer]',
      'grant eve@acme.com [Reviewer]',
      'invite katherine@acme.com [FP&A, Planner] sso=true',
    ]);

    const outcome = await p.apply();
    const report = outcome.report!.targets[0]!;
    expect(p.runFiles(outcome.report!.runId).map((f) => path.basename(f))).toEqual([
      '01-model-users.csv',
      '02-model-users.csv',
    ]);
    expect(model.imports.map(importCompleted)).toEqual([
      'Import Completed\n1 item imported successfully, 0 not imported.\n',
      [
        'Import Completed',
        '1 item imported successfully, 1 not imported.',
        'Details',
        '  line 2 (eve@acme.com): model role "Reviewer" does not exist on the Roles tab',
        '',
      ].join('\n'),
    ]);
    expect(report.counts.revoke).toMatchObject({ succeeded: 1, failed: 0 });
    expect(report.counts.invite).toMatchObject({ succeeded: 1, failed: 0, deferred: 0 });
    expect(report.failures.map((f) => `${f.change.action} ${f.change.key}: ${f.error}`)).toEqual([
      expect.stringMatching(
        /^grant eve@acme\.com: the import did not take the row of .*02-model-users\.csv \(model role Reviewer\): the export shows model role No Access; its Import Completed report says why$/,
      ),
    ]);
    expect(failedCount(outcome.report!)).toBe(1);
    const order = readFileSync(path.join(p.outDir, outcome.report!.runId, 'UPLOAD-ORDER.txt'), 'utf8');
    expect(order).toContain('These files were handed to the upload command in this order');
    expect(order.match(/\[uploaded\]/g)).toHaveLength(2);

    const next = await p.plan();
    expect(brief(next.changes)).toEqual(['grant eve@acme.com [Reviewer]']);
    expect(report.remaining).toEqual(next.changes);
  });

  it('sends the file again when the upload fails for now, and the SCIM part only once', async () => {
    server = await anaplanScim();
    const model = acmeTenant(server, TENANT);
    let busy = 1;
    const p = anaplanProject(server, model, {
      files: { 'fpa.yaml': MEMBERS.replace('Reviewer', 'Viewer') },
      uploads: () =>
        busy-- > 0 ? { ok: false, transient: true, message: 'Anaplan is busy (429)' } : undefined,
    });
    const outcome = await p.apply();
    const report = outcome.report!.targets[0]!;
    expect(report.failures).toEqual([]);
    expect(report.retries).toBe(1);
    expect(report.converged).toBe(true);
    expect(server.control.stats.byRoute['POST /Users']).toBe(1);
    const files = p.runFiles(outcome.report!.runId);
    expect(files.map((f) => path.basename(f))).toEqual(['01-model-users.csv', '02-model-users.csv']);
    expect(readFileSync(files[0]!, 'utf8')).toBe(readFileSync(files[1]!, 'utf8'));
    expect(readFileSync(path.join(p.outDir, outcome.report!.runId, 'UPLOAD-ORDER.txt'), 'utf8')).toMatch(
      /01-model-users\.csv .*\[upload failed\]\n.*02-model-users\.csv .*\[uploaded\]/,
    );
    expect(p.logs.some((l) => l.includes('upload of') && l.includes('Anaplan is busy (429)'))).toBe(true);
  });

  it('defers what an upload cannot confirm: the users export was not refreshed', async () => {
    server = await anaplanScim();
    const model = acmeTenant(server, TENANT);
    const p = anaplanProject(server, model, {
      files: { 'fpa.yaml': MEMBERS.replace('Reviewer', 'Viewer') },
      uploads: true,
      exportAfterUpload: false,
    });
    const outcome = await p.apply();
    const report = outcome.report!.targets[0]!;
    expect(failedCount(outcome.report!)).toBe(0);
    expect(report.deferred.map((d) => `${d.change.action} ${d.change.key}`)).toEqual([
      'invite katherine@acme.com',
    ]);
    expect(report.deferred[0]!.reason).toMatch(
      /^SCIM part done; model role Planner, SSO true: uploaded in .*01-model-users\.csv; export the model's users again \(.*export\) and run plan to confirm it$/,
    );
    expect(model.find('katherine@acme.com')).toMatchObject({ role: 'Planner', sso: true });
    p.refresh();
    expect((await p.plan()).changes).toEqual([]);
  });

  it('runs the configured command per file; its failure is reported without the token it was given', async () => {
    server = await anaplanScim();
    const model = acmeTenant(server, TENANT);
    // Keeps the file in an inbox; fails once it has one, quoting the token it was given.
    const script = path.join(
      tmpDir({
        'upload.mjs': `import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
const [token, file] = process.argv.slice(2);
mkdirSync('inbox', { recursive: true });
if (existsSync(path.join('inbox', 'done'))) { console.error('401 for token ' + token); process.exit(1); }
copyFileSync(file, path.join('inbox', path.basename(file)));
copyFileSync(file, path.join('inbox', 'done'));
`,
      }),
      'upload.mjs',
    );
    const argv = [process.execPath, script, '${env:ANAPLAN_TOKEN}'].map((a) => JSON.stringify(a)).join(', ');
    const p = anaplanProject(server, model, {
      files: { 'fpa.yaml': MEMBERS },
      connection: `upload: [${argv}]`,
    });
    const outcome = await p.apply();
    const t = outcome.report!.targets[0]!;
    expect(readdirSync(path.join(p.dir, 'inbox')).sort()).toEqual(['01-model-users.csv', 'done']);
    expect(t.counts.revoke).toMatchObject({ deferred: 1 }); // uploaded; no export came back to confirm it
    expect(t.failures.map((f) => `${f.change.action} ${f.change.key}: ${f.error}`)).toEqual([
      'grant eve@acme.com: upload command "node" exited with 1: 401 for token ***',
      'invite katherine@acme.com: SCIM part done; upload command "node" exited with 1: 401 for token ***',
    ]);
    expect(readFileSync(path.join(p.dir, 'journal.jsonl'), 'utf8')).not.toContain(TOKEN);
    expect(p.logs.join('\n')).not.toContain(TOKEN);
    expect(
      readFileSync(path.join(p.outDir, outcome.report!.runId, 'UPLOAD-ORDER.txt'), 'utf8'),
    ).not.toContain(TOKEN);
  });
});
