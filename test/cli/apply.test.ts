import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, STACK_LINE } from '../helpers/cli.js';
import { tmpDir } from '../helpers/tmp.js';

const STATE = {
  self: 'owner@acme.com',
  seats: { CSV: 10 },
  members: [
    { key: 'owner@acme.com', status: 'active', admin: true, roles: ['CSV'] },
    { key: 'old1@acme.com', status: 'active', roles: ['CSV'] },
    { key: 'old2@acme.com', status: 'active', roles: ['CSV'] },
  ],
};

function project(policy = 'prune: true, maxRemovals: none') {
  const dir = tmpDir({
    'rollcall.yaml': `version: 1\ntargets:\n  - name: t\n    provider: local\n    members: [members.yaml]\n    connection: { state: state.json }\n    policy: { ${policy} }\n`,
    'members.yaml':
      'members:\n  - email: owner@acme.com\n    admin: true\n    roles: [CSV]\n  - email: ada@acme.com\n    roles: [CSV]\n',
    'state.json': JSON.stringify(STATE),
  });
  const cli = (...args: string[]) => runCli([...args, '-c', path.join(dir, 'rollcall.yaml')], { cwd: dir });
  const state = () => JSON.parse(readFileSync(path.join(dir, 'state.json'), 'utf8'));
  return { dir, cli, state };
}

describe('rollcall apply', () => {
  it('carries out a saved plan exactly, verifies convergence, and journals it', () => {
    const { dir, cli, state } = project();
    expect(cli('plan', '--out', 'plan.json').code).toBe(0);
    const r = cli('apply', 'plan.json');
    expect(r.stderr).not.toMatch(STACK_LINE);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('converged: t matches the desired state');
    expect(state().members.map((m: { key: string; status: string }) => `${m.key} ${m.status}`)).toEqual([
      'ada@acme.com invited',
      'old1@acme.com removed',
      'old2@acme.com removed',
      'owner@acme.com active',
    ]);
    const journal = readFileSync(path.join(dir, '.rollcall/journal.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(
      journal
        .filter((e) => e.result === 'succeeded')
        .map((e) => `${e.change.action} ${e.change.key}`)
        .sort(),
    ).toEqual(['invite ada@acme.com', 'remove old1@acme.com', 'remove old2@acme.com']);
    expect(new Set(journal.map((e) => e.runId)).size).toBe(1);
    expect(cli('plan', '--detailed-exitcode').code).toBe(0);
  });

  it('refuses a stale saved plan with exit 3 and leaves the platform untouched', () => {
    const { dir, cli, state } = project();
    cli('plan', '--out', 'plan.json');
    const moved = {
      ...STATE,
      members: [...STATE.members, { key: 'new@acme.com', status: 'active', roles: [] }],
    };
    writeFileSync(path.join(dir, 'state.json'), JSON.stringify(moved));
    const r = cli('apply', 'plan.json');
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('saved plan is stale; run plan again');
    expect(r.stderr).not.toMatch(STACK_LINE);
    expect(state()).toEqual(moved);
  });

  it('refuses a tampered saved plan with exit 3', () => {
    const { dir, cli, state } = project();
    cli('plan', '--out', 'plan.json');
    const file = path.join(dir, 'plan.json');
    writeFileSync(file, readFileSync(file, 'utf8').replace('"ada@acme.com"', '"mallory@evil.com"'));
    const r = cli('apply', 'plan.json');
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('does not match its digest');
    expect(state()).toEqual(STATE);
  });

  it('refuses a held plan with exit 3 unless --allow-removals covers its removals', () => {
    const { cli, state } = project('prune: true, maxRemovals: 1');
    const held = cli('apply', '--auto-approve');
    expect(held.code).toBe(3);
    expect(held.stderr).toMatch(/held: 2 removals exceed policy\.maxRemovals.*--allow-removals 2/);
    expect(state()).toEqual(STATE);
    const short = cli('apply', '--auto-approve', '--allow-removals', '1');
    expect(short.code).toBe(3);
    expect(short.stderr).toContain('--allow-removals 1 is less than 2');
    const ok = cli('apply', '--auto-approve', '--allow-removals', '2');
    expect(ok.code).toBe(0);
    expect(state().members.filter((m: { status: string }) => m.status === 'removed')).toHaveLength(2);
  });

  it('refuses to apply unconfirmed (no terminal, no --auto-approve) with exit 3', () => {
    const { cli, state } = project();
    const r = cli('apply');
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('refusing to apply without confirmation');
    expect(r.stdout).toContain('Plan: 1 to invite, 0 to change, 2 to offboard, 0 blocked.');
    expect(state()).toEqual(STATE);
  });

  it('refuses a saved plan of another format version, or not JSON, with exit 1', () => {
    const { dir, cli } = project();
    writeFileSync(
      path.join(dir, 'v2.json'),
      JSON.stringify({ formatVersion: 2, createdAt: '', digest: '', targets: [] }),
    );
    writeFileSync(path.join(dir, 'junk.json'), 'not json');
    for (const f of ['v2.json', 'junk.json']) {
      const r = cli('apply', f);
      expect(r.code).toBe(1);
      expect(r.stderr).not.toMatch(STACK_LINE);
    }
  });

  it('takes over the lock of an apply that was killed, but refuses while another apply runs', () => {
    const { dir, cli } = project();
    writeFileSync(path.join(dir, 'state.json.lock'), '999999\n'); // no such process
    expect(cli('apply', '--auto-approve').code).toBe(0);
    writeFileSync(path.join(dir, 'state.json.lock'), `${process.pid}\n`); // this test process is alive
    const r = cli('apply', '--auto-approve');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/locked by another apply \(process \d+\)/);
  });
});
