import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../helpers/cli.js';

/**
 * Many processes race for one stale lock, trial after trial: exactly one wins each time, and the lock
 * file then names the winner. Counts outcomes; no timing decides anything.
 */
const RACERS = 8;
const TRIALS = 100;
const LOCK_MODULE = process.env.ROLLCALL_LOCK_MODULE ?? path.join(ROOT, 'lib/providers/local/lock.js');
const DEAD_PID = 2_147_483_000; // above any pid_max: never a live process

class Racer {
  readonly lines: string[] = [];
  private waiting: (() => void) | undefined;
  constructor(readonly child: ChildProcess) {
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (l) => {
      this.lines.push(l);
      this.waiting?.();
    });
  }
  /** The next line this racer prints. */
  async next(): Promise<string> {
    while (this.lines.length === 0) await new Promise<void>((r) => (this.waiting = r));
    return this.lines.shift() as string;
  }
  send(line: string): void {
    this.child.stdin?.write(`${line}\n`);
  }
}

describe('state lock under a race', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'rollcall-lock-race-'));
  const file = path.join(dir, 'state.json');
  const racers: Racer[] = [];
  afterAll(() => {
    for (const r of racers) r.child.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  it(`${RACERS} processes, ${TRIALS} stale locks: exactly one winner each time`, async () => {
    for (let i = 0; i < RACERS; i++) {
      const child = spawn(
        process.execPath,
        [path.join(import.meta.dirname, 'lock-racer.mjs'), LOCK_MODULE, file],
        {
          stdio: ['pipe', 'pipe', 'inherit'],
        },
      );
      racers.push(new Racer(child));
    }
    for (const r of racers) expect(await r.next()).toBe('ready');
    // Stale locks as killed applies leave them: a dead pid (old and new formats), or empty (killed mid-write).
    const stale = [`${DEAD_PID}\n`, `${DEAD_PID} 0123456789abcdef\n`, '', `${DEAD_PID} fedcba9876543210\n`];
    const winners: number[] = [];
    for (let trial = 0; trial < TRIALS; trial++) {
      const content = stale[trial % stale.length] as string;
      writeFileSync(`${file}.lock`, content);
      if (trial % stale.length === 3) {
        // A process killed while taking this stale lock over left its claim: that is taken over too.
        const hash = createHash('sha256').update(content).digest('hex').slice(0, 16);
        writeFileSync(`${file}.lock.${hash}.takeover`, `${DEAD_PID} 00\n`);
      }
      for (const r of racers) r.send('go');
      const results = await Promise.all(racers.map((r) => r.next()));
      const won = results.flatMap((line, i) => (line === 'won' ? [i] : []));
      winners.push(won.length);
      for (const line of results)
        if (line !== 'won')
          expect(line).toMatch(/^lost state\.json is locked by another apply \(process \d+\)/);
      if (won.length === 1) {
        const holder = racers[won[0] as number]?.child.pid;
        expect(readFileSync(`${file}.lock`, 'utf8')).toMatch(new RegExp(`^${holder}\\b`));
        for (const line of results) if (line !== 'won') expect(line).toContain(`(process ${holder})`);
      }
      for (const r of racers) r.send('release');
      for (const r of racers) expect(await r.next()).toBe('released');
      expect(existsSync(`${file}.lock`)).toBe(false);
    }
    expect(winners).toEqual(Array(TRIALS).fill(1));
    // Nothing left behind: no claims, no temporary files.
    expect(readdirSync(dir)).toEqual([]);
  });
});
