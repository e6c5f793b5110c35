import { registerSecret } from '../../util/secrets.js';
import { sleep } from '../../util/sleep.js';
import { describeError, errorMessage, isTransientStatus, parseRetryAfter, ScimError } from './errors.js';

export type ScimAuth = { token: string } | { username: string; password: string };

export interface ScimResponse {
  status: number;
  body: unknown;
  etag?: string;
}

export interface RequestOptions {
  signal?: AbortSignal;
  /** ETag of the version the change was computed from (sent as If-Match). */
  ifMatch?: string;
}

export const SCIM_JSON = 'application/scim+json';

/**
 * HTTP for one SCIM service: authentication, JSON, a timeout per request, and errors classified as
 * transient (network, timeout, 429, 5xx, with Retry-After) or permanent (other 4xx, with the SCIM
 * `scimType` and `detail`). It never retries: the executor does. Counts the requests it sends.
 */
export class ScimClient {
  /** Requests sent, for reports and benchmarks. */
  requests = 0;
  private readonly authorization: string;

  constructor(
    readonly baseUrl: string,
    auth: ScimAuth,
    private readonly timeoutMs: number,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {
    this.baseUrl = baseUrl.replace(/\/+$/, '');
    if ('token' in auth) {
      registerSecret(auth.token);
      this.authorization = `Bearer ${auth.token}`;
    } else {
      registerSecret(auth.password);
      this.authorization = `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}`;
    }
    registerSecret(this.authorization);
  }

  /** Waits between read retries (tests make time pass instantly). */
  sleep: (ms: number, signal?: AbortSignal) => Promise<void> = sleep;
  /** Read retries done, for reports. */
  readRetries = 0;

  /** A GET, retried on transient failures honoring Retry-After, at most READ_RETRY.attempts times. */
  async get(path: string, signal?: AbortSignal): Promise<ScimResponse> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.send('GET', path, undefined, { signal });
      } catch (e) {
        if (!(e instanceof ScimError) || !e.transient || attempt >= READ_RETRY.attempts) throw e;
        const backoff = Math.min(READ_RETRY.maxDelayMs, READ_RETRY.baseDelayMs * 2 ** (attempt - 1));
        const wait = e.retryAfterMs ?? backoff;
        if (wait > READ_RETRY.maxRetryAfterMs) throw e;
        this.readRetries++;
        await this.sleep(wait, signal);
      }
    }
  }

  /** A request; resolves with 2xx answers, throws ScimError otherwise. */
  async send(
    method: string,
    path: string,
    body?: unknown,
    options: RequestOptions = {},
  ): Promise<ScimResponse> {
    const what = `${method} ${path.split('?')[0]}`;
    const headers: Record<string, string> = { accept: SCIM_JSON, authorization: this.authorization };
    if (body !== undefined) headers['content-type'] = SCIM_JSON;
    if (options.ifMatch) headers['if-match'] = options.ifMatch;
    const timeout = AbortSignal.timeout(this.timeoutMs);
    const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
    this.requests++;
    let res: Response;
    let text: string;
    try {
      res = await this.fetchImpl(`${this.baseUrl}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal,
      });
      text = await res.text();
    } catch (e) {
      if (options.signal?.aborted) throw options.signal.reason;
      const timedOut = timeout.aborted;
      const cause = (e as { cause?: { code?: string } }).cause?.code;
      throw new ScimError(
        `${what}: ${timedOut ? `no answer within ${this.timeoutMs} ms` : `network error${cause ? ` (${cause})` : ''}`}`,
        { transient: true },
      );
    }
    const parsed = parseBody(text);
    if (res.ok) {
      const out: ScimResponse = { status: res.status, body: parsed };
      const etag = res.headers.get('etag');
      if (etag) out.etag = etag;
      return out;
    }
    const info = describeError(res.status, parsed);
    const transient = isTransientStatus(res.status);
    const retryAfterMs = transient ? parseRetryAfter(res.headers.get('retry-after')) : undefined;
    throw new ScimError(errorMessage(what, res.status, info), {
      status: res.status,
      ...info,
      transient,
      ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    });
  }
}

/** Reads (GET) are not changes, so the executor does not retry them: the client does, within a bound. */
export const READ_RETRY = { attempts: 5, baseDelayMs: 200, maxDelayMs: 10_000, maxRetryAfterMs: 60_000 };

function parseBody(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
