import type { Change } from '../../model/plan.js';
import type { Directory, ScimGroup, ScimUser } from './directory.js';
import { createAttributes, replaceOperations } from './map.js';
import type { MatchAttribute } from './match.js';
import type { RoleAdapter } from './roles.js';
import { type PatchOperation, patchBody, USER_SCHEMA } from './schema-ids.js';

/** The one request a change makes on the user resource itself. */
export interface UserRequest {
  method: 'POST' | 'PATCH' | 'DELETE';
  path: string;
  data?: unknown;
  ifMatch?: string;
}

/** A membership to add or remove on a group, for the job's user. */
export interface MemberDelta {
  group: ScimGroup;
  op: 'add' | 'remove';
}

/** What one change does on the service: at most one user request, then group memberships. */
export interface Job {
  change: Change;
  user?: UserRequest;
  /** The user's id; absent while the user is still to be created. */
  userId?: string;
  members: MemberDelta[];
  /** After success, brings the directory up to date (the id is the created one for a POST). */
  commit(id: string): void;
}

export interface JobContext {
  dir: Directory;
  match: MatchAttribute;
  roles?: RoleAdapter;
  etag: boolean;
  /** The configuration allows DELETE (else offboarding stops before). */
  hardDelete: boolean;
  /** `remove` also takes the user out of its groups (connection.offboardGroups: remove). */
  removeGroupsOnOffboard?: boolean;
}

export type Built = { job: Job } | { error: string };

const userPath = (id: string) => `/Users/${encodeURIComponent(id)}`;

function patch(u: ScimUser, ops: PatchOperation[], ctx: JobContext): UserRequest {
  const req: UserRequest = { method: 'PATCH', path: userPath(u.id), data: patchBody(ops) };
  if (ctx.etag && u.version) req.ifMatch = u.version;
  return req;
}

function groupsFor(roles: readonly string[], ctx: JobContext): { groups: ScimGroup[] } | { error: string } {
  const groups: ScimGroup[] = [];
  const missing: string[] = [];
  for (const r of roles) {
    const g = ctx.dir.groups.get(r);
    if (g) groups.push(g);
    else missing.push(r);
  }
  if (missing.length > 0)
    return { error: `no group named ${missing.map((m) => `"${m}"`).join(', ')} on the SCIM service` };
  return { groups };
}

/** The role part of a change: group deltas, or user PATCH operations through the adapter. */
function roleDelta(
  add: readonly string[],
  remove: readonly string[],
  ctx: JobContext,
): { members: MemberDelta[]; ops: PatchOperation[] } | { error: string } {
  if (ctx.roles) {
    if (add.length === 0 && remove.length === 0) return { members: [], ops: [] };
    const p = ctx.roles.patch(add, remove);
    return p.ok ? { members: [], ops: p.operations } : { error: p.error };
  }
  const a = groupsFor(add, ctx);
  if ('error' in a) return a;
  const r = groupsFor(remove, ctx);
  if ('error' in r) return r;
  return {
    members: [
      ...a.groups.map((group) => ({ group, op: 'add' as const })),
      ...r.groups.map((group) => ({ group, op: 'remove' as const })),
    ],
    ops: [],
  };
}

function commitRoles(u: ScimUser, members: MemberDelta[], add: readonly string[], remove: readonly string[]) {
  for (const r of remove) u.roles.delete(r);
  for (const r of add) u.roles.add(r);
  for (const m of members) {
    if (m.op === 'add') m.group.members.add(u.id);
    else m.group.members.delete(u.id);
  }
}

/** A new user: POST with its attributes (and roles, when they live on the user). */
function createJob(change: Change, ctx: JobContext): Built {
  const roles = change.roles ?? [];
  const data: Record<string, unknown> = {
    schemas: [USER_SCHEMA],
    userName: change.key,
    active: true,
    ...createAttributes(change.after),
  };
  if (change.key.includes('@')) data.emails = [{ value: change.key, type: 'work', primary: true }];
  if (ctx.match === 'externalId') data.externalId = change.key;
  let members: MemberDelta[] = [];
  if (ctx.roles) {
    const c = ctx.roles.createWith(roles);
    if (!c.ok) return { error: c.error };
    Object.assign(data, c.attributes);
  } else {
    const g = groupsFor(roles, ctx);
    if ('error' in g) return g;
    members = g.groups.map((group) => ({ group, op: 'add' as const }));
  }
  const job: Job = {
    change,
    user: { method: 'POST', path: '/Users', data },
    members,
    commit: (id) => {
      const u: ScimUser = { id, key: change.key, active: true, roles: new Set(), personal: ['name'] };
      ctx.dir.addUser(u);
      commitRoles(u, members, roles, []);
    },
  };
  return { job };
}

/** A user the service already has (inactive, or found after a 409): activate it and set its roles. */
export function reactivateJob(change: Change, u: ScimUser, ctx: JobContext): Built {
  const want = new Set(change.roles ?? []);
  const add = [...want].filter((r) => !u.roles.has(r));
  const remove = [...u.roles].filter((r) => !want.has(r));
  const d = roleDelta(add, remove, ctx);
  if ('error' in d) return d;
  const ops: PatchOperation[] = [{ op: 'replace', path: 'active', value: true }];
  ops.push(...replaceOperations(change.after), ...d.ops);
  const job: Job = {
    change,
    userId: u.id,
    user: patch(u, ops, ctx),
    members: d.members,
    commit: () => {
      u.active = true;
      commitRoles(u, d.members, add, remove);
    },
  };
  return { job };
}

/** The requests that carry out one change, or why it cannot be done. */
export function buildJob(change: Change, ctx: JobContext): Built {
  const u = ctx.dir.users.get(change.key);
  if (change.action === 'invite') return u ? reactivateJob(change, u, ctx) : createJob(change, ctx);
  if (!u) return { error: `${change.key} is not on the SCIM service` };
  const base = { change, userId: u.id };
  switch (change.action) {
    case 'update': {
      const ops = replaceOperations(change.after);
      if (ops.length === 0) return { error: 'nothing this SCIM service can update' };
      return { job: { ...base, user: patch(u, ops, ctx), members: [], commit: () => {} } };
    }
    case 'grant':
    case 'revoke': {
      const roles = change.roles ?? [];
      const add = change.action === 'grant' ? roles : [];
      const remove = change.action === 'revoke' ? roles : [];
      const d = roleDelta(add, remove, ctx);
      if ('error' in d) return d;
      const job: Job = { ...base, members: d.members, commit: () => commitRoles(u, d.members, add, remove) };
      if (d.ops.length > 0) job.user = patch(u, d.ops, ctx);
      return { job };
    }
    case 'remove': {
      // By default a deactivated user keeps its groups (docs/platforms/scim.md); with offboardGroups:
      // remove, the same change takes it out of them (groups that stand for licenses).
      const groups = ctx.removeGroupsOnOffboard ? [...u.roles] : [];
      const d = roleDelta([], groups, ctx);
      if ('error' in d) return d;
      return {
        job: {
          ...base,
          user: patch(u, [{ op: 'replace', path: 'active', value: false }, ...d.ops], ctx),
          members: d.members,
          commit: () => {
            u.active = false;
            commitRoles(u, d.members, [], groups);
          },
        },
      };
    }
    case 'pseudonymize': {
      const ops: PatchOperation[] = u.personal.map((path) => ({ op: 'remove', path }));
      ops.push({ op: 'replace', path: 'active', value: false });
      const job: Job = {
        ...base,
        user: patch(u, ops, ctx),
        members: [],
        commit: () => {
          u.personal = [];
        },
      };
      return { job };
    }
    case 'delete':
      if (!ctx.hardDelete)
        return { error: 'hard deletes are not allowed for this target (connection.hardDelete)' };
      return {
        job: {
          ...base,
          user: { method: 'DELETE', path: userPath(u.id) },
          members: [],
          commit: () => ctx.dir.dropUser(change.key),
        },
      };
  }
}
