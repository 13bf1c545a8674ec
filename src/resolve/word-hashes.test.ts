import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lcg } from '../testing/shuffle.js';
import { hashedWords, SECOND_SEED } from './word-hashes.js';

/** FNV-1a, 32 bits, over a string's UTF-16 code units, from a seed (0: the plain offset basis): the reference. */
function fnv1a(s: string, seed = 0): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

const PIECES = ['Gunmen', 'KILLED', '12', 'in', 'San', 'Salvador;', 'Ümit', '“no”', '—', 'Мосул', '1989', 'x\u0301', '😀', '𝟘', '\ud800', '\udc00',
  'İstanbul', 'ǅ', '٣', ' ', '\n', "don't", 'e-mail', '\u00a0'];

test('the words and both hashes are those of matching /[\\p{L}\\p{N}]+/gu in the lower-cased text and hashing each match', () => {
  const next = lcg(13);
  for (let n = 0; n < 300; n++) {
    const text = Array.from({ length: next() % 50 }, () => PIECES[next() % PIECES.length]).join(next() % 2 ? ' ' : '') + ` ${n}`;
    const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
    const got = hashedWords(text);
    assert.equal(got.count, words.length, JSON.stringify(text));
    assert.deepEqual([...got.hashes], words.map((w) => fnv1a(w)), JSON.stringify(text));
    assert.deepEqual([...hashedWords(text, SECOND_SEED).hashes], words.map((w) => fnv1a(w, SECOND_SEED)), JSON.stringify(text));
    assert.deepEqual([...hashedWords(text).hashes], words.map((w) => fnv1a(w)), 'the plain hashes, asked for again after the seeded ones');
  }
});

/** ASCII only, with the characters on either side of each letter and digit range ('@', '[', '`', '{', '/', ':'): the ASCII path. */
const ASCII_PIECES = ['Gunmen', 'KILLED', '12', 'in', 'San', 'Salvador;', "don't", 'e-mail', ' ', '\n', '@x', '[Z]', '`a`', '{9}', '/0:', 'AZaz09', '\t', '~'];

test('an ASCII text gives the same words and hashes as the Unicode reading', () => {
  const next = lcg(29);
  for (let n = 0; n < 300; n++) {
    const text = Array.from({ length: next() % 50 }, () => ASCII_PIECES[next() % ASCII_PIECES.length]).join(next() % 2 ? ' ' : '') + (n % 3 ? ` ${n}` : '');
    const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
    assert.deepEqual([...hashedWords(text).hashes], words.map((w) => fnv1a(w)), JSON.stringify(text));
    assert.deepEqual([...hashedWords(text, SECOND_SEED).hashes], words.map((w) => fnv1a(w, SECOND_SEED)), JSON.stringify(text));
  }
});

test('a text longer than the scratch buffers keeps every word, and the next text reads as before', () => {
  const text = Array.from({ length: 40_000 }, (_, i) => `w${i}`).join(' ');
  const got = hashedWords(text);
  assert.equal(got.count, 40_000);
  assert.equal(got.hashes[39_999], fnv1a('w39999'));
  assert.equal(hashedWords(text, SECOND_SEED).hashes[39_999], fnv1a('w39999', SECOND_SEED));
  const small = hashedWords('after the long one');
  assert.deepEqual([...small.hashes], ['after', 'the', 'long', 'one'].map((w) => fnv1a(w)));
});
