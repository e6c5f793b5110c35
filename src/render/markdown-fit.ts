import { redact } from '../util/secrets.js';
import { truncate } from './escape-markdown.js';
import { append } from './lines.js';

/** Lines always shown: summary, warnings, counts, seat tables, target headings. */
export interface FixedBlock {
  kind: 'fixed';
  lines: string[];
}

/**
 * A list that may be trimmed: `head` lines (a `<details>` opening and a table header), one entry of
 * `items` per change or blocked item (an item may span several rows), then `tail` lines.
 */
export interface SectionBlock {
  kind: 'section';
  unit: 'change' | 'blocked';
  head: string[];
  items: string[][];
  tail: string[];
}

export type Block = FixedBlock | SectionBlock;

/** The closing notice, given what was left out. */
export type Notice = (omittedChanges: number, omittedBlocked: number) => string;

const cost = (lines: readonly string[]) => lines.reduce((n, l) => n + l.length + 1, 0);

/** The line a trimmed section ends its table with (after a blank line, which ends the table). */
export type MoreLine = (omitted: number, unit: SectionBlock['unit']) => string;

/**
 * Joins the blocks, and when the result is longer than `budget` characters, trims the largest
 * sections first: every section keeps its first items up to a common cap chosen so the total fits
 * (sections smaller than the cap stay whole), and the notice says how much was left out. If even the
 * fixed parts do not fit, sections are dropped and, last, the fixed lines are cut at a line boundary.
 */
export function fitToLength(
  blocks: readonly Block[],
  budget: number,
  notice: Notice,
  more: MoreLine,
): string {
  const sections = blocks.filter((b): b is SectionBlock => b.kind === 'section');
  // Measure before joining: a plan of a million changes should not be joined only to be trimmed.
  // `cost` counts a newline after every line, a few more than the text has (trailing blank lines).
  const slack = 16;
  let whole = 0;
  for (const b of blocks) {
    whole += b.kind === 'fixed' ? cost(b.lines) : cost(b.head) + cost(b.tail);
    if (b.kind === 'section') for (const item of b.items) whole += cost(item);
    if (whole > budget + slack) break;
  }
  if (whole <= budget + slack) {
    const full = render(
      blocks,
      sections.map((s) => s.items.length),
      more,
    );
    if (full.length <= budget) return full;
  }

  const total = { change: 0, blocked: 0 };
  for (const s of sections) total[s.unit] += s.items.length;
  const noticeCost = cost(['', notice(total.change, total.blocked)]);
  let fixed = noticeCost;
  for (const b of blocks) {
    fixed +=
      b.kind === 'fixed' ? cost(b.lines) : cost([...b.head, '', more(b.items.length, b.unit), ...b.tail]);
  }
  const room = budget - fixed;
  if (room >= 0) {
    const sizes = sections.map((s) => s.items.map(cost));
    const cap = waterLevel(
      sizes.map((list) => list.reduce((a, b) => a + b, 0)),
      room,
    );
    const kept = sizes.map((list) => {
      let used = 0;
      let n = 0;
      while (n < list.length && used + list[n]! <= cap) used += list[n++]!;
      return n;
    });
    const omitted = { change: 0, blocked: 0 };
    sections.forEach((s, i) => {
      omitted[s.unit] += s.items.length - kept[i]!;
    });
    const out = render(blocks, kept, more) + '\n' + notice(omitted.change, omitted.blocked) + '\n';
    if (out.length <= budget) return out;
  }
  return hardCut(blocks, budget, notice(total.change, total.blocked));
}

/** The largest cap L with Σ min(size, L) ≤ room. */
export function waterLevel(sizes: readonly number[], room: number): number {
  const sorted = [...sizes].sort((a, b) => a - b);
  let left = room;
  for (let i = 0; i < sorted.length; i++) {
    const share = left / (sorted.length - i);
    if (sorted[i]! > share) return Math.floor(share);
    left -= sorted[i]!;
  }
  return Number.POSITIVE_INFINITY;
}

function render(blocks: readonly Block[], kept: readonly number[], more: MoreLine): string {
  const lines: string[] = [];
  let i = 0;
  for (const b of blocks) {
    if (b.kind === 'fixed') {
      append(lines, b.lines);
      continue;
    }
    const n = kept[i++]!;
    lines.push(...b.head);
    for (let k = 0; k < n; k++) lines.push(...b.items[k]!);
    if (n < b.items.length) lines.push('', more(b.items.length - n, b.unit));
    lines.push(...b.tail);
  }
  return finish(lines);
}

/** Only the fixed lines, cut at a line boundary so that the notice still fits. */
function hardCut(blocks: readonly Block[], budget: number, noticeText: string): string {
  const room = budget - cost(['', noticeText]);
  const lines: string[] = [];
  let used = 0;
  for (const b of blocks) {
    if (b.kind !== 'fixed') continue;
    for (const line of b.lines) {
      if (used + line.length + 1 > room) return done();
      lines.push(line);
      used += line.length + 1;
    }
  }
  return done();

  function done(): string {
    const out = finish([...lines, '', noticeText]);
    return out.length <= budget ? out : truncate(redact(out), budget); // masked before the cut
  }
}

/** One newline after each line, no run of blank lines at the end. */
function finish(lines: readonly string[]): string {
  let end = lines.length;
  while (end > 0 && lines[end - 1] === '') end--;
  let out = '';
  for (let i = 0; i < end; i++) out += lines[i] + '\n';
  return out;
}
