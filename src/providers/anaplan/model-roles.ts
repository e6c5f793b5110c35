import type { Change } from '../../model/plan.js';
import type { ChangeResult } from '../types.js';

/**
 * The seam for Anaplan model roles, which SCIM does not carry: they are set by the user import file
 * (design §4.4). An implementation writes (or uploads) that file for the model-role part of a phase's
 * changes and reports one result per change; `read` gives each user's model roles, keyed like members.
 * The anaplan provider routes to it every role that is not a workspace. Until one is given, such roles
 * fail with a message that says so, and the workspace part of the same change is still carried out.
 */
export interface ModelRoleWriter {
  read(signal?: AbortSignal): Promise<Map<string, string[]>>;
  apply(changes: readonly Change[], signal?: AbortSignal): Promise<ChangeResult[]>;
}

export const NO_MODEL_ROLE_WRITER =
  'Anaplan model roles are assigned by the user import file, which this provider does not write yet';

/** A change's roles split into workspaces (SCIM entitlements) and the rest (model roles). */
export function splitRoles(
  change: Change,
  isWorkspace: (role: string) => boolean,
): { scim: Change; model: string[] } {
  if (!change.roles) return { scim: change, model: [] };
  const model = change.roles.filter((r) => !isWorkspace(r));
  if (model.length === 0) return { scim: change, model };
  return { scim: { ...change, roles: change.roles.filter(isWorkspace) }, model };
}
