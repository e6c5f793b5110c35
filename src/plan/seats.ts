import { isPresent } from '../model/lifecycle.js';
import type { ActualMember, ActualState } from '../model/member.js';
import type { SeatRow } from '../model/plan.js';
import { block, type Drafts } from './draft.js';
import type { ActualLookup } from './rules.js';

const present = (m: ActualMember | undefined) => m !== undefined && isPresent(m.status);

/**
 * Seat pools (design §6): per role, after = used − revokes − roles of removed members + grants + invites.
 * When after > total the plan cannot be applied as is: every grant or invite that needs that role is
 * blocked `no-seats`, and the row shows the shortfall. Revokes and removals run in an earlier phase, so
 * the seats they free are counted for the grants of the same apply.
 */
export function seatPools(
  drafts: Drafts,
  actual: ActualState,
  byKey: Pick<ActualLookup, 'get'>,
  /** Show the shortfall, block nothing (the tenant grants roles without licenses). */
  advisory = false,
): SeatRow[] {
  const pools = Object.keys(actual.seats);
  if (pools.length === 0) return [];
  const before = new Map<string, number>(pools.map((r) => [r, 0]));
  for (const m of actual.members) {
    if (!present(m)) continue;
    for (const r of m.roles) if (before.has(r)) before.set(r, before.get(r)! + 1);
  }
  const after = new Map(before);
  const add = (role: string, n: number) => {
    if (after.has(role)) after.set(role, after.get(role)! + n);
  };
  for (const d of drafts.changes) {
    if (d.action === 'revoke' || d.action === 'grant' || d.action === 'invite')
      for (const r of d.roles ?? []) add(r, d.action === 'revoke' ? -1 : 1);
    else if (d.action === 'remove') {
      const m = byKey.get(d.key);
      if (present(m)) for (const r of m!.roles) add(r, -1);
    }
  }
  const short = new Set(pools.filter((r) => after.get(r)! > actual.seats[r]!));
  if (short.size > 0 && !advisory) {
    const shortfall = (r: string) =>
      `${r} needs ${after.get(r)! - actual.seats[r]!} more license(s) than the ${actual.seats[r]} available`;
    const kept = [];
    for (const d of drafts.changes) {
      const missing =
        (d.action === 'grant' || d.action === 'invite') && d.roles ? d.roles.filter((r) => short.has(r)) : [];
      if (missing.length === 0) {
        kept.push(d);
        continue;
      }
      drafts.blocked.push(block(d, 'no-seats', `no seats: ${missing.map(shortfall).join('; ')}`, missing));
      if (d.action === 'grant') {
        const rest = d.roles!.filter((r) => !short.has(r));
        if (rest.length > 0) kept.push({ ...d, roles: rest });
      }
    }
    drafts.changes = kept;
  }
  return pools.sort().map((role) => {
    const row: SeatRow = {
      role,
      total: actual.seats[role]!,
      before: before.get(role)!,
      after: after.get(role)!,
    };
    if (row.after > row.total) row.shortfall = row.after - row.total;
    return row;
  });
}
