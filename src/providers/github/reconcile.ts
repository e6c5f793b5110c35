import type { Octokit } from 'octokit';
import { Diagnostics, formatLocation } from '../../model/diagnostic.js';
import { ProviderError, ValidationError } from '../../model/errors.js';
import { UNRESOLVED_LOGIN_PREFIX } from '../../model/github-key.js';
import type { ActualState, DesiredMember } from '../../model/member.js';
import type { Notice } from '../../model/plan.js';
import { didYouMean } from '../../util/suggest.js';
import { parseTeamRole } from './actual.js';
import { gitHubMessage, httpStatus } from './client.js';
import type { OrgSnapshot } from './snapshot.js';

/**
 * The organization's paid seats as a seat pool (design §5.2): every invited or active member holds one.
 * Not a team: parentheses are never part of a team slug.
 */
export const SEAT = '(seat)';

export interface Reconciled {
  desired: Map<string, DesiredMember>;
  notices: Notice[];
  /** With paid seats: the actual state with the seat pool, to plan against. */
  actual?: ActualState;
  /** GET /users/{login} requests made. */
  lookups: number;
}

/**
 * Gives every desired member its numeric-id key (design §5.2): logins are looked up among the members and
 * invitations just read, and only the rest with GET /users/{login} (one request each). A login renamed
 * on GitHub (same id) is a notice; a login that now belongs to another id than the file's `githubId`, a
 * login no account has, and a team the organization lacks are located errors.
 */
export async function reconcile(
  gh: Octokit,
  org: string,
  snapshot: OrgSnapshot,
  desired: ReadonlyMap<string, DesiredMember>,
  actual: ActualState,
  target: string,
): Promise<Reconciled> {
  const diags = new Diagnostics();
  const notices: Notice[] = [];
  let lookups = 0;
  const byKey = new Map(actual.members.map((m) => [m.key, m]));
  const invitedLogins = new Map<string, number>();
  for (const inv of snapshot.invitations)
    if (inv.login && inv.inviteeId !== undefined) invitedLogins.set(inv.login.toLowerCase(), inv.inviteeId);
  const looked = new Map<string, number | null>();
  /** The id a login belongs to now; null when no account has it. */
  const idOf = async (login: string): Promise<number | null> => {
    const lower = login.toLowerCase();
    const known = snapshot.logins.get(lower) ?? invitedLogins.get(lower) ?? looked.get(lower);
    if (known !== undefined) return known;
    lookups++;
    try {
      const id = Number((await gh.request('GET /users/{username}', { username: login })).data.id);
      looked.set(lower, id);
      return id;
    } catch (e) {
      if (httpStatus(e) === 404) {
        looked.set(lower, null);
        return null;
      }
      throw new ProviderError(
        `GitHub organization ${org}: cannot look up the login "${login}": ${gitHubMessage(e)}; no plan was made`,
      );
    }
  };

  const teamSlugs = [...snapshot.teams.keys()];
  const out = new Map<string, DesiredMember>();
  const sourceOf = new Map<string, DesiredMember>();
  for (const d of desired.values()) {
    let key = d.key;
    let ok = true;
    if (d.key.startsWith(UNRESOLVED_LOGIN_PREFIX) && d.github !== undefined) {
      const id = await idOf(d.github);
      if (id === null) {
        diags.error(
          d.source,
          `github: no GitHub account has the login "${d.github}" (renamed or deleted?); name the member by githubId`,
        );
        ok = false;
      } else key = String(id);
    } else if (d.github !== undefined && /^\d+$/.test(d.key)) {
      const current = byKey.get(d.key)?.github;
      const sameLogin = current !== undefined && current.toLowerCase() === d.github.toLowerCase();
      if (!sameLogin) {
        const owner = await idOf(d.github);
        if (owner !== null && String(owner) !== d.key) {
          diags.error(
            d.source,
            `github: the login "${d.github}" now belongs to GitHub user ${owner}, not to githubId ${d.key}: a login freed by a rename and taken by someone else never receives access; check who ${d.key} is now and correct the file`,
          );
          ok = false;
        } else if (current !== undefined)
          notices.push({
            kind: 'renamed',
            key: d.key,
            from: d.github,
            to: current,
            message: `renamed ${d.github} → ${current} (githubId ${d.key}); update the file`,
          });
      }
    }
    for (const role of d.roles) {
      if (role === SEAT) continue;
      const parsed = parseTeamRole(role);
      if (!parsed) {
        diags.error(d.source, `role "${role}": use a team slug, or "slug:maintainer"`);
        ok = false;
      } else if (!snapshot.teams.has(parsed.slug)) {
        diags.error(
          d.source,
          `team "${parsed.slug}" does not exist in the GitHub organization ${org}${didYouMean(parsed.slug, teamSlugs)}`,
        );
        ok = false;
      }
    }
    if (!ok) continue;
    const before = sourceOf.get(key);
    if (before) {
      diags.error(d.source, `the same GitHub user (id ${key}) as ${formatLocation(before.source)}`);
      continue;
    }
    sourceOf.set(key, d);
    const roles = matchTeamRoles(d, byKey.get(key));
    if (snapshot.seats && d.state === 'active' && !roles.includes(SEAT)) roles.push(SEAT);
    out.set(key, { ...d, key, roles: roles.sort() });
  }
  if (diags.hasErrors)
    throw new ValidationError(
      `target "${target}": ${diags.errorCount} problem${diags.errorCount === 1 ? '' : 's'} matching the files to the GitHub organization ${org}`,
      diags.items,
    );
  const result: Reconciled = { desired: out, notices, lookups };
  if (snapshot.seats) result.actual = withSeatPool(actual, snapshot.seats);
  return result;
}

/**
 * Paid seats as a pool: GitHub's filled seats also count what rollcall does not manage (outside
 * collaborators), so the pool is the seats left to members: total − (filled − members and invitations).
 */
function withSeatPool(actual: ActualState, seats: { total: number; filled: number }): ActualState {
  const present = (m: ActualState['members'][number]) => m.status === 'active' || m.status === 'invited';
  const holders = actual.members.filter(present).length;
  const others = Math.max(0, seats.filled - holders);
  return {
    ...actual,
    seats: { ...actual.seats, [SEAT]: Math.max(0, seats.total - others) },
    members: actual.members.map((m) => (present(m) ? { ...m, roles: [...m.roles, SEAT].sort() } : m)),
  };
}

/**
 * The files' team roles as the organization holds them: "slug:maintainer" means "slug" too. Then what
 * GitHub cannot show as written: owners are reported as maintainers of their teams (a file's plain
 * membership matches), and an invitation carries teams as a plain member (maintainer follows acceptance).
 */
function matchTeamRoles(d: DesiredMember, a: ActualState['members'][number] | undefined): string[] {
  const roles = new Set<string>();
  for (const r of d.roles) {
    if (r === SEAT) {
      roles.add(r);
      continue;
    }
    const p = parseTeamRole(r)!;
    roles.add(p.slug);
    const maintainer = `${p.slug}:maintainer`;
    if (p.maintainer && a?.status !== 'invited') roles.add(maintainer);
    else if (a?.status === 'active' && a.admin && a.roles.includes(maintainer)) roles.add(maintainer);
  }
  return [...roles].sort();
}
