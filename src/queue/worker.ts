/**
 * The worker side of Dossier's job queue on PostgreSQL.
 *
 * Why not graphile-worker or pg-boss: both recover a job whose worker died only when a lease or expiry
 * runs out (15 minutes to hours). Here a job is held by a row lock of an open transaction, and PostgreSQL
 * drops the lock the moment the worker's connection goes, so a worker killed with -9 leaves its job
 * claimable at once by another worker or by a re-run.
 *
 * How a job is worked (one pooled connection per concurrency slot):
 *  1. BEGIN; take the oldest queued job that no one else holds: SELECT … FOR NO KEY UPDATE SKIP LOCKED
 *     LIMIT 1. Other slots and other workers skip the locked row and take the next.
 *  2. Count the attempt from ANOTHER pooled connection, in autocommit, in dossier_job_starts: the count
 *     must survive when this transaction rolls back because the worker died, or a job that kills its
 *     worker every time would be retried forever. It is kept apart from the job's row because that row is
 *     locked by step 1 and an UPDATE of it from another connection would wait for step 1 to end, which is
 *     never. (The claim takes FOR NO KEY UPDATE rather than FOR UPDATE so the count's foreign-key check,
 *     which takes FOR KEY SHARE on the job, does not wait either.) A job that already had maxAttempts
 *     attempts is marked failed instead of run: its workers died.
 *  3. Run the handler outside any statement; the transaction stays open, holding the lock.
 *  4. Success: DELETE the job, COMMIT. The handler threw: put the job back (or mark it failed when it has
 *     had maxAttempts), with the error and the source, COMMIT, and go on with the next job.
 *  If the worker is killed anywhere in 1 to 4, its connection drops, PostgreSQL rolls the transaction
 *  back, the job is queued and unlocked again, and the next claim takes it; only the count of step 2 stays.
 *
 * The price: a job can be run twice. A worker killed after its handler saved the document but before the
 * COMMIT leaves the job to be run again. So the handler must be idempotent, and Dossier's is: documents are
 * keyed by the hash of their bytes, so saving one already saved is a no-op reported as a duplicate.
 *
 * Detection is immediate when the worker's process dies and its machine lives (the kernel closes the
 * socket). When a whole machine or its network goes, the server learns it from TCP keepalives, which each
 * slot's session sets to DEAD_PEER_* below (the server's defaults are the OS's, about two hours).
 */
import { performance } from 'node:perf_hooks';
import type { Pool, PoolClient } from 'pg';
import { DossierError } from '../model/index.js';
import { connect, poolMax, poolUrl, withClient } from './db.js';
import { QUEUE_CHANNEL, ensureQueue } from './schema.js';

/** Attempts a job gets (started, including those whose worker died) before it is marked failed. */
export const DEFAULT_MAX_ATTEMPTS = 3;
/** How often an idle worker looks for jobs when no notification arrives (one lost with a dropped listener, or an enqueue by hand). */
export const DEFAULT_POLL_MS = 1000;
/** Seconds of silence before the server probes a worker's connection: a dead machine's jobs come back after about IDLE + INTERVAL × COUNT. */
const DEAD_PEER_IDLE_S = 30;
/** Seconds between those probes. */
const DEAD_PEER_INTERVAL_S = 10;
/** Unanswered probes before the server drops the connection, and so frees the job. */
const DEAD_PEER_COUNT = 3;

export interface Job {
  id: string;
  source: string;
  bytes: Buffer;
  /** 1 on the first try; counts the tries whose worker died. */
  attempt: number;
}

export interface WorkerEvent {
  kind: 'done' | 'failed' | 'retry';
  jobId: string;
  source: string;
  /** Why the job failed, starting with its source; set on 'failed' and 'retry'. */
  error?: string;
  /** The handler's time; 0 for a job failed without running. */
  ms: number;
  /** What the handler said of a job it did ('done' only, when it said anything): the document's ingest notices. */
  notices?: string[];
}

/** What a handler may say of a job it did; a handler that says nothing returns nothing. */
export interface JobOutcome {
  notices?: string[];
}

export interface WorkerOptions {
  /** Jobs run at once in this process; each holds a pooled connection while it runs. */
  concurrency: number;
  /** Stop when no job is left to claim, instead of waiting for more. */
  untilIdle: boolean;
  pollMs?: number;
  maxAttempts?: number;
  /** Aborting stops claiming; the jobs running finish first, then runWorker resolves. */
  signal?: AbortSignal;
  onEvent?: (e: WorkerEvent) => void;
}

interface JobRow {
  id: string;
  source: string;
  bytes: Buffer;
  started: number;
  last_error: string | null;
}

const CLAIM_SQL = `
  SELECT j.id, j.source, j.bytes, coalesce(s.started, j.started) AS started, j.last_error
    FROM dossier_jobs j LEFT JOIN dossier_job_starts s ON s.job_id = j.id
   WHERE j.state = 'queued'
   ORDER BY j.id
   LIMIT 1
     FOR NO KEY UPDATE OF j SKIP LOCKED`;

const COUNT_START_SQL = `
  INSERT INTO dossier_job_starts (job_id, started) VALUES ($1, $2::int + 1)
  ON CONFLICT (job_id) DO UPDATE SET started = dossier_job_starts.started + 1
  RETURNING started`;

const END_ATTEMPT_SQL = `
  UPDATE dossier_jobs SET started = $2::int, last_error = $4::text,
         state = CASE WHEN $2::int >= $3::int THEN 'failed' ELSE 'queued' END
   WHERE id = $1
  RETURNING state`;

/** Wakes idle slots on a notification, an abort or a fatal error; a slot that looked before a wake-up does not sleep through it. */
class Wakeup {
  generation = 0;
  private readonly sleepers = new Set<() => void>();

  wakeAll(): void {
    this.generation++;
    for (const wake of [...this.sleepers]) wake();
  }

  /** Sleeps up to ms, unless a wake-up came since `seen` was read. */
  sleep(seen: number, ms: number): Promise<void> {
    if (seen !== this.generation) return Promise.resolve();
    return new Promise((resolve) => {
      const wake = (): void => {
        clearTimeout(timer);
        this.sleepers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.sleepers.add(wake);
    });
  }
}

interface Worker {
  pool: Pool;
  handle: (job: Job) => Promise<JobOutcome | void>;
  untilIdle: boolean;
  pollMs: number;
  maxAttempts: number;
  signal: AbortSignal | undefined;
  onEvent: (e: WorkerEvent) => void;
  wake: Wakeup;
  totals: { done: number; failed: number };
  /** The first database error of any slot: it stops all of them. */
  fatal: { error: unknown } | undefined;
}

function stopping(w: Worker): boolean {
  return w.signal?.aborted === true || w.fatal !== undefined;
}

/**
 * Works jobs until none is left (untilIdle) or the signal aborts. A handler's error fails only its job;
 * a database error stops the worker: the running jobs finish, then runWorker rejects with it.
 */
export async function runWorker(
  pool: Pool,
  handle: (job: Job) => Promise<JobOutcome | void>,
  opts: WorkerOptions,
): Promise<{ done: number; failed: number }> {
  const w = makeWorker(pool, handle, opts);
  // First, so two workers starting on an empty database do not race to create the tables.
  await ensureQueue(pool);
  // Listening before any slot looks: a job enqueued between a slot's empty look and LISTEN would wait a poll.
  const unlisten = opts.untilIdle ? undefined : await listen(w);
  const onAbort = (): void => w.wake.wakeAll();
  w.signal?.addEventListener('abort', onAbort);
  try {
    await Promise.allSettled(Array.from({ length: opts.concurrency }, () => runSlot(w)));
  } finally {
    w.signal?.removeEventListener('abort', onAbort);
    await unlisten?.();
  }
  if (w.fatal) throw w.fatal.error;
  return { ...w.totals };
}

function makeWorker(pool: Pool, handle: (job: Job) => Promise<JobOutcome | void>, opts: WorkerOptions): Worker {
  const { concurrency, untilIdle } = opts;
  const maxAttempts = opts.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  const pollMs = opts.pollMs ?? DEFAULT_POLL_MS;
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new DossierError('E_USAGE', `the worker's concurrency must be a whole number of 1 or more, not ${concurrency}`);
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1) throw new DossierError('E_USAGE', `maxAttempts must be a whole number of 1 or more, not ${maxAttempts}`);
  if (!(pollMs > 0)) throw new DossierError('E_USAGE', `pollMs must be more than 0, not ${pollMs}`);
  // Each slot holds a connection while it works; counting an attempt needs one more, and listening one
  // more again. With fewer, every slot would wait for a connection that only a slot could give back.
  const needed = concurrency + 1 + (untilIdle ? 0 : 1);
  if (poolMax(pool) < needed) {
    throw new DossierError('E_USAGE', `a worker of concurrency ${concurrency} needs a pool of at least ${needed} connections (plus what the handler uses); this pool has max ${poolMax(pool)}`, poolUrl(pool));
  }
  return {
    pool, handle, untilIdle, pollMs, maxAttempts,
    signal: opts.signal,
    onEvent: opts.onEvent ?? (() => undefined),
    wake: new Wakeup(),
    totals: { done: 0, failed: 0 },
    fatal: undefined,
  };
}

/** Stops every slot for a database error, kept (as a DossierError naming the database, for the CLI) for runWorker to throw. */
function failWorker(w: Worker, error: unknown): void {
  if (!w.fatal) {
    const named = error instanceof DossierError ? error : new DossierError('E_STORE', `the worker stopped on a database error: ${error instanceof Error ? error.message : String(error)}`, poolUrl(w.pool));
    if (named !== error) Object.defineProperty(named, 'cause', { value: error });
    w.fatal = { error: named };
  }
  w.wake.wakeAll();
}

/** One concurrency slot: claims and works jobs on its own connection until the worker stops. */
async function runSlot(w: Worker): Promise<void> {
  let client: PoolClient | undefined;
  let broken: Error | undefined;
  const onError = (e: Error): void => {
    broken = e;
  };
  try {
    client = await connect(w.pool);
    client.on('error', onError);
    // So a dead machine's jobs come back in about a minute; the settings stay on the client when it goes
    // back to the pool, where they change nothing but how soon the server notices a dead peer.
    await client.query(`SET tcp_keepalives_idle = ${DEAD_PEER_IDLE_S}; SET tcp_keepalives_interval = ${DEAD_PEER_INTERVAL_S}; SET tcp_keepalives_count = ${DEAD_PEER_COUNT}`);
    while (!stopping(w)) {
      const seen = w.wake.generation;
      if (await claimAndWork(w, client)) continue;
      if (w.untilIdle) return;
      await w.wake.sleep(seen, w.pollMs);
    }
  } catch (e) {
    // A dropped connection's own error says why ("terminating connection…"); the query that met it only
    // says the client is not queryable.
    broken ??= e as Error;
    failWorker(w, broken);
  } finally {
    client?.off('error', onError);
    client?.release(broken);
  }
}

/** Claims one job and works it; false when there was none to claim. */
async function claimAndWork(w: Worker, client: PoolClient): Promise<boolean> {
  // The transaction stays open while the handler runs: a server-wide idle_in_transaction_session_timeout
  // would end it mid-job, so this transaction is exempt from it.
  await client.query('BEGIN; SET LOCAL idle_in_transaction_session_timeout = 0');
  let event: WorkerEvent | undefined;
  try {
    const row = (await client.query<JobRow>(CLAIM_SQL)).rows[0];
    if (row) event = await workJob(w, client, row);
    await client.query('COMMIT');
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  }
  if (!event) return false;
  // Reported after COMMIT: a job reported done is gone from the queue for good.
  if (event.kind === 'done') w.totals.done++;
  if (event.kind === 'failed') w.totals.failed++;
  w.onEvent(event);
  return true;
}

/** Runs the claimed job's handler (or fails a job whose workers died) and records the outcome in the open transaction. */
async function workJob(w: Worker, client: PoolClient, row: JobRow): Promise<WorkerEvent> {
  const about = { jobId: row.id, source: row.source };
  if (row.started >= w.maxAttempts) {
    const error = diedMessage(row);
    await client.query(END_ATTEMPT_SQL, [row.id, row.started, w.maxAttempts, error]);
    return { kind: 'failed', ...about, error, ms: 0 };
  }
  const attempt = await countStart(w.pool, row);
  const t0 = performance.now();
  let outcome: JobOutcome | void;
  try {
    outcome = await w.handle({ id: row.id, source: row.source, bytes: row.bytes, attempt });
  } catch (e) {
    const ms = performance.now() - t0;
    const error = `${row.source}: ${e instanceof Error ? e.message : String(e)}`;
    const { rows } = await client.query<{ state: string }>(END_ATTEMPT_SQL, [row.id, attempt, w.maxAttempts, error]);
    return { kind: rows[0]?.state === 'failed' ? 'failed' : 'retry', ...about, error, ms };
  }
  const ms = performance.now() - t0;
  await client.query('DELETE FROM dossier_jobs WHERE id = $1', [row.id]);
  return { kind: 'done', ...about, ms, ...(outcome?.notices?.length ? { notices: outcome.notices } : {}) };
}

/** Counts an attempt in its own autocommit statement on another connection: it must outlive the claim's rollback. */
async function countStart(pool: Pool, row: JobRow): Promise<number> {
  const { rows } = await withClient(pool, (c) => c.query<{ started: number }>(COUNT_START_SQL, [row.id, row.started]));
  return rows[0]!.started;
}

/** Why a job is failed without running: every attempt began and none ended, at least the last one. */
function diedMessage(row: JobRow): string {
  if (row.last_error === null) return `${row.source}: worker died ${row.started} times on this job`;
  return `${row.source}: worker died on this job (${row.started} attempts started); an earlier attempt failed with: ${row.last_error}`;
}

/** Listens for new jobs on a connection of its own; returns how to stop. A dropped listener leaves polling to carry on. */
async function listen(w: Worker): Promise<() => Promise<void>> {
  const client = await connect(w.pool);
  let broken: Error | undefined;
  const onNotice = (): void => w.wake.wakeAll();
  const onError = (e: Error): void => {
    broken = e;
  };
  client.on('notification', onNotice);
  client.on('error', onError);
  try {
    await client.query(`LISTEN ${QUEUE_CHANNEL}`);
  } catch (e) {
    client.off('notification', onNotice);
    client.off('error', onError);
    client.release(e as Error);
    throw e;
  }
  return async () => {
    if (!broken) await client.query(`UNLISTEN ${QUEUE_CHANNEL}`).catch((e: Error) => { broken = e; });
    client.off('notification', onNotice);
    client.off('error', onError);
    client.release(broken);
  };
}
