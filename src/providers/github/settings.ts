import { z } from 'zod';
import type { Target } from '../../config/load.js';
import { formatLocation } from '../../model/diagnostic.js';
import { ConfigError } from '../../model/errors.js';
import { holdsSecret, registerSecret } from '../../util/secrets.js';
import { parseConnection } from '../connection.js';

export const DEFAULT_API_URL = 'https://api.github.com';
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** `connection` of a github target (design §5.2). */
export const GitHubConnection = z.strictObject({
  org: z
    .string()
    .regex(/^[A-Za-z\d](?:[A-Za-z\d]|-(?=[A-Za-z\d])){0,38}$/, 'not a GitHub organization login')
    .describe('Organization login'),
  token: z.string().min(1).describe('Fine-grained token or GitHub App installation token: ${env:NAME}'),
  apiUrl: z
    .string()
    .min(1)
    .optional()
    .describe(
      'REST API root; default GITHUB_API_URL, then https://api.github.com (GitHub Enterprise Server: https://HOST/api/v3)',
    ),
  inviteLimit: z
    .number()
    .int()
    .min(0)
    .optional()
    .describe('Invitations the organization may send per 24 hours (default: 50 on the free plan, else 500)'),
});

export interface GitHubSettings {
  org: string;
  token: string;
  apiUrl: string;
  inviteLimit?: number;
}

/** The connection, with apiUrl from the connection, else GITHUB_API_URL, else api.github.com. */
export function gitHubSettings(
  target: Target,
  env: Readonly<Record<string, string | undefined>> = process.env,
): GitHubSettings {
  const c = parseConnection(GitHubConnection, target);
  const raw = c.apiUrl ?? (env.GITHUB_API_URL?.trim() || DEFAULT_API_URL);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw fail(target, `apiUrl: not a URL${c.apiUrl === undefined ? ' (from GITHUB_API_URL)' : ''}`);
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.has(url.hostname)))
    throw fail(target, 'apiUrl: must be https (plain http only to 127.0.0.1/localhost)');
  if (url.username || url.password) throw fail(target, 'apiUrl: put the credential in token');
  if (holdsSecret(raw)) registerSecret(url.href);
  registerSecret(c.token);
  const settings: GitHubSettings = { org: c.org, token: c.token, apiUrl: url.href.replace(/\/+$/, '') };
  if (c.inviteLimit !== undefined) settings.inviteLimit = c.inviteLimit;
  return settings;
}

function fail(target: Target, detail: string): ConfigError {
  return new ConfigError(
    `${formatLocation(target.connectionAt)}: target "${target.name}": connection: ${detail}`,
  );
}
