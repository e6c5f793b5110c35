import { createHash, randomBytes } from 'node:crypto';
import { linkSync, readFileSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';

/**
 * An exclusive lock file between processes, with an atomic takeover of a lock whose process is gone.
 *
 * A lock file holds `<pid> <random id>`; it is created whole (written under a temporary name, then
 * `link`ed to the lock's name, which fails if the name exists), so no one ever reads half of it.
 *
 * Taking over a stale lock never deletes it (deleting by name could delete the lock another process has
 * just created in its place). Instead, the processes that saw one stale lock content race for a claim
 * on exactly that content: the file `<lock>.<hash of content>.takeover`, itself taken by this same
 * function (so a claim left by a killed process is taken over the same way). The claim's winner checks
 * that the lock still holds that content and renames its own file over it. A lock's content is never
 * seen twice (each holds a random id), so a slow process that saw an old content and gets its claim
 * late finds the lock changed and looks again.
 *
 * (`proper-lockfile` was considered: its staleness is an mtime older than a few seconds, kept fresh by a
 * timer, and its takeover removes the stale lock and creates a new one, the race described above; it
 * notices the loss only later, as a "compromised" lock.)
 */

export type TakeResult = { held: true; release: () => void } | { held: false; pid: number };

/** How many claims of claims deep a takeover goes (each level needs one more process killed in it). */
const MAX_DEPTH = 4;
const TRIES = 200;

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The pid a lock file names, or NaN (empty, damaged). */
export function lockPid(content: string): number {
  const m = /^(\d+)(?:\s|$)/.exec(content);
  return m ? Number.parseInt(m[1] as string, 10) : Number.NaN;
}

function read(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function isStale(pid: number): boolean {
  return !(Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid));
}

/**
 * Takes `lock`, or says which live process holds it. Throws if the lock could not be settled after many
 * tries (other processes taking it over and dying, over and over).
 */
export function takeLock(lock: string, depth = 0): TakeResult {
  for (let tries = 0; tries < TRIES; tries++) {
    const mine = `${process.pid} ${randomBytes(8).toString('hex')}\n`;
    const tmp = `${lock}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    writeFileSync(tmp, mine, { flag: 'wx' });
    try {
      try {
        linkSync(tmp, lock);
        return { held: true, release: releaser(lock, mine) };
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      }
      const seen = read(lock);
      if (seen === undefined) continue; // released meanwhile: try again
      const pid = lockPid(seen);
      if (!isStale(pid)) return { held: false, pid };
      if (depth >= MAX_DEPTH) break;
      const claim = takeLock(
        `${lock}.${createHash('sha256').update(seen).digest('hex').slice(0, 16)}.takeover`,
        depth + 1,
      );
      if (!claim.held) {
        pause(5); // another live process is taking this stale lock over: look again when it is done
        continue;
      }
      try {
        if (read(lock) === seen) {
          renameSync(tmp, lock);
          return { held: true, release: releaser(lock, mine) };
        }
      } finally {
        claim.release();
      }
    } finally {
      rmSync(tmp, { force: true });
    }
  }
  throw new Error(`could not take the lock ${lock}`);
}

/** Removes the lock if it is still ours (never another process's). Idempotent. */
function releaser(lock: string, mine: string): () => void {
  let released = false;
  return () => {
    if (released) return;
    released = true;
    try {
      if (read(lock) === mine) unlinkSync(lock);
    } catch {
      // already gone
    }
  };
}
