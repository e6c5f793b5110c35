import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';
import { tmpDir } from '../helpers/tmp.js';
import { FakeGitHub, type GitHubUser } from './fake-github.js';
import { runAction } from './run-action.js';

/** dist/index.js as the runner runs it: where apply may run, and a fork's pull request without secrets. */
const TOKEN = 'ghp_branchForkTokenNeverShown0123456789';
const BOT: GitHubUser = { login: 'rollcall-bot', id: 7001, type: 'User' };
const STATE_ENV = { ROLLCALL_STATE: 'state/acme-3dx.json' };

/** The quickstart with its state file named by `${env:ROLLCALL_STATE}`: a secret a fork does not get. */
function quickstart(): { dir: string; state: () => string; original: string } {
  const dir = tmpDir();
  cpSync(path.join(ROOT, 'examples/quickstart'), dir, { recursive: true });
  const config = path.join(dir, 'rollcall.yaml');
  writeFileSync(
    config,
    readFileSync(config, 'utf8').replace('state: state/acme-3dx.json', 'state: ${env:ROLLCALL_STATE}'),
  );
  const state = () => readFileSync(path.join(dir, 'state/acme-3dx.json'), 'utf8');
  return { dir, state, original: state() };
}

const apply = (dir: string, branch: string, inputs: Record<string, string> = {}) =>
  runAction({
    dir,
    event: 'push',
    env: { ...STATE_ENV, GITHUB_REF: `refs/heads/${branch}` },
    inputs: { command: 'apply', 'github-token': TOKEN, ...inputs },
  });

describe('apply runs only on the default branch or the branches of apply-branches', () => {
  it('on another branch it plans, says why in the summary and the log, changes nothing, and succeeds', async () => {
    const q = quickstart();
    const r = await apply(q.dir, 'grace-xen');
    expect(r.code).toBe(0);
    expect(q.state()).toBe(q.original);
    expect(r.summary).toContain('**Not applied:**');
    expect(r.summary).toContain('default branch "main"');
    expect(r.summary).toContain('"grace-xen"');
    expect(r.summary).toContain('Plan: 3 to invite');
    expect(r.stdout).toMatch(/^::notice::Not applied: .*"grace-xen"/m);
    expect(JSON.parse(r.outputs.summary!)).toMatchObject({ command: 'plan', hasChanges: true });
    expect(r.outputs['failure-reason']).toBeUndefined();
  });

  it('on the default branch it applies', async () => {
    const q = quickstart();
    const r = await apply(q.dir, 'main');
    expect(r.code).toBe(0);
    expect(r.summary).not.toContain('Not applied');
    expect(q.state()).not.toBe(q.original);
  });

  it('apply-branches replaces the default branch: listed applies, the default branch then plans', async () => {
    const q = quickstart();
    const onMain = await apply(q.dir, 'main', { 'apply-branches': 'release, production' });
    expect(onMain.code).toBe(0);
    expect(onMain.summary).toContain('apply runs only on "release", "production"');
    expect(q.state()).toBe(q.original);
    const onRelease = await apply(q.dir, 'release', { 'apply-branches': 'release, production' });
    expect(onRelease.code).toBe(0);
    expect(q.state()).not.toBe(q.original);
  });

  it('a tag push plans; a payload without the default branch plans and asks for apply-branches', async () => {
    const q = quickstart();
    const tag = await runAction({
      dir: q.dir,
      event: 'push',
      env: { ...STATE_ENV, GITHUB_REF: 'refs/tags/v1' },
      inputs: { command: 'apply' },
    });
    expect(tag.code).toBe(0);
    expect(tag.summary).toContain('not on one');
    const unknown = await runAction({
      dir: q.dir,
      event: 'workflow_dispatch',
      env: STATE_ENV,
      inputs: { command: 'apply' },
      payload: (p) => {
        delete p.repository;
      },
    });
    expect(unknown.code).toBe(0);
    expect(unknown.summary).toContain('apply-branches');
    expect(q.state()).toBe(q.original);
  });
});

describe('a pull request from a fork, whose workflows get no secrets', () => {
  const gh = new FakeGitHub({ token: TOKEN, self: BOT, author: BOT });
  beforeAll(() => gh.start());
  afterAll(() => gh.stop());

  const fromFork = (p: Record<string, unknown>) => {
    const pr = p.pull_request as { head: { repo: { full_name: string; fork: boolean } } };
    pr.head.repo.full_name = 'mallory/people';
    pr.head.repo.fork = true;
  };
  const prRun = (dir: string, pr: number, fork: boolean) =>
    runAction({
      dir,
      event: 'pull_request',
      pr,
      apiUrl: gh.url,
      inputs: { command: 'plan', 'github-token': TOKEN, comment: 'always' },
      payload: fork ? fromFork : undefined,
    });

  it('validates the files instead, explains in the comment and the summary, and exits 0', async () => {
    const q = quickstart();
    const r = await prRun(q.dir, 21, true);
    expect(r.code).toBe(0);
    expect(r.outputs['failure-reason']).toBeUndefined();
    const comment = gh.comments.find((c) => c.issue === 21)!;
    expect(comment.body.split('\n')[0]).toBe('<!-- rollcall-plan config=rollcall.yaml targets=* -->');
    expect(comment.body).toContain('comes from a fork');
    expect(comment.body).toContain('`ROLLCALL_STATE`');
    expect(comment.body).toContain('**The files are valid**');
    expect(comment.body).toContain('**acme-3dx**: 12 members in 2 files');
    expect(r.summary).toContain('comes from a fork');
    expect(r.outputs['comment-url']).toContain('#issuecomment-');
  });

  it('a SCIM target whose url and token are secrets: its connection is not judged by the stand-ins', async () => {
    const dir = tmpDir();
    cpSync(path.join(ROOT, 'examples/scim'), dir, { recursive: true });
    const r = await prRun(dir, 24, true);
    expect(r.code, r.stdout).toBe(0);
    const comment = gh.comments.find((c) => c.issue === 24)!;
    expect(comment.body).toContain('`SCIM_URL`, `SCIM_TOKEN`');
    expect(comment.body).toContain('**The files are valid**');
  });

  it("still fails on the files' own errors", async () => {
    const q = quickstart();
    writeFileSync(path.join(q.dir, 'members/bad.yaml'), 'members:\n  - email: not-an-address\n');
    const r = await prRun(q.dir, 22, true);
    expect(r.code).toBe(1);
    expect(r.outputs['failure-reason']).toBe('invalid-config');
    expect(gh.comments.find((c) => c.issue === 22)!.body).toContain('members/bad.yaml:2:');
  });

  it('a pull request from the repository itself with a secret missing still fails with invalid-config', async () => {
    const q = quickstart();
    const r = await prRun(q.dir, 23, false);
    expect(r.code).toBe(1);
    expect(r.outputs['failure-reason']).toBe('invalid-config');
  });
});
