import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/model/errors.js';
import type { Plan } from '../../src/model/plan.js';
import { parsePlanJson } from '../../src/plan/plan-json.js';
import { renderJson } from '../../src/render/json.js';
import { plan, targetPlan } from '../fixtures/plans/build.js';
import { everyActionPlan } from '../fixtures/plans/every-action.js';

/** A deep copy whose objects have their keys inserted in reverse order. */
function reversedKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map(reversedKeys) as T;
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([k, v]) => [k, reversedKeys(v)]),
  ) as T;
}

function rejection(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a throw');
}

describe('renderJson', () => {
  const p = everyActionPlan();
  const json = renderJson(p);

  it('is JSON.stringify with 2-space indentation and a final newline', () => {
    expect(json.endsWith('}\n')).toBe(true);
    expect(json).toBe(JSON.stringify(JSON.parse(json), null, 2) + '\n');
  });

  it('orders keys as design §7 does, whatever the order the plan was built in', () => {
    const reread = JSON.parse(renderJson(reversedKeys(p)));
    expect(Object.keys(reread)).toEqual(['formatVersion', 'createdAt', 'digest', 'targets']);
    const t = reread.targets[0];
    expect(Object.keys(t)).toEqual([
      'name',
      'provider',
      'actualDigest',
      'desiredDigest',
      'held',
      'heldReason',
      'removals',
      'summary',
      'changes',
      'blocked',
      'seats',
    ]);
    expect(Object.keys(t.summary)).toEqual([
      'invite',
      'update',
      'grant',
      'revoke',
      'remove',
      'pseudonymize',
      'delete',
      'blocked',
    ]);
    const invite = t.changes.find((c: { action: string }) => c.action === 'invite');
    expect(Object.keys(invite)).toEqual(['phase', 'action', 'key', 'roles', 'after', 'options']);
    expect(Object.keys(invite.after)).toEqual([
      'firstName',
      'lastName',
      'description',
      'admin',
      'location',
      'access',
    ]);
    expect(Object.keys(t.changes[0])).toEqual(['phase', 'action', 'key', 'reason']);
    expect(Object.keys(t.blocked[0])).toEqual(['action', 'key', 'roles', 'reason', 'message']);
    expect(Object.keys(t.seats[1])).toEqual(['role', 'total', 'before', 'after', 'shortfall']);
  });

  it('is byte-identical for equal plans', () => {
    expect(renderJson(everyActionPlan())).toBe(json);
    expect(renderJson(structuredClone(p))).toBe(json);
    expect(renderJson(reversedKeys(p))).toBe(json);
  });

  it('differs when the plan differs', () => {
    const other = everyActionPlan();
    other.targets[0]!.changes[0]!.key = 'someone-else@acme.com';
    expect(renderJson(other)).not.toBe(json);
  });

  it('round-trips through parsePlanJson', () => {
    const back = parsePlanJson(json);
    expect(back).toEqual(p);
    expect(renderJson(back)).toBe(json);
  });

  it('keeps unknown fields, after the known ones, sorted', () => {
    const extended = everyActionPlan() as Plan & Record<string, unknown>;
    extended.zeta = 1;
    extended.alpha = { b: 2, a: 1 };
    (extended.targets[0]!.changes[0] as Record<string, unknown>).ticket = 'OPS-1';
    const out = renderJson(extended);
    const reread = JSON.parse(out);
    expect(Object.keys(reread)).toEqual(['formatVersion', 'createdAt', 'digest', 'targets', 'alpha', 'zeta']);
    expect(Object.keys(reread.alpha)).toEqual(['a', 'b']);
    expect(Object.keys(reread.targets[0].changes[0])).toEqual(['phase', 'action', 'key', 'reason', 'ticket']);
    expect(renderJson(reversedKeys(extended))).toBe(out);
  });

  it('writes a __proto__ key as data, not as a prototype', () => {
    const withProto = JSON.parse(
      '{"formatVersion":1,"createdAt":"x","digest":"d","targets":[],"__proto__":{"x":1}}',
    );
    const out = renderJson(withProto);
    expect(Object.getOwnPropertyDescriptor(JSON.parse(out), '__proto__')?.value).toEqual({ x: 1 });
    expect(out).toContain('"__proto__": {');
  });
});

describe('parsePlanJson', () => {
  it('reads the example of design §7, unknown fields included', () => {
    const example = {
      formatVersion: 1,
      createdAt: '2026-11-21T10:00:00.000Z',
      digest: 'sha256:…',
      generator: 'rollcall 9.9.9',
      targets: [
        {
          name: 'acme-3dx',
          provider: 'local',
          actualDigest: 'sha256:…',
          desiredDigest: 'sha256:…',
          held: false,
          summary: {
            invite: 1,
            update: 0,
            grant: 2,
            revoke: 0,
            remove: 1,
            pseudonymize: 0,
            delete: 0,
            blocked: 0,
            extra: 3,
          },
          changes: [
            { phase: 1, action: 'remove', key: 'bob@acme.com', reason: 'not in desired state (prune)' },
            {
              phase: 2,
              action: 'invite',
              key: 'ada@acme.com',
              roles: ['CSV', 'XEN'],
              after: { firstName: 'Ada' },
            },
            { phase: 2, action: 'grant', key: 'eve@acme.com', roles: ['XEN'], batch: 7 },
          ],
          blocked: [{ action: 'remove', key: 'lee@acme.com', reason: 'license-locked', message: '…' }],
          seats: [{ role: 'XEN', total: 50, before: 48, after: 50 }],
          owner: 'it-ops',
        },
      ],
    };
    const p = parsePlanJson(JSON.stringify(example));
    expect(p).toMatchObject(example);
    expect((p as Record<string, unknown>).generator).toBe('rollcall 9.9.9');
    expect(JSON.parse(renderJson(p))).toEqual(example);
  });

  it('refuses another formatVersion with a clear error', () => {
    const v2 = JSON.stringify({ ...plan([targetPlan('t', 'local')]), formatVersion: 2 });
    const error = rejection(() => parsePlanJson(v2, 'plan.json'));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.message).toBe(
      'plan.json: plan has formatVersion 2; this rollcall reads formatVersion 1 only (run `rollcall plan` again with this version)',
    );
    expect(rejection(() => parsePlanJson('{"targets":[]}')).message).toContain('plan has no formatVersion');
    expect(rejection(() => parsePlanJson('{"formatVersion":"1"}')).message).toContain('formatVersion "1"');
  });

  it('refuses text that is not JSON or not a plan object', () => {
    expect(rejection(() => parsePlanJson('{"formatVersion": 1,'))).toBeInstanceOf(ValidationError);
    expect(rejection(() => parsePlanJson('{"formatVersion": 1,')).message).toMatch(
      /^plan:1:21: not valid JSON \(/,
    );
    // V8 quotes the text in some messages, line breaks included: left out, the message stays one line.
    expect(rejection(() => parsePlanJson('formatVersion: 1\ntargets: []\n')).message).toBe(
      "plan: not valid JSON (Unexpected token 'o')",
    );
    expect(rejection(() => parsePlanJson('{\n  "formatVersion": 1,\n  "targ')).message).toBe(
      'plan:3:8: not valid JSON (Unterminated string)',
    );
    expect(rejection(() => parsePlanJson('[1]')).message).toBe('plan: a plan must be a JSON object');
  });

  it('names every invalid field', () => {
    const bad = JSON.parse(renderJson(plan([targetPlan('t', 'local')])));
    bad.targets[0].held = 'no';
    bad.targets[0].changes = [{ phase: 0, action: 'obliterate', key: 'k' }];
    const error = rejection(() => parsePlanJson(JSON.stringify(bad, null, 2), 'p.json')) as ValidationError;
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.message).toBe('p.json: not a valid rollcall plan (3 problems)');
    expect(error.diagnostics.find((d) => d.message.startsWith('targets.0.held:'))?.line).toBeGreaterThan(1);
    const messages = error.diagnostics.map((d) => d.message);
    expect(messages.some((m) => m.startsWith('targets.0.held:'))).toBe(true);
    expect(messages.some((m) => m.startsWith('targets.0.changes.0.phase:'))).toBe(true);
    expect(messages.some((m) => m.startsWith('targets.0.changes.0.action:'))).toBe(true);
  });

  it('refuses values nested past 64 levels before digests walk them recursively', () => {
    // An unknown field of a target: schema-valid, but the digest's canonical form recursed until the stack overflowed.
    const deep = `${'['.repeat(20_000)}${']'.repeat(20_000)}`;
    const json = renderJson(everyActionPlan()).replace('"name": ', `"extra": ${deep}, "name": `);
    const error = rejection(() => parsePlanJson(json, 'p.json'));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.message).toBe('p.json: values nest more than 64 levels deep; this is not a rollcall plan');
  });

  it('accepts a byte order mark', () => {
    const json = renderJson(everyActionPlan());
    expect(parsePlanJson(`\ufeff${json}`)).toEqual(everyActionPlan());
  });
});
