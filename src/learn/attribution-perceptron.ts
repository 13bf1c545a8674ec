/**
 * A small multiclass averaged perceptron over hashed integer features, for
 * the attribution tagger (src/extract/attribution/learned.ts). Features are
 * unsigned integers already reduced to `2^bits` buckets by the caller; the
 * weight of (feature f, label y) sits at `f * L + y` in one flat array, so
 * scoring is a few array reads per feature and no string is built at run
 * time. Training keeps, per weight, the running total and the step of its
 * last change (the usual lazy averaging); `average()` replaces the weights
 * by their averages. The saved form is sparse: only features with some
 * |weight| ≥ prune survive, weights are stored as integers (× scale).
 */

export interface SavedHashedPerceptron {
  labels: number;
  bits: number;
  scale: number;
  /** Feature bucket of each kept row, ascending, delta-encoded. */
  rows: number[];
  /** `labels` integer weights per kept row (weight × scale, rounded). */
  w: number[];
}

export class HashedPerceptron {
  readonly L: number;
  readonly bits: number;
  readonly w: Float32Array;
  private total: Float64Array | null = null;
  private stamp: Int32Array | null = null;
  private step = 0;

  constructor(labels: number, bits: number, weights?: Float32Array) {
    this.L = labels;
    this.bits = bits;
    this.w = weights ?? new Float32Array((1 << bits) * labels);
  }

  /** Fill `out[0..L)` with the scores of the first `n` features of `feats`. */
  score(feats: Uint32Array, n: number, out: Float64Array): void {
    const L = this.L;
    const w = this.w;
    for (let y = 0; y < L; y++) out[y] = 0;
    for (let k = 0; k < n; k++) {
      const base = feats[k]! * L;
      for (let y = 0; y < L; y++) out[y] = out[y]! + w[base + y]!;
    }
  }

  /** Best label among those `allowed` (bit y set = label y allowed). */
  predict(feats: Uint32Array, n: number, scratch: Float64Array, allowed = -1): number {
    this.score(feats, n, scratch);
    let best = -1;
    let bs = -Infinity;
    for (let y = 0; y < this.L; y++) {
      if (!(allowed & (1 << y))) continue;
      if (scratch[y]! > bs) {
        bs = scratch[y]!;
        best = y;
      }
    }
    return best < 0 ? 0 : best;
  }

  /** One training step: count an example (call once per example), and move weights when guess ≠ truth. */
  tick(n = 1): void {
    this.step += n;
  }

  /** Add `d` to the weight of label `y` for the first `n` features (structured updates). */
  add(feats: Uint32Array, n: number, y: number, d: number): void {
    if (!this.total) {
      this.total = new Float64Array(this.w.length);
      this.stamp = new Int32Array(this.w.length);
    }
    for (let k = 0; k < n; k++) this.bump(feats[k]! * this.L + y, d);
  }

  update(feats: Uint32Array, n: number, truth: number, guess: number): void {
    if (truth === guess) return;
    if (!this.total) {
      this.total = new Float64Array(this.w.length);
      this.stamp = new Int32Array(this.w.length);
    }
    for (let k = 0; k < n; k++) {
      const base = feats[k]! * this.L;
      this.bump(base + truth, 1);
      this.bump(base + guess, -1);
    }
  }

  private bump(i: number, d: number): void {
    const total = this.total!;
    const stamp = this.stamp!;
    total[i]! += (this.step - stamp[i]!) * this.w[i]!;
    stamp[i] = this.step;
    this.w[i]! += d;
  }

  /** Replace weights by their averages over all steps (end of training). */
  average(): void {
    if (!this.total || !this.stamp || this.step === 0) return;
    const total = this.total;
    const stamp = this.stamp;
    for (let i = 0; i < this.w.length; i++) {
      const t = total[i]! + (this.step - stamp[i]!) * this.w[i]!;
      this.w[i] = t / this.step;
    }
    this.total = null;
    this.stamp = null;
  }

  toJSON(prune: number, scale: number): SavedHashedPerceptron {
    const rows: number[] = [];
    const w: number[] = [];
    let prev = 0;
    const L = this.L;
    for (let f = 0; f < 1 << this.bits; f++) {
      let keep = false;
      for (let y = 0; y < L; y++) if (Math.abs(this.w[f * L + y]!) >= prune) keep = true;
      if (!keep) continue;
      rows.push(f - prev);
      prev = f;
      for (let y = 0; y < L; y++) w.push(Math.round(this.w[f * L + y]! * scale));
    }
    return { labels: L, bits: this.bits, scale, rows, w };
  }

  static fromJSON(s: SavedHashedPerceptron): HashedPerceptron {
    const L = s.labels;
    const arr = new Float32Array((1 << s.bits) * L);
    let f = 0;
    for (let r = 0; r < s.rows.length; r++) {
      f += s.rows[r]!;
      for (let y = 0; y < L; y++) arr[f * L + y] = s.w[r * L + y]! / s.scale;
    }
    return new HashedPerceptron(L, s.bits, arr);
  }
}
