import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROOT } from '../helpers/cli.js';

// biome-ignore lint/suspicious/noExplicitAny: parsed workflow YAML
type Workflow = any;
const read = (rel: string): Workflow => parse(readFileSync(path.join(ROOT, rel), 'utf8'));
const steps = (w: Workflow) => Object.values(w.jobs).flatMap((j) => (j as Workflow).steps as Workflow[]);
const rollcallSteps = (w: Workflow) =>
  steps(w).filter((s) => String(s.uses).startsWith('rollcall/rollcall@'));

/** The README's workflow to copy: the first yaml block of its GitHub Action section. */
function readmeWorkflow(): Workflow {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## GitHub Action'));
  return parse(/```yaml\n([\s\S]*?)```/.exec(section)![1]!);
}

describe('the example workflows', () => {
  const all = {
    plan: read('examples/workflows/plan.yml'),
    apply: read('examples/workflows/apply.yml'),
    drift: read('examples/workflows/drift.yml'),
    readme: readmeWorkflow(),
  };

  it('never run on pull_request_target nor check out a pull request head with secrets', () => {
    for (const [name, w] of Object.entries(all)) {
      expect(Object.keys(w.on), name).not.toContain('pull_request_target');
      for (const s of steps(w)) {
        if (String(s.uses).startsWith('actions/checkout')) {
          expect(s.with?.ref, `${name}: checkout ref`).toBeUndefined();
          expect(s.with?.['persist-credentials'], `${name}: checkout keeps no token`).toBe(false);
        }
      }
      expect(rollcallSteps(w).length, name).toBeGreaterThan(0);
    }
  });

  it('plan on pull requests with only the permissions the comment needs', () => {
    expect(Object.keys(all.plan.on)).toEqual(['pull_request']);
    expect(all.plan.permissions).toEqual({ contents: 'read', 'pull-requests': 'write' });
    expect(rollcallSteps(all.plan)[0].with.command).toBe('plan');
    expect(all.readme.jobs.plan.permissions).toEqual({ contents: 'read', 'pull-requests': 'write' });
  });

  it('apply on push to the default branch behind an environment, one at a time, never cancelled', () => {
    expect(all.apply.on).toEqual({ push: expect.objectContaining({ branches: ['main'] }) });
    expect(all.apply.permissions).toEqual({ contents: 'read' });
    expect(all.apply.concurrency).toEqual({
      group: expect.stringContaining('rollcall.yaml'),
      'cancel-in-progress': false,
    });
    expect(all.apply.jobs.apply.environment).toBeTruthy();
    expect(rollcallSteps(all.apply)[0].with.command).toBe('apply');
    expect(all.readme.jobs.apply.environment).toBeTruthy();
    expect(all.readme.jobs.apply.concurrency['cancel-in-progress']).toBe(false);
  });

  it('correct drift on a schedule and on demand, sharing the apply concurrency group', () => {
    expect(Object.keys(all.drift.on).sort()).toEqual(['schedule', 'workflow_dispatch']);
    expect(all.drift.concurrency).toEqual(all.apply.concurrency);
    expect(all.drift.jobs.drift.environment).toBe(all.apply.jobs.apply.environment);
  });

  it('use only inputs that action.yml declares', () => {
    const declared = Object.keys(read('action.yml').inputs);
    for (const w of Object.values(all))
      for (const s of rollcallSteps(w))
        for (const k of Object.keys(s.with ?? {})) expect(declared).toContain(k);
  });
});
