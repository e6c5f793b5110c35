import * as core from '@actions/core';
import { targetsRun } from '../run/targets.js';
import type { ActionInputs } from './inputs.js';
import { warn } from './log.js';

/**
 * `command: targets`: the `targets` output, a JSON array of the configured target names (those of the
 * `targets` input when it selects some), for a `strategy.matrix` of one plan or apply job per target.
 * Reads no platform: no credentials needed.
 */
export async function targetsStep(inputs: ActionInputs): Promise<void> {
  const { targets, warnings } = await targetsRun(inputs.config);
  for (const w of warnings) warn(w);
  const names = targets
    .map((t) => t.name)
    .filter((n) => inputs.targets.length === 0 || inputs.targets.includes(n));
  core.setOutput('targets', JSON.stringify(names));
  core.info(`Targets: ${names.join(', ')}`);
}
