import { createHash } from 'node:crypto';
import type { ActualMember, ActualState, DesiredMember } from '../model/member.js';

/** JSON with object keys sorted at every level: equal values give equal text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) {
    // As `value.map(canonicalJson).join(',')`: an element JSON cannot show (undefined) gives nothing.
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out += ',';
      const text = canonicalJson(value[i]) as string | undefined;
      if (text !== undefined) out += text;
    }
    return `${out}]`;
  }
  if (value && typeof value === 'object') {
    // Keys in the order of `<` on strings, which is also sort()'s default order (UTF-16 code units).
    const keys = Object.keys(value).sort();
    let out = '{';
    let first = true;
    for (const k of keys) {
      const v = (value as Record<string, unknown>)[k];
      if (v === undefined) continue;
      out += `${first ? '' : ','}${JSON.stringify(k)}:${canonicalJson(v)}`;
      first = false;
    }
    return `${out}}`;
  }
  return JSON.stringify(value);
}

export function sha256(text: string): string {
  return `sha256:${createHash('sha256').update(text).digest('hex')}`;
}

/**
 * A member's canonical line: its fields in sorted order (access, admin, description, email, external,
 * firstName, id, key, lastName, location, lockedRoles, notify, roles, sso, state, status, until), arrays
 * sorted too, since the platforms do not order roles.
 */
function canonicalMember(m: Record<string, unknown>): string {
  // Read one by one by name (a loop over the names made each read a generic, slow lookup), and appended
  // in few pieces: a million lines of small strings made the young generation collect every few ms.
  let out = '{';
  let first = true;
  const field = (lead: string, v: unknown): void => {
    if (v === undefined) return;
    out += first ? lead.slice(1) : lead;
    first = false;
    if (typeof v === 'string' && PLAIN.test(v)) {
      out += '"';
      out += v;
      out += '"';
    } else out += memberValue(v);
  };
  field(',"access":', m.access);
  field(',"admin":', m.admin);
  field(',"description":', m.description);
  field(',"email":', m.email);
  field(',"external":', m.external);
  field(',"firstName":', m.firstName);
  field(',"id":', m.id);
  field(',"key":', m.key);
  field(',"lastName":', m.lastName);
  field(',"location":', m.location);
  field(',"lockedRoles":', m.lockedRoles);
  field(',"notify":', m.notify);
  field(',"roles":', m.roles);
  field(',"sso":', m.sso);
  field(',"state":', m.state);
  field(',"status":', m.status);
  field(',"until":', m.until);
  return `${out}}`;
}

/** Strings JSON writes as they are, between quotes: no quote, backslash, control character or surrogate. */
const PLAIN = /^[^"\\\u0000-\u001f\ud800-\udfff]*$/;

/** JSON.stringify of a string, without the call into JSON for the usual plain one. */
function jsonString(v: string): string {
  return PLAIN.test(v) ? `"${v}"` : JSON.stringify(v);
}

/** The text of frozen lists (a loader shares one role list per combination among a million members). */
const frozenLists = new WeakMap<readonly unknown[], string>();

/** JSON.stringify of a member's value, arrays sorted. */
function memberValue(v: unknown): string {
  if (typeof v === 'string') return jsonString(v);
  if (v === true) return 'true';
  if (v === false) return 'false';
  if (Array.isArray(v)) {
    if (!Object.isFrozen(v)) return listJson(v);
    let text = frozenLists.get(v);
    if (text === undefined) {
      text = listJson(v);
      frozenLists.set(v, text);
    }
    return text;
  }
  return JSON.stringify(v) as string;
}

/** JSON.stringify of a list, sorted. */
function listJson(v: unknown[]): string {
  const sorted = isSorted(v) ? v : [...v].sort();
  let out = '[';
  for (let i = 0; i < sorted.length; i++) {
    const x: unknown = sorted[i];
    if (typeof x !== 'string') return JSON.stringify(sorted);
    out += i === 0 ? jsonString(x) : `,${jsonString(x)}`;
  }
  return `${out}]`;
}

/** Roles are mostly kept sorted already: check before copying and sorting (sort() order: by UTF-16 code units). */
function isSorted(v: unknown[]): boolean {
  for (let i = 1; i < v.length; i++) if (String(v[i - 1]) > String(v[i])) return false;
  return true;
}

/** Feeds a hash in pieces of about 64 KiB: one native call per piece instead of one per member. */
class BufferedHash {
  private pending = '';
  constructor(private readonly hash = createHash('sha256')) {}
  update(text: string): void {
    this.pending += text;
    if (this.pending.length > 65_536) {
      this.hash.update(this.pending);
      this.pending = '';
    }
  }
  digest(): string {
    this.hash.update(this.pending);
    return `sha256:${this.hash.digest('hex')}`;
  }
}

function byKey(a: { key: string }, b: { key: string }): number {
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

/**
 * The members sorted by key, stable: members already in order (a state file as rollcall writes it) are not
 * copied; others are sorted with the comparator. (Sorting "key NUL index" strings with sort()'s own order
 * instead was no faster for a `rollcall plan` of 1.1M against 1M members and held ~140 MiB more at its
 * peak: a million tag strings beside the members.)
 */
export function sortedByKey<T extends { key: string }>(members: readonly T[]): readonly T[] {
  for (let i = 1; i < members.length; i++)
    if (members[i - 1]!.key > members[i]!.key) return [...members].sort(byKey);
  return members;
}

/** sha256 over the canonical form of what a provider read: self, seats, members sorted by key. */
export function actualDigest(state: ActualState): string {
  const hash = new BufferedHash();
  hash.update(canonicalJson({ self: state.self ?? null, seats: state.seats }));
  for (const m of sortedByKey(state.members))
    hash.update(`\n${canonicalMember(m as ActualMember & Record<string, unknown>)}`);
  return hash.digest();
}

/**
 * sha256 over the desired members sorted by key; where a member was written (file, line) does not count.
 * Given the map by key, its keys are sorted (no copy of a million strings, no comparator) and the members
 * looked up; a map whose keys are not its members' keys is read as a plain list.
 */
export function desiredDigest(
  members: ReadonlyMap<string, DesiredMember> | Iterable<DesiredMember>,
  inOrder: Iterable<DesiredMember> = desiredInOrder(members),
): string {
  const hash = new BufferedHash();
  hash.update('desired');
  for (const m of inOrder) hash.update(`\n${canonicalMember(m as DesiredMember & Record<string, unknown>)}`);
  return hash.digest();
}

function desiredInOrder(
  members: ReadonlyMap<string, DesiredMember> | Iterable<DesiredMember>,
): Iterable<DesiredMember> {
  if (!(members instanceof Map)) return sortedByKey([...(members as Iterable<DesiredMember>)]);
  return mapInKeyOrder(members) ?? sortedByKey([...members.values()]);
}

/** The members of a map by key in key order, or undefined when some key is not its member's key. */
export function mapInKeyOrder(members: ReadonlyMap<string, DesiredMember>): DesiredMember[] | undefined {
  const keys = [...members.keys()].sort();
  const out: DesiredMember[] = new Array(keys.length);
  for (let i = 0; i < keys.length; i++) {
    const m = members.get(keys[i]!)!;
    if (m.key !== keys[i]) return undefined;
    out[i] = m;
  }
  return out;
}
