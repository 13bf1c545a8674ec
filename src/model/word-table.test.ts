import assert from 'node:assert/strict';
import { test } from 'node:test';
import { WordTable } from './word-table.js';
import { lcg } from '../testing/shuffle.js';

test('WordTable finds words by their characters in place, as a Map of the sliced words would', () => {
  const table = new WordTable(100);
  let clears = 0;
  const ref = new Map<string, number>();
  const gen = lcg(3);
  // The high bits: the low ones of this generator repeat with a short period.
  const next = (n: number): number => Math.floor(gen() / 2 ** 15) % n;
  for (let k = 0; k < 20_000; k++) {
    // Short words over few letters (many of the same length and near hashes), now and then a long one.
    let w = '';
    const len = next(50) === 0 ? 60 + next(10) : 1 + next(4);
    for (let i = 0; i < len; i++) w += 'abé’'[next(4)];
    const text = `${'x'.repeat(next(5))}${w} `;
    const at = text.length - 1 - w.length;
    const got = table.get(text, at, at + w.length);
    assert.equal(got, ref.get(w) ?? -1, w);
    if (got >= 0) continue;
    if (table.full) {
      table.clear();
      ref.clear();
      clears++;
    }
    const kept = table.set(text, at, at + w.length, k);
    assert.equal(kept, w.length <= WordTable.WORD_MAX);
    if (kept) ref.set(w, k);
  }
  assert.ok(clears > 10, `${clears} clears`);
});
