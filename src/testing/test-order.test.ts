import assert from 'node:assert/strict';
import { test } from 'node:test';
import { GROUP_SHARE, SHARE_BELOW, longestFirst, planProcesses } from './test-order.js';

test('the longest files start first; an unknown file counts as the median; ties go by path', () => {
  const times = { 'a.test.js': 1, 'b.test.js': 30, 'c.test.js': 5, 'gone.test.js': 99 };
  assert.deepEqual(longestFirst(['a.test.js', 'new.test.js', 'b.test.js', 'c.test.js'], times), ['b.test.js', 'c.test.js', 'new.test.js', 'a.test.js']);
  // Negative: no times at all keeps path order (a fresh clone before any record), and a recorded file
  // that no longer exists is not run.
  assert.deepEqual(longestFirst(['z.test.js', 'y.test.js'], {}), ['y.test.js', 'z.test.js']);
  assert.ok(!longestFirst(['a.test.js'], times).includes('gone.test.js'));
});

test('short files share processes of about GROUP_SHARE of the longest, long ones run alone; the processes start longest first', () => {
  const times = { 'long.test.js': 30, 'mid.test.js': SHARE_BELOW * 30, 'a.test.js': 3, 'b.test.js': 2, 'c.test.js': 1, 'd.test.js': 0.5 };
  const files = Object.keys(times);
  const plan = planProcesses(files, times);
  assert.deepEqual(plan[0], { files: ['long.test.js'], seconds: 30 });
  // Every file runs exactly once.
  assert.deepEqual(plan.flatMap((p) => p.files).sort(), [...files].sort());
  // A file of SHARE_BELOW of the longest or more is alone; no group goes past GROUP_SHARE of it.
  assert.ok(plan.some((p) => p.files.length === 1 && p.files[0] === 'mid.test.js'));
  for (const p of plan) if (p.files.length > 1) assert.ok(p.seconds <= GROUP_SHARE * 30);
  // The same times on a machine twice as slow give the same plan.
  const slower = Object.fromEntries(Object.entries(times).map(([f, s]) => [f, 2 * s]));
  assert.deepEqual(planProcesses(files, slower).map((p) => p.files), plan.map((p) => p.files));
  assert.deepEqual(plan.map((p) => p.seconds), [...plan.map((p) => p.seconds)].sort((x, y) => y - x));
  // Negative: without sharing, one process per file, as node --test does.
  assert.equal(planProcesses(files, times, false).length, files.length);
  assert.ok(planProcesses(files, times, false).every((p) => p.files.length === 1));
});

test('many short files fill several groups, none over GROUP_SHARE of the longest', () => {
  const times: Record<string, number> = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`f${String(i).padStart(2, '0')}.test.js`, 1.5]));
  times['long.test.js'] = 30;
  const plan = planProcesses(Object.keys(times), times);
  assert.equal(plan.length, 1 + Math.ceil(40 / Math.floor((GROUP_SHARE * 30) / 1.5)));
  assert.ok(plan.slice(1).every((p) => p.seconds <= GROUP_SHARE * 30 && p.files.length > 1));
});
