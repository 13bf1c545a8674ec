/**
 * A worker for queue.test.ts to kill with SIGKILL: `node queue-kill-fixture.js URL BLOCK_SOURCE`.
 * Its handler records each job it starts in the table fixture_seen (which the test creates), then hangs
 * for good on the job whose source is BLOCK_SOURCE, after printing "blocking JOB_ID" so the test knows
 * the job is mid-run. Concurrency 1, so the jobs before it are done in order first. The test names the
 * connections through URL's application_name, to see in pg_stat_activity when they are gone.
 */
import pg from 'pg';
import { runWorker } from './index.js';

/** A timer that keeps the process alive while the handler hangs; its length does not matter. */
const HANG_TIMER_MS = 60 * 60 * 1000;

const [url, blockSource] = process.argv.slice(2);
if (!url || !blockSource) throw new Error('usage: queue-kill-fixture URL BLOCK_SOURCE');
const pool = new pg.Pool({ connectionString: url, max: 4 });
pool.on('error', () => undefined);
await runWorker(pool, async (job) => {
  await pool.query('INSERT INTO fixture_seen (job_id, source, attempt) VALUES ($1, $2, $3)', [job.id, job.source, job.attempt]);
  if (job.source !== blockSource) return;
  process.stdout.write(`blocking ${job.id}\n`);
  setInterval(() => undefined, HANG_TIMER_MS);
  await new Promise<never>(() => undefined);
}, { concurrency: 1, untilIdle: true });
await pool.end();
