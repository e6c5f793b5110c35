import { z } from 'zod';

/**
 * Which of a member's roles on the platform its desired source manages. Absent: every role (design §6:
 * "Roles are always managed"). `only`: just these (the rest are left as they are); `except`: all but these.
 * The Anaplan import file uses it so that an empty `Model Role` cell never revokes a model role, and so
 * that a `Model Role` column never takes workspace access away (design §4.4).
 */
export const ManagedRoles = z.object({
  only: z.array(z.string()).optional(),
  except: z.array(z.string()).optional(),
});
export type ManagedRoles = z.infer<typeof ManagedRoles>;

/** Whether the desired source of a member manages (and so may revoke) `role`. */
export function managesRole(scope: ManagedRoles | undefined, role: string): boolean {
  if (!scope) return true;
  if (scope.only && !scope.only.includes(role)) return false;
  if (scope.except?.includes(role)) return false;
  return true;
}
