import assert from 'node:assert/strict';
import { test } from 'node:test';
import { longestFirst } from './test-order.js';

test('the longest files start first; an unknown file counts as the median; ties go by path', () => {
  const times = { 'a.test.js': 1, 'b.test.js': 30, 'c.test.js': 5, 'gone.test.js': 99 };
  assert.deepEqual(longestFirst(['a.test.js', 'new.test.js', 'b.test.js', 'c.test.js'], times), ['b.test.js', 'c.test.js', 'new.test.js', 'a.test.js']);
  // Negative: no times at all keeps path order (a fresh clone before any record), and a recorded file
  // that no longer exists is not run.
  assert.deepEqual(longestFirst(['z.test.js', 'y.test.js'], {}), ['y.test.js', 'z.test.js']);
  assert.ok(!longestFirst(['a.test.js'], times).includes('gone.test.js'));
});
