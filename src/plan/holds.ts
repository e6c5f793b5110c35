import type { Approval } from '../model/approval.js';
import { isPresent } from '../model/lifecycle.js';
import type { ActualState } from '../model/member.js';
import type { HoldKind, TargetPlan } from '../model/plan.js';
import type { Policy } from '../model/policy.js';

/** With `prune: true` and no `maxRemovals`, a plan offboarding over this share of the members is held. */
export const DEFAULT_MAX_REMOVALS_PERCENT = 25;

/**
 * `maxRemovals` as a count: a number, or a percentage of the members present now (rounded down; "over 25 %"
 * and "over the rounded-down count" are the same for whole removals). No limit for `none`, nor without
 * `maxRemovals` and without prune; with prune and no `maxRemovals`, 25 % (peribolos' default).
 */
export function removalLimit(policy: Policy, actual: ActualState): number | undefined {
  const max = policy.maxRemovals;
  if (max === 'none') return undefined;
  if (typeof max === 'number') return max;
  if (max === undefined && !policy.prune) return undefined;
  const percent = max === undefined ? DEFAULT_MAX_REMOVALS_PERCENT : Number.parseFloat(max);
  return Math.floor((percent / 100) * presentCount(actual));
}

function presentCount(actual: ActualState): number {
  let n = 0;
  for (const m of actual.members) if (isPresent(m.status)) n++;
  return n;
}

/** Marks the plan held for `kind` with `reason` (a plan may be held for removals and for cost). */
export function hold(plan: TargetPlan, kind: HoldKind, reason: string): void {
  plan.held = true;
  plan.heldFor = [...(plan.heldFor ?? []), kind];
  plan.heldReason = plan.heldReason ? `${plan.heldReason}; ${reason}` : reason;
}

/**
 * The removal hold (design §6.1): over `maxRemovals`, or over 25 % by default with prune — unless an
 * approval names exactly this plan's `removalDigest`; then the plan says which approval released it.
 */
export function removalHold(
  plan: TargetPlan,
  policy: Policy,
  actual: ActualState,
  approvals: readonly Approval[] = [],
): void {
  const removals = plan.removals ?? 0;
  const limit = removalLimit(policy, actual);
  if (limit === undefined || removals <= limit) return;
  const approval = approvals.find((a) => a.removals !== undefined && a.removals === plan.removalDigest);
  if (approval) {
    plan.approvedBy = { file: approval.file, line: approval.line, reason: approval.reason };
    return;
  }
  const what =
    policy.maxRemovals === undefined
      ? `exceed ${DEFAULT_MAX_REMOVALS_PERCENT}% of the ${presentCount(actual)} current members (${limit}), the default limit with prune (set policy.maxRemovals, or "none")`
      : `exceed policy.maxRemovals (${String(policy.maxRemovals)} = ${limit})`;
  hold(
    plan,
    'removals',
    `${removals} removals ${what}; apply needs --allow-removals ${removals}, or an approval of removals ${plan.removalDigest}`,
  );
}
