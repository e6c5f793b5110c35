import { Semaphore } from '../../util/pool.js';
import { heldBack, outcomeUnknown } from './bulk-outcome.js';
import type { ScimClient } from './client.js';
import { describeError, errorMessage, isTransientStatus, ScimError } from './errors.js';
import type { Job, MemberDelta } from './jobs.js';
import { createdId, type JobRunner, memberOperation } from './runner.js';
import { BULK_REQUEST, patchBody } from './schema-ids.js';

interface Entry {
  job: Job;
  signal?: AbortSignal;
  resolve: () => void;
  reject: (e: unknown) => void;
}

export interface BulkLimits {
  maxOperations: number;
  maxPayloadSize: number;
  /** Bulk requests in flight at once. */
  parallel: number;
}

type Resource = Record<string, unknown>;

/**
 * Sends jobs through `/Bulk`. Jobs submitted in the same turn of the event loop (the executor's concurrent
 * single-change calls) are packed into requests of at most maxOperations user operations (and under
 * maxPayloadSize), then a second request holds one PATCH per group with every membership of the batch.
 * Memberships use the real ids of new users rather than bulkId references: servers resolve those
 * unevenly (SCIMMY 1.3 resolves only the last reference in an operation), and a failed POST would fail
 * the whole group operation. `failOnErrors` is left unset, so one bad user fails alone; a failed group
 * operation is retried one membership at a time, so it fails only the member that caused it.
 */
export class BulkQueue {
  private pending: Entry[] = [];
  private scheduled = false;
  private readonly inFlight: Semaphore;
  private seq = 0;
  /** Bulk requests sent (for reports and benchmarks). */
  requests = 0;
  /**
   * A Bulk request got no answer: what the service did is unknown, so this queue sends nothing more (its
   * entries fail as transient) and the provider reads the service again before the retry.
   */
  unknownOutcome = false;

  constructor(
    private readonly client: ScimClient,
    private readonly runner: JobRunner,
    private readonly limits: BulkLimits,
  ) {
    this.inFlight = new Semaphore(limits.parallel);
  }

  submit(job: Job, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push({ job, signal, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /**
   * Everything submitted in one turn (the executor hands over a whole phase): the user operations in
   * Bulk requests of at most maxOperations, then the memberships of all of them, one PATCH per group.
   */
  private flush(): void {
    this.scheduled = false;
    const entries = this.pending;
    this.pending = [];
    const ids = new Map<Entry, string>();
    void Promise.all(this.pack(entries).map((batch) => this.users(batch, ids))).then(() =>
      this.memberships(
        entries.filter((e) => ids.has(e)),
        ids,
      ),
    );
  }

  /** Packing by user operations: at most maxOperations, and the JSON under maxPayloadSize. */
  private pack(entries: Entry[]): Entry[][] {
    return chunk(
      entries,
      (e) => (e.job.user ? 1 : 0),
      (e) => (e.job.user ? jsonSize(e.job.user) : 0),
      this.limits,
    );
  }

  /** Stage one: the user operations of a batch in one request; `ids` gets the users the batch leaves. */
  private async users(batch: Entry[], ids: Map<Entry, string>): Promise<void> {
    const withUser = batch.filter((e) => e.job.user);
    for (const e of batch) if (!e.job.user) ids.set(e, e.job.userId!);
    if (withUser.length === 0) return;
    const ops = withUser.map((e) => userOperation(e.job, ++this.seq));
    const results = await this.request(withUser, ops);
    if (!results) return;
    await Promise.all(
      withUser.map(async (e, i) => {
        try {
          const id = await this.userOutcome(e, results[i]);
          if (id === undefined)
            e.resolve(); // adopted: done by the runner
          else ids.set(e, id);
        } catch (err) {
          e.reject(err);
        }
      }),
    );
  }

  /** Stage two: one PATCH per group with every membership of the phase (real ids, no bulkId references). */
  private async memberships(entries: Entry[], ids: Map<Entry, string>): Promise<void> {
    const byGroup = new Map<string, { entry: Entry; delta: MemberDelta }[]>();
    for (const e of entries)
      for (const delta of e.job.members) {
        const list = byGroup.get(delta.group.id) ?? [];
        list.push({ entry: e, delta });
        byGroup.set(delta.group.id, list);
      }
    const failedGroups = new Set<string>();
    const parts = chunk(
      [...byGroup.entries()],
      () => 1,
      ([, items]) => 40 * items.length + 200,
      this.limits,
    );
    for (const part of parts) {
      const ops = part.map(([groupId, items]) => {
        const removes = items
          .filter((x) => x.delta.op === 'remove')
          .map((x) => memberOperation(x.delta, ids.get(x.entry)!));
        const adds = items.filter((x) => x.delta.op === 'add').map((x) => ({ value: ids.get(x.entry)! }));
        const all =
          adds.length > 0 ? [...removes, { op: 'add' as const, path: 'members', value: adds }] : removes;
        return { method: 'PATCH', path: `/Groups/${encodeURIComponent(groupId)}`, data: patchBody(all) };
      });
      const touched = [...new Set(part.flatMap(([, items]) => items.map((x) => x.entry)))];
      const results = await this.request(touched, ops, true);
      if (!results && this.unknownOutcome) {
        // Those groups may or may not have changed: the retry, after a re-read, will know.
        for (const [groupId] of part) failedGroups.add(groupId);
        continue;
      }
      part.forEach(([groupId], j) => {
        const status = Number(results?.[j]?.status ?? 0);
        if (!(status >= 200 && status < 300)) failedGroups.add(groupId);
      });
    }
    await Promise.all(
      entries.map(async (e) => {
        try {
          if (this.unknownOutcome && e.job.members.some((d) => failedGroups.has(d.group.id)))
            throw heldBack();
          // A group operation that failed is retried for this member alone: it fails only the one that caused it.
          for (const delta of e.job.members)
            if (failedGroups.has(delta.group.id)) await this.runner.member(delta, ids.get(e)!, e.signal);
          e.job.commit(ids.get(e)!);
          e.resolve();
        } catch (err) {
          e.reject(err);
        }
      }),
    );
  }

  /** POST /Bulk; undefined (and every entry rejected) when the request as a whole failed. */
  private async request(entries: Entry[], ops: Resource[], keep = false): Promise<Resource[] | undefined> {
    const request = { schemas: [BULK_REQUEST], Operations: ops };
    await this.inFlight.acquire();
    try {
      if (this.unknownOutcome) throw heldBack();
      this.requests++;
      const res = await this.client.send('POST', '/Bulk', request, { signal: entries[0]?.signal });
      const out = (res.body as Resource | undefined)?.Operations;
      return Array.isArray(out) ? (out as Resource[]) : [];
    } catch (e) {
      if (outcomeUnknown(e)) this.unknownOutcome = true;
      if (keep) return undefined; // memberships fall back to one request each
      for (const entry of entries) entry.reject(e);
      return undefined;
    } finally {
      this.inFlight.release();
    }
  }

  /** The user's id after its operation, undefined when the job was finished another way (adopted). */
  private async userOutcome(entry: Entry, r: Resource | undefined): Promise<string | undefined> {
    const { job } = entry;
    const method = job.user!.method;
    const status = Number(r?.status ?? 0);
    if (!(status >= 200 && status < 300)) {
      if (method === 'POST' && status === 409) {
        await this.runner.adopt(job, entry.signal);
        return undefined;
      }
      if (!(method === 'DELETE' && status === 404)) throw this.runner.explain(opError(job, r, status), job);
    }
    const id = method === 'POST' ? createdId(r?.response, r?.location) : job.userId;
    if (id === undefined)
      throw new ScimError('POST /Users: the service returned no id', { transient: false });
    if (typeof r?.version === 'string') this.runner.noteVersion(id, { meta: { version: r.version } });
    return id;
  }
}

/** Room kept for the request's envelope. */
const ENVELOPE = 512;

function jsonSize(v: unknown): number {
  return Buffer.byteLength(JSON.stringify(v)) + 64;
}

/** Items in order, cut where the next would pass maxOperations (by `ops`) or maxPayloadSize (by `bytes`). */
export function chunk<T>(
  items: readonly T[],
  ops: (item: T) => number,
  bytes: (item: T) => number,
  limits: Pick<BulkLimits, 'maxOperations' | 'maxPayloadSize'>,
): T[][] {
  const out: T[][] = [];
  let cur: T[] = [];
  let n = 0;
  let size = ENVELOPE;
  for (const item of items) {
    const o = ops(item);
    const b = bytes(item);
    if (cur.length > 0 && (n + o > limits.maxOperations || size + b > limits.maxPayloadSize)) {
      out.push(cur);
      cur = [];
      n = 0;
      size = ENVELOPE;
    }
    cur.push(item);
    n += o;
    size += b;
  }
  if (cur.length > 0) out.push(cur);
  return out;
}

function userOperation(job: Job, seq: number): Resource {
  const u = job.user!;
  const op: Resource = { method: u.method, path: u.path };
  if (u.data !== undefined) op.data = u.data;
  if (u.ifMatch) op.version = u.ifMatch;
  if (u.method === 'POST') op.bulkId = `r${seq}`;
  return op;
}

function opError(job: Job, r: Resource | undefined, status: number): ScimError {
  const what = `${job.user!.method} ${job.user!.path}`;
  if (!r) return new ScimError(`${what}: the Bulk response has no result for it`, { transient: true });
  const info = describeError(status, r.response);
  return new ScimError(errorMessage(`${what} (in Bulk)`, status, info), {
    status,
    ...info,
    transient: isTransientStatus(status),
  });
}
