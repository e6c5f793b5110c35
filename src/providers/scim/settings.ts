import { z } from 'zod';
import type { Target } from '../../config/load.js';
import { formatLocation } from '../../model/diagnostic.js';
import { ConfigError } from '../../model/errors.js';
import { holdsSecret, registerSecret } from '../../util/secrets.js';
import { parseConnection } from '../connection.js';
import type { ScimAuth } from './client.js';
import { MATCH_ATTRIBUTES, type MatchAttribute } from './match.js';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Connection settings every SCIM-based provider shares. */
export const SCIM_CONNECTION_FIELDS = {
  token: z.string().min(1).optional().describe('Bearer token: ${env:NAME}'),
  username: z.string().min(1).optional().describe('Basic authentication user'),
  password: z.string().min(1).optional().describe('Basic authentication password: ${env:NAME}'),
  bulk: z.boolean().default(true).describe('Use /Bulk when the service offers it'),
  concurrency: z
    .number()
    .int()
    .min(1)
    .max(64)
    .default(8)
    .describe('Requests in flight at once without Bulk (Bulk requests go one at a time)'),
  timeoutMs: z.number().int().min(100).max(600_000).default(30_000),
  pageSize: z
    .number()
    .int()
    .min(1)
    .max(1000)
    .optional()
    .describe(
      'Resources per page when reading; default: what the service allows (filter.maxResults), at most 1000',
    ),
};

export const ScimConnection = z.strictObject({
  url: z.string().min(1).describe('Base URL of the SCIM service (…/scim/v2)'),
  match: z.enum(MATCH_ATTRIBUTES).default('userName').describe('User attribute that holds the member key'),
  hardDelete: z.boolean().default(false).describe('Allow DELETE /Users/{id} (offboard: delete)'),
  offboardGroups: z
    .enum(['keep', 'remove'])
    .default('keep')
    .describe(
      'What a removed (deactivated) user keeps: its group memberships (keep, the default), or none (remove: for groups that stand for licenses)',
    ),
  ...SCIM_CONNECTION_FIELDS,
});

export interface ScimSettings {
  url: string;
  auth: ScimAuth;
  match: MatchAttribute;
  hardDelete: boolean;
  /** Take a removed user out of its groups (default: keep them). */
  removeGroupsOnOffboard?: boolean;
  bulk: boolean;
  concurrency: number;
  timeoutMs: number;
  /** Absent: as large as the service allows. */
  pageSize?: number;
}

type Common = { token?: string; username?: string; password?: string };

/** Exactly one way to authenticate; https, or http only to this machine. */
export function authAndUrl(target: Target, c: Common & { url: string }): { auth: ScimAuth; url: string } {
  const fail = (detail: string): never => {
    throw new ConfigError(
      `${formatLocation(target.connectionAt)}: target "${target.name}": connection: ${detail}`,
    );
  };
  let url: URL;
  try {
    url = new URL(c.url);
  } catch {
    return fail('url: not a URL');
  }
  // A URL made with a secret is one: normalized (percent-encoding, "\\" to "/"), it no longer shows the value.
  if (holdsSecret(c.url)) for (const form of [url.href, url.href.replace(/\/+$/, '')]) registerSecret(form);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.has(url.hostname)))
    return fail('url: must be https (plain http only to 127.0.0.1/localhost)');
  if (url.username || url.password) return fail('url: put credentials in token, or username and password');
  if (c.token !== undefined && (c.username !== undefined || c.password !== undefined))
    return fail('give either token or username and password, not both');
  if (c.token !== undefined) return { auth: { token: c.token }, url: url.href };
  if (c.username !== undefined && c.password !== undefined)
    return { auth: { username: c.username, password: c.password }, url: url.href };
  return fail('authentication missing: token, or username and password');
}

export function scimSettings(target: Target): ScimSettings {
  const c = parseConnection(ScimConnection, target);
  const { auth, url } = authAndUrl(target, c);
  return {
    url,
    auth,
    match: c.match,
    hardDelete: c.hardDelete,
    ...(c.offboardGroups === 'remove' ? { removeGroupsOnOffboard: true } : {}),
    bulk: c.bulk,
    concurrency: c.concurrency,
    timeoutMs: c.timeoutMs,
    ...(c.pageSize !== undefined ? { pageSize: c.pageSize } : {}),
  };
}
