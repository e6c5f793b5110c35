import { type Command, Option } from 'commander';
import { differs } from '../model/plan.js';
import { PLAN_FORMATS, type PlanFormat, renderPlan } from '../render/index.js';
import { showRun } from '../run/show.js';
import { pathArgument } from './options.js';
import type { Output } from './output.js';

export interface ShowCommandOptions {
  format: PlanFormat;
  detailedExitcode?: boolean;
}

/**
 * `rollcall show plan.json…`: saved plans shown as `plan` shows a plan; several (or a folder of them, one
 * per target from a matrix of plan jobs) shown as one, with `--format json` one plan `apply` accepts.
 */
export async function showCommand(files: string[], opts: ShowCommandOptions, io: Output): Promise<number> {
  const { plan } = await showRun(files);
  io.out(renderPlan(plan, opts.format, { color: io.color }));
  return opts.detailedExitcode && differs(plan) ? 2 : 0;
}

export function registerShow(
  program: Command,
  io: Output,
  done: (code: number | Promise<number>) => void,
): void {
  program
    .command('show')
    .description('show saved plans (plan --out files, or folders of them) as one plan')
    .argument(
      '<plan...>',
      'saved plan files, or folders of *.json plan files',
      (v: string, prev: string[] = []) => [...prev, pathArgument(v)],
    )
    .addOption(new Option('--format <format>', 'output format').choices(PLAN_FORMATS).default('text'))
    .option(
      '--detailed-exitcode',
      'exit 2 when the plans have changes or blocked items, 0 when every platform matches its files',
    )
    .action((files: string[], opts: ShowCommandOptions) => done(showCommand(files, opts, io)));
}
