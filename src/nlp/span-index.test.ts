import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Span } from '../model/index.js';
import { SpanIndex, spanIndex } from './span-index.js';

/** A small deterministic generator (the same layers every run). */
function rng(seed: number): () => number {
  let x = seed >>> 0;
  return () => {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    return x / 2 ** 32;
  };
}

/** Spans of several shapes, as the layers hold (sentences, mentions, wrapped spans), in layer order. */
function layer(seed: number, n: number, sorted: boolean): Span[] {
  const r = rng(seed);
  const out: Span[] = [];
  for (let i = 0; i < n; i++) {
    const start = Math.floor(r() * 200);
    const end = start + Math.floor(r() * 30) * (r() < 0.1 ? 0 : 1);
    const k = i % 3;
    out.push(k === 0 ? { start, end } : k === 1 ? { start, end, text: `t${i}` } as Span : { kind: 'x', start, end, index: i } as Span);
  }
  return sorted ? out.sort((a, b) => a.start - b.start) : out;
}

// Each query against the filter it stands for, over the layer in its own order.
test('every query gives what filtering the whole layer gives, in the layer\'s order (sorted, unsorted, empty spans, many shapes)', () => {
  for (let seed = 1; seed <= 40; seed++) {
    const items = layer(seed, seed * 3, seed % 2 === 0);
    const ix = new SpanIndex(items);
    const r = rng(seed * 7);
    for (let q = 0; q < 25; q++) {
      const a = Math.floor(r() * 230) - 10;
      const w = { start: a, end: a + Math.floor(r() * 40) };
      assert.deepEqual(ix.inside(w), items.filter((x) => x.start >= w.start && x.end <= w.end));
      assert.deepEqual(ix.startingIn(w.start, w.end), items.filter((x) => x.start >= w.start && x.start <= w.end));
      assert.deepEqual(ix.containing(a), items.filter((x) => x.start <= a && a < x.end));
      assert.equal(ix.firstContaining(a), items.find((x) => x.start <= a && a < x.end));
      assert.deepEqual(ix.overlapping(w), items.filter((x) => x.start < w.end && x.end > w.start));
      const ws = [w, { start: w.start + 5, end: w.end + 20 }];
      assert.deepEqual(ix.insideAny(ws), items.filter((x) => ws.some((v) => x.start >= v.start && x.end <= v.end)));
      const pred = (x: Span): boolean => (x.end - x.start) % 2 === 0;
      const last = items.filter((x) => x.end <= a && pred(x)).pop() ?? null;
      assert.equal(ix.lastEndingBy(a, pred), last);
    }
  }
});

test('spanIndex keeps a layer\'s index while the layer lives, and indexes it again once it has grown', () => {
  const items: Span[] = [{ start: 0, end: 5 }, { start: 10, end: 12 }];
  const first = spanIndex(items);
  assert.equal(spanIndex(items), first);
  items.push({ start: 20, end: 25 });
  const again = spanIndex(items);
  assert.notEqual(again, first);
  assert.deepEqual(again.inside({ start: 0, end: 30 }), items);
  assert.deepEqual(spanIndex([]).inside({ start: 0, end: 10 }), []);
});
