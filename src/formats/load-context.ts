import type { Diagnostics, SourceLocation } from '../model/diagnostic.js';
import type { DesiredMemberState } from '../model/lifecycle.js';
import type { DesiredMember } from '../model/member.js';
import type { MemberDefaults } from '../model/members-file.js';
import type { RoleNames } from './dialect.js';

/** What a format gives for one member before defaults, bundles and prerequisites. */
export interface MemberInput extends Omit<MemberDefaults, 'roles'> {
  email?: string;
  id?: string;
  /** GitHub login and numeric id (provider github). */
  github?: string;
  githubId?: number;
  roles?: readonly string[];
  state?: DesiredMemberState;
  /** Last day of access (YYYY-MM-DD). */
  until?: string;
}

/** The role names a target knows (its catalog), as loaders need them. */
export interface KnownRoles {
  /** A catalog exists: roles outside it are errors. Without one, any role is accepted. */
  readonly defined: boolean;
  readonly names: readonly string[];
  has(role: string): boolean;
  /** Role references (bundles, prerequisites) as the target expands them. */
  expand(refs: readonly string[]): readonly string[];
}

export interface MemberOptions {
  /** The file's own defaults (a YAML file's `defaults:`), under the member's values. */
  defaults?: MemberDefaults;
  /** Where the roles are, for role problems (default: the member's place). */
  rolesAt?: SourceLocation;
  /** false: the row had problems of its own; the member is checked but not kept. */
  keep?: boolean;
}

/** What a format loader gets: where it reads, what it reports to, where its members go. */
export interface LoadContext {
  /** The file as messages show it. */
  file: string;
  diags: Diagnostics;
  /** The target's role catalog. */
  roles: KnownRoles;
  /** The shape of the platform's role ids, when the target's platform has one. */
  roleNames?: RoleNames;
  /** The target's defaults for members that do not set a field (a dialect may need to know what they manage). */
  defaults: MemberDefaults;
  /** The target's provider settings (Anaplan: which catalog roles are workspaces). */
  connection: Readonly<Record<string, unknown>>;
  /**
   * One member read at `at`: completed with the target's defaults, bundles and catalog, checked (problems
   * go to this context's `diags`) and kept unless `keep` is false or it has problems. Returns the member
   * as built (kept or not), or undefined when it has problems.
   */
  member(input: MemberInput, at: SourceLocation, options?: MemberOptions): DesiredMember | undefined;
}

/** A format loader: reads one file, streams members to `ctx.member`, reports every problem to `ctx.diags`. */
export type FormatLoader = (path: string, ctx: LoadContext) => Promise<void>;
