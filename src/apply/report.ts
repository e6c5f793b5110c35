import {
  type Blocked,
  CHANGE_ACTIONS,
  type Change,
  type ChangeAction,
  type TargetPlan,
} from '../model/plan.js';
import type { ChangeResult } from '../providers/types.js';

export interface ActionCounts {
  succeeded: number;
  failed: number;
  skipped: number;
  /** Accepted for a later apply: the platform must first show an earlier step done. Not a failure. */
  deferred: number;
  blocked: number;
}

export interface TargetReport {
  name: string;
  counts: Record<ChangeAction, ActionCounts>;
  failures: { change: Change; error: string; attempts: number }[];
  /** What waits for a later apply, and why. */
  deferred: { change: Change; reason: string }[];
  /** Attempts beyond the first, over all changes. */
  retries: number;
  /** Reads (GETs) retried after transient failures, over the run (reading, verifying). */
  readRetries?: number;
  /** After apply, the target was read again and re-planned. */
  converged: boolean;
  /** What the re-plan still finds to do. */
  remaining: Change[];
  /** What the re-plan finds that cannot be done: the platform still differs from the files. */
  stillBlocked?: Blocked[];
}

export interface ApplyReport {
  runId: string;
  targets: TargetReport[];
}

export function targetReport(
  plan: TargetPlan,
  results: ChangeResult[],
  replan: TargetPlan,
  readRetries = 0,
): TargetReport {
  const counts = Object.fromEntries(
    CHANGE_ACTIONS.map((a) => [a, { succeeded: 0, failed: 0, skipped: 0, deferred: 0, blocked: 0 }]),
  ) as Record<ChangeAction, ActionCounts>;
  let retries = 0;
  const failures: TargetReport['failures'] = [];
  const deferred: TargetReport['deferred'] = [];
  for (const r of results) {
    counts[r.change.action][r.status]++;
    retries += Math.max(0, r.attempts - 1);
    if (r.status === 'deferred')
      deferred.push({ change: r.change, reason: r.error ?? 'waits for a later apply' });
    else if (r.status !== 'succeeded')
      failures.push({ change: r.change, error: r.error ?? r.status, attempts: r.attempts });
  }
  for (const b of plan.blocked) counts[b.action].blocked++;
  return {
    name: plan.name,
    counts,
    failures,
    deferred,
    retries,
    ...(readRetries > 0 ? { readRetries } : {}),
    // Design §9: "converged" only when nothing differs and nothing is blocked.
    converged: replan.changes.length === 0 && replan.blocked.length === 0,
    remaining: replan.changes,
    stillBlocked: replan.blocked,
  };
}

/** Changes that failed or were skipped after a failure (exit code 4). Deferred ones are not failures. */
export function failedCount(report: ApplyReport): number {
  let n = 0;
  for (const t of report.targets)
    for (const a of CHANGE_ACTIONS) n += t.counts[a].failed + t.counts[a].skipped;
  return n;
}

/** The report as the platforms' own "Import Completed" dialog: per action, succeeded / failed / blocked. */
export function renderReport(report: ApplyReport): string {
  const lines: string[] = [];
  for (const t of report.targets) {
    lines.push(`Apply completed for ${t.name} (run ${report.runId})`);
    lines.push('  action         succeeded  failed  skipped  deferred  blocked');
    for (const a of CHANGE_ACTIONS) {
      const c = t.counts[a];
      if (c.succeeded + c.failed + c.skipped + c.deferred + c.blocked === 0) continue;
      lines.push(
        `  ${a.padEnd(13)} ${String(c.succeeded).padStart(9)} ${String(c.failed).padStart(7)} ${String(c.skipped).padStart(8)} ${String(c.deferred).padStart(9)} ${String(c.blocked).padStart(8)}`,
      );
    }
    if (t.retries > 0)
      lines.push(`  ${t.retries} retr${t.retries === 1 ? 'y' : 'ies'} after transient failures`);
    if (t.readRetries)
      lines.push(`  ${t.readRetries} read retr${t.readRetries === 1 ? 'y' : 'ies'} after transient failures`);
    for (const f of t.failures.slice(0, 50))
      lines.push(
        `  ✗ ${f.change.action} ${f.change.key}: ${f.error}${f.attempts > 1 ? ` (after ${f.attempts} attempts)` : ''}`,
      );
    if (t.failures.length > 50) lines.push(`  … ${t.failures.length - 50} more failures in the journal`);
    for (const d of t.deferred.slice(0, 20))
      lines.push(`  … ${d.change.action} ${d.change.key}: ${d.reason}`);
    if (t.deferred.length > 20) lines.push(`  … ${t.deferred.length - 20} more deferred to a later apply`);
    if (t.converged) lines.push(`  converged: ${t.name} matches the desired state`);
    else {
      lines.push(`  not converged: ${notConverged(t)}`);
      for (const c of t.remaining.slice(0, 20))
        lines.push(`    ${c.action} ${c.key}${c.roles?.length ? ` [${c.roles.join(', ')}]` : ''}`);
      if (t.remaining.length > 20) lines.push(`    … ${t.remaining.length - 20} more (run plan)`);
      const blocked = t.stillBlocked ?? [];
      for (const b of blocked.slice(0, 20)) lines.push(`    blocked ${b.action} ${b.key}: ${b.message}`);
      if (blocked.length > 20) lines.push(`    … ${blocked.length - 20} more blocked (run plan)`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** "2 changes still differ, 1 blocked": never "converged" while blocked items remain. */
export function notConverged(t: TargetReport): string {
  const parts: string[] = [];
  const n = t.remaining.length;
  const b = t.stillBlocked?.length ?? 0;
  if (n > 0 || b === 0) parts.push(n === 1 ? '1 change still differs' : `${n} changes still differ`);
  if (b > 0) parts.push(`${b} blocked`);
  return parts.join(', ');
}
