import type { Approval } from '../model/approval.js';
import type { Capabilities } from '../model/capabilities.js';
import type { RoleCosts } from '../model/cost.js';
import { keyMatcher } from '../model/key-match.js';
import { isOffboarding } from '../model/lifecycle.js';
import type { ActualMember, ActualState, DesiredMember } from '../model/member.js';
import { type Change, emptySummary, PLAN_FORMAT_VERSION, type Plan, type TargetPlan } from '../model/plan.js';
import type { Policy } from '../model/policy.js';
import { ActualByKey, type ActualLookup, inKeyOrder, SortedActual } from './actual-lookup.js';
import { costHold, targetCost } from './cost.js';
import { diffMember } from './diff.js';
import { actualDigest, canonicalJson, desiredDigest, mapInKeyOrder, sha256 } from './digest.js';
import { compareBlocked, compareDrafts, type Draft, type Drafts } from './draft.js';
import { applyExpiry, expiredReason } from './expiry.js';
import { removalHold } from './holds.js';
import { reclaimableNotices } from './reclaimable.js';
import { removalDigest } from './removal-digest.js';
import { PLAN_RULES } from './rules.js';
import { seatPools } from './seats.js';

export interface TargetInput {
  name: string;
  provider: string;
  policy: Policy;
  capabilities: Capabilities;
  desired: ReadonlyMap<string, DesiredMember>;
  actual: ActualState;
  /** Invitations the platform still accepts now, when it limits them. */
  inviteQuota?: number;
  /** Seat prices per month (a catalog with costs): the plan carries the cost before and after. */
  costs?: RoleCosts;
  /** Approvals of this target (design §6.1): a listed removalDigest releases the removal hold. */
  approvals?: readonly Approval[];
  /** The day planned for (YYYY-MM-DD, UTC): `until` is judged against it. Without it `until` is ignored. */
  today?: string;
}

/** Revokes and removals free seats first; then what may run together; deletes last. */
const BASE_PHASE: Record<Change['action'], number> = {
  remove: 1,
  revoke: 1,
  pseudonymize: 2,
  update: 2,
  grant: 2,
  invite: 2,
  delete: 3,
};

/**
 * The planner: pure and synchronous. (desired, actual, policy) → the changes for one target, with
 * what is blocked and why, the seat table, the hold, and the digests of its inputs. O(members + roles).
 */
export function planTarget(input: TargetInput): TargetPlan {
  const { policy, actual } = input;
  const expiry = input.today !== undefined ? applyExpiry(input.desired, policy, input.today) : undefined;
  const desired = expiry?.desired ?? input.desired;
  const isIgnored = keyMatcher(policy.ignore);
  const byAlias = new Map<string, ActualMember>();
  for (const m of actual.members) {
    // Another identity the platform knows the member by (an e-mail for an id-keyed member, and so on).
    if (m.email && m.email !== m.key && !byAlias.has(m.email)) byAlias.set(m.email, m);
    if (m.id && m.id !== m.key && !byAlias.has(m.id)) byAlias.set(m.id, m);
  }
  // Both sides in key order (the desired digest needs that order anyway; a state file is written in it):
  // matched by one merge instead of a million lookups in a million-entry table.
  const sorted = byAlias.size === 0 && inKeyOrder(actual.members) ? mapInKeyOrder(desired) : undefined;
  const byKey: ActualLookup & { mark(key: string, matched: Uint8Array): void } = sorted
    ? new SortedActual(actual.members)
    : new ActualByKey(actual.members);

  const drafts: Drafts = { changes: [], blocked: [] };
  // Actual members matched, by position: found while walking the desired members, not looked up again.
  const matched = new Uint8Array(actual.members.length);
  const diffDesired = (d: DesiredMember, a: ActualMember | undefined): void => {
    if (a && isIgnored(a.key)) return;
    const until = expiry?.ended.get(d.key);
    for (const c of diffMember(d, a, policy))
      drafts.changes.push(until ? { ...c, reason: expiredReason(until) } : c);
  };
  if (sorted) {
    const members = actual.members;
    let j = 0;
    for (const d of sorted) {
      while (j < members.length && members[j]!.key < d.key) j++;
      const at = j < members.length && members[j]!.key === d.key ? j : -1;
      if (isIgnored(d.key)) continue;
      if (at !== -1) matched[at] = 1;
      diffDesired(d, at === -1 ? undefined : members[at]);
    }
  } else {
    const positions = byKey as ActualByKey;
    for (const d of desired.values()) {
      if (isIgnored(d.key)) continue;
      const at = positions.positionOf(d.key);
      let a = at === undefined ? undefined : actual.members[at];
      if (at !== undefined) matched[at] = 1;
      else if (byAlias.size > 0) {
        a = (d.email ? byAlias.get(d.email) : undefined) ?? (d.id ? byAlias.get(d.id) : undefined);
        if (a) positions.mark(a.key, matched);
      }
      diffDesired(d, a);
    }
  }
  const duplicates = byKey instanceof ActualByKey && byKey.hasDuplicates;
  for (let i = 0; i < actual.members.length; i++) {
    const a = actual.members[i]!;
    if (
      matched[i] === 1 ||
      (duplicates && (byKey as ActualByKey).matchedByKey(a.key, matched)) ||
      isIgnored(a.key)
    )
      continue;
    for (const c of diffMember(undefined, a, policy)) drafts.changes.push(c);
  }

  const ctx = {
    policy,
    capabilities: input.capabilities,
    actual: byKey,
    self: actual.self,
    isProtected: keyMatcher(policy.protect),
    inviteQuota: input.inviteQuota,
  };
  for (const rule of PLAN_RULES) rule(drafts, ctx);
  const seats = seatPools(drafts, actual, byKey, input.capabilities.seatsAdvisory === true);

  const changes = assignPhases(drafts.changes.sort(compareDrafts));
  const blocked = drafts.blocked.sort(compareBlocked);
  const summary = emptySummary();
  for (const c of changes) summary[c.action]++;
  summary.blocked = blocked.length;

  const removals = changes.filter((c) => isOffboarding(c.action)).length;
  const plan: TargetPlan = {
    name: input.name,
    provider: input.provider,
    actualDigest: actualDigest(actual),
    desiredDigest:
      sorted && desired === input.desired ? desiredDigest(desired, sorted) : desiredDigest(input.desired),
    held: false,
    summary,
    changes,
    blocked,
    seats,
  };
  if (removals > 0) plan.removals = removals;
  const digest = removalDigest(changes);
  if (digest) plan.removalDigest = digest;
  removalHold(plan, policy, actual, input.approvals);
  if (input.costs) plan.cost = targetCost(changes, actual, byKey, input.costs);
  costHold(plan, policy, input.approvals);
  const notices = [...(expiry?.notices ?? [])];
  if (input.costs && input.today !== undefined)
    for (const n of reclaimableNotices(actual, input.costs, input.today, policy.expiryNotice))
      if (!changes.some((c) => c.key === n.key && isOffboarding(c.action))) notices.push(n);
  if (notices.length > 0) plan.notices = notices;
  return plan;
}

/** Kept here for the callers that import it from the planner. */
export { removalLimit } from './holds.js';

/** Base phases, then renumbered 1..n without gaps. Input sorted; output keeps that order by phase. */
function assignPhases(drafts: Draft[]): Change[] {
  const used = [...new Set(drafts.map((d) => BASE_PHASE[d.action]))].sort();
  const phaseOf = new Map(used.map((p, i) => [p, i + 1]));
  const changes = drafts.map(
    ({ step: _step, ...d }) => ({ phase: phaseOf.get(BASE_PHASE[d.action])!, ...d }) as Change,
  );
  return changes.sort((a, b) => a.phase - b.phase);
}

/** The plan of several targets; `digest` covers everything but `createdAt` (and itself). */
export function assemblePlan(targets: TargetPlan[], now: Date, asOf?: string): Plan {
  const plan: Plan = {
    formatVersion: PLAN_FORMAT_VERSION,
    createdAt: now.toISOString(),
    digest: planDigest(targets, asOf),
    targets,
  };
  if (asOf !== undefined) plan.asOf = asOf;
  return plan;
}

/** Over the targets, and the day planned for when there is one (so that it cannot be edited either). */
export function planDigest(targets: readonly TargetPlan[], asOf?: string): string {
  return sha256(canonicalJson(asOf === undefined ? targets : { asOf, targets }));
}
