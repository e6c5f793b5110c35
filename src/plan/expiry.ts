import { daysBetween } from '../model/day.js';
import { LIFECYCLE_RANK, offboardTarget } from '../model/lifecycle.js';
import type { DesiredMember } from '../model/member.js';
import type { Notice } from '../model/plan.js';
import type { Policy } from '../model/policy.js';

export interface Expiry {
  /** The desired members as of `today`: those whose `until` has passed are offboarded by the policy. */
  desired: ReadonlyMap<string, DesiredMember>;
  /** Keys whose access ended, with their `until`. */
  ended: ReadonlyMap<string, string>;
  /** `expiring` notices, sorted by key: access that ends within `policy.expiryNotice` days. */
  notices: Notice[];
}

/**
 * `until` (design §6.1), the last day of access in UTC. After it the member is not desired: it goes as far
 * as `policy.offboard` says, whatever `prune` says. Within `expiryNotice` days (today included) the access
 * is listed as expiring. Pure: `today` is given.
 */
export function applyExpiry(
  desired: ReadonlyMap<string, DesiredMember>,
  policy: Policy,
  today: string,
): Expiry {
  const ended = new Map<string, string>();
  const notices: Notice[] = [];
  let out: Map<string, DesiredMember> | undefined;
  const target = offboardTarget(policy.offboard);
  for (const d of desired.values()) {
    if (d.until === undefined) continue;
    const left = daysBetween(today, d.until);
    if (left < 0) {
      ended.set(d.key, d.until);
      if (LIFECYCLE_RANK[d.state] >= LIFECYCLE_RANK[target]) continue;
      out ??= new Map(desired);
      out.set(d.key, { ...d, state: target });
    } else if (left <= policy.expiryNotice && d.state === 'active') {
      const when = left === 0 ? 'today' : left === 1 ? 'tomorrow' : `in ${left} days`;
      notices.push({
        kind: 'expiring',
        key: d.key,
        until: d.until,
        message: `access of ${d.key} ends after ${d.until} (${when})`,
      });
    }
  }
  notices.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { desired: out ?? desired, ended, notices };
}

export function expiredReason(until: string): string {
  return `access ended after ${until} (until)`;
}
