import { describe, expect, it } from 'vitest';
import { Plan } from '../../src/model/plan.js';
import { renderPlan } from '../../src/render/index.js';
import { everyActionPlan } from '../fixtures/plans/every-action.js';

/**
 * The three renderers on the plan with every action; review the files under __snapshots__/ when they
 * change. Markdown is stored as .md.snap: Biome 2.6 formats .md files and would realign the tables.
 */
describe('every-action plan snapshots', () => {
  const plan = everyActionPlan();

  it('is a valid plan (zod Plan schema)', () => {
    expect(Plan.parse(plan)).toEqual(plan);
  });

  it('text', async () => {
    await expect(renderPlan(plan, 'text')).toMatchFileSnapshot('./__snapshots__/every-action.txt');
  });

  it('text with color', async () => {
    const escaped = renderPlan(plan, 'text', { color: true }).replaceAll('\u001b', '<ESC>');
    await expect(escaped).toMatchFileSnapshot('./__snapshots__/every-action.color.txt');
  });

  it('markdown', async () => {
    await expect(renderPlan(plan, 'markdown')).toMatchFileSnapshot('./__snapshots__/every-action.md.snap');
  });

  it('markdown, e-mails redacted', async () => {
    await expect(renderPlan(plan, 'markdown', { redact: 'emails' })).toMatchFileSnapshot(
      './__snapshots__/every-action.redacted.md.snap',
    );
  });

  it('json', async () => {
    await expect(renderPlan(plan, 'json')).toMatchFileSnapshot('./__snapshots__/every-action.json');
  });
});
