import { afterEach, describe, expect, it } from 'vitest';
import {
  acmeTenant,
  anaplanProject,
  anaplanScim,
  brief,
  type TenantUser,
} from '../providers/anaplan/project.js';
import type { ScimTestServer } from '../scim-server/server.js';

// The rules of platform-docs/anaplan-user-import.txt, and design §4.4.

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
    workspaces: ['FP&A'],
    model: { role: 'Planner', access: ['Products Write'], sso: true },
  },
  {
    email: 'bob@acme.com',
    firstName: 'Bob',
    lastName: 'Ray',
    workspaces: ['FP&A', 'Sales'],
    model: { role: 'Viewer', access: ['Products Read'], sso: false },
  },
];

async function tenant() {
  server = await anaplanScim();
  return { srv: server, model: acmeTenant(server, TENANT) };
}

describe('Anaplan: users named by User ID', () => {
  it('"If a user already has an account, the import file must include their email address or their user ID": a row naming an existing user by User ID matches that user', async () => {
    const { srv, model } = await tenant();
    const adaId = srv.store.userByName('ada@acme.com')!.id as string;
    const bobId = srv.store.userByName('bob@acme.com')!.id as string;
    const p = anaplanProject(srv, model, {
      files: {
        'users.csv': `User ID,Model Role,SSO\n${adaId},Planner,true\n${bobId},Planner,\n`,
      },
      policy: 'prune: true, maxRemovals: 10',
    });
    const plan = await p.plan();
    // No removal of Ada or Bob, and no invitation for their ids: Bob's model role changes, nothing else.
    expect(brief(plan.changes)).toEqual(['revoke bob@acme.com [Viewer]', 'grant bob@acme.com [Planner]']);
    expect(plan.blocked).toEqual([]);
  });

  it('"To add a new user, the import must include an email address, their first name, and their last name": an unknown User ID is blocked at plan, never attempted', async () => {
    const { srv, model } = await tenant();
    const p = anaplanProject(srv, model, {
      files: {
        'users.csv':
          'User ID,First Name,Last Name,Model Role\n8a81b09c5c6e2d6b015c8b2b1a3c0fff,New,User,Viewer\n',
      },
    });
    const plan = await p.plan();
    expect(plan.changes).toEqual([]);
    expect(plan.blocked.map((b) => `${b.action} ${b.key} ${b.reason}`)).toEqual([
      'invite 8a81b09c5c6e2d6b015c8b2b1a3c0fff unsupported',
    ]);
    expect(plan.blocked[0]!.message).toContain('by e-mail address');
  });
});

describe('Anaplan: an empty cell is not an instruction', () => {
  it('"If you do not include a model role in the import, the new users have the No Access role" — new users only: an empty Model Role cell never revokes an existing user\'s role', async () => {
    const { srv, model } = await tenant();
    const p = anaplanProject(srv, model, {
      files: {
        'users.csv':
          'Email,First Name,Last Name,Model Role,Selective Access,SSO\nada@acme.com,Ada,Lovelace,,,\nbob@acme.com,Bob,Ray,,,\n',
      },
    });
    const plan = await p.plan();
    expect(plan.changes).toEqual([]);
    expect(plan.blocked).toEqual([]);
  });

  it('with no Model Role column and no defaults, nothing about roles is managed: no revoke of model roles or workspaces', async () => {
    const { srv, model } = await tenant();
    const p = anaplanProject(srv, model, {
      files: { 'users.csv': 'Email,SSO\nada@acme.com,true\nbob@acme.com,false\n' },
    });
    expect((await p.plan()).changes).toEqual([]);
  });

  it('a Model Role column never takes workspace access away: it says the model role only', async () => {
    const { srv, model } = await tenant();
    const p = anaplanProject(srv, model, {
      files: { 'users.csv': 'Email,Model Role\nbob@acme.com,Planner\n' },
    });
    // Bob keeps FP&A and Sales; only Viewer → Planner.
    expect(brief((await p.plan()).changes)).toEqual([
      'revoke bob@acme.com [Viewer]',
      'grant bob@acme.com [Planner]',
    ]);
  });

  it('"No Access" in the cell is an instruction: it takes the model role away', async () => {
    const { srv, model } = await tenant();
    const p = anaplanProject(srv, model, {
      files: { 'users.csv': 'Email,Model Role\nada@acme.com,No Access\n' },
    });
    expect(brief((await p.plan()).changes)).toEqual(['revoke ada@acme.com [Planner]']);
  });
});

describe('Anaplan: model roles and workspace access are different things', () => {
  it('"If you do import model roles, these apply only to the current model": a second model role for a user is blocked at plan, never failed at apply', async () => {
    const { srv, model } = await tenant();
    const p = anaplanProject(srv, model, {
      files: {
        'fpa.yaml':
          'members:\n  - { email: ada@acme.com, firstName: Ada, lastName: Lovelace, roles: ["FP&A", Planner, Viewer] }\n',
      },
    });
    const plan = await p.plan();
    expect(plan.changes).toEqual([]);
    expect(plan.blocked.map((b) => `${b.action} ${b.key} ${b.reason}: ${b.message}`)).toEqual([
      'grant ada@acme.com unsupported: Anaplan gives a user one role per model; ada@acme.com would have 2 (Planner, Viewer): keep one',
    ]);
  });

  it('"To import selective access permissions … a comma-separated list": clearing selective access, which the import cannot, is blocked at plan', async () => {
    const { srv, model } = await tenant();
    const p = anaplanProject(srv, model, {
      files: {
        'fpa.yaml':
          'members:\n  - { email: ada@acme.com, firstName: Ada, lastName: Lovelace, roles: ["FP&A", Planner], access: [], sso: false }\n',
      },
    });
    const plan = await p.plan();
    // The SSO part of the update goes ahead; the clearing is blocked with where to do it.
    expect(plan.changes.map((c) => `${c.action} ${c.key} ${JSON.stringify(c.after)}`)).toEqual([
      'update ada@acme.com {"sso":false}',
    ]);
    expect(plan.blocked[0]!.message).toContain("clear it for ada@acme.com in the model's Users pane");
  });
});
