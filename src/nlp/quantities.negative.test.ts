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

/** CPU milliseconds of the fastest of two runs: the least disturbed by whatever else the machine runs. */
function cpuMs(f: () => void): number {
  let best = Infinity;
  for (let i = 0; i < 2; i++) {
    const c0 = process.cpuUsage();
    f();
    const c = process.cpuUsage(c0);
    best = Math.min(best, (c.user + c.system) / 1000);
  }
  return best;
}

test('long runs of spaces, digits or number words stay linear (no regex blow-up)', () => {
  // Each of these took minutes with an earlier quadratic pattern. The check is the growth, not a
  // stopwatch: four times the input costs about four times the CPU when linear, sixteen when quadratic.
  const runs: [string, number][] = [[' ', 25_000], ['1,000', 6_250], ['one ', 6_250], ['at least ', 2_500]];
  for (const [unit, n] of runs) {
    const small = cpuMs(() => findQuantities(unit.repeat(n)));
    const large = cpuMs(() => findQuantities(unit.repeat(4 * n)));
    // A floor of 5 ms keeps timer granularity from reading as growth on inputs that take no time at all.
    assert.ok(large / Math.max(small, 5) < 9, `${JSON.stringify(unit)} × ${n}: ${small.toFixed(1)} ms, × ${4 * n}: ${large.toFixed(1)} ms`);
  }
});
