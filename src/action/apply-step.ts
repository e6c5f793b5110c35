import path from 'node:path';
import * as core from '@actions/core';
import { failedCount } from '../apply/report.js';
import { createProgress } from '../cli/progress.js';
import { PolicyError, StalePlanError } from '../model/errors.js';
import type { Plan } from '../model/plan.js';
import { escapeMarkdown } from '../render/escape-markdown.js';
import { renderMarkdown } from '../render/index.js';
import { applyRun } from '../run/apply.js';
import { redact } from '../util/secrets.js';
import { commentMarker } from './comment-body.js';
import type { RunContext } from './context.js';
import { ApplyFailedError } from './failure.js';
import { type ActionInputs, InputError } from './inputs.js';
import { log, logOutput, warn } from './log.js';
import { type StepResult, savePlan, setOutputs } from './outputs.js';
import { reportMarkdown } from './report-markdown.js';
import { runFolders, runFoldersMarkdown } from './run-folders.js';
import { fitSummary, writeSummary } from './summary.js';

/** Events whose code has been merged or is trusted: never a pull request's code under review. */
export const APPLY_EVENTS = ['push', 'schedule', 'workflow_dispatch', 'repository_dispatch'];

/**
 * `command: apply`: carries out a fresh plan (no one to ask: auto-approved, still refused when held)
 * or exactly the saved plan of `plan-file` (refused when stale or tampered); the report goes to the job
 * summary. Refusals and failed changes throw after the summary and outputs are written.
 */
export async function applyStep(inputs: ActionInputs, ctx: RunContext): Promise<void> {
  if (!APPLY_EVENTS.includes(ctx.eventName))
    throw new InputError(
      `command apply runs on ${APPLY_EVENTS.join(', ')}; not on "${ctx.eventName}", whose changes are not merged`,
    );
  let shown: Plan | undefined;
  const marker = commentMarker(inputs.config, inputs.targets);
  try {
    const outcome = await applyRun(inputs.config, {
      targets: inputs.targets,
      planFile: inputs.planFile ? path.resolve(inputs.planFile) : undefined,
      autoApprove: true,
      allowRemovals: inputs.allowRemovals,
      log,
      showPlan: (plan) => {
        shown = plan;
      },
      progress: createProgress(logOutput),
    });
    for (const w of outcome.warnings) warn(w);
    const folders = outcome.report ? runFolders(outcome.report.runId) : [];
    core.setOutput('run-folders', folders.join('\n'));
    const head = outcome.report
      ? reportMarkdown(outcome.report, inputs.redact) + runFoldersMarkdown(folders)
      : '### rollcall apply\n\nNothing to apply.\n';
    await writeSummary(planSummary(head, outcome.plan, inputs));
    const result: StepResult = {
      command: 'apply',
      plan: outcome.plan,
      planFile: await savePlan(outcome.plan, marker, ctx.tempDir),
      report: outcome.report,
    };
    setOutputs(result);
    if (outcome.report) {
      core.info(redact(`Journal: ${outcome.journal}`));
      const failed = failedCount(outcome.report);
      if (failed > 0)
        throw new ApplyFailedError(
          `apply finished with ${failed} failed or skipped change${failed === 1 ? '' : 's'}; see the job summary and the journal`,
        );
    }
  } catch (e) {
    if (e instanceof PolicyError || e instanceof StalePlanError) {
      const head = `### rollcall apply refused\n\n> [!CAUTION]\n> ${escapeMarkdown(e.message)}\n`;
      await writeSummary(shown ? planSummary(head, shown, inputs) : redact(head));
      if (shown) setOutputs({ command: 'apply', plan: shown });
    }
    throw e;
  }
}

/** A heading (the report or the refusal), then the plan that was applied or refused, within the limit. */
function planSummary(head: string, plan: Plan, inputs: ActionInputs): string {
  const open = '\n<details><summary>The plan</summary>\n\n';
  const close = '\n</details>\n';
  return fitSummary(
    (maxLength) =>
      head +
      open +
      renderMarkdown(plan, {
        redact: inputs.redact,
        maxLength: Math.max(1000, maxLength - head.length - open.length - close.length),
        fullPlanPointer: 'the plan file (the `plan-file` output of this step)',
      }) +
      close,
  );
}
