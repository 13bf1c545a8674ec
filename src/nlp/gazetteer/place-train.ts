/**
 * Fitting the resolver's weights (scoring.ts) to chosen readings: a
 * conditional logit (softmax over a name's readings, score = w · features)
 * with an L2 penalty toward a prior weight vector (the hand weights), so a
 * feature the data says little about keeps its hand weight. Fitted by
 * Newton's method on the full batch (the model has a score of weights), with
 * step halving: no randomness, the same data give the same weights. Features
 * listed in `frozen` keep their prior weight.
 */

/** One resolved name: each reading's features, and which reading is right. */
export interface ChoiceItem {
  features: readonly Float64Array[];
  positive: number;
}

export interface LogitSettings {
  /** Penalty λ in mean loss + λ · ‖w − prior‖². */
  l2: number;
  /** Newton steps at most. */
  iterations: number;
  /** Stop when a step lowers the loss by less than this. */
  tolerance: number;
}

export const LOGIT_DEFAULTS: LogitSettings = Object.freeze({ l2: 0.01, iterations: 50, tolerance: 1e-10 });

/** Step halvings tried before a Newton step is given up. */
const MAX_HALVINGS = 30;

function scores(w: Float64Array, fs: readonly Float64Array[]): Float64Array {
  return Float64Array.from(fs, (f) => {
    let s = 0;
    for (let i = 0; i < w.length; i++) s += w[i]! * f[i]!;
    return s;
  });
}

/** Softmax probabilities and log-sum-exp of a score vector. */
function softmax(s: Float64Array): { p: Float64Array; lse: number } {
  let max = -Infinity;
  for (const x of s) if (x > max) max = x;
  let z = 0;
  const p = Float64Array.from(s, (x) => Math.exp(x - max));
  for (const x of p) z += x;
  for (let j = 0; j < p.length; j++) p[j]! /= z;
  return { p, lse: max + Math.log(z) };
}

/** Mean negative log-likelihood plus the penalty. */
export function logitLoss(items: readonly ChoiceItem[], w: Float64Array, prior: Float64Array, l2: number): number {
  let loss = 0;
  for (const it of items) {
    const s = scores(w, it.features);
    loss += softmax(s).lse - s[it.positive]!;
  }
  let pen = 0;
  for (let i = 0; i < w.length; i++) pen += (w[i]! - prior[i]!) ** 2;
  return (items.length ? loss / items.length : 0) + l2 * pen;
}

/** Gradient and Hessian of the loss at w (dense; d is small). */
function derivatives(items: readonly ChoiceItem[], w: Float64Array, prior: Float64Array, l2: number): { g: Float64Array; h: Float64Array[] } {
  const d = w.length;
  const g = new Float64Array(d);
  const h = Array.from({ length: d }, () => new Float64Array(d));
  const n = Math.max(items.length, 1);
  for (const it of items) {
    const { p } = softmax(scores(w, it.features));
    const mu = new Float64Array(d);
    it.features.forEach((f, j) => {
      for (let a = 0; a < d; a++) mu[a]! += p[j]! * f[a]!;
    });
    const pos = it.features[it.positive]!;
    for (let a = 0; a < d; a++) g[a]! += (mu[a]! - pos[a]!) / n;
    it.features.forEach((f, j) => {
      for (let a = 0; a < d; a++) {
        const fa = p[j]! * (f[a]! - mu[a]!);
        if (fa === 0) continue;
        for (let b = 0; b < d; b++) h[a]![b]! += (fa * (f[b]! - mu[b]!)) / n;
      }
    });
  }
  for (let a = 0; a < d; a++) {
    g[a]! += 2 * l2 * (w[a]! - prior[a]!);
    h[a]![a]! += 2 * l2;
  }
  return { g, h };
}

/** Solves h x = g by Gaussian elimination with partial pivoting (h is positive definite with l2 > 0). */
function solve(h: Float64Array[], g: Float64Array): Float64Array {
  const d = g.length;
  const a = h.map((row, i) => Float64Array.from([...row, g[i]!]));
  for (let c = 0; c < d; c++) {
    let piv = c;
    for (let r = c + 1; r < d; r++) if (Math.abs(a[r]![c]!) > Math.abs(a[piv]![c]!)) piv = r;
    [a[c], a[piv]] = [a[piv]!, a[c]!];
    const pc = a[c]![c]!;
    if (Math.abs(pc) < 1e-300) continue;
    for (let r = 0; r < d; r++) {
      if (r === c) continue;
      const k = a[r]![c]! / pc;
      if (k === 0) continue;
      for (let x = c; x <= d; x++) a[r]![x]! -= k * a[c]![x]!;
    }
  }
  return Float64Array.from(a, (row, i) => (Math.abs(row[i]!) < 1e-300 ? 0 : row[d]! / row[i]!));
}

/** The weights that minimise the penalised loss, starting from the prior; `frozen` features keep it. */
export function fitConditionalLogit(items: readonly ChoiceItem[], prior: Float64Array, settings: LogitSettings = LOGIT_DEFAULTS, frozen: ReadonlySet<number> = new Set()): Float64Array {
  const w = Float64Array.from(prior);
  const free = [...prior.keys()].filter((i) => !frozen.has(i));
  let loss = logitLoss(items, w, prior, settings.l2);
  for (let it = 0; it < settings.iterations; it++) {
    const { g, h } = derivatives(items, w, prior, settings.l2);
    const step = solve(free.map((a) => Float64Array.from(free, (b) => h[a]![b]!)), Float64Array.from(free, (a) => g[a]!));
    let t = 1;
    let next = w;
    let nextLoss = loss;
    for (let k = 0; k < MAX_HALVINGS; k++, t /= 2) {
      const cand = Float64Array.from(w);
      free.forEach((a, i) => (cand[a]! -= t * step[i]!));
      const l = logitLoss(items, cand, prior, settings.l2);
      if (l < loss) {
        next = cand;
        nextLoss = l;
        break;
      }
    }
    if (next === w) break;
    const gain = loss - nextLoss;
    w.set(next);
    loss = nextLoss;
    if (gain < settings.tolerance) break;
  }
  return w;
}

/** The reading the weights choose (the first of equals, as the resolver's stable sort does). */
export function chosenReading(w: Float64Array, fs: readonly Float64Array[]): number {
  const s = scores(w, fs);
  let best = 0;
  for (let j = 1; j < s.length; j++) if (s[j]! > s[best]!) best = j;
  return best;
}

/** Share of items whose right reading the weights choose. */
export function choiceAccuracy(items: readonly ChoiceItem[], w: Float64Array): { right: number; n: number } {
  let right = 0;
  for (const it of items) if (chosenReading(w, it.features) === it.positive) right++;
  return { right, n: items.length };
}
