import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bcubed, fromClusters, pairwise } from './bcubed.js';

const close = (a: number | undefined, b: number, msg?: string): void => {
  assert.ok(a !== undefined && Math.abs(a - b) < 1e-9, `${msg ?? ''} expected ${b}, got ${a}`);
};

// Twelve items in three gold entities of 5, 2 and 5 — the shape of Bagga &
// Baldwin's illustration. Scores worked out by hand below.
const ITEMS = (a: number, b: number): string[] => Array.from({ length: b - a + 1 }, (_, i) => `m${a + i}`);
const GOLD = fromClusters([ITEMS(1, 5), ITEMS(6, 7), ITEMS(8, 12)]);

test('b-cubed: the gold clustering scores 1/1/1', () => {
  const s = bcubed(GOLD, GOLD);
  close(s.precision, 1);
  close(s.recall, 1);
  close(s.f1, 1);
  assert.equal(s.items, 12);
});

test('b-cubed: merging the small entity costs less than merging the two large ones (MUC scores both alike)', () => {
  // A: {1..7} {8..12}. Precision: 5 items at 5/7, 2 at 2/7, 5 at 1 → (25/7 + 4/7 + 5)/12 = 16/21.
  const a = bcubed(GOLD, fromClusters([ITEMS(1, 7), ITEMS(8, 12)]));
  close(a.precision, 16 / 21, 'A precision');
  close(a.recall, 1, 'A recall');
  close(a.f1, (2 * (16 / 21)) / (16 / 21 + 1), 'A f1');
  // C: {1..5, 8..12} {6,7}. Precision: 10 items at 5/10, 2 at 1 → 7/12.
  const c = bcubed(GOLD, fromClusters([[...ITEMS(1, 5), ...ITEMS(8, 12)], ITEMS(6, 7)]));
  close(c.precision, 7 / 12, 'C precision');
  close(c.recall, 1, 'C recall');
  assert.ok(a.f1 > c.f1);
});

test('b-cubed: all singletons and all-in-one', () => {
  // Singletons: P = 1; R = (5·1/5 + 2·1/2 + 5·1/5)/12 = 3/12.
  const s = bcubed(GOLD, fromClusters(ITEMS(1, 12).map((x) => [x])));
  close(s.precision, 1);
  close(s.recall, 0.25);
  close(s.f1, 0.4);
  // One cluster: P = (5·5/12 + 2·2/12 + 5·5/12)/12 = 54/144; R = 1.
  const o = bcubed(GOLD, fromClusters([ITEMS(1, 12)]));
  close(o.precision, 54 / 144);
  close(o.recall, 1);
});

test('b-cubed: a split entity and an item missing from the prediction', () => {
  // Prediction {1,2,3} {4,5} {6,7} {8..12}: precision 1; recall for 1..5 is 3/5,3/5,3/5,2/5,2/5 → (13/5 + 7)/12.
  const s = bcubed(GOLD, fromClusters([ITEMS(1, 3), ITEMS(4, 5), ITEMS(6, 7), ITEMS(8, 12)]));
  close(s.precision, 1);
  close(s.recall, (13 / 5 + 7) / 12);
  // m7 absent from the prediction: it is a singleton there, and m6 loses its partner.
  const m = bcubed(GOLD, fromClusters([ITEMS(1, 5), ['m6'], ITEMS(8, 12)]));
  close(m.precision, 1);
  close(m.recall, (10 + 0.5 + 0.5) / 12);
});

test('pairwise: counts of pairs, and undefined precision when nothing is merged', () => {
  // Gold pairs: 10 + 1 + 10 = 21.
  const a = pairwise(GOLD, fromClusters([ITEMS(1, 7), ITEMS(8, 12)]));
  assert.equal(a.gold, 21);
  assert.equal(a.predicted, 21 + 10); // C(7,2) = 21, C(5,2) = 10
  assert.equal(a.correct, 21);
  close(a.precision, 21 / 31);
  close(a.recall, 1);
  const s = pairwise(GOLD, fromClusters(ITEMS(1, 12).map((x) => [x])));
  assert.equal(s.predicted, 0);
  assert.equal(s.precision, undefined);
  close(s.recall, 0);
  const split = pairwise(GOLD, fromClusters([ITEMS(1, 3), ITEMS(4, 5), ITEMS(6, 7), ITEMS(8, 12)]));
  assert.equal(split.correct, 3 + 1 + 1 + 10);
  close(split.precision, 1);
  close(split.recall, 15 / 21);
});

test('labels do not matter, only the grouping', () => {
  const g = fromClusters([['a', 'b'], ['c']], ['x', 'y']);
  const p = fromClusters([['c'], ['b', 'a']], ['x', 'y']);
  close(bcubed(g, p).f1, 1);
  assert.throws(() => fromClusters([['a'], ['a']]));
});
