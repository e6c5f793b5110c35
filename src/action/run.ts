import * as core from '@actions/core';
import { applyStep } from './apply-step.js';
import { runContext } from './context.js';
import { fail } from './failure.js';
import { readInputs } from './inputs.js';
import { planStep } from './plan-step.js';
import { maskSecrets } from './secrets.js';

/**
 * The GitHub Action: inputs → library → job summary, comment, outputs. Secrets are masked before
 * anything is read; every failure ends here, with its `failure-reason`.
 */
export async function run(): Promise<void> {
  try {
    maskSecrets(core.getInput('github-token'), core.getInput('config') || 'rollcall.yaml');
    const inputs = readInputs();
    const ctx = runContext();
    await (inputs.command === 'plan' ? planStep : applyStep)(inputs, ctx);
  } catch (e) {
    fail(e);
  }
}
