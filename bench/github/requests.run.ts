import path from 'node:path';
import { expect, it } from 'vitest';
import type { Target } from '../../src/config/load.js';
import { GitHubProvider } from '../../src/providers/github/index.js';
import { applyRun } from '../../src/run/apply.js';
import { makePlan } from '../../src/run/plan.js';
import { FakeOrg, type User } from '../../test/github/fake-org.js';
import { FAST, TOKEN } from '../../test/github/project.js';
import { tmpDir } from '../../test/helpers/tmp.js';

const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 5000);
const TEAMS = 20;
const OWNERS = 10;
const CHANGES = Math.round(MEMBERS / 10); // half invites of new people, half team grants
const PAGE = 100;
const pages = (n: number) => Math.max(1, Math.ceil(n / PAGE));

const user = (i: number): User => ({ id: 100_000 + i, login: `user-${i}` });
const team = (i: number) => `team-${String(i % TEAMS).padStart(2, '0')}`;

function entry(u: User, roles: string[], admin: boolean): string {
  return `  - githubId: ${u.id}\n    github: ${u.login}\n    admin: ${admin}\n    roles: [${roles.join(', ')}]\n`;
}

it(`requests for ${MEMBERS} members in ${TEAMS} teams`, async () => {
  const self = { id: 1, login: 'rollcall-bot' };
  const org = await new FakeOrg(TOKEN, self).start();
  try {
    const people = Array.from({ length: MEMBERS - 1 }, (_, i) => user(i));
    for (const [i, u] of people.entries()) org.addMember(u, i < OWNERS);
    for (let t = 0; t < TEAMS; t++)
      org.addTeam(
        team(t),
        people
          .filter((_, i) => i % TEAMS === t)
          .map((u, j) => [u, j === 0 ? 'maintainer' : 'member'] as const) as never,
      );
    const roleOf = (i: number) => (i < OWNERS || i < TEAMS ? `${team(i)}:maintainer` : team(i));
    const base =
      'members:\n' + entry(self, [], true) + people.map((u, i) => entry(u, [roleOf(i)], i < OWNERS)).join('');
    const newcomers = Array.from({ length: CHANGES / 2 }, (_, i) => user(MEMBERS + i));
    for (const u of newcomers) org.addUser(u);
    const changed =
      'members:\n' +
      entry(self, [], true) +
      people
        .map((u, i) =>
          entry(
            u,
            i >= OWNERS && i < OWNERS + CHANGES / 2 ? [roleOf(i), team(i + 1)] : [roleOf(i)],
            i < OWNERS,
          ),
        )
        .join('') +
      newcomers.map((u, i) => entry(u, [team(i)], false)).join('');

    const config = [
      'version: 1',
      'targets:',
      '  - name: acme-gh',
      '    provider: github',
      '    members: [members.yaml]',
      '    connection: { org: acme, token: "${env:GITHUB_TOKEN}", apiUrl: "${env:FAKE_GITHUB_URL}" }',
      '    policy: { prune: true }',
    ].join('\n');
    const env = { GITHUB_TOKEN: TOKEN, FAKE_GITHUB_URL: org.url };
    const createProvider = (t: Target) => new GitHubProvider(t, { ...FAST, env });
    const count = async (fn: () => Promise<unknown>) => {
      const before = org.requests.length;
      await fn();
      const reqs = org.requests.slice(before);
      return {
        total: reqs.length,
        reads: reqs.filter((r) => r.method === 'GET').length,
        writes: reqs.filter((r) => r.method !== 'GET').length,
      };
    };

    const same = tmpDir({ 'rollcall.yaml': config, 'members.yaml': base });
    const read = await count(async () => {
      const { plan } = await makePlan(path.join(same, 'rollcall.yaml'), { env, createProvider });
      expect(plan.targets[0]!.changes).toEqual([]);
    });

    const dir = tmpDir({ 'rollcall.yaml': config, 'members.yaml': changed });
    const file = path.join(dir, 'rollcall.yaml');
    let planned = 0;
    const plan = await count(async () => {
      const { plan } = await makePlan(file, { env, createProvider });
      planned = plan.targets[0]!.changes.length;
    });
    expect(planned).toBe(CHANGES);
    const apply = await count(async () => {
      const out = await applyRun(file, {
        env,
        createProvider,
        autoApprove: true,
        journalPath: path.join(dir, 'j.jsonl'),
        sleep: async () => {},
      });
      expect(out.report!.targets[0]!.converged).toBe(true);
    });
    expect(org.violations).toEqual([]);

    // The fewest requests GitHub's REST API allows for the same knowledge.
    const teamSize = Math.ceil((MEMBERS - 1) / TEAMS);
    const minRead =
      1 + // GET /user (who is self)
      1 + // GET /orgs/{org} (seats, plan)
      pages(OWNERS) +
      pages(MEMBERS - OWNERS) + // owners and members (role=admin, role=member), ids and logins
      pages(TEAMS) + // teams
      TEAMS * (pages(teamSize) + 1) + // per team: every member, and which are maintainers
      1 +
      1; // pending and failed invitations (one page each here)
    const minPlan = minRead + CHANGES / 2; // + one GET /users/{login} per newcomer named by login and id
    const minWrites = CHANGES; // one POST invitation (teams included) per newcomer, one PUT per team grant
    // The verifying read also lists each pending invitation's teams: REST has no other way to see them.
    const minVerify = minRead - 1 + pages(CHANGES / 2) + CHANGES / 2;
    const rows = [
      '| | requests | reads | writes | minimum |',
      '| --- | --- | --- | --- | --- |',
      `| read + plan, nothing to do (${MEMBERS.toLocaleString('en')} members, ${TEAMS} teams) | ${read.total} | ${read.reads} | ${read.writes} | ${minRead} |`,
      `| read + plan of ${CHANGES} changes (${CHANGES / 2} invites, ${CHANGES / 2} team grants) | ${plan.total} | ${plan.reads} | ${plan.writes} | ${minPlan} |`,
      `| apply of those ${CHANGES} changes: plan, writes, verifying read | ${apply.total} | ${apply.reads} | ${apply.writes} | ${minPlan + minWrites + minVerify} (${minPlan} + ${minWrites} writes + ${minVerify}) |`,
    ];
    console.log(`\n${rows.join('\n')}\n`);
  } finally {
    await org.stop();
  }
});
