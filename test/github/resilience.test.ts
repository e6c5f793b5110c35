import { afterEach, describe, expect, it } from 'vitest';
import { ProviderError } from '../../src/model/errors.js';
import type { FakeOrg } from './fake-org.js';
import { project, startOrg, TOKEN } from './project.js';

let org: FakeOrg;
afterEach(async () => {
  expect(org.violations).toEqual([]);
  await org.stop();
});

const ADA = { id: 2001, login: 'ada' };
const BOB = { id: 2002, login: 'bob' };
const CAROL = { id: 2003, login: 'carol' };
const SECONDARY = {
  status: 403,
  message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
  headers: { 'retry-after': '1' },
};

async function refusal(p: Promise<unknown>): Promise<ProviderError> {
  const e = await p.then(
    () => undefined,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(ProviderError);
  return e as ProviderError;
}

describe('github rate limits and failures', () => {
  it('waits out a secondary rate limit (403 + retry-after) with the throttling plugin, then goes on', async () => {
    org = await startOrg();
    for (const u of [ADA, BOB]) org.addUser(u);
    org.fault('POST', '/orgs/acme/invitations', SECONDARY, { status: 0, message: '' });
    org.fault('GET', '/orgs/acme/members', SECONDARY, { status: 0, message: '' });
    const p = project(org, 'members:\n  - github: ada\n  - github: bob\n');
    const out = await p.apply();
    expect(out.report!.targets[0]!.counts.invite).toMatchObject({ succeeded: 2, failed: 0 });
    const posts = org.requests.filter((r) => r.method === 'POST');
    expect(posts.map((r) => r.status)).toEqual([403, 201, 201]);
    expect(org.invitations).toHaveLength(2);
    expect(p.log.some((l) => l.includes('secondary rate limit') && l.includes('retrying in 1 s'))).toBe(true);
  });

  it('a 422 or 404 for one member fails that change only, with the reason in words', async () => {
    org = await startOrg();
    for (const u of [ADA, BOB, CAROL]) org.addUser(u);
    org.refuseInvite.set(ADA.id, {
      status: 422,
      message: 'Validation Failed: the user must enable two-factor authentication to join this organization',
    });
    org.refuseInvite.set(BOB.id, { status: 404, message: 'Not Found' });
    const p = project(org, 'members:\n  - githubId: 2001\n  - githubId: 2002\n  - githubId: 2003\n');
    const out = await p.apply();
    const report = out.report!.targets[0]!;
    expect(report.counts.invite).toMatchObject({ succeeded: 1, failed: 2 });
    expect(report.failures.map((f) => `${f.change.key}: ${f.error}`)).toEqual([
      '2001: GitHub refused the invite (422: Validation Failed: the user must enable two-factor authentication to join this organization)',
      '2002: GitHub does not know this user or membership (404: Not Found): the account may be deleted or renamed',
    ]);
    expect(org.invitations.map((i) => i.inviteeId)).toEqual([2003]);
    // Permanent refusals are not retried.
    expect(org.requests.filter((r) => r.method === 'POST')).toHaveLength(3);
  });

  it('a 403 for one member (an organization that forbids it) fails that change with the reason, the rest go on', async () => {
    org = await startOrg();
    org.addMember(ADA);
    org.addMember(BOB);
    org.addTeam('backend');
    org.fault('PUT', '/orgs/acme/teams/backend/memberships/ada', {
      status: 403,
      message: 'Resource protected by organization SAML enforcement.',
    });
    const p = project(
      org,
      'members:\n  - github: ada\n    roles: [backend]\n  - github: bob\n    roles: [backend]\n',
    );
    const report = (await p.apply()).report!.targets[0]!;
    expect(report.counts.grant).toMatchObject({ succeeded: 1, failed: 1 });
    expect(report.failures.map((f) => f.error)).toEqual([
      'GitHub forbade the grant (403: Resource protected by organization SAML enforcement.): the token needs organization "Members" read and write, and the organization may not allow it (SAML, enterprise-managed users)',
    ]);
    expect(org.teams.get('backend')!.members.get(BOB.id)).toBe('member');
  });

  it('a read that fails after the retries (5xx) refuses with a sentence and plans nothing', async () => {
    org = await startOrg();
    org.addMember(ADA);
    org.addTeam('backend');
    org.fault('GET', '/orgs/acme/teams/backend/members', { status: 502, message: 'Server Error' });
    const p = project(org, 'members:\n  - github: ada\n');
    const e = await refusal(p.plan());
    expect(e.message).toMatch(
      /^cannot read the GitHub organization acme \(GET \/orgs\/acme\/teams\/backend\/members\?role=maintainer: 502 Server Error\); rollcall makes no plan from a partial read/,
    );
    // The retry plugin tried again before giving up.
    expect(org.requests.filter((r) => r.path.startsWith('/orgs/acme/teams/backend/members')).length).toBe(4);
    expect(e.message).not.toContain(TOKEN);
  });

  it('a primary rate limit that lasts too long is not waited out: the read refuses', async () => {
    org = await startOrg();
    org.addMember(ADA);
    const reset = String(Math.floor(Date.now() / 1000) + 3600);
    org.fault('GET', '/orgs/acme/invitations', {
      status: 403,
      message: 'API rate limit exceeded for user ID 1000.',
      headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset },
    });
    const p = project(org, 'members:\n  - github: ada\n');
    const e = await refusal(p.plan());
    expect(e.message).toContain('403 API rate limit exceeded');
    expect(e.message).toContain('no plan from a partial read');
    expect(p.log.some((l) => l.includes('primary rate limit') && l.includes('giving up'))).toBe(true);
  });

  it('a wrong token is refused with GitHub’s words and never shown', async () => {
    org = await startOrg();
    const p = project(org, 'members: []\n');
    p.env.GITHUB_TOKEN = 'ghp_wrongTokenValue987654321';
    const e = await refusal(p.plan());
    expect(e.message).toContain('401 Bad credentials');
    expect(e.message).not.toContain('ghp_wrong');
  });
});
