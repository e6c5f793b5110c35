import { isOffboarding } from '../model/lifecycle.js';
import type { Change, TargetPlan } from '../model/plan.js';
import type { ChangeResult, Provider } from '../providers/types.js';
import { displayPath } from '../util/display-path.js';
import { describeFileSystemError, isFileSystemError } from '../util/fs-errors.js';
import { forEachLimited } from '../util/pool.js';
import { redact } from '../util/secrets.js';
import { sleep as realSleep } from '../util/sleep.js';
import type { Journal, JournalResult } from './journal.js';
import { DEFAULT_RETRY, type RetryPolicy, retryDelay } from './retry.js';

/** What the executor tells a progress display. */
export interface ProgressSink {
  phaseStart(target: string, phase: number, phases: number, total: number): void;
  changeDone(result: ChangeResult): void;
  phaseEnd(target: string, phase: number): void;
}

export interface ExecuteOptions {
  runId: string;
  journal: Journal;
  retry?: RetryPolicy;
  /** Aborts what is in flight (a second Ctrl-C: the process is about to stop). */
  signal?: AbortSignal;
  /**
   * A graceful stop (the first Ctrl-C, SIGTERM): no change is started after it, none is retried; those
   * in flight finish and are journaled. The changes not started are `skipped`, journaled as such.
   */
  stop?: AbortSignal;
  progress?: ProgressSink;
  /** Where providers say what they did beyond the results (files written, uploads): the CLI's stderr, the Action's log. */
  log?: (line: string) => void;
  /** Injected in tests: time does not pass for real. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
  now?: () => number;
}

/**
 * Carries out one target's plan: phase by phase, inside a phase with the provider's concurrency (one
 * batch for batch-only platforms) and minimum spacing between writes; transient failures retried with
 * backoff; a permanent failure fails that change only. A lifecycle step whose earlier step for the same
 * member did not succeed is skipped. Every attempt and result is journaled before the run moves on.
 */
export async function executeTargetPlan(
  plan: TargetPlan,
  provider: Provider,
  options: ExecuteOptions,
): Promise<ChangeResult[]> {
  const phases = [...new Set(plan.changes.map((c) => c.phase))].sort((a, b) => a - b);
  // Keys whose offboarding stopped, and how: a failed step skips the later ones, a deferred step defers them.
  const stopped = new Map<string, { status: 'skipped' | 'deferred'; action: string }>();
  const all: ChangeResult[] = [];
  for (const phase of phases) {
    const changes = plan.changes.filter((c) => c.phase === phase);
    options.progress?.phaseStart(plan.name, phase, phases.length, changes.length);
    const runnable: Change[] = [];
    for (const c of changes) {
      const stop = isOffboarding(c.action) ? stopped.get(c.key) : undefined;
      if (stop) {
        const r: ChangeResult = {
          change: c,
          status: stop.status,
          attempts: 0,
          error:
            stop.status === 'deferred'
              ? `deferred: follows the ${stop.action} of ${c.key}, which waits for a later apply`
              : `skipped: the ${stop.action} of ${c.key} did not succeed`,
        };
        options.journal.record({
          target: plan.name,
          phase,
          attempt: 0,
          change: c,
          result: r.status as 'skipped' | 'deferred',
          error: r.error,
        });
        options.progress?.changeDone(r);
        all.push(r);
      } else if (options.stop?.aborted) all.push(notStarted(plan.name, phase, c, options));
      else runnable.push(c);
    }
    const results = await new PhaseRun(plan.name, phase, provider, options).run(runnable);
    for (const r of results)
      if (r.status !== 'succeeded' && isOffboarding(r.change.action))
        stopped.set(r.change.key, {
          status: r.status === 'deferred' ? 'deferred' : 'skipped',
          action: r.change.action,
        });
    all.push(...results);
    options.progress?.phaseEnd(plan.name, phase);
  }
  return all;
}

/** Said of a change that a graceful stop kept from starting. */
export const NOT_STARTED = 'not started: the apply was interrupted';

function notStarted(target: string, phase: number, change: Change, options: ExecuteOptions): ChangeResult {
  const r: ChangeResult = { change, status: 'skipped', attempts: 0, error: NOT_STARTED };
  options.journal.record({ target, phase, attempt: 0, change, result: 'skipped', error: NOT_STARTED });
  options.progress?.changeDone(r);
  return r;
}

class PhaseRun {
  private lastWrite = Number.NEGATIVE_INFINITY;
  private readonly retry: RetryPolicy;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  private readonly now: () => number;

  constructor(
    private readonly target: string,
    private readonly phase: number,
    private readonly provider: Provider,
    private readonly options: ExecuteOptions,
  ) {
    this.retry = options.retry ?? DEFAULT_RETRY;
    this.sleep = options.sleep ?? realSleep;
    this.now = options.now ?? Date.now;
  }

  async run(changes: Change[]): Promise<ChangeResult[]> {
    if (changes.length === 0) return [];
    if (this.provider.capabilities.batchOnly) return this.runBatches(changes);
    const results: ChangeResult[] = new Array(changes.length);
    await forEachLimited(changes, this.provider.capabilities.concurrency, async (c, i) => {
      results[i] = this.stopped ? this.notStarted(c) : await this.runOne(c);
    });
    return results;
  }

  private get stopped(): boolean {
    return this.options.stop?.aborted === true;
  }

  private notStarted(change: Change): ChangeResult {
    return notStarted(this.target, this.phase, change, this.options);
  }

  /** Waits, cut short by a graceful stop (then the caller sees `stopped`). */
  private async wait(ms: number): Promise<void> {
    const { signal, stop } = this.options;
    const both = signal && stop ? AbortSignal.any([signal, stop]) : (signal ?? stop);
    try {
      await this.sleep(ms, both);
    } catch (e) {
      if (!(this.stopped && !signal?.aborted)) throw e;
    }
  }

  /** One change, retried while its failure is transient. */
  private async runOne(change: Change): Promise<ChangeResult> {
    for (let attempt = 1; ; attempt++) {
      await this.pace();
      if (this.stopped && attempt === 1) return this.notStarted(change);
      this.journal(change, attempt, 'sent');
      const [r] = await this.call([change], attempt);
      const final = await this.settle(r!, attempt);
      if (final) return final;
    }
  }

  /** Batch-only platforms: the whole phase in one call; transient failures go again as a smaller batch. */
  private async runBatches(changes: Change[]): Promise<ChangeResult[]> {
    const done = new Map<Change, ChangeResult>();
    let pending = changes;
    for (let attempt = 1; pending.length > 0; attempt++) {
      const size = this.provider.capabilities.maxBatchSize ?? pending.length;
      const again: Change[] = [];
      let retryAfterMs: number | undefined; // the longest the platform asked for, if it asked
      for (let i = 0; i < pending.length; i += size) {
        const batch = pending.slice(i, i + size);
        await this.pace();
        if (this.stopped) {
          for (const c of batch)
            done.set(c, attempt === 1 ? this.notStarted(c) : this.notRetried(c, attempt));
          continue;
        }
        this.journalSent(batch, attempt);
        for (const r of await this.call(batch, attempt)) {
          const final = await this.settle(r, attempt, false);
          if (final) done.set(r.change, final);
          else {
            again.push(r.change);
            if (r.retryAfterMs !== undefined) retryAfterMs = Math.max(retryAfterMs ?? 0, r.retryAfterMs);
          }
        }
      }
      // settle() kept only changes it may retry, so a delay exists (the platform's Retry-After, or backoff).
      if (again.length > 0)
        await this.wait(retryDelay(this.retry, attempt, retryAfterMs, this.options.random) ?? 0);
      if (this.stopped) {
        for (const c of again) done.set(c, this.notRetried(c, attempt));
        again.length = 0;
      }
      pending = again;
    }
    return changes.map((c) => done.get(c)!);
  }

  /** Calls the provider; a thrown error is a failure of every change in the call. */
  private async call(changes: Change[], attempt: number): Promise<ChangeResult[]> {
    const got = new Map<Change, ChangeResult>();
    try {
      for await (const r of this.provider.apply(changes, {
        runId: this.options.runId,
        signal: this.options.signal,
        log: this.options.log ?? (() => {}),
      }))
        got.set(r.change, { ...r, attempts: attempt });
    } catch (e) {
      const err = e as Error & { transient?: boolean; retryAfterMs?: number };
      for (const c of changes)
        if (!got.has(c))
          got.set(c, {
            change: c,
            status: 'failed',
            attempts: attempt,
            error: oneLine(
              isFileSystemError(e) ? describeFileSystemError(e, displayPath) : (err?.message ?? String(e)),
            ),
            transient: err?.transient ?? false,
            retryAfterMs: err?.retryAfterMs,
          });
    }
    return changes.map(
      (c) =>
        got.get(c) ?? {
          change: c,
          status: 'failed',
          attempts: attempt,
          error: 'the provider reported no result',
        },
    );
  }

  /** A final result (journaled), or undefined after waiting when the change should be tried again. */
  private async settle(r: ChangeResult, attempt: number, wait = true): Promise<ChangeResult | undefined> {
    let final: ChangeResult = { ...r, attempts: attempt };
    if (r.status === 'failed' && r.transient && !this.stopped) {
      const delay = retryDelay(this.retry, attempt, r.retryAfterMs, this.options.random);
      if (delay !== undefined) {
        this.journal(r.change, attempt, 'retrying', r.error);
        if (!wait) return undefined;
        await this.wait(delay);
        if (!this.stopped) return undefined;
      }
    }
    if (r.status === 'failed' && r.transient && this.stopped)
      final = { ...final, error: `${r.error ?? 'failed'}; not retried: the apply was interrupted` };
    this.journal(r.change, attempt, final.status, final.error);
    this.options.progress?.changeDone(final);
    return final;
  }

  /** A change whose transient failure a graceful stop keeps from being retried (batch-only platforms). */
  private notRetried(change: Change, attempt: number): ChangeResult {
    const error = `failed; not retried: the apply was interrupted`;
    const r: ChangeResult = { change, status: 'failed', attempts: attempt, error };
    this.journal(change, attempt, 'failed', error);
    this.options.progress?.changeDone(r);
    return r;
  }

  private async pace(): Promise<void> {
    const gap = this.provider.capabilities.minWriteIntervalMs;
    if (gap > 0) {
      const wait = this.lastWrite + gap - this.now();
      this.lastWrite = Math.max(this.now(), this.lastWrite + gap);
      if (wait > 0) await this.wait(wait);
    }
  }

  /** A batch as `sent`, every entry written before the provider sees any of it. */
  private journalSent(batch: Change[], attempt: number) {
    const { journal } = this.options;
    if (!journal.recordMany) for (const c of batch) this.journal(c, attempt, 'sent');
    else
      journal.recordMany(
        batch.map((change) => ({ target: this.target, phase: this.phase, attempt, change, result: 'sent' })),
      );
  }

  private journal(change: Change, attempt: number, result: JournalResult, error?: string) {
    const entry = { target: this.target, phase: this.phase, attempt, change, result } as Parameters<
      Journal['record']
    >[0];
    if (error) entry.error = error;
    this.options.journal.record(entry);
  }
}

function oneLine(s: string): string {
  return redact(s).split('\n')[0]!.slice(0, 500); // masked before the cut, which could split a secret
}
