import { cpSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Target } from '../../src/config/load.js';
import { GitHubProvider } from '../../src/providers/github/index.js';
import { applyRun } from '../../src/run/apply.js';
import { makePlan } from '../../src/run/plan.js';
import { ROOT } from '../helpers/cli.js';
import { tmpDir } from '../helpers/tmp.js';
import { FakeOrg } from './fake-org.js';
import { FAST, TOKEN } from './project.js';

let org: FakeOrg;
afterEach(async () => {
  expect(org.violations).toEqual([]);
  await org.stop();
});

describe('examples/github', () => {
  it('plans, applies and converges against an organization like the one it describes', async () => {
    org = await new FakeOrg(TOKEN, { id: 1000, login: 'acme-admin' }).start();
    const octocat = { id: 583231, login: 'octocat' };
    const ada = { id: 2001, login: 'ada-lovelace' };
    const former = { id: 2002, login: 'former-colleague' };
    const stranger = { id: 3000, login: 'stranger' };
    org.addMember(octocat, true);
    org.addMember(ada);
    org.addMember(former);
    org.addMember(stranger);
    org.addUser({ id: 2005, login: 'grace-hopper' });
    org.addTeam('platform', [
      [octocat, 'maintainer'],
      [ada, 'member'],
    ]);
    org.addTeam('backend', [[ada, 'member']]);
    org.addTeam('web');

    const dir = tmpDir();
    cpSync(path.join(ROOT, 'examples/github'), dir, { recursive: true });
    const file = path.join(dir, 'rollcall.yaml');
    const env = { ROLLCALL_GITHUB_TOKEN: TOKEN, GITHUB_API_URL: org.url };
    const createProvider = (t: Target) => new GitHubProvider(t, { ...FAST, env });

    const { plan } = await makePlan(file, { env, createProvider });
    const t = plan.targets[0]!;
    expect(t.changes.map((c) => `${c.action} ${c.key} ${(c.roles ?? []).join(',')}`.trim())).toEqual([
      'remove 2002',
      'remove 3000',
      'grant 2001 platform:maintainer',
      'invite 2005 backend',
      'invite new.hire@acme.com web',
    ]);
    expect(t.blocked).toEqual([]);

    const out = await applyRun(file, {
      env,
      createProvider,
      autoApprove: true,
      journalPath: path.join(dir, 'journal.jsonl'),
      sleep: async () => {},
    });
    expect(out.report!.targets[0]!.failures).toEqual([]);
    expect(out.report!.targets[0]!.converged).toBe(true);
    org.acceptAll();
    expect((await makePlan(file, { env, createProvider })).plan.targets[0]!.changes).toEqual([]);
    expect(org.members.get(1000)).toBe(true);
  });
});
