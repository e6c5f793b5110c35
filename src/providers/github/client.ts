import { Octokit } from 'octokit';
import { redact } from '../../util/secrets.js';
import type { GitHubSettings } from './settings.js';

/** How the client waits; tests make every wait a few milliseconds, never real seconds. */
export interface GitHubClientOptions {
  /** Plain log lines (rate limits, retries); never holds the token. */
  log?: (line: string) => void;
  /** Milliseconds per second of `retry-after` / `x-ratelimit-reset` and per unit of retry backoff. */
  retryAfterBaseValue?: number;
  /** Minimum time between two writes (GitHub's guidance: 1 s, the default). */
  writeIntervalMs?: number;
  /** Retries after a primary or secondary rate limit, per request (default 2). */
  rateLimitRetries?: number;
  /** A rate limit that lasts longer than this (seconds) is not waited out (default 900). */
  maxRateLimitWaitS?: number;
  /** Retries after a 5xx or a network error, per request (default 3). */
  serverErrorRetries?: number;
}

/**
 * An Octokit with the throttling plugin (waits out primary and secondary rate limits from
 * retry-after / x-ratelimit-reset; writes serial and at least 1 s apart) and the retry plugin (5xx and
 * network errors with backoff) — both part of `octokit`, so rollcall has no retry loop of its own.
 */
export function gitHubClient(settings: GitHubSettings, options: GitHubClientOptions = {}): Octokit {
  const log = (line: string) => options.log?.(redact(line));
  const retries = options.rateLimitRetries ?? 2;
  const maxWait = options.maxRateLimitWaitS ?? 900;
  const onLimit =
    (kind: string) =>
    (retryAfter: number, o: { method?: string; url?: string }, _: unknown, retryCount: number) => {
      const again = retryCount < retries && retryAfter <= maxWait;
      log(
        `GitHub ${kind} rate limit on ${o.method} ${String(o.url).replace(settings.apiUrl, '')}; ${again ? `retrying in ${retryAfter} s` : 'giving up'}`,
      );
      return again;
    };
  const throttle: Record<string, unknown> = {
    id: `rollcall-${settings.org}`,
    onRateLimit: onLimit('primary'),
    onSecondaryRateLimit: onLimit('secondary'),
  };
  if (options.retryAfterBaseValue !== undefined) throttle.retryAfterBaseValue = options.retryAfterBaseValue;
  // The plugin spaces writes 1 s apart, and writes that notify people (invitations) 3 s apart.
  if (options.writeIntervalMs !== undefined && options.writeIntervalMs !== 1000) {
    throttle.write = spacedGroup(options.writeIntervalMs);
    throttle.notifications = spacedGroup(options.writeIntervalMs);
  }
  const retry: Record<string, unknown> = { retries: options.serverErrorRetries ?? 3 };
  if (options.retryAfterBaseValue !== undefined) retry.retryAfterBaseValue = options.retryAfterBaseValue;
  return new Octokit({
    auth: settings.token,
    baseUrl: settings.apiUrl,
    userAgent: 'rollcall',
    throttle: throttle as never,
    retry,
    log: {
      debug: () => {},
      info: (m: string) => log(m),
      warn: (m: string) => log(m),
      error: (m: string) => log(m),
    },
  });
}

/**
 * A stand-in for the throttling plugin's write limiter (a Bottleneck group: `key(id).schedule(options,
 * fn, …args)`) that keeps writes serial with `gapMs` between them: tests pass 0.
 */
function spacedGroup(gapMs: number) {
  let chain: Promise<unknown> = Promise.resolve();
  let last = Number.NEGATIVE_INFINITY;
  const limiter = {
    schedule: (_options: unknown, fn: (...args: unknown[]) => unknown, ...args: unknown[]) => {
      const run = chain.then(async () => {
        const wait = last + gapMs - Date.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        last = Date.now();
        return fn(...args);
      });
      chain = run.catch(() => {});
      return run;
    },
  };
  return { key: () => limiter };
}

/** The HTTP status of an Octokit RequestError, if that is what `e` is. */
export function httpStatus(e: unknown): number | undefined {
  const status = (e as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : undefined;
}

/** GitHub's own words for a failed request, on one line, never with a credential. */
export function gitHubMessage(e: unknown): string {
  const err = e as {
    status?: number;
    message?: string;
    response?: { data?: { message?: string; errors?: { message?: string; code?: string }[] } };
  };
  const data = err?.response?.data;
  const details = (data?.errors ?? [])
    .map((x) => x?.message ?? x?.code)
    .filter((x): x is string => typeof x === 'string' && x !== '');
  const base = data?.message ?? err?.message ?? String(e);
  const text = details.length > 0 ? `${base}: ${details.join('; ')}` : base;
  return redact(text.replace(/\s+/g, ' ').trim()).slice(0, 300);
}
