import type { Plan } from '../model/plan.js';
import { renderJson } from './json.js';
import { type MarkdownOptions, renderMarkdown } from './markdown.js';
import { renderText, type TextOptions } from './text.js';

export { closingLine, type PlanCounts, planCounts, targetCounts } from './counts.js';
export { escapeMarkdown } from './escape-markdown.js';
export { renderJson } from './json.js';
export { DEFAULT_MAX_LENGTH, type MarkdownOptions, renderMarkdown } from './markdown.js';
export { maskEmails } from './redact-emails.js';
export { renderText, type TextOptions } from './text.js';

export type PlanFormat = 'text' | 'markdown' | 'json';
export const PLAN_FORMATS: readonly PlanFormat[] = ['text', 'markdown', 'json'];

export type RenderOptions = TextOptions & MarkdownOptions;

/** A plan in one of the three formats. Pure: options come in as parameters, nothing is read or written. */
export function renderPlan(plan: Plan, format: PlanFormat, options: RenderOptions = {}): string {
  switch (format) {
    case 'text':
      return renderText(plan, { color: options.color });
    case 'markdown':
      return renderMarkdown(plan, options);
    case 'json':
      return renderJson(plan);
    default:
      throw new RangeError(
        `unknown plan format "${String(format)}"; known formats: ${PLAN_FORMATS.join(', ')}`,
      );
  }
}
