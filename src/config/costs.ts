import { monthly, type RoleCost, type RoleCosts } from '../model/cost.js';
import type { ConfigRule } from './rules.js';

/** The monthly seat prices of a catalog; undefined when no role has a cost. */
export function catalogCosts(
  roles: Readonly<Record<string, { cost?: RoleCost }>> | undefined,
): RoleCosts | undefined {
  const priced = Object.entries(roles ?? {}).filter(([, spec]) => spec.cost !== undefined);
  if (priced.length === 0) return undefined;
  return {
    currency: priced[0]![1].cost!.currency,
    monthly: Object.fromEntries(priced.map(([role, spec]) => [role, monthly(spec.cost!)])),
  };
}

/** One currency per target (design §6.1): costs in two cannot be added up. */
export const oneCurrency: ConfigRule = ({ config, source, diags }) => {
  config.targets.forEach((t, i) => {
    let first: { role: string; currency: string } | undefined;
    for (const [role, spec] of Object.entries(t.roles ?? {})) {
      if (!spec.cost) continue;
      if (!first) first = { role, currency: spec.cost.currency };
      else if (spec.cost.currency !== first.currency)
        diags.error(
          source.locate(['targets', i, 'roles', role, 'cost', 'currency']),
          `role "${role}" costs in ${spec.cost.currency} but "${first.role}" in ${first.currency}: one currency per target`,
        );
    }
  });
};
