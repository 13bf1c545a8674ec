import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { bestCyrillic, cyrillicScan, cyrillicScore } from './charset.js';

/**
 * cyrillicScore skips its word scan when under a third of the letters can be Cyrillic (a count of
 * non-ASCII units against ASCII letters). The score must be what the scan alone gives, on any
 * text: the reference is the scan alone (cyrillicScan), which is the function as it was before the
 * shortcut.
 */

/** The reference: the scan alone, as cyrillicScore was before the shortcut. */
const reference = cyrillicScan;

const PIECES = ['Взрыв', 'в центре', 'города', ' ', ', ', 'police', 'said', 'ПОЛИЦИЯ', 'рПЗЙВМЙ', 'Ђорђе', 'é', '€', '─', '\u0483', '\ud835\udc00', 'Kabul', '12', '. ', 'ёж', 'Ꙁ', 'ᲀ'];

test('cyrillicScore gives what the word scan alone gives, on texts of any mix of scripts', () => {
  const text = fc.array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ unit: 'binary', maxLength: 6 })), { maxLength: 40 }).map((a) => a.join(''));
  fc.assert(fc.property(text, (t) => Object.is(cyrillicScore(t), reference(t))), { numRuns: 3000, seed: 13 });
});

test('cyrillicScore at the edge of the shortcut: a third of the letters Cyrillic is scored, less is not', () => {
  // 2 Cyrillic letters to 4 Latin: exactly a third, scored by the scan (2 non-ASCII units, 4 ASCII letters: not 2N < A).
  assert.equal(cyrillicScore('ор abcd'), reference('ор abcd'));
  assert.ok(Number.isFinite(cyrillicScore('ор abcd')));
  // Negative: 2 to 5 is under a third, and so is plain ASCII or nothing at all.
  assert.equal(cyrillicScore('ор abcde'), -Infinity);
  assert.equal(cyrillicScore('Gunmen killed four people in Kabul'), -Infinity);
  assert.equal(cyrillicScore(''), -Infinity);
  // Mostly ASCII bytes with a few not UTF-8: no Cyrillic reading (the fuzzer's common case).
  const bytes = new TextEncoder().encode('Gunmen killed four people in Kabul on Friday, police said. '.repeat(20));
  bytes[100] = 0xe9;
  bytes[400] = 0xc0;
  assert.equal(bestCyrillic(bytes), null);
});
