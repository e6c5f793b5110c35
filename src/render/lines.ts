/** Appends `more` to `lines` one by one: `push(...more)` overflows the call stack past ~100,000 items. */
export function append(lines: string[], more: readonly string[]): string[] {
  for (const line of more) lines.push(line);
  return lines;
}

/** The longest length among `values` (0 for none), without spreading them as arguments. */
export function widest(values: readonly string[]): number {
  let max = 0;
  for (const v of values) if (v.length > max) max = v.length;
  return max;
}
