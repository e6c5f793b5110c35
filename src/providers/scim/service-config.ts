import type { ScimClient } from './client.js';

/** What a SCIM service says it supports (RFC 7643 §5), read from `/ServiceProviderConfig`. */
export interface ServiceConfig {
  patch: boolean;
  bulk: { supported: boolean; maxOperations: number; maxPayloadSize: number };
  filter: { supported: boolean; maxResults: number };
  sort: boolean;
  etag: boolean;
}

/** Assumed when the service does not say: the least a SCIM 2.0 service must do. */
export const MINIMAL_SERVICE: ServiceConfig = {
  patch: false,
  bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
  filter: { supported: false, maxResults: 0 },
  sort: false,
  etag: false,
};

export function parseServiceConfig(body: unknown): ServiceConfig {
  const b = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const supported = (k: string) => Boolean((b[k] as { supported?: unknown } | undefined)?.supported === true);
  const num = (k: string, f: string) => {
    const v = (b[k] as Record<string, unknown> | undefined)?.[f];
    const n = typeof v === 'string' ? Number(v) : v;
    return typeof n === 'number' && Number.isFinite(n) && n > 0 ? Math.floor(n) : 0;
  };
  const bulkOk = supported('bulk') && num('bulk', 'maxOperations') > 0;
  return {
    patch: supported('patch'),
    bulk: {
      supported: bulkOk,
      maxOperations: bulkOk ? num('bulk', 'maxOperations') : 0,
      maxPayloadSize: bulkOk ? num('bulk', 'maxPayloadSize') || 1_048_576 : 0,
    },
    filter: { supported: supported('filter'), maxResults: num('filter', 'maxResults') },
    sort: supported('sort'),
    etag: supported('etag'),
  };
}

export async function readServiceConfig(client: ScimClient, signal?: AbortSignal): Promise<ServiceConfig> {
  const res = await client.get('/ServiceProviderConfig', signal);
  return parseServiceConfig(res.body);
}
