import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Plan } from '../../src/model/plan.js';
import { ROOT, runCli } from '../helpers/cli.js';
import { tmpDir } from '../helpers/tmp.js';
import { writeCrashProject } from './crash-project.js';

const BIN = path.join(ROOT, 'bin/rollcall.js');
/** Stops the apply right after its journal reaches the kill point (see the file), so every kill lands. */
const STALL = pathToFileURL(path.join(ROOT, 'test/apply/stall-journal.mjs')).href;

function lines(file: string): number {
  if (!existsSync(file)) return 0;
  const text = readFileSync(file, 'utf8');
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/**
 * Starts `rollcall apply --auto-approve` and SIGKILLs it once the journal has grown by `after` lines: the
 * apply stalls right after writing them (stall-journal.mjs), so the kill lands there on any machine; an
 * apply with fewer lines left to write ends by itself.
 */
function applyAndKill(dir: string, journal: string, after: number): Promise<'killed' | number> {
  const start = lines(journal);
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', STALL, BIN, 'apply', '--auto-approve', '-c', 'rollcall.yaml'],
      { cwd: dir, stdio: 'ignore', env: { ...process.env, ROLLCALL_TEST_STALL_AFTER: String(after) } },
    );
    let killed = false;
    const timer = setInterval(() => {
      if (!killed && lines(journal) - start >= after) {
        killed = true;
        child.kill('SIGKILL');
      }
    }, 1);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearInterval(timer);
      resolve(signal === 'SIGKILL' ? 'killed' : (code ?? -1));
    });
  });
}

describe('apply survives being killed at any moment', () => {
  it('2,000 changes, SIGKILL at 10 random points, re-run each time: converges, nothing twice, nothing unplanned, all journaled', async () => {
    const dir = tmpDir();
    const { kept, gone, fresh } = writeCrashProject(dir);
    const journal = path.join(dir, '.rollcall/journal.jsonl');
    const initial = runCli(['plan', '-c', 'rollcall.yaml', '--format', 'json'], { cwd: dir });
    const planned: Plan = JSON.parse(initial.stdout);
    expect(planned.targets[0]!.changes).toHaveLength(2000);
    const plannedRemovals = new Set(
      planned.targets[0]!.changes.filter((c) => c.action === 'remove').map((c) => c.key),
    );

    let seed = 20261121;
    const random = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x7fffffff;
    };
    let kills = 0;
    for (let i = 0; i < 10; i++) {
      const result = await applyAndKill(dir, journal, 1 + Math.floor(random() * 600));
      if (result === 'killed') kills++;
      else expect(result).toBe(0);
    }
    expect(kills).toBe(10);
    const last = runCli(['apply', '--auto-approve', '-c', 'rollcall.yaml'], { cwd: dir });
    expect(last.code, last.stderr).toBe(0);

    // The final state equals the desired state.
    expect(runCli(['plan', '-c', 'rollcall.yaml', '--detailed-exitcode'], { cwd: dir }).code).toBe(0);
    const state = JSON.parse(readFileSync(path.join(dir, 'state.json'), 'utf8')) as {
      members: { key: string; status: string; roles: string[] }[];
    };
    const byKey = new Map(state.members.map((m) => [m.key, m]));
    for (const k of fresh) expect(byKey.get(k)?.status).toBe('invited');
    for (const k of kept) expect(byKey.get(k)?.roles).toEqual(['CSV', 'XEN']);
    // Nobody was removed that the plan did not remove.
    const removed = state.members
      .filter((m) => m.status !== 'active' && m.status !== 'invited')
      .map((m) => m.key);
    expect(new Set(removed)).toEqual(plannedRemovals);
    expect(removed.sort()).toEqual(gone);

    const entries = readFileSync(journal, 'utf8')
      .trim()
      .split('\n')
      .map(
        (l) => JSON.parse(l) as { runId: string; result: string; change: { action: string; key: string } },
      );
    expect(new Set(entries.map((e) => e.runId)).size).toBe(11);
    // No member was invited twice: the platform refuses a second invitation, and nothing failed.
    expect(entries.filter((e) => e.result === 'failed')).toEqual([]);
    const invitedOk = new Map<string, number>();
    for (const e of entries)
      if (e.change.action === 'invite' && e.result === 'succeeded')
        invitedOk.set(e.change.key, (invitedOk.get(e.change.key) ?? 0) + 1);
    expect([...invitedOk.values()].every((n) => n === 1)).toBe(true);
    // Every change that reached the platform is in the journal as sent.
    const sent = new Set(
      entries.filter((e) => e.result === 'sent').map((e) => `${e.change.action} ${e.change.key}`),
    );
    for (const k of fresh) expect(sent.has(`invite ${k}`), k).toBe(true);
    for (const k of kept) expect(sent.has(`grant ${k}`), k).toBe(true);
    for (const k of gone) expect(sent.has(`remove ${k}`), k).toBe(true);
  }, 300_000);
});
