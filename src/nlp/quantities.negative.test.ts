import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findQuantities } from './quantities.js';

/** Each of these must produce no quantity at all. */
const NO_QUANTITY: readonly string[] = [
  'It was the first attack of its kind.',
  'The second convoy turned back.',
  'It marked the twenty-first anniversary.',
  'He finished 21st in the list.',
  'The bombing on June 23 was condemned.',
  'They met on 23 June 2024.',
  'The group was banned in 2021.',
  'It happened in 2024.',
  'The shooting began at 10:30 near the gate.',
  'A curfew starts at 9 p.m. tonight.',
  'Support fell to 75 percent.',
  'Support fell to 75% in the poll.',
  'They were paid $5,400 each.',
  'They were paid \\$5,400 each.',
  'Each was promised 500,000 rubles.',
  'The bounty was €2 million.',
  'See Bulletin No. 43 for the text.',
  'The quote is on p. 6 of the pamphlet.',
  'Call +7 495 123-45-67 with information.',
  'The F-16 jets circled.',
  'Cases of COVID-19 rose.',
  'No one was hurt.',
  'They blamed one another.',
  'Indeed, one cannot rule out a provocation.',
  'The five-year plan was dropped.',
  'He was charged under Article 205 of the code.',
  'The monitors worked 24/7.',
  'The attack on Monday, June 24, 2024 shocked the town.',
];

test('numbers that are not counts produce no quantity', () => {
  for (const text of NO_QUANTITY) {
    const found = findQuantities(text).map((q) => q.text);
    assert.deepEqual(found, [], `no quantity expected in ${JSON.stringify(text)}`);
  }
});

test('ordinal words are never quantities', () => {
  const text = 'first second third fourth tenth hundredth';
  assert.deepEqual(findQuantities(text), []);
});

test('long runs of spaces, digits or number words stay linear (no regex blow-up)', () => {
  // Each of these took minutes with an earlier quadratic pattern; linear time is a few ms.
  const inputs = [' '.repeat(100_000), '1' + ',000'.repeat(25_000), 'one '.repeat(25_000), 'at least '.repeat(10_000)];
  for (const s of inputs) {
    const t0 = performance.now();
    findQuantities(s);
    const ms = performance.now() - t0;
    assert.ok(ms < 3000, `took ${ms.toFixed(0)} ms on a ${s.length}-char run of ${JSON.stringify(s.slice(0, 10))}`);
  }
});
