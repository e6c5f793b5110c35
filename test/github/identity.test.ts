import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/model/errors.js';
import { renderMarkdown } from '../../src/render/markdown.js';
import { renderText } from '../../src/render/text.js';
import type { FakeOrg } from './fake-org.js';
import { project, startOrg } from './project.js';

let org: FakeOrg;
afterEach(async () => {
  expect(org.violations).toEqual([]);
  await org.stop();
});

const ADA = { id: 2001, login: 'ada' };
const MALLORY = { id: 6666, login: 'mallory' };

async function rejection(p: Promise<unknown>): Promise<ValidationError> {
  const e = await p.then(
    () => undefined,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(ValidationError);
  return e as ValidationError;
}

describe('github identities', () => {
  it('matches a renamed login by id: no re-invite, no removal, and a notice "renamed X → Y"', async () => {
    org = await startOrg();
    org.addMember(ADA);
    org.rename(ADA.id, 'ada-lovelace');
    const p = project(org, 'members:\n  - githubId: 2001\n    github: ada\n', {
      config: undefined,
    });
    const plan = await p.plan();
    const t = plan.targets[0]!;
    expect(t.changes).toEqual([]);
    expect(t.notices).toEqual([
      expect.objectContaining({ kind: 'renamed', key: '2001', from: 'ada', to: 'ada-lovelace' }),
    ]);
    expect(renderText(plan)).toContain('note: renamed ada → ada-lovelace (githubId 2001); update the file');
    expect(renderMarkdown(plan)).toContain(
      '> [!NOTE]\n> - **acme-gh**: renamed ada → ada-lovelace \\(githubId 2001\\); update the file',
    );
    expect(org.writes()).toEqual([]);
  });

  it('refuses a login that now belongs to someone else than the file’s githubId', async () => {
    org = await startOrg();
    org.addMember(ADA);
    org.rename(ADA.id, 'ada-lovelace');
    org.addUser({ id: MALLORY.id, login: 'ada' }); // the freed login, taken by someone else
    const p = project(org, 'members:\n  - githubId: 2001\n    github: ada\n');
    const e = await rejection(p.plan());
    expect(e.diagnostics.map((d) => d.message)).toEqual([
      expect.stringContaining('the login "ada" now belongs to GitHub user 6666, not to githubId 2001'),
    ]);
    expect(path.basename(e.diagnostics[0]!.file)).toBe('members.yaml');
    expect(org.writes()).toEqual([]);
  });

  it('refuses the same when the file’s user is not a member yet (looked up with GET /users/{login})', async () => {
    org = await startOrg();
    org.addUser({ id: MALLORY.id, login: 'ada' });
    const p = project(org, 'members:\n  - githubId: 2001\n    github: ada\n');
    const e = await rejection(p.plan());
    expect(e.diagnostics[0]!.message).toContain('now belongs to GitHub user 6666');
  });

  it('resolves logins case-insensitively, and reports a login no account has, located', async () => {
    org = await startOrg();
    org.addMember(ADA);
    const p = project(org, 'members:\n  - github: ADA\n  - github: nobody-here\n');
    const e = await rejection(p.plan());
    expect(e.diagnostics.map((d) => `${path.basename(d.file)}:${d.line}: ${d.message}`)).toEqual([
      'members.yaml:3: github: no GitHub account has the login "nobody-here" (renamed or deleted?); name the member by githubId',
    ]);
  });

  it('reports two entries that are the same GitHub user', async () => {
    org = await startOrg();
    org.addMember(ADA);
    const p = project(org, 'members:\n  - github: ada\n  - githubId: 2001\n');
    const e = await rejection(p.plan());
    expect(e.diagnostics[0]!.message).toMatch(/^the same GitHub user \(id 2001\) as .*members\.yaml:2:5$/);
  });

  it('a team the organization lacks is a located error with did-you-mean', async () => {
    org = await startOrg();
    org.addMember(ADA);
    org.addTeam('backend');
    const p = project(org, 'members:\n  - github: ada\n    roles: [bakcend]\n');
    const e = await rejection(p.plan());
    expect(e.diagnostics.map((d) => `${path.basename(d.file)}:${d.line}: ${d.message}`)).toEqual([
      'members.yaml:2: team "bakcend" does not exist in the GitHub organization acme; did you mean "backend"?',
    ]);
  });

  it('github fields on another provider are an error', async () => {
    org = await startOrg();
    const { makePlan } = await import('../../src/run/plan.js');
    const { tmpDir } = await import('../helpers/tmp.js');
    const dir = tmpDir({
      'rollcall.yaml':
        'version: 1\ntargets:\n  - name: t\n    provider: local\n    members: [m.yaml]\n    connection: { state: s.json }\n',
      'm.yaml': 'members:\n  - github: ada\n',
      's.json': '{"members":[]}',
    });
    const e = await rejection(makePlan(`${dir}/rollcall.yaml`, { env: {} }));
    expect(e.diagnostics[0]!.message).toContain(
      'github and githubId name members of provider github targets',
    );
  });
});
