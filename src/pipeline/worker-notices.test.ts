import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import pg from 'pg';
import { workerDoneLine } from '../cli/ingest-commands.js';
import { MAX_REPORTS_PER_DOC } from '../extract/incidents/index.js';
import { MAX_READABILITY_CHILDREN } from '../intake/html.js';
import type { WorkerEvent } from '../queue/index.js';
import { openStore } from '../store/index.js';
import { runCli } from '../testing/cli.js';
import { freshDatabase, pgUnavailable } from '../testing/pg.js';
import { enqueuePaths, workJobs } from './worker.js';

/**
 * The queue's workers say what intake and the pipeline did not read in full, as `dossier ingest`
 * does: on each job's `done` event and log line (a page read without Readability, reports past the
 * cap, a language not yet read). On PostgreSQL, skipped where there is none.
 */

const skip = (await pgUnavailable()) ?? false;
const dir = mkdtempSync(join(tmpdir(), 'dossier-worker-notices-'));
const drops: (() => Promise<void>)[] = [];
after(async () => {
  for (const d of drops) await d();
  rmSync(dir, { recursive: true, force: true });
});

const WIDE_NOTICE = `a page over ${MAX_READABILITY_CHILDREN} children in one element: its whole body read without Readability`;
const CITIES = ['Kabul', 'Mosul', 'Aleppo', 'Lagos', 'Mogadishu', 'Peshawar', 'Quetta', 'Baghdad', 'Kirkuk', 'Maiduguri', 'Bamako', 'Gao', 'Timbuktu', 'Kandahar', 'Jalalabad', 'Herat'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November'];

/** The inputs, as files: a page over the element cap, a chronology over the report cap, a Russian report, a plain one. */
function inputs(): Record<string, string> {
  const n = MAX_REPORTS_PER_DOC + 10;
  const files: Record<string, string> = {
    'wide.html': `<html><head><title>Market day</title></head><body>${'<p>The market in the old town was busy on Friday, traders said.</p>'.repeat(MAX_READABILITY_CHILDREN + 1)}</body></html>`,
    'chronology.txt': `Attacks of two decades\n\n${Array.from({ length: n }, (_, i) => `On ${1 + (i % 28)} ${MONTHS[i % 11]} ${2000 + (i % 20)}, gunmen killed ${3 + (i % 40)} people in ${CITIES[i % 16]}, police said.`).join('\n\n')}`,
    'russian.txt': 'Вчера вечером в центре города прогремел взрыв. По данным полиции, погибли четыре человека, ещё шесть ранены. Ответственность за нападение пока никто не взял.',
    'plain.txt': 'Gunmen opened fire on a market in Kabul on Friday, killing four people, police said. Witnesses said the attackers fled on motorcycles.',
  };
  for (const [name, body] of Object.entries(files)) writeFileSync(join(dir, name), body);
  return files;
}

const EXPECTED: Record<string, string[] | undefined> = {
  'wide.html': [WIDE_NOTICE],
  'chronology.txt': [`${MAX_REPORTS_PER_DOC + 10} incident reports found: the first ${MAX_REPORTS_PER_DOC} kept`],
  'russian.txt': ['language ru: no extraction yet'],
  // Negative: a report read in full has no notices.
  'plain.txt': undefined,
};

test('a done job carries its notices: on the worker event, in the log line', { skip }, async () => {
  const db = await freshDatabase('worker_notices');
  drops.push(db.drop);
  const paths = Object.keys(inputs()).map((n) => join(dir, n));
  const pool = new pg.Pool({ connectionString: db.url, max: 6 });
  const store = await openStore(db.url);
  const events: WorkerEvent[] = [];
  try {
    assert.equal((await enqueuePaths(pool, paths)).queued, 4);
    const run = await workJobs(store, pool, { untilIdle: true, onEvent: (e) => events.push(e) });
    assert.deepEqual([run.done, run.failed], [4, 0]);
  } finally {
    await pool.end();
    await store.close();
  }
  for (const e of events) {
    const name = e.source.split('/').pop()!;
    assert.equal(e.kind, 'done');
    assert.deepEqual(e.notices, EXPECTED[name], name);
  }
  assert.equal(events.length, 4);
});

test('dossier worker prints each done job with its notices, as dossier ingest does', { skip }, async () => {
  const db = await freshDatabase('worker_notices_cli');
  drops.push(db.drop);
  // The line's form, on three of the inputs: the 500-report chronology's notice is checked on the event above.
  const names = Object.keys(inputs()).filter((n) => n !== 'chronology.txt');
  const paths = names.map((n) => join(dir, n));
  assert.equal((await runCli('ingest', ...paths, '--queue', '--db', db.url)).code, 0);
  const res = await runCli('worker', '--db', db.url, '--until-idle');
  assert.equal(res.code, 0, res.out + res.err);
  for (const [name, notices] of Object.entries(EXPECTED).filter(([n]) => names.includes(n))) {
    const line = res.out.split('\n').find((l) => l.startsWith('done  ') && l.includes(`/${name}  (`));
    assert.ok(line, `${name}: ${res.out}`);
    if (notices) assert.ok(line.endsWith(`; ${notices.join('; ')})`), line);
    else assert.match(line, /\(\d+ ms, worker \d+\)$/);
  }
});

test('workerDoneLine: notices after the time and worker, none when there are none', () => {
  const e: WorkerEvent = { kind: 'done', jobId: '1', source: 'a.html', ms: 12.4 };
  assert.equal(workerDoneLine(e, 7), 'done  a.html  (12 ms, worker 7)');
  assert.equal(workerDoneLine({ ...e, notices: ['x', 'y'] }, 7), 'done  a.html  (12 ms, worker 7; x; y)');
  assert.equal(workerDoneLine({ ...e, notices: [] }, 7), 'done  a.html  (12 ms, worker 7)');
});
