import * as core from '@actions/core';
import { escapeMarkdown } from '../render/escape-markdown.js';
import { APPLY_EVENTS, applyStep } from './apply-step.js';
import { applyRefusal } from './branch-gate.js';
import { runContext } from './context.js';
import { fail } from './failure.js';
import { forkValidateStep, unsetVariables } from './fork-step.js';
import { readInputs } from './inputs.js';
import { planStep, showStep } from './plan-step.js';
import { maskSecrets } from './secrets.js';
import { writeSummary } from './summary.js';
import { targetsStep } from './targets-step.js';

/**
 * The GitHub Action: inputs → library → job summary, comment, outputs. Secrets are masked before
 * anything is read; every failure ends here, with its `failure-reason`.
 */
export async function run(): Promise<void> {
  try {
    maskSecrets(core.getInput('github-token'), core.getInput('config') || 'rollcall.yaml');
    const inputs = readInputs();
    const ctx = runContext();
    if (inputs.command === 'targets') return await targetsStep(inputs);
    if (inputs.command === 'show') return await showStep(inputs, ctx);
    if (inputs.command === 'apply') {
      const refusal = applyRefusal(ctx, inputs.applyBranches);
      // On other events applyStep refuses the input itself (invalid-input).
      if (refusal === undefined || !APPLY_EVENTS.includes(ctx.eventName)) return await applyStep(inputs, ctx);
      core.notice(`Not applied: ${refusal}`);
      await writeSummary(`> [!NOTE]\n> **Not applied:** ${escapeMarkdown(refusal)}\n\n`);
    }
    try {
      await planStep(inputs, ctx);
    } catch (e) {
      const unset = ctx.fromFork ? unsetVariables(e) : [];
      if (unset.length === 0) throw e;
      await forkValidateStep(inputs, ctx, unset);
    }
  } catch (e) {
    fail(e);
  }
}
