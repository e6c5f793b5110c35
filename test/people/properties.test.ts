import { writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TargetPlan } from '../../src/model/plan.js';
import { makePlan } from '../../src/run/plan.js';
import { tmpDir } from '../helpers/tmp.js';

const POOL = ['ada', 'bob', 'cy', 'dee', 'eve', 'fay'].map((n) => `${n}@acme.com`);
const TARGETS = [
  { name: 't1', offboard: 'remove' },
  { name: 't2', offboard: 'pseudonymize' },
] as const;
const DAYS = ['2030-01-10', '2030-01-20', '2030-03-01'];
const AT = '2030-01-15';

const access = fc.record(
  { roles: fc.subarray(['A', 'B']), until: fc.constantFrom(...DAYS) },
  { requiredKeys: ['roles'] },
);
const person = fc.record(
  {
    state: fc.constantFrom('active', 'left'),
    until: fc.constantFrom(...DAYS),
    access: fc.record({ t1: access, t2: access }, { requiredKeys: [] }),
  },
  { requiredKeys: ['state', 'access'] },
);
const directory = fc.uniqueArray(fc.tuple(fc.constantFrom(...POOL), person), {
  selector: ([email]) => email,
  maxLength: POOL.length,
});
const actual = fc
  .subarray(POOL)
  .chain((keys) => fc.tuple(...keys.map((k) => fc.tuple(fc.constant(k), fc.subarray(['A', 'B'])))));
const prune = fc.boolean();

type Access = { roles: string[]; until?: string };
type Dir = [string, { state: string; until?: string; access: { t1?: Access; t2?: Access } }][];

function config(people: boolean, pruneOn: boolean): string {
  const targets = TARGETS.map(
    (t) =>
      `  - name: ${t.name}\n    provider: local\n${people ? '' : `    members: [${t.name}.yaml]\n`}    connection: { state: ${t.name}.json }\n    roles: { A: {}, B: {} }\n    policy: { prune: ${pruneOn}, offboard: ${t.offboard}, maxRemovals: none }\n`,
  );
  return `version: 1\n${people ? 'people: [people.yaml]\n' : ''}targets:\n${targets.join('')}`;
}

/** The members file that says, for one target, what the directory says. */
function membersFile(dir: Dir, target: (typeof TARGETS)[number]): string {
  const members = [];
  for (const [email, p] of dir) {
    const a = p.access[target.name];
    if (!a && p.state !== 'left') continue;
    const m: Record<string, unknown> = { email };
    if (a) m.roles = a.roles;
    const until = [p.until, a?.until].filter((d): d is string => d !== undefined).sort()[0];
    if (until) m.until = until;
    if (p.state === 'left') m.state = target.offboard === 'remove' ? 'removed' : 'pseudonymized';
    members.push(m);
  }
  return JSON.stringify({ members });
}

/** Without the person a change concerns; a person's "has left" reason is the file's "desired state". */
const comparable = (t: TargetPlan) => {
  const offboard = TARGETS.find((x) => x.name === t.name)!.offboard;
  const state = offboard === 'remove' ? 'removed' : 'pseudonymized';
  return {
    ...t,
    changes: t.changes.map(({ person: _p, ...c }) =>
      c.reason?.endsWith('has left (people directory)') ? { ...c, reason: `desired state: ${state}` } : c,
    ),
    blocked: t.blocked.map(({ person: _p, ...b }) => b),
  };
};

describe('people directory: expansion only', () => {
  it('plans each target as an equivalent members file would', async () => {
    await fc.assert(
      fc.asyncProperty(directory, actual, prune, async (dir, members, pruneOn) => {
        const state = JSON.stringify({
          seats: {},
          members: members.map(([key, roles]) => ({ key, status: 'active', roles })),
        });
        const root = tmpDir({ 't1.json': state, 't2.json': state });
        const people = JSON.stringify({
          people: dir.map(([email, p]) => ({ email, ...p })),
        });
        writeFileSync(path.join(root, 'people.yaml'), people);
        writeFileSync(path.join(root, 'with-people.yaml'), config(true, pruneOn));
        writeFileSync(path.join(root, 'with-files.yaml'), config(false, pruneOn));
        for (const t of TARGETS) writeFileSync(path.join(root, `${t.name}.yaml`), membersFile(dir, t));
        const viaPeople = await makePlan(path.join(root, 'with-people.yaml'), { env: {}, at: AT });
        const viaFiles = await makePlan(path.join(root, 'with-files.yaml'), { env: {}, at: AT });
        expect(viaPeople.plan.targets.map(comparable)).toEqual(viaFiles.plan.targets.map(comparable));
      }),
      { numRuns: 40 },
    );
  });
});
