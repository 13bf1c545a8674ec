import assert from 'node:assert/strict';
import { test } from 'node:test';
import { freeTimeout } from './pg.js';

/** Hold the event loop for `ms`, as a synchronous test in the same process does. */
function hold(ms: number): void {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    // busy: nothing else in this process runs
  }
}

// Regression (CI 2026-12-01): the PostgreSQL reachability check's wall-clock timeout fired while a
// shared process's other tests held the loop, before the server's answer could be read.
test('the reachability wait counts only time the event loop was free', async () => {
  const t = freeTimeout(3, 50);
  let expired = false;
  t.expired.catch(() => (expired = true));
  hold(400); // 8 ticks of wall time, one tick of free time
  await new Promise((r) => setImmediate(r));
  assert.equal(expired, false, 'held time does not count');
  await assert.rejects(t.expired, /timeout expired/);
});

test('negative: stopped, it never rejects', async () => {
  const t = freeTimeout(1, 10);
  let expired = false;
  t.expired.catch(() => (expired = true));
  t.stop();
  await new Promise((r) => setTimeout(r, 50));
  assert.equal(expired, false);
});
