import { type RoleCosts, roundMoney } from '../model/cost.js';
import { daysBetween, isValidDay } from '../model/day.js';
import type { ActualState } from '../model/member.js';
import type { Notice } from '../model/plan.js';

/**
 * Pending invitations that have held a paid seat for more than `noticeDays` (design §6.1): listed as
 * `reclaimable`, with the monthly cost they hold. Only where the platform says when it invited them.
 */
export function reclaimableNotices(
  actual: ActualState,
  costs: RoleCosts,
  today: string,
  noticeDays: number,
): Notice[] {
  const out: Notice[] = [];
  for (const m of actual.members) {
    if (m.status !== 'invited' || !m.invitedOn || !isValidDay(m.invitedOn)) continue;
    const waiting = daysBetween(m.invitedOn, today);
    if (waiting <= noticeDays) continue;
    let cost = 0;
    for (const r of m.roles) cost += costs.monthly[r] ?? 0;
    if (cost <= 0) continue;
    out.push({
      kind: 'reclaimable',
      key: m.key,
      invitedOn: m.invitedOn,
      cost: roundMoney(cost),
      message: `invitation of ${m.key} pending since ${m.invitedOn} (${waiting} days) holds paid seats worth ${roundMoney(cost)} ${costs.currency}/month: reclaimable`,
    });
  }
  return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
