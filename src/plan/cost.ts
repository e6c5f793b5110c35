import type { Approval } from '../model/approval.js';
import { type RoleCosts, roundMoney } from '../model/cost.js';
import { isPresent } from '../model/lifecycle.js';
import type { ActualState } from '../model/member.js';
import type { Change, TargetCost, TargetPlan } from '../model/plan.js';
import type { Policy } from '../model/policy.js';
import { hold } from './holds.js';
import type { ActualLookup } from './rules.js';

/**
 * The monthly cost of the seats of invited and active members, before and after the plan's changes
 * (design §6.1). Blocked changes are not in `changes`, so they do not count in `after`.
 */
export function targetCost(
  changes: readonly Change[],
  actual: ActualState,
  byKey: Pick<ActualLookup, 'get'>,
  costs: RoleCosts,
): TargetCost {
  const price = (roles: readonly string[] | undefined) => {
    let sum = 0;
    for (const r of roles ?? []) sum += costs.monthly[r] ?? 0;
    return sum;
  };
  let before = 0;
  for (const m of actual.members) if (isPresent(m.status)) before += price(m.roles);
  let after = before;
  for (const c of changes) {
    if (c.action === 'grant' || c.action === 'invite') after += price(c.roles);
    else if (c.action === 'revoke') after -= price(c.roles);
    else if (c.action === 'remove') {
      const m = byKey.get(c.key);
      if (m && isPresent(m.status)) after -= price(m.roles);
    }
  }
  return { currency: costs.currency, per: 'month', before: roundMoney(before), after: roundMoney(after) };
}

/** Over `policy.maxCostIncrease` the plan is held, unless an approval's `costIncrease` covers it. */
export function costHold(plan: TargetPlan, policy: Policy, approvals: readonly Approval[] = []): void {
  const max = policy.maxCostIncrease;
  if (!plan.cost || max === undefined) return;
  const increase = roundMoney(plan.cost.after - plan.cost.before);
  if (increase <= max) return;
  const approval = approvals.find((a) => a.costIncrease !== undefined && a.costIncrease >= increase);
  if (approval) {
    plan.costApprovedBy = { file: approval.file, line: approval.line, reason: approval.reason };
    return;
  }
  hold(
    plan,
    'cost',
    `a cost increase of ${increase} ${plan.cost.currency}/month exceeds policy.maxCostIncrease (${max}); apply needs --allow-cost-increase ${increase}`,
  );
}
