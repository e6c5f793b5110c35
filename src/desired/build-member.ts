import type { Target } from '../config/load.js';
import type { MemberInput } from '../formats/load-context.js';
import type { Diagnostics, SourceLocation } from '../model/diagnostic.js';
import { githubKey } from '../model/github-key.js';
import { isEmail, memberKey, normalizeEmail } from '../model/key.js';
import { type DesiredMember, MANAGED_FIELDS } from '../model/member.js';
import type { MemberDefaults } from '../model/members-file.js';

/**
 * Everything a member entry or the defaults can set, besides identity, roles and state: buildMember copies
 * each by name (test/desired/build-member.test.ts holds it to this list).
 */
export const MEMBER_SETTINGS = [...MANAGED_FIELDS, 'notify', 'passport', 'force'] as const;

/**
 * Builds a desired member: the file's values over the file's defaults over the target's defaults, roles
 * expanded through the target's bundles and catalog. Problems go to `diags` at `at`.
 */
export function buildMember(
  input: MemberInput,
  at: SourceLocation,
  target: Target,
  diags: Diagnostics,
  fileDefaults: MemberDefaults = {},
  rolesAt: SourceLocation = at,
): DesiredMember | undefined {
  const identity: { key: string; email?: string; id?: string; github?: string } | undefined =
    input.github !== undefined || input.githubId !== undefined
      ? gitHubIdentity(input, at, target, diags)
      : memberKey(input, at, diags);
  // Looked up in turn rather than merged: a merged copy per member was most of the loader's garbage at 1M rows.
  const targetDefaults = target.defaults;
  const expanded = target.catalog.expand(
    input.roles ?? pick(input, fileDefaults, targetDefaults, 'roles') ?? [],
  );
  for (const p of expanded.problems) diags.error(rolesAt, p);
  if (!identity || expanded.problems.length > 0) return undefined;
  const member: DesiredMember = {
    key: identity.key,
    roles: expanded.roles as string[],
    state: input.state ?? 'active',
    source: at,
  };
  if (identity.email !== undefined) member.email = identity.email;
  if (identity.id !== undefined) member.id = identity.id;
  if (identity.github !== undefined) member.github = identity.github;
  if (input.until !== undefined) member.until = input.until;
  // Each setting by name (a loop over the names made every read and write a generic, slow one).
  const file = fileDefaults;
  const firstName = pick3(input.firstName, file.firstName, targetDefaults.firstName);
  if (firstName !== undefined) member.firstName = firstName;
  const lastName = pick3(input.lastName, file.lastName, targetDefaults.lastName);
  if (lastName !== undefined) member.lastName = lastName;
  const description = pick3(input.description, file.description, targetDefaults.description);
  if (description !== undefined) member.description = description;
  const admin = pick3(input.admin, file.admin, targetDefaults.admin);
  if (admin !== undefined) member.admin = admin;
  const external = pick3(input.external, file.external, targetDefaults.external);
  if (external !== undefined) member.external = external;
  const location = pick3(input.location, file.location, targetDefaults.location);
  if (location !== undefined) member.location = location;
  const sso = pick3(input.sso, file.sso, targetDefaults.sso);
  if (sso !== undefined) member.sso = sso;
  const access = pick3(input.access, file.access, targetDefaults.access);
  if (access !== undefined) member.access = access;
  const notify = pick3(input.notify, file.notify, targetDefaults.notify);
  if (notify !== undefined) member.notify = notify;
  const passport = pick3(input.passport, file.passport, targetDefaults.passport);
  if (passport !== undefined) member.passport = passport;
  const force = pick3(input.force, file.force, targetDefaults.force);
  if (force !== undefined) member.force = force;
  return member;
}

/** A setting of the member, else of the file's defaults, else of the target's. */
function pick3<T>(own: T | undefined, file: T | undefined, target: T | undefined): T | undefined {
  return own !== undefined ? own : file !== undefined ? file : target;
}

/** A setting of the member, else of the file's defaults, else of the target's. */
function pick<K extends keyof MemberDefaults>(
  input: MemberInput,
  fileDefaults: MemberDefaults,
  targetDefaults: MemberDefaults,
  k: K,
): MemberDefaults[K] {
  const own = (input as MemberDefaults)[k];
  if (own !== undefined) return own;
  const file = fileDefaults[k];
  return file !== undefined ? file : targetDefaults[k];
}

/** `github`/`githubId` name a member of a github target; an e-mail beside them is kept for reference. */
function gitHubIdentity(
  input: MemberInput,
  at: SourceLocation,
  target: Target,
  diags: Diagnostics,
): { key: string; email?: string; id?: string; github?: string } | undefined {
  if (target.provider !== 'github') {
    diags.error(
      at,
      `github and githubId name members of provider github targets; "${target.name}" is ${target.provider}`,
    );
    return undefined;
  }
  const got = githubKey(input);
  if ('error' in got) {
    diags.error(at, got.error);
    return undefined;
  }
  const email = input.email?.trim() ? normalizeEmail(input.email) : undefined;
  return email !== undefined && isEmail(email) ? { ...got, email } : got;
}
