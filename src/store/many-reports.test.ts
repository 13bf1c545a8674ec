import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import Database from 'better-sqlite3';
import { intakeBuffer } from '../intake/index.js';
import type { IncidentReport } from '../model/index.js';
import { runPipeline, saveExtracted } from '../pipeline/index.js';
import { openStore } from './index.js';

/**
 * Fuzz finding (2026-11-30): a mutated sample of 196 KB gave 500 incident reports of one place and
 * day, and saving them took 30 s of CPU. Each report's search for its incident read back, and parsed,
 * every report the document had saved before it, all in the same blocks, though the finder never
 * compares a report with an incident its own document took. Now the port leaves those out
 * (ResolutionPort.candidateReports' `skip`): the save grows with the reports, not their square.
 */

const dir = mkdtempSync(join(tmpdir(), 'dossier-many-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** A document whose n reports are one report copied: one place, one day, so every one is in every block. */
function manyReports(n: number) {
  const doc = intakeBuffer(Buffer.from(`Attack in Kabul\n\nOn 3 March 2021, gunmen killed five people in Kabul, police said. Reference ${n}.`), `many-${n}.txt`, 'text');
  const st = runPipeline(doc);
  const one = st.incidents[0]!;
  st.incidents = Array.from({ length: n }, (_, i): IncidentReport => ({ ...structuredClone(one), index: i, id: `${one.id}-${i}` }));
  return { doc, st };
}

/**
 * Rows every SELECT hands over while `fn` runs (better-sqlite3's statements, watched, not replaced in
 * effect), and how many of them carry a report's stored JSON (a `data` column holding an object).
 */
async function rowsRead(fn: () => Promise<void>): Promise<number> {
  return (await rowsWatched(fn)).rows;
}

async function rowsWatched(fn: () => Promise<void>): Promise<{ rows: number; reportData: number }> {
  const proto = Object.getPrototypeOf(new Database(':memory:').prepare('SELECT 1')) as { all: (...a: unknown[]) => unknown[] };
  const all = proto.all;
  let rows = 0;
  let reportData = 0;
  proto.all = function (this: unknown, ...a: unknown[]): unknown[] {
    const out = all.apply(this, a);
    rows += out.length;
    for (const r of out as { data?: unknown }[]) if (typeof r.data === 'string' && r.data.startsWith('{"id":')) reportData++;
    return out;
  };
  try {
    await fn();
  } finally {
    proto.all = all;
  }
  return { rows, reportData };
}

async function save(n: number): Promise<{ rows: number; cpuMs: number }> {
  const { doc, st } = manyReports(n);
  const store = await openStore(join(dir, `s${n}.db`));
  try {
    const t = process.cpuUsage();
    let ids: number[] = [];
    const rows = await rowsRead(async () => void (ids = (await saveExtracted(store, doc, st)).incidentIds));
    const u = process.cpuUsage(t);
    assert.equal(new Set(ids).size, n, 'the document told its reports apart: each is its own incident');
    return { rows, cpuMs: (u.user + u.system) / 1000 };
  } finally {
    await store.close();
  }
}

test('saving a document of many reports of one place and day reads back a few rows per report, not every earlier one', async () => {
  const small = await save(100);
  const large = await save(400);
  // Before the fix: 100 reports read 5,151 rows and 400 read 80,601 (n²/2). Now 201 and 801.
  assert.ok(large.rows < 20 * 400, `400 reports read ${large.rows} rows (100 read ${small.rows})`);
  assert.ok(large.rows < 6 * small.rows, `rows grow with the reports: 100 → ${small.rows}, 400 → ${large.rows}`);
  // And the time with them (CPU, 4× the reports): 3.6× now, 6.2× before, on this machine.
  assert.ok(large.cpuMs < 10 * small.cpuMs, `CPU ${small.cpuMs.toFixed(0)} → ${large.cpuMs.toFixed(0)} ms`);
});

/**
 * Fuzz finding A (issue 13, 2026-12-01): a 196 KB mutated sample gave 500 reports that joined the
 * incidents of documents stored before it. Those incidents are not the document's own, so `skip`
 * keeps none of them out, and each next report read all their reports with their JSON again: 7.9 s
 * of CPU to save, 7.6 s into a store of 300 documents. Now a save reads a report's data once.
 */
async function saveAfter(n: number): Promise<{ reportData: number }> {
  const store = await openStore(join(dir, `after${n}.db`));
  try {
    const first = manyReports(1);
    await saveExtracted(store, first.doc, first.st);
    const doc = intakeBuffer(Buffer.from(`Kabul attack\n\nOn 3 March 2021, gunmen killed five people in Kabul, officials said. Copy ${n}.`), `later-${n}.txt`, 'text');
    const st = runPipeline(doc);
    const one = st.incidents[0]!;
    st.incidents = Array.from({ length: n }, (_, i): IncidentReport => ({ ...structuredClone(one), index: i, id: `${one.id}-${i}` }));
    return await rowsWatched(async () => void (await saveExtracted(store, doc, st)));
  } finally {
    await store.close();
  }
}

test('negative and regression: reports joining an earlier document\'s incidents read each report\'s data once a save', async () => {
  const small = await saveAfter(50);
  const large = await saveAfter(200);
  assert.ok(large.reportData <= 200, `200 reports read ${large.reportData} rows of report data (50 read ${small.reportData})`);
  assert.ok(large.reportData < 6 * Math.max(1, small.reportData), `data rows grow with the reports: 50 → ${small.reportData}, 200 → ${large.reportData}`);
});

/** Statements better-sqlite3 prepared while `fn` ran: the store keeps each text prepared, so this counts new texts. */
async function preparedDuring(fn: () => Promise<void>): Promise<number> {
  const proto = Database.prototype as unknown as { prepare: (...a: unknown[]) => unknown };
  const prepare = proto.prepare;
  let n = 0;
  proto.prepare = function (this: unknown, ...a: unknown[]): unknown {
    n++;
    return prepare.apply(this, a);
  };
  try {
    await fn();
  } finally {
    proto.prepare = prepare;
  }
  return n;
}

test('fuzz finding 42: the incidents a document took are left out by one bound value, so its reports\' searches share one statement', async () => {
  // A mutated 04-paris-early.txt of 196 KB: 500 reports of one place and day. Each report's search
  // listed the incidents its document had taken in the statement's text, one more each time: 500
  // statements prepared and compiled (2.2 s of the save; 4.4 s with the pipeline in the run).
  const counts: number[] = [];
  for (const n of [20, 200]) {
    const { doc, st } = manyReports(n);
    const store = await openStore(join(dir, `prepared${n}.db`));
    try {
      counts.push(await preparedDuring(async () => void (await saveExtracted(store, doc, st))));
    } finally {
      await store.close();
    }
  }
  assert.ok(counts[1]! <= counts[0]! + 5, `statements prepared: 20 reports ${counts[0]}, 200 reports ${counts[1]}`);
});
