import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli, STACK_LINE } from '../helpers/cli.js';
import { tmpDir } from '../helpers/tmp.js';

/** A copy of the two-target fixture with each target planned on its own into plans/, as a matrix would. */
function plannedApart(): string {
  const dir = tmpDir();
  cpSync(path.join(ROOT, 'test/fixtures/show'), dir, { recursive: true });
  mkdirSync(path.join(dir, 'plans'));
  for (const t of ['alpha', 'beta'])
    expect(runCli(['plan', '--target', t, '--out', `plans/${t}.json`], { cwd: dir }).code).toBe(0);
  return dir;
}

describe('rollcall show', () => {
  it('shows a folder of per-target plans as the one plan of every target', () => {
    const dir = plannedApart();
    const shown = runCli(['show', 'plans', '--detailed-exitcode'], { cwd: dir });
    expect(shown.code).toBe(2);
    expect(shown.stdout).toContain('Target alpha (local)');
    expect(shown.stdout).toContain('+ invite       alan@acme.com');
    expect(shown.stdout).toContain('Target beta (local)');
    expect(shown.stdout).toContain('- remove       eve@acme.com');
    expect(shown.stdout).toContain('Plan: 1 to invite, 0 to change, 1 to offboard, 0 blocked.');
    // Targets sorted by name whatever the order of the files: here the same plan as planning both at once
    // (the config lists them in that order): same digest, createdAt aside.
    const json = runCli(['show', 'plans/beta.json', 'plans/alpha.json', '--format', 'json'], { cwd: dir });
    const whole = runCli(['plan', '--format', 'json'], { cwd: dir });
    const combined = JSON.parse(json.stdout);
    expect(combined.digest).toBe(JSON.parse(whole.stdout).digest);
    expect(combined.targets.map((t: { name: string }) => t.name)).toEqual(['alpha', 'beta']);
    // As fresh as its stalest part: the older createdAt of the two.
    const parts = ['alpha', 'beta'].map((t) =>
      JSON.parse(readFileSync(path.join(dir, `plans/${t}.json`), 'utf8')),
    );
    expect(combined.createdAt).toBe(parts.map((p) => p.createdAt).sort()[0]);
  });

  it('a combined plan is a saved plan apply carries out exactly', () => {
    const dir = plannedApart();
    writeFileSync(
      path.join(dir, 'both.json'),
      runCli(['show', 'plans', '--format', 'json'], { cwd: dir }).stdout,
    );
    const applied = runCli(['apply', 'both.json', '--auto-approve'], { cwd: dir });
    expect(applied.stderr).not.toMatch(STACK_LINE);
    expect(applied.code).toBe(0);
    const beta = JSON.parse(readFileSync(path.join(dir, 'beta-state.json'), 'utf8'));
    expect(beta.members.find((m: { key: string }) => m.key === 'eve@acme.com').status).toBe('removed');
    expect(runCli(['plan', '--detailed-exitcode'], { cwd: dir }).code).toBe(0);
  });

  it('one plan shows as plan showed it; markdown for a comment', () => {
    const dir = plannedApart();
    const md = runCli(['show', 'plans/alpha.json', '--format', 'markdown'], { cwd: dir });
    expect(md.code).toBe(0);
    expect(md.stdout).toContain('| alpha | local | 1 | 0 | 0 | 0 |');
    expect(md.stdout).toContain('#### alpha (local)');
    expect(md.stdout).not.toContain('beta');
  });

  it('refuses an edited plan (exit 3), a target planned twice and days that differ (exit 1), in one line', () => {
    const dir = plannedApart();
    const file = path.join(dir, 'plans/alpha.json');
    const plan = JSON.parse(readFileSync(file, 'utf8'));
    writeFileSync(path.join(dir, 'alpha-again.json'), JSON.stringify(plan));
    plan.targets[0].changes[0].key = 'mallory@acme.com';
    writeFileSync(path.join(dir, 'edited.json'), JSON.stringify(plan));
    const edited = runCli(['show', 'edited.json'], { cwd: dir });
    expect(edited.code).toBe(3);
    expect(edited.stderr).toBe(
      'rollcall: edited.json: the saved plan does not match its digest (it was edited or damaged); run plan again\n',
    );
    const twice = runCli(['show', 'plans', 'alpha-again.json'], { cwd: dir });
    expect(twice.code).toBe(1);
    expect(twice.stderr).toBe(
      'rollcall: alpha-again.json: target "alpha" is also planned in plans/alpha.json; give each target\'s plan once\n',
    );
    expect(
      runCli(['plan', '--target', 'beta', '--at', '2099-01-01', '--out', 'later.json'], { cwd: dir }).code,
    ).toBe(0);
    const days = runCli(['show', 'plans/alpha.json', 'later.json'], { cwd: dir });
    expect(days.code).toBe(1);
    expect(days.stderr).toMatch(
      /^rollcall: later\.json: planned as of 2099-01-01, but plans\/alpha\.json as of \d{4}-\d\d-\d\d; plan every target for the same day\n$/,
    );
  });

  it('a folder without plans, or a missing file: one line, exit 1', () => {
    const dir = tmpDir();
    mkdirSync(path.join(dir, 'empty'));
    const empty = runCli(['show', 'empty'], { cwd: dir });
    expect(empty.code).toBe(1);
    expect(empty.stderr).toBe('rollcall: empty: no plan file (*.json) in this folder\n');
    const missing = runCli(['show', 'nope.json'], { cwd: dir });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^rollcall: nope\.json: cannot read the saved plan: .+\n$/);
    expect(missing.stderr.split('\n')).toHaveLength(2);
  });
});
