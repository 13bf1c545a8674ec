import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { Quantity } from '../model/index.js';
import { breakdownBefore, findCasualties, SentenceBreakdowns } from './casualties.js';

test('fuzz finding 47: a sentence is read once for the breakdowns of all its quantities, with the answers read one by one', () => {
  // A fuzzed line of 73 000 zeros (147 KB): each quantity read the sentence from its start to itself
  // again for "among those killed" and the last stop (2.2 s). The reading once a sentence must answer
  // as the stretch-by-stretch reading does, at every position, including a stretch ending inside a word.
  const pieces = ['among those killed', 'among the wounded', 'among', ' ', '.', ';', '5', 'killed', 'victims', 'the', 'x', '  '];
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 30 }), (parts) => {
      const s = parts.join('');
      const once = new SentenceBreakdowns(s);
      for (let at = 0; at <= s.length; at++) assert.equal(once.before(at), breakdownBefore(s.slice(0, at)), `${JSON.stringify(s)} at ${at}`);
    }),
    { numRuns: 300, seed: 47 },
  );
  assert.equal(new SentenceBreakdowns('Among those killed were 16 policemen').before(24), true);
  assert.equal(new SentenceBreakdowns('Among those killed. Then 16 policemen').before(25), false);
});

test('negative and regression: a line of many numbers is searched for its stops once, not once a number', () => {
  const text = '0 '.repeat(2_000);
  const quantities = Array.from({ length: 2_000 }, (_, i): Quantity => ({ start: 2 * i, end: 2 * i + 1, text: '0', value: 0, low: null, high: null, qualifier: 'exact', stage: 'test', reason: 'test' }));
  const lastIndexOf = String.prototype.lastIndexOf;
  let searches = 0;
  String.prototype.lastIndexOf = function (this: string, ...a: Parameters<string['lastIndexOf']>): number {
    searches++;
    return lastIndexOf.apply(this, a);
  };
  try {
    assert.deepEqual(findCasualties(text, 0, text.length, quantities), []);
  } finally {
    String.prototype.lastIndexOf = lastIndexOf;
  }
  // Before: two searches back to the line's start for each of the 2 000 numbers.
  assert.ok(searches < 100, `${searches} searches for the last stop`);
});
