import {
  type DesiredMemberState,
  isPresent,
  LIFECYCLE_RANK,
  type MemberStatus,
  offboardTarget,
} from '../model/lifecycle.js';
import { DEFAULT_LOCATION } from '../model/location.js';
import { managesRole } from '../model/managed-roles.js';
import { type ActualMember, type DesiredMember, MANAGED_FIELDS, type ManagedField } from '../model/member.js';
import type { FieldValues } from '../model/plan.js';
import type { Policy } from '../model/policy.js';
import type { Draft } from './draft.js';

const OFFBOARD_STEPS = [
  { rank: 1, action: 'remove' },
  { rank: 2, action: 'pseudonymize' },
  { rank: 3, action: 'delete' },
] as const;

type FieldValue = FieldValues[string];

function sameValue(a: FieldValue | undefined, b: FieldValue | undefined): boolean {
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    const sa = [...a].sort();
    const sb = [...b].sort();
    return sa.every((v, i) => v === sb[i]);
  }
  return a === b;
}

/** The managed fields a desired member sets. */
export function desiredFields(d: DesiredMember): FieldValues {
  const out: FieldValues = {};
  for (const f of MANAGED_FIELDS) {
    const v = d[f];
    if (v !== undefined) out[f] = Array.isArray(v) ? [...v] : v;
  }
  return out;
}

/** Fields the desired member sets to another value than the platform has. */
function fieldChanges(
  d: DesiredMember,
  a: ActualMember,
): { before: FieldValues; after: FieldValues } | undefined {
  let out: { before: FieldValues; after: FieldValues } | undefined; // allocated only when a field differs
  for (const f of MANAGED_FIELDS as readonly ManagedField[]) {
    const want = d[f];
    if (want === undefined) continue; // unset in the desired source: not managed
    const have = a[f];
    if (sameValue(want, have)) continue;
    // 3DEXPERIENCE "null - default": an export shows the default site as no location.
    if (f === 'location' && want === DEFAULT_LOCATION && have === undefined) continue;
    out ??= { before: {}, after: {} };
    if (have !== undefined) out.before[f] = Array.isArray(have) ? [...have] : have;
    out.after[f] = Array.isArray(want) ? [...want] : want;
  }
  return out;
}

/** The same roles in the same order (then nothing to grant or revoke). */
function sameList(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The answer for the many members that need nothing: shared, never mutated. */
const NOTHING: readonly Draft[] = Object.freeze([]);

function presentStatus(status: MemberStatus | undefined): boolean {
  return status !== undefined && isPresent(status);
}

/**
 * The changes that take one member from what the platform has to what is wanted. `d` undefined: the member
 * is in no file (pruned or left alone per policy). Pure; safety and seats come after.
 */
export function diffMember(
  d: DesiredMember | undefined,
  a: ActualMember | undefined,
  policy: Policy,
): readonly Draft[] {
  let want: DesiredMemberState;
  if (d) want = d.state;
  else {
    if (!a || !policy.prune) return NOTHING;
    want = offboardTarget(policy.offboard);
  }
  const key = a?.key ?? d!.key;

  if (want === 'active') {
    if (!a || !presentStatus(a.status)) {
      const invite: Draft = { action: 'invite', key: d!.key, roles: [...d!.roles], after: desiredFields(d!) };
      // notify as set; passport and force only when they ask for something (false is "no impact").
      const options: Draft['options'] = {};
      if (d!.notify !== undefined) options.notify = d!.notify;
      if (d!.passport) options.passport = true;
      if (d!.force) options.force = true;
      if (Object.keys(options).length > 0) invite.options = options;
      if (a) invite.reason = `member is ${a.status} on the platform`;
      return [invite];
    }
    const fields = fieldChanges(d!, a);
    if (!fields && sameList(d!.roles, a.roles)) return NOTHING; // most members: no list of roles to build
    const grant = d!.roles.filter((r) => !a.roles.includes(r));
    // A role the source leaves unmanaged (an empty Anaplan Model Role cell) is never revoked.
    const revoke = a.roles.filter((r) => !d!.roles.includes(r) && managesRole(d!.managedRoles, r));
    if (!fields && grant.length === 0 && revoke.length === 0) return NOTHING;
    const out: Draft[] = [];
    if (fields) out.push({ action: 'update', key, ...fields });
    if (revoke.length > 0) out.push({ action: 'revoke', key, roles: [...revoke].sort() });
    if (grant.length > 0) out.push({ action: 'grant', key, roles: [...grant].sort() });
    return out;
  }

  // Offboarding: one lifecycle step per phase, from where the member stands to where it should be.
  if (!a) return NOTHING;
  const reason = d ? (d.why ?? `desired state: ${d.state}`) : 'not in desired state (prune)';
  const from = LIFECYCLE_RANK[a.status];
  const to = LIFECYCLE_RANK[want];
  const out: Draft[] = [];
  for (const s of OFFBOARD_STEPS) {
    if (s.rank <= from || s.rank > to) continue;
    const draft: Draft = { action: s.action, key, reason, step: s.rank };
    if (s.action === 'remove' && a.roles.length > 0) draft.roles = [...a.roles];
    out.push(draft);
  }
  return out;
}
