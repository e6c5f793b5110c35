import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { mergeMembersYaml } from '../../src/formats/yaml/merge-members.js';
import { writeYamlMembers } from '../../src/formats/yaml/write-members.js';
import type { ActualMember } from '../../src/model/member.js';
import { actual, stateOf } from '../desired/writers/round-trip.js';
import { configYaml, loadFiles } from '../helpers/desired.js';

/**
 * `import --write` on any members file: whatever the file said (defaults, unset fields, other values,
 * members the platform no longer has), the merged file — when the merge does not give up to a whole
 * rewrite — reads back as the platform is, and merging again changes nothing.
 */
const EMAILS = ['ada@acme.com', 'alan@acme.com', 'grace@acme.com', 'ken@acme.com', 'linus@acme.com'];
const ROLES = ['CSV', 'XEN', 'IFW'];
const LOCATIONS = ['EU1', 'EU2', 'USE1'];

const roles = fc.subarray(ROLES);
const settings = {
  firstName: fc.constantFrom('Ada', 'Grace'),
  admin: fc.boolean(),
  external: fc.boolean(),
  location: fc.constantFrom(...LOCATIONS),
  roles,
};
const platformMember = (key: string) =>
  fc
    .record(
      {
        firstName: settings.firstName,
        admin: settings.admin,
        external: settings.external,
        location: settings.location,
        roles,
        status: fc.constantFrom('active', 'invited', 'removed'),
      },
      { requiredKeys: ['admin', 'external', 'roles', 'status'] },
    )
    .map((m) => actual(key, m as Partial<ActualMember>));
const platform = fc
  .subarray(EMAILS)
  .chain((keys) => fc.tuple(...keys.map(platformMember)))
  .map((members) => stateOf(members));
const entry = (email: string) =>
  fc
    .record(
      { ...settings, state: fc.constantFrom('active', 'removed'), until: fc.constant('2099-12-31') },
      {
        requiredKeys: [],
      },
    )
    .map((fields) => ({ email, ...fields }));
const handFile = fc.record({
  defaults: fc.option(fc.record(settings, { requiredKeys: [] }), { nil: undefined }),
  members: fc.subarray(EMAILS).chain((keys) => fc.tuple(...keys.map(entry))),
});

const FILE = 'members.yaml';
const load = (text: string) => loadFiles({ 'rollcall.yaml': configYaml({ members: [FILE] }), [FILE]: text });

describe('import --write merges any members file into one that reads as the platform', () => {
  it('reads back as the platform (managed fields), keeps until, and is a fixed point', async () => {
    let merged = 0;
    await fc.assert(
      fc.asyncProperty(handFile, platform, async (hand, state) => {
        const previous = stringify(hand.defaults === undefined ? { members: hand.members } : hand);
        const written = writeYamlMembers(state, { schema: 'members.schema.json' });
        const text = mergeMembersYaml(previous, written);
        if (text === undefined) return; // a whole rewrite: the writer's own round trip is tested elsewhere
        merged++;
        const loaded = await load(text);
        expect(loaded.errors).toEqual([]);
        expect([...loaded.members.keys()].sort()).toEqual(state.members.map((m) => m.key).sort());
        for (const m of state.members) {
          const d = loaded.members.get(m.key)!;
          expect(d.state).toBe(m.status === 'invited' ? 'active' : m.status);
          expect([...d.roles].sort()).toEqual([...m.roles].sort());
          for (const f of ['firstName', 'admin', 'external', 'location'] as const)
            if (d[f] !== undefined) expect(d[f], `${m.key} ${f}`).toEqual(m[f]);
          const before = hand.members.find((e) => e.email === m.key);
          if (before?.until !== undefined) expect(d.until).toBe(before.until);
        }
        expect(mergeMembersYaml(text, written)).toBe(text);
      }),
      { numRuns: 150 },
    );
    expect(merged).toBeGreaterThan(50); // the property was about merges, not about giving up
  });

  it('a file that already says what the platform has is returned byte for byte', async () => {
    await fc.assert(
      fc.asyncProperty(platform, async (state) => {
        const written = writeYamlMembers(state, { schema: 'members.schema.json' });
        const commented = `# kept as written\n${written}`;
        expect(mergeMembersYaml(commented, written)).toBe(commented);
      }),
      { numRuns: 50 },
    );
  });
});
