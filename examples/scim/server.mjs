// A SCIM 2.0 service on 127.0.0.1, in memory, for trying rollcall without a tenant: SCIMMY (RFC 7643/7644:
// filters, PATCH, Bulk) and its express routers, from rollcall's devDependencies (`npm ci` installs them).
// Not for production: no persistence, one bearer token.
import express from 'express';
import SCIMMY from 'scimmy';
import SCIMMYRouters from 'scimmy-routers';

const READ_ONLY = ['schemas', 'meta', 'id', 'groups'];
const plain = (instance) => {
  const o = JSON.parse(JSON.stringify(instance));
  for (const k of READ_ONLY) delete o[k];
  return o;
};
const notFound = (id) => new SCIMMY.Types.Error(404, null, `Resource ${id} not found`);

/** Starts the service; resolves to its `url` (what a rollcall connection names) and `close()`. */
export async function startScimServer({ token, seed = { groups: [], users: [] }, basePath = '/scim/v2' }) {
  const users = new Map();
  const groups = new Map();
  let seq = 0;
  const meta = (old) => {
    const n = Number(String(old?.meta?.version ?? 'W/"0"').replace(/\D/g, ''));
    const now = new Date().toISOString();
    return { created: old?.meta?.created ?? now, lastModified: now, version: `W/"${n + 1}"` };
  };
  const groupsOf = (id) =>
    [...groups.values()]
      .filter((g) => g.members.some((m) => m.value === id))
      .map((g) => ({ value: g.id, display: g.displayName }));
  const list = (resource, all) => (resource.filter ? resource.filter.match(all) : all);

  SCIMMY.Resources.declare(SCIMMY.Resources.User, {
    ingress: (resource, instance) => {
      const data = plain(instance);
      const old = resource.id ? users.get(resource.id) : undefined;
      if (resource.id && !old) throw notFound(resource.id);
      const name = String(data.userName ?? '').toLowerCase();
      for (const u of users.values())
        if (u.id !== resource.id && u.userName.toLowerCase() === name)
          throw new SCIMMY.Types.Error(409, 'uniqueness', `userName "${data.userName}" is already taken`);
      const rec = { ...data, id: old?.id ?? `u${++seq}`, meta: meta(old) };
      users.set(rec.id, rec);
      return rec;
    },
    egress: (resource) => {
      if (resource.id) {
        const u = users.get(resource.id);
        if (!u) throw notFound(resource.id);
        return { ...u, groups: groupsOf(u.id) };
      }
      return list(
        resource,
        [...users.values()].map((u) => ({ ...u, groups: groupsOf(u.id) })),
      );
    },
    degress: (resource) => {
      if (!users.delete(resource.id)) throw notFound(resource.id);
      for (const g of groups.values()) g.members = g.members.filter((m) => m.value !== resource.id);
    },
  });
  SCIMMY.Resources.declare(SCIMMY.Resources.Group, {
    ingress: (resource, instance) => {
      const data = plain(instance);
      const old = resource.id ? groups.get(resource.id) : undefined;
      if (resource.id && !old) throw notFound(resource.id);
      const members = [];
      for (const m of data.members ?? []) {
        if (!users.has(m.value))
          throw new SCIMMY.Types.Error(400, 'invalidValue', `"${m.value}" is not a user`);
        if (!members.some((x) => x.value === m.value)) members.push({ value: m.value, type: 'User' });
      }
      const rec = { ...data, members, id: old?.id ?? `g${++seq}`, meta: meta(old) };
      groups.set(rec.id, rec);
      return rec;
    },
    egress: (resource) => {
      if (resource.id) {
        const g = groups.get(resource.id);
        if (!g) throw notFound(resource.id);
        return g;
      }
      return list(resource, [...groups.values()]);
    },
    degress: (resource) => {
      if (!groups.delete(resource.id)) throw notFound(resource.id);
    },
  });
  SCIMMY.Config.set('bulk', { supported: true, maxOperations: 1000, maxPayloadSize: 1_048_576 });
  SCIMMY.Config.set('filter', { supported: true, maxResults: 200 });

  // The seed: the service as the administrators left it.
  const groupIds = new Map();
  for (const displayName of seed.groups ?? []) {
    const id = `g${++seq}`;
    groups.set(id, { displayName, members: [], id, meta: meta() });
    groupIds.set(displayName, id);
  }
  for (const { groups: memberOf = [], id: given, ...user } of seed.users) {
    const id = given ?? `u${++seq}`;
    users.set(id, {
      active: true,
      emails: [{ value: user.userName, primary: true }],
      ...user,
      id,
      meta: meta(),
    });
    for (const g of memberOf) groups.get(groupIds.get(g)).members.push({ value: id, type: 'User' });
  }

  const routers = new SCIMMYRouters({
    type: 'bearer',
    handler: (req) => {
      if (req.header('authorization') !== `Bearer ${token}`) throw new Error('Not authorized');
      return 'rollcall';
    },
  });
  const base = basePath;
  const app = express();
  app.use(base, express.json({ type: ['application/scim+json', 'application/json'], limit: '10mb' }));
  app.use(base, routers);
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  return {
    url: `http://127.0.0.1:${server.address().port}${base}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
