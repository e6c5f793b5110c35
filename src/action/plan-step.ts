import * as core from '@actions/core';
import type { Plan } from '../model/plan.js';
import { renderMarkdown } from '../render/index.js';
import { makePlan } from '../run/plan.js';
import { showRun } from '../run/show.js';
import { commentBody, commentMarker, isEmptyPlan } from './comment-body.js';
import type { RunContext } from './context.js';
import { gitHub } from './github.js';
import { type ActionInputs, InputError } from './inputs.js';
import { log, warn } from './log.js';
import { savePlan, setOutputs } from './outputs.js';
import { seatCharts } from './seat-chart.js';
import { upsertComment } from './sticky-comment.js';
import { fitSummary, writeSummary } from './summary.js';

/** Where the job summary sends a reader when even it had to be trimmed. */
export const PLAN_FILE_POINTER = 'the plan file (the `plan-file` output of this step)';

/** `command: plan`: plan, then publish it. */
export async function planStep(inputs: ActionInputs, ctx: RunContext): Promise<void> {
  const run = await makePlan(inputs.config, { targets: inputs.targets, log });
  for (const w of run.warnings) warn(w);
  await publishPlan(run.plan, 'plan', inputs, ctx);
}

/**
 * `command: show`: the saved plans of `plan-files` (one per target, from a matrix of plan jobs) as one
 * plan, published as a plan step publishes its own: the same comment (same marker), summary and outputs.
 * Reads no platform and no config: no credentials needed.
 */
export async function showStep(inputs: ActionInputs, ctx: RunContext): Promise<void> {
  if (inputs.planFiles.length === 0)
    throw new InputError('input plan-files: name the saved plans (files or folders) to show');
  const { plan, files } = await showRun(inputs.planFiles);
  log(`Showing ${files.length} saved plan${files.length === 1 ? '' : 's'}: ${files.join(', ')}`);
  await publishPlan(plan, 'show', inputs, ctx);
}

/** Save the plan JSON, the full plan in the job summary, outputs, then the sticky comment (last, so that a failing GitHub API still leaves the summary and the outputs). */
async function publishPlan(
  plan: Plan,
  command: 'plan' | 'show',
  inputs: ActionInputs,
  ctx: RunContext,
): Promise<void> {
  const marker = commentMarker(inputs.config, inputs.targets);
  const planFile = await savePlan(plan, marker, ctx.tempDir);
  const charts = seatCharts(plan);
  await writeSummary(
    fitSummary(
      (maxLength) =>
        renderMarkdown(plan, {
          redact: inputs.redact,
          maxLength: maxLength - charts.length,
          fullPlanPointer: PLAN_FILE_POINTER,
        }) + charts,
    ),
  );
  setOutputs({ command, plan, planFile });
  core.setOutput('comment-url', (await comment(plan, marker, inputs, ctx)) ?? '');
}

async function comment(
  plan: Plan,
  marker: string,
  inputs: ActionInputs,
  ctx: RunContext,
): Promise<string | undefined> {
  if (inputs.comment === 'off') return undefined;
  if (ctx.pullRequest === undefined) {
    core.info(
      `No pull request in this ${ctx.eventName || 'unknown'} event: the plan is in the job summary only.`,
    );
    return undefined;
  }
  if (!inputs.token) {
    core.warning('No github-token: the plan is in the job summary only.');
    return undefined;
  }
  const sha = ctx.headSha ?? ctx.sha;
  const body = commentBody(plan, {
    marker,
    redact: inputs.redact,
    sha,
    commitUrl: `${ctx.serverUrl}/${ctx.repository}/commit/${sha}`,
    runUrl: ctx.runUrl,
  });
  const place = { owner: ctx.owner, repo: ctx.repo, issue: ctx.pullRequest, marker };
  const create = inputs.comment === 'always' || !isEmptyPlan(plan);
  const out = await upsertComment(gitHub(inputs.token, ctx.apiUrl), place, body, create);
  switch (out.result) {
    case 'forbidden':
      core.warning(
        `Cannot comment on pull request #${ctx.pullRequest} (${out.message}); a pull request from a fork gets a read-only token. The plan is in the job summary.`,
      );
      return undefined;
    case 'skipped':
      core.info('No changes and no earlier comment: nothing to say (comment: changes-only).');
      return undefined;
    default:
      core.info(`${out.result === 'created' ? 'Created' : 'Updated'} the plan comment: ${out.url}`);
      return out.url;
  }
}
