import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';
import { tmpDir } from '../helpers/tmp.js';
import { FakeGitHub, type GitHubUser } from './fake-github.js';
import { runAction } from './run-action.js';

/**
 * The fan-in of a matrix (examples/workflows/matrix.yml): each target planned in its own step with no
 * comment, its plan-file collected into one folder, then `command: show` writes one comment for all.
 */
const TOKEN = 'ghp_showTokenNeverShown0123456789abcdef';
const BOT: GitHubUser = { login: 'rollcall-bot', id: 7001, type: 'User' };
const MARKER = '<!-- rollcall-plan config=rollcall.yaml targets=* -->';

describe('command: show (dist/index.js against a local GitHub API)', () => {
  const gh = new FakeGitHub({ token: TOKEN, self: BOT, author: BOT });
  beforeAll(() => gh.start());
  afterAll(() => gh.stop());

  /** The Action on pull request `pr` of the fake GitHub, with the token. */
  const onPullRequest = (dir: string, pr: number, inputs: Record<string, string>) =>
    runAction({
      dir,
      event: 'pull_request',
      pr,
      apiUrl: gh.url,
      inputs: { 'github-token': TOKEN, ...inputs },
    });

  /** Each target planned in its own run, as the matrix's plan jobs do; their plan files in plans/. */
  async function plannedApart(): Promise<string> {
    const dir = tmpDir();
    const writes = gh.writes().length;
    cpSync(path.join(ROOT, 'test/fixtures/show'), dir, { recursive: true });
    mkdirSync(path.join(dir, 'plans'));
    for (const target of ['alpha', 'beta']) {
      const r = await onPullRequest(dir, 11, { command: 'plan', targets: target, comment: 'off' });
      expect(r.code).toBe(0);
      expect(r.outputs['comment-url']).toBe('');
      cpSync(r.outputs['plan-file']!, path.join(dir, 'plans', path.basename(r.outputs['plan-file']!)));
    }
    expect(gh.writes()).toHaveLength(writes);
    return dir;
  }

  it('shows the per-target plans as one sticky comment, the one a single plan job would write', async () => {
    const dir = await plannedApart();
    const shown = await onPullRequest(dir, 11, { command: 'show', 'plan-files': 'plans' });
    expect(shown.stderr).toBe('');
    expect(shown.code).toBe(0);
    const ours = gh.comments.filter((c) => c.issue === 11);
    expect(ours).toHaveLength(1);
    const body = ours[0]!.body;
    expect(body.split('\n')[0]).toBe(MARKER);
    expect(body).toContain('**Plan: 1 to invite, 0 to change, 1 to offboard, 0 blocked.**');
    expect(body).toContain('| alpha | local | 1 | 0 | 0 | 0 |');
    expect(body).toContain('| beta | local | 0 | 0 | 1 | 0 |');
    expect(shown.summary).toContain('#### beta (local)');
    expect(JSON.parse(shown.outputs.summary!)).toMatchObject({ command: 'show', hasChanges: true });
    expect(shown.outputs['has-changes']).toBe('true');
    // The combined plan file is one plan of both targets.
    const combined = JSON.parse(readFileSync(shown.outputs['plan-file']!, 'utf8'));
    expect(combined.targets.map((t: { name: string }) => t.name)).toEqual(['alpha', 'beta']);
    const log = shown.stdout.split('\n').filter((l) => !l.startsWith('::add-mask::'));
    expect(log.join('\n')).not.toContain(TOKEN);
    expect(body).not.toContain(TOKEN);

    // A single plan job afterwards edits that same comment: the marker is the same.
    const single = await onPullRequest(dir, 11, { command: 'plan' });
    expect(single.code).toBe(0);
    expect(gh.comments.filter((c) => c.issue === 11)).toHaveLength(1);
  });

  it('refuses an edited plan file (tampered) and a missing plan-files input (invalid-input)', async () => {
    const dir = await plannedApart();
    const [first] = readdirSync(path.join(dir, 'plans')).sort();
    const file = path.join(dir, 'plans', first!);
    const plan = JSON.parse(readFileSync(file, 'utf8'));
    plan.targets[0].changes = [];
    writeFileSync(file, JSON.stringify(plan));
    const edited = await onPullRequest(dir, 12, { command: 'show', 'plan-files': 'plans' });
    expect(edited.code).not.toBe(0);
    expect(edited.outputs['failure-reason']).toBe('tampered');
    expect(gh.comments.filter((c) => c.issue === 12)).toHaveLength(0);
    const none = await onPullRequest(dir, 12, { command: 'show' });
    expect(none.code).not.toBe(0);
    expect(none.outputs['failure-reason']).toBe('invalid-input');
    expect(none.stdout).toContain('input plan-files: name the saved plans (files or folders) to show');
  });
});
