import { afterEach, describe, expect, it } from 'vitest';
import { planTarget } from '../../src/plan/plan.js';
import { GENERIC_SCIM, ScimProvider } from '../../src/providers/scim/index.js';
import { tmpDir } from '../helpers/tmp.js';
import { policy } from '../plan/builders.js';
import {
  apply,
  GROUPS,
  people,
  plan,
  scimSettings,
  TOKEN,
  writeMembers,
  writeProject,
} from '../scim/project.js';
import { type ScimTestServer, startScimServer } from '../scim-server/server.js';

/**
 * RFC 7644 §3.4.2.4: `totalResults` is "the total number of results returned by the list or query
 * operation". A server was seen reporting the page size instead; rollcall keeps reading while a page comes
 * back full, so that no user a later page would show is planned as an invitation.
 */
function lyingService(users: number, options: { ignoreStartIndex?: boolean } = {}) {
  const all = Array.from({ length: users }, (_, i) => ({
    id: `u${String(i + 1).padStart(3, '0')}`,
    userName: `user${i + 1}@acme.com`,
    active: true,
    name: { givenName: `User${i + 1}`, familyName: 'Acme' },
  }));
  const gets: string[] = [];
  const json = (body: unknown) =>
    new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/scim+json' } });
  const fetchImpl = (async (input: string | URL | Request) => {
    const url = new URL(String(input));
    if (url.pathname.endsWith('/ServiceProviderConfig'))
      return json({
        patch: { supported: true },
        bulk: { supported: false },
        filter: { supported: true, maxResults: 100 },
      });
    gets.push(`${url.pathname.split('/').pop()}?${url.searchParams}`);
    const start = options.ignoreStartIndex ? 1 : Number(url.searchParams.get('startIndex') ?? 1);
    const count = Number(url.searchParams.get('count') ?? 100);
    const list = url.pathname.endsWith('/Users') ? all : [];
    const page = list.slice(start - 1, start - 1 + count);
    // The lie: the page size as the total.
    return json({ totalResults: page.length, startIndex: start, itemsPerPage: page.length, Resources: page });
  }) as typeof fetch;
  return { fetchImpl, gets };
}

const SETTINGS = scimSettings({ pageSize: 2 });

describe('SCIM paging', () => {
  it('"totalResults: the total number of results": a server reporting the page size as the total still has every page read', async () => {
    const service = lyingService(5);
    const provider = new ScimProvider(SETTINGS, GENERIC_SCIM, service.fetchImpl);
    const actual = await provider.read();
    expect(actual.members.map((m) => m.key).sort()).toEqual([
      'user1@acme.com',
      'user2@acme.com',
      'user3@acme.com',
      'user4@acme.com',
      'user5@acme.com',
    ]);
    // Never an invitation for a user a later page shows.
    const desired = new Map(
      actual.members.map((m) => [
        m.key,
        {
          key: m.key,
          email: m.key,
          roles: [],
          state: 'active' as const,
          source: { file: 'm.yaml', line: 1 },
        },
      ]),
    );
    const plan = planTarget({
      name: 't',
      provider: 'scim',
      policy: policy(),
      capabilities: provider.capabilities,
      desired,
      actual,
    });
    expect(plan.changes.filter((c) => c.action === 'invite')).toEqual([]);
  });

  it('stops at a page that brings nothing new (a server that ignores startIndex)', async () => {
    const service = lyingService(5, { ignoreStartIndex: true });
    const provider = new ScimProvider(SETTINGS, GENERIC_SCIM, service.fetchImpl);
    const actual = await provider.read();
    expect(actual.members).toHaveLength(2);
    expect(service.gets.filter((g) => g.startsWith('Users')).length).toBeLessThanOrEqual(2);
  });
});

let server: ScimTestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('SCIM offboarding and groups (docs/platforms/scim.md)', () => {
  async function offboardOne(connection: Record<string, unknown>) {
    server = await startScimServer({ token: TOKEN, bulk: { supported: false } });
    for (const g of GROUPS) server.store.addGroup(g);
    const p = writeProject(tmpDir(), server, people(2), connection, '{ prune: true }');
    await apply(p);
    writeMembers(p.dir, people(1));
    const out = await apply(p, [], { allowRemovals: 1 });
    expect(out.report!.targets[0]!.failures).toEqual([]);
    expect(server.store.userByName('user00001@acme.com')).toMatchObject({ active: false });
    expect((await plan(p)).plan.targets[0]!.changes).toEqual([]);
    return server;
  }

  it('"active: false" deactivates: by default a removed user keeps its group memberships', async () => {
    const srv = await offboardOne({});
    expect(srv.store.membersOf('team-01')).toEqual(['user00001@acme.com']);
  });

  it('with connection.offboardGroups: remove, a removed user leaves its groups (groups that stand for licenses)', async () => {
    const srv = await offboardOne({ offboardGroups: 'remove' });
    expect(srv.store.membersOf('team-01')).toEqual([]);
  });
});
