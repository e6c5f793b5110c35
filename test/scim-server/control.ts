import type { NextFunction, Request, Response } from 'express';

export interface RequestStats {
  /** Every request that reached the server, injected failures included. */
  requests: number;
  reads: number;
  /** Write requests outside /Bulk (POST, PUT, PATCH, DELETE). */
  writes: number;
  bulkRequests: number;
  /** Operations inside the Bulk requests. */
  bulkOperations: number;
  /** Failures injected on command (429/503). */
  injected: number;
  /** Requests per "METHOD /Resource". */
  byRoute: Record<string, number>;
}

const emptyStats = (): RequestStats => ({
  requests: 0,
  reads: 0,
  writes: 0,
  bulkRequests: 0,
  bulkOperations: 0,
  injected: 0,
  byRoute: {},
});

/** A small seeded PRNG (mulberry32): the same faults in every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface FaultPlan {
  /** Share of requests answered with a failure, 0..1. */
  rate: number;
  statuses?: number[];
  /** Retry-After header value (seconds), or none. */
  retryAfter?: string;
  seed?: number;
  /** Also fail reads (GET); default true. */
  reads?: boolean;
}

/**
 * What a test commands the SCIM server to do beyond SCIM: count requests, add latency, answer some
 * requests 429/503 with Retry-After, and run writes one at a time (a database's transaction: SCIMMY's
 * PATCH is read-modify-write, and two at once on one group would lose a member).
 */
export class ServerControl {
  stats: RequestStats = emptyStats();
  latencyMs = 0;
  /** Injected errors quote the request's Authorization header (a careless server; secrets must not leak). */
  echoAuthorization = false;
  private fault: FaultPlan | undefined;
  private random: () => number = Math.random;
  private failNextQueue: { status: number; retryAfter?: string }[] = [];
  private writeTail: Promise<void> = Promise.resolve();

  resetStats(): void {
    this.stats = emptyStats();
  }

  injectFaults(plan: FaultPlan | undefined): void {
    this.fault = plan;
    this.random = prng(plan?.seed ?? 1);
  }

  /** The next `n` write requests (not GETs) fail with `status`. */
  failNext(n: number, status = 503, retryAfter?: string): void {
    for (let i = 0; i < n; i++)
      this.failNextQueue.push(retryAfter === undefined ? { status } : { status, retryAfter });
  }

  private pickFault(isRead: boolean): { status: number; retryAfter?: string } | undefined {
    const next = isRead ? undefined : this.failNextQueue.shift();
    if (next) return next;
    const f = this.fault;
    if (!f || (isRead && f.reads === false) || this.random() >= f.rate) return undefined;
    const statuses = f.statuses ?? [429, 503];
    const status = statuses[Math.floor(this.random() * statuses.length)]!;
    return f.retryAfter === undefined ? { status } : { status, retryAfter: f.retryAfter };
  }

  /** Express middleware; mount after the JSON body parser and before the SCIMMY routers. */
  middleware = (req: Request, res: Response, next: NextFunction): void => {
    const s = this.stats;
    s.requests++;
    const parts = req.path.split('/').filter(Boolean);
    const route = `${req.method} /${parts.find((p) => p === 'Users' || p === 'Groups') ?? parts.pop() ?? ''}`;
    s.byRoute[route] = (s.byRoute[route] ?? 0) + 1;
    const isRead = req.method === 'GET';
    const isBulk = req.method === 'POST' && req.path.endsWith('/Bulk');
    if (isRead) s.reads++;
    else if (isBulk) {
      s.bulkRequests++;
      const ops = (req.body as { Operations?: unknown[] } | undefined)?.Operations;
      s.bulkOperations += Array.isArray(ops) ? ops.length : 0;
    } else s.writes++;
    const go = () => {
      const fault = this.pickFault(isRead);
      if (fault) {
        s.injected++;
        if (fault.retryAfter !== undefined) res.setHeader('Retry-After', fault.retryAfter);
        res
          .status(fault.status)
          .type('application/scim+json')
          .send({
            schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
            status: String(fault.status),
            detail: `${fault.status === 429 ? 'Too many requests' : fault.status >= 500 ? 'Service unavailable' : 'Refused'} (injected)${this.echoAuthorization ? ` for ${req.header('authorization')}` : ''}`,
          });
        return;
      }
      if (isRead) return next();
      // One write at a time.
      const prev = this.writeTail;
      let done!: () => void;
      this.writeTail = new Promise<void>((r) => {
        done = r;
      });
      res.once('close', () => done());
      void prev.then(() => next());
    };
    if (this.latencyMs > 0) setTimeout(go, this.latencyMs);
    else go();
  };
}
