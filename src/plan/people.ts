import type { DesiredMember } from '../model/member.js';
import type { TargetPlan } from '../model/plan.js';

/**
 * Names, on each change and blocked item, the person of the people directory it concerns (`person`), so
 * that a review can read one person's changes across targets. Members from files have none.
 */
export function attributePeople(plan: TargetPlan, desired: Iterable<DesiredMember>): void {
  const byKey = new Map<string, string>();
  for (const d of desired) {
    if (d.person === undefined) continue;
    byKey.set(d.key, d.person);
    if (d.email && !byKey.has(d.email)) byKey.set(d.email, d.person);
    if (d.id && !byKey.has(d.id)) byKey.set(d.id, d.person);
  }
  if (byKey.size === 0) return;
  for (const list of [plan.changes, plan.blocked])
    for (const c of list) {
      const person = byKey.get(c.key);
      if (person !== undefined) (c as { person?: string }).person = person;
    }
}
