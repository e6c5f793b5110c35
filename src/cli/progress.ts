import type { ProgressSink } from '../apply/executor.js';
import type { ChangeResult } from '../providers/types.js';
import type { Output } from './output.js';

/**
 * Apply progress: on a TTY one bar per phase, redrawn in place, with counts and rate; elsewhere plain
 * lines (about every 10%), inside `::group::` blocks when running under GitHub Actions.
 */
export function createProgress(
  io: Output,
  env: Readonly<Record<string, string | undefined>> = process.env,
  now: () => number = Date.now,
): ProgressSink {
  const actions = env.GITHUB_ACTIONS === 'true';
  let total = 0;
  let done = 0;
  let failed = 0;
  let started = 0;
  let label = '';
  let nextReport = 0;
  const rate = () => {
    const s = (now() - started) / 1000;
    return s > 0 ? `${(done / s).toFixed(1)}/s` : '';
  };
  const bar = () => {
    const width = 24;
    const filled = total ? Math.round((done / total) * width) : width;
    return `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
  };
  return {
    phaseStart(target, phase, phases, count) {
      total = count;
      done = 0;
      failed = 0;
      started = now();
      nextReport = Math.max(1, Math.ceil(count / 10));
      label = `${target}: phase ${phase}/${phases}`;
      if (actions) io.err(`::group::${label} (${count} changes)\n`);
      else if (!io.isTTY) io.err(`${label}: ${count} changes\n`);
    },
    changeDone(r: ChangeResult) {
      done++;
      if (r.status === 'failed' || r.status === 'skipped') failed++; // deferred is not a failure
      if (io.isTTY && !actions) {
        io.err(`\r${label} ${bar()} ${done}/${total}${failed ? ` (${failed} failed)` : ''} ${rate()}   `);
      } else if (done >= nextReport && done < total) {
        io.err(`${label}: ${done}/${total} done${failed ? `, ${failed} failed` : ''}\n`);
        nextReport += Math.max(1, Math.ceil(total / 10));
      }
    },
    phaseEnd() {
      const summary =
        `${label}: ${done}/${total} done${failed ? `, ${failed} failed` : ''} ${rate()}`.trimEnd();
      if (io.isTTY && !actions) io.err(`\r${summary}${' '.repeat(20)}\n`);
      else io.err(`${summary}\n`);
      if (actions) io.err('::endgroup::\n');
    },
  };
}
