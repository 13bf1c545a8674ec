/**
 * Clustering scores for cross-document coreference: B-cubed (Bagga & Baldwin
 * 1998, equal weight per item) and pairwise merge precision/recall.
 *
 * A clustering is given as a map item → cluster label. Both clusterings must
 * cover the same items; an item missing from the prediction counts as its own
 * singleton cluster there (so the scorer never rewards dropping items).
 */

export type Clustering = Map<string, string>;

export interface BCubed {
  precision: number;
  recall: number;
  f1: number;
  items: number;
}

export interface Pairwise {
  /** Pairs put together by the prediction that gold also puts together. */
  correct: number;
  /** Pairs the prediction puts together. */
  predicted: number;
  /** Pairs gold puts together. */
  gold: number;
  /** correct / predicted; undefined when the prediction merges nothing. */
  precision: number | undefined;
  /** correct / gold; undefined when gold has no pair. */
  recall: number | undefined;
  f1: number | undefined;
}

const f1of = (p: number, r: number): number => (p + r === 0 ? 0 : (2 * p * r) / (p + r));

/** Group items by cluster label. */
export function clustersOf(c: Clustering): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const [item, label] of c) {
    let s = out.get(label);
    if (!s) out.set(label, (s = new Set()));
    s.add(item);
  }
  return out;
}

/** Build a clustering from a list of clusters (label = index, or a given label). */
export function fromClusters(clusters: string[][], labels?: string[]): Clustering {
  const c: Clustering = new Map();
  clusters.forEach((items, i) => {
    for (const it of items) {
      if (c.has(it)) throw new Error(`item "${it}" is in more than one cluster`);
      c.set(it, labels?.[i] ?? String(i));
    }
  });
  return c;
}

/** The prediction restricted to gold's items, with unknown items as singletons. */
function align(gold: Clustering, pred: Clustering): Clustering {
  const out: Clustering = new Map();
  for (const item of gold.keys()) out.set(item, pred.has(item) ? `p:${pred.get(item)}` : `singleton:${item}`);
  return out;
}

export function bcubed(gold: Clustering, pred: Clustering): BCubed {
  const p = align(gold, pred);
  const gc = clustersOf(gold);
  const pc = clustersOf(p);
  let ps = 0;
  let rs = 0;
  for (const [item, g] of gold) {
    const G = gc.get(g)!;
    const P = pc.get(p.get(item)!)!;
    let both = 0;
    for (const x of P) if (G.has(x)) both++;
    ps += both / P.size;
    rs += both / G.size;
  }
  const n = gold.size;
  const precision = n ? ps / n : 1;
  const recall = n ? rs / n : 1;
  return { precision, recall, f1: f1of(precision, recall), items: n };
}

export function pairwise(gold: Clustering, pred: Clustering): Pairwise {
  const p = align(gold, pred);
  const pairs = (c: Clustering): number => {
    let n = 0;
    for (const s of clustersOf(c).values()) n += (s.size * (s.size - 1)) / 2;
    return n;
  };
  // Correct pairs: for each (predicted, gold) cell of the contingency table, C(n, 2).
  const cells = new Map<string, number>();
  for (const [item, g] of gold) {
    const k = `${p.get(item)}\u0000${g}`;
    cells.set(k, (cells.get(k) ?? 0) + 1);
  }
  let correct = 0;
  for (const n of cells.values()) correct += (n * (n - 1)) / 2;
  const predicted = pairs(p);
  const goldPairs = pairs(gold);
  const precision = predicted ? correct / predicted : undefined;
  const recall = goldPairs ? correct / goldPairs : undefined;
  const f1 = precision !== undefined && recall !== undefined ? f1of(precision, recall) : undefined;
  return { correct, predicted, gold: goldPairs, precision, recall, f1 };
}
