import { afterEach, expect, it } from 'vitest';
import { NO_MODEL_ROLE_WRITER } from '../../src/providers/anaplan/model-roles.js';
import { tmpDir } from '../helpers/tmp.js';
import { type ScimTestServer, startScimServer } from '../scim-server/server.js';
import { apply, type Person, plan, TOKEN, writeMembers, writeProject } from './project.js';

let server: ScimTestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const WORKSPACES = { Finance: '8a81b09d5e8c6f27015e', Sales: '8a81b09d5e8c6f27015f' };

function staff(n: number): Person[] {
  return Array.from({ length: n }, (_, i) => ({
    email: `p${String(i).padStart(4, '0')}@acme.com`,
    firstName: `F${i}`,
    lastName: `L${i}`,
    roles: [i % 2 ? 'Finance' : 'Sales'],
  }));
}

/** Anaplan's SCIM API as far as rollcall uses it: its base path, 100 users a page, no Bulk. */
async function anaplan() {
  server = await startScimServer({
    token: TOKEN,
    basePath: '/scim/1/0/v2',
    maxResults: 100,
    bulk: { supported: false },
  });
  return server;
}

function project(srv: ScimTestServer, members: Person[], policy = '{ prune: true }') {
  return writeProject(tmpDir(), srv, members, { url: srv.origin, workspaces: WORKSPACES }, policy, 'anaplan');
}

it('keeps users and workspace entitlements in step, 100 users a page', async () => {
  const srv = await anaplan();
  const p = project(srv, staff(250));
  const out = await apply(p);
  expect(out.report!.targets[0]!).toMatchObject({ converged: true, failures: [] });
  const u = srv.store.userByName('p0001@acme.com')!;
  expect(u.entitlements).toEqual([expect.objectContaining({ type: 'WORKSPACE', value: WORKSPACES.Finance })]);
  srv.control.resetStats();
  const again = await plan(p);
  expect(again.plan.targets[0]!.changes).toEqual([]);
  expect(srv.control.stats.byRoute['GET /Users']).toBe(3); // 250 users, 100 a page

  // Move 10 people between workspaces; nothing else changes.
  const moved = staff(250).map((m, i) => (i < 10 ? { ...m, roles: ['Finance', 'Sales'] } : m));
  writeMembers(p.dir, moved);
  const out2 = await apply(p);
  expect(out2.plan.targets[0]!.summary).toMatchObject({ grant: 10, revoke: 0, invite: 0 });
  expect(out2.report!.targets[0]!.converged).toBe(true);
  expect(srv.store.userByName('p0000@acme.com')!.entitlements).toHaveLength(2);
});

it('offboarding stops at deactivation: deletions are blocked `unsupported`, and the sentence says why', async () => {
  const srv = await anaplan();
  const p = project(srv, staff(6), '{ prune: true, offboard: delete }');
  await apply(p);
  writeMembers(p.dir, staff(4));
  const planned = (await plan(p)).plan.targets[0]!;
  expect(planned.changes.map((c) => `${c.action} ${c.key}`)).toEqual([
    'remove p0004@acme.com',
    'remove p0005@acme.com',
  ]);
  const deletes = planned.blocked.filter((b) => b.action === 'delete');
  expect(deletes).toHaveLength(2);
  for (const b of deletes) {
    expect(b.reason).toBe('unsupported');
    expect(b.message).toBe('this platform cannot delete members; offboarding stops earlier');
  }
  srv.control.resetStats();
  const out = await apply(p, [], { allowRemovals: 2 });
  expect(out.report!.targets[0]!.counts.remove.succeeded).toBe(2);
  expect(srv.store.userByName('p0005@acme.com')).toMatchObject({ active: false });
  expect(srv.control.stats.byRoute['DELETE /Users']).toBeUndefined();
});

it('model roles are not SCIM: the workspace part is done, the rest fails saying where it belongs', async () => {
  const srv = await anaplan();
  const p = project(srv, [
    { email: 'ada@acme.com', firstName: 'Ada', lastName: 'L', roles: ['Finance', 'Planner'] },
  ]);
  const out = await apply(p);
  const failure = out.report!.targets[0]!.failures[0]!;
  expect(failure.error).toContain('"Planner"');
  expect(failure.error).toContain(NO_MODEL_ROLE_WRITER);
  expect(srv.store.userByName('ada@acme.com')!.entitlements).toEqual([
    expect.objectContaining({ value: WORKSPACES.Finance }),
  ]);
});
