import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ARMED_PASSIVE } from './acled-type.js';
import { cleanAcledNote, hasFourWords } from './corpora.js';

/** Issue 13: the note cleaning, the four-word test and the passive armed-side pattern answer as their old (quadratic) patterns did. */
test('a coder\'s notes are removed as the old patterns removed them, closed or not', () => {
  const SIZE = /\s*\[size=[^\]]*\]/gi;
  const CODED = /\s*\((?:coded|month of|week of)[^)]*\)/gi;
  const old = (s: string): string => cleanAcledNote(s.replace(SIZE, '').replace(CODED, ''));
  const notes = ['Protesters gathered in Lagos. [size=no report]', 'Clashes (coded separately) [SIZE=around 50]  (Month of March) left two dead', '  [size=x  [size=y]] (coded (week of) x', 'a [size=' + ' [size='.repeat(2000), '  (coded ' + ' '.repeat(3000) + 'x', 'Non-violent activity: On 3 May [size=]'];
  for (const n of notes) assert.equal(cleanAcledNote(n), old(n), JSON.stringify(n.slice(0, 40)));
  assert.equal(cleanAcledNote('Protesters gathered. [size=no report] (coded separately)'), 'Protesters gathered.');
});

test('four words: the same answer as /(?:\\p{L}+\\W+){3,}\\p{L}/u', () => {
  const FOUR = /(?:\p{L}+\W+){3,}\p{L}/u;
  const texts = ['one two three four', 'one two three', 'a b c d', 'a_b c d e', 'ééééééé', 'éééééé', 'x 9 y z w', '𝐀 𝐁 𝐂 𝐃', 'A'.repeat(3000) + 'AªA0A\0AªA\0A', 'ab, cd; ef — g', '', 'abc def ghi 4'];
  for (const s of texts) assert.equal(hasFourWords(s), FOUR.test(s), JSON.stringify(s.slice(0, 30)));
});

test('armed people as a passive subject: a name before "militants" changes nothing for test()', () => {
  assert.equal(ARMED_PASSIVE.test('Al-Shabaab militants were killed'), true);
  assert.equal(ARMED_PASSIVE.test('five soldiers were reportedly ambushed'), true);
  assert.equal(ARMED_PASSIVE.test('militants killed five'), false);
  assert.equal(ARMED_PASSIVE.test(`${'V-'.repeat(5000)}x militants`), false);
});
