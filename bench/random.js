// The benchmarks' data generators share this: a small deterministic PRNG (mulberry32), so that every
// generated file is the same on every machine and every run.

/** A function giving numbers in [0, 1), the same sequence for the same seed. */
export function seededRandom(seed) {
  let s = seed;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
