import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseNumber } from './numbers.js';

test('parseNumber reads figures and number words', () => {
  const cases: [string, number][] = [
    ['five', 5],
    ['Five', 5],
    ['twenty-one', 21],
    ['twenty one', 21],
    ['1,300', 1300],
    ['144', 144],
    ['1.5 million', 1_500_000],
    ['20 million', 20_000_000],
    ['a dozen', 12],
    ['two dozen', 24],
    ['a hundred', 100],
    ['one hundred and forty-four', 144],
    ['fifteen hundred', 1500],
    ['two thousand five hundred', 2500],
    ['three million', 3_000_000],
    ['seventeen', 17],
    ['zero', 0],
    ['2.5 bn', 2_500_000_000],
  ];
  for (const [words, n] of cases) assert.equal(parseNumber(words), n, words);
});

test('parseNumber rejects non-numbers and ungrammatical runs', () => {
  for (const words of ['', 'hundred', 'thousand', 'a', 'and', 'five six', 'twenty thirty', 'one and two', 'first',
    'second', 'dozens', 'several', '1,30', '12abc', 'a five', 'million thousand', 'five and']) {
    assert.equal(parseNumber(words), null, words);
  }
});
