import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Target } from '../../src/config/load.js';
import { gitHubSettings } from '../../src/providers/github/settings.js';
import { ROOT } from '../helpers/cli.js';
import { tmpDir } from '../helpers/tmp.js';
import type { FakeOrg } from './fake-org.js';
import { SELF, startOrg, TOKEN } from './project.js';

let org: FakeOrg | undefined;
afterEach(async () => {
  expect(org?.violations ?? []).toEqual([]);
  await org?.stop();
  org = undefined;
});

/** The real, built CLI, run without blocking this process (the fake GitHub answers from it). */
function cli(
  args: string[],
  cwd: string,
  env: Record<string, string>,
): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'bin/rollcall.js'), ...args], {
      cwd,
      env: { PATH: process.env.PATH ?? '', ...env },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (code) => resolve({ code: code ?? -1, out, err }));
  });
}

const CONFIG = [
  'version: 1',
  'targets:',
  '  - name: acme-gh',
  '    provider: github',
  '    members: [members/*.yaml]',
  '    connection:',
  '      org: acme',
  '      token: ${env:GITHUB_TOKEN}',
].join('\n');

describe('github through the CLI', () => {
  it('plan, then import writes ids and logins from which the plan is empty; GITHUB_API_URL is the default API; the token never shows', async () => {
    org = await startOrg();
    org.addMember({ id: 2001, login: 'Ada' }, true);
    org.addMember({ id: 2002, login: 'bob' });
    org.addTeam('backend', [
      [{ id: 2001, login: 'Ada' }, 'member'],
      [{ id: 2002, login: 'bob' }, 'maintainer'],
    ]);
    org.addTeam('web', [[{ id: 2002, login: 'bob' }, 'member']]);
    org.invite({ id: 2003, login: 'carol' }, ['web']);
    const dir = tmpDir({ 'rollcall.yaml': CONFIG, 'members/people.yaml': 'members:\n  - github: ada\n' });
    const env = { GITHUB_TOKEN: TOKEN, GITHUB_API_URL: org.url };

    const plan = await cli(['plan', '--detailed-exitcode'], dir, env);
    expect(plan.err).not.toMatch(/error|warning/i);
    expect(plan.out).toContain('revoke       2001  roles: backend, backend:maintainer');
    expect(plan.code).toBe(2);
    expect(plan.out).toContain('Target acme-gh (github)');

    const imported = await cli(
      ['import', '--target', 'acme-gh', '--out', 'members', '--format', 'yaml'],
      dir,
      env,
    );
    expect(imported.code).toBe(0);
    const file = readFileSync(path.join(dir, 'members/acme-gh.yaml'), 'utf8');
    expect(file).toContain('  - githubId: 2001\n    github: Ada\n    admin: true\n');
    expect(file).toContain(
      '  - githubId: 2002\n    github: bob\n    admin: false\n    external: false\n    roles: [backend, "backend:maintainer", web]\n',
    );
    expect(file).toContain('  - githubId: 2003\n    github: carol\n');
    expect(file).toContain(`  - githubId: ${SELF.id}\n`);

    // The imported file replaces the hand-written one: the plan is empty.
    const dir2 = tmpDir({ 'rollcall.yaml': CONFIG, 'members/acme-gh.yaml': file });
    const again = await cli(['plan', '--detailed-exitcode'], dir2, env);
    expect(again.out).toContain('No changes. acme-gh matches the desired state.');
    expect(again.code).toBe(0);
    for (const text of [plan.out, plan.err, imported.out, imported.err, again.out, again.err, file])
      expect(text).not.toContain(TOKEN);
    expect(org.writes()).toEqual([]);
  });
});

describe('github connection', () => {
  const target = (connection: Record<string, unknown>) =>
    ({
      name: 'acme-gh',
      provider: 'github',
      connection,
      connectionAt: { file: 'rollcall.yaml', line: 6 },
    }) as unknown as Target;

  it('apiUrl wins over GITHUB_API_URL, which wins over https://api.github.com', () => {
    const env = { GITHUB_API_URL: 'https://ghe.example.com/api/v3' };
    expect(
      gitHubSettings(
        target({ org: 'acme', token: 'x'.repeat(20), apiUrl: 'https://other.example.com/api/v3/' }),
        env,
      ).apiUrl,
    ).toBe('https://other.example.com/api/v3');
    expect(gitHubSettings(target({ org: 'acme', token: 'x'.repeat(20) }), env).apiUrl).toBe(
      'https://ghe.example.com/api/v3',
    );
    expect(gitHubSettings(target({ org: 'acme', token: 'x'.repeat(20) }), {}).apiUrl).toBe(
      'https://api.github.com',
    );
  });

  it('refuses plain http except to this machine, and unknown keys with did-you-mean', () => {
    expect(() =>
      gitHubSettings(target({ org: 'acme', token: 't0ken', apiUrl: 'http://ghe.example.com' }), {}),
    ).toThrow(
      'rollcall.yaml:6: target "acme-gh": connection: apiUrl: must be https (plain http only to 127.0.0.1/localhost)',
    );
    expect(() => gitHubSettings(target({ org: 'acme', token: 't0ken', apiURL: 'https://x' }), {})).toThrow(
      'unknown key "apiURL"; did you mean "apiUrl"?',
    );
  });
});
