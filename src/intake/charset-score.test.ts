import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { bestCyrillic, cyrillicScore } from './charset.js';

/**
 * cyrillicScore skips its word scan when under a third of the letters can be Cyrillic (a count of
 * non-ASCII units against ASCII letters). The score must be what the scan alone gives, on any
 * text: the reference below is the scan as it was before the shortcut.
 */

const WORD = /\p{L}+/gu;
const CYRILLIC = /\p{Script=Cyrillic}/u;
const LATIN = /\p{Script=Latin}/u;
const UPPER = /\p{Lu}/u;
const ODD_CHAR = /[\p{S}\p{C}]/gu;
const NON_SPACE = /\S/gu;
const BLANKS = /\s+/g;
const FREQ: Record<string, number> = {
  о: 109.7, е: 84.5, а: 80.1, и: 73.5, н: 67, т: 62.6, с: 54.7, р: 47.3, в: 45.4, л: 44, к: 34.9, м: 32.1, д: 29.8, п: 28.1, у: 26.2, я: 20.1,
  ы: 19, ь: 17.4, г: 17, з: 16.5, б: 15.9, ч: 14.4, й: 12.1, х: 9.7, ж: 9.4, ш: 7.3, ю: 6.4, ц: 4.8, щ: 3.6, э: 3.2, ф: 2.6, ъ: 0.4, ё: 0.4,
  і: 5, ї: 1, є: 1, ґ: 0.5,
};
const LOGP = new Map(Object.entries(FREQ).map(([c, f]) => [c, Math.log(f / 1000)]));

function reference(text: string): number {
  let letters = 0;
  let cyr = 0;
  let logp = 0;
  let words = 0;
  let odd = 0;
  for (const w of text.match(WORD) ?? []) {
    words++;
    let wc = 0;
    let wl = 0;
    for (const ch of w) {
      letters++;
      if (CYRILLIC.test(ch)) {
        cyr++;
        wc++;
        logp += LOGP.get(ch.toLowerCase()) ?? Math.log(0.0002);
      } else if (LATIN.test(ch)) wl++;
    }
    const ups = Array.from(w, (c) => UPPER.test(c));
    const normal = ups.every((u) => u) || ups.slice(1).every((u) => !u);
    if ((wc && wl) || (wc && !normal)) odd++;
  }
  if (!cyr || cyr / letters < 1 / 3) return -Infinity;
  const oddChars = text.replace(BLANKS, '').match(ODD_CHAR)?.length ?? 0;
  if (oddChars / Math.max(1, text.match(NON_SPACE)?.length ?? 0) > 0.05) return -Infinity;
  return logp / cyr - 4 * (odd / Math.max(1, words));
}

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
