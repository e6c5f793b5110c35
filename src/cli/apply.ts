import path from 'node:path';
import { type Command, InvalidArgumentError } from 'commander';
import { NOT_STARTED } from '../apply/executor.js';
import { signalExitCode, watchInterrupts } from '../apply/interrupt.js';
import { type ApplyReport, failedCount, renderReport } from '../apply/report.js';
import { formatDiagnostic } from '../model/diagnostic.js';
import { CHANGE_ACTIONS } from '../model/plan.js';
import { renderText } from '../render/index.js';
import { type ApplyOptions, applyRun } from '../run/apply.js';
import { displayPath } from '../util/display-path.js';
import { confirmOnTerminal } from './confirm.js';
import { type CommonOptions, pathArgument, withCommonOptions } from './options.js';
import type { Output } from './output.js';
import { createProgress } from './progress.js';

export interface ApplyCommandOptions extends CommonOptions {
  autoApprove?: boolean;
  allowRemovals?: number;
  allowCostIncrease?: number;
  journal?: string;
}

/** `rollcall apply [plan.json]`: exit 0 done, 3 refused, 4 finished with failed changes. */
export async function applyCommand(
  planFile: string | undefined,
  opts: ApplyCommandOptions,
  io: Output,
  deps: Pick<ApplyOptions, 'createProvider' | 'sleep' | 'retry'> = {},
): Promise<number> {
  const interactive = io.isTTY && Boolean(process.stdin.isTTY);
  const interrupts = watchInterrupts((line) => io.err(`\n${line}\n`));
  try {
    return await applyWatched(planFile, opts, io, deps, interactive, interrupts.stop);
  } finally {
    interrupts.dispose();
  }
}

async function applyWatched(
  planFile: string | undefined,
  opts: ApplyCommandOptions,
  io: Output,
  deps: Pick<ApplyOptions, 'createProvider' | 'sleep' | 'retry'>,
  interactive: boolean,
  stop: AbortSignal,
): Promise<number> {
  const outcome = await applyRun(opts.config, {
    targets: opts.target,
    planFile: planFile ? path.resolve(planFile) : undefined,
    autoApprove: opts.autoApprove,
    allowRemovals: opts.allowRemovals,
    allowCostIncrease: opts.allowCostIncrease,
    journalPath: opts.journal ? path.resolve(opts.journal) : undefined,
    log: (line) => io.err(`${line}\n`),
    showPlan: (plan) => io.out(renderText(plan, { color: io.color })),
    confirm: interactive
      ? () =>
          confirmOnTerminal(
            '\nDo you want to apply these changes? Only "yes" will be accepted: ',
            process.stdin,
            process.stderr,
            stop,
          )
      : undefined,
    stop,
    progress: createProgress(io),
    ...deps,
  });
  for (const w of outcome.warnings) io.err(`${formatDiagnostic(w)}\n`);
  if (!outcome.report) {
    // Nothing apply can do; still never "converged" while blocked items remain (design §9).
    const blocked = outcome.plan.targets.reduce((n, t) => n + t.blocked.length, 0);
    if (blocked > 0)
      io.err(
        `Nothing to apply, but ${blocked} blocked: the platform does not match the files (see the plan above)\n`,
      );
    return 0;
  }
  io.out(`\n${renderReport(outcome.report)}`);
  io.err(`Journal: ${displayPath(outcome.journal)}\n`);
  if (stop.aborted) {
    io.err(`${interruptedSummary(outcome.report)}\n`);
    return signalExitCode(stop.reason);
  }
  return failedCount(outcome.report) > 0 ? 4 : 0;
}

/** What an interrupted apply did and did not do. */
function interruptedSummary(report: ApplyReport): string {
  let done = 0;
  let notStarted = 0;
  let failed = 0;
  for (const t of report.targets) {
    for (const a of CHANGE_ACTIONS) done += t.counts[a].succeeded + t.counts[a].deferred;
    for (const f of t.failures) if (f.error === NOT_STARTED) notStarted++;
    failed += failedCount({ runId: report.runId, targets: [t] });
  }
  failed -= notStarted;
  return `Interrupted: ${done} change${done === 1 ? '' : 's'} done, ${failed} failed, ${notStarted} not started; run apply again to finish`;
}

function count(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('expected a whole number');
  return Number.parseInt(value, 10);
}

function amount(value: string): number {
  if (!/^\d+(?:\.\d+)?$/.test(value))
    throw new InvalidArgumentError('expected an amount such as 360 or 12.50');
  return Number.parseFloat(value);
}

export function registerApply(
  program: Command,
  io: Output,
  done: (code: number | Promise<number>) => void,
): void {
  withCommonOptions(program.command('apply'))
    .description('carry out a plan: a saved one exactly, or a fresh one after confirmation')
    .argument('[plan]', 'a plan saved by `rollcall plan --out`', pathArgument)
    .option('--auto-approve', 'do not ask for confirmation')
    .option('--allow-removals <n>', 'run a plan held by policy.maxRemovals with up to n removals', count)
    .option(
      '--allow-cost-increase <n>',
      'run a plan held by policy.maxCostIncrease whose monthly increase is at most n',
      amount,
    )
    .option(
      '--journal <file>',
      "audit journal (default: the config's journal, or .rollcall/journal.jsonl)",
      pathArgument,
    )
    .action((planFile: string | undefined, opts: ApplyCommandOptions) =>
      done(applyCommand(planFile, opts, io)),
    );
}
