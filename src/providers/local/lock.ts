import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { ProviderError } from '../../model/errors.js';
import { takeLock } from '../../util/lock-file.js';

/** State files this process holds the lock of: a second target on one of them would overwrite the first. */
const held = new Set<string>();

/**
 * Takes `<file>.lock` so that two applies cannot interleave on one state file. A lock left by a process
 * that is gone (killed) is taken over atomically (src/util/lock-file.ts). Returns the release.
 */
export function acquireLock(file: string, shown: string): () => void {
  const lock = `${file}.lock`;
  if (held.has(lock))
    throw new ProviderError(
      `${shown} is the state file of two targets of this run: each would overwrite what the other applied; give each target its own state file`,
    );
  mkdirSync(path.dirname(file), { recursive: true }); // a state file not written yet: its folder may not be either
  let taken: ReturnType<typeof takeLock>;
  try {
    taken = takeLock(lock);
  } catch {
    throw new ProviderError(`${shown}: could not take the lock ${lock}`);
  }
  if (!taken.held)
    throw new ProviderError(
      `${shown} is locked by another apply (process ${taken.pid}); wait for it to finish`,
    );
  held.add(lock);
  const release = taken.release;
  let released = false;
  return () => {
    if (released) return;
    released = true;
    held.delete(lock);
    release();
  };
}
