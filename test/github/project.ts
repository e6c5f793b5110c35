import path from 'node:path';
import type { Config, Target } from '../../src/config/load.js';
import { GitHubProvider, type GitHubProviderOptions } from '../../src/providers/github/index.js';
import { type ApplyOptions, applyRun } from '../../src/run/apply.js';
import { makePlan } from '../../src/run/plan.js';
import { tmpDir } from '../helpers/tmp.js';
import { FakeOrg, type User } from './fake-org.js';

export const TOKEN = 'ghp_rollcallTestToken0123456789abcdefXYZ';
export const SELF: User = { id: 1000, login: 'rollcall-bot' };

export const config = (extra = '') =>
  [
    'version: 1',
    'targets:',
    '  - name: acme-gh',
    '    provider: github',
    '    members: [members.yaml]',
    '    connection:',
    '      org: acme',
    '      token: ${env:GITHUB_TOKEN}',
    '      apiUrl: ${env:FAKE_GITHUB_URL}',
    extra,
  ].join('\n');

/** Waits are milliseconds, never seconds: retry-after 1 means 1 ms here. */
export const FAST: GitHubProviderOptions = { retryAfterBaseValue: 1, writeIntervalMs: 0 };

export async function startOrg(pageSizeCap = 100): Promise<FakeOrg> {
  return new FakeOrg(TOKEN, SELF, pageSizeCap).start();
}

/** A project on disk whose one github target is the fake organization, run through the run/ library. */
export function project(
  org: FakeOrg,
  members: string,
  options: { config?: string; provider?: GitHubProviderOptions } = {},
) {
  const dir = tmpDir({ 'rollcall.yaml': options.config ?? config(), 'members.yaml': members });
  const file = path.join(dir, 'rollcall.yaml');
  const env = { GITHUB_TOKEN: TOKEN, FAKE_GITHUB_URL: org.url };
  const log: string[] = [];
  const providers: GitHubProvider[] = [];
  const createProvider = (t: Target, _c: Config) => {
    const p = new GitHubProvider(t, { ...FAST, env, log: (l) => log.push(l), ...options.provider });
    providers.push(p);
    return p;
  };
  return {
    dir,
    file,
    env,
    log,
    providers,
    plan: async () => (await makePlan(file, { env, createProvider })).plan,
    apply: (extra: Partial<ApplyOptions> = {}) =>
      applyRun(file, {
        env,
        autoApprove: true,
        journalPath: path.join(dir, 'journal.jsonl'),
        createProvider,
        sleep: async () => {},
        ...extra,
      }),
  };
}
