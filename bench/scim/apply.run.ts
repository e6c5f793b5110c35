import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { apply, type Person, plan, TOKEN, writeProject } from '../../test/scim/project.js';
import { startScimServer } from '../../test/scim-server/server.js';

/**
 * Apply of 10,000 changes (invites, each into one of 500 groups of 20) against the SCIMMY server with
 * 20 ms added to every request, through /Bulk (maxOperations 1000) and one request per change.
 * Prints time and requests; BENCH_USERS changes the size.
 */
const USERS = Number(process.env.BENCH_USERS ?? 10_000);
/** bulk, per-request (8 in flight), naive (one request at a time); BENCH_MODES=bulk,naive picks some. */
const MODES = (process.env.BENCH_MODES ?? 'bulk,per-request').split(',');
const MAX_OPERATIONS = 1000;
const MAX_RESULTS = 200; // the test server's filter.maxResults
const LATENCY_MS = 20;
const GROUPS = Array.from({ length: Math.ceil(USERS / 20) }, (_, i) => `g-${String(i).padStart(4, '0')}`);

const people: Person[] = Array.from({ length: USERS }, (_, i) => ({
  email: `b${String(i).padStart(6, '0')}@acme.com`,
  firstName: `F${i}`,
  lastName: `L${i}`,
  roles: [GROUPS[i % GROUPS.length]!],
}));

/** What the protocol needs at least: the reads before and after (ServiceProviderConfig, pages), the Bulk writes. */
const pages = (n: number) => Math.max(1, Math.ceil(n / MAX_RESULTS));
const MINIMUM =
  1 +
  pages(0) +
  pages(GROUPS.length) + // plan: nobody yet
  Math.ceil(USERS / MAX_OPERATIONS) +
  Math.ceil(GROUPS.length / MAX_OPERATIONS) + // users, then one PATCH per group
  1 +
  pages(USERS) +
  pages(GROUPS.length); // the verifying read

for (const mode of MODES) {
  const bulk = mode === 'bulk';
  it(`${USERS} invites, ${mode}, ${LATENCY_MS} ms latency`, async () => {
    const srv = await startScimServer({
      token: TOKEN,
      bulk: { supported: bulk, maxOperations: MAX_OPERATIONS },
    });
    const dir = mkdtempSync(path.join(os.tmpdir(), 'rollcall-bench-'));
    try {
      for (const g of GROUPS) srv.store.addGroup(g);
      const p = writeProject(dir, srv, people, mode === 'naive' ? { concurrency: 1 } : {});
      srv.control.latencyMs = LATENCY_MS;
      srv.control.resetStats();
      const t0 = performance.now();
      const out = await apply(p);
      const seconds = (performance.now() - t0) / 1000;
      const s = srv.control.stats;
      const report = out.report!.targets[0]!;
      expect(report.converged).toBe(true);
      expect(report.counts.invite.succeeded).toBe(USERS);
      const name = bulk
        ? `Bulk (maxOperations ${MAX_OPERATIONS})`
        : mode === 'naive'
          ? 'naive: one request at a time'
          : 'per request (concurrency 8)';
      const line = `| ${name} | ${USERS.toLocaleString('en')} | ${seconds.toFixed(1)} s | ${s.requests}${bulk ? ` (minimum ${MINIMUM}: ${(s.requests / MINIMUM).toFixed(2)}×)` : ''} | ${s.reads} | ${bulk ? `${s.bulkRequests} (${s.bulkOperations} operations)` : s.writes} | ${report.retries} |`;
      console.log(line);
      expect((await plan(p)).plan.targets[0]!.changes).toEqual([]);
    } finally {
      await srv.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
