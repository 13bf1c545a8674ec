/**
 * Dossier's job queue on PostgreSQL, for `dossier worker` and `dossier ingest --queue`. A job carries a
 * file's bytes; a worker claims it under a row lock of an open transaction, so a worker killed with -9
 * gives its job back at once (worker.ts explains the design, docs/queue.md what it guarantees).
 */
export { QUEUE_CHANNEL, QUEUE_MIGRATION, ensureQueue } from './schema.js';
export { enqueue, failedJobs, queueCounts } from './jobs.js';
export type { FailedJob, QueueItem } from './jobs.js';
export { DEFAULT_MAX_ATTEMPTS, DEFAULT_POLL_MS, runWorker } from './worker.js';
export type { Job, JobOutcome, WorkerEvent, WorkerOptions } from './worker.js';
