import { type ApplyReport, notConverged, type TargetReport } from '../apply/report.js';
import { CHANGE_ACTIONS } from '../model/plan.js';
import { formatCount, plural } from '../render/counts.js';
import { inline, MAX_SENTENCE, type Redaction } from '../render/markdown-inline.js';

const SHOWN = 50;
const row = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;

/**
 * The apply report for the job summary, like the platforms' own "Import Completed" dialog: per target,
 * succeeded / failed / skipped / blocked per action, the failures, and whether it converged.
 */
export function reportMarkdown(report: ApplyReport, redaction: Redaction): string {
  const md = inline(redaction);
  const lines = [
    '### rollcall apply',
    '',
    `Run \`${report.runId}\`; every change is in the audit journal.`,
    '',
  ];
  for (const t of report.targets) lines.push(...targetLines(t, md));
  return `${lines.join('\n')}\n`;
}

function targetLines(t: TargetReport, md: ReturnType<typeof inline>): string[] {
  const state = t.converged
    ? '✅ converged: matches the desired state'
    : `⚠️ not converged: ${notConverged(t)}`;
  const lines = [`#### ${md.text(t.name)}`, '', state, ''];
  lines.push(
    row(['action', 'succeeded', 'failed', 'skipped', 'deferred', 'blocked']),
    row([':--', '--:', '--:', '--:', '--:', '--:']),
  );
  for (const a of CHANGE_ACTIONS) {
    const c = t.counts[a];
    if (c.succeeded + c.failed + c.skipped + c.deferred + c.blocked === 0) continue;
    lines.push(
      row(
        [a, c.succeeded, c.failed, c.skipped, c.deferred, c.blocked].map((v) =>
          typeof v === 'number' ? formatCount(v) : v,
        ),
      ),
    );
  }
  lines.push('');
  if (t.retries > 0) lines.push(`${plural(t.retries, 'retry', 'retries')} after transient failures.`, '');
  if (t.readRetries)
    lines.push(`${plural(t.readRetries, 'read retry', 'read retries')} after transient failures.`, '');
  if (t.failures.length > 0) {
    lines.push(`<details open><summary>Failed or skipped (${formatCount(t.failures.length)})</summary>`, '');
    lines.push(row(['action', 'key', 'error', 'attempts']), row(['---', '---', '---', '--:']));
    for (const f of t.failures.slice(0, SHOWN))
      lines.push(
        row([f.change.action, md.text(f.change.key), md.text(f.error, MAX_SENTENCE), String(f.attempts)]),
      );
    if (t.failures.length > SHOWN)
      lines.push('', `_… and ${formatCount(t.failures.length - SHOWN)} more in the journal._`);
    lines.push('', '</details>', '');
  }
  if (!t.converged && t.remaining.length > 0) {
    lines.push(`<details><summary>Still differs (${formatCount(t.remaining.length)})</summary>`, '');
    for (const c of t.remaining.slice(0, SHOWN))
      lines.push(`- ${c.action} ${md.text(c.key)}${c.roles?.length ? ` (${md.list(c.roles)})` : ''}`);
    if (t.remaining.length > SHOWN)
      lines.push(`- _… and ${formatCount(t.remaining.length - SHOWN)} more (run plan)._`);
    lines.push('', '</details>', '');
  }
  const blocked = t.stillBlocked ?? [];
  if (!t.converged && blocked.length > 0) {
    lines.push(`<details><summary>Blocked (${formatCount(blocked.length)})</summary>`, '');
    for (const b of blocked.slice(0, SHOWN))
      lines.push(`- ${b.action} ${md.text(b.key)}: ${md.text(b.message, MAX_SENTENCE)}`);
    if (blocked.length > SHOWN)
      lines.push(`- _… and ${formatCount(blocked.length - SHOWN)} more (run plan)._`);
    lines.push('', '</details>', '');
  }
  return lines;
}
