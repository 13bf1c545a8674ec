/**
 * A seeded shuffle (Fisher–Yates over a linear congruential generator), so a test or debug aid that
 * feeds documents in a shuffled order can replay a failing order from its seed.
 */
export function shuffled<T>(xs: readonly T[], seed = 7): T[] {
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    const j = seed % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
