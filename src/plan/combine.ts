import { ValidationError } from '../model/errors.js';
import { PLAN_FORMAT_VERSION, type Plan } from '../model/plan.js';
import { planDigest } from './plan.js';

export interface NamedPlan {
  plan: Plan;
  /** Where the plan was read from, for messages. */
  source: string;
}

/**
 * Several saved plans as one: the targets of all, sorted by name — the same plan whatever the parts' file
 * names or order (a per-target matrix of plan jobs, shown as one pull-request comment). Each part must already have been checked against its own digest;
 * the whole gets a digest of its own, so it can be applied as it is shown. Refused: a target planned in
 * two parts (which one would apply?) and parts made as of different days. Pure.
 */
export function combinePlans(parts: readonly NamedPlan[]): Plan {
  if (parts.length === 0) throw new ValidationError('no plan to show');
  if (parts.length === 1) return parts[0]!.plan;
  const seen = new Map<string, string>();
  for (const { plan, source } of parts)
    for (const t of plan.targets) {
      const earlier = seen.get(t.name);
      if (earlier !== undefined)
        throw new ValidationError(
          `${source}: target "${t.name}" is also planned in ${earlier}; give each target's plan once`,
        );
      seen.set(t.name, source);
    }
  const first = parts[0]!;
  const other = parts.find((p) => p.plan.asOf !== first.plan.asOf);
  if (other !== undefined)
    throw new ValidationError(
      `${other.source}: planned as of ${other.plan.asOf ?? 'today'}, but ${first.source} as of ${first.plan.asOf ?? 'today'}; plan every target for the same day`,
    );
  const targets = parts
    .flatMap((p) => p.plan.targets)
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const asOf = first.plan.asOf;
  // The oldest part's time: the combined plan is as fresh as its stalest part.
  const createdAt = parts.map((p) => p.plan.createdAt).sort()[0]!;
  const plan: Plan = {
    formatVersion: PLAN_FORMAT_VERSION,
    createdAt,
    digest: planDigest(targets, asOf),
    targets,
  };
  if (asOf !== undefined) plan.asOf = asOf;
  return plan;
}
