/**
 * How many changes the local provider applies in memory between two writes of its state file.
 *
 * One write costs the whole state file, so writing after every change made an apply O(changes × members).
 * Writing once per batch of at least members/8 changes bounds the bytes written to about
 * 8 × (changes / members) + phases state files, linear in both; the floor keeps batches small enough that a
 * small apply still moves forward in steps (a run killed between two writes has saved the earlier ones).
 */
export const MIN_LOCAL_BATCH = 256;

export function localBatchSize(members: number): number {
  return Math.max(MIN_LOCAL_BATCH, Math.ceil(members / 8));
}
