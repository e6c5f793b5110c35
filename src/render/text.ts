import type { Blocked, Change, FieldValues, Plan, SeatRow, TargetPlan } from '../model/plan.js';
import { type Painter, painter, type Style } from './ansi.js';
import { costSummary } from './cost.js';
import {
  ACTION_SYMBOL,
  changesByPhase,
  closingLine,
  offboardCount,
  planCounts,
  seatShortfall,
} from './counts.js';
import { fieldNames } from './fields.js';
import { append, widest } from './lines.js';
import { formatValue, terminalSafe as safe } from './terminal-safe.js';

export interface TextOptions {
  /** ANSI colors: green `+`, yellow `~`, red `-`. Never any escape code when false (the default). */
  color?: boolean;
}

/** The widest action name ("pseudonymize"), so keys line up. */
const ACTION_WIDTH = 12;

const SYMBOL_STYLE: Record<'+' | '~' | '-', Style> = { '+': 'green', '~': 'yellow', '-': 'red' };

/** The plan as a terminal shows it, like `terraform plan`. Pure: no IO, no clock, no environment. */
export function renderText(plan: Plan, options: TextOptions = {}): string {
  const paint = painter(options.color === true);
  const lines: string[] = [];
  if (plan.targets.length === 0) return 'No changes. No target was selected.\n';
  const nothing = plan.targets.every((t) => t.changes.length === 0 && t.blocked.length === 0);
  if (nothing) {
    for (const t of plan.targets) lines.push(noChanges(t), ...noticeLines(t, paint));
    return lines.join('\n') + '\n';
  }
  for (const t of plan.targets) append(lines, targetLines(t, paint)).push('');
  lines.push(paint('bold', closingLine(planCounts(plan))));
  return lines.join('\n') + '\n';
}

function noChanges(t: TargetPlan): string {
  return `No changes. ${safe(t.name)} matches the desired state.`;
}

function targetLines(t: TargetPlan, paint: Painter): string[] {
  const lines = [paint('bold', `Target ${safe(t.name)} (${safe(t.provider)})`), ''];
  const cost = costSummary(t);
  if (cost) lines.push(`  Cost: ${safe(cost)}`, '');
  for (const [what, a] of [
    ['removals', t.approvedBy],
    ['cost increase', t.costApprovedBy],
  ] as const)
    if (a) lines.push(`  Approved ${what}: ${safe(`${a.file}:${a.line}`)} (${safe(a.reason)})`, '');
  if (t.held) lines.push(...heldLines(t, paint), '');
  if (t.notices?.length) lines.push(...noticeLines(t, paint), '');
  if (t.changes.length === 0) {
    lines.push(t.blocked.length === 0 ? `  ${noChanges(t)}` : '  No change can be applied.');
  } else {
    const phases = changesByPhase(t.changes);
    const multi = phases.length > 1;
    for (const [phase, changes] of phases) {
      if (multi) lines.push(`  ${paint('bold', `Phase ${phase}`)}`);
      for (const c of changes) lines.push(...changeLines(c, multi ? '    ' : '  ', paint));
    }
  }
  if (t.blocked.length > 0) {
    lines.push('', `  ${paint('bold', `Blocked (${t.blocked.length}):`)}`);
    for (const b of t.blocked) lines.push(blockedLine(b, paint));
  }
  if (t.seats.length > 0) append(lines, ['', ...seatLines(t.seats, paint)]);
  return lines;
}

/** Things to know that are not changes: a renamed login, an invitation sent again. */
function noticeLines(t: TargetPlan, paint: Painter): string[] {
  return (t.notices ?? []).map(
    (n) => `  ${paint('yellow', `note: ${safe(n.message ?? `${n.kind} ${n.key}`)}`)}`,
  );
}

function heldLines(t: TargetPlan, paint: Painter): string[] {
  const n = offboardCount(t);
  const reason = t.heldReason
    ? safe(t.heldReason)
    : `${n} removals exceed policy.maxRemovals; apply refuses this plan unless run with --allow-removals ${n}`;
  return [`  ${paint('yellow', `! Held: ${reason}`)}`];
}

function actionLabel(action: Change['action'], paint: Painter): string {
  const symbol = ACTION_SYMBOL[action] ?? '~';
  const label = `${symbol} ${action}`;
  return paint(SYMBOL_STYLE[symbol], label) + ' '.repeat(Math.max(1, ACTION_WIDTH + 3 - label.length));
}

function roleList(roles: readonly string[] | undefined): string {
  return roles && roles.length > 0 ? roles.map(safe).join(', ') : '(none)';
}

function changeLines(c: Change, indent: string, paint: Painter): string[] {
  let head = indent + actionLabel(c.action, paint) + safe(c.key);
  if (c.action === 'grant' || c.action === 'revoke' || (c.action === 'invite' && c.roles !== undefined)) {
    head += `  roles: ${roleList(c.roles)}`;
  }
  if (c.reason) head += paint('dim', `  # ${safe(c.reason)}`);
  const detail = indent + '      ';
  const lines = [head];
  if (c.action === 'update') {
    for (const f of fieldNames(c.before, c.after)) {
      lines.push(`${detail}${safe(f)}: ${formatValue(c.before?.[f])} → ${formatValue(c.after?.[f])}`);
    }
  } else if (c.after) {
    lines.push(...fieldLines(c.after, detail));
  }
  if (c.options) {
    const opts = Object.entries(c.options).filter(([, v]) => v !== undefined);
    if (opts.length > 0) {
      lines.push(
        `${detail}options: ${opts.map(([k, v]) => `${safe(k)}=${safe(typeof v === 'string' ? v : JSON.stringify(v))}`).join(', ')}`,
      );
    }
  }
  return lines;
}

function fieldLines(values: FieldValues, detail: string): string[] {
  return fieldNames(undefined, values).map((f) => `${detail}${safe(f)}: ${formatValue(values[f])}`);
}

function blockedLine(b: Blocked, paint: Painter): string {
  const roles = b.roles && b.roles.length > 0 ? ` (${roleList(b.roles)})` : '';
  const label = `! ${b.action}`;
  const pad = ' '.repeat(Math.max(1, ACTION_WIDTH + 3 - label.length));
  return `    ${paint('red', label)}${pad}${safe(b.key)}  ${paint('red', safe(b.reason))}${roles}: ${safe(b.message)}`;
}

function seatLines(seats: readonly SeatRow[], paint: Painter): string[] {
  const roles = seats.map((s) => safe(s.role));
  const w = (pick: (s: SeatRow) => number) => widest(seats.map((s) => String(pick(s))));
  const [wb, wa, wt] = [w((s) => s.before), w((s) => s.after), w((s) => s.total)];
  const wr = widest(roles);
  const lines = [`  ${paint('bold', 'Seats (used before → after / total):')}`];
  seats.forEach((s, i) => {
    const short = seatShortfall(s);
    const numbers = `${String(s.before).padStart(wb)} → ${String(s.after).padStart(wa)} / ${String(s.total).padStart(wt)}`;
    const flag = short > 0 ? '  ' + paint('red', `! short by ${short}`) : '';
    lines.push(`    ${roles[i]!.padEnd(wr)}  ${numbers}${flag}`);
  });
  return lines;
}
