import path from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { executeTargetPlan, NOT_STARTED } from '../../src/apply/executor.js';
import { watchInterrupts } from '../../src/apply/interrupt.js';
import { memoryJournal } from '../../src/apply/journal.js';
import { applyCommand } from '../../src/cli/apply.js';
import { confirmOnTerminal } from '../../src/cli/confirm.js';
import { memoryOutput } from '../../src/cli/output.js';
import type { Change } from '../../src/model/plan.js';
import { LOCAL_CAPABILITIES } from '../../src/providers/local/index.js';
import type { ApplyContext } from '../../src/providers/types.js';
import { tmpDir } from '../helpers/tmp.js';
import { have, plan, want } from '../plan/builders.js';
import { type Fault, FlakyProvider } from './flaky-provider.js';

/** Graceful stop: driven by counts (the n-th change sent), never by time. */
const invites = (n: number) => Array.from({ length: n }, (_, i) => want(`u${i}@x.io`, { roles: ['CSV'] }));

/** A provider that raises the stop when `key` is sent, as a Ctrl-C arriving while it is in flight. */
function stoppingProvider(key: string, stop: () => void, faults: Record<string, Fault> = {}, caps = {}) {
  const provider = new FlakyProvider({ seats: {}, members: [] }, faults, { ...LOCAL_CAPABILITIES, ...caps });
  const real = provider.apply.bind(provider);
  provider.apply = async function* (changes: readonly Change[], ctx: ApplyContext) {
    if (changes.some((c) => c.key === key)) stop();
    yield* real(changes, ctx);
  };
  return provider;
}

describe('a graceful stop in the executor', () => {
  it('serial: the change in flight finishes; no other starts; each is journaled once', async () => {
    const controller = new AbortController();
    const provider = stoppingProvider('u3@x.io', () => controller.abort('SIGINT'));
    const journal = memoryJournal();
    const results = await executeTargetPlan(plan({ desired: invites(10) }), provider, {
      runId: 'r',
      journal,
      stop: controller.signal,
    });
    expect(results.map((r) => r.status)).toEqual([
      ...Array(4).fill('succeeded'),
      ...Array(6).fill('skipped'),
    ]);
    expect(results.slice(4).every((r) => r.error === NOT_STARTED && r.attempts === 0)).toBe(true);
    expect(provider.applied.map((c) => c.key)).toEqual(['u0@x.io', 'u1@x.io', 'u2@x.io', 'u3@x.io']);
    expect(journal.entries.filter((e) => e.result === 'sent')).toHaveLength(4);
    for (let i = 0; i < 10; i++)
      expect(
        journal.entries.filter((e) => e.change.key === `u${i}@x.io` && e.result !== 'sent'),
        `u${i}`,
      ).toHaveLength(1);
  });

  it('concurrent: every change already sent finishes, none is sent after the stop', async () => {
    const controller = new AbortController();
    const provider = stoppingProvider('u5@x.io', () => controller.abort('SIGTERM'), {}, { concurrency: 4 });
    const journal = memoryJournal();
    const results = await executeTargetPlan(plan({ desired: invites(20) }), provider, {
      runId: 'r',
      journal,
      stop: controller.signal,
    });
    const sent = new Set(journal.entries.filter((e) => e.result === 'sent').map((e) => e.change.key));
    expect(sent.size).toBeGreaterThanOrEqual(6);
    expect(sent.size).toBeLessThan(20);
    for (const r of results)
      expect(r.status, r.change.key).toBe(sent.has(r.change.key) ? 'succeeded' : 'skipped');
    expect(provider.applied).toHaveLength(sent.size);
  });

  it('later phases start nothing', async () => {
    const controller = new AbortController();
    const provider = new FlakyProvider({ seats: {}, members: [have('old@x.io')] });
    const real = provider.apply.bind(provider);
    provider.apply = async function* (changes, ctx) {
      controller.abort('SIGINT'); // at the first change sent, whichever phase comes first
      yield* real(changes, ctx);
    };
    const p = plan({
      desired: [...invites(1), want('old@x.io', { state: 'removed' })],
      actual: [have('old@x.io')],
    });
    expect(new Set(p.changes.map((c) => c.phase)).size).toBe(2);
    const results = await executeTargetPlan(p, provider, {
      runId: 'r',
      journal: memoryJournal(),
      stop: controller.signal,
    });
    const first = Math.min(...p.changes.map((c) => c.phase));
    for (const r of results)
      expect(r.status, r.change.action).toBe(r.change.phase === first ? 'succeeded' : 'skipped');
  });

  it('a retry waiting for its turn is not made: the change fails, said so, without waiting out the delay', async () => {
    const controller = new AbortController();
    const provider = new FlakyProvider(
      { seats: {}, members: [] },
      { 'u0@x.io': { kind: 'transient', times: 5 } },
    );
    let sleeps = 0;
    // A wait that ends only when aborted; the stop comes while it waits.
    const sleep = (_ms: number, signal?: AbortSignal) =>
      new Promise<void>((_, reject) => {
        sleeps++;
        signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
        queueMicrotask(() => controller.abort('SIGINT'));
      });
    const results = await executeTargetPlan(plan({ desired: invites(2) }), provider, {
      runId: 'r',
      journal: memoryJournal(),
      stop: controller.signal,
      sleep,
    });
    expect(sleeps).toBe(1);
    expect(results[0]).toMatchObject({ status: 'failed', attempts: 1 });
    expect(results[0]?.error).toMatch(/not retried: the apply was interrupted$/);
    expect(results[1]).toMatchObject({ status: 'skipped', error: NOT_STARTED });
  });

  it('batch-only platforms: a batch not sent yet is not started', async () => {
    const controller = new AbortController();
    const provider = stoppingProvider(
      'u0@x.io',
      () => controller.abort('SIGINT'),
      {},
      { batchOnly: true, maxBatchSize: 2 },
    );
    const results = await executeTargetPlan(plan({ desired: invites(6) }), provider, {
      runId: 'r',
      journal: memoryJournal(),
      stop: controller.signal,
    });
    expect(results.map((r) => r.status)).toEqual(['succeeded', 'succeeded', ...Array(4).fill('skipped')]);
  });
});

describe('rollcall apply on SIGINT / SIGTERM', () => {
  const files = {
    'rollcall.yaml':
      'version: 1\ntargets:\n  - name: t\n    provider: local\n    members: [members.yaml]\n    connection: { state: state.json }\n',
    'members.yaml': `members:\n${Array.from({ length: 10 }, (_, i) => `  - email: u${i}@x.io\n`).join('')}`,
  };

  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)(
    '%s: finishes what is in flight, reports what was and was not done, exits %i',
    async (signal, exit) => {
      const dir = tmpDir(files);
      const provider = stoppingProvider('u2@x.io', () => process.emit(signal, signal));
      const io = memoryOutput();
      const before = process.listenerCount(signal);
      const code = await applyCommand(
        undefined,
        { config: path.join(dir, 'rollcall.yaml'), target: [], autoApprove: true },
        io,
        {
          createProvider: () => provider,
        },
      );
      expect(code).toBe(exit);
      expect(io.stderr).toContain(`${signal}: stopping: no new change is started, those in flight finish`);
      expect(io.stderr).toContain(
        'Interrupted: 3 changes done, 0 failed, 7 not started; run apply again to finish',
      );
      expect(io.stdout).toMatch(/invite\s+3\s+0\s+7\s+0/);
      expect(provider.applied).toHaveLength(3);
      expect(process.listenerCount(signal)).toBe(before); // handlers removed
    },
  );

  it('a second signal stops at once', () => {
    const said: string[] = [];
    const exits: number[] = [];
    const w = watchInterrupts(
      (l) => said.push(l),
      (c) => exits.push(c),
    );
    try {
      process.emit('SIGINT', 'SIGINT');
      expect(w.stop.aborted).toBe(true);
      expect(exits).toEqual([]);
      process.emit('SIGTERM', 'SIGTERM');
      expect(exits).toEqual([143]);
    } finally {
      w.dispose();
    }
  });
});

describe('Ctrl-C at the confirmation question', () => {
  const terminal = () => Object.assign(new PassThrough(), { isTTY: true });
  const sink = () => new PassThrough();

  it('Ctrl-C is a quiet "no"', async () => {
    const input = terminal();
    const answer = confirmOnTerminal('Apply? ', input, sink());
    input.write('ye\x03');
    expect(await answer).toBe(false);
  });

  it('the end of input is a "no"', async () => {
    const input = terminal();
    const answer = confirmOnTerminal('Apply? ', input, sink());
    input.end();
    expect(await answer).toBe(false);
  });

  it('"yes" goes ahead', async () => {
    const input = terminal();
    const answer = confirmOnTerminal('Apply? ', input, sink());
    input.write('yes\r');
    expect(await answer).toBe(true);
  });

  it('a signal from outside the terminal cancels the question', async () => {
    const controller = new AbortController();
    const answer = confirmOnTerminal('Apply? ', terminal(), sink(), controller.signal);
    controller.abort('SIGTERM');
    expect(await answer).toBe(false);
  });
});
