import { didYouMean } from '../util/suggest.js';

/**
 * A target's role catalog and bundles: turns role references ("CSV", "@designers") into the sorted set of
 * roles a member holds, with prerequisites added (3DEXPERIENCE) or demanded.
 */
/** Distinct role lists kept expanded; real targets have tens, a hostile file could have millions. */
const MAX_CACHED = 10_000;

export type PrerequisiteMode = 'add' | 'demand';

export interface RoleSpec {
  requires?: string[];
}

export interface ExpandedRoles {
  roles: readonly string[];
  problems: string[];
}

export class RoleCatalog {
  private readonly cache = new Map<string, ExpandedRoles>();

  constructor(
    readonly roles: Readonly<Record<string, RoleSpec>> | undefined,
    readonly bundles: Readonly<Record<string, readonly string[]>> = {},
    readonly prerequisites: PrerequisiteMode = 'demand',
  ) {}

  /** A catalog exists: roles outside it are errors. Without one, any role is accepted. */
  get defined(): boolean {
    return this.roles !== undefined;
  }

  get names(): string[] {
    return Object.keys(this.roles ?? {});
  }

  has(role: string): boolean {
    return this.roles === undefined || Object.hasOwn(this.roles, role);
  }

  requires(role: string): readonly string[] {
    return (this.roles && Object.hasOwn(this.roles, role) && this.roles[role]?.requires) || [];
  }

  /** Expands references; identical inputs share one frozen result (1M members, a few role sets). */
  expand(refs: readonly string[]): ExpandedRoles {
    const cacheKey = refs.join('\u0000');
    const hit = this.cache.get(cacheKey);
    if (hit) return hit;
    const problems: string[] = [];
    const set = new Set<string>();
    for (const ref of refs) this.addRef(ref, set, problems, []);
    for (const role of [...set]) this.addPrerequisites(role, set, problems, []);
    const result: ExpandedRoles = { roles: Object.freeze([...set].sort()), problems };
    if (this.cache.size < MAX_CACHED) this.cache.set(cacheKey, result); // a few role sets repeat; bound the rest
    return result;
  }

  private addRef(ref: string, set: Set<string>, problems: string[], seen: string[]): void {
    if (ref.startsWith('@')) {
      const name = ref.slice(1);
      if (!Object.hasOwn(this.bundles, name)) {
        const known = Object.keys(this.bundles).map((b) => `@${b}`);
        problems.push(`unknown bundle "${ref}"${didYouMean(ref, known)}`);
        return;
      }
      if (seen.includes(name)) return; // cycles are reported by the config rules
      for (const r of this.bundles[name]!) this.addRef(r, set, problems, [...seen, name]);
      return;
    }
    if (!this.has(ref)) {
      problems.push(`role "${ref}" is not in the target's role catalog${didYouMean(ref, this.names)}`);
      return;
    }
    set.add(ref);
  }

  private addPrerequisites(role: string, set: Set<string>, problems: string[], seen: string[]): void {
    if (seen.includes(role)) return;
    for (const req of this.requires(role)) {
      if (!set.has(req)) {
        if (this.prerequisites === 'add') set.add(req);
        else problems.push(`role "${role}" requires "${req}", which is not granted`);
      }
      this.addPrerequisites(req, set, problems, [...seen, role]);
    }
  }
}
