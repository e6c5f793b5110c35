import type { ActualMember, ActualState } from '../../model/member.js';
import { invitationKey, type OrgSnapshot } from './snapshot.js';

/**
 * Team roles as rollcall holds them: "slug" for a membership, and "slug:maintainer" besides it for a
 * maintainer. So member → maintainer is one grant (PUT role=maintainer), maintainer → member one revoke
 * (PUT role=member), and nobody leaves a team on the way.
 */
export function teamRoles(slug: string, role: 'member' | 'maintainer'): string[] {
  return role === 'maintainer' ? [slug, `${slug}:maintainer`] : [slug];
}

/** Splits "slug" / "slug:maintainer"; undefined for anything else. */
export function parseTeamRole(role: string): { slug: string; maintainer: boolean } | undefined {
  const m = /^([^:\s]+)(?::(maintainer|member))?$/.exec(role);
  return m ? { slug: m[1]!, maintainer: m[2] === 'maintainer' } : undefined;
}

/** The organization as rollcall's model sees it: members by numeric id, pending invitations `invited`. */
export function actualState(s: OrgSnapshot): ActualState {
  const members: ActualMember[] = [];
  for (const m of s.members.values())
    members.push({
      key: String(m.id),
      github: m.login,
      status: 'active',
      admin: m.admin,
      external: false,
      roles: [...m.teams].flatMap(([slug, role]) => teamRoles(slug, role)).sort(),
      lockedRoles: [],
    });
  for (const inv of s.invitations) {
    const key = invitationKey(inv);
    if (key === undefined || s.members.has(Number(key))) continue;
    const m: ActualMember = {
      key,
      status: 'invited',
      admin: inv.admin,
      external: false,
      roles: [...inv.teams].sort(),
      lockedRoles: [],
    };
    if (inv.login) m.github = inv.login;
    if (inv.email) m.email = inv.email.trim().toLowerCase();
    members.push(m);
  }
  const state: ActualState = { seats: {}, members, inviteQuota: s.inviteQuota };
  if (s.self) state.self = String(s.self.id);
  return state;
}
