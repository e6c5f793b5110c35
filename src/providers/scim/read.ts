import type { ActualMember, ActualState } from '../../model/member.js';
import type { ScimClient } from './client.js';
import { Directory, type ScimGroup, type ScimUser } from './directory.js';
import { personalOf, toMember } from './map.js';
import { keyOf, type MatchAttribute } from './match.js';
import type { RoleAdapter } from './roles.js';
import type { ServiceConfig } from './service-config.js';

type Resource = Record<string, unknown>;

export interface ReadOptions {
  pageSize: number;
  match: MatchAttribute;
  roles?: RoleAdapter;
  canPseudonymize: boolean;
  signal?: AbortSignal;
}

/** Pages when neither the configuration nor the service says: SCIM's customary 100; at most 1000. */
export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 1000;

/** The page size to ask for: the configured one, else the most the service returns (bounded). */
export function wantedPageSize(configured: number | undefined, service: ServiceConfig): number {
  if (configured !== undefined) return configured;
  const max = service.filter.maxResults;
  return max > 0 ? Math.min(max, MAX_PAGE_SIZE) : DEFAULT_PAGE_SIZE;
}

/** Page size: the configured one, within what the service returns at most. */
export function pageSize(wanted: number, service: ServiceConfig): number {
  const max = service.filter.maxResults;
  return max > 0 ? Math.min(wanted, max) : wanted;
}

/**
 * Every resource of a list endpoint, page by page (`startIndex`/`count`, sorted by id when the service
 * sorts, so pages do not shift), until `totalResults` is reached by a page that is not full, or a page
 * comes back empty. A resource
 * seen twice (the list moved under us) is kept once.
 */
export async function readAll(
  client: ScimClient,
  endpoint: string,
  count: number,
  service: ServiceConfig,
  signal?: AbortSignal,
): Promise<Resource[]> {
  const seen = new Map<string, Resource>();
  let start = 1;
  for (;;) {
    const q = new URLSearchParams({ startIndex: String(start), count: String(count) });
    if (service.sort) q.set('sortBy', 'id');
    const res = await client.get(`${endpoint}?${q}`, signal);
    const body = (res.body ?? {}) as Resource;
    const page = Array.isArray(body.Resources) ? (body.Resources as Resource[]) : [];
    const before = seen.size;
    for (const r of page) if (typeof r?.id === 'string' && !seen.has(r.id)) seen.set(r.id, r);
    const total = typeof body.totalResults === 'number' ? body.totalResults : seen.size;
    start += page.length;
    // A full page means there may be more, whatever `totalResults` says: a server seen reporting the page
    // size as the total would otherwise hide every later user, and they would be planned as invitations.
    // A page that adds nothing new (a server ignoring startIndex) ends the read.
    const full = page.length >= count;
    if (page.length === 0 || seen.size === before || (start > total && !full)) break;
  }
  return [...seen.values()];
}

export function toScimUser(r: Resource, key: string, roles?: RoleAdapter): ScimUser {
  const meta = (r.meta ?? {}) as Resource;
  const u: ScimUser = {
    id: r.id as string,
    key,
    active: r.active !== false,
    roles: new Set(roles ? roles.rolesOf(r) : []),
    personal: personalOf(r),
  };
  if (typeof meta.version === 'string') u.version = meta.version;
  return u;
}

/** Reads users (and groups, when roles are groups) into a Directory and the members rollcall plans from. */
export async function readDirectory(
  client: ScimClient,
  service: ServiceConfig,
  opts: ReadOptions,
): Promise<{ directory: Directory; actual: ActualState }> {
  const count = pageSize(opts.pageSize, service);
  const users = await readAll(client, '/Users', count, service, opts.signal);
  const dir = new Directory();
  const resources = new Map<string, Resource>();
  for (const r of users) {
    const key = keyOf(r, opts.match);
    if (key === undefined) continue; // nothing to match it by: not rollcall's to manage
    dir.addUser(toScimUser(r, key, opts.roles));
    resources.set(r.id as string, r);
  }
  if (!opts.roles) {
    for (const g of await readAll(client, '/Groups', count, service, opts.signal)) {
      const group = toGroup(g);
      if (group) dir.addGroup(group);
    }
  }
  const members: ActualMember[] = [];
  for (const u of dir.users.values()) members.push(toMember(resources.get(u.id)!, u, opts.canPseudonymize));
  return { directory: dir, actual: { seats: {}, members } };
}

function toGroup(g: Resource): ScimGroup | undefined {
  if (typeof g.id !== 'string' || typeof g.displayName !== 'string') return undefined;
  const members = new Set<string>();
  for (const m of Array.isArray(g.members) ? (g.members as Resource[]) : [])
    if (typeof m?.value === 'string' && (m.type === undefined || m.type === 'User')) members.add(m.value);
  return { id: g.id, name: g.displayName, members };
}
