/**
 * A seeded shuffle (Fisher–Yates over a linear congruential generator), so a test or debug aid that
 * feeds documents in a shuffled order can replay a failing order from its seed.
 */
export function shuffled<T>(xs: readonly T[], seed = 7): T[] {
  const out = [...xs];
  const next = lcg(seed);
  for (let i = out.length - 1; i > 0; i--) {
    const j = next() % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/**
 * A linear congruential generator from `seed`: each call gives its next state, in [0, 2^31). Its low
 * bits repeat with a short period; divide before taking a remainder where that matters.
 */
export function lcg(seed: number): () => number {
  return () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
}
