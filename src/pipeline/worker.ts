import { fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { DossierError } from '../model/index.js';
import { intakeBuffer, intakeFile, listInputs } from '../intake/index.js';
import { enqueue, ensureQueue, queueCounts, runWorker, type JobOutcome, type WorkerEvent } from '../queue/index.js';
import type { Store } from '../store/index.js';
import { extract, ingestNotices, saveExtracted } from './ingest.js';

/**
 * Ingest through the queue on PostgreSQL: `dossier ingest PATHS --queue` enqueues files, and
 * `dossier worker` processes take them. Each job is one document: read, extracted, then resolved
 * and saved in one write transaction (the resolution lock orders saves across workers, so the
 * clusters are those of one process taking the documents in commit order).
 *
 * Tunables:
 */
/** Files per enqueue transaction: a failed enqueue loses none of the earlier batches' jobs. */
const ENQUEUE_BATCH = 100;

export interface EnqueueSummary {
  queued: number;
  failed: { path: string; error: DossierError }[];
}

/**
 * Put files on the queue. Each is read and checked first (type, size, encoding: what intake checks),
 * so a bad input is reported now, by name, and never becomes a job; the batch goes on.
 */
export async function enqueuePaths(pool: pg.Pool, paths: string[]): Promise<EnqueueSummary> {
  await ensureQueue(pool);
  const { files, errors } = listInputs(paths);
  const out: EnqueueSummary = { queued: 0, failed: [...errors] };
  let batch: { source: string; bytes: Buffer }[] = [];
  const flush = async (): Promise<void> => {
    if (batch.length) out.queued += await enqueue(pool, batch);
    batch = [];
  };
  for (const path of files) {
    try {
      intakeFile(path);
      batch.push({ source: path, bytes: readFileSync(path) });
    } catch (e) {
      out.failed.push({ path, error: e instanceof DossierError ? e : new DossierError('E_INPUT_MISSING', (e as Error).message, path) });
    }
    if (batch.length >= ENQUEUE_BATCH) await flush();
  }
  await flush();
  return out;
}

export interface WorkerRun {
  done: number;
  failed: number;
  queued: number;
}

/**
 * Work jobs in this process (one at a time: extraction is CPU work, and a second slot in one Node
 * process would only wait for the first). Parallelism comes from processes: see `forkWorkers`.
 */
export async function workJobs(store: Store, pool: pg.Pool, opts: { untilIdle: boolean; signal?: AbortSignal; onEvent?: (e: WorkerEvent) => void }): Promise<WorkerRun> {
  const handle = async (job: { source: string; bytes: Buffer }): Promise<JobOutcome> => {
    const doc = intakeBuffer(job.bytes, job.source);
    const st = extract(doc);
    // One transaction: the document and its kept bytes (for `dossier reprocess`) together.
    await store.transaction(async () => {
      const r = await saveExtracted(store, doc, st);
      if (r.status === 'stored' || r.status === 'update') {
        await store.webState().putIntake({ docId: doc.id, raw: job.bytes, contentType: null, charset: null, url: null, finalUrl: null, publishedFrom: doc.meta.published ? 'page' : null });
      }
    });
    // Said on the job's `done` line, as `dossier ingest` says them on the document's.
    const notices = ingestNotices(doc, st);
    return notices.length ? { notices } : {};
  };
  const res = await runWorker(pool, handle, { concurrency: 1, untilIdle: opts.untilIdle, ...(opts.signal ? { signal: opts.signal } : {}), ...(opts.onEvent ? { onEvent: opts.onEvent } : {}) });
  return { ...res, queued: (await queueCounts(pool)).queued };
}

/**
 * `dossier worker --concurrency N`: N processes, this one and N − 1 children running the same
 * command with one slot each. A child that dies (killed, out of memory) loses nothing: its job's
 * transaction rolls back and the job is taken again.
 */
export function forkWorkers(script: string, args: string[], n: number): Promise<number>[] {
  return Array.from({ length: n }, () => new Promise<number>((resolve) => {
    const child = fork(script, args, { env: { ...process.env, DOSSIER_WORKER_CHILD: '1' }, stdio: 'inherit' });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  }));
}
