import { mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ProviderError } from '../../model/errors.js';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes `<file>.lock` (created exclusively, holding our pid) so that two applies cannot interleave on
 * one state file. A lock left by a process that is gone (killed) is taken over. Returns the release.
 */
/** State files this process holds the lock of: a second target on one of them would overwrite the first. */
const held = new Set<string>();

export function acquireLock(file: string, shown: string): () => void {
  const lock = `${file}.lock`;
  if (held.has(lock))
    throw new ProviderError(
      `${shown} is the state file of two targets of this run: each would overwrite what the other applied; give each target its own state file`,
    );
  mkdirSync(path.dirname(file), { recursive: true }); // a state file not written yet: its folder may not be either
  for (let tries = 0; tries < 3; tries++) {
    try {
      writeFileSync(lock, `${process.pid}\n`, { flag: 'wx' });
      held.add(lock);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        held.delete(lock);
        try {
          unlinkSync(lock);
        } catch {
          // already gone
        }
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const pid = Number.parseInt(readFileSafe(lock), 10);
      if (Number.isInteger(pid) && pid > 0 && alive(pid) && pid !== process.pid)
        throw new ProviderError(
          `${shown} is locked by another apply (process ${pid}); wait for it to finish`,
        );
      try {
        unlinkSync(lock); // stale: its process is gone
      } catch {
        // someone else took it over first; try again
      }
    }
  }
  throw new ProviderError(`${shown}: could not take the lock ${lock}`);
}

function readFileSafe(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}
