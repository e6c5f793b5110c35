import type { ProgressSink } from '../apply/executor.js';
import type { ChangeResult } from '../providers/types.js';
import { plural } from '../util/plural.js';
import type { Output } from './output.js';

/**
 * Apply progress, on stderr: when stderr is a terminal one bar per phase, redrawn in place, with counts,
 * rate and time left (so `apply | tee log` keeps it); elsewhere plain lines (about every 10%), inside
 * `::group::` blocks when running under GitHub Actions. A rate and a time left are shown only once two
 * changes are done: one change says nothing about the next.
 */
export function createProgress(
  io: Output,
  env: Readonly<Record<string, string | undefined>> = process.env,
  now: () => number = Date.now,
): ProgressSink {
  const actions = env.GITHUB_ACTIONS === 'true';
  const live = (io.stderrIsTTY ?? io.isTTY) && !actions;
  let total = 0;
  let done = 0;
  let failed = 0;
  let started = 0;
  let label = '';
  let nextReport = 0;
  const perSecond = () => {
    const s = (now() - started) / 1000;
    return done > 1 && s > 0 ? done / s : undefined;
  };
  const rate = () => {
    const r = perSecond();
    return r === undefined ? '' : `${r.toFixed(1)}/s`;
  };
  const eta = () => {
    const r = perSecond();
    return r === undefined || done >= total ? '' : ` ${duration((total - done) / r)} left`;
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
      if (actions) io.err(`::group::${label} (${plural(count, 'change')})\n`);
      else if (!live) io.err(`${label}: ${plural(count, 'change')}\n`);
    },
    changeDone(r: ChangeResult) {
      done++;
      if (r.status === 'failed' || r.status === 'skipped') failed++; // deferred is not a failure
      if (live) {
        io.err(
          `\r${label} ${bar()} ${done}/${total}${failed ? ` (${failed} failed)` : ''} ${rate()}${eta()}   `,
        );
      } else if (done >= nextReport && done < total) {
        io.err(`${label}: ${done}/${total} done${failed ? `, ${failed} failed` : ''}\n`);
        nextReport += Math.max(1, Math.ceil(total / 10));
      }
    },
    phaseEnd() {
      const summary =
        `${label}: ${done}/${total} done${failed ? `, ${failed} failed` : ''} ${rate()}`.trimEnd();
      if (live) io.err(`\r${summary}${' '.repeat(30)}\n`);
      else io.err(`${summary}\n`);
      if (actions) io.err('::endgroup::\n');
    },
  };
}

/** Seconds as `45s`, `3m 05s`, `1h 02m`. */
export function duration(seconds: number): string {
  const s = Math.max(1, Math.round(seconds));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}
