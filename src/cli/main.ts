#!/usr/bin/env node
import { existsSync, realpathSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DossierError } from '../model/index.js';
import { HEADLINE_POLICIES, type Conflict, type HeadlinePolicy } from '../resolve/index.js';
import { incidentConflicts } from '../views/index.js';
import { DEFAULT_DB, isPostgresUrl, isSqliteFile, openStore, type IncidentFilter, type Store } from '../store/index.js';
import { EXPORT_FORMATS, gatherItems, jsonlRecord, writeExport, type ExportFormat, type ExportSummary } from '../export/index.js';
import { datasetNames, formatTable, loadDataset } from '../eval/index.js';
import { claimsTable, entityView, formatEntity, incidentsTable, quotesTable, quoteWithWords, showIncident, withWords } from './format.js';
import { INGEST_BATCH_DOCS, ingestPaths, type IngestEvent } from '../pipeline/index.js';
import { chunked, writeOutputFile, writeOutputStream } from './output.js';
import { exitCodeOf } from './run.js';
import { cmdIngestWeb, cmdReprocess, cmdShowDocument, cmdWatch, ingestNeedsWeb, showsDocument, WEB_HELP } from './web-commands.js';
import { cmdHistory, cmdReview, cmdToken, REVIEW_HELP } from './review-commands.js';

/** Kept here, not imported from serve-command.ts, so `dossier help` loads no more than before. */
const SERVE_HELP = `  dossier serve [--db FILE|URL] [--port 8080] [--host 127.0.0.1] [--require-auth] [--web DIR]
                                             the web app at / and the JSON API at /api/ (docs/api.md);
                                             reads need a token off 127.0.0.1 or with --require-auth`;

const HELP = () => `dossier — sourced incidents from reports of political violence

Usage:
  dossier ingest PATH… [--db FILE|URL] [--batch N] [--queue]
                                             read .html/.htm/.txt/.md files or folders (recursive);
                                             N documents per transaction (default ${INGEST_BATCH_DOCS});
                                             --queue: put them on the PostgreSQL queue for workers
  dossier worker [--db URL] [--concurrency N] [--until-idle]
                                             N processes take documents from the queue on PostgreSQL;
                                             --until-idle: exit once the queue is empty
${WEB_HELP}
  dossier incidents [--db FILE] [--json] [--from DATE] [--to DATE]
                    [--country NAME|ISO2] [--type T] [--text WORDS] [--actor NAME]
                    [--bbox WEST,SOUTH,EAST,NORTH] [--policy P]
  dossier show ID [--db FILE] [--json] [--policy P]
${REVIEW_HELP}
  dossier export --format ${EXPORT_FORMATS.join('|')} [--db FILE] [--out FILE] [--policy P]
                    [--from DATE] [--to DATE] [--country NAME|ISO2] [--type T] [--text WORDS]
                    [--actor NAME] [--bbox WEST,SOUTH,EAST,NORTH]
                                             acled, gtd: CSV in their codebooks' columns; plover: PLOVER 2.0
                                             JSON Lines; jsonl: our full records; geojson: an RFC 7946
                                             FeatureCollection (docs/formats.md)
  dossier claims [--db FILE] [--source NAME] [--kind K] [--json]
                                             claims across the store (${CLAIM_KINDS.join(', ')})
  dossier quotes [--db FILE] [--speaker NAME] [--json]
  dossier conflicts [--db FILE] [--json]     incidents whose reports give different figures or dates
  dossier entities [--db FILE] [--type T] [--json]
  dossier entity ID [--db FILE] [--json]     an entity's mentions, incidents, claims and relations
${SERVE_HELP}
  dossier demo [--db FILE] [--force]         ingest the bundled sample reports into a fresh database
                                             (replaces only a store an earlier demo made, unless --force)
  dossier eval --dataset NAME --data PATH [--json] [--predictions FILE] [--limit N] [--model]
                                             score the pipeline on human-coded data (${datasetNames().join(', ')});
                                             --model: polnear with the learned attribution taggers

The store is --db, else $DOSSIER_DB, else ./${DEFAULT_DB}: a SQLite file, or postgres://user@host/db for PostgreSQL. Headline policies: ${HEADLINE_POLICIES.join(', ')} (default conservative).
Dates: a bound at year or month precision covers the whole year or month (--to 2024-06 keeps 30 June).
Exit codes: 0 ok, 1 some input failed, 2 usage error, 3 not found, 4 store error, 5 output refused.`;

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const SAMPLES = join(ROOT, 'samples');

function usage(msg: string): never {
  throw new DossierError('E_USAGE', `${msg}\n\n${HELP()}`);
}

function policyOf(v: string | undefined): HeadlinePolicy {
  if (v === undefined) return 'conservative';
  if (!(HEADLINE_POLICIES as string[]).includes(v)) usage(`unknown --policy "${v}"`);
  return v as HeadlinePolicy;
}

function checkDate(v: string | undefined, name: string): string | undefined {
  if (v !== undefined && !/^\d{4}(-\d{2}(-\d{2})?)?$/.test(v)) usage(`${name} takes a date like 2024, 2024-03 or 2024-03-22`);
  return v;
}

export function main(argv: string[]): number | Promise<number> {
  const [cmd, ...rest] = argv;
  if (!cmd || cmd === 'help' || cmd === '--help' || cmd === '-h') {
    process.stdout.write(`${HELP()}\n`);
    return cmd ? 0 : 2;
  }
  switch (cmd) {
    case 'ingest':
      return ingestNeedsWeb(rest) ? cmdIngestWeb(rest) : cmdIngest(rest);
    case 'watch':
      return cmdWatch(rest);
    case 'reprocess':
      return cmdReprocess(rest);
    case 'incidents':
      return cmdIncidents(rest);
    case 'show':
      return showsDocument(rest) ? cmdShowDocument(rest) : cmdShow(rest);
    case 'export':
      return cmdExport(rest);
    case 'demo':
      return cmdDemo(rest);
    case 'claims':
      return cmdClaims(rest);
    case 'conflicts':
      return cmdConflicts(rest);
    case 'entities':
      return cmdEntities(rest);
    case 'entity':
      return cmdEntity(rest);
    case 'quotes':
      return cmdQuotes(rest);
    case 'eval':
      return cmdEval(rest);
    case 'worker':
      return cmdWorker(rest);
    case 'serve':
      // The server (hono, zod) is loaded by this command only: `dossier help` stays quick.
      return import('./serve-command.js').then((m) => m.cmdServe(rest));
    case 'review':
      return cmdReview(rest);
    case 'history':
      return cmdHistory(rest);
    case 'token':
      return cmdToken(rest);
    default:
      usage(`unknown command "${cmd}"`);
  }
}

async function cmdIngest(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { db: { type: 'string' }, batch: { type: 'string' }, queue: { type: 'boolean' } } });
  if (!positionals.length) usage('ingest needs at least one file or folder');
  if (values.queue) return cmdEnqueue(targetOf(values.db), positionals);
  const batch = values.batch === undefined ? INGEST_BATCH_DOCS : Number(values.batch);
  if (!(Number.isInteger(batch) && batch > 0)) usage('--batch takes a positive whole number of documents');
  const store = await openStore(targetOf(values.db));
  try {
    return await runIngest(store, positionals, batch);
  } finally {
    await store.close();
  }
}

async function runIngest(store: Store, paths: string[], batch = INGEST_BATCH_DOCS): Promise<number> {
  const tty = process.stderr.isTTY === true;
  let incidents = 0;
  const t0 = Date.now();
  const onEvent = (e: IngestEvent, done: number, total: number): void => {
    incidents += e.incidents;
    if (e.status === 'failed') {
      if (tty) process.stderr.write('\r\x1b[K');
      process.stderr.write(`error ${e.error?.code ?? ''}: ${e.error?.message ?? e.path}\n`);
    } else if (!tty) {
      const what = e.status === 'duplicate' ? 'unchanged' : e.status === 'update' ? 'updated' : e.status;
      const incidents = `${e.incidents} incident${e.incidents === 1 ? '' : 's'}${e.merged ? `, ${e.merged} already known from other reports` : ''}`;
      const detail =
        e.status === 'repost'
          ? `same text and facts as ${e.repostOf}: kept as another location of it`
          : e.status === 'update'
            ? `an update of ${e.updateOf}, with other facts: ${incidents}; the same source`
            : (e.notice ?? incidents);
      process.stdout.write(`${what}  ${e.path}  (${detail})\n`);
    }
    if (tty) {
      const secs = Math.max(0.001, (Date.now() - t0) / 1000);
      const w = 24;
      const fill = Math.round((done / Math.max(1, total)) * w);
      process.stderr.write(`\r\x1b[K[${'#'.repeat(fill)}${'-'.repeat(w - fill)}] ${done}/${total} documents · ${incidents} incidents · ${(done / secs).toFixed(1)} docs/s`);
    }
  };
  const sum = await ingestPaths(store, paths, onEvent, batch);
  if (tty) process.stderr.write('\n');
  process.stdout.write(
    `${sum.stored} stored, ${sum.updates ? `${sum.updates} updates, ` : ''}${sum.duplicates} unchanged, ${sum.reposts ? `${sum.reposts} reposts, ` : ''}${sum.failed} failed; ${sum.incidents} incident reports; ${sum.words} words in ${sum.seconds.toFixed(2)} s\n`,
  );
  return sum.failed > 0 ? 1 : 0;
}

/** The filter options `incidents` and `export` share. */
const FILTER_OPTIONS = {
  from: { type: 'string' }, to: { type: 'string' }, country: { type: 'string' }, type: { type: 'string' }, text: { type: 'string' },
  actor: { type: 'string' }, bbox: { type: 'string' },
} as const;

type FilterValues = { [K in keyof typeof FILTER_OPTIONS]?: string | undefined };

/** `--bbox west,south,east,north` in degrees, checked. */
function bboxOf(v: string | undefined): [number, number, number, number] | undefined {
  if (v === undefined) return undefined;
  const n = v.split(',').map((x) => Number(x.trim()));
  const [w, s, e, no] = n;
  if (n.length !== 4 || n.some((x) => !Number.isFinite(x)) || w! < -180 || e! > 180 || s! < -90 || no! > 90 || w! > e! || s! > no!) {
    usage(`--bbox takes west,south,east,north in degrees (west ≤ east, south ≤ north), not "${v}"`);
  }
  return [w!, s!, e!, no!];
}

function filterOf(values: FilterValues): IncidentFilter {
  const filter: IncidentFilter = {};
  const from = checkDate(values.from, '--from');
  const to = checkDate(values.to, '--to');
  if (from && to && from.slice(0, Math.min(from.length, to.length)) > to.slice(0, Math.min(from.length, to.length))) usage(`--from ${from} is after --to ${to}`);
  if (from) filter.from = from;
  if (to) filter.to = to;
  if (values.country) filter.country = values.country;
  if (values.type) filter.type = values.type;
  if (values.text) filter.text = values.text;
  if (values.actor) filter.actor = values.actor;
  const bbox = bboxOf(values.bbox);
  if (bbox) filter.bbox = bbox;
  return filter;
}

async function cmdIncidents(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { db: { type: 'string' }, json: { type: 'boolean' }, policy: { type: 'string' }, ...FILTER_OPTIONS },
  });
  const policy = policyOf(values.policy);
  const filter = filterOf(values);
  const store = await openExisting(values.db);
  try {
    const list = await store.listIncidents(filter);
    if (values.json) {
      process.stdout.write(`[${(await gatherItems(store, list, policy)).map((it) => JSON.stringify(jsonlRecord(it))).join(',\n')}]\n`);
    } else if (!list.length) {
      process.stdout.write('no incidents match\n');
    } else {
      process.stdout.write(`${await incidentsTable(store, list, policy, process.stdout.columns ?? 160)}\n${list.length} incident${list.length === 1 ? '' : 's'}\n`);
    }
    return 0;
  } finally {
    await store.close();
  }
}

async function cmdShow(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { db: { type: 'string' }, json: { type: 'boolean' }, policy: { type: 'string' } } });
  const id = Number(positionals[0]);
  if (!positionals[0] || !Number.isInteger(id)) usage('show needs a numeric incident ID (see `dossier incidents`)');
  const policy = policyOf(values.policy);
  const store = await openExisting(values.db);
  try {
    const inc = await store.getIncident(id);
    if (!inc) throw new DossierError('E_NOT_FOUND', `no incident with ID ${id}`);
    if (values.json) {
      process.stdout.write(`${JSON.stringify(jsonlRecord((await gatherItems(store, [inc], policy))[0]!), null, 2)}\n`);
    } else {
      process.stdout.write(`${await showIncident(store, inc, policy)}\n`);
    }
    return 0;
  } finally {
    await store.close();
  }
}

async function cmdExport(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { db: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' }, policy: { type: 'string' }, ...FILTER_OPTIONS } });
  if (!values.format || !(EXPORT_FORMATS as readonly string[]).includes(values.format)) usage(`export needs --format ${EXPORT_FORMATS.join('|')}`);
  const policy = policyOf(values.policy);
  const filter = filterOf(values);
  const db = targetOf(values.db);
  const store = await openExisting(db);
  try {
    const format = values.format as ExportFormat;
    // Record by record to the file (or stdout): memory stays flat however many incidents are exported.
    let sum: ExportSummary;
    if (values.out) {
      sum = await writeOutputStream(values.out, (write) => writeExport(store, format, policy, filter, write), [db]);
      process.stderr.write(`wrote ${sum.records} record${sum.records === 1 ? '' : 's'} to ${values.out}\n`);
    } else {
      const out = chunked((s) => process.stdout.write(s));
      sum = await writeExport(store, format, policy, filter, out.write);
      out.flush();
    }
    // GeoJSON keeps incidents without coordinates out of its features: say how many, so none goes unnoticed.
    if (format === 'geojson' && sum.unlocated) process.stderr.write(`${sum.unlocated} incident${sum.unlocated === 1 ? '' : 's'} without coordinates listed under "unlocated", not as features\n`);
    return 0;
  } finally {
    await store.close();
  }
}

/** The PostgreSQL URL a queue command needs, or a usage error that says how to give one. */
function queueTarget(db: string | undefined, what: string): string {
  const target = targetOf(db);
  if (!isPostgresUrl(target)) usage(`${what} needs a PostgreSQL store: --db postgres://user@host/db or DOSSIER_DB (the queue lives in PostgreSQL)`);
  return target;
}

async function cmdEnqueue(target: string, paths: string[]): Promise<number> {
  const url = queueTarget(target, 'ingest --queue');
  await (await openStore(url)).close(); // the store's schema first, so workers find it ready
  // The queue and PostgreSQL's driver are loaded by the queue commands only (start-up of every other command).
  const [{ default: pg }, { enqueuePaths }] = await Promise.all([import('pg'), import('../pipeline/worker.js')]);
  const pool = new pg.Pool({ connectionString: url });
  try {
    const sum = await enqueuePaths(pool, paths);
    for (const f of sum.failed) process.stderr.write(`error ${f.error.code}: ${f.error.message}\n`);
    process.stdout.write(`${sum.queued} queued for workers, ${sum.failed.length} failed\n`);
    return sum.failed.length ? 1 : 0;
  } finally {
    await pool.end();
  }
}

async function cmdWorker(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { db: { type: 'string' }, concurrency: { type: 'string' }, 'until-idle': { type: 'boolean' } } });
  const url = queueTarget(values.db, 'worker');
  const n = values.concurrency === undefined ? 1 : Number(values.concurrency);
  if (!(Number.isInteger(n) && n > 0 && n <= 64)) usage('--concurrency takes a whole number of processes from 1 to 64');
  const untilIdle = values['until-idle'] === true;
  const childArgs = ['worker', '--db', url, ...(untilIdle ? ['--until-idle'] : [])];
  const [{ default: pg }, { forkWorkers, workJobs }] = await Promise.all([import('pg'), import('../pipeline/worker.js')]);
  // Parallelism by process: extraction is CPU work, one document at a time per Node process.
  const children = process.env.DOSSIER_WORKER_CHILD ? [] : forkWorkers(fileURLToPath(import.meta.url), childArgs, n - 1);
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
        if (e.kind === 'done') process.stdout.write(`done  ${e.source}  (${Math.round(e.ms)} ms, worker ${process.pid})\n`);
        else process.stderr.write(`${e.kind === 'retry' ? 'retry' : 'failed'}  ${e.error ?? e.source}\n`);
      },
    });
    const codes = await Promise.all(children);
    process.stdout.write(`worker ${process.pid}: ${res.done} done, ${res.failed} failed; ${res.queued} left on the queue\n`);
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

async function cmdDemo(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { db: { type: 'string' }, force: { type: 'boolean' } } });
  const db = values.db ?? DEFAULT_DB;
  if (isPostgresUrl(db)) usage('demo makes a fresh SQLite file; to try PostgreSQL, run `dossier ingest samples --db postgres://…`');
  const refusal = await demoRefusal(db);
  if (refusal && !values.force) {
    throw new DossierError('E_USAGE', `${refusal}: the demo replaces only a store it made itself. Pass another --db, or --force to delete it`, db);
  }
  if (existsSync(db) && statSync(db).isDirectory()) throw new DossierError('E_USAGE', 'is a folder; --db takes a file', db);
  for (const suffix of ['', '-wal', '-shm']) rmSync(db + suffix, { force: true });
  process.stdout.write(`Dossier demo: ingesting the bundled sample reports from ${SAMPLES} into a fresh database, ${db}\n\n`);
  const store = await openStore(db);
  try {
    await store.setInfo(DEMO_MARK.key, DEMO_MARK.value);
    const code = await runIngest(store, [SAMPLES]);
    const list = await store.listIncidents();
    process.stdout.write(`\n${await incidentsTable(store, list, 'conservative', 200)}\n${list.length} incidents\n`);
    const first = list.find((i) => i.reports.some((r) => r.killedTotal)) ?? list[0];
    if (first) process.stdout.write(`\n${await showIncident(store, first, 'conservative')}\n`);
    process.stdout.write(`\nTry: node dist/src/cli/main.js show ID --db ${db}   ·   export --format gtd --db ${db}\n`);
    return code;
  } finally {
    await store.close();
  }
}

async function cmdEntities(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { db: { type: 'string' }, type: { type: 'string' }, json: { type: 'boolean' } } });
  const store = await openExisting(values.db);
  try {
    const list = await store.listEntities(values.type ? { type: values.type } : {});
    if (values.json) process.stdout.write(`${JSON.stringify(list, null, 1)}\n`);
    else if (!list.length) process.stdout.write('no entities match\n');
    else {
      const lines = list.map((e) => `${String(e.id).padEnd(6)}${e.type.padEnd(14)}${e.name.slice(0, 40).padEnd(42)}${String(e.mentions).padStart(5)} mentions in ${e.documents} doc${e.documents === 1 ? '' : 's'}${e.geonameid ? `  geonames:${e.geonameid}` : ''}`);
      process.stdout.write(`ID    TYPE          NAME\n${lines.join('\n')}\n${list.length} entities\n`);
    }
    return 0;
  } finally {
    await store.close();
  }
}

async function cmdEntity(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { db: { type: 'string' }, json: { type: 'boolean' } } });
  const id = Number(positionals[0]);
  if (!positionals[0] || !Number.isInteger(id)) usage('entity needs a numeric entity ID (see `dossier entities`)');
  const store = await openExisting(values.db);
  try {
    const e = await store.getEntity(id);
    if (!e) throw new DossierError('E_NOT_FOUND', `no entity with ID ${id}`);
    const view = await entityView(store, e);
    if (values.json) process.stdout.write(`${JSON.stringify(view, null, 1)}\n`);
    else process.stdout.write(`${formatEntity(view)}\n`);
    return 0;
  } finally {
    await store.close();
  }
}

async function cmdConflicts(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { db: { type: 'string' }, json: { type: 'boolean' } } });
  const store = await openExisting(values.db);
  try {
    const rows: { incident: number; label: string; conflicts: Conflict[] }[] = [];
    for await (const inc of store.eachIncident()) {
      const row = await incidentConflicts(store, inc);
      if (row) rows.push(row);
    }
    if (values.json) process.stdout.write(`${JSON.stringify(rows, null, 1)}\n`);
    else if (!rows.length) process.stdout.write('no incident has reports that disagree\n');
    else {
      const titles = new Map<string, string>();
      for (const r of rows) for (const c of r.conflicts) for (const v of c.values) {
        if (titles.has(v.docId)) continue;
        const d = await store.getDocumentMeta(v.docId);
        titles.set(v.docId, d ? `"${d.meta.title ?? d.meta.source}"${d.meta.published ? ` (${d.meta.published})` : ''}` : v.docId);
      }
      const title = (id: string): string => titles.get(id)!;
      for (const r of rows) {
        process.stdout.write(`Incident ${r.incident}: ${r.label}\n`);
        for (const c of r.conflicts) {
          process.stdout.write(`  ${c.field}: ${c.verdict} — ${c.why}\n`);
          for (const v of c.values) process.stdout.write(`    ${v.value.padEnd(16)} ${title(v.docId)}${v.words ? `: “${v.words}”` : ''}\n`);
        }
      }
    }
    return 0;
  } finally {
    await store.close();
  }
}

const CLAIM_KINDS = ['responsibility', 'denial', 'accusation', 'linkage', 'reported_fact', 'no_claim'];

async function cmdClaims(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { db: { type: 'string' }, source: { type: 'string' }, kind: { type: 'string' }, json: { type: 'boolean' } } });
  if (values.kind && !CLAIM_KINDS.includes(values.kind)) usage(`unknown --kind "${values.kind}"`);
  const store = await openExisting(values.db);
  try {
    const claims = await store.listClaims({ ...(values.source ? { source: values.source } : {}), ...(values.kind ? { kind: values.kind } : {}) });
    const json = async (): Promise<string> => JSON.stringify(await Promise.all(claims.map((c) => withWords(store, c))), null, 1);
    process.stdout.write(values.json ? `${await json()}\n` : `${await claimsTable(store, claims)}\n`);
    return 0;
  } finally {
    await store.close();
  }
}

async function cmdQuotes(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { db: { type: 'string' }, speaker: { type: 'string' }, json: { type: 'boolean' } } });
  const store = await openExisting(values.db);
  try {
    const quotes = await store.listQuotes(values.speaker ? { speaker: values.speaker } : {});
    const json = async (): Promise<string> => JSON.stringify(await Promise.all(quotes.map((q) => quoteWithWords(store, q))), null, 1);
    process.stdout.write(values.json ? `${await json()}\n` : `${await quotesTable(store, quotes)}\n`);
    return 0;
  } finally {
    await store.close();
  }
}

async function cmdEval(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { dataset: { type: 'string' }, data: { type: 'string' }, json: { type: 'boolean' }, predictions: { type: 'string' }, limit: { type: 'string' }, model: { type: 'boolean' } },
  });
  if (!values.dataset) usage(`eval needs --dataset (${datasetNames().join('|')})`);
  if (!values.data) usage('eval needs --data PATH (a file or folder in the dataset\'s format)');
  if (!existsSync(values.data)) throw new DossierError('E_INPUT_MISSING', 'no such file or folder', values.data);
  const limit = values.limit === undefined ? undefined : Number(values.limit);
  if (limit !== undefined && !(Number.isInteger(limit) && limit > 0)) usage('--limit takes a positive whole number');
  const ds = await loadDataset(values.dataset);
  const res = await ds.run(values.data, { ...(limit ? { limit } : {}), ...(values.model ? { model: true } : {}) });
  if (values.predictions) {
    writeOutputFile(values.predictions, `${JSON.stringify(res.predictions, null, 1)}\n`);
    process.stderr.write(`wrote predictions for ${Object.keys(res.predictions).length} items to ${values.predictions}\n`);
  }
  const { predictions: _p, ...summary } = res;
  process.stdout.write(values.json ? `${JSON.stringify(summary, null, 2)}\n` : `${formatTable(res)}\n`);
  return 0;
}

/** The store a command uses: --db, else $DOSSIER_DB (a file or a postgres:// URL), else ./dossier.db. */
function targetOf(db: string | undefined): string {
  return db ?? (process.env.DOSSIER_DB || DEFAULT_DB);
}

function openExisting(db: string | undefined): Promise<Store> {
  const target = targetOf(db);
  if (isPostgresUrl(target)) return openStore(target, { readonly: true });
  if (!existsSync(target)) throw new DossierError('E_NOT_FOUND', 'no database here yet: run `dossier ingest PATH…` first, or pass --db', target);
  return openStore(target, { readonly: true });
}

/** True when this file is the program being run, directly or through an npm bin symlink. */
function isEntryPoint(argv1: string): boolean {
  try {
    return realpathSync(resolve(argv1)) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (process.argv[1] && isEntryPoint(process.argv[1])) {
  // `dossier incidents | head`: a reader that stops early is not an error.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });
  process.exitCode = await exitCodeOf(() => main(process.argv.slice(2)));
}
