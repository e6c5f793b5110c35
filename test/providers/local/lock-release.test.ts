import { existsSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { removeStaleTempFiles } from '../../../src/util/stale-temp-files.js';
import { runCli, STACK_LINE } from '../../helpers/cli.js';
import { LOCAL_CONFIG, ONE_MEMBER } from '../../helpers/local-project.js';
import { tmpDir } from '../../helpers/tmp.js';

const DEAD = 2_147_483_000; // above any pid_max

function project(state: string): string {
  return tmpDir({ 'rollcall.yaml': LOCAL_CONFIG, 'members.yaml': ONE_MEMBER, 'state.json': state });
}

describe('the state lock is released on every path', () => {
  for (const [name, state] of [
    ['an invalid state file', '{"members": 5}\n'],
    ['a state file that is not JSON', '{"members": [\n'],
    ['a state file with an unknown member field', '{"members": [{"email": "a@acme.com", "rols": []}]}\n'],
  ] as const)
    it(`a refused apply (${name}) leaves no lock`, () => {
      const dir = project(state);
      const r = runCli(['apply', '--auto-approve', '-c', path.join(dir, 'rollcall.yaml')]);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/state\.json:\d+:\d+/);
      expect(r.stderr).not.toMatch(STACK_LINE);
      expect(readdirSync(dir).filter((f) => f.includes('.lock'))).toEqual([]);
    });

  it('an apply refused for want of confirmation leaves no lock', () => {
    const dir = project('{"members": []}\n');
    const r = runCli(['apply', '-c', path.join(dir, 'rollcall.yaml')]);
    expect(r.code).toBe(3);
    expect(readdirSync(dir).filter((f) => f.includes('.lock'))).toEqual([]);
  });
});

describe('temporary files left by killed applies', () => {
  it('are removed by the next apply when their process is gone; others are left', () => {
    const dir = project('{"members": []}\n');
    const left = {
      [`.state.json.${DEAD}.0a1b2c3d.tmp`]: 'half a state file',
      [`state.json.lock.${DEAD}.0a1b2c3d.tmp`]: `${DEAD} 00\n`,
      'state.json.lock.0123456789abcdef.takeover': `${DEAD} 00\n`,
    };
    const kept = {
      [`.state.json.${process.pid}.0a1b2c3d.tmp`]: 'being written by a live process',
      [`.other.json.${DEAD}.0a1b2c3d.tmp`]: 'not this state file',
      [`.state.json.${DEAD}.tmp`]: 'not our name pattern',
    };
    for (const [f, c] of Object.entries({ ...left, ...kept })) writeFileSync(path.join(dir, f), c);
    const r = runCli(['apply', '--auto-approve', '-c', path.join(dir, 'rollcall.yaml')]);
    expect(r.stderr).not.toMatch(STACK_LINE);
    expect(r.code).toBe(0);
    for (const f of Object.keys(left)) expect(existsSync(path.join(dir, f)), f).toBe(false);
    for (const f of Object.keys(kept)) expect(existsSync(path.join(dir, f)), f).toBe(true);
  });

  it('a temporary file of a live pid is removed once it is old (pids are reused)', () => {
    const dir = tmpDir({
      [`.state.json.${process.pid}.ab.tmp`]: 'x',
      [`.state.json.${process.pid}.cd.tmp`]: 'x',
    });
    const old = new Date(Date.now() - 2 * 3600_000);
    utimesSync(path.join(dir, `.state.json.${process.pid}.ab.tmp`), old, old);
    expect(removeStaleTempFiles(path.join(dir, 'state.json'))).toEqual([`.state.json.${process.pid}.ab.tmp`]);
  });

  it('a folder that does not exist yet has nothing to remove', () => {
    expect(removeStaleTempFiles(path.join(tmpDir(), 'no/such/state.json'))).toEqual([]);
  });
});
