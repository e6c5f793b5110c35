import { expect } from 'vitest';
import type { Format } from '../../../src/config/schema.js';
import { DIALECTS, render } from '../../../src/formats/index.js';
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
  const writer = DIALECTS[format].writer!;
  const text = render(writer, state, { target: 't', schema: 'members.schema.json' });
  const file = `members${writer.extension}`;
  const loaded = await loadFiles({
    'rollcall.yaml': configYaml({ format, members: [file], extra }),
    [file]: text,
  });
  return { ...loaded, text };
}

type Written = 'yaml' | '3dexperience' | 'deepomatic' | 'anaplan';

/** The fields each format writes besides identity, roles and state. */
const FIELDS: Record<Written, readonly (keyof DesiredMember)[]> = {
  yaml: ['firstName', 'lastName', 'description', 'admin', 'external', 'location', 'sso', 'access'],
  '3dexperience': ['admin', 'external', 'location'],
  deepomatic: ['firstName', 'lastName', 'description'],
  anaplan: ['firstName', 'lastName', 'sso', 'access'],
};
/** Formats that have no state column: they hold the present members only. */
const NO_STATE: readonly Written[] = ['deepomatic', 'anaplan'];

/**
 * What the loader must give back for an actual member: invited is active; an empty location is unset;
 * in the CSV formats an empty cell (an empty name, an empty access list) is unset too.
 */
export function expected(format: Written, m: ActualMember): Record<string, unknown> {
  const out: Record<string, unknown> = {
    key: m.key,
    state: m.status === 'invited' ? 'active' : m.status,
  };
  if (format !== 'deepomatic') out.roles = [...m.roles].sort();
  for (const f of FIELDS[format]) {
    const v = (m as Record<string, unknown>)[f];
    const empty = v === '' || (Array.isArray(v) && v.length === 0);
    if (v !== undefined && !(empty && (f === 'location' || format !== 'yaml'))) out[f] = v;
  }
  return out;
}

export function described(format: Written, d: DesiredMember): Record<string, unknown> {
  const out: Record<string, unknown> = { key: d.key, state: d.state };
  if (format !== 'deepomatic') out.roles = d.roles;
  for (const f of FIELDS[format]) if (d[f] !== undefined) out[f] = d[f];
  return out;
}

/** Asserts the loaded members are exactly the state's members (the present ones, without a state column). */
export function expectSameMembers(format: Written, loaded: Loaded, state: ActualState): void {
  expect(loaded.problems).toEqual([]);
  const got = [...loaded.members.values()].map((d) => described(format, d));
  const members = NO_STATE.includes(format)
    ? state.members.filter((m) => m.status === 'active' || m.status === 'invited')
    : state.members;
  const want = members.map((m) => expected(format, m));
  const byKey = (a: Record<string, unknown>, b: Record<string, unknown>) =>
    String(a.key) < String(b.key) ? -1 : 1;
  expect(got.sort(byKey)).toEqual(want.sort(byKey));
}
