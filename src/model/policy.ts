import { z } from 'zod';
import { OffboardLevel } from './lifecycle.js';

/** A target's policy (design §3): what may be removed, what never is, and the limits that hold a plan. */
export const MaxRemovals = z.union([
  z.number().int().min(0),
  z.literal('none'),
  z.string().regex(/^\d+(?:\.\d+)?%$/, 'must be a count or a percentage such as "5%"'),
]);

export const Policy = z.strictObject({
  prune: z.boolean().default(false).describe('Offboard members that are on the target but in no file'),
  offboard: OffboardLevel.default('remove').describe('How far pruning goes'),
  ignore: z.array(z.string()).default([]).describe('Keys never touched (glob)'),
  protect: z.array(z.string()).default([]).describe('Keys never removed nor demoted (glob)'),
  minAdmins: z.number().int().min(0).default(0).describe('Plan refused if fewer admins would remain'),
  maxRemovals: MaxRemovals.optional().describe(
    'Count, percentage of current members, or "none"; over it apply is held. With prune and no value: 25%',
  ),
  expiryNotice: z
    .number()
    .int()
    .min(0)
    .default(14)
    .describe('Days before `until` that the plan lists access as expiring'),
  maxCostIncrease: z
    .number()
    .min(0)
    .optional()
    .describe("In the catalog's currency per month; over it the plan is held"),
});
export type Policy = z.infer<typeof Policy>;
