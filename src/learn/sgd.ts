/**
 * Multinomial logistic regression trained by mini-batch AdaGrad, our own
 * code: the same model as linear.ts (sparse binary features, values 1/√n per
 * item, one weight per feature and label) for corpora of tens of thousands of
 * items, where the full-batch trainer needs hundreds of passes. The order of
 * items is shuffled by a seeded generator, so the same data and settings give
 * the same weights.
 *
 * An item may name a set of `allowed` labels instead of one: its loss is then
 * −log Σ_{k∈allowed} p(k) (a partial label: "one of these, we do not know
 * which"). ACLED rows of the old schema carry an event type but no sub-event
 * type; as partial labels they still teach which family a report belongs to.
 *
 * L2 is applied to a feature's weights in the batches that touch it (the
 * usual lazy form): rare features are regularised less than in the
 * full-batch objective; `minCount` and the settings chosen by
 * cross-validation make up for it.
 */
import { rng } from './perceptron.js';
import type { FeatureOptions } from '../classify/features.js';
import type { LinearModel, TrainItem } from './linear.js';

export interface BatchItem extends TrainItem {
  /** The labels this item may have (a partial label); `label` is then ignored. */
  allowed?: readonly string[];
}

export interface BatchSettings {
  epochs: number;
  learningRate: number;
  l2: number;
  /** Features seen in fewer items than this are dropped. */
  minCount: number;
  batchSize: number;
  seed: number;
  /** Learn per-label biases (off: see linear.ts). */
  fitBias: boolean;
  /** Weight rows whose largest |weight| is below this are left out of the model. */
  prune: number;
}

export const BATCH_DEFAULTS: BatchSettings = Object.freeze({ epochs: 12, learningRate: 0.3, l2: 1e-5, minCount: 2, batchSize: 32, seed: 1, fitBias: false, prune: 2e-3 });


function shuffled(n: number, rnd: () => number): Int32Array {
  const o = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    const t = o[i]!;
    o[i] = o[j]!;
    o[j] = t;
  }
  return o;
}

interface Prepared {
  vocab: string[];
  X: Int32Array[];
  /** Value of each feature of an item: 1/√(number of its features, kept or not). */
  v: Float64Array;
  /** Per item: the label index, or -1 with `allowed` set. */
  y: Int32Array;
  allowed: (Uint8Array | null)[];
  w: Float64Array;
}

function prepare(items: BatchItem[], labels: string[], minCount: number): Prepared {
  const labelIx = new Map(labels.map((l, i) => [l, i]));
  const ix = (l: string): number => {
    const k = labelIx.get(l);
    if (k === undefined) throw new Error(`unknown label ${l}`);
    return k;
  };
  const counts = new Map<string, number>();
  for (const it of items) for (const f of it.features) counts.set(f, (counts.get(f) ?? 0) + 1);
  const vocab = [...counts.keys()].filter((f) => (counts.get(f) ?? 0) >= minCount).sort();
  const fIx = new Map(vocab.map((f, i) => [f, i]));
  const X = items.map((it) => Int32Array.from(it.features.map((f) => fIx.get(f) ?? -1).filter((i) => i >= 0)));
  const v = Float64Array.from(items, (it) => (it.features.length ? 1 / Math.sqrt(it.features.length) : 0));
  const y = Int32Array.from(items, (it) => (it.allowed ? -1 : ix(it.label)));
  const mask = (ls: readonly string[] | undefined): Uint8Array | null => {
    if (!ls) return null;
    const m = new Uint8Array(labels.length);
    for (const l of ls) m[ix(l)] = 1;
    return m;
  };
  const allowed = items.map((it) => mask(it.allowed));
  return { vocab, X, v, y, allowed, w: Float64Array.from(items, (it) => it.weight) };
}

/**
 * Turns the logits in `z` into the gradient of the item's loss with respect
 * to them: p − target, where the target is the one-hot label, or p
 * renormalised over the allowed labels for a partial label.
 */
export function lossGradient(z: Float64Array, y: number, allowed: Uint8Array | null): void {
  const L = z.length;
  let max = -Infinity;
  for (let k = 0; k < L; k++) if (z[k]! > max) max = z[k]!;
  let sum = 0;
  for (let k = 0; k < L; k++) {
    z[k] = Math.exp(z[k]! - max);
    sum += z[k]!;
  }
  let inSet = 0;
  for (let k = 0; k < L; k++) {
    z[k] = z[k]! / sum;
    if (allowed && allowed[k]) inSet += z[k]!;
  }
  for (let k = 0; k < L; k++) {
    const target = allowed ? (allowed[k] ? z[k]! / (inSet || 1) : 0) : k === y ? 1 : 0;
    z[k] = z[k]! - target;
  }
}

interface State {
  W: Float64Array;
  B: Float64Array;
  HW: Float64Array;
  HB: Float64Array;
  GW: Float64Array;
  GB: Float64Array;
  mark: Uint8Array;
  z: Float64Array;
}

/** One mini-batch: accumulate the batch's gradient, then an AdaGrad step on the rows it touched. */
function batchStep(p: Prepared, batch: Int32Array, s: BatchSettings, st: State, L: number): void {
  const touched: number[] = [];
  let wsum = 0;
  for (const n of batch) wsum += p.w[n]!;
  if (wsum <= 0) return;
  for (const n of batch) {
    const xs = p.X[n]!;
    const v = p.v[n]!;
    const z = st.z;
    for (let k = 0; k < L; k++) z[k] = st.B[k]!;
    for (const j of xs) for (let k = 0; k < L; k++) z[k]! += st.W[j * L + k]! * v;
    lossGradient(z, p.y[n]!, p.allowed[n]!);
    const scale = p.w[n]! / wsum;
    for (let k = 0; k < L; k++) st.GB[k]! += z[k]! * scale;
    for (const j of xs) {
      if (!st.mark[j]) {
        st.mark[j] = 1;
        touched.push(j);
      }
      for (let k = 0; k < L; k++) st.GW[j * L + k]! += z[k]! * scale * v;
    }
  }
  for (const j of touched) {
    st.mark[j] = 0;
    for (let i = j * L; i < (j + 1) * L; i++) {
      const g = st.GW[i]! + s.l2 * st.W[i]!;
      st.HW[i]! += g * g;
      st.W[i]! -= (s.learningRate * g) / Math.sqrt(st.HW[i]!);
      st.GW[i] = 0;
    }
  }
  for (let k = 0; k < L; k++) {
    if (s.fitBias) {
      st.HB[k]! += st.GB[k]! * st.GB[k]!;
      st.B[k]! -= (s.learningRate * st.GB[k]!) / Math.sqrt(st.HB[k]!);
    }
    st.GB[k] = 0;
  }
}

export function trainBatched(items: BatchItem[], labels: string[], s: BatchSettings = BATCH_DEFAULTS, features?: FeatureOptions): LinearModel {
  const L = labels.length;
  const p = prepare(items, labels, s.minCount);
  const V = p.vocab.length;
  const st: State = {
    W: new Float64Array(V * L), B: new Float64Array(L), HW: new Float64Array(V * L).fill(1e-8), HB: new Float64Array(L).fill(1e-8),
    GW: new Float64Array(V * L), GB: new Float64Array(L), mark: new Uint8Array(V), z: new Float64Array(L),
  };
  const rnd = rng(s.seed);
  const size = Math.max(1, s.batchSize);
  for (let epoch = 0; epoch < s.epochs; epoch++) {
    const order = shuffled(items.length, rnd);
    for (let b = 0; b < order.length; b += size) batchStep(p, order.subarray(b, b + size), s, st, L);
  }
  return toModel(p.vocab, st.W, st.B, labels, s.prune, features);
}

const round4 = (x: number): number => Math.round(x * 1e4) / 1e4;

function toModel(vocab: string[], W: Float64Array, B: Float64Array, labels: string[], prune: number, features?: FeatureOptions): LinearModel {
  const L = labels.length;
  const weights: Record<string, number[]> = {};
  for (let j = 0; j < vocab.length; j++) {
    const row = Array.from(W.subarray(j * L, (j + 1) * L), round4);
    if (row.some((x) => Math.abs(x) >= prune)) weights[vocab[j]!] = row;
  }
  return { labels, ...(features ? { features } : {}), bias: Array.from(B, round4), weights };
}

/**
 * A smaller copy of a model: weights below `minAbs` set to 0 and rows left
 * with nothing dropped (the model's answers change little when `minAbs` is
 * small beside its typical weight; the training scripts measure it).
 */
export function pruneModel(model: LinearModel, minAbs: number, decimals = 3): LinearModel {
  const f = 10 ** decimals;
  const weights: Record<string, number[]> = {};
  for (const [name, row] of Object.entries(model.weights)) {
    const r = row.map((x) => (Math.abs(x) < minAbs ? 0 : Math.round(x * f) / f));
    if (r.some((x) => x !== 0)) weights[name] = r;
  }
  return { ...model, weights };
}
