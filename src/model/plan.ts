import { z } from 'zod';

/** Plan JSON, format 1 (design §7). Readers accept unknown fields; another formatVersion is refused. */
export const PLAN_FORMAT_VERSION = 1;

export const CHANGE_ACTIONS = [
  'invite',
  'update',
  'grant',
  'revoke',
  'remove',
  'pseudonymize',
  'delete',
] as const;
export const ChangeAction = z.enum(CHANGE_ACTIONS);
export type ChangeAction = z.infer<typeof ChangeAction>;

/** Actions that take someone off the platform, counted against `maxRemovals`. */

/** Field values in `before`/`after`: the managed member fields. */
export const FieldValues = z.record(z.string(), z.union([z.string(), z.boolean(), z.array(z.string())]));
export type FieldValues = z.infer<typeof FieldValues>;

/** Options that shape how a change is carried out, not what the member becomes. */
export const ChangeOptions = z.looseObject({
  /** Send the platform's welcome e-mail (invite). */
  notify: z.boolean().optional(),
  /** 3DEXPERIENCE: refresh the user from 3DPassport / force-sync mandatory fields. */
  passport: z.boolean().optional(),
  force: z.boolean().optional(),
});

export const Change = z.looseObject({
  phase: z.number().int().min(1),
  action: ChangeAction,
  key: z.string(),
  /** invite: roles granted with the invitation; grant/revoke: the roles. */
  roles: z.array(z.string()).optional(),
  before: FieldValues.optional(),
  after: FieldValues.optional(),
  options: ChangeOptions.optional(),
  reason: z.string().optional(),
});
export type Change = z.infer<typeof Change>;

export const BLOCK_REASONS = [
  'license-locked',
  'no-seats',
  'protected',
  'min-admins',
  'unsupported',
  'quota',
] as const;
export const BlockReason = z.enum(BLOCK_REASONS);
export type BlockReason = z.infer<typeof BlockReason>;

/** A change that cannot be done; never dropped silently. */
export const Blocked = z.looseObject({
  action: ChangeAction,
  key: z.string(),
  roles: z.array(z.string()).optional(),
  reason: BlockReason,
  message: z.string(),
});
export type Blocked = z.infer<typeof Blocked>;

/** One seat pool: licenses in use before and after the plan. `after > total` is a shortage. */
export const SeatRow = z.looseObject({
  role: z.string(),
  total: z.number().int(),
  before: z.number().int(),
  after: z.number().int(),
  /** after − total when positive: licenses missing for the plan's grants and invites. */
  shortfall: z.number().int().optional(),
});
export type SeatRow = z.infer<typeof SeatRow>;

export const Summary = z.looseObject({
  invite: z.number().int(),
  update: z.number().int(),
  grant: z.number().int(),
  revoke: z.number().int(),
  remove: z.number().int(),
  pseudonymize: z.number().int(),
  delete: z.number().int(),
  blocked: z.number().int(),
});
export type Summary = z.infer<typeof Summary>;

/**
 * Something the reviewer should know that is not a change: `renamed` (a GitHub login changed, matched by
 * id: { key, from, to }), `expiring` (design §6.1: { key, until }), and so on. Absent when there is none.
 */
export const Notice = z.looseObject({
  kind: z.string(),
  key: z.string(),
  message: z.string().optional(),
});
export type Notice = z.infer<typeof Notice>;

/** Where an approval stands: the approvals file, the entry's line, its reason (design §6.1). */
export const ApprovalRef = z.looseObject({ file: z.string(), line: z.number().int(), reason: z.string() });
export type ApprovalRef = z.infer<typeof ApprovalRef>;

/** The monthly cost of a target's seats before and after the plan (design §6.1). */
export const TargetCost = z.looseObject({
  currency: z.string(),
  per: z.literal('month'),
  before: z.number(),
  after: z.number(),
});
export type TargetCost = z.infer<typeof TargetCost>;

/** What holds a target: its removals (maxRemovals) or its cost (maxCostIncrease). */
export const HOLD_KINDS = ['removals', 'cost'] as const;
export const HoldKind = z.enum(HOLD_KINDS);
export type HoldKind = z.infer<typeof HoldKind>;

export const TargetPlan = z.looseObject({
  name: z.string(),
  provider: z.string(),
  actualDigest: z.string(),
  desiredDigest: z.string(),
  /** Over `maxRemovals`: apply refuses unless `--allow-removals N` with N at least `removals`. */
  held: z.boolean(),
  heldReason: z.string().optional(),
  /** removals + pseudonymizations + deletions in this plan. */
  removals: z.number().int().optional(),
  summary: Summary,
  changes: z.array(Change),
  blocked: z.array(Blocked),
  seats: z.array(SeatRow),
  notices: z.array(Notice).optional(),
  /** What holds the plan when `held` (absent in plans of older versions: removals). */
  heldFor: z.array(HoldKind).optional(),
  /** sha256 over the offboarding changes, canonical (design §6.1); present when there are some. */
  removalDigest: z.string().optional(),
  /** The approvals entry that released the removal hold. */
  approvedBy: ApprovalRef.optional(),
  /** The approvals entry that released the cost hold. */
  costApprovedBy: ApprovalRef.optional(),
  cost: TargetCost.optional(),
});
export type TargetPlan = z.infer<typeof TargetPlan>;

export const Plan = z.looseObject({
  formatVersion: z.literal(PLAN_FORMAT_VERSION, {
    error: 'unsupported plan formatVersion (this rollcall reads 1)',
  }),
  createdAt: z.string(),
  /** The day the plan was made for (YYYY-MM-DD, UTC): today, or `plan --at`. */
  asOf: z.string().optional(),
  digest: z.string(),
  targets: z.array(TargetPlan),
});
export type Plan = z.infer<typeof Plan>;

export function emptySummary(): Summary {
  return { invite: 0, update: 0, grant: 0, revoke: 0, remove: 0, pseudonymize: 0, delete: 0, blocked: 0 };
}

export function hasChanges(plan: Plan): boolean {
  return plan.targets.some((t) => t.changes.length > 0);
}

/**
 * The platform does not match the files: the plan has changes or blocked items (design §8: what
 * `plan --detailed-exitcode` exits 2 for). A blocked change is a difference apply cannot remove.
 */
export function differs(plan: Plan): boolean {
  return plan.targets.some((t) => t.changes.length > 0 || t.blocked.length > 0);
}
