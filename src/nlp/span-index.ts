import type { Span } from '../model/index.js';

/**
 * Range queries over one layer of spans (mentions, dates, quantities, role
 * fillers, regions, sentences).
 *
 * The extraction stages look up "the mentions inside this clause" or "the
 * dates of this sentence" once per trigger, claim or incident. Filtering the
 * whole layer each time made those stages quadratic in the length of the
 * document (a 1 MB report took 10 s, a 10 MB one many minutes). An index
 * answers in O(log n + k). Every query returns the items in the layer's own
 * order, so `index.inside(w).find(...)` picks the same item as
 * `layer.find((x) => inside w && ...)`.
 */
export class SpanIndex<T extends Span> {
  /** The layer sorted by start (the layer itself when it already is). */
  private readonly sorted: readonly T[];
  /** Layer position of sorted[i]; null when the layer is already sorted. */
  private readonly position: Int32Array | null;
  private readonly starts: Float64Array;
  /** Largest end among sorted[0..i]: how far back a span containing a point can start. */
  private readonly maxEnd: Float64Array;
  /**
   * The layer's length when it was indexed. Not `items.length`: `items` is the layer itself, so that
   * was always the layer's length now, and a layer that had grown kept its stale index.
   */
  readonly size: number;

  constructor(readonly items: readonly T[]) {
    this.size = items.length;
    let inOrder = true;
    for (let i = 1; i < items.length && inOrder; i++) inOrder = items[i - 1]!.start <= items[i]!.start;
    if (inOrder) {
      this.sorted = items;
      this.position = null;
    } else {
      // Pushed, not mapped: an optimised `map` makes a holey array, its other tiers a packed one (a
      // recompile of this constructor each time the other kind reached `sort`: issue 11).
      const order: number[] = [];
      for (let i = 0; i < items.length; i++) order.push(i);
      order.sort((a, b) => items[a]!.start - items[b]!.start || a - b);
      this.sorted = order.map((i) => items[i]!);
      this.position = Int32Array.from(order);
    }
    this.starts = Float64Array.from(this.sorted, (x) => x.start);
    this.maxEnd = new Float64Array(this.sorted.length);
    let m = -Infinity;
    this.sorted.forEach((x, i) => {
      m = Math.max(m, x.end);
      this.maxEnd[i] = m;
    });
  }

  /** Index in `sorted` of the first item starting at or after `pos`. */
  private lowerBound(pos: number): number {
    let lo = 0;
    let hi = this.starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.starts[mid]! < pos) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Index in `sorted` of the first item starting after `pos`. */
  private upperBound(pos: number): number {
    let lo = 0;
    let hi = this.starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.starts[mid]! <= pos) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The picked sorted positions as items, in the layer's order. */
  private inLayerOrder(picked: number[]): T[] {
    const pos = this.position;
    if (pos) picked.sort((a, b) => pos[a]! - pos[b]!);
    else picked.sort((a, b) => a - b);
    // Pushed, not mapped: every query's answer is then one kind of array, whichever tier of V8 runs
    // this (its optimised `map` makes a holey array, the others a packed one), and the many readers
    // of these answers are not compiled again for the other kind (issue 11).
    const out: T[] = [];
    for (const i of picked) out.push(this.sorted[i]!);
    return out;
  }

  /** Items that start at or after `from` and at or before `to` (both ends included). */
  startingIn(from: number, to: number): T[] {
    const picked: number[] = [];
    for (let i = this.lowerBound(from); i < this.sorted.length && this.starts[i]! <= to; i++) picked.push(i);
    return this.inLayerOrder(picked);
  }

  /** Items wholly inside `w`: start >= w.start and end <= w.end. */
  inside(w: Span): T[] {
    const picked: number[] = [];
    // An item inside w starts no later than w.end (an empty item may start at w.end).
    for (let i = this.lowerBound(w.start); i < this.sorted.length && this.starts[i]! <= w.end; i++) {
      if (this.sorted[i]!.end <= w.end) picked.push(i);
    }
    return this.inLayerOrder(picked);
  }

  /** Items wholly inside at least one of `ws`, each once. */
  insideAny(ws: readonly Span[]): T[] {
    const picked = new Set<number>();
    for (const w of ws) {
      for (let i = this.lowerBound(w.start); i < this.sorted.length && this.starts[i]! <= w.end; i++) {
        if (this.sorted[i]!.end <= w.end) picked.add(i);
      }
    }
    return this.inLayerOrder([...picked]);
  }

  /** Items that contain `pos`: start <= pos < end. */
  containing(pos: number): T[] {
    const picked: number[] = [];
    for (let i = this.upperBound(pos) - 1; i >= 0 && this.maxEnd[i]! > pos; i--) {
      if (this.sorted[i]!.end > pos) picked.push(i);
    }
    return this.inLayerOrder(picked);
  }

  /**
   * The first item, in the layer's order, that contains `pos`: `containing(pos)[0]` without the array.
   * Readers that want one region or unit of a position ask this for every claim or hit; an array a
   * call, empty in some documents and not in others, also gave V8 a new kind of array to deoptimise
   * on where `[0]` was read (issue 11).
   */
  firstContaining(pos: number): T | undefined {
    let best = -1;
    for (let i = this.upperBound(pos) - 1; i >= 0 && this.maxEnd[i]! > pos; i--) {
      if (this.sorted[i]!.end <= pos) continue;
      const at = this.position ? this.position[i]! : i;
      if (best < 0 || at < best) best = at;
    }
    return best < 0 ? undefined : this.items[best];
  }

  /** Items that share at least one position with `w`: start < w.end and end > w.start. */
  overlapping(w: Span): T[] {
    const picked: number[] = [];
    for (let i = this.lowerBound(w.end) - 1; i >= 0 && this.maxEnd[i]! > w.start; i--) {
      if (this.sorted[i]!.end > w.start) picked.push(i);
    }
    return this.inLayerOrder(picked);
  }

  /** The last item, in the layer's order, that ends at or before `pos` and satisfies `pred`; null when none does. */
  lastEndingBy(pos: number, pred: (x: T) => boolean): T | null {
    // Items starting after pos cannot end by pos; of the rest, the layer's order decides.
    let best = -1;
    for (let i = this.upperBound(pos) - 1; i >= 0; i--) {
      const x = this.sorted[i]!;
      if (x.end > pos || !pred(x)) continue;
      const at = this.position ? this.position[i]! : i;
      if (at > best) best = at;
      // Sorted by start in the layer's order: the first hit scanning back is the last in the layer.
      if (!this.position) break;
    }
    return best < 0 ? null : this.items[best]!;
  }
}

/**
 * Indexes of the layers of the documents being processed, built on first
 * use. Keyed weakly by the layer array, so an index lives exactly as long as
 * its layer; a layer that has grown since is indexed afresh. Layers are not
 * edited in place once a stage has made them.
 */
const INDEXES = new WeakMap<readonly Span[], SpanIndex<Span>>();

/** The index of a layer (cached while the layer lives). */
export function spanIndex<T extends Span>(layer: readonly T[]): SpanIndex<T> {
  const cached = INDEXES.get(layer) as SpanIndex<T> | undefined;
  if (cached && cached.size === layer.length) return cached;
  const index = new SpanIndex(layer);
  INDEXES.set(layer, index);
  return index;
}
