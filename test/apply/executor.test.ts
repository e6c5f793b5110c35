import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { executeTargetPlan } from '../../src/apply/executor.js';
import { memoryJournal } from '../../src/apply/journal.js';
import { failedCount, targetReport } from '../../src/apply/report.js';
import { DEFAULT_RETRY, retryDelay } from '../../src/apply/retry.js';
import { applyCommand } from '../../src/cli/apply.js';
import { memoryOutput } from '../../src/cli/output.js';
import type { ActualState } from '../../src/model/member.js';
import { LOCAL_CAPABILITIES } from '../../src/providers/local/index.js';
import { tmpDir } from '../helpers/tmp.js';
import { have, plan, type Scenario, want } from '../plan/builders.js';
import { type Fault, FlakyProvider } from './flaky-provider.js';

function fakeTime() {
  let now = 0;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      now += ms;
    },
  };
}

function setup(s: Scenario, faults: Record<string, Fault> = {}, caps = {}) {
  const p = plan(s);
  const state: ActualState = { seats: s.seats ?? {}, members: s.actual ?? [] };
  const time = fakeTime();
  const provider = new FlakyProvider(state, faults, { ...LOCAL_CAPABILITIES, ...caps }, time.now);
  const journal = memoryJournal();
  const run = () =>
    executeTargetPlan(p, provider, {
      runId: 'r1',
      journal,
      sleep: time.sleep,
      now: time.now,
      random: () => 0.5,
    });
  return { p, provider, journal, time, run };
}

const invites = (n: number) => Array.from({ length: n }, (_, i) => want(`u${i}@x.io`, { roles: ['CSV'] }));

describe('executor: failures', () => {
  it('recovers every transient failure (failed results and thrown errors) with backoff, honoring Retry-After', async () => {
    const { run, time, journal } = setup(
      { desired: invites(3) },
      {
        'u0@x.io': { kind: 'transient', times: 3 },
        'u1@x.io': { kind: 'throw', times: 2 },
        'u2@x.io': { kind: 'transient', times: 1, retryAfterMs: 7000 },
      },
    );
    const results = await run();
    expect(results.map((r) => [r.change.key, r.status, r.attempts])).toEqual([
      ['u0@x.io', 'succeeded', 4],
      ['u1@x.io', 'succeeded', 3],
      ['u2@x.io', 'succeeded', 2],
    ]);
    // Exponential with equal jitter (random = 0.5 → 75% of the step): 250ms, 500ms, 1000ms steps.
    expect(time.sleeps).toEqual([188, 375, 750, 188, 375, 7000]);
    expect(journal.entries.filter((e) => e.result === 'retrying')).toHaveLength(6);
  });

  it('fails only the change that fails permanently; the rest go on', async () => {
    const { run, provider } = setup(
      { desired: invites(3) },
      { 'u1@x.io': { kind: 'permanent', message: 'HTTP 422 invalid e-mail' } },
    );
    const results = await run();
    expect(results.map((r) => r.status)).toEqual(['succeeded', 'failed', 'succeeded']);
    expect(results[1]!.error).toBe('HTTP 422 invalid e-mail');
    expect(results[1]!.attempts).toBe(1);
    expect(provider.applied.map((c) => c.key)).toEqual(['u0@x.io', 'u2@x.io']);
  });

  it('gives up after the bound, and does not wait for a Retry-After beyond its limit', async () => {
    const { run } = setup(
      { desired: invites(2) },
      {
        'u0@x.io': { kind: 'transient', times: 99 },
        'u1@x.io': { kind: 'transient', times: 1, retryAfterMs: DEFAULT_RETRY.maxRetryAfterMs + 1 },
      },
    );
    const results = await run();
    expect(results.map((r) => [r.status, r.attempts])).toEqual([
      ['failed', DEFAULT_RETRY.maxAttempts],
      ['failed', 1],
    ]);
  });

  it('skips the later lifecycle steps of a member whose earlier step failed, and reports them', async () => {
    const { run, journal } = setup(
      {
        desired: [want('a@x.io', { state: 'deleted' }), want('b@x.io', { state: 'deleted' })],
        actual: [have('a@x.io'), have('b@x.io')],
      },
      { 'a@x.io': { kind: 'permanent' } },
    );
    const results = await run();
    expect(results.map((r) => `${r.change.action} ${r.change.key} ${r.status}`)).toEqual([
      'remove a@x.io failed',
      'remove b@x.io succeeded',
      'pseudonymize a@x.io skipped',
      'pseudonymize b@x.io succeeded',
      'delete a@x.io skipped',
      'delete b@x.io succeeded',
    ]);
    expect(journal.entries.filter((e) => e.result === 'skipped').map((e) => e.change.action)).toEqual([
      'pseudonymize',
      'delete',
    ]);
  });

  it('journals every change as sent before its result, and each result once', async () => {
    const { run, journal } = setup({ desired: invites(4) }, { 'u2@x.io': { kind: 'transient', times: 1 } });
    await run();
    for (let i = 0; i < 4; i++) {
      const mine = journal.entries.filter((e) => e.change.key === `u${i}@x.io`).map((e) => e.result);
      expect(mine[0]).toBe('sent');
      expect(mine.filter((r) => r === 'succeeded')).toHaveLength(1);
    }
  });
});

describe('executor: deferred steps', () => {
  it('defers the later lifecycle steps after a deferred one, and counts none of them as failed', async () => {
    const p = plan({ desired: [want('a@x.io', { state: 'deleted' })], actual: [have('a@x.io')] });
    const provider = new FlakyProvider({ seats: {}, members: [have('a@x.io')] });
    const real = provider.apply.bind(provider);
    provider.apply = async function* (changes, ctx) {
      for (const c of changes)
        if (c.action === 'pseudonymize')
          yield { change: c, status: 'deferred', attempts: 1, error: 'waits for the export' };
        else yield* real([c], ctx);
    };
    const journal = memoryJournal();
    const results = await executeTargetPlan(p, provider, { runId: 'r', journal });
    expect(results.map((r) => `${r.change.action} ${r.status}`)).toEqual([
      'remove succeeded',
      'pseudonymize deferred',
      'delete deferred',
    ]);
    const report = targetReport(
      p,
      results,
      plan({
        desired: [want('a@x.io', { state: 'deleted' })],
        actual: [have('a@x.io', { status: 'removed' })],
      }),
    );
    expect(failedCount({ runId: 'r', targets: [report] })).toBe(0);
    expect(report.deferred.map((d) => d.change.action)).toEqual(['pseudonymize', 'delete']);
    expect(journal.entries.filter((e) => e.result === 'deferred')).toHaveLength(2);
  });
});

describe('executor: pacing', () => {
  it('runs up to the provider concurrency at once', async () => {
    const faults = Object.fromEntries(invites(12).map((d) => [d.key, { kind: 'slow', ms: 20 } as Fault]));
    const p = plan({ desired: invites(12) });
    const provider = new FlakyProvider({ seats: {}, members: [] }, faults, {
      ...LOCAL_CAPABILITIES,
      concurrency: 4,
    });
    await executeTargetPlan(p, provider, { runId: 'r', journal: memoryJournal() });
    expect(provider.maxInFlight).toBe(4);
    expect(provider.applied).toHaveLength(12);
  });

  it('keeps serial writes at least minWriteIntervalMs apart', async () => {
    const { run, provider } = setup(
      { desired: invites(5) },
      {},
      { concurrency: 1, minWriteIntervalMs: 1000 },
    );
    await run();
    const at = provider.calls.map((c) => c.at);
    expect(at).toEqual([0, 1000, 2000, 3000, 4000]);
  });

  it('sends a batch-only platform one batch per phase (within maxBatchSize) and retries transient rows as a smaller batch', async () => {
    const { run, provider } = setup(
      { desired: invites(5) },
      { 'u3@x.io': { kind: 'transient', times: 1 } },
      { batchOnly: true, maxBatchSize: 3 },
    );
    const results = await run();
    expect(results.every((r) => r.status === 'succeeded')).toBe(true);
    expect(provider.calls.map((c) => c.keys.length)).toEqual([3, 2, 1]);
  });

  it('waits the Retry-After a batch-only platform asks for before sending the batch again', async () => {
    const { run, time } = setup(
      { desired: invites(3) },
      { 'u1@x.io': { kind: 'transient', times: 1, retryAfterMs: 9000 } },
      { batchOnly: true },
    );
    const results = await run();
    expect(results.every((r) => r.status === 'succeeded')).toBe(true);
    expect(time.sleeps).toEqual([9000]);
  });

  it('retryDelay grows exponentially up to its cap', () => {
    const d = (n: number) => retryDelay({ ...DEFAULT_RETRY, maxAttempts: 99 }, n, undefined, () => 1);
    expect([1, 2, 3, 4].map(d)).toEqual([250, 500, 1000, 2000]);
    expect(d(40)).toBe(DEFAULT_RETRY.maxDelayMs);
  });
});

describe('apply exit codes (design §8)', () => {
  const files = {
    'rollcall.yaml':
      'version: 1\ntargets:\n  - name: t\n    provider: local\n    members: [members.yaml]\n    connection: { state: state.json }\n',
    'members.yaml': 'members:\n  - email: a@x.io\n  - email: b@x.io\n',
  };

  async function applyWith(faults: Record<string, Fault>) {
    const dir = tmpDir(files);
    const provider = new FlakyProvider({ seats: {}, members: [] }, faults);
    const io = memoryOutput();
    const code = await applyCommand(
      undefined,
      { config: path.join(dir, 'rollcall.yaml'), target: [], autoApprove: true },
      io,
      {
        createProvider: () => provider,
        sleep: async () => {},
      },
    );
    return { code, io };
  }

  it('exits 0 when every transient failure was recovered, and the report counts the retries', async () => {
    const { code, io } = await applyWith({ 'a@x.io': { kind: 'transient', times: 2 } });
    expect(code).toBe(0);
    expect(io.stdout).toMatch(/invite\s+2\s+0\s+0\s+0/);
    expect(io.stdout).toContain('2 retries after transient failures');
    expect(io.stdout).toContain('converged');
  });

  it('exits 4 when a change failed, names it, and says what still differs', async () => {
    const { code, io } = await applyWith({ 'b@x.io': { kind: 'permanent', message: 'HTTP 403 Forbidden' } });
    expect(code).toBe(4);
    expect(io.stdout).toContain('✗ invite b@x.io: HTTP 403 Forbidden');
    expect(io.stdout).toContain('not converged: 1 change still differs');
  });
});
