import * as core from '@actions/core';
import { ConfigError } from '../model/errors.js';
import type { Redaction } from '../render/markdown-inline.js';

export const COMMANDS = ['plan', 'apply', 'targets', 'show'] as const;
export const COMMENT_MODES = ['always', 'changes-only', 'off'] as const;
export const REDACTIONS = ['none', 'emails'] as const;

export interface ActionInputs {
  command: (typeof COMMANDS)[number];
  config: string;
  targets: string[];
  token: string;
  comment: (typeof COMMENT_MODES)[number];
  redact: Redaction;
  allowRemovals?: number;
  /** apply: a plan saved by an earlier plan step, carried out exactly. */
  planFile?: string;
  /** apply: the branches it may run on (empty: the repository's default branch). */
  applyBranches: string[];
  /** show: saved plans (files or folders of `*.json`), one per line. */
  planFiles: string[];
}

/** An input of the Action has a value it does not accept. */
export class InputError extends ConfigError {}

/** Reads and checks every input (action.yml declares them and their defaults). */
export function readInputs(): ActionInputs {
  const allow = core.getInput('allow-removals');
  if (allow !== '' && !/^\d+$/.test(allow))
    throw new InputError(`input allow-removals: expected a whole number, got "${allow}"`);
  return {
    command: choice('command', COMMANDS, 'plan'),
    config: core.getInput('config') || 'rollcall.yaml',
    targets: core
      .getInput('targets')
      .split(/[\s,]+/)
      .filter((t) => t !== ''),
    token: core.getInput('github-token'),
    comment: choice('comment', COMMENT_MODES, 'always'),
    redact: choice('redact', REDACTIONS, 'none'),
    allowRemovals: allow === '' ? undefined : Number.parseInt(allow, 10),
    planFile: core.getInput('plan-file') || undefined,
    applyBranches: core
      .getInput('apply-branches')
      .split(/[\s,]+/)
      .filter((b) => b !== ''),
    planFiles: core
      .getInput('plan-files')
      .split('\n')
      .map((f) => f.trim())
      .filter((f) => f !== ''),
  };
}

function choice<T extends string>(name: string, values: readonly T[], fallback: T): T {
  const v = core.getInput(name) || fallback;
  if (!(values as readonly string[]).includes(v))
    throw new InputError(`input ${name}: expected one of ${values.join(', ')}, got "${v}"`);
  return v as T;
}
