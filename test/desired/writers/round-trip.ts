import { expect } from 'vitest';
import type { Format } from '../../../src/config/schema.js';
import { render, WRITERS } from '../../../src/desired/writers/index.js';
import type { ActualMember, ActualState, DesiredMember } from '../../../src/model/member.js';
import { configYaml, type Loaded, loadFiles } from '../../helpers/desired.js';

/** An actual member as a provider reports it (admin, external, roles, lockedRoles always set). */
export function actual(key: string, fields: Partial<ActualMember> = {}): ActualMember {
  return { key, status: 'active', admin: false, external: false, roles: [], lockedRoles: [], ...fields };
}

export function stateOf(members: ActualMember[]): ActualState {
  return { seats: {}, members };
}

/** Writes `state` with the format's writer, then loads the file through the real config and loader. */
export async function roundTrip(
  format: Format,
  state: ActualState,
  extra?: string,
): Promise<Loaded & { text: string }> {
  const writer = WRITERS[format]!;
  const text = render(writer, state, { target: 't', schema: 'members.schema.json' });
  const file = `members${writer.extension}`;
  const loaded = await loadFiles({
    'rollcall.yaml': configYaml({ format, members: [file], extra }),
    [file]: text,
  });
  return { ...loaded, text };
}

/** The fields of each format that name what a member is (identity, state, roles and managed fields). */
const FIELDS: Record<'yaml' | '3dexperience', readonly (keyof DesiredMember)[]> = {
  yaml: ['firstName', 'lastName', 'description', 'admin', 'external', 'location', 'sso', 'access'],
  '3dexperience': ['admin', 'external', 'location'],
};

/** What the loader must give back for an actual member: invited is active, an empty location is unset. */
export function expected(format: 'yaml' | '3dexperience', m: ActualMember): Record<string, unknown> {
  const out: Record<string, unknown> = {
    key: m.key,
    roles: [...m.roles].sort(),
    state: m.status === 'invited' ? 'active' : m.status,
  };
  for (const f of FIELDS[format]) {
    const v = (m as Record<string, unknown>)[f];
    if (v !== undefined && !(f === 'location' && v === '')) out[f] = v;
  }
  return out;
}

export function described(format: 'yaml' | '3dexperience', d: DesiredMember): Record<string, unknown> {
  const out: Record<string, unknown> = { key: d.key, roles: d.roles, state: d.state };
  for (const f of FIELDS[format]) if (d[f] !== undefined) out[f] = d[f];
  return out;
}

/** Asserts the loaded members are exactly the state's members, field by field. */
export function expectSameMembers(format: 'yaml' | '3dexperience', loaded: Loaded, state: ActualState): void {
  expect(loaded.problems).toEqual([]);
  const got = [...loaded.members.values()].map((d) => described(format, d));
  const want = state.members.map((m) => expected(format, m));
  const byKey = (a: Record<string, unknown>, b: Record<string, unknown>) =>
    String(a.key) < String(b.key) ? -1 : 1;
  expect(got.sort(byKey)).toEqual(want.sort(byKey));
}
