import picomatch from 'picomatch';

/** Whether a key matches one of the glob patterns of `policy.ignore` / `policy.protect` (case-insensitive). */
export function keyMatcher(patterns: readonly string[]): (key: string) => boolean {
  if (patterns.length === 0) return () => false;
  const m = picomatch(patterns as string[], { nocase: true, dot: true });
  return (key) => m(key);
}
