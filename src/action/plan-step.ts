import * as core from '@actions/core';
import type { Plan } from '../model/plan.js';
import { renderMarkdown } from '../render/index.js';
import { makePlan } from '../run/plan.js';
import { commentBody, commentMarker, isEmptyPlan } from './comment-body.js';
import type { RunContext } from './context.js';
import { gitHub } from './github.js';
import type { ActionInputs } from './inputs.js';
import { log, warn } from './log.js';
import { savePlan, setOutputs } from './outputs.js';
import { seatCharts } from './seat-chart.js';
import { upsertComment } from './sticky-comment.js';
import { fitSummary, writeSummary } from './summary.js';

/** Where the job summary sends a reader when even it had to be trimmed. */
export const PLAN_FILE_POINTER = 'the plan file (the `plan-file` output of this step)';

/**
 * `command: plan`: plan, save the plan JSON, the full plan in the job summary, outputs, then the sticky
 * comment (last, so that a failing GitHub API still leaves the summary and the outputs).
 */
export async function planStep(inputs: ActionInputs, ctx: RunContext): Promise<void> {
  const run = await makePlan(inputs.config, { targets: inputs.targets, log });
  for (const w of run.warnings) warn(w);
  const marker = commentMarker(inputs.config, inputs.targets);
  const planFile = await savePlan(run.plan, marker, ctx.tempDir);
  const charts = seatCharts(run.plan);
  await writeSummary(
    fitSummary(
      (maxLength) =>
        renderMarkdown(run.plan, {
          redact: inputs.redact,
          maxLength: maxLength - charts.length,
          fullPlanPointer: PLAN_FILE_POINTER,
        }) + charts,
    ),
  );
  setOutputs({ command: 'plan', plan: run.plan, planFile });
  core.setOutput('comment-url', (await comment(run.plan, marker, inputs, ctx)) ?? '');
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
