import assert from 'node:assert/strict';
import { test } from 'node:test';
import { splitSentences } from './sentences.js';

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
