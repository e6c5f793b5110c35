import { describe, expect, it } from 'vitest';
import type { Change } from '../../src/model/plan.js';
import { renderText } from '../../src/render/text.js';
import { plan, targetPlan } from '../fixtures/plans/build.js';
import { EVERY_ACTION_CLOSING_LINE, everyActionPlan, HOSTILE } from '../fixtures/plans/every-action.js';
import { largePlan } from '../fixtures/plans/large.js';

const ESC = '\u001b';
const text = renderText(everyActionPlan());
const lines = text.split('\n');

/** The lines of one target, from its heading to the next heading. */
function section(name: string, out = text): string {
  const start = out.indexOf(`Target ${name} (`);
  const next = out.indexOf('\nTarget ', start + 1);
  return out.slice(start, next === -1 ? undefined : next);
}

describe('renderText', () => {
  it('ends with the closing line counting invite, change (update+grant+revoke), offboard and blocked', () => {
    expect(text.endsWith(`${EVERY_ACTION_CLOSING_LINE}\n`)).toBe(true);
    const changes: Change[] = [
      { phase: 1, action: 'revoke', key: 'a', roles: ['X'] },
      { phase: 1, action: 'remove', key: 'b' },
      { phase: 2, action: 'pseudonymize', key: 'c' },
      { phase: 3, action: 'delete', key: 'd' },
      { phase: 4, action: 'invite', key: 'e' },
      { phase: 4, action: 'invite', key: 'f' },
      { phase: 4, action: 'update', key: 'g', before: { admin: false }, after: { admin: true } },
      { phase: 4, action: 'grant', key: 'h', roles: ['X'] },
    ];
    const blocked = [
      { action: 'remove' as const, key: 'i', reason: 'protected' as const, message: 'protected' },
    ];
    expect(
      renderText(plan([targetPlan('t', 'local', { changes, blocked })]))
        .trimEnd()
        .split('\n')
        .at(-1),
    ).toBe('Plan: 2 to invite, 3 to change, 3 to offboard, 1 blocked.');
  });

  it('writes no escape code without color, even for names that contain one', () => {
    expect(text).not.toContain(ESC);
    expect(text).toContain('\\u001b[31mred\\u001b[0m');
  });

  it('colors + green, ~ yellow, - red with color, and still shows input escape codes as text', () => {
    const colored = renderText(everyActionPlan(), { color: true });
    expect(colored).toContain(`${ESC}[32m+ invite${ESC}[39m`);
    expect(colored).toContain(`${ESC}[33m~ update${ESC}[39m`);
    expect(colored).toContain(`${ESC}[33m~ grant${ESC}[39m`);
    expect(colored).toContain(`${ESC}[31m- remove${ESC}[39m`);
    expect(colored).toContain(`${ESC}[31m- delete${ESC}[39m`);
    expect(colored).not.toContain(HOSTILE.ansi);
    expect(colored.replace(/\u001b\[\d+m/g, '')).toBe(text);
  });

  it('names phases only for a target with more than one phase, in phase order', () => {
    const threeDx = section('acme-3dx');
    const at = ['Phase 1', 'Phase 2', 'Phase 3'].map((p) => threeDx.indexOf(`  ${p}\n`));
    expect(at.every((i) => i > 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(section('acme-github')).not.toMatch(/phase/i);

    const shuffled = renderText(
      plan([
        targetPlan('t', 'local', {
          changes: [
            { phase: 2, action: 'invite', key: 'late' },
            { phase: 1, action: 'remove', key: 'early' },
          ],
        }),
      ]),
    );
    expect(shuffled.indexOf('early')).toBeLessThan(shuffled.indexOf('late'));
    expect(shuffled.indexOf('Phase 1')).toBeLessThan(shuffled.indexOf('Phase 2'));
  });

  it('puts each change on its line with its symbol, roles, fields and field diffs', () => {
    expect(lines).toContain('    - remove       bob@acme.com  # not in desired state (prune)');
    expect(lines).toContain('    - pseudonymize bob@acme.com  # policy.offboard: delete');
    expect(lines).toContain('    ~ revoke       eve@acme.com  roles: XEN');
    expect(lines).toContain('    ~ grant        fay@acme.com  roles: XEN, RAP-ABCD1234');
    expect(lines).toContain('    + invite       ada@acme.com  roles: CSV, XEN');
    expect(lines).toContain('          location: "EU1"');
    expect(lines).toContain('          access: ["Products Write", "Products Read"]');
    expect(lines).toContain('          options: notify=false');
    expect(lines).toContain('    ~ update       eve@acme.com');
    expect(lines).toContain('          location: "EU1" → "EU2"');
    expect(lines).toContain('          description: "old" → "see www.evil.example & <b>this</b>"');
    expect(lines).toContain('        admin: false → true');
  });

  it('keeps a field value with a newline on one line', () => {
    expect(lines).toContain('          description: "[x](http://evil.example/x) | **bold**\\nsecond line"');
    expect(text).not.toContain('\nsecond line');
  });

  it('lists blocked items with their reason code, roles and sentence', () => {
    expect(lines).toContain(
      '    ! remove       lee@acme.com  license-locked (CSV): lee@acme.com holds locked licenses (CSV); the member cannot be removed now',
    );
    for (const reason of ['no-seats (XEN):', 'protected:', 'min-admins:', 'unsupported:', 'quota:']) {
      expect(text).toContain(reason);
    }
  });

  it('shows the held warning before the target’s changes', () => {
    const threeDx = section('acme-3dx');
    const held = threeDx.indexOf('! Held: 5 removals exceed policy.maxRemovals');
    expect(held).toBeGreaterThan(0);
    expect(held).toBeLessThan(threeDx.indexOf('- remove'));
    expect(section('acme-github')).not.toContain('Held');
  });

  it('shows a generic held warning when the planner gave no reason', () => {
    const t = targetPlan('t', 'local', { held: true, changes: [{ phase: 1, action: 'remove', key: 'a' }] });
    expect(renderText(plan([t]))).toContain(
      '! Held: 1 removals exceed policy.maxRemovals; apply refuses this plan unless run with --allow-removals 1',
    );
  });

  it('draws the seat table with the shortfall flagged', () => {
    expect(lines).toContain('    CSV           81 → 83 / 200');
    expect(lines).toContain('    XEN           48 → 52 /  50  ! short by 2');
    expect(lines).toContain('    RAP-ABCD1234   5 →  4 /   5');
  });

  it('says a target without changes matches the desired state', () => {
    expect(section('acme-scim')).toContain('No changes. acme-scim matches the desired state.');
  });

  it('renders a plan without changes as "No changes" per target, without a Plan: line', () => {
    const empty = plan([targetPlan('acme-3dx', 'local'), targetPlan('acme-github', 'github')]);
    expect(renderText(empty)).toBe(
      'No changes. acme-3dx matches the desired state.\nNo changes. acme-github matches the desired state.\n',
    );
    expect(renderText(plan([]))).toMatch(/^No changes\./);
  });

  it('does not claim a target with only blocked changes matches the desired state', () => {
    const blocked = [
      { action: 'grant' as const, key: 'a', reason: 'no-seats' as const, message: 'no seats' },
    ];
    const out = renderText(plan([targetPlan('t', 'local', { blocked })]));
    expect(out).not.toContain('matches the desired state');
    expect(out).toContain('Plan: 0 to invite, 0 to change, 0 to offboard, 1 blocked.');
  });

  it('renders a plan of 200,000 changes (no argument spreading past the call-stack limit)', () => {
    const out = renderText(largePlan(200_000));
    expect(out.endsWith('Plan: 28572 to invite, 85715 to change, 85713 to offboard, 0 blocked.\n')).toBe(
      true,
    );
  });
});
