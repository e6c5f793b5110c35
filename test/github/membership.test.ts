import { afterEach, describe, expect, it } from 'vitest';
import type { FakeOrg } from './fake-org.js';
import { config, project, SELF, startOrg } from './project.js';

let org: FakeOrg;
afterEach(async () => {
  expect(org.violations).toEqual([]);
  await org.stop();
});

const ADA = { id: 2001, login: 'ada' };
const BOB = { id: 2002, login: 'bob' };
const CAROL = { id: 2003, login: 'carol' };
const DAN = { id: 2004, login: 'dan' };

const summary = (t: { changes: { action: string; key: string; roles?: string[] }[] }) =>
  t.changes.map((c) => `${c.action} ${c.key}${c.roles?.length ? ` ${c.roles.join(',')}` : ''}`);

describe('github membership', () => {
  it('reads every page (Link headers) of members, teams and invitations', async () => {
    org = await startOrg(2); // two per page
    const people = Array.from({ length: 7 }, (_, i) => ({ id: 3000 + i, login: `user${i}` }));
    for (const u of people) org.addMember(u);
    org.addTeam('t1', people.slice(0, 5).map((u) => [u, 'member'] as const) as never);
    for (const s of ['t2', 't3', 't4']) org.addTeam(s);
    const invited = [
      { id: 4000, login: 'inv0' },
      { id: 4001, login: 'inv1' },
      { id: 4002, login: 'inv2' },
    ];
    for (const u of invited) org.invite(u);
    const members = [
      ...people.map((u, i) => `  - github: ${u.login}\n    roles: [${i < 5 ? 't1' : ''}]`),
      ...invited.map((u) => `  - githubId: ${u.id}`),
      `  - github: ${SELF.login}`,
    ];
    const p = project(org, `members:\n${members.join('\n')}\n`, {
      config: config('    policy: { prune: true }'),
    });
    const t = (await p.plan()).targets[0]!;
    expect(summary(t)).toEqual([]);
    expect(org.requests.some((r) => r.path.includes('page=4'))).toBe(true);
  });

  it('pending invitations are invited (with their teams); owners listed as team maintainers match', async () => {
    org = await startOrg();
    org.addMember(ADA, true);
    org.addTeam('backend', [[ADA, 'member']]);
    org.addTeam('web');
    org.invite(BOB, ['backend', 'web']);
    const p = project(
      org,
      'members:\n  - github: ada\n    admin: true\n    roles: [backend]\n  - github: bob\n    roles: [backend, web]\n',
    );
    const t = (await p.plan()).targets[0]!;
    expect(summary(t)).toEqual([]);
  });

  it('grants and revokes teams (maintainer too), makes owners, removes members and cancels invitations', async () => {
    org = await startOrg();
    org.addMember(ADA);
    org.addMember(BOB);
    org.addMember(CAROL);
    org.addTeam('backend', [
      [ADA, 'member'],
      [BOB, 'member'],
    ]);
    org.addTeam('web');
    org.invite(DAN);
    const p = project(
      org,
      [
        'members:',
        '  - github: ada',
        '    admin: true',
        '    roles: [web:maintainer]',
        '  - github: bob',
        '    state: removed',
        '  - githubId: 2004',
        '    state: removed',
        '  - github: carol',
        '    state: deleted',
      ].join('\n'),
    );
    const t = (await p.plan()).targets[0]!;
    expect(summary(t)).toEqual([
      'remove 2002 backend',
      'remove 2003',
      'remove 2004',
      'revoke 2001 backend',
      'update 2001',
      'grant 2001 web,web:maintainer',
    ]);
    expect(t.blocked.map((b) => `${b.action} ${b.key} ${b.reason}`)).toEqual([
      'pseudonymize 2003 unsupported',
      'delete 2003 unsupported',
    ]);
    await p.apply();
    expect(org.writes().map((r) => `${r.method} ${r.path} ${r.body}`)).toEqual(
      expect.arrayContaining([
        'DELETE /orgs/acme/memberships/bob ',
        'DELETE /orgs/acme/memberships/carol ',
        expect.stringMatching(/^DELETE \/orgs\/acme\/invitations\/\d+ $/),
        'DELETE /orgs/acme/teams/backend/memberships/ada ',
        'PUT /orgs/acme/teams/web/memberships/ada {"role":"maintainer"}',
        'PUT /orgs/acme/memberships/ada {"role":"admin"}',
      ]),
    );
    expect(org.writes()).toHaveLength(6);
    expect(org.invitations).toEqual([]);
    expect(summary((await p.plan()).targets[0]!)).toEqual([]);
  });

  it('never removes nor demotes the token’s own user', async () => {
    org = await startOrg();
    org.addMember(ADA);
    const p = project(org, `members:\n  - github: ${SELF.login}\n    admin: false\n`, {
      config: config('    policy: { prune: true, maxRemovals: 5 }'),
    });
    const t = (await p.plan()).targets[0]!;
    expect(summary(t)).toEqual(['remove 2001']);
    expect(t.blocked.map((b) => `${b.action} ${b.key} ${b.reason}`)).toEqual(['update 1000 protected']);
    await p.apply();
    expect(org.members.get(SELF.id)).toBe(true);
    expect(org.writes().map((r) => `${r.method} ${r.path}`)).toEqual(['DELETE /orgs/acme/memberships/ada']);
  });

  it('re-sends failed or expired invitations, with a notice', async () => {
    org = await startOrg();
    org.addFailed(BOB);
    const p = project(org, 'members:\n  - github: bob\n');
    const t = (await p.plan()).targets[0]!;
    expect(summary(t)).toEqual(['invite 2002']);
    expect(t.notices).toEqual([expect.objectContaining({ kind: 'invitation-failed', key: '2002' })]);
    await p.apply();
    expect(org.invitations.map((i) => i.inviteeId)).toEqual([2002]);
    expect(org.failed).toEqual([]);
  });

  it('invites by e-mail when the file gives only an e-mail', async () => {
    org = await startOrg();
    const p = project(org, 'members:\n  - email: Eve@Example.com\n');
    expect(summary((await p.plan()).targets[0]!)).toEqual(['invite eve@example.com']);
    await p.apply();
    expect(JSON.parse(org.writes()[0]!.body)).toEqual({ email: 'eve@example.com', role: 'direct_member' });
    expect(summary((await p.plan()).targets[0]!)).toEqual([]);
  });

  it('over the invitation quota the rest is blocked `quota` for a later run', async () => {
    org = await startOrg();
    for (const u of [ADA, BOB, CAROL]) org.addUser(u);
    org.invite(DAN); // sent within the last 24 hours: counts
    const p = project(
      org,
      'members:\n  - github: ada\n  - github: bob\n  - github: carol\n  - github: dan\n',
      {
        config: config('      inviteLimit: 3'),
      },
    );
    const t = (await p.plan()).targets[0]!;
    expect(summary(t)).toEqual(['invite 2001', 'invite 2002']);
    expect(t.blocked.map((b) => `${b.action} ${b.key} ${b.reason}`)).toEqual(['invite 2003 quota']);
    const out = await p.apply();
    expect(out.report!.targets[0]!.counts.invite).toMatchObject({ succeeded: 2, blocked: 1 });
    expect(org.writes()).toHaveLength(2);
  });

  it('paid seats are a pool: pending invitations use seats, a shortage blocks invites `no-seats` before anything is sent', async () => {
    org = await startOrg();
    org.addMember(ADA);
    org.invite(BOB);
    for (const u of [CAROL, DAN]) org.addUser(u);
    // 3 seats, 4 filled: self, ada, bob's invitation, and an outside collaborator.
    org.plan = { name: 'team', seats: 4, filled_seats: 4 };
    const p = project(
      org,
      `members:\n  - github: ${SELF.login}\n  - github: ada\n  - github: bob\n  - github: carol\n  - github: dan\n`,
    );
    const t = (await p.plan()).targets[0]!;
    expect(summary(t)).toEqual([]);
    expect(t.blocked.map((b) => `${b.action} ${b.key} ${b.reason}`)).toEqual([
      'invite 2003 no-seats',
      'invite 2004 no-seats',
    ]);
    expect(t.seats).toEqual([{ role: '(seat)', total: 3, before: 3, after: 5, shortfall: 2 }]);
    await p.apply();
    expect(org.writes()).toEqual([]);
    // One more seat bought, Ada removed: both fit.
    org.plan = { name: 'team', seats: 5, filled_seats: 4 };
    const q = project(
      org,
      `members:\n  - github: ${SELF.login}\n  - github: ada\n    state: removed\n  - github: bob\n  - github: carol\n  - github: dan\n`,
    );
    const t2 = (await q.plan()).targets[0]!;
    expect(summary(t2)).toEqual(['remove 2001 (seat)', 'invite 2003 (seat)', 'invite 2004 (seat)']);
    expect(t2.blocked).toEqual([]);
    await q.apply();
    expect(org.invitations.map((i) => i.inviteeId).sort()).toEqual([2002, 2003, 2004]);
    expect(
      org
        .writes()
        .filter((r) => r.method === 'POST')
        .map((r) => JSON.parse(r.body)),
    ).toEqual([
      { invitee_id: 2003, role: 'direct_member' },
      { invitee_id: 2004, role: 'direct_member' },
    ]);
  });
});

describe('github saved plans and app tokens', () => {
  it('a saved plan applies (the seat pool does not make it look stale)', async () => {
    const { writeFileSync } = await import('node:fs');
    const { renderJson } = await import('../../src/render/json.js');
    org = await startOrg();
    org.addUser(ADA);
    org.plan = { name: 'team', seats: 10, filled_seats: 1 };
    const p = project(org, `members:\n  - github: ${SELF.login}\n  - github: ada\n`);
    const plan = await p.plan();
    expect(plan.targets[0]!.seats).toEqual([{ role: '(seat)', total: 10, before: 1, after: 2 }]);
    const file = `${p.dir}/plan.json`;
    writeFileSync(file, renderJson(plan));
    const out = await p.apply({ planFile: file });
    expect(out.report!.targets[0]!.counts.invite.succeeded).toBe(1);
    expect(org.invitations.map((i) => i.inviteeId)).toEqual([ADA.id]);
  });

  it('with an app installation token (no user) the read has no self and goes on', async () => {
    org = await startOrg();
    org.appToken = true;
    org.addMember(ADA);
    const p = project(org, 'members:\n  - github: ada\n', {
      config: config('    policy: { prune: true, maxRemovals: 5 }'),
    });
    const t = (await p.plan()).targets[0]!;
    // The bot user of the fake is an owner here; an app is no member, so only people are pruned.
    expect(summary(t)).toEqual([`remove ${SELF.id}`]);
    expect(org.requests[0]).toMatchObject({ path: '/user', status: 403 });
  });
});

describe('github team maintainers', () => {
  it('member ↔ maintainer is one PUT, never a removal from the team; an invitee becomes maintainer after accepting', async () => {
    org = await startOrg();
    org.addMember(ADA);
    org.addMember(BOB);
    org.addUser(CAROL);
    org.addTeam('backend', [
      [ADA, 'member'],
      [BOB, 'maintainer'],
    ]);
    const p = project(
      org,
      'members:\n  - github: ada\n    roles: ["backend:maintainer"]\n  - github: bob\n    roles: [backend]\n  - github: carol\n    roles: ["backend:maintainer"]\n',
    );
    const t = (await p.plan()).targets[0]!;
    expect(summary(t)).toEqual([
      'revoke 2002 backend:maintainer',
      'grant 2001 backend:maintainer',
      'invite 2003 backend,backend:maintainer',
    ]);
    await p.apply();
    expect(org.writes().map((r) => `${r.method} ${r.path} ${r.body}`)).toEqual([
      'PUT /orgs/acme/teams/backend/memberships/bob {"role":"member"}',
      'PUT /orgs/acme/teams/backend/memberships/ada {"role":"maintainer"}',
      `POST /orgs/acme/invitations {"role":"direct_member","team_ids":[${org.teams.get('backend')!.id}],"invitee_id":2003}`,
    ]);
    expect(summary((await p.plan()).targets[0]!)).toEqual([]);
    org.acceptAll();
    expect(summary((await p.plan()).targets[0]!)).toEqual(['grant 2003 backend:maintainer']);
    await p.apply();
    expect(org.teams.get('backend')!.members.get(CAROL.id)).toBe('maintainer');
    expect(summary((await p.plan()).targets[0]!)).toEqual([]);
  });
});
