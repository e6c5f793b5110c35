import type { AddressInfo } from 'node:net';
import express from 'express';
import SCIMMY from 'scimmy';
import SCIMMYRouters from 'scimmy-routers';
import { segmentBulkRequests } from './bulk.js';
import { ServerControl } from './control.js';
import { ScimStore } from './store.js';

export interface ScimServerOptions {
  /** Bearer token the server accepts. */
  token?: string;
  /** Or HTTP basic credentials. */
  basic?: { username: string; password: string };
  /** Where the SCIM endpoints are mounted (Anaplan: /scim/1/0/v2). */
  basePath?: string;
  bulk?: { supported: boolean; maxOperations?: number; maxPayloadSize?: number };
  /** filter.maxResults: the most resources one page returns. */
  maxResults?: number;
}

export interface ScimTestServer {
  /** Origin plus basePath: what a rollcall connection `url` names. */
  url: string;
  origin: string;
  store: ScimStore;
  control: ServerControl;
  close(): Promise<void>;
}

/** The store SCIMMY's (process-wide) handlers work on: the server started last. */
let active: ScimStore | undefined;
let declared = false;

function store(): ScimStore {
  if (!active) throw new SCIMMY.Types.Error(503, null as unknown as string, 'no SCIM test server is running');
  return active;
}

function declare(): void {
  if (declared) return;
  declared = true;
  segmentBulkRequests();
  SCIMMY.Resources.declare(SCIMMY.Resources.User, {
    ingress: (r: never, i: unknown) => store().userIngress(r, i),
    egress: (r: never) => store().userEgress(r),
    degress: (r: never) => store().userDegress(r),
  } as never);
  SCIMMY.Resources.declare(SCIMMY.Resources.Group, {
    ingress: (r: never, i: unknown) => store().groupIngress(r, i),
    egress: (r: never) => store().groupEgress(r),
    degress: (r: never) => store().groupDegress(r),
  } as never);
}

/**
 * A real SCIM 2.0 service for tests and benchmarks: SCIMMY (RFC 7643/7644 parsing, filters, PATCH, Bulk)
 * and its express routers over an in-memory store, on 127.0.0.1 and a free port. SCIMMY's configuration
 * is process-wide, so one server runs at a time in a process (vitest runs each file in its own).
 */
export async function startScimServer(options: ScimServerOptions = {}): Promise<ScimTestServer> {
  if (active) throw new Error('a SCIM test server is already running in this process');
  declare();
  const s = new ScimStore();
  const control = new ServerControl();
  const basic = options.basic
    ? `Basic ${Buffer.from(`${options.basic.username}:${options.basic.password}`).toString('base64')}`
    : undefined;
  const routers = new SCIMMYRouters({
    type: basic ? 'basic' : 'bearer',
    handler: (req: express.Request) => {
      const got = req.header('authorization');
      if (got !== (basic ?? `Bearer ${options.token ?? 'test-token'}`)) throw new Error('Not authorized');
      return 'rollcall';
    },
  });
  const b = options.bulk ?? { supported: true };
  SCIMMY.Config.set('bulk', {
    supported: b.supported,
    maxOperations: b.maxOperations ?? 1000,
    maxPayloadSize: b.maxPayloadSize ?? 1_048_576,
  });
  SCIMMY.Config.set('filter', { supported: true, maxResults: options.maxResults ?? 200 });

  const base = options.basePath ?? '/scim/v2';
  const app = express();
  app.use(base, express.json({ type: ['application/scim+json', 'application/json'], limit: '50mb' }));
  app.use(base, control.middleware);
  app.use(base, routers);
  const server = app.listen(0, '127.0.0.1');
  // Idle connections stay open: with Node's 5 s keep-alive timeout, a loaded machine's pause between two
  // requests let the server close a socket the client was just sending on (ECONNRESET), and a test's
  // request counts then measured the machine (a Bulk request failed and fell back to single writes).
  server.keepAliveTimeout = 0;
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  active = s;
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: `${origin}${base}`,
    origin,
    store: s,
    control,
    close: () =>
      new Promise<void>((resolve) => {
        active = undefined;
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
