import type { ModelUser } from '../../formats/anaplan/users-export.js';
import type { Change, FieldValues } from '../../model/plan.js';
import type { ApplyContext, ChangeResult } from '../types.js';

/**
 * The seam for what SCIM does not carry: a user's model role, selective access and SSO, set by the model's
 * user import file (design §4.4, model-import.ts). `read` gives each user of the model, keyed by e-mail;
 * `apply` writes (and uploads) the file for the model part of a phase's changes, one result per part.
 * Until one is configured (`connection.model`), model roles fail with a message that says so, and the
 * SCIM part of the same change is still carried out.
 */
export interface ModelRoleWriter {
  read(signal?: AbortSignal): Promise<Map<string, ModelUser>>;
  apply(parts: readonly ModelPart[], ctx: ApplyContext): Promise<ChangeResult[]>;
}

export const NO_MODEL_ROLE_WRITER =
  "Anaplan model roles are assigned by the model's user import file: set connection.model (the model's users export, where to write the file) to manage them";

/** Fields the import file sets; the other member fields go over SCIM. */
export const MODEL_FIELDS = ['sso', 'access'] as const;

/**
 * What one change asks of the model: the model roles it wants (invite: all of them; grant, revoke: these),
 * and the selective access and SSO it sets. Names go along for an invite: a new user needs them.
 */
export interface ModelPart {
  change: Change;
  action: 'invite' | 'grant' | 'revoke' | 'update';
  roles: string[];
  sso?: boolean;
  access?: string[];
  firstName?: string;
  lastName?: string;
}

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

/**
 * Which part of a change goes over SCIM and which through the import file:
 *
 *   invite        SCIM creates (or reactivates) the user with its workspaces; the file gives its model role,
 *                 selective access and SSO
 *   grant/revoke  workspaces over SCIM, model roles in the file
 *   update        names and employee/contractor over SCIM; selective access and SSO in the file
 *   remove        SCIM only (deactivation; the model keeps the role, as Anaplan does)
 *
 * Either part may be absent (a grant of a model role only has no SCIM part).
 */
export function splitChange(
  change: Change,
  isWorkspace: (role: string) => boolean,
): { scim?: Change; model?: ModelPart } {
  const fields = (after: FieldValues | undefined) => {
    const part: Pick<ModelPart, 'sso' | 'access'> = {};
    if (typeof after?.sso === 'boolean') part.sso = after.sso;
    if (Array.isArray(after?.access)) part.access = [...after.access];
    return part;
  };
  switch (change.action) {
    case 'invite': {
      const { scim, model } = splitRoles(change, isWorkspace);
      const part: ModelPart = { change, action: 'invite', roles: model, ...fields(change.after) };
      if (typeof change.after?.firstName === 'string') part.firstName = change.after.firstName;
      if (typeof change.after?.lastName === 'string') part.lastName = change.after.lastName;
      return { scim, model: part };
    }
    case 'grant':
    case 'revoke': {
      const { scim, model } = splitRoles(change, isWorkspace);
      if (model.length === 0) return { scim };
      const part: ModelPart = { change, action: change.action, roles: model };
      return (scim.roles?.length ?? 0) > 0 ? { scim, model: part } : { model: part };
    }
    case 'update': {
      const model = fields(change.after);
      if (Object.keys(model).length === 0) return { scim: change };
      const part: ModelPart = { change, action: 'update', roles: [], ...model };
      const after = without(change.after, MODEL_FIELDS);
      if (!after) return { model: part };
      const scim: Change = { ...change, after };
      const before = without(change.before, MODEL_FIELDS);
      if (before) scim.before = before;
      else delete scim.before;
      return { scim, model: part };
    }
    default:
      return { scim: change };
  }
}

function without(values: FieldValues | undefined, fields: readonly string[]): FieldValues | undefined {
  if (!values) return undefined;
  const out: FieldValues = {};
  for (const [k, v] of Object.entries(values)) if (!fields.includes(k)) out[k] = v;
  return Object.keys(out).length > 0 ? out : undefined;
}
