import { normalizeKey } from '../../model/key.js';
import { MemberStatus } from '../../model/lifecycle.js';
import type { ActualMember, ActualState } from '../../model/member.js';

const TOP = new Set(['$schema', 'self', 'seats', 'members']);
const FIELDS = new Set([
  'key',
  'email',
  'id',
  'firstName',
  'lastName',
  'description',
  'status',
  'admin',
  'external',
  'roles',
  'location',
  'sso',
  'access',
  'lockedRoles',
]);
const STATUSES = new Set<string>(MemberStatus.options);

/** Printable ASCII without spaces or capitals: what normalizeKey leaves as it is (the usual key). */
const PLAIN = /^[\x21-\x40\x5b-\x7e]+$/;

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const optString = (v: unknown) => v === undefined || typeof v === 'string';
const optBoolean = (v: unknown) => v === undefined || typeof v === 'boolean';
function strings(v: unknown): string[] | undefined | false {
  if (v === undefined) return undefined;
  if (!Array.isArray(v)) return false;
  for (const s of v) if (typeof s !== 'string') return false;
  return v as string[];
}
function sorted(v: string[]): string[] {
  for (let i = 1; i < v.length; i++) if (v[i - 1]! > v[i]!) return [...v].sort();
  return v;
}

/**
 * The state file as readStateFile makes it, in one pass over what JSON.parse returned, when the file is
 * entirely valid: the schema (StateFile), one entry per key, locked roles among the roles. Undefined at the
 * first thing it does not expect; then the schema and the YAML parser say what and where (the slow path).
 * The members are the parsed objects, completed in place (the schema's copies cost as much as the parse).
 */
export function fastStateFile(value: unknown): ActualState | undefined {
  if (!isObject(value)) return undefined;
  for (const k in value) if (!TOP.has(k)) return undefined;
  if (!optString(value.$schema) || !optString(value.self)) return undefined;
  const seats: Record<string, number> = {};
  if (value.seats !== undefined) {
    if (!isObject(value.seats)) return undefined;
    for (const k in value.seats) {
      if (k === '__proto__') return undefined;
      const n = value.seats[k];
      if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0) return undefined;
      seats[k] = n;
    }
  }
  const raw = value.members ?? [];
  if (!Array.isArray(raw)) return undefined;
  const seen = new Set<string>();
  const members: ActualMember[] = new Array(raw.length);
  for (let i = 0; i < raw.length; i++) {
    const m = raw[i] as unknown;
    if (!isObject(m)) return undefined;
    for (const k in m) if (!FIELDS.has(k)) return undefined;
    if (typeof m.key !== 'string' || m.key.length === 0) return undefined;
    if (!optString(m.email) || !optString(m.id) || !optString(m.firstName) || !optString(m.lastName))
      return undefined;
    if (!optString(m.description) || !optString(m.location)) return undefined;
    if (typeof m.status !== 'string' || !STATUSES.has(m.status)) return undefined;
    if (!optBoolean(m.admin) || !optBoolean(m.external) || !optBoolean(m.sso)) return undefined;
    const roles = strings(m.roles);
    const access = strings(m.access);
    const locked = strings(m.lockedRoles);
    if (roles === false || access === false || locked === false) return undefined;
    const key = PLAIN.test(m.key) ? m.key : normalizeKey(m.key);
    if (seen.has(key)) return undefined;
    seen.add(key);
    // The parsed object itself becomes the member (no copy): in a file rollcall wrote, its fields are
    // already in the schema's order, and the defaults (admin, external, roles, lockedRoles) come in place.
    const member = m as unknown as ActualMember;
    member.key = key;
    if (m.email !== undefined && !PLAIN.test(m.email as string))
      member.email = normalizeKey(m.email as string);
    member.admin = (m.admin as boolean | undefined) ?? false;
    member.external = (m.external as boolean | undefined) ?? false;
    member.roles = roles ? sorted(roles) : [];
    member.lockedRoles = locked ? sorted(locked) : [];
    for (const r of member.lockedRoles) if (!member.roles.includes(r)) return undefined;
    members[i] = member;
  }
  const state: ActualState = { seats, members };
  if (value.self !== undefined) state.self = normalizeKey(value.self as string);
  return state;
}
