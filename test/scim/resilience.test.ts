import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { renderReport } from '../../src/apply/report.js';
import type { Change } from '../../src/model/plan.js';
import { GENERIC_SCIM, ScimProvider } from '../../src/providers/scim/index.js';
import type { ChangeResult } from '../../src/providers/types.js';
import { tmpDir } from '../helpers/tmp.js';
import { type ScimTestServer, startScimServer } from '../scim-server/server.js';
import { apply, GROUPS, instantReads, people, plan, scimSettings, TOKEN, writeProject } from './project.js';

let server: ScimTestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(bulk: boolean) {
  server = await startScimServer({ token: TOKEN, bulk: { supported: bulk, maxOperations: 50 } });
  for (const g of GROUPS) server.store.addGroup(g);
  return server;
}

function provider(srv: ScimTestServer, bulk: boolean) {
  return new ScimProvider(scimSettings({ url: srv.url, concurrency: 4, bulk }), GENERIC_SCIM);
}

async function applyOne(p: ScimProvider, change: Change): Promise<ChangeResult> {
  const out: ChangeResult[] = [];
  for await (const r of p.apply([change], { runId: 't', log: () => {} })) out.push(r);
  return out[0]!;
}

describe.each([
  ['with Bulk', true],
  ['without Bulk', false],
])('SCIM %s', (_name, bulk) => {
  it('converges with 10% of requests answered 429/503 (Retry-After: 1), and the report shows the retries', async () => {
    const srv = await start(bulk);
    const p = writeProject(tmpDir(), srv, people(300));
    srv.control.injectFaults({ rate: 0.1, statuses: [429, 503], retryAfter: '1', seed: bulk ? 11 : 7 });
    const sleeps: number[] = [];
    const readSleeps: number[] = [];
    const out = await apply(p, sleeps, { createProvider: instantReads(readSleeps) });
    const report = out.report!.targets[0]!;
    expect(srv.control.stats.injected).toBeGreaterThan(0);
    expect(report.converged).toBe(true);
    expect(report.counts.invite).toMatchObject({ succeeded: 300, failed: 0 });
    expect(report.retries).toBeGreaterThan(0);
    // Every wait asked for is the server's Retry-After.
    expect(sleeps.length).toBeGreaterThan(0);
    expect(new Set([...sleeps, ...readSleeps])).toEqual(new Set([1000]));
    expect(renderReport(out.report!)).toMatch(/\d+ retr(y|ies) after transient failures/);
    const journal = readFileSync(p.journal, 'utf8');
    expect(journal).toMatch(/"result":"retrying".*(429|503)/);
    srv.control.injectFaults(undefined);
    expect((await plan(p)).plan.targets[0]!.changes).toEqual([]);
    expect(srv.store.users.size).toBe(300);
  });

  it('adopts a user whose userName differs only in case, instead of inviting a duplicate', async () => {
    const srv = await start(bulk);
    srv.store.addUser({ userName: 'User00001@ACME.com', name: { givenName: 'First1', familyName: 'Last1' } });
    const p = writeProject(tmpDir(), srv, people(3));
    const before = (await plan(p)).plan.targets[0]!;
    expect(before.changes.filter((c) => c.key === 'user00001@acme.com').map((c) => c.action)).toEqual([
      'grant',
    ]);
    const out = await apply(p);
    expect(out.report!.targets[0]!.converged).toBe(true);
    expect(srv.store.users.size).toBe(3);
    expect(srv.store.membersOf('team-01')).toEqual(['User00001@ACME.com']);
  });

  it('an invite answered 409 (the user appeared since it was read) adopts and reactivates it', async () => {
    const srv = await start(bulk);
    const scim = provider(srv, bulk);
    await scim.read();
    const late = srv.store.addUser({ userName: 'Late@Acme.com', active: false });
    const r = await applyOne(scim, {
      phase: 1,
      action: 'invite',
      key: 'late@acme.com',
      roles: ['team-05'],
      after: { firstName: 'La', lastName: 'Te' },
    });
    expect(r).toMatchObject({ status: 'succeeded' });
    expect(srv.store.users.size).toBe(1);
    expect(srv.store.users.get(late.id)).toMatchObject({
      active: true,
      name: { givenName: 'La', familyName: 'Te' },
    });
    expect(srv.store.membersOf('team-05')).toEqual(['Late@Acme.com']);
    // An invite sent again after it went through (lost answer, crashed run): a success, not a duplicate.
    const stale = provider(srv, bulk);
    await stale.read();
    expect(
      (await applyOne(provider(srv, bulk), { phase: 1, action: 'invite', key: 'new@acme.com', roles: [] }))
        .status,
    ).toBe('succeeded');
    const r2 = await applyOne(stale, { phase: 1, action: 'invite', key: 'new@acme.com', roles: ['team-06'] });
    expect(r2.status).toBe('succeeded');
    expect(srv.store.users.size).toBe(2);
    expect(srv.store.membersOf('team-06')).toEqual(['new@acme.com']);
  });

  it('reports SCIM errors with scimType and detail; one bad change fails alone', async () => {
    const srv = await start(bulk);
    const scim = provider(srv, bulk);
    await scim.read();
    const results = await Promise.all(
      [
        { phase: 1, action: 'invite', key: 'ok1@acme.com', roles: ['team-01'] },
        { phase: 1, action: 'invite', key: 'bad@acme.com', roles: ['no-such-group'] },
        { phase: 1, action: 'invite', key: 'ok2@acme.com', roles: ['team-02'] },
      ].map((c) => applyOne(scim, c as Change)),
    );
    expect(results.map((r) => r.status)).toEqual(['succeeded', 'failed', 'succeeded']);
    expect(results[1]!.error).toContain('no group named "no-such-group"');
    srv.control.failNext(1, 400);
    const r = await applyOne(scim, { phase: 1, action: 'remove', key: 'ok1@acme.com' });
    expect(r).toMatchObject({ status: 'failed', transient: false });
    expect(r.error).toMatch(/400: Refused \(injected\)/);
  });
});
