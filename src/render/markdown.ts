import type { Plan, TargetPlan } from '../model/plan.js';
import { costLines } from './cost.js';
import { closingLine, formatCount, planCounts, plural } from './counts.js';
import { type Block, fitToLength } from './markdown-fit.js';
import { type Inline, inline, type Redaction } from './markdown-inline.js';
import { peopleLines } from './markdown-people.js';
import { targetSections } from './markdown-sections.js';
import { countsTable, noticeLines, seatTable, warningLines } from './markdown-summary.js';

export interface MarkdownOptions {
  /** `emails`: every e-mail address is masked (`a•••@acme.com`). Default `none`. */
  redact?: Redaction;
  /** The output is always shorter than this many characters. Default 65,000 (GitHub allows 65,536). */
  maxLength?: number;
  /** Where the untrimmed plan is, as trusted Markdown (e.g. a link to the job summary). */
  fullPlanPointer?: string;
}

export const DEFAULT_MAX_LENGTH = 65_000;

/**
 * The plan as a pull-request comment: summary line, warnings (held, blocked, short of licenses),
 * counts per target, seat tables, then the blocked list and one collapsed section per action.
 * Every string from the plan is escaped (see escape-markdown.ts); the result fits in `maxLength`.
 */
export function renderMarkdown(plan: Plan, options: MarkdownOptions = {}): string {
  const md = inline(options.redact ?? 'none');
  const maxLength = options.maxLength ?? DEFAULT_MAX_LENGTH;
  const pointer = options.fullPlanPointer ?? 'the job summary';
  const blocks: Block[] = [{ kind: 'fixed', lines: ['### rollcall plan', ''] }];
  const costs = costLines(plan).map((c) => `**${md.text(c.target)}: ${md.text(c.text)}**`);
  if (costs.length > 0) blocks.push({ kind: 'fixed', lines: [...costs, ''] });

  if (plan.targets.every((t) => t.changes.length === 0 && t.blocked.length === 0)) {
    const lines = plan.targets.map((t) => `**No changes.** ${md.text(t.name)} matches the desired state.`);
    const notes = noticeLines(plan, md);
    if (notes.length > 0) lines.push('', ...notes);
    blocks.push({
      kind: 'fixed',
      lines: lines.length > 0 ? lines : ['**No changes.** No target was selected.'],
    });
  } else {
    blocks.push({
      kind: 'fixed',
      lines: [
        `**${closingLine(planCounts(plan), formatCount)}**`,
        '',
        ...warningLines(plan, md),
        ...peopleLines(plan, md),
        ...countsTable(plan, md),
      ],
    });
    for (const t of plan.targets) blocks.push(...targetBlocks(t, md));
  }

  return fitToLength(
    blocks,
    maxLength - 1,
    (changes, blocked) => notice(changes, blocked, pointer),
    moreLine,
  );
}

/** `… 19,400 more changes not shown; the full plan is in the job summary.` */
export function notice(changes: number, blocked: number, pointer: string): string {
  const parts: string[] = [];
  if (changes > 0) parts.push(plural(changes, 'more change'));
  if (blocked > 0) parts.push(plural(blocked, 'more blocked item'));
  const what = parts.length > 0 ? `${parts.join(' and ')} not shown` : 'the rest of this plan is not shown';
  return `… ${what}; the full plan is in ${pointer}.`;
}

function moreLine(omitted: number): string {
  return `_… and ${formatCount(omitted)} more._`;
}

function targetBlocks(t: TargetPlan, md: Inline): Block[] {
  const head = [`#### ${md.text(t.name)} (${md.text(t.provider)})`, ''];
  if (t.changes.length === 0 && t.blocked.length === 0) {
    head.push(`**No changes.** ${md.text(t.name)} matches the desired state.`, '');
  }
  return [{ kind: 'fixed', lines: [...head, ...seatTable(t, md)] }, ...targetSections(t, md)];
}
