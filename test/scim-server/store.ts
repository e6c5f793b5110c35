import SCIMMY from 'scimmy';

export type Rec = Record<string, unknown> & { id: string };

const READ_ONLY = ['schemas', 'meta', 'id', 'groups'];

function plain(instance: unknown): Record<string, unknown> {
  const o = JSON.parse(JSON.stringify(instance)) as Record<string, unknown>;
  for (const k of READ_ONLY) delete o[k];
  return o;
}

function scimError(status: number, scimType: string | null, detail: string): Error {
  return new SCIMMY.Types.Error(status, scimType as string, detail);
}

/** Paging the store does itself, so a page costs O(page), not O(all users) (see pageOf). */
interface ListRequest {
  filter?: { expression?: string; match(values: object[]): object[] };
  constraints?: { startIndex?: number; count?: number; sortBy?: string };
}

/**
 * The in-memory data behind the SCIMMY test server: the ingress/egress/degress handlers SCIMMY calls for
 * Users and Groups. userName is unique case-insensitively (409 `uniqueness`, RFC 7643 §4.1.1), group
 * members must be existing users (400 `invalidValue`), deleting a user drops its memberships.
 */
export class ScimStore {
  readonly users = new Map<string, Rec>();
  readonly groups = new Map<string, Rec>();
  private readonly userNames = new Map<string, string>();
  /** Group ids by lower-cased displayName, and by user id the groups it is a member of: no scan per write. */
  private readonly groupNames = new Map<string, string>();
  private readonly memberOf = new Map<string, Set<string>>();
  private seq = 0;

  private nextId(prefix: string): string {
    return `${prefix}${String(++this.seq).padStart(7, '0')}`;
  }

  private meta(old: Rec | undefined) {
    const now = new Date().toISOString();
    const n = Number(
      String((old?.meta as { version?: string } | undefined)?.version ?? 'W/"0"').replace(/\D/g, ''),
    );
    return {
      created: (old?.meta as { created?: string } | undefined)?.created ?? now,
      lastModified: now,
      version: `W/"${n + 1}"`,
    };
  }

  // ---- Users ----
  userIngress = (resource: { id?: string }, instance: unknown): Rec => {
    const data = plain(instance);
    const old = resource.id ? this.users.get(resource.id) : undefined;
    if (resource.id && !old) throw scimError(404, null, `Resource ${resource.id} not found`);
    const userName = String(data.userName ?? '');
    if (!userName) throw scimError(400, 'invalidValue', 'userName is required');
    const owner = this.userNames.get(userName.toLowerCase());
    if (owner !== undefined && owner !== resource.id)
      throw scimError(409, 'uniqueness', `userName "${userName}" is already taken`);
    const id = old?.id ?? this.nextId('u');
    if (old) this.userNames.delete(String(old.userName).toLowerCase());
    const rec: Rec = { ...data, id, meta: this.meta(old) };
    this.users.set(id, rec);
    this.userNames.set(userName.toLowerCase(), id);
    return rec;
  };

  userEgress = (resource: ListRequest & { id?: string }): Rec | (Rec | undefined)[] => {
    if (resource.id) {
      const u = this.users.get(resource.id);
      if (!u) throw scimError(404, null, `Resource ${resource.id} not found`);
      return { ...u, groups: this.groupsOf(u.id) };
    }
    const byName = /^\s*userName\s+eq\s+"((?:[^"\\]|\\.)*)"\s*$/i.exec(resource.filter?.expression ?? '');
    if (byName) {
      const id = this.userNames.get(JSON.parse(`"${byName[1]}"`).toLowerCase());
      const u = id === undefined ? undefined : this.users.get(id);
      return u ? [{ ...u, groups: this.groupsOf(u.id) }] : [];
    }
    return this.list(resource, [...this.users.values()]);
  };

  userDegress = (resource: { id?: string }): void => {
    const u = resource.id ? this.users.get(resource.id) : undefined;
    if (!u) throw scimError(404, null, `Resource ${resource.id} not found`);
    this.users.delete(u.id);
    this.userNames.delete(String(u.userName).toLowerCase());
    for (const gid of this.memberOf.get(u.id) ?? []) {
      const g = this.groups.get(gid)!;
      g.members = (g.members as { value: string }[]).filter((m) => m.value !== u.id);
    }
    this.memberOf.delete(u.id);
  };

  // ---- Groups ----
  groupIngress = (resource: { id?: string }, instance: unknown): Rec => {
    const data = plain(instance);
    const old = resource.id ? this.groups.get(resource.id) : undefined;
    if (resource.id && !old) throw scimError(404, null, `Resource ${resource.id} not found`);
    const name = String(data.displayName ?? '');
    const owner = this.groupNames.get(name.toLowerCase());
    if (owner !== undefined && owner !== resource.id)
      throw scimError(409, 'uniqueness', `displayName "${name}" is already taken`);
    const seen = new Set<string>();
    const members: { value: string; type: string }[] = [];
    for (const m of (data.members ?? []) as { value?: string }[]) {
      const v = String(m.value ?? '');
      if (!this.users.has(v)) throw scimError(400, 'invalidValue', `member "${v}" is not a user`);
      if (!seen.has(v)) members.push({ value: v, type: 'User' });
      seen.add(v);
    }
    const rec: Rec = { ...data, members, id: old?.id ?? this.nextId('g'), meta: this.meta(old) };
    if (old) this.unindexGroup(old);
    this.groups.set(rec.id, rec);
    this.groupNames.set(name.toLowerCase(), rec.id);
    for (const m of members) {
      const of = this.memberOf.get(m.value) ?? new Set<string>();
      of.add(rec.id);
      this.memberOf.set(m.value, of);
    }
    return rec;
  };

  groupEgress = (resource: ListRequest & { id?: string }): Rec | (Rec | undefined)[] => {
    if (resource.id) {
      const g = this.groups.get(resource.id);
      if (!g) throw scimError(404, null, `Resource ${resource.id} not found`);
      return g;
    }
    return this.list(resource, [...this.groups.values()]);
  };

  groupDegress = (resource: { id?: string }): void => {
    const g = resource.id ? this.groups.get(resource.id) : undefined;
    if (!g) throw scimError(404, null, `Resource ${resource.id} not found`);
    this.unindexGroup(g);
    this.groups.delete(g.id);
  };

  private unindexGroup(g: Rec): void {
    this.groupNames.delete(String(g.displayName).toLowerCase());
    for (const m of g.members as { value: string }[]) this.memberOf.get(m.value)?.delete(g.id);
  }

  /** The user's groups, in the order of the groups (ids grow with creation, as the Map's order). */
  private groupsOf(userId: string) {
    return [...(this.memberOf.get(userId) ?? [])].sort().map((id) => ({
      value: id,
      display: String(this.groups.get(id)!.displayName),
    }));
  }

  /**
   * A list for SCIMMY's ListResponse. SCIMMY formats every resource egress returns before it pages, so
   * returning all 10,000 users for each page of 100 would cost O(n²) over a read. When the request asks
   * for one page in id order, the store returns a sparse array: `length` = the total (SCIMMY's
   * totalResults), only that page's slots filled (Array.map skips holes, and ListResponse drops them).
   * Its later "offset to startIndex" is a no-op for startIndex 1 or past the first page, so other
   * requests (a startIndex inside the first page, another sort order, a filter) get the whole list.
   */
  private list(resource: ListRequest, all: Rec[]): (Rec | undefined)[] {
    if (resource.filter) return resource.filter.match(all) as Rec[];
    const { startIndex = 1, count, sortBy } = resource.constraints ?? {};
    if (count === undefined || (sortBy !== undefined && sortBy !== 'id')) return all;
    if (startIndex !== 1 && startIndex <= count) return all;
    const out: (Rec | undefined)[] = new Array(all.length);
    for (let i = startIndex - 1; i < Math.min(all.length, startIndex - 1 + count); i++) out[i] = all[i];
    return out;
  }

  // ---- For tests ----
  addUser(data: Record<string, unknown>): Rec {
    return this.userIngress({}, { active: true, ...data });
  }

  addGroup(displayName: string, memberIds: string[] = []): Rec {
    return this.groupIngress({}, { displayName, members: memberIds.map((value) => ({ value })) });
  }

  userByName(userName: string): Rec | undefined {
    const id = this.userNames.get(userName.toLowerCase());
    return id === undefined ? undefined : this.users.get(id);
  }

  groupByName(name: string): Rec | undefined {
    const id = this.groupNames.get(name.toLowerCase());
    const g = id === undefined ? undefined : this.groups.get(id);
    return g?.displayName === name ? g : undefined;
  }

  membersOf(name: string): string[] {
    const g = this.groupByName(name);
    return ((g?.members ?? []) as { value: string }[])
      .map((m) => String(this.users.get(m.value)?.userName))
      .sort();
  }
}
