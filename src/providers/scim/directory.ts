/** What rollcall knows of one SCIM user after reading: enough to address it and to diff it. */
export interface ScimUser {
  id: string;
  key: string;
  active: boolean;
  /** meta.version, an ETag, when the service keeps them. */
  version?: string;
  /** Role names held: group display names, or entitlements for services that model roles so. */
  roles: Set<string>;
  /** Personal attributes the resource holds (what pseudonymizing removes). */
  personal: string[];
}

export interface ScimGroup {
  id: string;
  name: string;
  /** User ids. */
  members: Set<string>;
}

/**
 * The service as last read, kept up to date by successful writes: users by key and by id, groups by
 * display name. It is a cache of ids for addressing changes; plans are always made from a fresh read.
 */
export class Directory {
  readonly users = new Map<string, ScimUser>();
  readonly byId = new Map<string, ScimUser>();
  readonly groups = new Map<string, ScimGroup>();
  /** Users whose key another user also has; the first kept, the others counted here. */
  duplicates = 0;

  addUser(u: ScimUser): void {
    const old = this.users.get(u.key);
    if (old && old.id !== u.id) {
      this.duplicates++;
      // Keep the active one; among equals, the one read first.
      if (old.active || !u.active) return;
      this.byId.delete(old.id);
    }
    this.users.set(u.key, u);
    this.byId.set(u.id, u);
  }

  dropUser(key: string): void {
    const u = this.users.get(key);
    if (!u) return;
    this.users.delete(key);
    this.byId.delete(u.id);
    for (const g of this.groups.values()) g.members.delete(u.id);
  }

  addGroup(g: ScimGroup): void {
    if (!this.groups.has(g.name)) this.groups.set(g.name, g);
    for (const id of g.members) this.byId.get(id)?.roles.add(g.name);
  }
}
