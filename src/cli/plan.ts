import path from 'node:path';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { isValidDay } from '../model/day.js';
import { formatDiagnostic } from '../model/diagnostic.js';
import { differs } from '../model/plan.js';
import { PLAN_FORMATS, type PlanFormat, renderJson, renderPlan } from '../render/index.js';
import { makePlan } from '../run/plan.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { configFlag, shellWord } from '../util/shell-word.js';
import { type CommonOptions, pathArgument, withCommonOptions } from './options.js';
import type { Output } from './output.js';

export interface PlanCommandOptions extends CommonOptions {
  out?: string;
  format: PlanFormat;
  detailedExitcode?: boolean;
  at?: string;
}

/** `rollcall plan`: prints the plan; `--out` saves its JSON for `rollcall apply plan.json`. */
export async function planCommand(opts: PlanCommandOptions, io: Output): Promise<number> {
  const run = await makePlan(opts.config, {
    targets: opts.target,
    at: opts.at,
    log: (line) => io.err(`${line}\n`),
  });
  for (const w of run.warnings) io.err(`${formatDiagnostic(w)}\n`);
  if (opts.out) await writeFileAtomic(path.resolve(opts.out), renderJson(run.plan));
  io.out(renderPlan(run.plan, opts.format, { color: io.color }));
  if (opts.out)
    io.err(
      `Saved the plan to ${opts.out}; apply exactly it with: rollcall apply${configFlag(opts.config)} ${shellWord(opts.out)}
`,
    );
  // Like Terraform's 2 ("succeeded, there is a diff"), and also for blocked items: the platform differs
  // from the files even when apply can change nothing.
  return opts.detailedExitcode && differs(run.plan) ? 2 : 0;
}

export function registerPlan(
  program: Command,
  io: Output,
  done: (code: number | Promise<number>) => void,
): void {
  withCommonOptions(program.command('plan'))
    .description('show what apply would change, and why')
    .option('--out <file>', 'also save the plan as JSON, for `rollcall apply <file>`', pathArgument)
    .addOption(new Option('--format <format>', 'output format').choices(PLAN_FORMATS).default('text'))
    .option(
      '--detailed-exitcode',
      'exit 2 when the plan has changes or blocked items, 0 when the platform matches the files',
    )
    .option(
      '--at <YYYY-MM-DD>',
      'plan as of that day (previews `until` expiries); apply refuses such a plan',
      day,
    )
    .action((opts: PlanCommandOptions) => done(planCommand(opts, io)));
}

function day(value: string): string {
  if (!isValidDay(value)) throw new InvalidArgumentError('expected a day as YYYY-MM-DD');
  return value;
}

export { shellWord };
