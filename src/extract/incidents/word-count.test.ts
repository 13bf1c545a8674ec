import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lcg } from '../../testing/shuffle.js';
import { wordCount } from './hits.js';

test('wordCount counts the runs /\\S+/g matches, every kind of white space included, and stops past atMost', () => {
  const pieces = ['Gunmen', 'killed', '5', ' ', '  ', '\t', '\n', '\u00a0', '\u2003', '\u3000', '\ufeff', '—', '😀', 'Ümit', '\u200b'];
  const next = lcg(9);
  for (let n = 0; n < 300; n++) {
    const text = Array.from({ length: next() % 40 }, () => pieces[next() % pieces.length]).join('');
    const runs = (text.match(/\S+/g) ?? []).length;
    assert.equal(wordCount(text), runs, JSON.stringify(text));
    const atMost = next() % 10;
    assert.equal(wordCount(text, atMost), Math.min(runs, atMost + 1), `${JSON.stringify(text)} at most ${atMost}`);
  }
});
