import { describe, expect, it } from 'vitest';
import type { Change } from '../../src/model/plan.js';
import { GENERIC_SCIM, ScimProvider } from '../../src/providers/scim/index.js';
import type { ChangeResult } from '../../src/providers/types.js';
import { scimSettings } from './project.js';

/**
 * SCIMMY keeps no versions, so ETag handling is shown against a small scripted service that does:
 * it advertises `etag.supported`, serves `meta.version`, and checks If-Match on PATCH.
 */
function versionedService(current: { version: string }) {
  const ifMatch: (string | null)[] = [];
  const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
    new Response(JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/scim+json', ...headers },
    });
  const list = (resources: unknown[]) => ({
    schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
    totalResults: resources.length,
    startIndex: 1,
    itemsPerPage: resources.length,
    Resources: resources,
  });
  const fetchImpl = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(String(input));
    const method = init?.method ?? 'GET';
    if (url.pathname.endsWith('/ServiceProviderConfig'))
      return json(200, {
        patch: { supported: true },
        bulk: { supported: false },
        filter: { supported: true, maxResults: 100 },
        etag: { supported: true },
      });
    if (method === 'GET' && url.pathname.endsWith('/Users'))
      return json(
        200,
        list([
          {
            id: 'u1',
            userName: 'ada@acme.com',
            active: true,
            name: { givenName: 'Ada', familyName: 'Lovelace' },
            meta: { version: current.version },
          },
        ]),
      );
    if (method === 'GET' && url.pathname.endsWith('/Groups')) return json(200, list([]));
    if (method === 'PATCH' && url.pathname.endsWith('/Users/u1')) {
      const sent = new Headers(init?.headers).get('if-match');
      ifMatch.push(sent);
      if (sent !== current.version)
        return json(412, {
          schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
          status: '412',
          detail: 'version mismatch',
        });
      return json(
        200,
        { id: 'u1', userName: 'ada@acme.com', active: true, meta: { version: 'W/"8"' } },
        { etag: 'W/"8"' },
      );
    }
    return json(404, { detail: `no route ${method} ${url.pathname}` });
  }) as typeof fetch;
  return { fetchImpl, ifMatch };
}

const SETTINGS = scimSettings();

const rename: Change = {
  phase: 1,
  action: 'update',
  key: 'ada@acme.com',
  before: { firstName: 'Ada' },
  after: { firstName: 'Augusta Ada' },
};

async function applyOne(provider: ScimProvider, change: Change): Promise<ChangeResult> {
  const out: ChangeResult[] = [];
  for await (const r of provider.apply([change], { runId: 't', log: () => {} })) out.push(r);
  return out[0]!;
}

describe('SCIM ETags', () => {
  it('sends the version it read as If-Match when the service keeps versions', async () => {
    const service = versionedService({ version: 'W/"7"' });
    const provider = new ScimProvider(SETTINGS, GENERIC_SCIM, service.fetchImpl);
    await provider.read();
    const r = await applyOne(provider, rename);
    expect(r.status).toBe('succeeded');
    expect(service.ifMatch).toEqual(['W/"7"']);
  });

  it('fails a change whose user changed on the service since it was read (412), for good, saying to plan again', async () => {
    const current = { version: 'W/"7"' };
    const service = versionedService(current);
    const provider = new ScimProvider(SETTINGS, GENERIC_SCIM, service.fetchImpl);
    await provider.read();
    current.version = 'W/"9"'; // someone edited the user after rollcall read it
    const r = await applyOne(provider, rename);
    expect(r.status).toBe('failed');
    expect(r.transient).toBeFalsy();
    expect(r.error).toMatch(/412.*changed on the service since it was read; run plan again/);
  });
});
