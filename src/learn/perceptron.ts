/**
 * A structured averaged perceptron over label sequences (Collins 2002), with
 * first-order transitions and Viterbi decoding. Generic: callers give each
 * position a list of feature strings and the label set; BIO constraints
 * ("I-X" only after "B-X" or "I-X") are applied when labels use that scheme.
 *
 * Weights are dense per feature (one number per label), features are
 * interned to integers while training; the saved form is sparse, pruned and
 * rounded (see `toJSON`).
 */

export interface TrainSequence {
  /** feats[i] = the feature strings of position i. */
  feats: string[][];
  labels: string[];
}

export interface TrainOptions {
  epochs: number;
  seed: number;
  /** Drop features seen fewer times than this in the training data. */
  minCount?: number;
  /** Called after each epoch with the number of sequences that had an error. */
  onEpoch?: (epoch: number, errors: number) => void;
}

export interface SavedTagger {
  format: 'dossier-perceptron-v1';
  labels: string[];
  /** transitions[(prev + 1) * L + cur]; prev -1 is the start. */
  transitions: number[];
  /** feature → [labelIndex, weight, labelIndex, weight, …]. */
  weights: Record<string, number[]>;
  /** Decoding-time offsets added to each label's emission score (tuned after training; absent = 0). */
  labelBias?: number[];
  /** Data the caller's feature functions need (e.g. a vocabulary); saved and loaded as is. */
  extra?: Record<string, unknown>;
}

/** Deterministic PRNG (mulberry32) for the shuffles. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** allowed[(prev + 1) * L + cur]: whether the BIO scheme allows prev → cur. */
function bioAllowed(labels: readonly string[]): Uint8Array {
  const L = labels.length;
  const ok = new Uint8Array((L + 1) * L).fill(1);
  for (let c = 0; c < L; c++) {
    const cur = labels[c]!;
    if (!cur.startsWith('I-')) continue;
    const type = cur.slice(2);
    for (let p = -1; p < L; p++) {
      const prev = p < 0 ? 'O' : labels[p]!;
      if (prev !== `B-${type}` && prev !== `I-${type}`) ok[(p + 1) * L + c] = 0;
    }
  }
  return ok;
}

/** A tagger's parts as plain arrays (SequenceTagger.arrays, fromArrays). */
export interface TaggerArrays {
  labels: string[];
  /** Feature names; row k of `w` is names[k]'s. */
  names: string[];
  w: Float32Array;
  transitions: Float32Array;
  labelBias: Float64Array;
  extra: Record<string, unknown>;
}

export interface TagResult {
  labels: string[];
  /** Per position: the chosen label's emission score minus the best other label's. */
  margins: number[];
}

export class SequenceTagger {
  readonly labels: string[];
  private readonly L: number;
  private readonly index: Map<string, number>;
  /** Dense weights: w[f * L + y]. */
  private w: Float32Array;
  private readonly trans: Float32Array;
  private readonly allowed: Uint8Array;
  /** Allowed predecessors of label y (not the start): pred[predOff[y] .. predOff[y + 1]). */
  private readonly predOff: Int32Array;
  private readonly pred: Int32Array;
  /** Caller data saved with the model (see SavedTagger.extra). */
  extra: Record<string, unknown> = {};
  /** Added to each label's emission score when tagging (not in training). */
  labelBias: Float64Array;

  private constructor(labels: string[], index: Map<string, number>, w: Float32Array, trans: Float32Array) {
    this.labels = labels;
    this.L = labels.length;
    this.index = index;
    this.w = w;
    this.trans = trans;
    this.allowed = bioAllowed(labels);
    const L = labels.length;
    const pred: number[] = [];
    this.predOff = new Int32Array(L + 1);
    for (let y = 0; y < L; y++) {
      for (let p = 0; p < L; p++) if (this.allowed[(p + 1) * L + y]) pred.push(p);
      this.predOff[y + 1] = pred.length;
    }
    this.pred = Int32Array.from(pred);
    this.labelBias = new Float64Array(labels.length);
  }

  /** Shift one label's emission scores at decoding time, e.g. a negative bias on "O" trades precision for recall. */
  setBias(label: string, value: number): void {
    const y = this.labels.indexOf(label);
    if (y >= 0) this.labelBias[y] = value;
  }

  get featureCount(): number {
    return this.index.size;
  }

  /** Feature string → row id, for callers that compute feature ids themselves (see `tagIds`). */
  get featureIndex(): ReadonlyMap<string, number> {
    return this.index;
  }

  /** Emission scores for one position: scores[y]. */
  private emit(feats: readonly string[], out: Float64Array, off: number): void {
    const L = this.L;
    const w = this.w;
    for (let y = 0; y < L; y++) out[off + y] = 0;
    for (const f of feats) {
      const k = this.index.get(f);
      if (k === undefined) continue;
      const base = k * L;
      for (let y = 0; y < L; y++) out[off + y] = out[off + y]! + w[base + y]!;
    }
  }

  private emitIds(ids: Int32Array, out: Float64Array, off: number): void {
    const L = this.L;
    const w = this.w;
    for (let y = 0; y < L; y++) out[off + y] = 0;
    for (let i = 0; i < ids.length; i++) {
      const base = ids[i]! * L;
      for (let y = 0; y < L; y++) out[off + y] = out[off + y]! + w[base + y]!;
    }
  }

  /** Adds the weight rows of these feature ids into out[off .. off + L) (float64, for `tagIds`'s `pre`). */
  rowSum(ids: ArrayLike<number>, out: Float64Array, off = 0): void {
    const L = this.L;
    const w = this.w;
    for (let i = 0; i < ids.length; i++) {
      const base = ids[i]! * L;
      for (let y = 0; y < L; y++) out[off + y] = out[off + y]! + w[base + y]!;
    }
  }

  /** Viterbi over precomputed emissions (n × L); `path` gets the result (a new array when not given). */
  private viterbi(em: Float64Array, n: number, path: Int32Array = new Int32Array(n)): Int32Array {
    const L = this.L;
    const tr = this.trans;
    const ok = this.allowed;
    if (this.vScore.length < n * L) {
      this.vScore = new Float64Array(n * L * 2);
      this.vBack = new Int32Array(n * L * 2);
    }
    const score = this.vScore;
    const back = this.vBack;
    const predOff = this.predOff;
    const pred = this.pred;
    for (let y = 0; y < L; y++) score[y] = ok[y] ? em[y]! + tr[y]! : -Infinity;
    for (let i = 1; i < n; i++) {
      const prev = (i - 1) * L;
      const cur = i * L;
      for (let y = 0; y < L; y++) {
        let best = -Infinity;
        let arg = 0;
        // Allowed predecessors of y, in increasing order (ties go to the first, as before).
        const end = predOff[y + 1]!;
        for (let q = predOff[y]!; q < end; q++) {
          const p = pred[q]!;
          const s = score[prev + p]! + tr[(p + 1) * L + y]!;
          if (s > best) {
            best = s;
            arg = p;
          }
        }
        score[cur + y] = best + em[cur + y]!;
        back[cur + y] = arg;
      }
    }
    let best = -Infinity;
    path[n - 1] = 0;
    for (let y = 0; y < L; y++) {
      if (score[(n - 1) * L + y]! > best) {
        best = score[(n - 1) * L + y]!;
        path[n - 1] = y;
      }
    }
    for (let i = n - 1; i > 0; i--) path[i - 1] = back[i * L + path[i]!]!;
    return path;
  }

  tag(feats: readonly (readonly string[])[]): TagResult {
    const n = feats.length;
    if (!n) return { labels: [], margins: [] };
    const L = this.L;
    const em = new Float64Array(n * L);
    for (let i = 0; i < n; i++) {
      this.emit(feats[i]!, em, i * L);
      for (let y = 0; y < L; y++) em[i * L + y] = em[i * L + y]! + this.labelBias[y]!;
    }
    const path = this.viterbi(em, n);
    const labels: string[] = new Array<string>(n);
    const margins: number[] = new Array<number>(n);
    for (let i = 0; i < n; i++) {
      const y = path[i]!;
      labels[i] = this.labels[y]!;
      let other = -Infinity;
      for (let z = 0; z < L; z++) if (z !== y && em[i * L + z]! > other) other = em[i * L + z]!;
      margins[i] = em[i * L + y]! - other;
    }
    return { labels, margins };
  }

  // Scratch buffers of tagIds / viterbi, grown as needed.
  private vScore = new Float64Array(0);
  private vBack = new Int32Array(0);
  private tEm = new Float64Array(0);
  private tPath = new Int32Array(0);
  private tMargin = new Float64Array(0);

  /**
   * `tag` over feature row ids: position i has the ids ids[offs[i] ..
   * offs[i + 1]) (ids from `featureIndex`); `pre`, when given, holds n × L
   * emission scores to start from (e.g. `rowSum`s of features the caller
   * summed ahead). Returns label indices (into `labels`) and margins in
   * buffers that the next call reuses: read them before tagging again.
   *
   * Same decisions and margins as `tag` on the same features, bit for bit,
   * for a saved model (`toJSON`/`fromJSON`: weights rounded to 2 decimals,
   * small ones pruned): their float32 values span few enough binades that
   * float64 sums are exact in any order. For a freshly trained, unrounded
   * model the sums can differ in the last bits when `pre` changes the order.
   */
  tagIds(ids: Int32Array, offs: Int32Array, n: number, pre: Float64Array | null = null): { path: Int32Array; margins: Float64Array } {
    const L = this.L;
    if (this.tPath.length < n) {
      this.tEm = new Float64Array(n * L * 2);
      this.tPath = new Int32Array(n * 2);
      this.tMargin = new Float64Array(n * 2);
    }
    const em = this.tEm;
    const path = this.tPath;
    const margins = this.tMargin;
    if (!n) return { path, margins };
    const w = this.w;
    const bias = this.labelBias;
    for (let i = 0; i < n; i++) {
      const off = i * L;
      if (pre) for (let y = 0; y < L; y++) em[off + y] = pre[off + y]!;
      else for (let y = 0; y < L; y++) em[off + y] = 0;
      const end = offs[i + 1]!;
      for (let j = offs[i]!; j < end; j++) {
        const base = ids[j]! * L;
        for (let y = 0; y < L; y++) em[off + y] = em[off + y]! + w[base + y]!;
      }
      for (let y = 0; y < L; y++) em[off + y] = em[off + y]! + bias[y]!;
    }
    this.viterbi(em, n, path);
    for (let i = 0; i < n; i++) {
      const y = path[i]!;
      const off = i * L;
      let other = -Infinity;
      for (let z = 0; z < L; z++) if (z !== y && em[off + z]! > other) other = em[off + z]!;
      margins[i] = em[off + y]! - other;
    }
    return { path, margins };
  }

  static train(data: readonly TrainSequence[], opts: TrainOptions): SequenceTagger {
    const labelSet = new Set<string>(['O']);
    for (const s of data) for (const l of s.labels) labelSet.add(l);
    const labels = [...labelSet].sort((a, b) => (a === 'O' ? -1 : b === 'O' ? 1 : a.slice(2).localeCompare(b.slice(2)) || a.localeCompare(b)));
    const L = labels.length;
    const lab = new Map(labels.map((l, i) => [l, i]));
    // Intern features (count first, then keep the frequent ones).
    const counts = new Map<string, number>();
    for (const s of data) for (const fs of s.feats) for (const f of fs) counts.set(f, (counts.get(f) ?? 0) + 1);
    const minCount = opts.minCount ?? 1;
    const index = new Map<string, number>();
    for (const [f, c] of counts) if (c >= minCount) index.set(f, index.size);
    const seqs = data.map((s) => ({
      ids: s.feats.map((fs) => Int32Array.from(fs.map((f) => index.get(f) ?? -1).filter((k) => k >= 0))),
      gold: Int32Array.from(s.labels.map((l) => lab.get(l)!)),
    }));
    const F = index.size;
    const w = new Float32Array(F * L);
    const trans = new Float32Array((L + 1) * L);
    // Averaging: u accumulates c·Δ; the average is w − u / c.
    const uw = new Float64Array(F * L);
    const ut = new Float64Array((L + 1) * L);
    const tagger = new SequenceTagger(labels, index, w, trans);
    const rand = rng(opts.seed);
    const order = seqs.map((_, i) => i);
    let c = 1;
    for (let epoch = 1; epoch <= opts.epochs; epoch++) {
      for (let i = order.length - 1; i > 0; i--) {
        const j = Math.floor(rand() * (i + 1));
        [order[i], order[j]] = [order[j]!, order[i]!];
      }
      let errors = 0;
      for (const k of order) {
        const s = seqs[k]!;
        const n = s.gold.length;
        if (!n) continue;
        const em = new Float64Array(n * L);
        for (let i = 0; i < n; i++) tagger.emitIds(s.ids[i]!, em, i * L);
        const pred = tagger.viterbi(em, n);
        let wrong = false;
        for (let i = 0; i < n; i++) {
          const g = s.gold[i]!;
          const p = pred[i]!;
          const gp = i ? s.gold[i - 1]! : -1;
          const pp = i ? pred[i - 1]! : -1;
          if (g !== p) {
            wrong = true;
            for (const f of s.ids[i]!) {
              w[f * L + g] = w[f * L + g]! + 1;
              uw[f * L + g] = uw[f * L + g]! + c;
              w[f * L + p] = w[f * L + p]! - 1;
              uw[f * L + p] = uw[f * L + p]! - c;
            }
          }
          if (g !== p || gp !== pp) {
            const tg = (gp + 1) * L + g;
            const tp = (pp + 1) * L + p;
            trans[tg] = trans[tg]! + 1;
            ut[tg] = ut[tg]! + c;
            trans[tp] = trans[tp]! - 1;
            ut[tp] = ut[tp]! - c;
          }
        }
        if (wrong) errors++;
        c++;
      }
      opts.onEpoch?.(epoch, errors);
    }
    for (let i = 0; i < w.length; i++) w[i] = w[i]! - uw[i]! / c;
    for (let i = 0; i < trans.length; i++) trans[i] = trans[i]! - ut[i]! / c;
    return tagger;
  }

  /**
   * The saved form: weights rounded to `digits` decimals, entries whose
   * rounded magnitude is below `prune` dropped, features left with no
   * entries dropped.
   */
  toJSON(prune = 0.05, digits = 2): SavedTagger {
    const L = this.L;
    const q = 10 ** digits;
    const r = (x: number): number => Math.round(x * q) / q;
    const weights: Record<string, number[]> = {};
    for (const [f, k] of this.index) {
      const row: number[] = [];
      for (let y = 0; y < L; y++) {
        const v = r(this.w[k * L + y]!);
        if (Math.abs(v) >= prune) row.push(y, v);
      }
      if (row.length) weights[f] = row;
    }
    return { format: 'dossier-perceptron-v1', labels: this.labels, transitions: Array.from(this.trans, r), weights, labelBias: Array.from(this.labelBias, r), extra: this.extra };
  }

  /** The model as arrays, for a packed copy (learn/packed.ts): feature names in row order and the dense weights. */
  arrays(): TaggerArrays {
    return { labels: this.labels, names: [...this.index.keys()], w: this.w, transitions: this.trans, labelBias: this.labelBias, extra: this.extra };
  }

  /** A tagger over arrays as `arrays()` gives them; the arrays are used as they are, not copied. */
  static fromArrays(a: TaggerArrays): SequenceTagger {
    const index = new Map<string, number>();
    for (let k = 0; k < a.names.length; k++) index.set(a.names[k]!, k);
    const t = new SequenceTagger(a.labels, index, a.w, a.transitions);
    t.labelBias = a.labelBias;
    t.extra = a.extra;
    return t;
  }

  static fromJSON(j: SavedTagger): SequenceTagger {
    if (j.format !== 'dossier-perceptron-v1') throw new Error(`unknown tagger format ${String(j.format)}`);
    const L = j.labels.length;
    const feats = Object.keys(j.weights);
    const index = new Map<string, number>();
    const w = new Float32Array(feats.length * L);
    for (const f of feats) {
      const k = index.size;
      index.set(f, k);
      const row = j.weights[f]!;
      for (let i = 0; i + 1 < row.length; i += 2) w[k * L + row[i]!] = row[i + 1]!;
    }
    const t = new SequenceTagger(j.labels, index, w, Float32Array.from(j.transitions));
    if (j.labelBias) t.labelBias = Float64Array.from(j.labelBias);
    if (j.extra) t.extra = j.extra;
    return t;
  }
}
