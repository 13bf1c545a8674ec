/**
 * Multinomial logistic regression over sparse binary features, our own code.
 * Training is full-batch AdaGrad with L2, in a fixed order, so the same data
 * and settings always give the same weights.
 */

import type { FeatureOptions } from '../classify/features.js';

export interface LinearModel {
  labels: string[];
  /** How the model's text was featurised (absent: the defaults, no masking). */
  features?: FeatureOptions;
  /** With `features.mask: 'names'`: the ordinary words (stems) a capitalised word may be (features.ts). */
  lexicon?: string[];
  /** A second model whose centred logits are added with `weight` (the event classifier's ACLED expert; events.ts). */
  expert?: { weight: number; model: LinearModel };
  bias: number[];
  /** feature name → one weight per label. */
  weights: Record<string, number[]>;
}

export interface TrainItem {
  features: string[];
  label: string;
  weight: number;
}

export interface TrainSettings {
  epochs: number;
  learningRate: number;
  l2: number;
  /** Features seen in fewer items than this are dropped. */
  minCount: number;
  /**
   * Learn per-label biases? Off by default: how many examples we wrote per
   * label says nothing about how often each label occurs, and a learned bias
   * makes the best-represented label the answer whenever no feature speaks.
   */
  fitBias: boolean;
}

export const DEFAULT_SETTINGS: TrainSettings = Object.freeze({ epochs: 300, learningRate: 0.5, l2: 1e-4, minCount: 1, fitBias: false });

/** Each item's feature values are 1/sqrt(n): long snippets do not outvote short ones. */
export function norm(n: number): number {
  return n > 0 ? 1 / Math.sqrt(n) : 0;
}

export function trainLinear(items: TrainItem[], labels: string[], s: TrainSettings = DEFAULT_SETTINGS): LinearModel {
  const L = labels.length;
  const labelIx = new Map(labels.map((l, i) => [l, i]));
  const counts = new Map<string, number>();
  for (const it of items) for (const f of it.features) counts.set(f, (counts.get(f) ?? 0) + 1);
  const vocab = [...counts.keys()].filter((f) => (counts.get(f) ?? 0) >= s.minCount).sort();
  const fIx = new Map(vocab.map((f, i) => [f, i]));
  const X = items.map((it) => it.features.map((f) => fIx.get(f)).filter((i): i is number => i !== undefined));
  const y = items.map((it) => {
    const k = labelIx.get(it.label);
    if (k === undefined) throw new Error(`unknown label ${it.label}`);
    return k;
  });
  const V = vocab.length;
  const W = new Float64Array(V * L);
  const B = new Float64Array(L);
  const GW = new Float64Array(V * L);
  const GB = new Float64Array(L);
  const HW = new Float64Array(V * L).fill(1e-8);
  const HB = new Float64Array(L).fill(1e-8);
  const z = new Float64Array(L);
  const totalW = items.reduce((a, it) => a + it.weight, 0);
  for (let epoch = 0; epoch < s.epochs; epoch++) {
    GW.fill(0);
    GB.fill(0);
    for (let n = 0; n < X.length; n++) {
      const xs = X[n]!;
      const v = norm(items[n]!.features.length);
      for (let k = 0; k < L; k++) z[k] = B[k]!;
      for (const j of xs) for (let k = 0; k < L; k++) z[k]! += W[j * L + k]! * v;
      let max = -Infinity;
      for (let k = 0; k < L; k++) if (z[k]! > max) max = z[k]!;
      let sum = 0;
      for (let k = 0; k < L; k++) { z[k] = Math.exp(z[k]! - max); sum += z[k]!; }
      const w = items[n]!.weight / totalW;
      for (let k = 0; k < L; k++) {
        const g = (z[k]! / sum - (k === y[n] ? 1 : 0)) * w;
        GB[k]! += g;
        for (const j of xs) GW[j * L + k]! += g * v;
      }
    }
    for (let i = 0; i < V * L; i++) {
      const g = GW[i]! + s.l2 * W[i]!;
      HW[i]! += g * g;
      W[i]! -= (s.learningRate * g) / Math.sqrt(HW[i]!);
    }
    for (let k = 0; k < L && s.fitBias; k++) {
      HB[k]! += GB[k]! * GB[k]!;
      B[k]! -= (s.learningRate * GB[k]!) / Math.sqrt(HB[k]!);
    }
  }
  const round = (x: number): number => Math.round(x * 1e4) / 1e4;
  const weights: Record<string, number[]> = {};
  for (let j = 0; j < V; j++) {
    const row = Array.from(W.subarray(j * L, (j + 1) * L), round);
    if (row.some((x) => Math.abs(x) >= 1e-3)) weights[vocab[j]!] = row;
  }
  return { labels, bias: Array.from(B, round), weights };
}

/** Weight rows as a Map, built once per model object (a Map lookup beats a 9k-key object). */
const ROWS = new WeakMap<LinearModel, Map<string, Float64Array>>();

export function rowsOf(model: LinearModel): Map<string, Float64Array> {
  let rows = ROWS.get(model);
  if (!rows) {
    rows = new Map(Object.entries(model.weights).map(([f, w]) => [f, Float64Array.from(w)]));
    ROWS.set(model, rows);
  }
  return rows;
}

/** Raw scores (logits), one per label. */
export function linearScores(model: LinearModel, features: string[]): number[] {
  const L = model.labels.length;
  const z = model.bias.slice();
  const rows = rowsOf(model);
  // Normalise by all features of the item, as in training.
  const v = norm(features.length);
  for (const f of features) {
    const row = rows.get(f);
    if (!row) continue;
    for (let k = 0; k < L; k++) z[k]! += row[k]! * v;
  }
  return z;
}

/**
 * The probabilities of logits z. Loops that push, not `map`: V8's optimised code makes a mapped array
 * holey, its other tiers packed, and the callers that read probabilities were compiled again each
 * time the other kind reached them (issue 11). The same sums in the same order as before.
 */
export function softmax(z: readonly number[]): number[] {
  let max = -Infinity;
  for (const x of z) max = Math.max(max, x);
  const e: number[] = [];
  let s = 0;
  for (const x of z) {
    const v = Math.exp(x - max);
    e.push(v);
    s += v;
  }
  const out: number[] = [];
  for (const v of e) out.push(v / s);
  return out;
}

const LEXICONS = new WeakMap<LinearModel, ReadonlySet<string>>();

/** The model's lexicon as a set, built once per model object (undefined when it has none). */
export function lexiconOf(model: LinearModel | null | undefined): ReadonlySet<string> | undefined {
  if (!model?.lexicon) return undefined;
  let s = LEXICONS.get(model);
  if (!s) {
    s = new Set(model.lexicon);
    LEXICONS.set(model, s);
  }
  return s;
}
