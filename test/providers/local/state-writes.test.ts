import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Change } from '../../../src/model/plan.js';
import { localBatchSize } from '../../../src/providers/local/batch.js';
import { LocalProvider } from '../../../src/providers/local/index.js';
import { applyRun } from '../../../src/run/apply.js';
import { LOCAL_CONFIG } from '../../helpers/local-project.js';
import { tmpDir } from '../../helpers/tmp.js';

// Counts the renames that put a state file into place (writeFileAtomic: one rename per write).
const renames: string[] = [];
vi.mock('node:fs/promises', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs/promises')>();
  const rename: typeof fs.rename = async (from, to) => {
    renames.push(String(to));
    return fs.rename(from, to);
  };
  return { ...fs, rename, default: { ...fs, rename } };
});
beforeEach(() => {
  renames.length = 0;
});

const email = (prefix: string, i: number) => `${prefix}${String(i).padStart(6, '0')}@acme.com`;

/** A local target with `kept` members in both, `fresh` only desired (invites), `gone` only actual (removals). */
function project(kept: number, fresh: number, gone: number) {
  const desired = [
    ...Array.from({ length: kept }, (_, i) => email('kept', i)),
    ...Array.from({ length: fresh }, (_, i) => email('new', i)),
  ];
  const actual = [
    ...Array.from({ length: kept }, (_, i) => email('kept', i)),
    ...Array.from({ length: gone }, (_, i) => email('gone', i)),
  ];
  const dir = tmpDir({
    'rollcall.yaml': `${LOCAL_CONFIG}\n    policy: { prune: true }\n`,
    'members.yaml': `members:\n${desired.map((k) => `  - email: ${k}\n`).join('')}`,
    'state.json': JSON.stringify({
      members: actual.map((key) => ({ key, email: key, status: 'active' })),
    }),
  });
  return { dir, state: path.join(dir, 'state.json'), journal: path.join(dir, 'journal.jsonl') };
}

describe('the local provider writes its state file once per batch, not once per change', () => {
  it('an apply of 6,000 changes into a 20,000-member state renames the state file once per batch of each phase', async () => {
    const { dir, state, journal } = project(20_000, 5_000, 1_000);
    const outcome = await applyRun(path.join(dir, 'rollcall.yaml'), {
      env: {},
      autoApprove: true,
      allowRemovals: 1_000,
      journalPath: journal,
    });
    const changes = outcome.plan.targets[0]!.changes;
    expect(changes).toHaveLength(6_000);
    const batch = localBatchSize(21_000);
    const perPhase = new Map<number, number>();
    for (const c of changes) perPhase.set(c.phase, (perPhase.get(c.phase) ?? 0) + 1);
    const expected = [...perPhase.values()].reduce((n, k) => n + Math.ceil(k / batch), 0);
    expect(expected).toBeLessThanOrEqual(4); // 5,000 invites and 1,000 removals, batches of 2,625
    expect(renames.filter((to) => to === state)).toHaveLength(expected);
    expect(outcome.report!.targets[0]!.failures).toEqual([]);
    expect(outcome.report!.targets[0]!.counts.invite.succeeded).toBe(5_000);

    // The journal is still exact: every change sent once, then succeeded once, in that order.
    const entries = readFileSync(journal, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { result: string; change: Change });
    const seen = new Map<string, string[]>();
    for (const e of entries) {
      const k = `${e.change.action} ${e.change.key}`;
      seen.set(k, [...(seen.get(k) ?? []), e.result]);
    }
    expect(seen.size).toBe(6_000);
    for (const results of seen.values()) expect(results).toEqual(['sent', 'succeeded']);
  });

  it('reports a batch only after its one write: what it yields as succeeded is already in the file', async () => {
    const { dir, state } = project(0, 0, 0);
    writeFileSync(state, JSON.stringify({ seats: { R: 1 }, members: [] }));
    const provider = new LocalProvider(path.join(dir, 'state.json'));
    const release = await provider.lock();
    const changes: Change[] = Array.from({ length: 3 }, (_, i) => ({
      key: email('new', i),
      action: 'invite',
      phase: 1,
      roles: ['R'],
    })) as Change[];
    let first = true;
    const statuses: string[] = [];
    for await (const r of provider.apply(changes, { runId: 't', log: () => {} })) {
      if (first) {
        first = false;
        expect(renames.filter((to) => to === state)).toHaveLength(1);
        const onDisk = readFileSync(state, 'utf8');
        expect(onDisk).toContain(email('new', 0));
        expect(onDisk).not.toContain(email('new', 1)); // refused: one seat only
      }
      statuses.push(r.status);
    }
    await release();
    expect(statuses).toEqual(['succeeded', 'failed', 'failed']);
    expect(renames.filter((to) => to === state)).toHaveLength(1);
  });
});
