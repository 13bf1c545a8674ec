/**
 * The order `npm test` starts its files in (scripts/run-tests.ts): the longest first, so that the short
 * ones fill in around them instead of one long file running alone at the end (the
 * longest-processing-time rule). A file with no recorded time counts as one of median length.
 */
export function longestFirst(files: readonly string[], times: Readonly<Record<string, number>>): string[] {
  const known = files.map((f) => times[f]).filter((t): t is number => t !== undefined).sort((a, b) => a - b);
  const median = known.length ? known[Math.floor(known.length / 2)]! : 0;
  const cost = (f: string): number => times[f] ?? median;
  // Ties by path, so that the order is the same on every run.
  return [...files].sort((a, b) => cost(b) - cost(a) || (a < b ? -1 : a > b ? 1 : 0));
}
