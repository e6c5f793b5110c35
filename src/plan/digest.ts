import { createHash } from 'node:crypto';
import type { ActualMember, ActualState, DesiredMember } from '../model/member.js';

/** JSON with object keys sorted at every level: equal values give equal text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function sha256(text: string): string {
  return `sha256:${createHash('sha256').update(text).digest('hex')}`;
}

/** Member fields in sorted order; arrays sorted too, since the platforms do not order roles. */
const MEMBER_KEYS = [
  'access',
  'admin',
  'description',
  'email',
  'external',
  'firstName',
  'id',
  'key',
  'lastName',
  'location',
  'lockedRoles',
  'notify',
  'roles',
  'sso',
  'state',
  'status',
  'until',
] as const;

function canonicalMember(m: Record<string, unknown>): string {
  let out = '{';
  let first = true;
  for (const k of MEMBER_KEYS) {
    let v = m[k];
    if (v === undefined) continue;
    if (Array.isArray(v) && !isSorted(v)) v = [...v].sort();
    out += `${first ? '' : ','}"${k}":${JSON.stringify(v)}`;
    first = false;
  }
  return `${out}}`;
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

/** sha256 over the canonical form of what a provider read: self, seats, members sorted by key. */
export function actualDigest(state: ActualState): string {
  const hash = new BufferedHash();
  hash.update(canonicalJson({ self: state.self ?? null, seats: state.seats }));
  for (const m of [...state.members].sort(byKey))
    hash.update(`\n${canonicalMember(m as ActualMember & Record<string, unknown>)}`);
  return hash.digest();
}

/** sha256 over the desired members sorted by key; where a member was written (file, line) does not count. */
export function desiredDigest(members: Iterable<DesiredMember>): string {
  const hash = new BufferedHash();
  hash.update('desired');
  for (const m of [...members].sort(byKey))
    hash.update(`\n${canonicalMember(m as DesiredMember & Record<string, unknown>)}`);
  return hash.digest();
}
