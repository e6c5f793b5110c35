import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../src/render/markdown.js';
import { plan, targetPlan } from '../fixtures/plans/build.js';
import { EVERY_ACTION_CLOSING_LINE, everyActionPlan, HOSTILE } from '../fixtures/plans/every-action.js';
import { largePlan } from '../fixtures/plans/large.js';
import { cellSeparators, tables, visible } from './markdown-helpers.js';

const ZWJ = '\u200d';
const md = renderMarkdown(everyActionPlan());

describe('renderMarkdown: structure', () => {
  it('starts with the summary line, then warnings, then the counts table', () => {
    const summary = md.indexOf(`**${EVERY_ACTION_CLOSING_LINE}**`);
    const held = md.indexOf('> [!WARNING]');
    const caution = md.indexOf('> [!CAUTION]');
    const counts = md.indexOf('| target | provider | invite | change | offboard | blocked | status |');
    const firstSection = md.indexOf('<details');
    expect(summary).toBeGreaterThan(0);
    expect([summary, held, caution, counts, firstSection]).toEqual(
      [summary, held, caution, counts, firstSection].sort((a, b) => a - b),
    );
  });

  it('counts each target', () => {
    expect(md).toContain('| acme-3dx | local | 2 | 5 | 5 | 4 | ⚠️ held, ⚠️ short of licenses |');
    expect(md).toContain('| acme-github | github | 1 | 1 | 0 | 2 |  |');
    expect(md).toContain('| acme-scim | scim | 0 | 0 | 0 | 0 | ✅ no changes |');
  });

  it('warns of held targets, blocked changes by reason, and missing licenses', () => {
    expect(md).toContain('> - **acme-3dx**: 5 removals exceed policy.maxRemovals');
    expect(md).toContain(
      '> **6 changes are blocked** and will not be applied: 1 license-locked, 1 no-seats, 1 protected, 1 min-admins, 1 unsupported, 1 quota.',
    );
    expect(md).toContain('> **Not enough licenses:** XEN on acme-3dx needs 52 of 50 (2 short).');
  });

  it('draws seat usage as bars scaled to the total, with the numbers', () => {
    expect(md).toContain('| CSV | ▰▰▰▰▱▱▱▱▱▱ → ▰▰▰▰▱▱▱▱▱▱ | 81 → 83 / 200 |  |');
    expect(md).toContain('| XEN | ▰▰▰▰▰▰▰▰▰▱ → ▰▰▰▰▰▰▰▰▰▰ | 48 → 52 / 50 | ⚠️ **2 short** |');
    expect(md).toContain('| RAP-ABCD1234 | ▰▰▰▰▰▰▰▰▰▰ → ▰▰▰▰▰▰▰▰▱▱ | 5 → 4 / 5 |  |');
  });

  it('puts the blocked list first and open, each action in a collapsed section', () => {
    const summaries = [...md.matchAll(/<details( open)?><summary>(.*?)<\/summary>/g)].map(
      (m) => `${m[1] ?? ''}${m[2]}`,
    );
    expect(summaries.slice(0, 8)).toEqual([
      ' open⛔ Blocked (4)',
      '+ Invite (2)',
      '~ Update (1)',
      '~ Grant (2)',
      '~ Revoke (2)',
      '- Remove (2)',
      '- Pseudonymize (2)',
      '- Delete (1)',
    ]);
    expect(md.match(/<details/g)?.length).toBe(md.match(/<\/details>/g)?.length);
  });

  it('has a phase column only for a target with several phases', () => {
    expect(md).toContain('| phase | key | roles | fields |');
    expect(md).toContain('| key | roles | fields |\n');
    expect(md).toContain('| 1234567 | admin | false | true |');
  });

  it('renders a plan without changes as "No changes" per target', () => {
    const out = renderMarkdown(plan([targetPlan('acme-3dx', 'local'), targetPlan('acme-scim', 'scim')]));
    expect(out).toContain('**No changes.** acme-3dx matches the desired state.');
    expect(out).toContain('**No changes.** acme-scim matches the desired state.');
    expect(out).not.toContain('<details');
  });
});

describe('renderMarkdown: escaping of input', () => {
  it('leaves no HTML from input', () => {
    expect(md).not.toContain('<script');
    expect(md).not.toContain('<b>');
    expect(md).not.toMatch(/<(?!\/?details|\/?summary)/);
    expect(md).toContain('firstName: &lt;script&gt;alert\\(1\\)&lt;/script&gt;');
    expect(md).toContain('&amp; &lt;b&gt;this&lt;/b&gt;');
  });

  it('neutralizes @-mentions and e-mail autolinks with a zero-width joiner after every @', () => {
    expect(md).not.toMatch(/@(?!\u200d)/);
    expect(md).toContain(`lastName: @${ZWJ}everyone`);
    expect(md).toContain(`@${ZWJ}channel`);
    expect(md).toContain(`| eve@${ZWJ}acme.com |`);
  });

  it('breaks links, autolinks and issue references', () => {
    expect(md).not.toMatch(/https?:\/\//);
    expect(md).not.toMatch(/www\./i);
    expect(md).not.toContain('](');
    expect(md).not.toMatch(/#\d/);
    expect(md).toContain(`\\[x\\]\\(http:${ZWJ}//evil.example/x\\)`);
    expect(md).toContain(`www${ZWJ}.evil.example`);
    expect(md).toContain(`team \\#${ZWJ}42`);
  });

  it('escapes emphasis', () => {
    expect(md).not.toMatch(/(?<!\\)\*\*bold/);
    expect(md).toContain('\\*\\*bold\\*\\*');
  });

  it('keeps every table row to its header’s number of cells', () => {
    const all = tables(md);
    expect(all.length).toBeGreaterThanOrEqual(10);
    for (const t of all) {
      const columns = cellSeparators(t[0]!);
      for (const line of t) expect(cellSeparators(line), line).toBe(columns);
    }
    expect(md).toContain('O\\|Brien');
    expect(md).toContain('| mallory\\|x@');
  });

  it('keeps newlines out of cells and drops control characters', () => {
    expect(md).toContain('\\*\\*bold\\*\\*↵second line');
    expect(md).toContain('would remain↵\\[31mred\\[0m');
    expect(md).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f]/);
  });

  it('still shows the hostile strings to the reader', () => {
    const seen = visible(md);
    expect(seen).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(seen).toContain(HOSTILE.everyone);
    expect(seen).toContain(HOSTILE.link);
    expect(seen).toContain(HOSTILE.pipe);
    expect(seen).toContain(HOSTILE.bold);
  });
});

describe('renderMarkdown: redaction', () => {
  const addresses = [...new Set(JSON.stringify(everyActionPlan()).match(/[\w.|+-]+@[\w-]+(\.[\w-]+)+/g))];

  it('masks every e-mail address, in keys and in sentences, keeping the domain', () => {
    expect(addresses.length).toBeGreaterThanOrEqual(14);
    const out = renderMarkdown(everyActionPlan(), { redact: 'emails' });
    const seen = visible(out);
    for (const address of addresses) expect(seen).not.toContain(address);
    expect(seen).not.toMatch(/[\p{L}\p{N}_]@/u);
    expect(seen).toContain('| a•••@acme.com |');
    expect(seen).toContain('o•••@acme.com is protected');
    expect(seen).toContain('m•••@evil.example');
    expect(seen).toContain('@everyone');
  });

  it('leaves addresses alone without redaction', () => {
    const seen = visible(md);
    for (const address of addresses) expect(seen).toContain(address);
  });
});

describe('renderMarkdown: length limit', () => {
  const big = largePlan(20_000, { blocked: 300 });

  it('keeps a plan with 20,000 changes under 65,000 characters and says what was left out', () => {
    const out = renderMarkdown(big, { fullPlanPointer: 'the [job summary](https://example.test/run/1)' });
    expect(out.length).toBeLessThan(65_000);
    const notice = out.match(
      /… ([\d,]+) more changes and ([\d,]+) more blocked items not shown; the full plan is in (.*)\.\n$/,
    );
    expect(notice).not.toBeNull();
    expect(notice![3]).toBe('the [job summary](https://example.test/run/1)');
    const shownChanges = (out.match(/^\| \d \| user\d+@/gm) ?? []).length;
    expect(Number(notice![1]!.replace(/,/g, ''))).toBe(20_000 - shownChanges);
    const shownBlocked = (out.match(/^\| grant \| blocked\d+@/gm) ?? []).length;
    expect(Number(notice![2]!.replace(/,/g, ''))).toBe(300 - shownBlocked);
    expect(shownChanges).toBeGreaterThan(100);
  });

  it('keeps the summary, warnings, counts and seat table when trimming', () => {
    const out = renderMarkdown(big);
    expect(out).toContain('**Plan: 2,858 to invite, 8,571 to change, 8,571 to offboard, 300 blocked.**');
    expect(out).toContain('> [!CAUTION]');
    expect(out).toContain('| acme-big | local | 2,858 | 8,571 | 8,571 | 300 | ⚠️ short of licenses |');
    expect(out).toContain('| XEN | ▰▰▰▰▰▰▰▰▰▱ → ▰▰▰▰▰▰▰▰▰▰ | 48 → 350 / 50 | ⚠️ **300 short** |');
    expect(out).toMatch(/the full plan is in the job summary\.\n$/);
    expect(out.match(/<details/g)?.length).toBe(out.match(/<\/details>/g)?.length);
    for (const t of tables(out))
      for (const line of t) expect(cellSeparators(line)).toBe(cellSeparators(t[0]!));
  });

  it('trims the largest sections first: small sections stay whole', () => {
    const lopsided = largePlan(20_000, { mix: (i) => (i < 19_990 ? 'invite' : 'delete') });
    const out = renderMarkdown(lopsided);
    expect(out.length).toBeLessThan(65_000);
    expect((out.match(/^\| \d \| user\d+@\u200dacme\.com \| not in desired state/gm) ?? []).length).toBe(10);
    expect(out).toContain('<details><summary>- Delete (10)</summary>');
    expect(out).toContain('<details><summary>+ Invite (19,990)</summary>');
    expect(out).toMatch(/_… and [\d,]+ more\._/);
  });

  it('does not trim a plan that fits', () => {
    expect(md).not.toContain('not shown');
    expect(renderMarkdown(everyActionPlan(), { maxLength: md.length + 1 })).toBe(md);
  });

  it('stays under any maxLength, even when the fixed parts alone are too long', () => {
    const manyTargets = plan(
      Array.from({ length: 2_000 }, (_, i) =>
        targetPlan(`target-${i}`, 'local', {
          changes: [{ phase: 1, action: 'invite', key: `x${i}@acme.com` }],
          seats: [{ role: 'CSV', total: 10, before: 1, after: 2 }],
        }),
      ),
    );
    for (const maxLength of [65_000, 5_000, 1_000, 300]) {
      const out = renderMarkdown(manyTargets, { maxLength });
      expect(out.length).toBeLessThan(maxLength);
      expect(out).toMatch(/2,000 more changes not shown; the full plan is in the job summary\.\n$/);
    }
    for (const maxLength of [2_000, 800]) {
      expect(renderMarkdown(everyActionPlan(), { maxLength }).length).toBeLessThan(maxLength);
    }
  });
});
