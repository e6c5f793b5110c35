import path from 'node:path';
import type { Plan } from '../model/plan.js';
import { renderMarkdown } from '../render/index.js';
import type { Redaction } from '../render/markdown-inline.js';
import { redact } from '../util/secrets.js';

/** GitHub refuses an issue comment of 65,536 characters or more. */
export const COMMENT_LIMIT = 65_536;
/** Kept free below the limit, so that a different way of counting characters cannot push us over. */
const MARGIN = 512;

/**
 * The hidden first line that identifies this Action's comment for one config and target selection,
 * so that several rollcall steps on one pull request each keep their own comment. Names are
 * URI-encoded: nothing in them can end the HTML comment.
 */
export function commentMarker(config: string, targets: readonly string[], cwd = process.cwd()): string {
  const rel = path.relative(cwd, path.resolve(cwd, config)).split(path.sep).join('/');
  const selected = targets.length > 0 ? [...new Set(targets)].sort().map(encodeURIComponent).join(',') : '*';
  return `<!-- rollcall-plan config=${encodeURIComponent(rel)} targets=${selected} -->`;
}

export interface CommentContext {
  marker: string;
  redact: Redaction;
  /** The commit the plan was made for, shown short in the footer. */
  sha: string;
  commitUrl: string;
  runUrl: string;
}

/** Marker, the plan (trimmed to fit, pointing at the job summary for the rest), and a footer. */
export function commentBody(plan: Plan, ctx: CommentContext): string {
  const footer = [
    '',
    '---',
    `<sub>rollcall plan for commit [\`${ctx.sha.slice(0, 7)}\`](${ctx.commitUrl}) · [workflow run and job summary](${ctx.runUrl})</sub>`,
    '',
  ].join('\n');
  const head = `${ctx.marker}\n`;
  const markdown = renderMarkdown(plan, {
    redact: ctx.redact,
    maxLength: COMMENT_LIMIT - MARGIN - head.length - footer.length,
    fullPlanPointer: `the [job summary](${ctx.runUrl})`,
  });
  return redact(head + markdown + footer);
}

/** Whether the plan has nothing to show: no change and nothing blocked, on every target. */
export function isEmptyPlan(plan: Plan): boolean {
  return plan.targets.every((t) => t.changes.length === 0 && t.blocked.length === 0);
}
