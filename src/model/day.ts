import { z } from 'zod';

/** A calendar day, `YYYY-MM-DD`, in UTC: the unit of `until` and of a plan's `asOf` (design §6.1). */
export const IsoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a day as YYYY-MM-DD')
  .refine((s) => isValidDay(s), 'not a calendar day');

export function isValidDay(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00.000Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** The UTC day of an instant. */
export function dayOf(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (both YYYY-MM-DD): 0 for the same day, negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The earliest of some days (YYYY-MM-DD compares as text); undefined when none is given. */
export function earliestDay(...days: (string | undefined)[]): string | undefined {
  let out: string | undefined;
  for (const d of days) if (d !== undefined && (out === undefined || d < out)) out = d;
  return out;
}
