import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { acmeVision, deepomaticProject, HEADER } from './project.js';

describe('Deepomatic: what an import cannot do', () => {
  it('blocks at plan time what an import cannot do, saying where to do it by hand', async () => {
    const platform = acmeVision();
    platform.seed({
      email: 'ken@acme.com',
      firstName: 'Ken',
      lastName: 'Thompson',
      roles: ['Viewer'],
      sites: ['Lyon'],
    });
    const p = deepomaticProject(platform, {
      files: {
        'team.csv': `${HEADER}\nada@acme.com,Augusta Ada,Lovelace,\ngrace@acme.com,Grace,Hopper,\n`,
        'leads.yaml':
          'members:\n  - { email: alan@acme.com, firstName: Alan, lastName: Turing, roles: [Supervisor] }\n  - { email: barbara@acme.com, roles: [Viewer] }\n',
      },
      policy: 'prune: true',
    });
    const plan = await p.plan();
    expect(plan.blocked.map((b) => `${b.action} ${b.key} ${b.reason}: ${b.message}`)).toEqual([
      'remove ken@acme.com unsupported: an import cannot remove users: remove the user on the Users page',
      'update ada@acme.com unsupported: an import cannot change an existing user: edit the user on the Users page',
      'invite barbara@acme.com unsupported: this platform needs firstName and lastName to invite a new member; set them for barbara@acme.com',
    ]);
    expect(plan.changes.map((c) => `${c.action} ${c.key}`)).toEqual(['invite alan@acme.com']);
    const outcome = await p.apply();
    expect(outcome.report!.targets[0]!.failures).toEqual([]);
    expect(p.runFiles(outcome.report!.runId).map((f) => f.split('/').pop())).toEqual([
      '01-invite-supervisor-at-lyon+paris.csv',
    ]);
  });

  it('blocks a role change of an existing user instead of writing a file', async () => {
    const platform = acmeVision();
    const p = deepomaticProject(platform, {
      files: {
        'team.yaml':
          'members:\n  - { email: ada@acme.com, firstName: Ada, lastName: Lovelace, roles: [Supervisor] }\n  - { email: grace@acme.com, firstName: Grace, lastName: Hopper }\n  - { email: alan@acme.com, firstName: Alan, lastName: Turing, state: removed }\n',
      },
    });
    const plan = await p.plan();
    expect(plan.blocked.map((b) => `${b.action} ${b.key}: ${b.message}`)).toEqual([
      "revoke ada@acme.com: an import cannot change an existing user's role: change it on the Users page",
      "grant ada@acme.com: an import cannot change an existing user's role: change it on the Users page",
    ]);
    const outcome = await p.apply();
    expect(outcome.report?.targets[0]?.failures ?? []).toEqual([]);
    expect(outcome.report === undefined || !existsSync(`${p.outDir}/${outcome.report.runId}`)).toBe(true);
  });
});
