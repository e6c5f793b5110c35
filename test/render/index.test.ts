import { describe, expect, it } from 'vitest';
import { type PlanFormat, renderPlan } from '../../src/render/index.js';
import { renderJson } from '../../src/render/json.js';
import { renderMarkdown } from '../../src/render/markdown.js';
import { renderText } from '../../src/render/text.js';
import { everyActionPlan } from '../fixtures/plans/every-action.js';

describe('renderPlan', () => {
  const plan = everyActionPlan();

  it('dispatches to the renderer of the format, passing its options', () => {
    expect(renderPlan(plan, 'text')).toBe(renderText(plan));
    expect(renderPlan(plan, 'text', { color: true })).toBe(renderText(plan, { color: true }));
    expect(renderPlan(plan, 'markdown', { redact: 'emails', maxLength: 3_000 })).toBe(
      renderMarkdown(plan, { redact: 'emails', maxLength: 3_000 }),
    );
    expect(renderPlan(plan, 'json')).toBe(renderJson(plan));
  });

  it('refuses an unknown format, naming the known ones', () => {
    expect(() => renderPlan(plan, 'html' as PlanFormat)).toThrow(
      'unknown plan format "html"; known formats: text, markdown, json',
    );
  });

  it('is pure: rendering does not change the plan', () => {
    const before = structuredClone(plan);
    for (const format of ['text', 'markdown', 'json'] as const) renderPlan(plan, format, { color: true });
    expect(plan).toEqual(before);
  });
});
