import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FreshRead } from './fresh-read.js';

/** A read whose answers the test gives by hand, in order: the value a store holds when the read runs. */
function manual(): { read: () => Promise<number>; answer: (v: number) => void; pending: () => number } {
  const waiting: ((v: number) => void)[] = [];
  return {
    read: () => new Promise<number>((resolve) => waiting.push(resolve)),
    answer: (v) => waiting.shift()!(v),
    pending: () => waiting.length,
  };
}

const tick = (): Promise<void> => new Promise((r) => setImmediate(r));

test('callers who arrive while a read is in flight share the next read, not that one', async () => {
  const m = manual();
  const f = new FreshRead(m.read);
  const first = f.get();
  // A write commits here (the value becomes 2) while the first read was answered with 1.
  const late = [f.get(), f.get(), f.get()];
  assert.equal(m.pending(), 1, 'one read in flight; the others wait for the next');
  m.answer(1);
  assert.equal(await first, 1);
  await tick();
  assert.equal(m.pending(), 1, 'the next read started once the first ended');
  m.answer(2);
  assert.deepEqual(await Promise.all(late), [2, 2, 2]);
  assert.equal(f.reads, 2, 'four callers, two reads');
});

test('a caller after every read has ended starts its own', async () => {
  const m = manual();
  const f = new FreshRead(m.read);
  const a = f.get();
  m.answer(5);
  assert.equal(await a, 5);
  await tick();
  const b = f.get();
  assert.equal(m.pending(), 1);
  m.answer(6);
  assert.equal(await b, 6);
  assert.equal(f.reads, 2);
});

test('a failed read fails its callers; the next read is tried afresh', async () => {
  let n = 0;
  const f = new FreshRead(async () => {
    n++;
    if (n === 1) throw new Error('connection lost');
    return n;
  });
  const a = f.get();
  const b = f.get();
  await assert.rejects(a, /connection lost/);
  assert.equal(await b, 2);
  assert.equal(await f.get(), 3);
});
