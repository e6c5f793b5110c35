import { afterEach, expect, it } from 'vitest';
import { GENERIC_SCIM, ScimProvider } from '../../src/providers/scim/index.js';
import type { ChangeResult } from '../../src/providers/types.js';
import { tmpDir } from '../helpers/tmp.js';
import { type ScimTestServer, startScimServer } from '../scim-server/server.js';
import { apply, GROUPS, people, plan, scimSettings, TOKEN, writeMembers, writeProject } from './project.js';

let server: ScimTestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start() {
  server = await startScimServer({ token: TOKEN, bulk: { supported: false } });
  for (const g of GROUPS) server.store.addGroup(g);
  return server;
}

it('offboard: delete walks remove → pseudonymize → DELETE where hardDelete allows it, else stops blocked', async () => {
  const srv = await start();
  const p = writeProject(tmpDir(), srv, people(3), { hardDelete: true }, '{ prune: true, offboard: delete }');
  await apply(p);
  writeMembers(p.dir, people(2));
  const planned = (await plan(p)).plan.targets[0]!;
  expect(planned.changes.map((c) => `${c.phase} ${c.action}`)).toEqual([
    '1 remove',
    '2 pseudonymize',
    '3 delete',
  ]);
  const out = await apply(p, [], { allowRemovals: 3 });
  expect(out.report!.targets[0]!.converged).toBe(true);
  expect(srv.store.userByName('user00002@acme.com')).toBeUndefined();
  expect(srv.store.membersOf('team-02')).toEqual([]);

  // Without hardDelete: the member is deactivated and stripped of personal data, and the DELETE is blocked.
  const q = writeProject(tmpDir(), srv, people(2), {}, '{ prune: true, offboard: delete }');
  writeMembers(q.dir, people(1));
  const held = (await plan(q)).plan.targets[0]!;
  expect(held.blocked.map((b) => `${b.action} ${b.reason}: ${b.message}`)).toEqual([
    'delete unsupported: this platform cannot delete members; offboarding stops earlier',
  ]);
  await apply(q, [], { allowRemovals: 2 });
  expect(srv.store.userByName('user00001@acme.com')).toMatchObject({ active: false });
  expect(srv.store.userByName('user00001@acme.com')!.name).toBeUndefined();
  const after = (await plan(q)).plan.targets[0]!;
  expect(after.changes).toEqual([]);
});

it('an update PATCHes only the changed attributes; a rejoining member is reactivated, not created', async () => {
  const srv = await start();
  const p = writeProject(tmpDir(), srv, people(2));
  await apply(p);
  const bodies: string[] = [];
  const scim = new ScimProvider(
    scimSettings({ url: srv.url, concurrency: 2, pageSize: 50 }),
    GENERIC_SCIM,
    async (url, init) => {
      if (init?.method === 'PATCH') bodies.push(`${String(url).replace(srv.url, '')} ${init.body}`);
      return fetch(url, init);
    },
  );
  await scim.read();
  const results: ChangeResult[] = [];
  for await (const r of scim.apply(
    [
      {
        phase: 1,
        action: 'update',
        key: 'user00001@acme.com',
        before: { lastName: 'Last1' },
        after: { lastName: 'Lovelace' },
      },
    ],
    { runId: 't', log: () => {} },
  ))
    results.push(r);
  expect(results[0]!.status).toBe('succeeded');
  const id = srv.store.userByName('user00001@acme.com')!.id;
  expect(bodies).toEqual([
    `/Users/${id} {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","path":"name.familyName","value":"Lovelace"}]}`,
  ]);
  expect(srv.store.users.get(id)!.name).toEqual({ givenName: 'First1', familyName: 'Lovelace' });

  // Leave, then come back in another team: the same account, active again, memberships set.
  writeMembers(p.dir, people(1));
  await apply(p, [], { allowRemovals: 1 });
  expect(srv.store.users.get(id)!.active).toBe(false);
  writeMembers(p.dir, [{ ...people(2)[1]!, roles: ['team-07'] }, people(1)[0]!]);
  const back = await apply(p);
  expect(back.plan.targets[0]!.changes.map((c) => c.action)).toEqual(['invite']);
  expect(back.report!.targets[0]!.converged).toBe(true);
  expect(srv.store.users.size).toBe(2);
  expect(srv.store.users.get(id)!.active).toBe(true);
  expect(srv.store.membersOf('team-01')).toEqual([]);
  expect(srv.store.membersOf('team-07')).toEqual(['user00001@acme.com']);
});
