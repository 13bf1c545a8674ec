import { DossierError, type Doc } from '../model/index.js';
import { intakeBuffer, languageNotice, type InputFormat } from '../intake/index.js';
import { canonicalUrl, type Fetcher, type FetchResult } from '../fetch/index.js';
import { countWords, extract, saveExtracted, type IngestEvent, type IngestSummary } from '../pipeline/index.js';
import type { Store } from '../store/index.js';

/**
 * Pages from the web into the store: fetch (politely, through the SSRF guard), read, extract, save,
 * and remember the raw bytes and every URL the page was reached by. A URL already known (by its
 * canonical key) is not fetched again: one article reached by three URLs is one document.
 */

/** What a feed or sitemap says of an item, used when the page itself does not say it. */
export interface ItemHint {
  published?: string | null;
  /** `feed <url>` or `sitemap <url>`. */
  publishedFrom?: string | null;
}

export interface UrlEvent extends IngestEvent {
  /** The stored document this URL is (or was already) part of. */
  docId?: string;
  /** For a failure: whether trying again later may succeed (network, 5xx, timeout). */
  transient?: boolean;
}

const TRANSIENT = new Set(['E_FETCH', 'E_FETCH_TIMEOUT', 'E_FETCH_HTTP', 'E_STORE_BUSY']);

/** The intake format a Content-Type names; null to let intake decide; 'unsupported' for PDFs, images … */
export function formatOfContentType(contentType: string | null): InputFormat | null | 'unsupported' {
  const t = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (!t || t === 'application/octet-stream') return null;
  if (t === 'text/html' || t === 'application/xhtml+xml') return 'html';
  if (t === 'text/markdown' || t === 'text/x-markdown') return 'markdown';
  if (t === 'text/plain') return 'text';
  if (t.startsWith('text/') || t.endsWith('+xml') || t === 'application/xml') return null;
  return 'unsupported';
}

/** One write at a time from this process: a store transaction is one connection's. */
export class SaveLock {
  private tail: Promise<unknown> = Promise.resolve();
  run<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.tail.then(fn, fn);
    this.tail = next.catch(() => undefined);
    return next;
  }
}

function fail(url: string, err: unknown): UrlEvent {
  const error = err instanceof DossierError ? err : new DossierError('E_FETCH', `unexpected failure: ${(err as Error).message}`, url);
  return { path: url, status: 'failed', incidents: 0, words: 0, error, transient: TRANSIENT.has(error.code) };
}

/** Read fetched bytes as a document, with the feed's publication date when the page gives none. */
function readFetched(res: FetchResult, hint: ItemHint): { doc: Doc; publishedFrom: string | null } {
  const format = formatOfContentType(res.contentType);
  if (format === 'unsupported') throw new DossierError('E_INPUT_UNSUPPORTED', `the server sent ${res.contentType}, not a page Dossier reads`, res.url);
  const doc = intakeBuffer(res.bytes, res.url, format ?? undefined, { charset: res.charset });
  let publishedFrom = doc.meta.published ? 'page' : null;
  if (!doc.meta.published && hint.published) {
    doc.meta.published = hint.published;
    publishedFrom = hint.publishedFrom ?? null;
  }
  return { doc, publishedFrom };
}

/** Fetch and ingest one URL. Never throws for a bad page or a refused address: the event says what happened. */
export async function ingestUrl(store: Store, fetcher: Fetcher, url: string, hint: ItemHint = {}, lock = new SaveLock()): Promise<UrlEvent> {
  const web = store.webState();
  const asked = canonicalUrl(url);
  try {
    const known = await web.docOfUrls([asked]);
    if (known) return { path: url, status: 'duplicate', incidents: 0, words: 0, docId: known };
    const res = await fetcher.get(url);
    const { doc, publishedFrom } = readFetched(res, hint);
    const keys = [asked, canonicalUrl(res.url), ...res.redirects.map(canonicalUrl), ...(doc.meta.url ? [canonicalUrl(doc.meta.url)] : [])];
    const words = countWords(doc.text);
    const same = (await web.docOfUrls(keys)) ?? ((await store.hasDocument(doc.id)) ? doc.id : null);
    if (same) {
      await lock.run(() => web.addUrls(same, keys));
      return { path: url, status: 'duplicate', incidents: 0, words, docId: same };
    }
    const st = extract(doc);
    const r = await lock.run(() =>
      store.transaction(async () => {
        const saved = await saveExtracted(store, doc, st);
        if (saved.status === 'stored' || saved.status === 'update') {
          await web.putIntake({ docId: doc.id, raw: res.bytes, contentType: res.contentType, charset: res.charset, url, finalUrl: res.url, publishedFrom });
        }
        await web.addUrls(saved.repostOf?.id ?? doc.id, keys);
        return saved;
      }),
    );
    const notice = languageNotice(doc.meta.language);
    return {
      path: url, status: r.status, incidents: r.incidentIds.length, words, docId: r.repostOf?.id ?? doc.id,
      ...(notice ? { notice } : {}), ...(r.repostOf ? { repostOf: r.repostOf.source } : {}), ...(r.updateOf ? { updateOf: r.updateOf.source } : {}),
      ...(r.mergedInto ? { merged: r.mergedInto.length } : {}),
    };
  } catch (err) {
    if (err instanceof DossierError && (err.code === 'E_STORE_CORRUPT' || err.code === 'E_STORE_READONLY')) throw err;
    return fail(url, err);
  }
}

/**
 * Ingest many URLs, `concurrency` fetches at a time (the fetcher still takes one host's requests in
 * turn), each document saved as soon as it is read.
 */
export async function ingestUrls(store: Store, fetcher: Fetcher, urls: readonly string[], onEvent: (e: UrlEvent, done: number, total: number) => void, concurrency = 4): Promise<IngestSummary> {
  const t0 = process.hrtime.bigint();
  const sum: IngestSummary = { files: urls.length, stored: 0, duplicates: 0, reposts: 0, updates: 0, failed: 0, incidents: 0, words: 0, seconds: 0 };
  const lock = new SaveLock();
  let next = 0;
  let done = 0;
  const worker = async (): Promise<void> => {
    while (next < urls.length) {
      const url = urls[next++]!;
      const ev = await ingestUrl(store, fetcher, url, {}, lock);
      tally(sum, ev);
      onEvent(ev, ++done, urls.length);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, urls.length)) }, worker));
  sum.seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  return sum;
}

export function tally(sum: IngestSummary, ev: IngestEvent): void {
  if (ev.status === 'stored') sum.stored++;
  else if (ev.status === 'update') sum.updates++;
  else if (ev.status === 'repost') sum.reposts++;
  else if (ev.status === 'duplicate') sum.duplicates++;
  else sum.failed++;
  sum.incidents += ev.incidents;
  if (ev.status !== 'failed') sum.words += ev.words;
}

/** `--urls FILE`: one URL a line; blank lines and `#` comments skipped. */
export function parseUrlList(text: string, source: string): string[] {
  const out: string[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    const t = line.replace(/(^|\s)#.*$/, '').trim();
    if (!t) return;
    if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(t)) throw new DossierError('E_USAGE', `line ${i + 1} is not a URL: "${t.slice(0, 80)}"`, source);
    out.push(t);
  });
  return out;
}
