import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkRequest } from './openapi-check.js';

export interface User {
  id: number;
  login: string;
}

interface Team {
  id: number;
  slug: string;
  name: string;
  /** user id → role */
  members: Map<number, 'member' | 'maintainer'>;
}

interface Invitation {
  id: number;
  inviteeId?: number;
  email?: string;
  role: 'admin' | 'direct_member';
  teamIds: number[];
  createdAt: string;
}

interface Failed {
  id: number;
  login?: string;
  email?: string;
  reason: string;
  createdAt: string;
  failedAt: string;
}

export interface Recorded {
  method: string;
  path: string;
  body: string;
  status: number;
  authorization?: string;
}

type Send = (status: number, data?: unknown, headers?: Record<string, string>) => void;

const NOT_FOUND = { message: 'Not Found', documentation_url: 'https://docs.github.com/rest', status: '404' };

/**
 * A GitHub organization behind a local HTTP server (127.0.0.1 only) answering like GitHub's REST API for
 * the operations the github provider uses: Link-header pages, owners and members, teams with maintainers,
 * pending and failed invitations, renames, secondary rate limits (403 + retry-after), per-member refusals
 * (422/404), and failures to make a read partial. Every request is checked against GitHub's OpenAPI
 * description (test/github/fixtures/openapi-subset.json); `violations` lists what did not conform.
 */
export class FakeOrg {
  readonly org = 'acme';
  readonly users = new Map<number, User>();
  /** user id → owner? */
  readonly members = new Map<number, boolean>();
  readonly teams = new Map<string, Team>();
  readonly invitations: Invitation[] = [];
  readonly failed: Failed[] = [];
  readonly requests: Recorded[] = [];
  readonly violations: string[] = [];
  /** Paid seats reported by GET /orgs/{org}. */
  plan: { name: string; seats?: number; filled_seats?: number } = { name: 'team' };
  /** "METHOD /path" → statuses answered before the real answer (a secondary rate limit, a 502 …). */
  readonly faults = new Map<
    string,
    { status: number; message: string; headers?: Record<string, string> }[]
  >();
  /** User id → an answer to inviting them (422 two-factor requirement, …). */
  readonly refuseInvite = new Map<number, { status: number; message: string }>();
  /** The token is a GitHub App installation's: GET /user is refused (403), the app is no member. */
  appToken = false;
  url = '';
  private nextId = 9_000_001;
  private readonly server = createServer((req, res) => {
    this.handle(req, res).catch((e) => {
      res.writeHead(500);
      res.end(String(e));
    });
  });

  constructor(
    readonly token: string,
    readonly self: User,
    readonly pageSizeCap = 100,
  ) {
    this.addUser(self);
    this.members.set(self.id, true);
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  addUser(u: User): User {
    this.users.set(u.id, { ...u });
    return u;
  }

  addMember(u: User, owner = false): void {
    this.addUser(u);
    this.members.set(u.id, owner);
  }

  addTeam(slug: string, members: [User, 'member' | 'maintainer'][] = []): Team {
    const t: Team = { id: this.nextId++, slug, name: slug, members: new Map() };
    for (const [u, role] of members) t.members.set(u.id, role);
    this.teams.set(slug, t);
    return t;
  }

  rename(id: number, login: string): void {
    this.users.get(id)!.login = login;
  }

  invite(u: User | string, teams: string[] = [], createdAt = new Date().toISOString()): Invitation {
    const inv: Invitation = {
      id: this.nextId++,
      role: 'direct_member',
      teamIds: teams.map((s) => this.teams.get(s)!.id),
      createdAt,
    };
    if (typeof u === 'string') inv.email = u;
    else {
      this.addUser(u);
      inv.inviteeId = u.id;
    }
    this.invitations.push(inv);
    return inv;
  }

  addFailed(u: User, reason = 'Invitation expired. User did not accept this invite for 7 days.'): void {
    this.addUser(u);
    this.failed.push({
      id: this.nextId++,
      login: u.login,
      reason,
      createdAt: new Date(Date.now() - 8 * 86_400_000).toISOString(),
      failedAt: new Date(Date.now() - 86_400_000).toISOString(),
    });
  }

  /** Every pending invitation of a GitHub user accepted: its invitee joins with its role and teams. */
  acceptAll(): void {
    const byUser = this.invitations.filter((i) => i.inviteeId !== undefined);
    this.invitations.splice(
      0,
      this.invitations.length,
      ...this.invitations.filter((i) => i.inviteeId === undefined),
    );
    for (const inv of byUser)
      if (inv.inviteeId !== undefined) {
        this.members.set(inv.inviteeId, inv.role === 'admin');
        for (const t of this.teams.values())
          if (inv.teamIds.includes(t.id)) t.members.set(inv.inviteeId, 'member');
      }
  }

  fault(
    method: string,
    path: string,
    ...answers: { status: number; message: string; headers?: Record<string, string> }[]
  ): void {
    this.faults.set(`${method} ${path}`, answers);
  }

  writes(): Recorded[] {
    return this.requests.filter((r) => r.method !== 'GET');
  }

  private user(id: number) {
    const u = this.users.get(id)!;
    return {
      login: u.login,
      id: u.id,
      node_id: `U_${u.id}`,
      avatar_url: `https://avatars.githubusercontent.com/u/${u.id}?v=4`,
      url: `${this.url}/users/${u.login}`,
      html_url: `https://github.com/${u.login}`,
      type: 'User',
      site_admin: false,
    };
  }

  private invitation(inv: Invitation) {
    const login = inv.inviteeId !== undefined ? this.users.get(inv.inviteeId)!.login : null;
    return {
      id: inv.id,
      node_id: `OI_${inv.id}`,
      login,
      email: inv.email ?? null,
      role: inv.role,
      created_at: inv.createdAt,
      failed_at: null,
      failed_reason: null,
      inviter: this.user(this.self.id),
      team_count: inv.teamIds.length,
      invitation_teams_url: `${this.url}/organizations/1/invitations/${inv.id}/teams`,
      invitation_source: 'member',
    };
  }

  private team(t: Team) {
    return {
      id: t.id,
      node_id: `T_${t.id}`,
      name: t.name,
      slug: t.slug,
      description: null,
      privacy: 'closed',
      notification_setting: 'notifications_enabled',
      permission: 'pull',
      url: `${this.url}/organizations/1/team/${t.id}`,
      html_url: `https://github.com/orgs/${this.org}/teams/${t.slug}`,
      members_url: `${this.url}/organizations/1/team/${t.id}/members{/member}`,
      repositories_url: `${this.url}/organizations/1/team/${t.id}/repos`,
      parent: null,
    };
  }

  private page(url: URL, all: unknown[], send: Send): void {
    const perPage = Math.min(this.pageSizeCap, Number(url.searchParams.get('per_page') ?? 30));
    const page = Number(url.searchParams.get('page') ?? 1);
    const last = Math.max(1, Math.ceil(all.length / perPage));
    const link = (n: number, rel: string) => {
      const u = new URL(url.href);
      u.searchParams.set('page', String(n));
      return `<${u.href}>; rel="${rel}"`;
    };
    const rels: string[] = [];
    if (page > 1) rels.push(link(page - 1, 'prev'), link(1, 'first'));
    if (page < last) rels.push(link(page + 1, 'next'), link(last, 'last'));
    send(200, all.slice((page - 1) * perPage, page * perPage), rels.length ? { link: rels.join(', ') } : {});
  }

  private byLogin(login: string): User | undefined {
    const l = login.toLowerCase();
    for (const u of this.users.values()) if (u.login.toLowerCase() === l) return u;
    return undefined;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let body = '';
    for await (const chunk of req) body += chunk;
    const method = req.method ?? '';
    const url = new URL(req.url ?? '/', this.url);
    const rec: Recorded = {
      method,
      path: url.pathname + url.search,
      body,
      status: 0,
      authorization: req.headers.authorization,
    };
    this.requests.push(rec);
    const send: Send = (status, data, headers = {}) => {
      rec.status = status;
      res.writeHead(status, {
        'content-type': 'application/json; charset=utf-8',
        'x-ratelimit-limit': '5000',
        'x-ratelimit-remaining': '4999',
        ...headers,
      });
      res.end(data === undefined ? '' : JSON.stringify(data));
    };
    const checked = checkRequest(method, url, body);
    if (checked.problems.length > 0) {
      this.violations.push(...checked.problems);
      return send(400, { message: checked.problems.join('; ') });
    }
    const auth = req.headers.authorization;
    if (auth !== `token ${this.token}` && auth !== `bearer ${this.token}`)
      return send(401, {
        message: 'Bad credentials',
        documentation_url: 'https://docs.github.com/rest',
        status: '401',
      });

    const queued = this.faults.get(`${method} ${url.pathname}`);
    if (queued && queued.length > 0) {
      const f = queued.length > 1 ? queued.shift()! : queued[0]!;
      if (f.status > 0)
        return send(
          f.status,
          { message: f.message, documentation_url: 'https://docs.github.com/rest' },
          f.headers,
        );
    }
    const p = decodeURIComponent(url.pathname);
    const O = `/orgs/${this.org}`;
    let m: RegExpExecArray | null = null;
    const at = (re: RegExp): boolean => {
      m = re.exec(p);
      return m !== null;
    };
    if (method === 'GET' && p === '/user')
      return this.appToken
        ? send(403, {
            message: 'Resource not accessible by integration',
            documentation_url: 'https://docs.github.com/rest',
          })
        : send(200, this.user(this.self.id));
    if (method === 'GET' && at(/^\/users\/([^/]+)$/)) {
      const u = this.byLogin(m![1]!);
      return u ? send(200, this.user(u.id)) : send(404, NOT_FOUND);
    }
    if (!p.startsWith(`${O}`)) return send(404, NOT_FOUND);
    if (method === 'GET' && p === O)
      return send(200, {
        login: this.org,
        id: 1,
        node_id: 'O_1',
        url: `${this.url}${O}`,
        plan: { space: 976562499, private_repos: 999999, ...this.plan },
      });
    if (method === 'GET' && p === `${O}/members`) {
      const role = url.searchParams.get('role') ?? 'all';
      const ids = [...this.members].filter(([, owner]) => role === 'all' || (role === 'admin') === owner);
      return this.page(
        url,
        ids.map(([id]) => this.user(id)),
        send,
      );
    }
    if (method === 'GET' && p === `${O}/teams`)
      return this.page(
        url,
        [...this.teams.values()].map((t) => this.team(t)),
        send,
      );
    if (method === 'GET' && at(/^\/orgs\/[^/]+\/teams\/([^/]+)\/members$/)) {
      const t = this.teams.get(m![1]!);
      if (!t) return send(404, NOT_FOUND);
      const role = url.searchParams.get('role') ?? 'all';
      // GitHub reports owners as maintainers of their teams.
      const roleOf = (id: number, r: string) => (this.members.get(id) ? 'maintainer' : r);
      const ids = [...t.members].filter(([id, r]) => role === 'all' || roleOf(id, r) === role);
      return this.page(
        url,
        ids.map(([id]) => this.user(id)),
        send,
      );
    }
    if (method === 'GET' && p === `${O}/invitations`)
      return this.page(
        url,
        this.invitations.map((i) => this.invitation(i)),
        send,
      );
    if (method === 'GET' && at(/^\/orgs\/[^/]+\/invitations\/(\d+)\/teams$/)) {
      const inv = this.invitations.find((i) => i.id === Number(m![1]));
      if (!inv) return send(404, NOT_FOUND);
      return this.page(
        url,
        [...this.teams.values()].filter((t) => inv.teamIds.includes(t.id)).map((t) => this.team(t)),
        send,
      );
    }
    if (method === 'GET' && p === `${O}/failed_invitations`)
      return this.page(
        url,
        this.failed.map((f) => ({
          id: f.id,
          node_id: `OI_${f.id}`,
          login: f.login ?? null,
          email: f.email ?? null,
          role: 'direct_member',
          created_at: f.createdAt,
          failed_at: f.failedAt,
          failed_reason: f.reason,
          inviter: this.user(this.self.id),
          team_count: 0,
          invitation_teams_url: '',
        })),
        send,
      );
    if (method === 'POST' && p === `${O}/invitations`) {
      const b = JSON.parse(body) as {
        invitee_id?: number;
        email?: string;
        role?: 'admin' | 'direct_member';
        team_ids?: number[];
      };
      if (b.invitee_id === undefined && b.email === undefined)
        return send(422, {
          message: 'Validation Failed',
          errors: [{ code: 'missing', field: 'invitee_id' }],
        });
      if (b.invitee_id !== undefined) {
        if (!this.users.has(b.invitee_id)) return send(404, NOT_FOUND);
        const refused = this.refuseInvite.get(b.invitee_id);
        if (refused)
          return send(refused.status, {
            message: refused.message,
            documentation_url: 'https://docs.github.com/rest',
          });
        if (this.members.has(b.invitee_id))
          return send(422, {
            message: 'Validation Failed',
            errors: [{ message: 'Invitee is already a part of this organization' }],
          });
        if (this.invitations.some((i) => i.inviteeId === b.invitee_id))
          return send(422, {
            message: 'Validation Failed',
            errors: [{ message: 'Invitee has already been invited' }],
          });
      }
      const inv: Invitation = {
        id: this.nextId++,
        role: b.role ?? 'direct_member',
        teamIds: b.team_ids ?? [],
        createdAt: new Date().toISOString(),
      };
      if (b.invitee_id !== undefined) inv.inviteeId = b.invitee_id;
      if (b.email !== undefined) inv.email = b.email;
      // A new invitation replaces a failed one.
      const login =
        inv.inviteeId !== undefined ? this.users.get(inv.inviteeId)!.login.toLowerCase() : undefined;
      for (let i = this.failed.length - 1; i >= 0; i--)
        if (
          (login && this.failed[i]!.login?.toLowerCase() === login) ||
          (inv.email && this.failed[i]!.email === inv.email)
        )
          this.failed.splice(i, 1);
      this.invitations.push(inv);
      return send(201, this.invitation(inv));
    }
    if (method === 'DELETE' && at(/^\/orgs\/[^/]+\/invitations\/(\d+)$/)) {
      const i = this.invitations.findIndex((x) => x.id === Number(m![1]));
      if (i < 0) return send(404, NOT_FOUND);
      this.invitations.splice(i, 1);
      return send(204);
    }
    if (at(/^\/orgs\/[^/]+\/memberships\/([^/]+)$/)) {
      const u = this.byLogin(m![1]!);
      if (!u) return send(404, NOT_FOUND);
      if (method === 'DELETE') {
        if (!this.members.delete(u.id)) {
          const i = this.invitations.findIndex((x) => x.inviteeId === u.id);
          if (i < 0) return send(404, NOT_FOUND);
          this.invitations.splice(i, 1);
        }
        for (const t of this.teams.values()) t.members.delete(u.id);
        return send(204);
      }
      if (method === 'PUT') {
        if (!this.members.has(u.id)) return send(404, NOT_FOUND);
        const role = (JSON.parse(body || '{}') as { role?: string }).role ?? 'member';
        this.members.set(u.id, role === 'admin');
        return send(200, {
          state: 'active',
          role,
          url: `${this.url}${O}/memberships/${u.login}`,
          user: this.user(u.id),
        });
      }
    }
    if (at(/^\/orgs\/[^/]+\/teams\/([^/]+)\/memberships\/([^/]+)$/)) {
      const t = this.teams.get(m![1]!);
      const u = this.byLogin(m![2]!);
      if (!t || !u) return send(404, NOT_FOUND);
      if (method === 'PUT') {
        if (!this.members.has(u.id))
          return send(422, {
            message: 'Validation Failed',
            errors: [{ message: 'User is not a member of the organization' }],
          });
        const role = ((JSON.parse(body || '{}') as { role?: string }).role ?? 'member') as
          | 'member'
          | 'maintainer';
        t.members.set(u.id, role);
        return send(200, { role, state: 'active', url: `${this.url}/teams/${t.id}/memberships/${u.login}` });
      }
      if (method === 'DELETE') {
        if (!t.members.delete(u.id)) return send(404, NOT_FOUND);
        return send(204);
      }
    }
    send(404, NOT_FOUND);
  }
}
