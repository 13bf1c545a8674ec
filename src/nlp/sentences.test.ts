import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MAX_SENTENCE_CHARS, splitSentences } from './sentences.js';

const split = (text: string): string[] => splitSentences({ text }).map((s) => text.slice(s.start, s.end));

test('splits on final punctuation and keeps abbreviations and initials inside', () => {
  assert.deepEqual(split('Mr. Smith met Gen. Ortiz in St. Louis. They spoke. J. K. Rowling did not.'), [
    'Mr. Smith met Gen. Ortiz in St. Louis.',
    'They spoke.',
    'J. K. Rowling did not.',
  ]);
});

test('paragraph breaks and title lines are boundaries; wrapped lines are not', () => {
  assert.deepEqual(split('A title line\n\nThe body starts here and\ncontinues on the next line. Done.'), [
    'A title line',
    'The body starts here and\ncontinues on the next line.',
    'Done.',
  ]);
});

test('works on lower-cased text', () => {
  assert.deepEqual(split('the army said 12 people died. police arrested two men.'), ['the army said 12 people died.', 'police arrested two men.']);
});

test('"No. 43" is not a sentence end, a closing quote stays with its sentence', () => {
  assert.deepEqual(split('See issue No. 43 of the bulletin. He said "enough." Then he left.'), [
    'See issue No. 43 of the bulletin.',
    'He said "enough."',
    'Then he left.',
  ]);
});

test('a run of text with no sentence end is cut at a space into sentences of bounded length', () => {
  // Issue 9: a page with no punctuation was one sentence, and every stage that reads a sentence at a time went quadratic.
  const words = Array.from({ length: 3000 }, (_, i) => `word${i}`);
  const text = words.join(' ');
  const parts = split(text);
  assert.ok(parts.length > 1);
  for (const p of parts) assert.ok(p.length <= MAX_SENTENCE_CHARS, `a sentence of ${p.length} characters`);
  // Cut between words, never inside one, and nothing lost.
  assert.deepEqual(parts.join(' ').split(' '), words);
});

test('a single word longer than the limit is cut at the limit', () => {
  const text = 'x'.repeat(MAX_SENTENCE_CHARS * 2 + 10);
  assert.deepEqual(split(text).map((p) => p.length), [MAX_SENTENCE_CHARS, MAX_SENTENCE_CHARS, 10]);
});

test('ReDoS fix: a run of end marks is one boundary, tried from its first mark (was: from every mark, quadratic)', () => {
  assert.deepEqual(split('Help!!! They came?! Then: silence... Nothing.'), ['Help!!!', 'They came?!', 'Then: silence...', 'Nothing.']);
  // A run with no space after it is no boundary (60 000 marks took 8 s before the rewrite; recheck: quadratic, now safe).
  const run = `It began${'!'.repeat(3_000)}x and ended.`;
  assert.deepEqual(split(run), [run]);
});
