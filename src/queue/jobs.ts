import type { Pool, PoolClient } from 'pg';
import { DossierError } from '../model/index.js';
import { withClient } from './db.js';
import { QUEUE_CHANNEL } from './schema.js';

/** Rows per INSERT: each row is two parameters, and one statement per file would cost a round trip each. */
const ENQUEUE_ROWS_PER_INSERT = 100;
/** Bytes per INSERT: keeps a batch of large files well under PostgreSQL's 1 GB message limit. */
const ENQUEUE_BYTES_PER_INSERT = 32 * 1024 * 1024;

export interface QueueItem {
  /** Where the bytes came from (a path or URL): stored with the job and named in its errors. */
  source: string;
  /** The file's contents. */
  bytes: Buffer;
}

export interface FailedJob {
  id: string;
  source: string;
  lastError: string | null;
  /** Attempts started, including those whose worker died. */
  started: number;
}

/**
 * Adds jobs in one transaction (all or none) and wakes listening workers; returns how many were added.
 * The NOTIFY is sent inside the transaction, so PostgreSQL delivers it at COMMIT: no worker is woken for
 * jobs it cannot see yet.
 */
export async function enqueue(pool: Pool, items: QueueItem[]): Promise<number> {
  items.forEach(checkItem);
  if (items.length === 0) return 0;
  return withClient(pool, async (client) => {
    await client.query('BEGIN');
    try {
      for (const batch of batches(items)) await insertBatch(client, batch);
      await client.query(`NOTIFY ${QUEUE_CHANNEL}`);
      await client.query('COMMIT');
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw e;
    }
    return items.length;
  });
}

function checkItem(item: QueueItem, i: number): void {
  const source = typeof item?.source === 'string' ? item.source : '';
  if (!source) throw new DossierError('E_USAGE', `job ${i + 1} to enqueue has no source`);
  if (!Buffer.isBuffer(item.bytes)) throw new DossierError('E_USAGE', 'the job to enqueue has no bytes (a Buffer is needed)', source);
}

function batches(items: QueueItem[]): QueueItem[][] {
  const out: QueueItem[][] = [];
  let current: QueueItem[] = [];
  let size = 0;
  for (const item of items) {
    const full = current.length >= ENQUEUE_ROWS_PER_INSERT || size + item.bytes.length > ENQUEUE_BYTES_PER_INSERT;
    if (full && current.length > 0) {
      out.push(current);
      current = [];
      size = 0;
    }
    current.push(item);
    size += item.bytes.length;
  }
  out.push(current);
  return out;
}

async function insertBatch(client: PoolClient, batch: QueueItem[]): Promise<void> {
  // Buffers go as binary parameters; an array parameter would be hex text of twice the size.
  const rows = batch.map((_, i) => `($${2 * i + 1}, $${2 * i + 2})`).join(', ');
  const params = batch.flatMap((item) => [item.source, item.bytes]);
  await client.query(`INSERT INTO dossier_jobs (source, bytes) VALUES ${rows}`, params);
}

/** Jobs waiting or being worked on now (`queued`), and jobs that gave up (`failed`). */
export async function queueCounts(pool: Pool): Promise<{ queued: number; failed: number }> {
  return withClient(pool, async (client) => {
    const { rows } = await client.query<{ queued: string; failed: string }>(
      `SELECT count(*) FILTER (WHERE state = 'queued') AS queued, count(*) FILTER (WHERE state = 'failed') AS failed FROM dossier_jobs`,
    );
    return { queued: Number(rows[0]?.queued ?? 0), failed: Number(rows[0]?.failed ?? 0) };
  });
}

/** The jobs that gave up, oldest first, with why. */
export async function failedJobs(pool: Pool): Promise<FailedJob[]> {
  return withClient(pool, async (client) => {
    const { rows } = await client.query<{ id: string; source: string; last_error: string | null; started: number }>(
      `SELECT j.id, j.source, j.last_error, coalesce(s.started, j.started) AS started
         FROM dossier_jobs j LEFT JOIN dossier_job_starts s ON s.job_id = j.id
        WHERE j.state = 'failed' ORDER BY j.id`,
    );
    return rows.map((r) => ({ id: r.id, source: r.source, lastError: r.last_error, started: r.started }));
  });
}
