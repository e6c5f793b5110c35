import { z } from 'zod';

/** One entry of the approvals file (design §6.1): a reviewed set of removals, or a cost increase. */
export const ApprovalEntry = z
  .strictObject({
    target: z.string().min(1).describe('The target whose plan this approves'),
    removals: z
      .string()
      .regex(/^sha256:[0-9a-f]{64}$/, 'expected "sha256:" and 64 hex digits, the plan\'s removalDigest')
      .optional()
      .describe("The target plan's removalDigest: exactly these removals are approved"),
    costIncrease: z
      .number()
      .min(0)
      .optional()
      .describe("Monthly cost increase approved, in the catalog's currency"),
    reason: z.string().min(1).describe('Why: shown in the plan as the approval'),
  })
  .refine((a) => a.removals !== undefined || a.costIncrease !== undefined, {
    message: 'an approval names removals (a removalDigest) or a costIncrease',
  });

export const ApprovalsFile = z
  .strictObject({
    $schema: z.string().optional(),
    approvals: z.array(ApprovalEntry),
  })
  .meta({ title: 'rollcall approvals', description: 'Removals and cost increases approved in review' });

/** An approval as the planner gets it: the entry and where it stands. */
export interface Approval {
  target: string;
  removals?: string;
  costIncrease?: number;
  reason: string;
  /** The approvals file as rollcall.yaml names it, and the entry's line. */
  file: string;
  line: number;
}
