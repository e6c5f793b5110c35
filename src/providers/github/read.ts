import type { Octokit } from 'octokit';
import { gitHubMessage, httpStatus } from './client.js';
import type { OrgMember, OrgSnapshot, PendingInvitation, Team } from './snapshot.js';

const PER_PAGE = 100;
const DAY_MS = 24 * 60 * 60 * 1000;

/** A request of the read failed for good (after the plugins' retries): the read is partial. */
export class ReadFailure extends Error {}

type Row = Record<string, unknown>;

/**
 * Reads an organization: who the token is, the plan's seats, owners and members, teams and their
 * maintainers and members, pending invitations (with their teams; invitees resolved login → id) and
 * failed ones. Lists page 100 at a time. Requests: 3 + ⌈owners/100⌉ + ⌈members/100⌉ + ⌈teams/100⌉ +
 * per team 2 lists + the invitation lists + 2 per pending invitation with teams (1 without).
 */
export async function readOrg(
  gh: Octokit,
  org: string,
  options: { inviteLimit?: number; now: number },
): Promise<OrgSnapshot> {
  let requests = 0;
  const get = async (route: string, params: Row = {}): Promise<Row> => {
    requests++;
    try {
      return (await gh.request(route, route.includes('{org}') ? { org, ...params } : params)).data as Row;
    } catch (e) {
      throw new ReadFailure(`${route.replace('{org}', org)}: ${describe(e)}`);
    }
  };
  const list = async (route: string, params: Row = {}): Promise<Row[]> => {
    const out: Row[] = [];
    try {
      for await (const page of gh.paginate.iterator(
        route as never,
        { org, per_page: PER_PAGE, ...params } as never,
      )) {
        requests++;
        out.push(...((page as { data: Row[] }).data ?? []));
      }
    } catch (e) {
      requests++;
      throw new ReadFailure(`${fill(route, { org, ...params })}: ${describe(e)}`);
    }
    return out;
  };

  // GET /user: an app installation token has no user (403): then there is no self to protect by id.
  let self: OrgSnapshot['self'];
  requests++;
  try {
    const me = (await gh.request('GET /user')).data as Row;
    self = { id: Number(me.id), login: String(me.login) };
  } catch (e) {
    if (httpStatus(e) !== 403) throw new ReadFailure(`GET /user: ${describe(e)}`);
  }

  const orgData = await get('GET /orgs/{org}');
  const plan = orgData.plan as Row | undefined;
  const seats =
    plan && typeof plan.seats === 'number'
      ? { total: plan.seats, filled: typeof plan.filled_seats === 'number' ? plan.filled_seats : 0 }
      : undefined;

  const members = new Map<number, OrgMember>();
  const logins = new Map<string, number>();
  for (const role of ['admin', 'member'] as const)
    for (const u of await list('GET /orgs/{org}/members', { role })) {
      const id = Number(u.id);
      members.set(id, { id, login: String(u.login), admin: role === 'admin', teams: new Map() });
      logins.set(String(u.login).toLowerCase(), id);
    }

  const teams = new Map<string, Team>();
  for (const t of await list('GET /orgs/{org}/teams'))
    teams.set(String(t.slug), { id: Number(t.id), slug: String(t.slug), name: String(t.name) });
  for (const team of teams.values())
    for (const role of ['maintainer', 'member'] as const)
      for (const u of await list('GET /orgs/{org}/teams/{team_slug}/members', {
        team_slug: team.slug,
        role,
      })) {
        const m = members.get(Number(u.id));
        if (m && !m.teams.has(team.slug)) m.teams.set(team.slug, role);
      }

  const invitations: PendingInvitation[] = [];
  for (const i of await list('GET /orgs/{org}/invitations')) {
    const inv: PendingInvitation = {
      id: Number(i.id),
      admin: i.role === 'admin',
      teams: [],
      createdAt: String(i.created_at ?? ''),
    };
    if (typeof i.login === 'string' && i.login) inv.login = i.login;
    if (typeof i.email === 'string' && i.email) inv.email = i.email;
    if (Number(i.team_count) > 0)
      inv.teams = (
        await list('GET /orgs/{org}/invitations/{invitation_id}/teams', { invitation_id: inv.id })
      ).map((t) => String(t.slug));
    if (inv.login) {
      // The invitation names its invitee by login only; the key is the id.
      const known = logins.get(inv.login.toLowerCase());
      inv.inviteeId = known ?? Number((await get('GET /users/{username}', { username: inv.login })).id);
    }
    invitations.push(inv);
  }

  const failed = (await list('GET /orgs/{org}/failed_invitations')).map((f) => {
    const out: OrgSnapshot['failed'][number] = { reason: String(f.failed_reason ?? 'failed') };
    if (typeof f.login === 'string' && f.login) out.login = f.login;
    if (typeof f.email === 'string' && f.email) out.email = f.email;
    if (typeof f.failed_at === 'string') out.failedAt = f.failed_at;
    if (typeof f.created_at === 'string') out.createdAt = f.created_at;
    return out;
  });

  const limit = options.inviteLimit ?? (String(plan?.name ?? '') === 'free' ? 50 : 500);
  const recent = (at: string | undefined) => at !== undefined && options.now - Date.parse(at) < DAY_MS;
  // Pending and failed invitations sent in the last 24 hours count against the organization's limit.
  const sent =
    invitations.filter((i) => recent(i.createdAt)).length + failed.filter((f) => recent(f.createdAt)).length;
  const snapshot: OrgSnapshot = {
    members,
    logins,
    invitations,
    failed,
    teams,
    inviteQuota: Math.max(0, limit - sent),
    requests,
  };
  if (self) snapshot.self = self;
  if (seats) snapshot.seats = seats;
  return snapshot;
}

function describe(e: unknown): string {
  const status = httpStatus(e);
  return status !== undefined ? `${status} ${gitHubMessage(e)}` : gitHubMessage(e);
}

function fill(route: string, params: Row): string {
  const [method, template] = route.split(' ');
  const base = template!.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? `{${k}}`));
  const query = Object.entries(params)
    .filter(([k]) => !template!.includes(`{${k}}`))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  return `${method} ${base}${query ? `?${query}` : ''}`;
}
