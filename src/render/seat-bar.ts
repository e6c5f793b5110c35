const FULL = '▰';
const EMPTY = '▱';

/**
 * A small usage bar scaled to the pool's total: `▰▰▰▱▱▱▱▱▱▱`. A pool in use never shows empty and a
 * pool not full never shows full, so 1 of 200 and 199 of 200 read differently from 0 and 200.
 */
export function seatBar(used: number, total: number, width = 10): string {
  let filled: number;
  if (total <= 0) filled = used > 0 ? width : 0;
  else {
    filled = Math.round((used / total) * width);
    if (used > 0 && filled === 0) filled = 1;
    if (used < total && filled >= width) filled = width - 1;
  }
  filled = Math.min(width, Math.max(0, filled));
  return FULL.repeat(filled) + EMPTY.repeat(width - filled);
}
