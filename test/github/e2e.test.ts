import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { renderJson } from '../../src/render/json.js';
import { renderText } from '../../src/render/text.js';
import type { FakeOrg } from './fake-org.js';
import { project, SELF, startOrg, TOKEN } from './project.js';

let org: FakeOrg;
afterEach(async () => {
  expect(org.violations).toEqual([]);
  await org.stop();
});

const ADA = { id: 2001, login: 'ada' };
const BOB = { id: 2002, login: 'bob' };
const CAROL = { id: 2003, login: 'carol' };

describe('github provider end to end', () => {
  it('plans 2, applies, and after the invitations are accepted plans 0; invitations sent exactly once', async () => {
    org = await startOrg();
    org.addMember(ADA);
    org.addTeam('backend', [[ADA, 'member']]);
    org.addTeam('web');
    org.addUser(BOB);
    org.addUser(CAROL);
    const p = project(
      org,
      [
        'members:',
        '  - github: ada',
        '    roles: [backend]',
        '  - github: Bob',
        '    roles: [backend, web]',
        '  - githubId: 2003',
        '    github: carol',
        '    admin: true',
      ].join('\n'),
      { config: undefined },
    );
    const plan = await p.plan();
    const t = plan.targets[0]!;
    expect(t.changes.map((c) => [c.action, c.key, c.roles])).toEqual([
      ['invite', '2002', ['backend', 'web']],
      ['invite', '2003', []],
    ]);
    expect(t.blocked).toEqual([]);

    const out = await p.apply();
    // Writes one at a time, at least 1 s apart (GitHub's guidance); the test's executor sleeps no time.
    expect(p.providers[0]!.capabilities).toMatchObject({ concurrency: 1, minWriteIntervalMs: 1000 });
    expect(out.report!.targets[0]!.counts.invite).toEqual({
      succeeded: 2,
      failed: 0,
      skipped: 0,
      blocked: 0,
      deferred: 0,
    });
    expect(out.report!.targets[0]!.converged).toBe(true);
    const invites = org.writes().filter((r) => r.method === 'POST');
    expect(invites.map((r) => JSON.parse(r.body))).toEqual([
      {
        invitee_id: 2002,
        role: 'direct_member',
        team_ids: [org.teams.get('backend')!.id, org.teams.get('web')!.id],
      },
      { invitee_id: 2003, role: 'admin' },
    ]);
    // Pending invitations count as present: nothing more to do, nothing sent twice.
    expect((await p.plan()).targets[0]!.changes).toEqual([]);
    org.acceptAll();
    const after = await p.plan();
    expect(after.targets[0]!.changes).toEqual([]);
    expect(after.targets[0]!.blocked).toEqual([]);
    expect(org.members.get(2003)).toBe(true);
    expect(org.writes().filter((r) => r.method === 'POST')).toHaveLength(2);
    // Self is never touched.
    expect(org.writes().some((r) => r.path.includes(SELF.login))).toBe(false);
    // The token never appears in any output.
    const journal = readFileSync(`${p.dir}/journal.jsonl`, 'utf8');
    for (const text of [renderText(plan), renderJson(plan), journal, p.log.join('\n'), JSON.stringify(out)])
      expect(text).not.toContain(TOKEN);
    expect(org.requests.every((r) => r.authorization === `token ${TOKEN}`)).toBe(true);
  });
});
