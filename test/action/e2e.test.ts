import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';
import { tmpDir } from '../helpers/tmp.js';
import { FakeGitHub, type GitHubUser } from './fake-github.js';
import { type ActionRun, runAction } from './run-action.js';

/**
 * The committed dist/index.js, run as GitHub runs it, against a fake GitHub API on 127.0.0.1, with the
 * quickstart (local provider) as the target.
 */
const TOKEN = 'ghp_e2eTokenNeverShown0123456789abcdef';
const BOT: GitHubUser = { login: 'rollcall-bot', id: 7001, type: 'User' };
const MALLORY: GitHubUser = { login: 'mallory', id: 666, type: 'User' };
const ACTIONS_BOT: GitHubUser = { login: 'github-actions[bot]', id: 41898282, type: 'Bot' };
const MARKER = '<!-- rollcall-plan config=rollcall.yaml targets=* -->';
/** A config value from `${env:…}`: masked like a secret. */
const STATE_ENV = { ROLLCALL_STATE: 'state/acme-3dx.json' };

/** Everything the Action wrote where a person or another step could read it, since the last check. */
const seen: string[] = [];
function record(run: ActionRun): ActionRun {
  seen.push(run.stdout, run.stderr, run.summary, JSON.stringify(run.outputs));
  return run;
}

/**
 * Neither the token nor an `${env:…}` value appears in any log, summary, output, comment or request
 * body; the log has the runner's `::add-mask::` commands for both (which the runner consumes).
 */
function expectNoSecrets(gh?: FakeGitHub): void {
  const texts = [
    ...seen.splice(0),
    ...(gh?.comments ?? []).map((c) => c.body),
    ...(gh?.requests ?? []).map((r) => r.body),
  ];
  const unmasked = (text: string) =>
    text
      .split('\n')
      .filter((l) => !l.startsWith('::add-mask::'))
      .join('\n');
  for (const text of texts) {
    expect(unmasked(text)).not.toContain(TOKEN);
    expect(unmasked(text)).not.toContain(STATE_ENV.ROLLCALL_STATE);
  }
  expect(texts.join('\n')).toContain(`::add-mask::${TOKEN}`);
  expect(texts.join('\n')).toContain(`::add-mask::${STATE_ENV.ROLLCALL_STATE}`);
  // The token was sent, as GitHub expects it, with every request.
  if (gh) expect(gh.requests.every((r) => r.authorization === `token ${TOKEN}`)).toBe(true);
}

function quickstart(): string {
  const dir = tmpDir();
  cpSync(path.join(ROOT, 'examples/quickstart'), dir, { recursive: true });
  const config = path.join(dir, 'rollcall.yaml');
  writeFileSync(
    config,
    readFileSync(config, 'utf8').replace('state: state/acme-3dx.json', 'state: ${env:ROLLCALL_STATE}'),
  );
  return dir;
}

function edit(file: string, from: string | RegExp, to: string): void {
  const text = readFileSync(file, 'utf8');
  const next = text.replace(from, to);
  if (next === text) throw new Error(`${file}: nothing to replace`);
  writeFileSync(file, next);
}

const plan = (dir: string, gh: FakeGitHub, pr: number, inputs: Record<string, string> = {}) =>
  runAction({
    dir,
    event: 'pull_request',
    pr,
    apiUrl: gh.url,
    env: STATE_ENV,
    inputs: { command: 'plan', config: 'rollcall.yaml', 'github-token': TOKEN, comment: 'always', ...inputs },
  }).then(record);

describe('the Action on pull requests (dist/index.js against a local GitHub API)', () => {
  const gh = new FakeGitHub({ token: TOKEN, self: BOT, author: BOT });
  beforeAll(() => gh.start());
  afterAll(() => gh.stop());

  it('creates one comment, edits the same one on a changed plan, and says "no changes" under changes-only', async () => {
    const dir = quickstart();
    // Dennis holds a locked license, which blocks his removal; unlocked, the plan can converge.
    edit(path.join(dir, 'state/acme-3dx.json'), '"lockedRoles": ["IFW"]', '"lockedRoles": []');
    // 120 earlier comments, so ours lands on page 2; one of them copies our marker but is not ours.
    for (let i = 0; i < 120; i++)
      gh.seed(7, i === 3 ? MALLORY : ACTIONS_BOT, i === 3 ? `${MARKER}\nfake` : `ci ${i}`);

    const first = await plan(dir, gh, 7);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const posts = gh.writes().filter((r) => r.method === 'POST');
    expect(posts).toHaveLength(1);
    expect(posts[0]!.path).toBe('/repos/acme/people/issues/7/comments');
    const ours = gh.comments.filter((c) => c.user.login === BOT.login);
    expect(ours).toHaveLength(1);
    const comment = ours[0]!;
    expect(first.outputs['comment-url']).toBe(
      `https://github.com/acme/people/pull/7#issuecomment-${comment.id}`,
    );
    expect(first.outputs['has-changes']).toBe('true');
    expect(comment.body.split('\n')[0]).toBe(MARKER);
    expect(comment.body).toContain('**Plan: 3 to invite, 3 to change, 2 to offboard, 0 blocked.**');
    // The footer: the pull request's head commit and a link to this run.
    expect(comment.body).toContain(
      '[`8f2c1d4`](https://github.com/acme/people/commit/8f2c1d4e6b7a90c3d5e1f2a3b4c5d6e7f8091a2b)',
    );
    expect(comment.body).toContain('(https://github.com/acme/people/actions/runs/987654321)');
    expect(first.summary).toContain('**Plan: 3 to invite, 3 to change, 2 to offboard, 0 blocked.**');
    const summary = JSON.parse(first.outputs.summary!);
    expect(summary).toMatchObject({ command: 'plan', hasChanges: true, held: false });
    expect(summary.targets[0]).toMatchObject({ name: 'acme-3dx', invite: 3, remove: 2, blocked: 0 });
    expect(JSON.parse(readFileSync(first.outputs['plan-file']!, 'utf8')).formatVersion).toBe(1);
    // The paginated list was read through its Link header, and nobody else's comment was touched.
    expect(gh.requests.some((r) => r.path.startsWith('/repositories/424242/issues/7/comments?'))).toBe(true);
    expect(gh.comments.find((c) => c.user.login === MALLORY.login)!.body).toBe(`${MARKER}\nfake`);

    // A changed plan: the same comment is edited in place.
    edit(
      path.join(dir, 'members/design-team.yaml'),
      /members:\n/,
      'members:\n  - email: hedy@acme.com\n    roles: [CSV]\n',
    );
    const second = await plan(dir, gh, 7);
    expect(second.code).toBe(0);
    expect(gh.writes().map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /repos/acme/people/issues/7/comments',
      `PATCH /repos/acme/people/issues/comments/${comment.id}`,
    ]);
    expect(gh.comments.filter((c) => c.user.login === BOT.login)).toHaveLength(1);
    expect(comment.body).toContain('hedy@\u200dacme.com');
    expect(second.outputs['comment-url']).toBe(first.outputs['comment-url']);

    // Merged and applied (push): the platform now matches the files.
    const applied = record(
      await runAction({
        dir,
        event: 'push',
        env: STATE_ENV,
        inputs: { command: 'apply', config: 'rollcall.yaml', 'github-token': TOKEN },
      }),
    );
    expect(applied.code).toBe(0);
    expect(applied.summary).toContain('### rollcall apply');
    expect(applied.summary).toContain('✅ converged');
    expect(JSON.parse(applied.outputs.summary!).targets[0].applied).toMatchObject({
      failed: 0,
      converged: true,
    });

    // changes-only with nothing to change still updates the existing comment, to say so.
    const third = await plan(dir, gh, 7, { comment: 'changes-only' });
    expect(third.code).toBe(0);
    expect(third.outputs['has-changes']).toBe('false');
    expect(gh.writes().map((r) => r.method)).toEqual(['POST', 'PATCH', 'PATCH']);
    expect(comment.body).toContain('**No changes.** acme-3dx matches the desired state.');
    expect(gh.comments.filter((c) => c.user.login === BOT.login)).toHaveLength(1);

    // ... but never creates one for an empty plan.
    const other = await plan(dir, gh, 8, { comment: 'changes-only' });
    expect(other.code).toBe(0);
    expect(other.outputs['comment-url']).toBe('');
    expect(gh.writes()).toHaveLength(3);
    expect(gh.comments.filter((c) => c.issue === 8)).toHaveLength(0);
    expectNoSecrets(gh);
  });
});

describe('the Action on a pull request from a fork', () => {
  // The workflow's GITHUB_TOKEN is an installation token: GET /user is refused; on a fork it is read-only.
  const gh = new FakeGitHub({ token: TOKEN, author: ACTIONS_BOT });
  beforeAll(() => gh.start());
  afterAll(() => gh.stop());

  it('does not fail when the token cannot comment (403): the plan is in the job summary', async () => {
    gh.createStatus = 403;
    const run = await plan(quickstart(), gh, 12);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /^::warning::Cannot comment on pull request #12 \(Resource not accessible by integration/m,
    );
    expect(run.stdout).not.toContain('::error');
    expect(run.outputs['comment-url']).toBe('');
    expect(run.outputs['has-changes']).toBe('true');
    expect(run.summary).toContain('**Plan: 3 to invite, 3 to change, 1 to offboard, 1 blocked.**');
    expect(gh.comments).toHaveLength(0);
    expectNoSecrets(gh);
  });

  it('with a token that may comment, finds its own bot comment without knowing its login', async () => {
    gh.createStatus = undefined;
    gh.requests.length = 0;
    const dir = quickstart();
    gh.seed(13, MALLORY, `${MARKER}\nnot the bot's`);
    expect((await plan(dir, gh, 13)).code).toBe(0);
    expect((await plan(dir, gh, 13)).code).toBe(0);
    expect(gh.writes().map((r) => r.method)).toEqual(['POST', 'PATCH']);
    expect(gh.comments.filter((c) => c.issue === 13 && c.user.type === 'Bot')).toHaveLength(1);
    expectNoSecrets(gh);
  });
});

describe('the Action applying (push, schedule, workflow_dispatch)', () => {
  const apply = (
    dir: string,
    event: 'push' | 'schedule' | 'workflow_dispatch',
    inputs: Record<string, string> = {},
  ) =>
    runAction({
      dir,
      event,
      env: STATE_ENV,
      inputs: { command: 'apply', config: 'rollcall.yaml', 'github-token': TOKEN, ...inputs },
    }).then(record);

  it('fails a held plan with failure-reason held, and applies it with allow-removals', async () => {
    const dir = quickstart();
    edit(path.join(dir, 'rollcall.yaml'), 'maxRemovals: 3', 'maxRemovals: 0');
    const state = path.join(dir, 'state/acme-3dx.json');
    const before = readFileSync(state, 'utf8');
    const held = await apply(dir, 'schedule');
    expect(held.code).toBe(1);
    expect(held.outputs['failure-reason']).toBe('held');
    expect(held.stdout).toMatch(/^::error::rollcall: the plan for "acme-3dx" is held/m);
    expect(held.summary).toContain('### rollcall apply refused');
    expect(held.summary).toContain('Held by policy.');
    expect(JSON.parse(held.outputs.summary!)).toMatchObject({ command: 'apply', held: true });
    expect(readFileSync(state, 'utf8')).toBe(before);

    const allowed = await apply(dir, 'workflow_dispatch', { 'allow-removals': '1' });
    expect(allowed.code).toBe(0);
    expect(allowed.outputs['failure-reason']).toBeUndefined();
    const ken = JSON.parse(readFileSync(state, 'utf8')).members.find(
      (m: { key: string }) => m.key === 'ken@acme.com',
    );
    expect(ken.status).toBe('removed');
    expectNoSecrets();
  });

  it('carries out a saved plan only while it is fresh and intact: failure-reason stale, tampered', async () => {
    const dir = quickstart();
    const planned = await runAction({
      dir,
      event: 'push',
      env: STATE_ENV,
      inputs: { command: 'plan', comment: 'off' },
    });
    expect(planned.code).toBe(0);
    const planFile = planned.outputs['plan-file']!;
    const saved = readFileSync(planFile, 'utf8');

    const tamperedFile = path.join(dir, 'tampered.json');
    writeFileSync(tamperedFile, saved.replace('frances@acme.com', 'mallory@evil.example'));
    const tampered = await apply(dir, 'push', { 'plan-file': tamperedFile });
    expect(tampered.code).toBe(1);
    expect(tampered.outputs['failure-reason']).toBe('tampered');

    edit(path.join(dir, 'state/acme-3dx.json'), '"location": "USE1" }', '"location": "EU1" }');
    const stale = await apply(dir, 'push', { 'plan-file': planFile });
    expect(stale.code).toBe(1);
    expect(stale.outputs['failure-reason']).toBe('stale');
    expect(stale.summary).toContain('saved plan is stale; run plan again');
    expect(stale.stdout).toMatch(/^::error::rollcall: .*saved plan is stale/m);
    expectNoSecrets();
  });

  it('refuses to apply on a pull request, and reports an invalid config on its file', async () => {
    const dir = quickstart();
    const pr = await apply(dir, 'push').then(() =>
      runAction({ dir, event: 'pull_request', env: STATE_ENV, inputs: { command: 'apply' } }),
    );
    expect(pr.code).toBe(1);
    expect(pr.outputs['failure-reason']).toBe('invalid-input');

    writeFileSync(
      path.join(dir, 'members/bad.yaml'),
      'members:\n  - email: not-an-address\n    roles: [CSV]\n',
    );
    const bad = await runAction({ dir, event: 'push', env: STATE_ENV, inputs: { command: 'plan' } });
    expect(bad.code).toBe(1);
    expect(bad.outputs['failure-reason']).toBe('invalid-config');
    expect(bad.stdout).toMatch(/^::error file=members\/bad\.yaml,line=2,/m);
  });
});
