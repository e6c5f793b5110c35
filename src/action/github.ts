import * as core from '@actions/core';
import { Octokit } from 'octokit';
import { redact } from '../util/secrets.js';

export type GitHub = Octokit;

/** Retries after a rate limit at most this many times per request. */
const RATE_LIMIT_RETRIES = 2;

/**
 * An Octokit for GITHUB_API_URL (github.com or GitHub Enterprise Server) with the throttling plugin
 * (waits out primary and secondary rate limits) and the retry plugin (5xx and network errors), both
 * included in `octokit`.
 */
export function gitHub(token: string, baseUrl: string): GitHub {
  const onLimit =
    (kind: string) =>
    (retryAfter: number, options: { method?: string; url?: string }, _: unknown, retryCount: number) => {
      const retry = retryCount < RATE_LIMIT_RETRIES;
      core.warning(
        `GitHub ${kind} rate limit on ${options.method} ${options.url}; ${retry ? `retrying in ${retryAfter} s` : 'giving up'}`,
      );
      return retry;
    };
  return new Octokit({
    auth: token,
    baseUrl,
    userAgent: 'rollcall-action',
    throttle: { onRateLimit: onLimit('primary'), onSecondaryRateLimit: onLimit('secondary') },
    log: {
      debug: (m: string) => core.debug(redact(m)),
      info: (m: string) => core.debug(redact(m)),
      warn: (m: string) => core.warning(redact(m)),
      error: (m: string) => core.warning(redact(m)),
    },
  });
}

/** The HTTP status of an Octokit RequestError, if that is what `e` is. */
export function httpStatus(e: unknown): number | undefined {
  const status = (e as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : undefined;
}
