import { z } from 'zod';

/** Where a member stands on a target. `deleted` members are no longer listed by the platform. */
export const MemberStatus = z.enum(['invited', 'active', 'removed', 'pseudonymized']);
export type MemberStatus = z.infer<typeof MemberStatus>;

/** What the desired state asks for a member. */
export const DesiredMemberState = z.enum(['active', 'removed', 'pseudonymized', 'deleted']);
export type DesiredMemberState = z.infer<typeof DesiredMemberState>;

/** How far pruning (members in no file) goes. */
export const OffboardLevel = z.enum(['remove', 'pseudonymize', 'delete']);
export type OffboardLevel = z.infer<typeof OffboardLevel>;

/** The lifecycle order: each offboarding step needs the previous one. */
export const LIFECYCLE_RANK = {
  invited: 0,
  active: 0,
  removed: 1,
  pseudonymized: 2,
  deleted: 3,
} as const satisfies Record<MemberStatus | DesiredMemberState, number>;

export function offboardTarget(level: OffboardLevel): DesiredMemberState {
  return level === 'remove' ? 'removed' : level === 'pseudonymize' ? 'pseudonymized' : 'deleted';
}

/** A member who holds a place on the platform (and its licenses): active, or invited and pending. */
export function isPresent(status: MemberStatus): boolean {
  return status === 'active' || status === 'invited';
}

/** The actions that take a member off the platform, one lifecycle step each. */
export const OFFBOARDING_ACTIONS = ['remove', 'pseudonymize', 'delete'] as const;
export type OffboardingAction = (typeof OFFBOARDING_ACTIONS)[number];

export function isOffboarding(action: string): action is OffboardingAction {
  return action === 'remove' || action === 'pseudonymize' || action === 'delete';
}
