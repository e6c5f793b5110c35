import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A user as GitHub's REST API returns it inside an issue comment. */
export interface GitHubUser {
  login: string;
  id: number;
  type: 'User' | 'Bot';
}

export interface IssueComment {
  id: number;
  issue: number;
  body: string;
  user: GitHubUser;
}

export interface Recorded {
  method: string;
  path: string;
  authorization: string | undefined;
  body: string;
}

export interface FakeGitHubOptions {
  /** The only token accepted (`Authorization: token …`); anything else gets 401 Bad credentials. */
  token: string;
  /** Who the token is, for GET /user; `undefined`: an installation token, refused with 403. */
  self?: GitHubUser;
  /** The comment author of this token's writes (for an installation token: github-actions[bot]). */
  author: GitHubUser;
}

const OWNER = 'acme';
const REPO = 'people';
const REPO_ID = 424242;

/**
 * The parts of the GitHub REST API the Action uses, with GitHub's response shapes: GET /user, and the
 * issue-comment endpoints (list with Link-header pagination, create, update). It answers on 127.0.0.1
 * only, and records every request.
 */
export class FakeGitHub {
  readonly comments: IssueComment[] = [];
  readonly requests: Recorded[] = [];
  /** When set, creating a comment fails with this status (403: a fork's read-only token). */
  createStatus: number | undefined;
  private nextId = 1_000_001;
  private readonly server = createServer((req, res) => this.handle(req, res));
  url = '';

  constructor(private readonly options: FakeGitHubOptions) {}

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** A comment written by someone else (to fill pages, or to imitate the marker). */
  seed(issue: number, user: GitHubUser, body: string): IssueComment {
    const c = { id: this.nextId++, issue, body, user };
    this.comments.push(c);
    return c;
  }

  writes(): Recorded[] {
    return this.requests.filter((r) => r.method !== 'GET');
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let body = '';
    for await (const chunk of req) body += chunk;
    const url = new URL(req.url ?? '/', this.url);
    this.requests.push({
      method: req.method ?? '',
      path: url.pathname + url.search,
      authorization: req.headers.authorization,
      body,
    });
    const send = (status: number, data: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
      res.end(JSON.stringify(data));
    };
    if (req.headers.authorization !== `token ${this.options.token}`)
      return send(401, {
        message: 'Bad credentials',
        documentation_url: 'https://docs.github.com/rest',
        status: '401',
      });

    const p = url.pathname;
    if (req.method === 'GET' && p === '/user') {
      if (!this.options.self) return send(403, forbidden('users/users#get-the-authenticated-user'));
      return send(200, {
        ...this.user(this.options.self),
        name: null,
        company: null,
        created_at: '2020-01-01T00:00:00Z',
      });
    }
    const list = /^\/(?:repos\/acme\/people|repositories\/424242)\/issues\/(\d+)\/comments$/.exec(p);
    if (list && req.method === 'GET') return this.list(Number(list[1]), url, send);
    if (list && req.method === 'POST') {
      if (this.createStatus)
        return send(this.createStatus, forbidden('issues/comments#create-an-issue-comment'));
      const c = this.seed(Number(list[1]), this.options.author, (JSON.parse(body) as { body: string }).body);
      return send(201, this.comment(c), {
        location: `${this.url}/repos/${OWNER}/${REPO}/issues/comments/${c.id}`,
      });
    }
    const one = /^\/repos\/acme\/people\/issues\/comments\/(\d+)$/.exec(p);
    if (one && req.method === 'PATCH') {
      const c = this.comments.find((x) => x.id === Number(one[1]));
      if (!c)
        return send(404, {
          message: 'Not Found',
          documentation_url: 'https://docs.github.com/rest',
          status: '404',
        });
      c.body = (JSON.parse(body) as { body: string }).body;
      return send(200, this.comment(c));
    }
    send(404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest', status: '404' });
  }

  private list(issue: number, url: URL, send: (s: number, d: unknown, h?: Record<string, string>) => void) {
    const perPage = Math.min(100, Number(url.searchParams.get('per_page') ?? 30));
    const page = Number(url.searchParams.get('page') ?? 1);
    const all = this.comments.filter((c) => c.issue === issue);
    const last = Math.max(1, Math.ceil(all.length / perPage));
    const link = (n: number, rel: string) =>
      `<${this.url}/repositories/${REPO_ID}/issues/${issue}/comments?per_page=${perPage}&page=${n}>; rel="${rel}"`;
    const rels = [];
    if (page > 1) rels.push(link(page - 1, 'prev'), link(1, 'first'));
    if (page < last) rels.push(link(page + 1, 'next'), link(last, 'last'));
    const items = all.slice((page - 1) * perPage, page * perPage).map((c) => this.comment(c));
    send(200, items, rels.length > 0 ? { link: rels.join(', ') } : {});
  }

  private user(u: GitHubUser) {
    return {
      login: u.login,
      id: u.id,
      node_id: `U_kgDO${u.id}`,
      avatar_url: `https://avatars.githubusercontent.com/u/${u.id}?v=4`,
      gravatar_id: '',
      url: `${this.url}/users/${u.login}`,
      html_url: `https://github.com/${u.login}`,
      type: u.type,
      user_view_type: 'public',
      site_admin: false,
    };
  }

  private comment(c: IssueComment) {
    return {
      url: `${this.url}/repos/${OWNER}/${REPO}/issues/comments/${c.id}`,
      html_url: `https://github.com/${OWNER}/${REPO}/pull/${c.issue}#issuecomment-${c.id}`,
      issue_url: `${this.url}/repos/${OWNER}/${REPO}/issues/${c.issue}`,
      id: c.id,
      node_id: `IC_kwDOGa${c.id}`,
      user: this.user(c.user),
      created_at: '2026-11-21T10:00:00Z',
      updated_at: '2026-11-21T10:00:00Z',
      author_association: c.user.type === 'Bot' ? 'NONE' : 'MEMBER',
      body: c.body,
      reactions: {
        url: `${this.url}/repos/${OWNER}/${REPO}/issues/comments/${c.id}/reactions`,
        total_count: 0,
        '+1': 0,
        '-1': 0,
        laugh: 0,
        hooray: 0,
        confused: 0,
        heart: 0,
        rocket: 0,
        eyes: 0,
      },
      performed_via_github_app: null,
    };
  }
}

/** GitHub's answer when a token lacks the permission (an installation token, a fork's read-only token). */
function forbidden(doc: string) {
  return {
    message: 'Resource not accessible by integration',
    documentation_url: `https://docs.github.com/rest/${doc}`,
    status: '403',
  };
}
