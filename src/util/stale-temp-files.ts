import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { alive, lockPid } from './lock-file.js';

/** A temporary file older than this is left over whatever its pid says (pids are reused in containers). */
const MAX_AGE_MS = 60 * 60 * 1000;

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Removes what killed processes left next to `file`: temporary files of atomic writes
 * (`.<name>.<pid>.<hex>.tmp`, src/util/atomic-write.ts) and of its lock (`<name>.lock.<pid>.<hex>.tmp`,
 * `<name>.lock.<hash>.takeover`, src/util/lock-file.ts). Only files whose process is gone, or that are
 * older than an hour. Call it holding `file`'s lock. Returns the names removed.
 */
export function removeStaleTempFiles(file: string, now: number = Date.now()): string[] {
  const dir = path.dirname(file);
  const base = escapeRegExp(path.basename(file));
  const temp = new RegExp(`^(?:\\.${base}|${base}\\.lock)\\.(\\d+)\\.[0-9a-f]+\\.tmp$`);
  const claim = new RegExp(`^${base}\\.lock\\.[0-9a-f]{16}\\.takeover$`);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const m = temp.exec(name);
    if (!m && !claim.test(name)) continue;
    const p = path.join(dir, name);
    try {
      const st = statSync(p);
      if (!st.isFile()) continue;
      const pid = m ? Number.parseInt(m[1] as string, 10) : lockPid(readFileSync(p, 'utf8'));
      const gone = !(Number.isInteger(pid) && pid > 0 && alive(pid));
      if (!gone && now - st.mtimeMs < MAX_AGE_MS) continue;
      if (pid === process.pid && !m) continue; // a claim this process holds right now
      rmSync(p, { force: true });
      removed.push(name);
    } catch {
      // gone meanwhile, or not ours to remove: left as it is
    }
  }
  return removed;
}
