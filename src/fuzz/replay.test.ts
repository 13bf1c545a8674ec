import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { failureFiles, replayFailures, savedCase } from './replay.js';

const dir = mkdtempSync(join(tmpdir(), 'dossier-replay-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** A failure as a run writes it: the input's bytes and its record beside them. */
function saved(folder: string, name: string, record: object, bytes = 'At least 3 people were killed.'): string {
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, `${name}.input`), bytes);
  writeFileSync(join(folder, `${name}.json`), JSON.stringify(record));
  return join(folder, `${name}.input`);
}

test('savedCase reads back the case a run saved: target, generator, source, format and save', () => {
  const f = saved(join(dir, 'one'), 'pipeline-slow-abc', { target: 'pipeline', gen: 'mutated:samples/05-paris-later.md', source: 'notes.markdown', format: 'markdown', save: true, failure: { kind: 'slow', message: 'took 3673 ms of CPU (budget 2000 ms)' } });
  const { c, recorded } = savedCase(f);
  assert.deepEqual({ ...c, bytes: Buffer.from(c.bytes).toString() }, { target: 'pipeline', gen: 'mutated:samples/05-paris-later.md', source: 'notes.markdown', format: 'markdown', save: true, bytes: 'At least 3 people were killed.' });
  assert.equal(recorded, 'slow: took 3673 ms of CPU (budget 2000 ms)');
});

test('negative: a missing path, a missing record and a record of something else are refused, each naming the file', () => {
  assert.throws(() => failureFiles([join(dir, 'nowhere')]), (e: Error & { code?: string; input?: string }) => e.code === 'E_INPUT_MISSING' && e.input === join(dir, 'nowhere'));
  const lone = join(dir, 'lone');
  mkdirSync(lone, { recursive: true });
  writeFileSync(join(lone, 'x.input'), 'text');
  assert.throws(() => savedCase(join(lone, 'x.input')), (e: Error & { code?: string; input?: string }) => e.code === 'E_USAGE' && e.input === join(lone, 'x.json'));
  const other = saved(join(dir, 'other'), 'y', { name: 'not a failure' });
  assert.throws(() => savedCase(other), /not a fuzz failure record/);
});

test('replayFailures runs each saved input again in a child, as often as asked, and tells which still fail', async () => {
  const folder = join(dir, 'replay');
  saved(folder, 'a-fine', { target: 'intake', gen: 'fine', source: 'a.txt', failure: { kind: 'slow', message: 'took 2868 ms' } });
  saved(folder, 'b-slow', { target: 'intake', gen: 'slow', source: 'b.txt', failure: { kind: 'slow', message: 'took 6900 ms' } });
  // A stand-in child, as in fuzz.test.ts: it burns CPU for the input its generator calls slow.
  const child = join(dir, 'child.mjs');
  writeFileSync(child, `
    process.on('message', (m) => {
      const cpu0 = process.cpuUsage();
      if (m.case.gen === 'slow') { const t = process.cpuUsage(); for (;;) { const u = process.cpuUsage(t); if (u.user + u.system > 150_000) break; } }
      const u = process.cpuUsage(cpu0);
      process.send({ type: 'result', id: m.id, result: { status: 'ok' }, cpuMs: (u.user + u.system) / 1000, wallMs: 1, totalCpuMs: 1 });
    });
    process.send({ type: 'ready', totalCpuMs: 1 });`);
  const results = await replayFailures(failureFiles([folder]), 2, { budgetMs: 100, killMs: 4000, storeDir: join(dir, 'slot'), childPath: child });
  assert.deepEqual(results.map((r) => [r.gen, r.runs.length, r.runs.filter((v) => v.failure?.kind === 'slow').length]), [['fine', 2, 0], ['slow', 2, 2]]);
});

test('negative: an unreadable saved failure is listed with its error, and the others still run', async () => {
  const folder = join(dir, 'mixed');
  saved(folder, 'a-fine', { target: 'intake', gen: 'fine', source: 'a.txt', failure: { kind: 'slow', message: 'took 2868 ms' } });
  writeFileSync(join(folder, 'b-lone.input'), 'no record beside me');
  const child = join(dir, 'child-mixed.mjs');
  writeFileSync(child, `
    process.on('message', (m) => process.send({ type: 'result', id: m.id, result: { status: 'ok' }, cpuMs: 1, wallMs: 1, totalCpuMs: 1 }));
    process.send({ type: 'ready', totalCpuMs: 1 });`);
  const results = await replayFailures(failureFiles([folder]), 1, { budgetMs: 100, killMs: 4000, storeDir: join(dir, 'slot-mixed'), childPath: child });
  assert.deepEqual(results.map((r) => [r.gen, r.runs.length, Boolean(r.error)]), [['fine', 1, false], ['?', 0, true]]);
  assert.match(results[1]!.error!, /needs its record beside it/);
});
