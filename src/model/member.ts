import { z } from 'zod';
import { IsoDay } from './day.js';
import { DesiredMemberState, MemberStatus } from './lifecycle.js';
import { ManagedRoles } from './managed-roles.js';

/**
 * The member fields rollcall manages besides roles. A field a desired source leaves unset
 * (undefined) is not managed: the planner plans no update for it (design §6).
 */
export const MANAGED_FIELDS = [
  'firstName',
  'lastName',
  'description',
  'admin',
  'external',
  'location',
  'sso',
  'access',
] as const;
export type ManagedField = (typeof MANAGED_FIELDS)[number];

export const MemberFields = z.object({
  email: z.string().optional(),
  id: z.string().optional(),
  /** GitHub login: an alias of the numeric user id that is the key (provider github). */
  github: z.string().optional(),
  firstName: z.string().optional(),
  lastName: z.string().optional(),
  description: z.string().optional(),
  admin: z.boolean().optional(),
  external: z.boolean().optional(),
  location: z.string().optional(),
  sso: z.boolean().optional(),
  access: z.array(z.string()).optional(),
});
export type MemberFields = z.infer<typeof MemberFields>;

export const SourceRef = z.object({
  file: z.string(),
  line: z.number().int(),
  column: z.number().int().optional(),
});

/** One member as the desired-state files describe it, after defaults and bundles are expanded. */
export const DesiredMember = MemberFields.extend({
  key: z.string(),
  /** Sorted, de-duplicated, prerequisites resolved. Roles are always managed. */
  roles: z.array(z.string()),
  state: DesiredMemberState,
  /** Send the welcome e-mail on invite (3DEXPERIENCE `mail`). */
  notify: z.boolean().optional(),
  /** 3DEXPERIENCE apply options: refresh from 3DPassport, force-sync mandatory fields. */
  passport: z.boolean().optional(),
  force: z.boolean().optional(),
  /** Last day of access, UTC (design §6.1): after it the member is offboarded by the target's policy. */
  until: IsoDay.optional(),
  /** The person of the people directory this member comes from (design §4.5). */
  person: z.string().optional(),
  /** Why the member is offboarded, when a source says more than its state ("left (people directory)"). */
  why: z.string().optional(),
  /** Which platform roles the source manages; absent: all (see managed-roles.ts). */
  managedRoles: ManagedRoles.optional(),
  source: SourceRef,
});
export type DesiredMember = z.infer<typeof DesiredMember>;

/** One member as the platform reports it. */
export const ActualMember = MemberFields.extend({
  key: z.string(),
  status: MemberStatus,
  admin: z.boolean().default(false),
  external: z.boolean().default(false),
  roles: z.array(z.string()).default([]),
  /** Licenses the platform will not revoke now (3DEXPERIENCE locks a role after use). */
  lockedRoles: z.array(z.string()).default([]),
  /** When the pending invitation was sent (YYYY-MM-DD), where the platform's export tells. */
  invitedOn: z.string().optional(),
});
export type ActualMember = z.infer<typeof ActualMember>;

/** What a provider reads from a target. */
export interface ActualState {
  /** The acting identity; it never loses admin. */
  self?: string;
  /** Licenses per role; roles absent here are unlimited. */
  seats: Record<string, number>;
  members: ActualMember[];
  /** Invitations the platform still accepts now, when it limits them (GitHub). */
  inviteQuota?: number;
}

/** Every member the files of one target describe, by key. */
export interface DesiredState {
  target: string;
  members: Map<string, DesiredMember>;
  /** The files read, relative to the config directory. */
  files: string[];
}
