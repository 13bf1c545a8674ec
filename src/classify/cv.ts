/**
 * Grouped cross-validation helpers: every item of a group (an ACLED extract,
 * a country, a news outlet) falls in the same fold, so a fold's score is the
 * score on groups the model never saw — as on the held-out text that judges
 * the work (other countries, other years, other sources).
 */

/**
 * Fold of each item (0..k-1): groups sorted by size (largest first, then by
 * name) go one by one to the fold holding the fewest items so far. With k ≥
 * the number of groups this is leave-one-group-out.
 */
export function groupFolds(groups: readonly string[], k: number): Int32Array {
  const size = new Map<string, number>();
  for (const g of groups) size.set(g, (size.get(g) ?? 0) + 1);
  const order = [...size.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const load = new Array<number>(k).fill(0);
  const foldOf = new Map<string, number>();
  for (const [g, n] of order) {
    let best = 0;
    for (let f = 1; f < k; f++) if (load[f]! < load[best]!) best = f;
    foldOf.set(g, best);
    load[best]! += n;
  }
  return Int32Array.from(groups, (g) => foldOf.get(g)!);
}

/** A stable fold for an item without a natural group (FNV-1a hash of its text). */
export function hashFold(text: string, k: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % k;
}

/** Binary scores at a threshold: precision, recall, F1 and accuracy over positives/negatives. */
export interface BinaryScores {
  threshold: number;
  precision: number;
  recall: number;
  f1: number;
  /** Share of negatives scored below the threshold. */
  specificity: number;
  /** (recall + specificity) / 2: does not depend on how many of each class were sampled. */
  balancedAccuracy: number;
  positives: number;
  negatives: number;
}

export function binaryScores(scored: readonly { score: number; gold: boolean; weight?: number }[], threshold: number): BinaryScores {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  for (const s of scored) {
    const w = s.weight ?? 1;
    const yes = s.score >= threshold;
    if (s.gold) yes ? (tp += w) : (fn += w);
    else yes ? (fp += w) : (tn += w);
  }
  const precision = tp + fp ? tp / (tp + fp) : 0;
  const recall = tp + fn ? tp / (tp + fn) : 0;
  const specificity = tn + fp ? tn / (tn + fp) : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { threshold, precision, recall, f1, specificity, balancedAccuracy: (recall + specificity) / 2, positives: tp + fn, negatives: tn + fp };
}

/** The threshold (on a 0.01 grid) with the best balanced accuracy; ties go to the higher threshold. */
export function bestThreshold(scored: readonly { score: number; gold: boolean; weight?: number }[]): BinaryScores {
  let best = binaryScores(scored, 0.5);
  for (let t = 0.05; t <= 0.951; t += 0.01) {
    const s = binaryScores(scored, Math.round(t * 100) / 100);
    if (s.balancedAccuracy >= best.balancedAccuracy) best = s;
  }
  return best;
}
