import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Target } from '../../src/config/load.js';
import { GENERIC_SCIM, ScimProvider } from '../../src/providers/scim/index.js';
import { scimSettings } from '../../src/providers/scim/settings.js';
import { tmpDir } from '../helpers/tmp.js';
import { type ScimTestServer, startScimServer } from '../scim-server/server.js';
import { apply, type Person, TOKEN, writeProject } from './project.js';

/** Every request rollcall sends, in order, and how many Bulk requests were in flight at most. */
interface Sent {
  method: string;
  path: string;
  body?: { Operations?: { method: string; path: string; data?: { userName?: string } }[] };
  /** The answer never came (the client gave up waiting). */
  timedOut?: boolean;
}

function spyFetch(opts: { stallBulk?: number } = {}) {
  const sent: Sent[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  let bulks = 0;
  const impl: typeof fetch = async (input, init) => {
    const url = new URL(String(input));
    const entry: Sent = { method: init?.method ?? 'GET', path: url.pathname.replace(/^\/scim\/v2/, '') };
    if (typeof init?.body === 'string') entry.body = JSON.parse(init.body);
    sent.push(entry);
    const isBulk = entry.method === 'POST' && entry.path === '/Bulk';
    if (!isBulk) return fetch(input, init);
    bulks++;
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    try {
      const res = await fetch(input, init);
      if (bulks === opts.stallBulk) {
        // The service did the work, but its answer does not arrive before the client's timeout.
        await res.text();
        entry.timedOut = true;
        const signal = init!.signal!;
        await new Promise((_, reject) => {
          if (signal.aborted) reject(signal.reason);
          signal.addEventListener('abort', () => reject(signal.reason), { once: true });
        });
      }
      return res;
    } finally {
      inFlight--;
    }
  };
  return { impl, sent, maxInFlight: () => maxInFlight };
}

const GROUPS = Array.from({ length: 10 }, (_, i) => `g${i}`);
const PEOPLE: Person[] = Array.from({ length: 1000 }, (_, i) => ({
  email: `p${String(i).padStart(4, '0')}@acme.com`,
  firstName: `F${i}`,
  lastName: `L${i}`,
  roles: [GROUPS[i % GROUPS.length]!],
}));

describe('SCIM Bulk against a service that works through one request at a time', () => {
  let srv: ScimTestServer;
  beforeEach(async () => {
    srv = await startScimServer({ token: TOKEN, bulk: { supported: true, maxOperations: 200 } });
    for (const g of GROUPS) srv.store.addGroup(g);
  });
  afterEach(() => srv.close());

  function run(spy: ReturnType<typeof spyFetch>, connection: Record<string, unknown> = {}) {
    const p = writeProject(tmpDir(), srv, PEOPLE, connection);
    return apply(p, [], {
      createProvider: (target: Target) => new ScimProvider(scimSettings(target), GENERIC_SCIM, spy.impl),
    });
  }

  it('keeps one Bulk request in flight, and sends one PATCH per group for the whole phase', async () => {
    const spy = spyFetch();
    const out = await run(spy);
    const report = out.report!.targets[0]!;
    expect(report.counts.invite.succeeded).toBe(1000);
    expect(report.converged).toBe(true);
    expect(spy.maxInFlight()).toBe(1);

    const bulks = spy.sent.filter((s) => s.method === 'POST' && s.path === '/Bulk');
    const ops = bulks.flatMap((b) => b.body?.Operations ?? []);
    expect(ops.filter((o) => o.method === 'POST')).toHaveLength(1000);
    const groupPatches = ops.filter((o) => o.method === 'PATCH' && o.path.startsWith('/Groups/'));
    expect(groupPatches).toHaveLength(GROUPS.length);
    expect(new Set(groupPatches.map((o) => o.path)).size).toBe(GROUPS.length);
    // 1,000 users in Bulk requests of 200, then one request with the 10 group PATCHes; nothing outside Bulk.
    expect(bulks).toHaveLength(6);
    expect(spy.sent.filter((s) => s.method !== 'GET' && s.path !== '/Bulk')).toEqual([]);
  });

  it('after a Bulk request that got no answer, reads the service again before sending anything, and posts no user twice', async () => {
    const spy = spyFetch({ stallBulk: 2 });
    const out = await run(spy, { timeoutMs: 3000 });
    const report = out.report!.targets[0]!;
    expect(report.converged).toBe(true);
    expect(report.failures).toEqual([]);

    const stalled = spy.sent.findIndex((s) => s.timedOut);
    expect(stalled).toBeGreaterThan(0);
    const after = spy.sent.slice(stalled + 1);
    const nextWrite = after.findIndex((s) => s.method !== 'GET');
    expect(nextWrite).toBeGreaterThan(0);
    // Between the timeout and the next write: a full read of the users (and groups).
    const reread = after.slice(0, nextWrite).map((s) => s.path);
    expect(reread).toContain('/Users');
    expect(reread).toContain('/Groups');

    // No user was POSTed twice: the re-read found the ones the unanswered request had created.
    const posted = spy.sent
      .filter((s) => s.method === 'POST' && s.path === '/Bulk')
      .flatMap((b) => b.body?.Operations ?? [])
      .filter((o) => o.method === 'POST')
      .map((o) => o.data?.userName);
    expect(new Set(posted).size).toBe(posted.length);
    expect(new Set(posted).size).toBe(1000);
    expect(spy.maxInFlight()).toBe(1);
  });
});
