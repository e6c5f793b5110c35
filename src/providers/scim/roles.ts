import type { PatchOperation } from './schema-ids.js';

type Resource = Record<string, unknown>;

export type Outcome<T> = ({ ok: true } & T) | { ok: false; error: string };

/**
 * Where roles live when they are not `/Groups` memberships: attributes of the user resource itself
 * (Anaplan's workspace entitlements). Without an adapter, roles are groups, matched by display name.
 */
export interface RoleAdapter {
  /** Roles a user resource carries. */
  rolesOf(r: Resource): string[];
  /** Attributes that give a new user these roles. */
  createWith(roles: readonly string[]): Outcome<{ attributes: Resource }>;
  /** PATCH operations on the user that add and remove roles. */
  patch(add: readonly string[], remove: readonly string[]): Outcome<{ operations: PatchOperation[] }>;
}
