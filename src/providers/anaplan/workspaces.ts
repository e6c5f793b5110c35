import { filterString, type Outcome, type PatchOperation, type RoleAdapter } from '../scim/index.js';

type Resource = Record<string, unknown>;

/** Anaplan accepts at most this many workspaces in one call. */
export const MAX_WORKSPACES_PER_CALL = 50;

/**
 * Anaplan's workspace access: SCIM `entitlements` of type WORKSPACE on the user (value = workspace id,
 * display = its name). A role names a workspace by the name given in `connection.workspaces` (name → id),
 * or by the display name the tenant reports on users that have it.
 */
export class WorkspaceEntitlements implements RoleAdapter {
  private readonly idByName = new Map<string, string>();
  private readonly nameById = new Map<string, string>();

  constructor(configured: Readonly<Record<string, string>>) {
    for (const [name, id] of Object.entries(configured)) {
      this.idByName.set(name, id);
      this.nameById.set(id, name);
    }
  }

  isWorkspace(role: string): boolean {
    return this.idByName.has(role);
  }

  rolesOf(r: Resource): string[] {
    const out: string[] = [];
    for (const e of Array.isArray(r.entitlements) ? (r.entitlements as Resource[]) : []) {
      if (typeof e?.value !== 'string' || (e.type !== undefined && e.type !== 'WORKSPACE')) continue;
      let name = this.nameById.get(e.value);
      if (name === undefined) {
        name = typeof e.display === 'string' && e.display ? e.display : e.value;
        if (!this.idByName.has(name)) this.idByName.set(name, e.value);
        this.nameById.set(e.value, name);
      }
      out.push(name);
    }
    return out;
  }

  private ids(roles: readonly string[]): Outcome<{ ids: string[] }> {
    const unknown = roles.filter((r) => !this.idByName.has(r));
    if (unknown.length > 0)
      return {
        ok: false,
        error: `${unknown.map((r) => `"${r}"`).join(', ')}: not a known workspace (connection.workspaces)`,
      };
    if (roles.length > MAX_WORKSPACES_PER_CALL)
      return {
        ok: false,
        error: `Anaplan takes at most ${MAX_WORKSPACES_PER_CALL} workspaces per call (${roles.length} asked)`,
      };
    return { ok: true, ids: roles.map((r) => this.idByName.get(r)!) };
  }

  private entitlement(id: string) {
    return { type: 'WORKSPACE', value: id, display: this.nameById.get(id) };
  }

  createWith(roles: readonly string[]): Outcome<{ attributes: Resource }> {
    const r = this.ids(roles);
    if (!r.ok) return r;
    return {
      ok: true,
      attributes: r.ids.length ? { entitlements: r.ids.map((id) => this.entitlement(id)) } : {},
    };
  }

  patch(add: readonly string[], remove: readonly string[]): Outcome<{ operations: PatchOperation[] }> {
    const a = this.ids(add);
    if (!a.ok) return a;
    const r = this.ids(remove);
    if (!r.ok) return r;
    const operations: PatchOperation[] = r.ids.map((id) => ({
      op: 'remove',
      path: `entitlements[value eq ${filterString(id)}]`,
    }));
    if (a.ids.length > 0)
      operations.push({ op: 'add', path: 'entitlements', value: a.ids.map((id) => this.entitlement(id)) });
    return { ok: true, operations };
  }
}
