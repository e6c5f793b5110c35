import { MANAGED_FIELDS } from '../model/member.js';
import type { FieldValues } from '../model/plan.js';

const RANK = new Map<string, number>(MANAGED_FIELDS.map((f, i) => [f, i]));

/**
 * The field names of a change's `before` and `after`, in a stable order: the managed fields in their
 * canonical order (firstName, lastName, …), then any other name sorted.
 */
export function fieldNames(before: FieldValues | undefined, after: FieldValues | undefined): string[] {
  const names = new Set([...Object.keys(after ?? {}), ...Object.keys(before ?? {})]);
  return [...names].sort(compareFields);
}

export function compareFields(a: string, b: string): number {
  const ra = RANK.get(a);
  const rb = RANK.get(b);
  if (ra !== undefined && rb !== undefined) return ra - rb;
  if (ra !== undefined) return -1;
  if (rb !== undefined) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}
