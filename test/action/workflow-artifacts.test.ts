import { cpSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROOT } from '../helpers/cli.js';
import { tmpDir } from '../helpers/tmp.js';
import { runAction } from './run-action.js';

// biome-ignore lint/suspicious/noExplicitAny: parsed workflow YAML
type Workflow = any;
const read = (rel: string): Workflow => parse(readFileSync(path.join(ROOT, rel), 'utf8'));

function readmeWorkflow(): Workflow {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## GitHub Action'));
  return parse(/```yaml\n([\s\S]*?)```/.exec(section)![1]!);
}

const WORKFLOWS: Record<string, Workflow> = {
  'examples/workflows/plan.yml': read('examples/workflows/plan.yml'),
  'examples/workflows/apply.yml': read('examples/workflows/apply.yml'),
  'examples/workflows/drift.yml': read('examples/workflows/drift.yml'),
  'examples/workflows/matrix.yml': read('examples/workflows/matrix.yml'),
  'examples/workflows/sync.yml': read('examples/workflows/sync.yml'),
  'examples/github/workflows/rollcall-github.yml': read('examples/github/workflows/rollcall-github.yml'),
  'README.md': readmeWorkflow(),
};
/** The current major of each action the examples use (Node 24 runtimes). */
const CURRENT = {
  'actions/checkout': 'v6',
  'actions/upload-artifact': 'v7',
  'actions/download-artifact': 'v7',
  'actions/create-github-app-token': 'v2',
  'actions/setup-node': 'v6',
};

const jobs = (w: Workflow) => Object.entries(w.jobs) as [string, Workflow][];

describe('the example workflows (parsed)', () => {
  it('upload the run folders of every apply that may write import files, from its run-folders output', () => {
    for (const name of [
      'examples/workflows/apply.yml',
      'examples/workflows/drift.yml',
      'examples/workflows/matrix.yml',
      'README.md',
    ]) {
      const applying = jobs(WORKFLOWS[name]).filter(([, j]) =>
        (j.steps as Workflow[]).some(
          (s) =>
            String(s.uses).startsWith('rollcall/rollcall@') &&
            !['plan', 'targets', 'show'].includes(s.with?.command),
        ),
      );
      expect(applying.length, name).toBeGreaterThan(0);
      for (const [job, j] of applying) {
        const step =
          (j.steps as Workflow[]).find(
            (s) => String(s.uses).startsWith('rollcall/rollcall@') && s.with?.command === 'apply',
          ) ?? (j.steps as Workflow[]).find((s) => String(s.uses).startsWith('rollcall/rollcall@'));
        expect(step.id, `${name} ${job}: the rollcall step needs an id`).toBeTruthy();
        const upload = (j.steps as Workflow[]).find(
          (s) =>
            String(s.uses).startsWith('actions/upload-artifact@') &&
            s.with?.path === `\${{ steps.${step.id}.outputs.run-folders }}`,
        );
        expect(upload, `${name} ${job}: an upload-artifact step for run-folders`).toBeDefined();
        expect(upload.if).toContain('always()');
      }
    }
    expect(Object.keys(read('action.yml').outputs)).toContain('run-folders');
  });

  it('pin every action to its current major and set timeout-minutes on every job', () => {
    for (const [name, w] of Object.entries(WORKFLOWS))
      for (const [job, j] of jobs(w)) {
        expect(j['timeout-minutes'], `${name} ${job}`).toBeGreaterThan(0);
        for (const s of j.steps as Workflow[]) {
          const [action, version] = String(s.uses).split('@');
          if (action! in CURRENT)
            expect(version, `${name} ${job}: ${action}`).toBe(CURRENT[action as keyof typeof CURRENT]);
        }
      }
  });

  it('run on a change of any file a plan reads: exports, seats files, people and approvals too', () => {
    const inputs = ['rollcall.yaml', 'members/**', 'export/**', 'seats.txt', 'people/**', 'approvals.yaml'];
    for (const name of ['examples/workflows/plan.yml', 'examples/workflows/apply.yml']) {
      const on = WORKFLOWS[name].on;
      const paths = (on.pull_request ?? on.push).paths as string[];
      expect(paths, name).toEqual(expect.arrayContaining(inputs));
    }
    for (const event of ['pull_request', 'push']) {
      expect(WORKFLOWS['README.md'].on[event].paths).toEqual(expect.arrayContaining(inputs));
      expect(WORKFLOWS['examples/workflows/matrix.yml'].on[event].paths).toEqual(
        expect.arrayContaining(inputs),
      );
    }
  });
});

describe('run-folders', () => {
  it('names the folders an import-file apply wrote, in the output and the job summary', async () => {
    const dir = tmpDir();
    cpSync(path.join(ROOT, 'examples/3dexperience'), dir, { recursive: true });
    const r = await runAction({ dir, event: 'push', inputs: { command: 'apply' } });
    expect(r.code).toBe(0);
    const folders = r.outputs['run-folders']!.split('\n');
    expect(folders).toHaveLength(1);
    expect(folders[0]).toMatch(/^out\/[\w-]+$/);
    expect(readFileSync(path.join(dir, folders[0]!, 'UPLOAD-ORDER.txt'), 'utf8')).not.toBe('');
    expect(r.summary).toContain('#### Files for the platforms to import');
    expect(r.summary).toContain(`\`${folders[0]}/\``);
  });
});

describe('the matrix workflow', () => {
  const w = WORKFLOWS['examples/workflows/matrix.yml'];

  it('lists the targets with command: targets, then applies each in its own job and concurrency group', () => {
    const list = (w.jobs.targets.steps as Workflow[]).find((s) =>
      String(s.uses).startsWith('rollcall/rollcall@'),
    );
    expect(list.with.command).toBe('targets');
    expect(w.jobs.targets.outputs.targets).toBe(`\${{ steps.${list.id}.outputs.targets }}`);
    expect(w.jobs.apply.needs).toBe('targets');
    expect(w.jobs.apply.if).toBe("github.event_name == 'push'");
    expect(w.jobs.apply.strategy.matrix.target).toBe('${{ fromJSON(needs.targets.outputs.targets) }}');
    expect(w.jobs.apply.concurrency).toEqual({
      group: expect.stringContaining('${{ matrix.target }}'),
      'cancel-in-progress': false,
    });
    const apply = (w.jobs.apply.steps as Workflow[]).find((s) =>
      String(s.uses).startsWith('rollcall/rollcall@'),
    );
    expect(apply.with).toMatchObject({ command: 'apply', targets: '${{ matrix.target }}' });
  });

  it('on a pull request plans each target in its own job and shows the uploaded plans as one comment', () => {
    expect(Object.keys(w.on).sort()).toEqual(['pull_request', 'push']);
    const plan = w.jobs.plan;
    expect(plan.if).toBe("github.event_name == 'pull_request'");
    expect(plan.strategy.matrix.target).toBe('${{ fromJSON(needs.targets.outputs.targets) }}');
    expect(plan.concurrency.group).toContain('${{ matrix.target }}');
    const planStep = (plan.steps as Workflow[]).find((s) => String(s.uses).startsWith('rollcall/rollcall@'));
    expect(planStep.with).toMatchObject({ command: 'plan', targets: '${{ matrix.target }}', comment: 'off' });
    const upload = (plan.steps as Workflow[]).find((s) =>
      String(s.uses).startsWith('actions/upload-artifact@'),
    );
    expect(upload.with).toMatchObject({
      name: 'rollcall-plan-${{ matrix.target }}',
      path: `\${{ steps.${planStep.id}.outputs.plan-file }}`,
      'if-no-files-found': 'error',
    });
    // The fan-in: every target's plan downloaded into one folder, shown as one plan, one comment.
    const comment = w.jobs.comment;
    expect(comment.needs).toBe('plan');
    expect(comment.permissions).toEqual({ contents: 'read', 'pull-requests': 'write' });
    const download = (comment.steps as Workflow[]).find((s) =>
      String(s.uses).startsWith('actions/download-artifact@'),
    );
    expect(download.uses).toBe('actions/download-artifact@v7');
    expect(download.with).toEqual({ pattern: 'rollcall-plan-*', path: 'plans', 'merge-multiple': true });
    const show = (comment.steps as Workflow[]).find((s) => String(s.uses).startsWith('rollcall/rollcall@'));
    expect(show.with).toMatchObject({ command: 'show', 'plan-files': 'plans' });
    expect(Object.keys(read('action.yml').inputs)).toContain('plan-files');
    // A fork gets no secrets: no matrix (targets is skipped), one job that validates and comments why.
    expect(w.jobs.targets.if).toContain('github.event.pull_request.head.repo.full_name == github.repository');
    expect(w.jobs.fork.if).toContain('github.event.pull_request.head.repo.full_name != github.repository');
  });

  it('command: targets outputs the target names as JSON, with no credentials set', async () => {
    const dir = tmpDir();
    cpSync(path.join(ROOT, 'examples/scim'), dir, { recursive: true });
    const r = await runAction({ dir, event: 'push', inputs: { command: 'targets' } });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.outputs.targets!)).toEqual(['acme-scim']);
  });
});

describe('the sync workflow', () => {
  const w = WORKFLOWS['examples/workflows/sync.yml'];

  it('on a schedule, writes the drift with import --write and opens a pull request, never running PR code', () => {
    expect(Object.keys(w.on).sort()).toEqual(['schedule', 'workflow_dispatch']);
    expect(w.permissions).toEqual({ contents: 'write', 'pull-requests': 'write' });
    const steps = w.jobs.sync.steps as Workflow[];
    const checkout = steps.find((s) => String(s.uses).startsWith('actions/checkout@'));
    expect(checkout.with['persist-credentials']).toBe(false);
    const sync = steps.find((s) => s.id === 'sync');
    expect(sync.run).toContain('import --target "$TARGET" --out "$OUT" --diff');
    expect(sync.run).toContain('import --target "$TARGET" --out "$OUT" --write');
    const pr = steps.find((s) => s.if === "steps.sync.outputs.changed == 'true'");
    expect(pr.run).toContain('gh pr create');
  });
});
