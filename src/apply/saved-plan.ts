import { PolicyError, StalePlanError, ValidationError } from '../model/errors.js';
import type { ActualState } from '../model/member.js';
import type { Plan, TargetPlan } from '../model/plan.js';
import { actualDigest } from '../plan/digest.js';
import { planDigest } from '../plan/plan.js';
import { parsePlanJson } from '../plan/plan-json.js';
import { displayPath } from '../util/display-path.js';
import { fileSystemReason, isFileSystemError } from '../util/fs-errors.js';
import { DecodeError, readUtf8 } from '../util/text.js';

/** Reads a saved plan and refuses one whose digest does not match its content (edited or damaged). */
export async function readSavedPlan(file: string): Promise<Plan> {
  const shown = displayPath(file);
  let text: string;
  try {
    text = await readUtf8(file);
  } catch (e) {
    if (e instanceof DecodeError) throw new ValidationError(`${shown}:${e.line}:${e.column}: ${e.message}`);
    throw new ValidationError(
      `${shown}: cannot read the saved plan: ${isFileSystemError(e) ? fileSystemReason(e) : (e as Error).message}`,
    );
  }
  const plan = parsePlanJson(text, shown);
  if (planDigest(plan.targets, plan.asOf) !== plan.digest)
    throw new StalePlanError(
      `${shown}: the saved plan does not match its digest (it was edited or damaged); run plan again`,
      'tampered',
    );
  return plan;
}

/** The platform moved since the plan was made: its changes may no longer be right. */
export function checkFresh(target: TargetPlan, actual: ActualState, shown: string): void {
  if (actualDigest(actual) !== target.actualDigest)
    throw new StalePlanError(
      `${shown}: saved plan is stale; run plan again (target "${target.name}" changed since the plan was made)`,
      'stale',
    );
}

/** A plan made for another day (`plan --at`, or yesterday's): its expiries are not today's. */
export function checkAsOf(plan: Plan, today: string, shown: string): void {
  if (plan.asOf !== undefined && plan.asOf !== today)
    throw new StalePlanError(
      `${shown}: the saved plan was made as of ${plan.asOf}, not today (${today}); run plan again`,
      'stale',
    );
}

/**
 * A held plan runs only with what releases each of its holds: `--allow-removals N` (N at least its
 * removals) a removal hold, `--allow-cost-increase N` (N at least the increase) a cost hold.
 */
export function checkHold(plan: Plan, allowRemovals: number | undefined, allowCostIncrease?: number): void {
  for (const t of plan.targets) {
    if (!t.held) continue;
    const holds = t.heldFor ?? ['removals'];
    const n = t.removals ?? 0;
    const increase = t.cost ? t.cost.after - t.cost.before : 0;
    const removalsOk = !holds.includes('removals') || (allowRemovals !== undefined && allowRemovals >= n);
    const costOk =
      !holds.includes('cost') || (allowCostIncrease !== undefined && allowCostIncrease >= increase);
    if (removalsOk && costOk) continue;
    const flags: string[] = [];
    if (!removalsOk && allowRemovals !== undefined)
      flags.push(`--allow-removals ${allowRemovals} is less than ${n}`);
    if (!costOk && allowCostIncrease !== undefined)
      flags.push(`--allow-cost-increase ${allowCostIncrease} is less than ${increase}`);
    throw new PolicyError(
      `the plan for "${t.name}" is held: ${t.heldReason ?? `${n} removals exceed policy.maxRemovals`}` +
        (flags.length > 0 ? ` (${flags.join('; ')})` : ''),
      'held',
    );
  }
}
