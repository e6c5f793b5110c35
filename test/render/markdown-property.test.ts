import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BLOCK_REASONS,
  type Blocked,
  CHANGE_ACTIONS,
  type Change,
  Plan,
  type SeatRow,
} from '../../src/model/plan.js';
import { renderMarkdown } from '../../src/render/markdown.js';
import { plan, targetPlan } from '../fixtures/plans/build.js';
import { cellSeparators, tables } from './markdown-helpers.js';

const text = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.constantFrom(
    '<script>x</script>',
    '@everyone',
    '[x](http://evil)',
    'a|b',
    '**b**',
    'a\nb',
    'x@y.com',
    '#1',
  ),
  fc.string({ minLength: 300, maxLength: 600 }),
);
const value = fc.oneof(text, fc.boolean(), fc.array(text, { maxLength: 3 }));
const fields = fc.dictionary(
  fc.constantFrom('firstName', 'lastName', 'location', 'admin', 'x-custom'),
  value,
);

const change: fc.Arbitrary<Change> = fc.record(
  {
    phase: fc.integer({ min: 1, max: 3 }),
    action: fc.constantFrom(...CHANGE_ACTIONS),
    key: text,
    roles: fc.array(text, { maxLength: 4 }),
    before: fields,
    after: fields,
    reason: text,
  },
  { requiredKeys: ['phase', 'action', 'key'] },
);
const blocked: fc.Arbitrary<Blocked> = fc.record(
  {
    action: fc.constantFrom(...CHANGE_ACTIONS),
    key: text,
    roles: fc.array(text, { maxLength: 3 }),
    reason: fc.constantFrom(...BLOCK_REASONS),
    message: text,
  },
  { requiredKeys: ['action', 'key', 'reason', 'message'] },
);
const seat: fc.Arbitrary<SeatRow> = fc.record({
  role: text,
  total: fc.nat(500),
  before: fc.nat(600),
  after: fc.nat(600),
});
const target = fc
  .record({
    name: text,
    provider: text,
    held: fc.boolean(),
    heldReason: fc.option(text, { nil: undefined }),
    changes: fc.array(change, { maxLength: 150 }),
    blocked: fc.array(blocked, { maxLength: 20 }),
    seats: fc.array(seat, { maxLength: 5 }),
  })
  .map(({ name, provider, ...parts }) => targetPlan(name, provider, parts));
const anyPlan = fc.array(target, { maxLength: 4 }).map(plan);

describe('renderMarkdown on any plan', () => {
  it('stays under maxLength with balanced sections, whole tables and no HTML from input', () => {
    fc.assert(
      fc.property(
        anyPlan,
        fc.integer({ min: 1_500, max: 30_000 }),
        fc.constantFrom('none', 'emails'),
        (p, maxLength, redact) => {
          Plan.parse(p);
          const out = renderMarkdown(p, { maxLength, redact: redact as 'none' | 'emails' });
          expect(out.length).toBeLessThan(maxLength);
          expect(out.match(/<details/g)?.length ?? 0).toBe(out.match(/<\/details>/g)?.length ?? 0);
          expect(out).not.toMatch(/<(?!\/?details|\/?summary)/);
          expect(out).not.toMatch(/@(?!\u200d)/);
          for (const t of tables(out))
            for (const line of t) expect(cellSeparators(line)).toBe(cellSeparators(t[0]!));
          if (out.includes('not shown')) expect(out).toMatch(/the full plan is in the job summary\.\n$/);
        },
      ),
      { numRuns: 150 },
    );
  });
});
