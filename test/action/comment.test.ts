import { describe, expect, it } from 'vitest';
import { COMMENT_LIMIT, commentBody, commentMarker, isEmptyPlan } from '../../src/action/comment-body.js';
import { fitSummary, SUMMARY_LIMIT } from '../../src/action/summary.js';
import { renderMarkdown } from '../../src/render/index.js';
import { clearSecrets, registerSecret } from '../../src/util/secrets.js';
import { plan, targetPlan } from '../fixtures/plans/build.js';
import { largePlan } from '../fixtures/plans/large.js';

const RUN = 'https://github.com/acme/people/actions/runs/42';
const ctx = {
  marker: commentMarker('rollcall.yaml', []),
  redact: 'none' as const,
  sha: '8f2c1d4e6b7a90c3d5e1f2a3b4c5d6e7f8091a2b',
  commitUrl: 'https://github.com/acme/people/commit/8f2c1d4e6b7a90c3d5e1f2a3b4c5d6e7f8091a2b',
  runUrl: RUN,
};

describe('the pull-request comment', () => {
  it('for a plan of 20,000 changes stays under 65,536 characters and says where the rest is', () => {
    const body = commentBody(largePlan(20_000, { blocked: 30 }), ctx);
    expect(body.length).toBeLessThan(COMMENT_LIMIT);
    expect(body.length).toBeGreaterThan(COMMENT_LIMIT - 4_000); // trimmed to fit, not emptied
    expect(body.split('\n')[0]).toBe('<!-- rollcall-plan config=rollcall.yaml targets=* -->');
    expect(body).toMatch(
      /^… [\d,]+ more changes not shown; the full plan is in the \[job summary\]\(https:\/\/github\.com\/acme\/people\/actions\/runs\/42\)\.$/m,
    );
    expect(body).toContain('**Plan: 2,858 to invite, 8,571 to change, 8,571 to offboard, 30 blocked.**');
    expect(body.trimEnd().split('\n').at(-1)).toBe(
      `<sub>rollcall plan for commit [\`8f2c1d4\`](${ctx.commitUrl}) · [workflow run and job summary](${RUN})</sub>`,
    );
  });

  it('is whole when it fits, with no notice', () => {
    const body = commentBody(largePlan(50), ctx);
    expect(body).not.toContain('not shown');
    expect(body).toContain('user000049@\u200dacme.com');
  });

  it('never carries a registered secret, and masks e-mails when asked', () => {
    registerSecret('s3cr3t-value');
    try {
      const p = plan([
        targetPlan('t', 'local', {
          changes: [{ phase: 1, action: 'remove', key: 'a@b.io', reason: 'x s3cr3t-value' }],
        }),
      ]);
      const body = commentBody(p, { ...ctx, redact: 'emails' });
      expect(body).not.toContain('s3cr3t-value');
      expect(body).not.toContain('a@\u200db.io');
    } finally {
      clearSecrets();
    }
  });

  it('is empty for changes-only when no target has a change or a blocked item', () => {
    expect(isEmptyPlan(plan([targetPlan('t', 'local')]))).toBe(true);
    expect(isEmptyPlan(largePlan(0, { blocked: 1 }))).toBe(false);
    expect(isEmptyPlan(largePlan(1))).toBe(false);
  });
});

describe('the marker', () => {
  it('names the config (relative to the workspace) and the sorted targets', () => {
    expect(commentMarker('./config/../rollcall.yaml', ['b', 'a', 'b'], '/w')).toBe(
      '<!-- rollcall-plan config=rollcall.yaml targets=a,b -->',
    );
    expect(commentMarker('/w/teams/3dx.yaml', [], '/w')).toBe(
      '<!-- rollcall-plan config=teams%2F3dx.yaml targets=* -->',
    );
  });

  it('cannot be closed early by a name', () => {
    const m = commentMarker('x --> <b>hi</b>.yaml', ['-->'], '/w');
    expect(m.indexOf('-->')).toBe(m.length - 3);
    expect(m).not.toContain('<b>');
  });
});

describe('the job summary', () => {
  it('keeps a plan of 200,000 changes under 1 MiB of UTF-8 and points to the plan file', () => {
    const big = largePlan(200_000, { blocked: 100 });
    const text = fitSummary((maxLength) =>
      renderMarkdown(big, { maxLength, fullPlanPointer: 'the plan file' }),
    );
    const bytes = Buffer.byteLength(text, 'utf8');
    expect(bytes).toBeLessThanOrEqual(SUMMARY_LIMIT);
    expect(bytes).toBeGreaterThan(SUMMARY_LIMIT * 0.8);
    expect(text).toMatch(/more changes not shown; the full plan is in the plan file\.$/m);
  });

  it('shrinks by bytes, not characters, when every character takes several bytes', () => {
    const text = fitSummary((maxLength) => '→'.repeat(maxLength - 1), 30_000);
    expect(Buffer.byteLength(text, 'utf8')).toBeLessThanOrEqual(30_000);
    expect(Buffer.byteLength(text, 'utf8')).toBeGreaterThan(25_000);
  });
});
