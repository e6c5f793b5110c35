import { createHash } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import * as core from '@actions/core';
import type { ApplyReport } from '../apply/report.js';
import { CHANGE_ACTIONS, hasChanges, type Plan } from '../model/plan.js';
import { renderJson } from '../render/index.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { redact } from '../util/secrets.js';

export interface StepResult {
  command: 'plan' | 'apply' | 'show';
  plan?: Plan;
  planFile?: string;
  report?: ApplyReport;
}

/** The step's outputs (action.yml); every value passes through `redact`. */
export function setOutputs(r: StepResult): void {
  core.setOutput('has-changes', String(r.plan ? hasChanges(r.plan) : false));
  core.setOutput('plan-file', r.planFile ?? '');
  core.setOutput('summary', redact(JSON.stringify(summaryJson(r))));
}

/** `summary`: counts per target, and what apply did to each. */
export function summaryJson(r: StepResult) {
  const targets = (r.plan?.targets ?? []).map((t) => {
    const counts = Object.fromEntries([...CHANGE_ACTIONS, 'blocked' as const].map((a) => [a, t.summary[a]]));
    const applied = r.report?.targets.find((x) => x.name === t.name);
    let sums: Record<string, number | boolean> | undefined;
    if (applied) {
      sums = { succeeded: 0, failed: 0, skipped: 0, deferred: 0, converged: applied.converged };
      for (const a of CHANGE_ACTIONS)
        for (const k of ['succeeded', 'failed', 'skipped', 'deferred'] as const)
          sums[k] = (sums[k] as number) + applied.counts[a][k];
    }
    return {
      name: t.name,
      provider: t.provider,
      held: t.held,
      ...counts,
      ...(sums ? { applied: sums } : {}),
    };
  });
  return {
    command: r.command,
    hasChanges: r.plan ? hasChanges(r.plan) : false,
    held: targets.some((t) => t.held),
    targets,
  };
}

/**
 * Saves the plan JSON (the same file `rollcall plan --out` writes) in the runner's temporary directory,
 * named after the config and targets so that several steps in one job do not overwrite each other.
 */
export async function savePlan(plan: Plan, marker: string, tempDir = os.tmpdir()): Promise<string> {
  const id = createHash('sha256').update(marker).digest('hex').slice(0, 12);
  const file = path.join(tempDir, 'rollcall', `plan-${id}.json`);
  await writeFileAtomic(file, renderJson(plan));
  return file;
}
