import { describe, expect, it } from 'vitest';
import { forEachLimited, Semaphore } from '../../src/util/pool.js';

/** A promise resolved from outside, to hold work open while counting what runs. */
function gate(): { wait: Promise<void>; open: () => void } {
  let open!: () => void;
  const wait = new Promise<void>((r) => {
    open = r;
  });
  return { wait, open };
}

describe('forEachLimited: the one worker pool', () => {
  it('never runs more than the limit at once, and runs every item once with its index', async () => {
    const items = Array.from({ length: 23 }, (_, i) => i);
    let running = 0;
    let most = 0;
    const seen: [number, number][] = [];
    await forEachLimited(items, 4, async (item, i) => {
      running++;
      most = Math.max(most, running);
      await Promise.resolve();
      await Promise.resolve();
      seen.push([item, i]);
      running--;
    });
    expect(most).toBe(4);
    expect(seen.map(([item]) => item).sort((a, b) => a - b)).toEqual(items);
    expect(seen.every(([item, i]) => item === i)).toBe(true);
  });

  it('runs one worker for a limit under 1, and nothing for no items', async () => {
    let calls = 0;
    await forEachLimited([], 8, async () => {
      calls++;
    });
    expect(calls).toBe(0);
    const order: number[] = [];
    await forEachLimited([1, 2, 3], 0, async (x) => {
      order.push(x);
    });
    expect(order).toEqual([1, 2, 3]);
  });
});

describe('Semaphore', () => {
  it('lets `limit` holders in and the others in order as each releases', async () => {
    const s = new Semaphore(2);
    const entered: number[] = [];
    const gates = [gate(), gate(), gate(), gate()];
    const holders = gates.map(async (g, i) => {
      await s.acquire();
      entered.push(i);
      await g.wait;
      s.release();
    });
    await Promise.resolve();
    await Promise.resolve();
    expect(entered).toEqual([0, 1]);
    gates[1]!.open();
    await new Promise((r) => setImmediate(r));
    expect(entered).toEqual([0, 1, 2]);
    gates[0]!.open();
    await new Promise((r) => setImmediate(r));
    expect(entered).toEqual([0, 1, 2, 3]);
    gates[2]!.open();
    gates[3]!.open();
    await Promise.all(holders);
  });
});
