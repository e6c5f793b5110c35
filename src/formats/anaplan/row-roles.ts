import type { ManagedRoles } from '../../model/managed-roles.js';
import type { LoadContext } from '../load-context.js';

/**
 * The roles of one Anaplan import row (design §4.4). Workspace access and the model role are different
 * things: the `Model Role` cell says only the model role, the workspaces come from the target's defaults.
 * The import doc: "If you do not include a model role in the import, the new users have the No Access
 * role" — for a new user; for an existing one an empty cell or an absent column is not an instruction, so
 * it never revokes: the defaults decide, or the model role is left unmanaged.
 */
export function anaplanRowRoles(
  target: Pick<LoadContext, 'defaults' | 'roles' | 'connection'>,
  /** The cell: undefined when there is no column, '' when empty, `[]` for "No Access". */
  modelRole: string | undefined | readonly [],
): { roles: string[]; managedRoles?: ManagedRoles } {
  const workspaces = new Set(workspaceNames(target));
  const defaults = target.defaults.roles ? target.roles.expand(target.defaults.roles) : undefined;
  const defaultWorkspaces = (defaults ?? []).filter((r) => workspaces.has(r));
  const defaultModel = (defaults ?? []).filter((r) => !workspaces.has(r));
  // The defaults manage workspace access when they list roles at all.
  const workspacesManaged = defaults !== undefined;
  const cellSays = Array.isArray(modelRole) || (typeof modelRole === 'string' && modelRole !== '');
  if (cellSays) {
    const model = Array.isArray(modelRole) ? [] : [modelRole as string];
    return {
      roles: [...defaultWorkspaces, ...model],
      ...(workspacesManaged || workspaces.size === 0 ? {} : { managedRoles: { except: [...workspaces] } }),
    };
  }
  const modelManaged = defaultModel.length > 0;
  const roles = [...defaultWorkspaces, ...defaultModel];
  if (modelManaged && workspacesManaged) return { roles };
  return { roles, managedRoles: { only: workspacesManaged ? [...workspaces] : [] } };
}

function workspaceNames(target: Pick<LoadContext, 'connection'>): string[] {
  const ws = target.connection.workspaces;
  return ws && typeof ws === 'object' ? Object.keys(ws as Record<string, unknown>) : [];
}
