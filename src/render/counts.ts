import {
  CHANGE_ACTIONS,
  type Change,
  type ChangeAction,
  type Plan,
  type SeatRow,
  type TargetPlan,
} from '../model/plan.js';
import { formatCount, plural } from '../util/plural.js';

export { formatCount, plural };

/** The four numbers of the closing line: change = update + grant + revoke; offboard = remove + pseudonymize + delete. */
export interface PlanCounts {
  invite: number;
  change: number;
  offboard: number;
  blocked: number;
}

/** How each action is drawn: `+` adds someone, `~` changes them, `-` takes them off. */
export const ACTION_SYMBOL: Record<ChangeAction, '+' | '~' | '-'> = {
  invite: '+',
  update: '~',
  grant: '~',
  revoke: '~',
  remove: '-',
  pseudonymize: '-',
  delete: '-',
};

const COUNT_OF: Record<ChangeAction, keyof PlanCounts> = {
  invite: 'invite',
  update: 'change',
  grant: 'change',
  revoke: 'change',
  remove: 'offboard',
  pseudonymize: 'offboard',
  delete: 'offboard',
};

/**
 * Counted from the changes and blocked items themselves (not from `summary`), so the numbers always
 * agree with the lines rendered above them.
 */
export function targetCounts(target: TargetPlan): PlanCounts {
  const counts: PlanCounts = { invite: 0, change: 0, offboard: 0, blocked: target.blocked.length };
  for (const c of target.changes) {
    const bucket = COUNT_OF[c.action];
    if (bucket) counts[bucket]++;
  }
  return counts;
}

export function planCounts(plan: Plan): PlanCounts {
  const total: PlanCounts = { invite: 0, change: 0, offboard: 0, blocked: 0 };
  for (const t of plan.targets) {
    const c = targetCounts(t);
    total.invite += c.invite;
    total.change += c.change;
    total.offboard += c.offboard;
    total.blocked += c.blocked;
  }
  return total;
}

/** `Plan: 1 to invite, 3 to change, 2 to offboard, 1 blocked.` (digits grouped only when `number` says so) */
export function closingLine(c: PlanCounts, number: (n: number) => string = String): string {
  return `Plan: ${number(c.invite)} to invite, ${number(c.change)} to change, ${number(c.offboard)} to offboard, ${number(c.blocked)} blocked.`;
}

/** Changes per action, in the order of CHANGE_ACTIONS. */
export function changesByAction(changes: readonly Change[]): Map<ChangeAction, Change[]> {
  const out = new Map<ChangeAction, Change[]>();
  for (const a of CHANGE_ACTIONS) out.set(a, []);
  for (const c of changes) out.get(c.action)?.push(c);
  return out;
}

/** Changes grouped by phase, phases ascending, the plan's order kept inside a phase. */
export function changesByPhase(changes: readonly Change[]): [number, Change[]][] {
  const out = new Map<number, Change[]>();
  for (const c of changes) {
    const list = out.get(c.phase);
    if (list) list.push(c);
    else out.set(c.phase, [c]);
  }
  return [...out.entries()].sort((a, b) => a[0] - b[0]);
}

export function phaseCount(changes: readonly Change[]): number {
  return new Set(changes.map((c) => c.phase)).size;
}

/** Licenses missing for the plan on this pool (0 when it fits). */
export function seatShortfall(row: SeatRow): number {
  return Math.max(row.shortfall ?? 0, row.after - row.total, 0);
}

/** Removals + pseudonymizations + deletions, as the planner reports them or counted. */
export function offboardCount(target: TargetPlan): number {
  return target.removals ?? targetCounts(target).offboard;
}
