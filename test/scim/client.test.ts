import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { Target } from '../../src/config/load.js';
import { ConfigError } from '../../src/model/errors.js';
import { chunk } from '../../src/providers/scim/bulk.js';
import { ScimClient } from '../../src/providers/scim/client.js';
import { parseRetryAfter, ScimError } from '../../src/providers/scim/errors.js';
import { parseServiceConfig } from '../../src/providers/scim/service-config.js';
import { scimSettings } from '../../src/providers/scim/settings.js';

let server: Server | undefined;
afterEach(() => {
  server?.closeAllConnections();
  server?.close();
  server = undefined;
});

/** A bare HTTP server answering each request with the next scripted reply. */
async function scripted(
  replies: { status: number; headers?: Record<string, string>; body?: string; hang?: boolean }[],
) {
  server = createServer((_req, res) => {
    const r = replies.shift()!;
    if (r.hang) return;
    res.writeHead(r.status, { 'content-type': 'application/scim+json', ...r.headers });
    res.end(r.body ?? '');
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server!.address() as AddressInfo).port}`;
}

async function failure(p: Promise<unknown>): Promise<ScimError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ScimError) return e;
    throw e;
  }
  throw new Error('expected a ScimError');
}

describe('ScimClient', () => {
  it('classifies 429 and 5xx as transient with Retry-After, other 4xx as permanent with scimType and detail', async () => {
    const url = await scripted([
      { status: 429, headers: { 'retry-after': '7' } },
      { status: 503, headers: { 'retry-after': 'Wed, 21 Oct 2099 07:28:00 GMT' }, body: 'busy' },
      {
        status: 409,
        body: JSON.stringify({ status: '409', scimType: 'uniqueness', detail: 'userName taken' }),
      },
    ]);
    const c = new ScimClient(url, { token: 'tok-abcdef' }, 2000);
    const a = await failure(c.send('POST', '/Users', {}));
    expect(a.info).toMatchObject({ status: 429, transient: true, retryAfterMs: 7000 });
    const b = await failure(c.send('GET', '/Users?startIndex=1'));
    expect(b.transient).toBe(true);
    expect(b.retryAfterMs).toBeGreaterThan(1000);
    expect(b.message).toBe('GET /Users: 503: busy');
    const d = await failure(c.send('POST', '/Users', {}));
    expect(d.info).toMatchObject({
      status: 409,
      scimType: 'uniqueness',
      detail: 'userName taken',
      transient: false,
    });
    expect(d.message).toBe('POST /Users: 409: uniqueness: userName taken');
    expect(c.requests).toBe(3);
  });

  it('a timeout and a refused connection are transient', async () => {
    const url = await scripted([{ status: 200, hang: true }]);
    const c = new ScimClient(url, { username: 'u', password: 'pass-word' }, 200);
    expect((await failure(c.send('GET', '/Users'))).message).toBe('GET /Users: no answer within 200 ms');
    const closed = new ScimClient('http://127.0.0.1:9', { token: 'tok-abcdef' }, 2000);
    expect((await failure(closed.send('GET', '/Users'))).info).toMatchObject({ transient: true });
  });

  it('retries reads on transient failures, waiting what Retry-After says', async () => {
    const url = await scripted([
      { status: 503, headers: { 'retry-after': '2' } },
      { status: 429 },
      { status: 200, body: '{"ok":true}' },
    ]);
    const c = new ScimClient(url, { token: 'tok-abcdef' }, 2000);
    const waits: number[] = [];
    c.sleep = async (ms) => {
      waits.push(ms);
    };
    expect((await c.get('/ServiceProviderConfig')).body).toEqual({ ok: true });
    expect(waits).toEqual([2000, 400]);
  });

  it('parses Retry-After as seconds or an HTTP date', () => {
    expect(parseRetryAfter('3')).toBe(3000);
    expect(parseRetryAfter('Thu, 01 Jan 1970 00:00:10 GMT', 4000)).toBe(6000);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(null)).toBeUndefined();
  });
});

it('reads ServiceProviderConfig defensively', () => {
  expect(
    parseServiceConfig({
      patch: { supported: true },
      bulk: { supported: true, maxOperations: '50', maxPayloadSize: 1000 },
      filter: { supported: true, maxResults: 100 },
      etag: { supported: true },
    }),
  ).toEqual({
    patch: true,
    bulk: { supported: true, maxOperations: 50, maxPayloadSize: 1000 },
    filter: { supported: true, maxResults: 100 },
    sort: false,
    etag: true,
  });
  expect(parseServiceConfig({ bulk: { supported: true, maxOperations: 0 } }).bulk.supported).toBe(false);
  expect(parseServiceConfig('nonsense').patch).toBe(false);
});

describe('scim connection', () => {
  const target = (connection: Record<string, unknown>) =>
    ({
      name: 't',
      provider: 'scim',
      connection,
      connectionAt: { file: 'rollcall.yaml', line: 5, column: 5 },
    }) as unknown as Target;
  const problem = (connection: Record<string, unknown>) => {
    try {
      scimSettings(target(connection));
    } catch (e) {
      if (e instanceof ConfigError) return e.message;
      throw e;
    }
    return 'accepted';
  };

  it('wants https (plain http only to this machine) and exactly one way to authenticate', () => {
    expect(problem({ url: 'http://scim.example.com/v2', token: 'x' })).toMatch(/must be https/);
    expect(problem({ url: 'http://127.0.0.1:8080/scim', token: 'x' })).toBe('accepted');
    expect(problem({ url: 'https://s.example.com', token: 'x', username: 'u', password: 'p' })).toMatch(
      /either token/,
    );
    expect(problem({ url: 'https://s.example.com' })).toMatch(/authentication missing/);
    expect(problem({ url: 'https://s.example.com', tokn: 'x' })).toMatch(/unknown key "tokn".*token/);
    expect(problem({ url: 'https://s.example.com', token: 'x', match: 'mail' })).toMatch(/match/);
    expect(problem({ url: 'https://s.example.com', token: 'secret-value-1', bulk: 'yes' })).not.toContain(
      'secret-value-1',
    );
  });
});

it('Bulk packing cuts at maxOperations and before maxPayloadSize', () => {
  const items = Array.from({ length: 10 }, (_, i) => i);
  expect(
    chunk(
      items,
      () => 1,
      () => 10,
      { maxOperations: 4, maxPayloadSize: 10_000 },
    ).map((c) => c.length),
  ).toEqual([4, 4, 2]);
  // 512 bytes of envelope, then 300 per item: three fit under 1,500.
  expect(
    chunk(
      items,
      () => 1,
      () => 300,
      { maxOperations: 100, maxPayloadSize: 1500 },
    ).map((c) => c.length),
  ).toEqual([3, 3, 3, 1]);
  // An item that costs no operation (memberships only) never starts a new request by count.
  expect(
    chunk(
      items,
      (i) => (i % 2 ? 0 : 1),
      () => 1,
      { maxOperations: 2, maxPayloadSize: 10_000 },
    ),
  ).toEqual([
    [0, 1, 2, 3],
    [4, 5, 6, 7],
    [8, 9],
  ]);
});
