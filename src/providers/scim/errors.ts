import { redact } from '../../util/secrets.js';

/** What a SCIM service answered (or failed to answer); never carries a credential. */
export class ScimError extends Error {
  override readonly name = 'ScimError';
  constructor(
    message: string,
    readonly info: {
      status?: number;
      scimType?: string;
      detail?: string;
      /** Worth another try: network failure, timeout, 429, 5xx. */
      transient: boolean;
      retryAfterMs?: number;
    },
  ) {
    super(redact(message));
  }

  get status(): number | undefined {
    return this.info.status;
  }
  get scimType(): string | undefined {
    return this.info.scimType;
  }
  get transient(): boolean {
    return this.info.transient;
  }
  get retryAfterMs(): number | undefined {
    return this.info.retryAfterMs;
  }
}

/** `Retry-After`: delay-seconds or an HTTP-date (RFC 9110 §10.2.3); undefined when absent or unreadable. */
export function parseRetryAfter(
  value: string | null | undefined,
  now: number = Date.now(),
): number | undefined {
  if (value === null || value === undefined) return undefined;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number.parseInt(v, 10) * 1000;
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

export function isTransientStatus(status: number): boolean {
  return status === 429 || status >= 500;
}

/** A SCIM error body (RFC 7644 §3.12) or whatever came instead, as one line. */
export function describeError(status: number, body: unknown): { scimType?: string; detail?: string } {
  if (body && typeof body === 'object') {
    const b = body as Record<string, unknown>;
    const out: { scimType?: string; detail?: string } = {};
    if (typeof b.scimType === 'string' && b.scimType) out.scimType = b.scimType;
    if (typeof b.detail === 'string' && b.detail) out.detail = oneLine(b.detail);
    if (out.detail === undefined && typeof b.message === 'string') out.detail = oneLine(b.message);
    return out;
  }
  if (typeof body === 'string' && body.trim() && status !== 0) return { detail: oneLine(body) };
  return {};
}

export function oneLine(s: string, max = 300): string {
  // Masked before the cut (and again once whitespace is collapsed): a secret across the cut would leave a part.
  const line = redact(redact(s).replace(/\s+/g, ' ').trim());
  return line.length > max ? `${line.slice(0, max)}…` : line;
}

/** "PATCH /Users/42: 409 uniqueness: userName is taken" */
export function errorMessage(
  what: string,
  status: number,
  info: { scimType?: string; detail?: string },
): string {
  return [what, String(status), info.scimType, info.detail].filter(Boolean).join(': ');
}
