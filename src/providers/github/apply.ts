import type { Octokit } from 'octokit';
import type { Change } from '../../model/plan.js';
import type { ChangeResult } from '../types.js';
import { parseTeamRole } from './actual.js';
import { gitHubMessage, httpStatus } from './client.js';
import { SEAT } from './reconcile.js';
import { invitationKey, type OrgSnapshot } from './snapshot.js';

/** A change that cannot be carried out as asked, in words. */
class Refusal extends Error {}

/**
 * Carries out one change with GitHub's REST API: invite (by user id, or by e-mail, with the member's
 * teams), remove (organization membership, or the pending invitation), update (owner or member), grant and
 * revoke (team memberships). Writes go one at a time (the client spaces them). A refusal by GitHub (403,
 * 404, 422) fails this change only, with the reason in words.
 */
export async function applyChange(
  gh: Octokit,
  org: string,
  s: OrgSnapshot,
  change: Change,
): Promise<ChangeResult> {
  try {
    // The seat is not a team: it comes with the invitation and goes with the removal.
    const roles = change.roles?.filter((r) => r !== SEAT);
    await carryOut(gh, org, s, roles ? { ...change, roles } : change);
    return { change, status: 'succeeded', attempts: 1 };
  } catch (e) {
    return { change, status: 'failed', attempts: 1, error: explain(change, e) };
  }
}

async function carryOut(gh: Octokit, org: string, s: OrgSnapshot, c: Change): Promise<void> {
  const id = /^\d+$/.test(c.key) ? Number(c.key) : undefined;
  const member = id !== undefined ? s.members.get(id) : undefined;
  const invitation = s.invitations.find((i) => invitationKey(i) === c.key);
  const login = member?.login ?? invitation?.login;
  const needLogin = (): string => {
    if (login) return login;
    throw new Refusal(`${c.key} is neither a member nor invited by login in ${org} (read again and re-plan)`);
  };
  switch (c.action) {
    case 'invite': {
      const teamIds = (c.roles ?? []).map((r) => {
        const team = s.teams.get(parseTeamRole(r)?.slug ?? r);
        if (!team) throw new Refusal(`team "${r}" does not exist in ${org}`);
        return team.id;
      });
      const body: {
        role: 'admin' | 'direct_member';
        team_ids?: number[];
        invitee_id?: number;
        email?: string;
      } = {
        role: c.after?.admin === true ? 'admin' : 'direct_member',
      };
      if (teamIds.length > 0) body.team_ids = [...new Set(teamIds)];
      if (id !== undefined) body.invitee_id = id;
      else if (c.key.includes('@')) body.email = c.key;
      else throw new Refusal(`${c.key} is neither a GitHub user id nor an e-mail address`);
      await gh.request('POST /orgs/{org}/invitations', { org, ...body });
      return;
    }
    case 'remove': {
      if (member)
        await gh.request('DELETE /orgs/{org}/memberships/{username}', { org, username: member.login });
      else if (invitation)
        await gh.request('DELETE /orgs/{org}/invitations/{invitation_id}', {
          org,
          invitation_id: invitation.id,
        });
      else throw new Refusal(`${c.key} is neither a member nor invited in ${org}`);
      return;
    }
    case 'update': {
      const fields = Object.keys(c.after ?? {}).filter((f) => f !== 'admin');
      if (fields.length > 0) throw new Refusal(`GitHub has no ${fields.join(', ')} for organization members`);
      if (c.after?.admin === undefined) return;
      if (!member)
        throw new Refusal(
          `${c.key} has a pending invitation: GitHub changes an invitation's role only by inviting again; cancel it (remove) and invite again, or wait until it is accepted`,
        );
      await gh.request('PUT /orgs/{org}/memberships/{username}', {
        org,
        username: needLogin(),
        role: c.after.admin === true ? 'admin' : 'member',
      });
      return;
    }
    case 'grant':
    case 'revoke': {
      const username = needLogin();
      // Per team: "slug" is the membership, "slug:maintainer" the maintainer role on top of it.
      const byTeam = new Map<string, { member: boolean; maintainer: boolean }>();
      for (const r of c.roles ?? []) {
        const p = parseTeamRole(r);
        if (!p || !s.teams.has(p.slug)) throw new Refusal(`team "${r}" does not exist in ${org}`);
        const t = byTeam.get(p.slug) ?? { member: false, maintainer: false };
        if (p.maintainer) t.maintainer = true;
        else t.member = true;
        byTeam.set(p.slug, t);
      }
      for (const [team_slug, t] of byTeam) {
        const path = { org, team_slug, username };
        if (c.action === 'grant')
          await gh.request('PUT /orgs/{org}/teams/{team_slug}/memberships/{username}', {
            ...path,
            role: t.maintainer ? 'maintainer' : 'member',
          });
        else if (t.member)
          await gh.request('DELETE /orgs/{org}/teams/{team_slug}/memberships/{username}', path);
        else
          await gh.request('PUT /orgs/{org}/teams/{team_slug}/memberships/{username}', {
            ...path,
            role: 'member',
          });
      }
      return;
    }
    default:
      throw new Refusal(`GitHub cannot ${c.action} an organization member`);
  }
}

/** The reason a change failed, in words, with GitHub's own message; never the token. */
function explain(c: Change, e: unknown): string {
  if (e instanceof Refusal) return e.message;
  const status = httpStatus(e);
  const said = gitHubMessage(e);
  switch (status) {
    case 403:
      return `GitHub forbade the ${c.action} (403: ${said}): the token needs organization "Members" read and write, and the organization may not allow it (SAML, enterprise-managed users)`;
    case 404:
      return `GitHub does not know this user or membership (404: ${said}): the account may be deleted or renamed`;
    case 422:
      return `GitHub refused the ${c.action} (422: ${said})`;
    default:
      return status !== undefined
        ? `GitHub answered ${status} to the ${c.action} after retries: ${said}`
        : `the ${c.action} did not reach GitHub: ${said}`;
  }
}
