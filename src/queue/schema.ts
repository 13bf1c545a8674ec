import type { Pool } from 'pg';
import { withClient } from './db.js';

/** The channel enqueue() notifies and an idle worker listens on, so a new job starts without waiting for a poll. */
export const QUEUE_CHANNEL = 'dossier_jobs';

/**
 * The key of the transaction-scoped advisory lock ensureQueue() holds while it runs the DDL: two workers
 * starting at once on an empty database would otherwise both run CREATE TABLE IF NOT EXISTS, and the loser
 * fails on a duplicate pg_type row (IF NOT EXISTS is not safe against a concurrent creator). The value is
 * "dsqj" in ASCII; any constant works as long as nothing else in the database uses it.
 */
export const QUEUE_DDL_LOCK_KEY = 0x6473716a;

/**
 * The queue's schema. `dossier_jobs` holds the jobs; a job is deleted once handled, so the table holds only
 * what is still to do (`queued`, including jobs being worked on now) and what gave up (`failed`).
 *
 * `dossier_job_starts` counts the attempts started on a job. It is a table of its own because the count must
 * be written while the job's row is locked by the claiming transaction, from another connection, and must
 * survive that transaction's rollback when the worker dies: PostgreSQL blocks an UPDATE of a row another
 * transaction has locked, so writing `dossier_jobs.started` itself from the second connection would wait for
 * the claimer, which waits for the handler: a hang no deadlock detector sees. `dossier_jobs.started` is a copy
 * of the count written when an attempt ends (retry or failure), for whoever reads the table.
 *
 * Every statement is idempotent, so this runs both from ensureQueue() and from a migration runner that
 * records version 100 (after ensureQueue() already made the tables, it changes nothing).
 */
export const QUEUE_MIGRATION = {
  version: 100,
  name: 'job queue',
  sql: `
    CREATE TABLE IF NOT EXISTS dossier_jobs (
      id bigserial PRIMARY KEY,
      source text NOT NULL,               -- where the bytes came from (a path or URL), named in every error
      bytes bytea NOT NULL,               -- the file itself: a worker on another machine needs no shared disk
      enqueued_at timestamptz NOT NULL DEFAULT now(),
      started int NOT NULL DEFAULT 0,     -- attempts started, as of the last attempt that ended
      state text NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'failed')),
      last_error text
    );
    CREATE INDEX IF NOT EXISTS dossier_jobs_state_id ON dossier_jobs (state, id);
    CREATE TABLE IF NOT EXISTS dossier_job_starts (
      job_id bigint PRIMARY KEY REFERENCES dossier_jobs (id) ON DELETE CASCADE,
      started int NOT NULL                -- attempts started, counting those whose worker died
    );
  `,
} as const;

/** Creates the queue's tables when missing; safe to call from any number of processes at once. */
export async function ensureQueue(pool: Pool): Promise<void> {
  await withClient(pool, async (client) => {
    await client.query('BEGIN');
    try {
      await client.query('SELECT pg_advisory_xact_lock($1)', [QUEUE_DDL_LOCK_KEY]);
      await client.query(QUEUE_MIGRATION.sql);
      await client.query('COMMIT');
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw e;
    }
  });
}
