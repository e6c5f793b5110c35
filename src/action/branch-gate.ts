import type { RunContext } from './context.js';

/**
 * Why `command: apply` must not run here, or undefined when it may. Like Atlantis and Terraform Cloud,
 * rollcall applies only reviewed, merged files: the repository's default branch, or the branches the
 * `apply-branches` input lists. A scheduled run always runs on the default branch (GitHub runs schedules
 * there), so it needs no payload to say which one that is.
 */
export function applyRefusal(ctx: RunContext, applyBranches: readonly string[]): string | undefined {
  if (ctx.branch === undefined)
    return `apply runs from a branch; this ${ctx.eventName || 'unknown'} event is not on one, so this step only plans.`;
  if (applyBranches.length > 0)
    return applyBranches.includes(ctx.branch)
      ? undefined
      : `apply runs only on ${list(applyBranches)} (input apply-branches); this run is on "${ctx.branch}", so this step only plans.`;
  if (ctx.eventName === 'schedule') return undefined;
  if (ctx.defaultBranch === undefined)
    return `the event does not name the repository's default branch, so apply cannot tell whether "${ctx.branch}" is reviewed: list the branches it may apply on in the input apply-branches. This step only plans.`;
  return ctx.branch === ctx.defaultBranch
    ? undefined
    : `apply runs only on the default branch "${ctx.defaultBranch}" (or the branches listed in the input apply-branches); this run is on "${ctx.branch}", whose changes are not reviewed and merged, so this step only plans.`;
}

function list(names: readonly string[]): string {
  return names.map((n) => `"${n}"`).join(', ');
}
