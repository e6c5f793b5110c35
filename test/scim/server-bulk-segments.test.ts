import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BULK_SEGMENT } from '../scim-server/bulk.js';
import { type ScimTestServer, startScimServer } from '../scim-server/server.js';
import { TOKEN } from './project.js';

/**
 * The test server applies a Bulk request without bulkId references in segments (test/scim-server/bulk.ts):
 * the answer must be what SCIMMY gives for the whole request — every operation in order, an error failing
 * its operation alone, operation numbers counted over the whole request.
 */
type Op = { method?: string; path?: string; bulkId?: string; data?: Record<string, unknown> };
type Result = {
  method?: string;
  bulkId?: string;
  status: string;
  location?: string;
  response?: { detail?: string; scimType?: string };
};

let srv: ScimTestServer;
beforeEach(async () => {
  srv = await startScimServer({ token: TOKEN, bulk: { supported: true, maxOperations: 1000 } });
});
afterEach(() => srv.close());

async function bulk(
  ops: Op[],
  extra: Record<string, unknown> = {},
): Promise<{ status: number; results: Result[] }> {
  const res = await fetch(`${srv.url}/Bulk`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/scim+json' },
    body: JSON.stringify({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:BulkRequest'],
      Operations: ops,
      ...extra,
    }),
  });
  const body = (await res.json()) as { Operations?: Result[] };
  return { status: res.status, results: body.Operations ?? [] };
}

const post = (i: number, userName = `s${i}@acme.com`): Op => ({
  method: 'POST',
  path: '/Users',
  bulkId: `b${i}`,
  data: { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName },
});

describe('SCIM test server: Bulk requests applied in segments', () => {
  it('answers every operation in order across segments; a failure fails its operation alone, numbered in the whole request', async () => {
    const old = srv.store.addUser({ userName: 'old@acme.com' });
    const n = 3 * BULK_SEGMENT + 5;
    const ops: Op[] = Array.from({ length: n }, (_, i) => post(i));
    ops[2] = { method: 'DELETE', path: `/Users/${old.id}` };
    // After the DELETE, in a later segment: the user is gone already.
    ops[BULK_SEGMENT + 3] = {
      method: 'PATCH',
      path: `/Users/${old.id}`,
      data: {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
        Operations: [{ op: 'replace', path: 'active', value: false }],
      },
    };
    ops[BULK_SEGMENT + 7] = post(BULK_SEGMENT + 7, 'S1@ACME.COM'); // taken (op #2 created s1) in another case
    ops[2 * BULK_SEGMENT + 4] = { path: '/Users', bulkId: 'nomethod', data: {} };
    const { status, results } = await bulk(ops);
    expect(status).toBe(200);
    expect(results).toHaveLength(n);
    expect(results.map((r) => r.bulkId ?? r.method)).toEqual(
      ops.map((o) => (o.method === 'POST' ? o.bulkId : o.method)),
    );
    expect(results[2]!.status).toBe('204');
    expect(results[BULK_SEGMENT + 3]!.status).toBe('404');
    expect(results[BULK_SEGMENT + 7]!.status).toBe('409');
    expect(results[BULK_SEGMENT + 7]!.response?.scimType).toBe('uniqueness');
    expect(results[2 * BULK_SEGMENT + 4]!.status).toBe('400');
    expect(results[2 * BULK_SEGMENT + 4]!.response?.detail).toBe(
      `Missing or empty 'method' string in BulkRequest operation #${2 * BULK_SEGMENT + 5}`,
    );
    const failed = new Set([2, BULK_SEGMENT + 3, BULK_SEGMENT + 7, 2 * BULK_SEGMENT + 4]);
    results.forEach((r, i) => {
      if (!failed.has(i)) expect(r.status).toBe('201');
    });
    expect(srv.store.users.size).toBe(n - failed.size);
    expect(srv.store.userByName('old@acme.com')).toBeUndefined();
    // Ids in the order of the operations: created one after the other.
    const ids = results.filter((r) => r.status === '201').map((r) => r.location!.split('/').pop()!);
    expect(ids).toEqual([...ids].sort());
  });

  it('a request with bulkId references goes to SCIMMY whole, and the references resolve', async () => {
    const ops: Op[] = Array.from({ length: 2 * BULK_SEGMENT }, (_, i) => post(i));
    ops.push({
      method: 'POST',
      path: '/Groups',
      bulkId: 'g',
      data: {
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
        displayName: 'Team',
        members: [{ value: 'bulkId:b0' }],
      },
    });
    const { results } = await bulk(ops);
    expect(results.map((r) => r.status)).toEqual(ops.map(() => '201'));
    expect(srv.store.membersOf('Team')).toEqual(['s0@acme.com']);
  });

  it('failOnErrors stops after that many errors, over the whole request', async () => {
    const ops: Op[] = Array.from({ length: 2 * BULK_SEGMENT }, (_, i) =>
      post(i, i === 3 || i === BULK_SEGMENT + 2 ? 's0@acme.com' : undefined),
    );
    const { results } = await bulk(ops, { failOnErrors: 2 });
    expect(results).toHaveLength(BULK_SEGMENT + 3);
    expect(results.at(-1)!.status).toBe('409');
  });
});
