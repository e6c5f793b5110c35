import type { Plan, TargetPlan } from '../model/plan.js';
import { formatCount, offboardCount, plural, seatShortfall, targetCounts } from './counts.js';
import { append } from './lines.js';
import { type Inline, MAX_SENTENCE } from './markdown-inline.js';
import { seatBar } from './seat-bar.js';

const row = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;

/** Held targets, blocked changes and seat shortfalls, as GitHub alerts; empty when all is well. */
export function warningLines(plan: Plan, md: Inline): string[] {
  const lines: string[] = [];
  const held = plan.targets.filter((t) => t.held);
  if (held.length > 0) {
    lines.push(
      '> [!WARNING]',
      '> **Held by policy.** `rollcall apply` refuses these targets unless run with `--allow-removals N`, N at least their number of removals:',
    );
    for (const t of held) {
      const why = t.heldReason
        ? md.text(t.heldReason, MAX_SENTENCE)
        : `${plural(offboardCount(t), 'removal')} over \`maxRemovals\``;
      lines.push(`> - **${md.text(t.name)}**: ${why}`);
    }
    lines.push('');
  }
  lines.push(...noticeLines(plan, md));
  const paragraphs: string[] = [];
  const byReason = new Map<string, number>();
  for (const t of plan.targets)
    for (const b of t.blocked) byReason.set(b.reason, (byReason.get(b.reason) ?? 0) + 1);
  if (byReason.size > 0) {
    const blocked = [...byReason.values()].reduce((a, b) => a + b, 0);
    const reasons = [...byReason].map(([r, n]) => `${formatCount(n)} ${md.text(r)}`).join(', ');
    const verb = blocked === 1 ? 'change is' : 'changes are';
    paragraphs.push(`> **${formatCount(blocked)} ${verb} blocked** and will not be applied: ${reasons}.`);
  }
  for (const t of plan.targets) {
    for (const s of t.seats) {
      const n = seatShortfall(s);
      if (n === 0) continue;
      paragraphs.push(
        `> **Not enough licenses:** ${md.text(s.role)} on ${md.text(t.name)} needs ${formatCount(s.after)} of ${formatCount(s.total)} (${formatCount(n)} short).`,
      );
    }
  }
  if (paragraphs.length > 0) {
    lines.push('> [!CAUTION]');
    append(
      lines,
      paragraphs.flatMap((p, i) => (i === 0 ? [p] : ['>', p])),
    ).push('');
  }
  return lines;
}

/** Things to know that are not changes (a renamed GitHub login, an invitation sent again), as a note. */
export function noticeLines(plan: Plan, md: Inline): string[] {
  const notes = plan.targets.flatMap((t) =>
    (t.notices ?? []).map(
      (n) => `> - **${md.text(t.name)}**: ${md.text(n.message ?? `${n.kind} ${n.key}`, MAX_SENTENCE)}`,
    ),
  );
  return notes.length > 0 ? ['> [!NOTE]', ...notes, ''] : [];
}

/** One row per target: what it would do. */
export function countsTable(plan: Plan, md: Inline): string[] {
  const lines = [
    row(['target', 'provider', 'invite', 'change', 'offboard', 'blocked', 'status']),
    row([':--', ':--', '--:', '--:', '--:', '--:', ':--']),
  ];
  for (const t of plan.targets) {
    const c = targetCounts(t);
    lines.push(
      row([
        md.text(t.name),
        md.text(t.provider),
        formatCount(c.invite),
        formatCount(c.change),
        formatCount(c.offboard),
        formatCount(c.blocked),
        status(t),
      ]),
    );
  }
  lines.push('');
  return lines;
}

function status(t: TargetPlan): string {
  const words: string[] = [];
  if (t.held) words.push('⚠️ held');
  if (t.seats.some((s) => seatShortfall(s) > 0)) words.push('⚠️ short of licenses');
  if (t.changes.length === 0 && t.blocked.length === 0) words.push('✅ no changes');
  return words.join(', ');
}

/** Seats used before → after, as bars scaled to the pool's total, with the numbers. */
export function seatTable(t: TargetPlan, md: Inline): string[] {
  if (t.seats.length === 0) return [];
  const lines = [row(['role', 'before → after', 'used / total', '']), row([':--', ':--', '--:', ':--'])];
  for (const s of t.seats) {
    const n = seatShortfall(s);
    lines.push(
      row([
        md.text(s.role),
        `${seatBar(s.before, s.total)} → ${seatBar(s.after, s.total)}`,
        `${formatCount(s.before)} → ${formatCount(s.after)} / ${formatCount(s.total)}`,
        n > 0 ? `⚠️ **${formatCount(n)} short**` : '',
      ]),
    );
  }
  lines.push('');
  return lines;
}
