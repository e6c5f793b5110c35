import { randomBytes } from 'node:crypto';
import { executeTargetPlan, type ProgressSink } from '../apply/executor.js';
import { InterruptedError, signalExitCode } from '../apply/interrupt.js';
import { openJournal } from '../apply/journal.js';
import { type ApplyReport, targetReport } from '../apply/report.js';
import type { RetryPolicy } from '../apply/retry.js';
import { checkAsOf, checkFresh, checkHold, readSavedPlan } from '../apply/saved-plan.js';
import { dayOf } from '../model/day.js';
import type { Diagnostic } from '../model/diagnostic.js';
import { ConfigError, PolicyError } from '../model/errors.js';
import { hasChanges, type Plan } from '../model/plan.js';
import { desiredDigest } from '../plan/digest.js';
import { displayPath } from '../util/display-path.js';
import {
  type LoadedTarget,
  loadTargets,
  type PlanOptions,
  planLoadedTarget,
  planLoadedTargets,
} from './plan.js';

export interface ApplyOptions extends PlanOptions {
  /** A saved plan (`plan --out`): carried out exactly, after its digest and freshness are checked. */
  planFile?: string;
  autoApprove?: boolean;
  allowRemovals?: number;
  /** Runs a plan held by policy.maxCostIncrease when its increase is at most this. */
  allowCostIncrease?: number;
  /** Asks the person at the terminal; absent when there is none. */
  confirm?: (plan: Plan) => Promise<boolean>;
  /** Shown before anything changes. */
  showPlan?: (plan: Plan) => void;
  journalPath?: string;
  /** A graceful stop (Ctrl-C, SIGTERM): see ExecuteOptions.stop. Before any change, nothing is changed. */
  stop?: AbortSignal;
  runId?: string;
  progress?: ProgressSink;
  retry?: RetryPolicy;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export interface ApplyOutcome {
  plan: Plan;
  /** Absent when nothing was applied (no changes). */
  report?: ApplyReport;
  journal: string;
  warnings: Diagnostic[];
}

export function newRunId(now: Date = new Date()): string {
  return `${now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z')}-${randomBytes(3).toString('hex')}`;
}

/**
 * `rollcall apply` as a library call. Takes each target's lock, makes (or checks) the plan, enforces the
 * hold and the confirmation, executes phase by phase with a journal, then reads each target again and
 * re-plans to verify. Refusals throw PolicyError / StalePlanError (exit 3).
 */
export async function applyRun(configFile: string, options: ApplyOptions = {}): Promise<ApplyOutcome> {
  const loaded = await loadTargets(configFile, options);
  const releases: (() => Promise<void>)[] = [];
  try {
    for (const t of [...loaded.targets].sort((a, b) => (a.target.name < b.target.name ? -1 : 1)))
      if (t.provider.lock) releases.push(await t.provider.lock());

    const plan = options.planFile
      ? await checkedSavedPlan(options.planFile, loaded.targets, options)
      : await planLoadedTargets(loaded.targets, options);
    options.showPlan?.(plan);
    checkHold(plan, options.allowRemovals, options.allowCostIncrease);
    const journal = options.journalPath ?? loaded.config.journal;
    const warnings = loaded.warnings;
    if (!hasChanges(plan)) return { plan, journal, warnings };
    if (!options.planFile && !options.autoApprove) {
      if (!options.confirm)
        throw new PolicyError(
          'refusing to apply without confirmation: there is no terminal to ask; pass --auto-approve, or apply a saved plan',
          'not-confirmed',
        );
      if (!(await options.confirm(plan)))
        throw new PolicyError('apply cancelled: nothing was changed', 'not-confirmed');
    }

    if (options.stop?.aborted)
      throw new InterruptedError(
        'apply interrupted: nothing was changed',
        signalExitCode(options.stop.reason),
      );
    const runId = options.runId ?? newRunId();
    const log = openJournal(journal, runId);
    const report: ApplyReport = { runId, targets: [] };
    try {
      for (const tp of plan.targets) {
        const t = loaded.targets.find((x) => x.target.name === tp.name)!;
        const results = await executeTargetPlan(tp, t.provider, {
          runId,
          journal: log,
          retry: options.retry,
          signal: options.signal,
          stop: options.stop,
          progress: options.progress,
          log: options.log,
          sleep: options.sleep,
        });
        const replan = await planLoadedTarget(t, options);
        report.targets.push(targetReport(tp, results, replan, t.provider.readRetries?.() ?? 0));
      }
    } finally {
      log.close();
    }
    return { plan, report, journal, warnings };
  } finally {
    await releaseAll(releases.reverse());
  }
}

/** Runs every release even if one throws (a lock must not be left because another's release failed). */
async function releaseAll(releases: (() => Promise<void>)[]): Promise<void> {
  const errors: unknown[] = [];
  for (const release of releases)
    try {
      await release();
    } catch (e) {
      errors.push(e);
    }
  if (errors.length) throw errors[0];
}

async function checkedSavedPlan(file: string, targets: LoadedTarget[], options: ApplyOptions): Promise<Plan> {
  const plan = await readSavedPlan(file);
  const shown = displayPath(file);
  checkAsOf(plan, dayOf((options.now ?? (() => new Date()))()), shown);
  for (const tp of plan.targets) {
    const t = targets.find((x) => x.target.name === tp.name);
    if (!t)
      throw new ConfigError(
        `${shown}: the plan is for target "${tp.name}", which this configuration does not select`,
      );
    checkFresh(tp, await t.provider.read(options.signal), shown);
    if (desiredDigest(t.desired.members) !== tp.desiredDigest)
      options.log?.(
        `${tp.name}: the desired-state files changed since the plan was made; verifying against the current files`,
      );
  }
  return plan;
}
