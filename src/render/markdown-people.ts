import type { Plan } from '../model/plan.js';
import type { Inline } from './markdown-inline.js';

const OFFBOARD = new Set(['remove', 'pseudonymize', 'delete']);

/**
 * With a people directory, one line per person across targets: "ada@acme.com leaves: acme-3dx remove,
 * acme-gh remove". Empty when no change names a person.
 */
export function peopleLines(plan: Plan, md: Inline): string[] {
  const byPerson = new Map<string, { target: string; action: string }[]>();
  for (const t of plan.targets)
    for (const c of t.changes) {
      const person = (c as { person?: unknown }).person;
      if (typeof person !== 'string') continue;
      const list = byPerson.get(person) ?? [];
      byPerson.set(person, list);
      list.push({ target: t.name, action: c.action });
    }
  if (byPerson.size === 0) return [];
  const lines = ['**By person**', ''];
  for (const person of [...byPerson.keys()].sort()) {
    const list = byPerson.get(person)!;
    const verb = list.every((c) => OFFBOARD.has(c.action))
      ? 'leaves'
      : list.every((c) => c.action === 'invite')
        ? 'joins'
        : 'changes';
    const perTarget = new Map<string, string[]>();
    for (const c of list) {
      const actions = perTarget.get(c.target) ?? [];
      if (!actions.includes(c.action)) actions.push(c.action);
      perTarget.set(c.target, actions);
    }
    const parts = [...perTarget].map(([target, actions]) => `${md.text(target)} ${actions.join(', ')}`);
    lines.push(`- **${md.text(person)}** ${verb}: ${parts.join('; ')}`);
  }
  lines.push('');
  return lines;
}
