import type { Plan } from '../model/plan.js';

/** Roles shown per chart: more would not be readable; the table above has them all. */
const MAX_ROLES = 24;

/** A label mermaid reads inside double quotes: no quotes, backticks, line breaks or mermaid comments. */
function label(s: string): string {
  const clean = s
    .replace(/["`\\\r\n]|%%/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return clean.length > 30 ? `${clean.slice(0, 29)}…` : clean;
}

/**
 * Seat usage per target as charts GitHub renders (mermaid `xychart-beta`), for the job summary: per role,
 * a bar for the seats used before the plan and one for after, and a line for the pool's total. Empty when
 * no target counts seats.
 */
export function seatCharts(plan: Plan): string {
  const charts: string[] = [];
  for (const t of plan.targets) {
    const seats = t.seats.slice(0, MAX_ROLES);
    if (seats.length === 0) continue;
    const top = Math.max(1, ...seats.flatMap((s) => [s.total, s.before, s.after]));
    charts.push(
      '```mermaid',
      'xychart-beta',
      `    title "${label(t.name)}: seats used, before and after"`,
      `    x-axis [${seats.map((s) => `"${label(s.role)}"`).join(', ')}]`,
      `    y-axis "seats" 0 --> ${top}`,
      `    bar [${seats.map((s) => s.before).join(', ')}]`,
      `    bar [${seats.map((s) => s.after).join(', ')}]`,
      `    line [${seats.map((s) => s.total).join(', ')}]`,
      '```',
      '',
      `_Per role: seats used before the plan (first bar), after it (second bar), and the pool's total (line)${t.seats.length > MAX_ROLES ? `; the first ${MAX_ROLES} of ${t.seats.length} roles` : ''}._`,
      '',
    );
  }
  return charts.length ? ['', '#### Seat usage', '', ...charts].join('\n') : '';
}
