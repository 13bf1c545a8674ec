import { existsSync, readFileSync } from 'node:fs';
import { DossierError } from '../model/index.js';
import { canonicalUrl, Fetcher, type FetchOptions } from '../fetch/index.js';
import { languageNotice } from '../intake/index.js';
import { countWords, ingestPaths, INGEST_BATCH_DOCS, reprocess, type IngestEvent, type IngestSummary } from '../pipeline/index.js';
import { DEFAULT_DB, isPostgresUrl, openStore, type Store } from '../store/index.js';
import { ingestUrls, parseDuration, parseEvery, parseUrlList, Watcher, type WatchEvent } from '../watch/index.js';
import { json, note, text } from './output.js';
import { usage, type Args } from './spec.js';

/**
 * The web intake's commands: `ingest URL…`, `watch`, `reprocess`, and `show` of a document. Their
 * arguments and options are declared in commands.ts, which loads this module when one runs. See
 * docs/web-intake.md.
 */

const URL_LIKE = /^https?:\/\//i;
function target(db: string | undefined): string {
  return db ?? (process.env['DOSSIER_DB'] || DEFAULT_DB);
}

/** Fetch settings from the flags, and from DOSSIER_ALLOW_PRIVATE (comma-separated ranges) for a deployment that fetches from its own network. */
function fetchOptions(a: Args): FetchOptions {
  const env = (process.env['DOSSIER_ALLOW_PRIVATE'] ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const interval = a.string('host-interval');
  return { allowPrivate: [...env, ...a.strings('allow-private')], ...(interval === undefined ? {} : { hostIntervalMs: parseDuration(interval, '--host-interval') }) };
}

function concurrencyOf(v: string | undefined, dflt: number): number {
  if (v === undefined) return dflt;
  const n = Number(v);
  if (!(Number.isInteger(n) && n > 0 && n <= 64)) usage(`--concurrency takes a whole number from 1 to 64, not "${v}"`);
  return n;
}

function eventLine(e: IngestEvent): string {
  const what = e.status === 'duplicate' ? 'unchanged' : e.status === 'update' ? 'updated' : e.status;
  const n = `${e.incidents} incident${e.incidents === 1 ? '' : 's'}${e.merged ? `, ${e.merged} already known from other reports` : ''}`;
  const detail = e.notice
    ? e.notice
    : e.status === 'repost' ? `same text and facts as ${e.repostOf}: kept as another location of it` : e.status === 'update' ? `an update of ${e.updateOf}, with other facts: ${n}; the same source` : n;
  return `${what}  ${e.path}  (${detail})`;
}

function report(e: IngestEvent): void {
  if (e.status === 'failed') note(`error ${e.error?.code ?? ''}: ${e.error?.message ?? e.path}\n`);
  else text(`${eventLine(e)}\n`);
}

function add(a: IngestSummary, b: IngestSummary): IngestSummary {
  return {
    files: a.files + b.files, stored: a.stored + b.stored, duplicates: a.duplicates + b.duplicates, reposts: a.reposts + b.reposts, updates: a.updates + b.updates,
    failed: a.failed + b.failed, incidents: a.incidents + b.incidents, words: a.words + b.words, seconds: a.seconds + b.seconds,
  };
}

/** `dossier ingest` with URLs (and perhaps paths too). */
export async function cmdIngestWeb(a: Args): Promise<number> {
  const values = { urls: a.string('urls'), batch: a.string('batch'), concurrency: a.string('concurrency'), db: a.string('db') };
  const positionals = a.positionals;
  if (a.flag('queue')) usage('--queue takes files and folders; fetch URLs with `dossier ingest URL…` (without --queue)');
  const urls = positionals.filter((p) => URL_LIKE.test(p));
  const paths = positionals.filter((p) => !URL_LIKE.test(p));
  if (values.urls) {
    if (!existsSync(values.urls)) throw new DossierError('E_INPUT_MISSING', 'no such file', values.urls);
    urls.push(...parseUrlList(readFileSync(values.urls, 'utf8'), values.urls));
  }
  if (!urls.length && !paths.length) usage('ingest needs at least one URL, file or folder');
  const batch = values.batch === undefined ? INGEST_BATCH_DOCS : Number(values.batch);
  if (!(Number.isInteger(batch) && batch > 0)) usage('--batch takes a positive whole number of documents');
  const fetcher = new Fetcher(fetchOptions(a));
  const store = await openStore(target(values.db));
  try {
    const empty: IngestSummary = { files: 0, stored: 0, duplicates: 0, reposts: 0, updates: 0, failed: 0, incidents: 0, words: 0, seconds: 0 };
    const fromFiles = paths.length ? await ingestPaths(store, paths, report, batch) : empty;
    const fromWeb = urls.length ? await ingestUrls(store, fetcher, urls, report, concurrencyOf(values.concurrency, 4)) : empty;
    const sum = add(fromFiles, fromWeb);
    text(
      `${sum.stored} stored, ${sum.updates ? `${sum.updates} updates, ` : ''}${sum.duplicates} unchanged, ${sum.reposts ? `${sum.reposts} reposts, ` : ''}${sum.failed} failed; ${sum.incidents} incident reports; ${sum.words} words in ${sum.seconds.toFixed(2)} s\n`,
    );
    return sum.failed > 0 ? 1 : 0;
  } finally {
    await fetcher.close();
    await store.close();
  }
}

function watchLine(e: WatchEvent): void {
  if (e.kind === 'error') note(`error ${e.error.code}: ${e.error.message}\n`);
  else if (e.kind === 'poll') text(`poll  ${e.source}  (${e.notModified ? 'not modified' : `${e.feedKind}: ${e.items} items, ${e.fresh} new`})\n`);
  else report(e.event);
}

/** `dossier watch`: until SIGINT/SIGTERM (the items being ingested finish), or one poll with --once. */
export async function cmdWatch(a: Args): Promise<number> {
  const values = { every: a.string('every'), once: a.flag('once'), concurrency: a.string('concurrency'), db: a.string('db') };
  const positionals = a.positionals;
  const everyMs = parseEvery(values.every ?? '15m');
  for (const p of positionals) if (!URL_LIKE.test(p)) usage(`watch takes feed or sitemap URLs (http or https), not "${p}"`);
  const store = await openStore(target(values.db));
  const fetcher = new Fetcher(fetchOptions(a));
  const stop = new AbortController();
  const onSignal = (): void => {
    if (stop.signal.aborted) process.exit(130);
    note('stopping after the items being ingested (again to quit now)…\n');
    stop.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const sources = positionals.length ? positionals : (await store.webState().listFeeds()).map((f) => f.url);
    if (!sources.length) usage('watch needs a feed or sitemap URL (the store follows none yet)');
    const w = new Watcher(store, fetcher, { everyMs, once: values.once === true, concurrency: concurrencyOf(values.concurrency, 4), signal: stop.signal, onEvent: watchLine });
    const sum = await w.run(sources);
    text(`${sum.polls} polls; ${sum.items} new items: ${sum.stored} stored, ${sum.failed} failed; ${sum.incidents} incident reports\n`);
    return sum.failed > 0 && values.once ? 1 : 0;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await fetcher.close();
    await store.close();
  }
}

/** `dossier reprocess [--since-version N] [--force]` */
export async function cmdReprocess(a: Args): Promise<number> {
  const values = { db: a.string('db'), force: a.flag('force') };
  const since = a.string('since-version');
  if (since !== undefined && !/^\d+$/.test(since)) usage(`--since-version takes a pipeline version number, not "${since}"`);
  const store = await openStore(target(values.db));
  try {
    const sum = await reprocess(store, {
      ...(since !== undefined ? { sinceVersion: Number(since) } : {}), force: values.force === true,
      onEvent: (e) => {
        if (e.status === 'failed') note(`error ${e.error?.code ?? ''}: ${e.error?.message ?? e.docId}\n`);
        else text(`${e.status}  ${e.source}  (${e.status === 'skipped' ? e.reason : `${e.incidents} incidents, ${e.kept} kept from before`})\n`);
      },
    });
    text(`${sum.reprocessed} reprocessed, ${sum.skipped} skipped, ${sum.failed} failed of ${sum.considered}; incidents ${sum.incidentsBefore} → ${sum.incidentsAfter}, ${sum.incidentsKept} kept; ${sum.seconds.toFixed(2)} s\n`);
    return sum.failed > 0 ? 1 : 0;
  } finally {
    await store.close();
  }
}

/** A document by id (or an 8+ hex-digit prefix), by a URL it was reached by, or by its source path. */
async function findDocument(store: Store, ref: string): Promise<string | null> {
  const web = store.webState();
  if (URL_LIKE.test(ref)) return web.docOfUrls([canonicalUrl(ref)]);
  const all = await web.documentVersions();
  if (/^[0-9a-f]{8,64}$/i.test(ref)) {
    const hits = all.filter((d) => d.id.startsWith(ref.toLowerCase()));
    if (hits.length > 1) throw new DossierError('E_USAGE', `${hits.length} documents start with ${ref}: give more of the id`);
    if (hits.length) return hits[0]!.id;
  }
  const metas = await store.getDocumentMetas(all.map((d) => d.id));
  return [...metas.values()].find((m) => m.meta.source === ref)?.id ?? null;
}

/** `dossier show DOCUMENT`: what the store knows of one document, including why it has no incidents. */
export async function cmdShowDocument(a: Args): Promise<number> {
  const values = { db: a.string('db'), json: a.flag('json') };
  const positionals = a.positionals;
  const db = target(values.db);
  if (!isPostgresUrl(db) && !existsSync(db)) throw new DossierError('E_NOT_FOUND', 'no database here yet: run `dossier ingest PATH…` first, or pass --db', db);
  const store = await openStore(db, { readonly: true });
  try {
    const id = await findDocument(store, positionals[0]!);
    const doc = id ? await store.getDocument(id) : null;
    if (!doc) throw new DossierError('E_NOT_FOUND', `no stored document is ${positionals[0]} (give an incident number, a document id prefix, a URL or a path)`);
    const intake = await store.webState().getIntake(doc.id);
    const incidents = await store.incidentIdsOfDocument(doc.id);
    const m = doc.meta;
    const notice = languageNotice(m.language);
    const info = {
      id: doc.id, source: m.source, url: m.url, title: m.title, author: m.author, publisher: m.publisher, published: m.published,
      publishedFrom: intake?.publishedFrom ?? null, language: m.language, notice, format: m.format, words: countWords(doc.text), ingestedAt: doc.ingestedAt,
      incidents, urls: await store.webState().urlsOf(doc.id), rawKept: intake !== null,
    };
    if (values.json) {
      json(info, 2);
      return 0;
    }
    const lines = [
      `Document ${doc.id}`,
      `  source:     ${m.source}`,
      ...(m.title ? [`  title:      ${m.title}`] : []),
      ...(m.author || m.publisher ? [`  by:         ${[m.author, m.publisher].filter(Boolean).join(', ')}`] : []),
      `  published:  ${m.published ?? 'unknown'}${info.publishedFrom && info.publishedFrom !== 'page' ? ` (from ${info.publishedFrom})` : ''}`,
      `  language:   ${m.language ?? 'unknown'}${notice ? ` — ${notice}` : ''}`,
      `  text:       ${info.words} words, ${m.format}; stored ${doc.ingestedAt}${intake ? '; raw bytes kept' : ''}`,
      `  incidents:  ${incidents.length ? incidents.join(', ') : notice ? `none (${notice})` : 'none found'}`,
      ...(info.urls.length ? [`  reached by: ${info.urls.join('\n              ')}`] : []),
    ];
    // Stored metadata is text already (intake drops markup); text() drops controls and escape codes for the terminal.
    text(`${lines.join('\n')}\n`);
    return 0;
  } finally {
    await store.close();
  }
}
