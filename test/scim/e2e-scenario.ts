import { expect } from 'vitest';
import type { Change } from '../../src/model/plan.js';
import { tmpDir } from '../helpers/tmp.js';
import { type ScimTestServer, startScimServer } from '../scim-server/server.js';
import { apply, GROUPS, people, plan, TOKEN, writeMembers, writeProject } from './project.js';

const MAX_OPS = 100;

/** Bulk requests the packing may use: per phase, changes over what one request holds. */
function bulkBound(changes: Change[], perRequest: number): number {
  const byPhase = new Map<number, number>();
  for (const c of changes) byPhase.set(c.phase, (byPhase.get(c.phase) ?? 0) + 1);
  let n = 0;
  for (const count of byPhase.values()) n += Math.ceil(count / perRequest);
  return n;
}

/**
 * 2,000 users against the SCIMMY server: onboarding (plan → apply → plan is empty), then drift of every
 * kind. Asserts the request counts; prints them.
 */
export async function endToEnd(bulk: boolean): Promise<void> {
  const srv: ScimTestServer = await startScimServer({
    token: TOKEN,
    bulk: { supported: bulk, maxOperations: MAX_OPS },
  });
  try {
    for (const g of GROUPS) srv.store.addGroup(g);
    const everyone = people(2000);
    // No request timeout that a loaded machine could reach: a timed-out Bulk request falls back to single
    // writes, and the counts below would measure the machine, not the packing.
    const p = writeProject(tmpDir(), srv, everyone, { timeoutMs: 600_000 });

    // Round 1: an empty service; 2,000 invites with group memberships.
    const first = await plan(p);
    expect(first.plan.targets[0]!.summary.invite).toBe(2000);
    srv.control.resetStats();
    const out = await apply(p);
    const stats = { ...srv.control.stats };
    const report = out.report!.targets[0]!;
    expect(report.counts.invite.succeeded).toBe(2000);
    expect(report.converged).toBe(true);
    expect(srv.store.users.size).toBe(2000);
    expect(srv.store.membersOf('Admins')).toHaveLength(200);
    expect(srv.store.membersOf('team-03')).toContain('user00003@acme.com');
    console.log(
      `${bulk ? 'Bulk' : 'per request'}, 2,000 invites: ${stats.requests} requests (${stats.reads} reads, ${stats.bulkRequests} Bulk with ${stats.bulkOperations} operations, ${stats.writes} single writes)`,
    );
    if (bulk) {
      expect(stats.writes).toBe(0);
      // Per maxOperations changes: one request of user operations, one of group memberships.
      expect(stats.bulkRequests).toBeLessThanOrEqual(2 * bulkBound(out.plan.targets[0]!.changes, MAX_OPS));
      expect(stats.requests).toBe(stats.reads + stats.bulkRequests);
    } else {
      expect(stats.bulkRequests).toBe(0);
      expect(stats.writes).toBe(2000 + 2000 + 200); // one POST and one PATCH per group membership
    }
    expect((await plan(p)).plan.targets[0]!.changes).toEqual([]);

    // Round 2: renames, moves between groups, 100 pruned, 50 new, 20 leaving explicitly.
    const next = people(2050).slice(100);
    for (const m of next.slice(0, 100)) m.lastName = `Renamed${m.lastName}`;
    for (const m of next.slice(100, 200)) m.roles = ['team-01', 'team-02'];
    for (const m of next.slice(200, 220)) m.state = 'removed';
    writeMembers(p.dir, next);
    const second = await plan(p);
    const s = second.plan.targets[0]!.summary;
    expect(s).toMatchObject({ invite: 50, update: 100, remove: 120 });
    expect(s.grant + s.revoke).toBeGreaterThan(100);
    srv.control.resetStats();
    const out2 = await apply(p);
    const stats2 = { ...srv.control.stats };
    expect(out2.report!.targets[0]!.failures).toEqual([]);
    expect(out2.report!.targets[0]!.converged).toBe(true);
    console.log(
      `${bulk ? 'Bulk' : 'per request'}, ${second.plan.targets[0]!.changes.length} mixed changes: ${stats2.requests} requests (${stats2.reads} reads, ${stats2.bulkRequests} Bulk, ${stats2.writes} single writes)`,
    );
    if (bulk) {
      expect(stats2.writes).toBe(0);
      expect(stats2.bulkRequests).toBeLessThanOrEqual(2 * bulkBound(out2.plan.targets[0]!.changes, MAX_OPS));
    }
    expect((await plan(p)).plan.targets[0]!.changes).toEqual([]);
    expect(srv.store.userByName('user00000@acme.com')?.active).toBe(false);
    expect(srv.store.userByName('user00100@acme.com')?.name).toMatchObject({ familyName: 'RenamedLast100' });
    expect(srv.store.membersOf('team-01')).toContain('user00201@acme.com');
    expect(srv.store.userByName('user00300@acme.com')?.active).toBe(false);
  } finally {
    await srv.close();
  }
}
