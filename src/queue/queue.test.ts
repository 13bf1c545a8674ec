import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { after, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { freshDatabase, pgUnavailable } from '../testing/pg.js';
import { QUEUE_MIGRATION, enqueue, ensureQueue, failedJobs, queueCounts, runWorker } from './index.js';
import type { Job, WorkerEvent } from './index.js';

/** The worker these tests kill with SIGKILL, compiled next to this file. */
const FIXTURE = fileURLToPath(new URL('./queue-kill-fixture.js', import.meta.url));
/** The fixture's application_name, to see in pg_stat_activity when its connections are gone. */
const FIXTURE_APP = 'dossier-queue-kill-fixture';
/** How long a fixture may take to start and reach the job it hangs on. */
const FIXTURE_START_MS = 15_000;
/** A URL where nothing listens: port 1 is refused at once. */
const DEAD_URL = 'postgres://postgres:hunter2@127.0.0.1:1/nowhere';
/** What the errors about bad arguments and an unknown database must say. */
const NAMES_SOURCE = /^a\.txt: /;
const NAMES_JOB_NUMBER = /job 1 .* no source/;
const NAMES_CONCURRENCY = /concurrency/;
const NAMES_POOL_NEED = /at least 6 connections/;
/** A connection the server ended mid-job: the database is named, then pg's words (which vary with timing: ECONNRESET, "terminating connection…"). */
const NAMES_LOST_CONNECTION = /^postgres:\/\/postgres@127\.0\.0\.1:5432\/dossier_test_queue\w*: the worker stopped on a database error: ./;
const NAMES_MISSING_DB = /^postgres:\/\/postgres@127\.0\.0\.1:5432\/dossier_no_such_database: .*does not exist/;

const skip = await pgUnavailable();

/** This file's database, made by the first test that needs it and dropped after the last. */
let database: Promise<{ url: string; drop: () => Promise<void> }> | undefined;
after(async () => { await (await database)?.drop(); });

/** Drops the queue's tables (and the fixture's), so a test starts from a database the queue never saw. */
async function resetQueue(pool: pg.Pool): Promise<void> {
  await pool.query('DROP TABLE IF EXISTS dossier_job_starts, dossier_jobs, fixture_seen');
}

/** An empty queue in this file's database, and a pool on it that is closed when fn ends. */
async function withQueue(fn: (pool: pg.Pool, url: string) => Promise<void>): Promise<void> {
  database ??= freshDatabase('queue');
  const { url } = await database;
  const pool = new pg.Pool({ connectionString: url, max: 8 });
  pool.on('error', () => undefined);
  try {
    await resetQueue(pool);
    await ensureQueue(pool);
    await fn(pool, url);
  } finally {
    await pool.end();
  }
}

const items = (...sources: string[]) => sources.map((source) => ({ source, bytes: Buffer.from(`bytes of ${source}`) }));

/**
 * Starts the kill fixture and waits until its handler hangs on the job with source `block`; returns that
 * job's id and how to kill the fixture with -9.
 */
async function startFixture(url: string, block: string): Promise<{ id: string; kill: () => Promise<void> }> {
  const u = new URL(url);
  u.searchParams.set('application_name', FIXTURE_APP);
  const child = spawn(process.execPath, [FIXTURE, u.toString(), block], { stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  let out = '';
  let err = '';
  child.stderr.on('data', (d: Buffer) => { err += d.toString(); });
  const id = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the fixture did not reach ${block} in ${FIXTURE_START_MS} ms: ${err}`)), FIXTURE_START_MS);
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n').find((l) => l.startsWith('blocking '));
      if (line !== undefined && out.includes(`${line}\n`)) {
        clearTimeout(timer);
        resolve(line.slice('blocking '.length));
      }
    });
    child.once('exit', (code) => reject(new Error(`the fixture exited (${code}) before blocking: ${err}`)));
  }).catch((e: unknown) => {
    child.kill('SIGKILL');
    throw e;
  });
  return { id, kill: async () => { child.kill('SIGKILL'); await exited; } };
}

/** Waits until the killed fixture's backends have ended (so its row lock is gone); returns the ms it took. */
async function fixtureGone(pool: pg.Pool): Promise<number> {
  const t0 = Date.now();
  for (;;) {
    const { rows } = await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1', [FIXTURE_APP]);
    if (rows[0]!.n === 0) return Date.now() - t0;
    if (Date.now() - t0 > 5000) throw new Error('the killed fixture still has connections after 5 s');
    await sleep(5);
  }
}

test('enqueue, then a worker until idle drains the queue in order and counts it', { skip: skip ?? false }, async () => {
  await withQueue(async (pool) => {
    // Three at once on a database without the tables: the advisory lock keeps CREATE TABLE IF NOT EXISTS from racing.
    await resetQueue(pool);
    await Promise.all([ensureQueue(pool), ensureQueue(pool), ensureQueue(pool)]);
    await pool.query(QUEUE_MIGRATION.sql); // a migration runner applying version 100 afterwards changes nothing
    assert.equal(QUEUE_MIGRATION.version, 100);

    assert.equal(await enqueue(pool, items('a.txt', 'b.html', 'c.pdf', 'd.txt', 'e.txt')), 5);
    assert.deepEqual(await queueCounts(pool), { queued: 5, failed: 0 });
    const seen: Job[] = [];
    const events: WorkerEvent[] = [];
    const result = await runWorker(pool, async (job) => { seen.push(job); }, { concurrency: 1, untilIdle: true, onEvent: (e) => events.push(e) });
    assert.deepEqual(result, { done: 5, failed: 0 });
    assert.deepEqual(seen.map((j) => j.source), ['a.txt', 'b.html', 'c.pdf', 'd.txt', 'e.txt']);
    assert.deepEqual(seen.map((j) => j.bytes.toString()), seen.map((j) => `bytes of ${j.source}`));
    assert.ok(seen.every((j) => j.attempt === 1 && typeof j.id === 'string'));
    assert.deepEqual(events.map((e) => [e.kind, e.source]), seen.map((j) => ['done', j.source]));
    assert.deepEqual(await queueCounts(pool), { queued: 0, failed: 0 });
    assert.equal((await pool.query('SELECT count(*)::int AS n FROM dossier_job_starts')).rows[0].n, 0, 'a done job leaves no attempt count behind');
  });
});

test('concurrency 4 works each of 40 jobs exactly once, 4 at a time at most', { skip: skip ?? false }, async () => {
  await withQueue(async (pool) => {
    await enqueue(pool, items(...Array.from({ length: 40 }, (_, i) => `doc-${i}.txt`)));
    const ids = (await pool.query<{ id: string }>('SELECT id FROM dossier_jobs ORDER BY id')).rows.map((r) => r.id);
    const handled: string[] = [];
    let running = 0;
    let most = 0;
    const result = await runWorker(pool, async (job) => {
      most = Math.max(most, ++running);
      await sleep(2 + (Number(job.id) % 3));
      handled.push(job.id);
      running--;
    }, { concurrency: 4, untilIdle: true });
    assert.deepEqual(result, { done: 40, failed: 0 });
    assert.equal(new Set(handled).size, handled.length, 'no job ran twice');
    assert.deepEqual([...handled].sort((a, b) => Number(a) - Number(b)), ids, 'no job is missing');
    assert.ok(most > 1 && most <= 4, `jobs ran ${most} at a time`);
    assert.deepEqual(await queueCounts(pool), { queued: 0, failed: 0 });
  });
});

test('a handler that throws is retried, then failed after maxAttempts naming its source; the other jobs finish', { skip: skip ?? false }, async () => {
  await withQueue(async (pool) => {
    await enqueue(pool, items('ok-1.txt', 'bad.html', 'ok-2.txt', 'ok-3.txt'));
    const attempts: number[] = [];
    const events: WorkerEvent[] = [];
    const result = await runWorker(pool, async (job) => {
      if (job.source !== 'bad.html') return;
      attempts.push(job.attempt);
      throw new Error('no article text could be extracted');
    }, { concurrency: 2, untilIdle: true, maxAttempts: 3, onEvent: (e) => events.push(e) });
    assert.deepEqual(result, { done: 3, failed: 1 });
    assert.deepEqual(attempts, [1, 2, 3]);
    const bad = events.filter((e) => e.source === 'bad.html');
    assert.deepEqual(bad.map((e) => e.kind), ['retry', 'retry', 'failed']);
    assert.ok(bad.every((e) => e.error === 'bad.html: no article text could be extracted'));
    assert.deepEqual((await failedJobs(pool)).map(({ source, lastError, started }) => ({ source, lastError, started })), [
      { source: 'bad.html', lastError: 'bad.html: no article text could be extracted', started: 3 },
    ]);
    assert.deepEqual(await queueCounts(pool), { queued: 0, failed: 1 });
  });
});

test('kill -9 mid-job: the job is locked while the worker lives and taken at once, exactly once, after', { skip: skip ?? false }, async (t) => {
  await withQueue(async (pool, url) => {
    await pool.query('CREATE TABLE fixture_seen (job_id bigint, source text, attempt int)');
    await enqueue(pool, items('a.txt', 'b.txt', 'block.txt', 'c.txt', 'd.txt'));
    const handled: Job[] = [];
    const handle = async (job: Job) => { handled.push(job); };
    // The fixture does a and b, then hangs on block.txt; a worker here meanwhile takes c and d, not block.
    const fixture = await startFixture(url, 'block.txt');
    assert.deepEqual(await runWorker(pool, handle, { concurrency: 2, untilIdle: true }), { done: 2, failed: 0 });
    await fixture.kill();
    const waited = await fixtureGone(pool);
    t.diagnostic(`the killed worker's connections had ended ${waited} ms after its exit was seen`);
    const after = await runWorker(pool, handle, { concurrency: 2, untilIdle: true });
    assert.deepEqual(after, { done: 1, failed: 0 });
    const seen = (await pool.query('SELECT source, attempt FROM fixture_seen ORDER BY job_id')).rows;
    assert.deepEqual(seen, [{ source: 'a.txt', attempt: 1 }, { source: 'b.txt', attempt: 1 }, { source: 'block.txt', attempt: 1 }]);
    // c and d ran side by side, in either order; block.txt came after the kill, on its second attempt.
    assert.deepEqual(handled.slice(0, 2).map((j) => `${j.source}#${j.attempt}`).sort(), ['c.txt#1', 'd.txt#1']);
    assert.deepEqual(handled.slice(2).map((j) => [j.source, j.attempt]), [['block.txt', 2]]);
    assert.equal(handled[2]!.id, fixture.id);
    assert.deepEqual(await queueCounts(pool), { queued: 0, failed: 0 });
  });
});

test('a job that kills its worker maxAttempts times ends failed without running again', { skip: skip ?? false }, async () => {
  await withQueue(async (pool, url) => {
    await pool.query('CREATE TABLE fixture_seen (job_id bigint, source text, attempt int)');
    await enqueue(pool, items('poison.pdf', 'after.txt'));
    for (let i = 0; i < 3; i++) {
      await (await startFixture(url, 'poison.pdf')).kill();
      await fixtureGone(pool);
    }
    const seen = (await pool.query('SELECT source, attempt FROM fixture_seen ORDER BY attempt')).rows;
    assert.deepEqual(seen.map((r) => [r.source, r.attempt]), [['poison.pdf', 1], ['poison.pdf', 2], ['poison.pdf', 3]]);
    const handled: string[] = [];
    const events: WorkerEvent[] = [];
    const result = await runWorker(pool, async (job) => { handled.push(job.source); }, { concurrency: 1, untilIdle: true, maxAttempts: 3, onEvent: (e) => events.push(e) });
    assert.deepEqual(result, { done: 1, failed: 1 });
    assert.deepEqual(handled, ['after.txt']);
    assert.deepEqual(events.map((e) => [e.kind, e.source, e.error]), [
      ['failed', 'poison.pdf', 'poison.pdf: worker died 3 times on this job'],
      ['done', 'after.txt', undefined],
    ]);
    assert.deepEqual((await failedJobs(pool)).map(({ source, lastError, started }) => ({ source, lastError, started })), [
      { source: 'poison.pdf', lastError: 'poison.pdf: worker died 3 times on this job', started: 3 },
    ]);
  });
});

test('without untilIdle: a NOTIFY wakes an idle worker at once; abort lets the running job finish', { skip: skip ?? false }, async () => {
  await withQueue(async (pool) => {
    const ac = new AbortController();
    const handled: string[] = [];
    let started!: () => void;
    const slowStarted = new Promise<void>((resolve) => { started = resolve; });
    const running = runWorker(pool, async (job) => {
      if (job.source === 'slow.txt') {
        started();
        await sleep(150);
      }
      handled.push(job.source);
    }, { concurrency: 2, untilIdle: false, pollMs: 60_000, signal: ac.signal });
    try {
      await sleep(150); // the slots have looked, found nothing, and sleep for pollMs (a minute)
      const t0 = Date.now();
      await enqueue(pool, items('first.txt'));
      while (handled.length === 0 && Date.now() - t0 < 5000) await sleep(2);
      assert.deepEqual(handled, ['first.txt']);
      assert.ok(Date.now() - t0 < 5000, 'the notification woke the worker long before its poll');
      await enqueue(pool, items('slow.txt'));
      await slowStarted;
    } finally {
      ac.abort(); // also when an assertion failed: a worker left running would keep the pool from closing
    }
    assert.deepEqual(await running, { done: 2, failed: 0 });
    assert.deepEqual(handled, ['first.txt', 'slow.txt']);
    assert.deepEqual(await queueCounts(pool), { queued: 0, failed: 0 });
  });
});

test('a database error mid-job stops the worker with that error; the job stays queued and runs again', { skip: skip ?? false }, async () => {
  await withQueue(async (pool) => {
    await enqueue(pool, items('cut.txt', 'next.txt'));
    const seen: [string, number][] = [];
    const cut = runWorker(pool, async (job) => {
      seen.push([job.source, job.attempt]);
      // The slot's connection is the one idle in a transaction: the server ends it, as a restart would.
      await pool.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND state = 'idle in transaction'`);
    }, { concurrency: 1, untilIdle: true });
    await assert.rejects(cut, { code: 'E_STORE', message: NAMES_LOST_CONNECTION });
    assert.deepEqual(await queueCounts(pool), { queued: 2, failed: 0 });
    assert.deepEqual(await runWorker(pool, async (job) => { seen.push([job.source, job.attempt]); }, { concurrency: 1, untilIdle: true }), { done: 2, failed: 0 });
    assert.deepEqual(seen, [['cut.txt', 1], ['cut.txt', 2], ['next.txt', 1]]);
  });
});

test('bad input: nothing to enqueue, empty bytes, a non-Error throw, wrong arguments, an unreachable database', { skip: skip ?? false }, async () => {
  await withQueue(async (pool) => {
    assert.equal(await enqueue(pool, []), 0);
    assert.deepEqual(await queueCounts(pool), { queued: 0, failed: 0 });
    await assert.rejects(enqueue(pool, [{ source: 'a.txt', bytes: 'not a buffer' as unknown as Buffer }]), { code: 'E_USAGE', message: NAMES_SOURCE });
    await assert.rejects(enqueue(pool, [{ source: '', bytes: Buffer.alloc(1) }]), { code: 'E_USAGE', message: NAMES_JOB_NUMBER });

    await enqueue(pool, [{ source: 'empty.txt', bytes: Buffer.alloc(0) }, { source: 'odd.txt', bytes: Buffer.from('x') }]);
    const got: Job[] = [];
    const result = await runWorker(pool, async (job) => {
      got.push(job);
      if (job.source === 'odd.txt') throw 'a plain string'; // eslint-disable-line no-throw-literal
    }, { concurrency: 1, untilIdle: true, maxAttempts: 1 });
    assert.deepEqual(result, { done: 1, failed: 1 });
    assert.ok(Buffer.isBuffer(got[0]!.bytes) && got[0]!.bytes.length === 0, 'an empty file reaches the handler as an empty Buffer');
    assert.deepEqual((await failedJobs(pool)).map((j) => j.lastError), ['odd.txt: a plain string']);

    await assert.rejects(runWorker(pool, async () => undefined, { concurrency: 0, untilIdle: true }), { code: 'E_USAGE', message: NAMES_CONCURRENCY });
    const small = new pg.Pool({ connectionString: pool.options.connectionString, max: 4 });
    await assert.rejects(runWorker(small, async () => undefined, { concurrency: 4, untilIdle: false }), { code: 'E_USAGE', message: NAMES_POOL_NEED });
    await small.end();
  });
  const dead = new pg.Pool({ connectionString: DEAD_URL, connectionTimeoutMillis: 3000 });
  const named = (e: Error) => e.message.includes('postgres://postgres:***@127.0.0.1:1/nowhere') && !e.message.includes('hunter2') && e.message.includes('ECONNREFUSED');
  try {
    await assert.rejects(ensureQueue(dead), named);
    await assert.rejects(enqueue(dead, items('a.txt')), named);
    await assert.rejects(queueCounts(dead), named);
    await assert.rejects(runWorker(dead, async () => undefined, { concurrency: 1, untilIdle: true }), named);
  } finally {
    await dead.end();
  }
  const noDb = new pg.Pool({ connectionString: 'postgres://postgres@127.0.0.1:5432/dossier_no_such_database' });
  try {
    await assert.rejects(ensureQueue(noDb), { message: NAMES_MISSING_DB });
  } finally {
    await noDb.end();
  }
});
