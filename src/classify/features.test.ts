import assert from 'node:assert/strict';
import { test } from 'node:test';
import { stem, tokens, WORD, wordSpans } from './features.js';

test('wordSpans finds what WORD matches, where it matches', () => {
  const samples = [
    '', 'a', '1', "it's rock-'n'-roll -- 'quoted' x-ray -a- a-", '3,000.50 people; 1.2.3 and 4,, 5.,6 7. 8,a', 'Ümit al-Shabaab Omarov’s U.S. St. 9am',
    "''a'' --b-- ab'", '12abc34 de56', '\n\tThe   end.',
  ];
  // Strings over the characters WORD treats specially and a few it skips, from a fixed sequence.
  const alphabet = "aZq09.,'- \n’éX";
  let seed = 5;
  for (let k = 0; k < 400; k++) {
    let s = '';
    for (let i = 0; i < 30; i++) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      s += alphabet[seed % alphabet.length];
    }
    samples.push(s);
  }
  for (const s of samples) {
    const ref = [...s.matchAll(WORD)].map((m) => ({ word: m[0], index: m.index }));
    assert.deepEqual(wordSpans(s), ref, JSON.stringify(s));
  }
});

test('tokens stays right past the bound of the raw-word cache (a hash table, cleared when full)', () => {
  // 90,000 distinct words (more than the cache keeps), half capitalised: "Aaaab", "aaaac", …
  const words: string[] = [];
  for (let i = 0; i < 90_000; i++) {
    let w = '';
    for (let n = i, k = 0; k < 4; k++, n = Math.floor(n / 26)) w += String.fromCharCode(97 + (n % 26));
    words.push(i % 2 ? `${w}ing` : `${w[0]!.toUpperCase()}${w.slice(1)}ed`);
  }
  const expected = words.map((w) => stem(w.toLowerCase()));
  for (const order of [words, [...words].reverse()]) {
    const want = order === words ? expected : [...expected].reverse();
    assert.deepEqual(tokens(order.join(' ')), want);
  }
  assert.deepEqual(tokens("'Quoted' words' edges"), ['quot', 'word', 'edge']);
  // Words over 64 characters are not kept in the table: read again each time.
  const long = `${'x'.repeat(70)}ing`;
  assert.deepEqual(tokens(`${long} ${long} ${long.toUpperCase()}`), [stem(long), stem(long), stem(long)]);
});
