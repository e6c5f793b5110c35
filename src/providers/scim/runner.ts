import type { ScimClient } from './client.js';
import type { ScimUser } from './directory.js';
import { ScimError } from './errors.js';
import { type Job, type JobContext, type MemberDelta, reactivateJob } from './jobs.js';
import { filterFor, keyOf } from './match.js';
import { readAll, toScimUser } from './read.js';
import { filterString, patchBody } from './schema-ids.js';
import type { ServiceConfig } from './service-config.js';

type Resource = Record<string, unknown>;

/** The id of a created resource: from its body, or the last segment of its location. */
export function createdId(body: unknown, location?: unknown): string | undefined {
  const id = (body as Resource | undefined)?.id;
  if (typeof id === 'string' && id) return id;
  if (typeof location !== 'string') return undefined;
  const last = location.replace(/\/+$/, '').split('/').pop();
  return last ? decodeURIComponent(last) : undefined;
}

export function memberOperation(m: MemberDelta, ref: string) {
  return m.op === 'add'
    ? { op: 'add' as const, path: 'members', value: [{ value: ref }] }
    : { op: 'remove' as const, path: `members[value eq ${filterString(ref)}]` };
}

/**
 * Carries out jobs one request at a time (what Bulk falls back to), and the recoveries both paths share:
 * a POST answered 409 adopts the existing user (an invite that already happened, or the same userName
 * in another case); a DELETE answered 404 and the removal of a membership that is not there succeed.
 */
export class JobRunner {
  constructor(
    private readonly client: ScimClient,
    private readonly ctx: JobContext,
    private readonly service: ServiceConfig,
    private readonly pageSize: number,
  ) {}

  async run(job: Job, signal?: AbortSignal): Promise<void> {
    let id = job.userId;
    if (job.user) {
      const { method, path, data, ifMatch } = job.user;
      try {
        const res = await this.client.send(method, path, data, { signal, ifMatch });
        if (method === 'POST') id = createdId(res.body);
        this.noteVersion(id, res.body);
      } catch (e) {
        if (!(e instanceof ScimError)) throw e;
        if (method === 'POST' && e.status === 409) return this.adopt(job, signal);
        if (!(method === 'DELETE' && e.status === 404)) throw this.explain(e, job);
      }
      if (id === undefined)
        throw new ScimError(`POST /Users: the service returned no id`, { transient: false });
    }
    await Promise.all(job.members.map((m) => this.member(m, id!, signal)));
    job.commit(id!);
  }

  /** One membership change, alone (also what a failed group operation in a Bulk falls back to). */
  async member(m: MemberDelta, userId: string, signal?: AbortSignal): Promise<void> {
    try {
      await this.client.send(
        'PATCH',
        `/Groups/${encodeURIComponent(m.group.id)}`,
        patchBody([memberOperation(m, userId)]),
        {
          signal,
        },
      );
    } catch (e) {
      if (e instanceof ScimError && m.op === 'remove' && e.scimType === 'noTarget') return;
      throw e;
    }
  }

  /** The user exists already (409): find it, and make it what the invite asks. */
  async adopt(job: Job, signal?: AbortSignal): Promise<void> {
    const u = await this.lookup(job.change.key, signal);
    if (!u)
      throw new ScimError(
        `POST /Users: 409: ${job.change.key} exists on the service but cannot be found by ${this.ctx.match}`,
        { status: 409, transient: false },
      );
    const built = reactivateJob(job.change, u, this.ctx);
    if ('error' in built) throw new ScimError(built.error, { transient: false });
    await this.run(built.job, signal);
  }

  /** Finds one user by key: with a filter where the service filters, else by reading all users. */
  async lookup(key: string, signal?: AbortSignal): Promise<ScimUser | undefined> {
    let found: Resource | undefined;
    if (this.service.filter.supported) {
      const q = new URLSearchParams({ filter: filterFor(this.ctx.match, key) });
      const res = await this.client.send('GET', `/Users?${q}`, undefined, { signal }); // a change: the executor retries
      const list = ((res.body as Resource | undefined)?.Resources ?? []) as Resource[];
      found = list.find((r) => keyOf(r, this.ctx.match) === key);
    }
    if (!found)
      found = (await readAll(this.client, '/Users', this.pageSize, this.service, signal)).find(
        (r) => keyOf(r, this.ctx.match) === key,
      );
    if (!found || typeof found.id !== 'string') return undefined;
    const u = toScimUser(found, key, this.ctx.roles);
    if (!this.ctx.roles) {
      // Memberships: the user's read-only `groups` where the service lists them, else the groups as read.
      const ids = new Set(
        (Array.isArray(found.groups) ? (found.groups as Resource[]) : []).map((g) => g?.value as string),
      );
      for (const g of this.ctx.dir.groups.values())
        if (ids.has(g.id) || g.members.has(u.id)) u.roles.add(g.name);
    }
    this.ctx.dir.dropUser(key);
    this.ctx.dir.addUser(u);
    for (const g of this.ctx.dir.groups.values()) if (u.roles.has(g.name)) g.members.add(u.id);
    return u;
  }

  noteVersion(id: string | undefined, body: unknown): void {
    const v = ((body as Resource | undefined)?.meta as Resource | undefined)?.version;
    const u = id === undefined ? undefined : this.ctx.dir.byId.get(id);
    if (u && typeof v === 'string') u.version = v;
  }

  explain(e: ScimError, job: Job): ScimError {
    if (e.status === 412 && job.user?.ifMatch)
      return new ScimError(
        `${e.message} (${job.change.key} changed on the service since it was read; run plan again)`,
        {
          ...e.info,
        },
      );
    return e;
  }
}
