import assert from 'node:assert/strict';
import { test } from 'node:test';
import { IdBits } from './count-cache.js';

/** The walk by brute force: the sorted members past `from`, the first `n`. */
function reference(ids: readonly number[], from: number | null, n: number, desc: boolean): number[] {
  const sorted = [...new Set(ids)].sort((a, b) => (desc ? b - a : a - b));
  return sorted.filter((id) => from === null || (desc ? id < from : id > from)).slice(0, n);
}

test('IdBits.walk gives the members past a cursor in id order, both ways, as sorting them would', () => {
  let seed = 7;
  const rnd = (k: number): number => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % k;
  };
  for (let round = 0; round < 200; round++) {
    const span = 1 + rnd(5000);
    // Sparse and dense sets: long runs of empty bytes are passed over whole.
    const ids = Array.from({ length: rnd(round % 2 ? 40 : 2000) }, () => 1 + rnd(span));
    const bits = new IdBits();
    for (const id of ids) bits.add(id);
    for (const from of [null, 0, 1, rnd(span + 20), span, span + 100]) {
      for (const desc of [false, true]) {
        const n = 1 + rnd(60);
        assert.deepEqual(bits.walk(from, n, desc), reference(ids, from, n, desc), `round ${round}, from ${from}, n ${n}, ${desc ? 'desc' : 'asc'}`);
      }
    }
  }
});

test('negative: an empty set, a cursor past either end, and deleted members give nothing', () => {
  const empty = new IdBits();
  assert.deepEqual(empty.walk(null, 10, false), []);
  assert.deepEqual(empty.walk(null, 10, true), []);
  const bits = new IdBits();
  for (const id of [3, 9, 4000]) bits.add(id);
  assert.deepEqual(bits.walk(4000, 10, false), [], 'nothing above the last');
  assert.deepEqual(bits.walk(3, 10, true), [], 'nothing below the first');
  assert.deepEqual(bits.walk(1_000_000, 2, true), [4000, 9], 'a cursor beyond the bits, newest first');
  bits.delete(9);
  assert.deepEqual(bits.walk(null, 10, false), [3, 4000]);
  assert.equal(bits.size, 2);
});
