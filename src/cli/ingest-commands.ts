import { existsSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DossierError } from '../model/index.js';
import { INGEST_BATCH_DOCS, ingestPaths, type IngestEvent } from '../pipeline/index.js';
import { DEFAULT_DB, isPostgresUrl, isSqliteFile, openStore, type Store } from '../store/index.js';
import { incidentsTable, showIncident } from './format.js';
import { note, outputWidth, progress, stderrIsTerminal, text } from './output.js';
import { usage, type Args } from './spec.js';
import { intOption, targetOf } from './store-access.js';
import type { WorkerEvent } from '../queue/index.js';

/** `dossier ingest` (files and folders, or onto the queue), `dossier worker` and `dossier demo`. */

/** The package's root, from dist/src/cli. */
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const SAMPLES = join(ROOT, 'samples');
const URL_LIKE = /^https?:\/\//i;
/** The binary, which `worker --concurrency N` starts N-1 more of. */
const BINARY = fileURLToPath(new URL('./main.js', import.meta.url));

export async function cmdIngest(a: Args): Promise<number> {
  // URLs, --urls or --allow-private: the web intake's module (fetching, robots.txt, the SSRF guard) runs
  // it, loaded only then, so reading files never loads the HTTP client.
  if (a.positionals.some((p) => URL_LIKE.test(p)) || a.string('urls') !== undefined || a.strings('allow-private').length) {
    return (await import('./web-commands.js')).cmdIngestWeb(a);
  }
  const paths = [...a.positionals];
  if (!paths.length) usage('needs at least one file, folder or URL, or --urls FILE');
  if (a.string('concurrency') !== undefined) usage('--concurrency is the number of URLs fetched at once; files are read one at a time (for more, `ingest --queue` and `dossier worker --concurrency N`)');
  if (a.flag('queue')) return cmdEnqueue(targetOf(a.string('db')), paths);
  const batch = intOption(a, 'batch', 1, undefined, 'documents') ?? INGEST_BATCH_DOCS;
  const store = await openStore(targetOf(a.string('db')));
  try {
    return await runIngest(store, paths, batch);
  } finally {
    await store.close();
  }
}

/** One document's line: what happened to it and what it gave. */
function eventLine(e: IngestEvent): string {
  const what = e.status === 'duplicate' ? 'unchanged' : e.status === 'update' ? 'updated' : e.status;
  const incidents = `${e.incidents} incident${e.incidents === 1 ? '' : 's'}${e.merged ? `, ${e.merged} already known from other reports` : ''}`;
  const detail =
    e.status === 'repost'
      ? `same text and facts as ${e.repostOf}: kept as another location of it`
      : e.status === 'update'
        ? `an update of ${e.updateOf}, with other facts: ${incidents}; the same source`
        : (e.notice ?? incidents);
  return `${what}  ${e.path}  (${detail}${e.notices ? `; ${e.notices.join('; ')}` : ''})`;
}

export async function runIngest(store: Store, paths: string[], batch = INGEST_BATCH_DOCS): Promise<number> {
  const tty = stderrIsTerminal();
  let incidents = 0;
  const t0 = Date.now();
  const onEvent = (e: IngestEvent, done: number, total: number): void => {
    incidents += e.incidents;
    if (e.status === 'failed') {
      if (tty) progress('');
      note(`error ${e.error?.code ?? ''}: ${e.error?.message ?? e.path}\n`);
    } else if (!tty) {
      text(`${eventLine(e)}\n`);
    }
    if (tty) {
      const secs = Math.max(0.001, (Date.now() - t0) / 1000);
      const w = 24;
      const fill = Math.round((done / Math.max(1, total)) * w);
      progress(`[${'#'.repeat(fill)}${'-'.repeat(w - fill)}] ${done}/${total} documents · ${incidents} incidents · ${(done / secs).toFixed(1)} docs/s`);
    }
  };
  const sum = await ingestPaths(store, paths, onEvent, batch);
  if (tty) note('\n');
  text(
    `${sum.stored} stored, ${sum.updates ? `${sum.updates} updates, ` : ''}${sum.duplicates} unchanged, ${sum.reposts ? `${sum.reposts} reposts, ` : ''}${sum.failed} failed; ${sum.incidents} incident reports; ${sum.words} words in ${sum.seconds.toFixed(2)} s\n`,
  );
  return sum.failed > 0 ? 1 : 0;
}

/** The PostgreSQL URL a queue command needs, or a usage error that says how to give one. */
function queueTarget(db: string | undefined, what: string): string {
  const target = targetOf(db);
  if (!isPostgresUrl(target)) usage(`${what} needs a PostgreSQL store: --db postgres://user@host/db or DOSSIER_DB (the queue lives in PostgreSQL)`);
  return target;
}

async function cmdEnqueue(target: string, paths: string[]): Promise<number> {
  const url = queueTarget(target, '--queue');
  await (await openStore(url)).close(); // the store's schema first, so workers find it ready
  // The queue and PostgreSQL's driver are loaded by the queue commands only (start-up of every other command).
  const [{ default: pg }, { enqueuePaths }] = await Promise.all([import('pg'), import('../pipeline/worker.js')]);
  const pool = new pg.Pool({ connectionString: url });
  try {
    const sum = await enqueuePaths(pool, paths);
    for (const f of sum.failed) note(`error ${f.error.code}: ${f.error.message}\n`);
    text(`${sum.queued} queued for workers, ${sum.failed.length} failed\n`);
    return sum.failed.length ? 1 : 0;
  } finally {
    await pool.end();
  }
}

/** A job's `done` line: its source, time and worker, then its notices as `dossier ingest` gives them (`; ` after the detail). */
export function workerDoneLine(e: WorkerEvent, pid: number): string {
  return `done  ${e.source}  (${Math.round(e.ms)} ms, worker ${pid}${e.notices?.length ? `; ${e.notices.join('; ')}` : ''})`;
}

export async function cmdWorker(a: Args): Promise<number> {
  const url = queueTarget(a.string('db'), 'worker');
  const n = intOption(a, 'concurrency', 1, 64, 'processes') ?? 1;
  const untilIdle = a.flag('until-idle');
  const childArgs = ['worker', '--db', url, ...(untilIdle ? ['--until-idle'] : [])];
  const [{ default: pg }, { forkWorkers, workJobs }] = await Promise.all([import('pg'), import('../pipeline/worker.js')]);
  // Parallelism by process: extraction is CPU work, one document at a time per Node process.
  const children = process.env.DOSSIER_WORKER_CHILD ? [] : forkWorkers(BINARY, childArgs, n - 1);
  const store = await openStore(url);
  // The queue holds a connection per running job, one to count starts and one to look for work (see src/queue).
  const pool = new pg.Pool({ connectionString: url, max: 6 });
  pool.on('error', () => undefined);
  const stop = new AbortController();
  const onSignal = (): void => stop.abort();
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
  try {
    const res = await workJobs(store, pool, {
      untilIdle, signal: stop.signal,
      onEvent: (e) => {
        if (e.kind === 'done') text(`${workerDoneLine(e, process.pid)}\n`);
        else note(`${e.kind === 'retry' ? 'retry' : 'failed'}  ${e.error ?? e.source}\n`);
      },
    });
    const codes = await Promise.all(children);
    text(`worker ${process.pid}: ${res.done} done, ${res.failed} failed; ${res.queued} left on the queue\n`);
    return res.failed > 0 || codes.some((c) => c !== 0) ? 1 : 0;
  } finally {
    process.off('SIGTERM', onSignal);
    process.off('SIGINT', onSignal);
    await pool.end();
    await store.close();
  }
}

/** The marker a demo store carries in store_info, so a later demo may replace it and nothing else. */
const DEMO_MARK = { key: 'made_by', value: 'demo' } as const;

/** Why `demo` must not replace this file, or null when it may (absent, empty, or a store an earlier demo made). */
async function demoRefusal(db: string): Promise<string | null> {
  if (!existsSync(db)) return null;
  if (statSync(db).isDirectory()) return 'is a folder';
  if (statSync(db).size === 0) return null;
  if (!isSqliteFile(db)) return 'is not a Dossier store (not a SQLite file)';
  let store: Store | null = null;
  try {
    store = await openStore(db, { readonly: true });
    if ((await store.getInfo(DEMO_MARK.key)) === DEMO_MARK.value) return null;
    const n = await store.counts();
    return `is a Dossier store that the demo did not make (${n.documents} documents, ${n.incidents} incidents)`;
  } catch (e) {
    return `is a database the demo did not make (${(e as Error).message})`;
  } finally {
    await store?.close();
  }
}

export async function cmdDemo(a: Args): Promise<number> {
  const db = a.string('db') ?? DEFAULT_DB;
  if (isPostgresUrl(db)) usage('demo makes a fresh SQLite file; to try PostgreSQL, run `dossier ingest samples --db postgres://…`');
  const refusal = await demoRefusal(db);
  if (refusal && !a.flag('force')) {
    throw new DossierError('E_USAGE', `${refusal}: the demo replaces only a store it made itself. Pass another --db, or --force to delete it`, db);
  }
  if (existsSync(db) && statSync(db).isDirectory()) throw new DossierError('E_USAGE', 'is a folder; --db takes a file', db);
  for (const suffix of ['', '-wal', '-shm']) rmSync(db + suffix, { force: true });
  text(`Dossier demo: ingesting the bundled sample reports from ${SAMPLES} into a fresh database, ${db}\n\n`);
  const store = await openStore(db);
  try {
    await store.setInfo(DEMO_MARK.key, DEMO_MARK.value);
    const code = await runIngest(store, [SAMPLES]);
    const list = await store.listIncidents();
    text(`\n${await incidentsTable(store, list, 'conservative', outputWidth())}\n${list.length} incidents\n`);
    const first = list.find((i) => i.reports.some((r) => r.killedTotal)) ?? list[0];
    if (first) text(`\n${await showIncident(store, first, 'conservative')}\n`);
    const opt = a.string('db') === undefined ? '' : ` --db ${db}`;
    text(`\nTry: dossier show ${first?.id ?? 'ID'}${opt}   ·   dossier export --format acled --out incidents.csv${opt}   ·   dossier help\n`);
    text('(No `dossier` command? `npm link` puts it on your PATH; or run node dist/src/cli/main.js …)\n');
    return code;
  } finally {
    await store.close();
  }
}
