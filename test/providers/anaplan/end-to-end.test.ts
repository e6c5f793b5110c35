import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { failedCount } from '../../../src/apply/report.js';
import { importCompleted } from '../../emulators/anaplan/model.js';
import type { ScimTestServer } from '../../scim-server/server.js';
import { acmeTenant, anaplanProject, anaplanScim, brief, FPA, SALES, type TenantUser } from './project.js';

let server: ScimTestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const TENANT: TenantUser[] = [
  {
    email: 'ada@acme.com',
    firstName: 'Ada',
    lastName: 'Lovelace',
    model: { role: 'Planner', sso: true, access: ['Products Write'] },
  },
  { email: 'grace@acme.com', firstName: 'Grace', lastName: 'Hopper', model: { role: 'Viewer' } },
  { email: 'alan@acme.com', firstName: 'Alan', lastName: 'Turing', model: { role: 'Viewer' } },
  {
    email: 'linus@acme.com',
    firstName: 'Linus',
    lastName: 'Torvalds',
    workspaces: ['FP&A', 'Sales'],
    model: { role: 'Viewer' },
  },
  { email: 'margaret@acme.com', firstName: 'Margaret', lastName: 'Hamilton', model: { role: 'Full Access' } },
];

const MEMBERS = `members:
  - { email: ada@acme.com, firstName: Ada, lastName: Lovelace, roles: ["FP&A", Planner], sso: true, access: [Products Write] }
  - { email: grace@acme.com, firstName: Grace, lastName: Hopper, roles: ["FP&A", Planner] }
  - { email: alan@acme.com, firstName: Alan, lastName: Turing, roles: ["FP&A", Viewer], sso: true, access: [Products Read, Regions Read] }
  - { email: linus@acme.com, firstName: Linus, lastName: Torvalds, roles: ["FP&A", Sales], state: removed }
  - { email: katherine@acme.com, firstName: Katherine, lastName: Johnson, roles: ["FP&A", Sales, Planner], sso: true, access: [Products Write, Regions Read] }
  - { email: dorothy@acme.com, firstName: Dorothy, lastName: Vaughan, roles: [Sales] }
`;

const PLANNED = [
  'remove linus@acme.com [FP&A, Sales, Viewer]',
  'revoke grace@acme.com [Viewer]',
  'update alan@acme.com access=Products Read+Regions Read sso=true',
  'grant grace@acme.com [Planner]',
  'invite dorothy@acme.com [Sales]',
  'invite katherine@acme.com [FP&A, Planner, Sales] access=Products Write+Regions Read sso=true',
];

describe('Anaplan end to end: desired files → plan → apply (SCIM + import file) → model import → export → plan', () => {
  for (const fileFormat of ['csv', 'txt'] as const)
    it(`users and workspaces over SCIM, model roles, selective access and SSO in one ${fileFormat} file; imported by hand, then nothing to do`, async () => {
      server = await anaplanScim();
      const model = acmeTenant(server, TENANT);
      const p = anaplanProject(server, model, { files: { 'fpa.yaml': MEMBERS }, fileFormat });
      const plan = await p.plan();
      expect(brief(plan.changes)).toEqual(PLANNED);
      expect(plan.blocked).toEqual([]);

      const outcome = await p.apply();
      const report = outcome.report!.targets[0]!;
      expect(failedCount(outcome.report!)).toBe(0);
      expect(report.counts.remove.succeeded).toBe(1);
      expect(report.counts.invite).toMatchObject({ succeeded: 1, deferred: 1 }); // dorothy: SCIM only
      const [file, ...more] = p.runFiles(outcome.report!.runId);
      expect(more).toEqual([]);
      expect(path.basename(file!)).toBe(`01-model-users.${fileFormat}`);
      const d = fileFormat === 'txt' ? '\t' : ',';
      const q = (v: string) => (d === ',' ? `"${v}"` : v);
      expect(readFileSync(file!, 'utf8')).toBe(
        [
          ['Email', 'First Name', 'Last Name', 'Model Role', 'Selective Access', 'SSO'].join(d),
          // Revoked in phase 1, granted in phase 2: one row, never a moment of No Access.
          ['grace@acme.com', '', '', 'Planner', '', ''].join(d),
          ['alan@acme.com', '', '', '', q('Products Read, Regions Read'), 'true'].join(d),
          [
            'katherine@acme.com',
            'Katherine',
            'Johnson',
            'Planner',
            q('Products Write, Regions Read'),
            'true',
          ].join(d),
          '',
        ].join('\r\n'),
      );
      expect(report.deferred.map((x) => `${x.change.action} ${x.change.key}`)).toEqual([
        'revoke grace@acme.com',
        'update alan@acme.com',
        'grant grace@acme.com',
        'invite katherine@acme.com',
      ]);
      expect(report.deferred[3]!.reason).toMatch(
        /^SCIM part done; model role Planner, selective access Products Write, Regions Read, SSO true: written to .*01-model-users\.(csv|txt), for a workspace administrator to import into the model \(see UPLOAD-ORDER\.txt\)$/,
      );

      // SCIM did its part at once: the new users with their workspaces, Linus deactivated.
      const kat = server.store.userByName('katherine@acme.com')!;
      expect((kat.entitlements as { value: string }[]).map((e) => e.value).sort()).toEqual([FPA, SALES]);
      expect(server.store.userByName('dorothy@acme.com')!.entitlements).toEqual([
        expect.objectContaining({ value: SALES }),
      ]);
      expect(server.store.userByName('linus@acme.com')!.active).toBe(false);
      // The model parts wait for the import: the re-plan after apply still shows them.
      expect(report.converged).toBe(false);
      expect(brief(report.remaining)).toEqual([
        'revoke grace@acme.com [Viewer]',
        'update alan@acme.com access=Products Read+Regions Read sso=true',
        'update katherine@acme.com access=Products Write+Regions Read sso=true',
        'grant grace@acme.com [Planner]',
        'grant katherine@acme.com [Planner]',
      ]);

      const upload = readFileSync(path.join(path.dirname(file!), 'UPLOAD-ORDER.txt'), 'utf8');
      expect(upload).toContain(
        'Import into the model FP&A Plan (Users > Import, as a workspace administrator)',
      );
      expect(upload).toMatch(
        / {2}1\. 01-model-users\.(csv|txt) {2}\(3 rows: revoke 1, update 1, grant 1, invite 1\) {2}\[to upload\]/,
      );

      const [imported] = p.importByHand(outcome.report!.runId);
      expect(importCompleted(imported!)).toBe(
        'Import Completed\n3 items imported successfully, 0 not imported.\n',
      );
      expect(model.find('katherine@acme.com')).toMatchObject({
        role: 'Planner',
        sso: true,
        access: ['Products Write', 'Regions Read'],
      });
      const after = await p.plan();
      expect(after.changes).toEqual([]);
      expect(after.blocked).toEqual([]);
    });
});
