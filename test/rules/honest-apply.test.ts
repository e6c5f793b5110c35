import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { reportMarkdown } from '../../src/action/report-markdown.js';
import { renderReport, targetReport } from '../../src/apply/report.js';
import type { TargetPlan } from '../../src/model/plan.js';
import { emptySummary } from '../../src/model/plan.js';
import { runCli, STACK_LINE } from '../helpers/cli.js';
import { tmpDir } from '../helpers/tmp.js';

// Design §8 and §9: "2 plan has changes or blocked items — the platform does not match the files";
// "'converged' is said only when nothing differs and nothing is blocked".

const CONFIG =
  'version: 1\ntargets:\n  - name: t\n    provider: local\n    members: [members.yaml]\n    connection: { state: state.json }\n    policy: { prune: true }\n';
// lee holds a locked license and is in no file: removing lee is blocked `license-locked`.
const STATE = JSON.stringify({
  members: [
    { key: 'ada@acme.com', status: 'active', roles: ['CSV'] },
    { key: 'lee@acme.com', status: 'active', roles: ['IFW'], lockedRoles: ['IFW'] },
  ],
});

function blockedOnly() {
  return tmpDir({
    'rollcall.yaml': CONFIG,
    'members.yaml': 'members:\n  - email: ada@acme.com\n    roles: [CSV]\n',
    'state.json': STATE,
  });
}

function plan(blocked: TargetPlan['blocked'], changes: TargetPlan['changes'] = []): TargetPlan {
  return {
    name: 't',
    provider: 'local',
    actualDigest: 'sha256:a',
    desiredDigest: 'sha256:d',
    held: false,
    summary: { ...emptySummary(), blocked: blocked.length },
    changes,
    blocked,
    seats: [],
  };
}

describe('design §8: plan --detailed-exitcode', () => {
  it('"exit 2: plan has changes or blocked items" — a plan with only a blocked removal exits 2', () => {
    const dir = blockedOnly();
    const r = runCli(['plan', '-c', path.join(dir, 'rollcall.yaml'), '--detailed-exitcode']);
    expect(r.stderr).not.toMatch(STACK_LINE);
    expect(r.stdout).toMatch(/license-locked/);
    expect(r.code).toBe(2);
    // Without the flag plan still succeeds.
    expect(runCli(['plan', '-c', path.join(dir, 'rollcall.yaml')]).code).toBe(0);
  });

  it('an apply with nothing it can do says how many are blocked, never that the target converged', () => {
    const dir = blockedOnly();
    const r = runCli(['apply', '-c', path.join(dir, 'rollcall.yaml'), '--auto-approve'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('1 blocked');
    expect(`${r.stdout}${r.stderr}`).not.toMatch(/\bconverged\b/);
  });
});

describe('design §9: the report never says "converged" while blocked changes remain', () => {
  const lee = {
    action: 'remove' as const,
    key: 'lee@acme.com',
    reason: 'license-locked' as const,
    message: 'holds locked license IFW',
  };

  it('"converged" is said only when nothing differs and nothing is blocked', () => {
    const report = targetReport(plan([lee]), [], plan([lee]));
    expect(report.converged).toBe(false);
    const text = renderReport({ runId: 'r1', targets: [report] });
    expect(text).toContain('not converged: 1 blocked');
    expect(text).toContain('blocked remove lee@acme.com: holds locked license IFW');
    expect(text).not.toMatch(/^\s+converged/m);
    const md = reportMarkdown({ runId: 'r1', targets: [report] }, 'none');
    expect(md).toContain('not converged: 1 blocked');
    expect(md).toContain('Blocked (1)');
    expect(md).not.toContain('✅');
  });

  it('nothing differing and nothing blocked is converged', () => {
    const report = targetReport(plan([]), [], plan([]));
    expect(report.converged).toBe(true);
    expect(renderReport({ runId: 'r1', targets: [report] })).toContain('converged: t matches');
  });
});
