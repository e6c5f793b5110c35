import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ScimTestServer } from '../../scim-server/server.js';
import { acmeTenant, anaplanProject, anaplanScim, brief, type TenantUser } from './project.js';

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
    model: { role: 'Planner', access: ['Products Write'] },
  },
];

describe('what never reaches an Anaplan import file', () => {
  it('a new user without first and last name is blocked at plan time, and nothing is written for it', async () => {
    server = await anaplanScim();
    const model = acmeTenant(server, TENANT);
    const p = anaplanProject(server, model, {
      files: {
        'fpa.yaml': `members:
  - { email: ada@acme.com, firstName: Ada, lastName: Lovelace, roles: ["FP&A", Planner] }
  - { email: nameless@acme.com, roles: ["FP&A", Viewer], sso: true }
  - { email: halfname@acme.com, firstName: Half, roles: ["FP&A", Viewer] }
`,
      },
    });
    const plan = await p.plan();
    expect(plan.changes).toEqual([]);
    expect(plan.blocked.map((b) => `${b.action} ${b.key} ${b.reason}: ${b.message}`)).toEqual([
      'invite halfname@acme.com unsupported: this platform needs lastName to invite a new member; set it for halfname@acme.com',
      'invite nameless@acme.com unsupported: this platform needs firstName and lastName to invite a new member; set them for nameless@acme.com',
    ]);
    const outcome = await p.apply();
    expect(outcome.report).toBeUndefined();
    expect(existsSync(p.outDir)).toBe(false);
    expect(server.store.userByName('nameless@acme.com')).toBeUndefined();
    expect(model.imports).toEqual([]);
  });

  // Issue 15: blocked at plan with the reason, not failed at apply (bob was created over SCIM, then failed).
  it('blocks at plan, with where to do it, what the file cannot say: two model roles, cleared selective access', async () => {
    server = await anaplanScim();
    const model = acmeTenant(server, TENANT);
    const p = anaplanProject(server, model, {
      files: {
        'fpa.yaml': `members:
  - { email: ada@acme.com, firstName: Ada, lastName: Lovelace, roles: ["FP&A", Planner], access: [] }
  - { email: bob@acme.com, firstName: Bob, lastName: Ray, roles: ["FP&A", Planner, Viewer] }
  - { email: cy@acme.com, firstName: Cy, lastName: Young, roles: ["FP&A", Viewer] }
`,
      },
    });
    const plan = await p.plan();
    expect(brief(plan.changes)).toEqual(['invite cy@acme.com [FP&A, Viewer]']);
    expect(plan.blocked.map((b) => `${b.action} ${b.key}: ${b.message}`)).toEqual([
      "update ada@acme.com: the import file cannot clear selective access (an empty cell leaves it as it is): clear it for ada@acme.com in the model's Users pane",
      'invite bob@acme.com: Anaplan gives a user one role per model; bob@acme.com would have 2 (Planner, Viewer): keep one',
    ]);
    const outcome = await p.apply();
    expect(outcome.report!.targets[0]!.failures).toEqual([]);
    expect(server.store.userByName('bob@acme.com')).toBeUndefined();
    const [file] = p.runFiles(outcome.report!.runId);
    expect(readFileSync(file!, 'utf8')).toBe(
      'Email,First Name,Last Name,Model Role,Selective Access,SSO\r\ncy@acme.com,Cy,Young,Viewer,,\r\n',
    );
    expect(path.basename(file!)).toBe('01-model-users.csv');
  });
});
