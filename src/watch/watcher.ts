import { setTimeout as sleep } from 'node:timers/promises';
import { DossierError } from '../model/index.js';
import { canonicalUrl, type Fetcher } from '../fetch/index.js';
import type { FeedItemState, Store } from '../store/index.js';
import { feedText, parseFeedText, type FeedItem, type FeedKind } from './feeds.js';
import { ingestUrl, SaveLock, type UrlEvent } from './web-ingest.js';

/**
 * `dossier watch`: poll feeds and sitemaps, ingest each new item once. State is in the store
 * (migration 11): the items each feed listed and what became of them, and the feed's validators.
 * The validators are saved only after every item of a poll is handled, so a process stopped half-way
 * gets the whole feed again next time (not a 304) and handles what it had not; items already handled
 * are skipped by their key. A restart neither repeats nor misses an item.
 */

export interface WatchOptions {
  /** Between two polls of all sources. */
  everyMs: number;
  /** Poll each source once and return. */
  once: boolean;
  /** Items fetched at a time (the fetcher still takes one host's requests in turn). */
  concurrency?: number;
  /** Stops the watch: the items being ingested finish; no new one starts. */
  signal?: AbortSignal;
  onEvent?: (e: WatchEvent) => void;
}

export type WatchEvent =
  | { kind: 'poll'; source: string; feedKind: FeedKind | null; items: number; fresh: number; notModified: boolean }
  | { kind: 'item'; source: string; item: FeedItem; event: UrlEvent }
  | { kind: 'error'; source: string; error: DossierError };

export interface WatchSummary {
  polls: number;
  items: number;
  stored: number;
  failed: number;
  incidents: number;
}

/** Transient failures are tried again on later polls, this many times in all. */
export const MAX_ITEM_ATTEMPTS = 3;
/** How deep a sitemap index may nest (an index of indexes is allowed, no further). */
const MAX_SITEMAP_DEPTH = 2;
/** Child sitemaps read per index and poll: a site with 10,000 sitemaps is read a slice at a time. */
const MAX_CHILD_SITEMAPS = 50;

/** `15m`, `30s`, `2h`, `1d`, `250ms`, or plain seconds → milliseconds; `flag` names the option in the error. */
export function parseDuration(v: string, flag: string, minMs = 0): number {
  const m = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?$/i.exec(v.trim());
  if (!m) throw new DossierError('E_USAGE', `${flag} takes a duration like 15m, 30s or 2h, not "${v}"`);
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[(m[2] ?? 's').toLowerCase() as 'ms' | 's' | 'm' | 'h' | 'd'];
  const ms = Number(m[1]) * unit;
  if (ms < minMs) throw new DossierError('E_USAGE', `${flag} must be at least ${minMs / 1000}s, not "${v}"`);
  return ms;
}

/** `--every`: a duration of at least a second. */
export function parseEvery(v: string): number {
  return parseDuration(v, '--every', 1000);
}

interface Listing {
  kind: FeedKind | null;
  items: FeedItem[];
  notModified: boolean;
  /** Validators to save once the items are handled. */
  validators: { url: string; etag: string | null; lastModified: string | null }[];
}

export class Watcher {
  private readonly lock = new SaveLock();
  readonly summary: WatchSummary = { polls: 0, items: 0, stored: 0, failed: 0, incidents: 0 };

  constructor(
    private readonly store: Store,
    private readonly fetcher: Fetcher,
    private readonly opts: WatchOptions,
  ) {}

  private get stopped(): boolean {
    return this.opts.signal?.aborted === true;
  }

  /** Poll every source, once or until stopped. */
  async run(sources: readonly string[]): Promise<WatchSummary> {
    for (const s of sources) await this.store.webState().addFeed(s);
    for (;;) {
      for (const s of sources) {
        if (this.stopped) return this.summary;
        await this.poll(s);
      }
      if (this.opts.once || this.stopped) return this.summary;
      try {
        await sleep(this.opts.everyMs, undefined, this.opts.signal ? { signal: this.opts.signal } : {});
      } catch {
        return this.summary;
      }
    }
  }

  /** One poll of one source: list its items, ingest the new ones, then save its validators. */
  async poll(source: string): Promise<void> {
    const web = this.store.webState();
    this.summary.polls++;
    let listing: Listing;
    try {
      listing = await this.list(source, 0);
    } catch (e) {
      const error = e instanceof DossierError ? e : new DossierError('E_FEED', (e as Error).message, source);
      await web.feedPolled(source, null, `${error.code}: ${error.message}`);
      this.opts.onEvent?.({ kind: 'error', source, error });
      return;
    }
    const known = await web.feedItems(source, listing.items.map((i) => i.key));
    const fresh = listing.items.filter((i) => {
      const k = known.get(i.key);
      return !k || (k.status === 'retry' && k.attempts < MAX_ITEM_ATTEMPTS);
    });
    this.opts.onEvent?.({ kind: 'poll', source, feedKind: listing.kind, items: listing.items.length, fresh: fresh.length, notModified: listing.notModified });
    const complete = await this.ingestItems(source, fresh, known, listing.kind === 'sitemap' || listing.kind === 'sitemapindex' ? 'sitemap' : 'feed');
    // Only a poll that handled every item may tell the server "I have this version".
    if (complete) for (const v of listing.validators) await web.setValidators(v.url, { etag: v.etag, lastModified: v.lastModified });
    await web.feedPolled(source, listing.kind, null);
  }

  private async ingestItems(source: string, items: FeedItem[], known: Map<string, FeedItemState>, what: 'feed' | 'sitemap'): Promise<boolean> {
    // Oldest first: the order they were published in.
    const queue = [...items].sort((a, b) => (a.published ?? '9999').localeCompare(b.published ?? '9999'));
    let next = 0;
    let retry = false;
    const worker = async (): Promise<void> => {
      while (next < queue.length && !this.stopped) {
        const it = queue[next++]!;
        if ((await this.ingestItem(source, it, known.get(it.key)?.attempts ?? 0, what)) === 'retry') retry = true;
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(this.opts.concurrency ?? 4, queue.length)) }, worker));
    // An item to try again needs the full listing next poll, not a 304.
    return next >= queue.length && !this.stopped && !retry;
  }

  private async ingestItem(source: string, it: FeedItem, attemptsBefore: number, what: 'feed' | 'sitemap'): Promise<FeedItemState['status']> {
    const from = it.published ? `${what} ${source} (${it.dateField})` : null;
    const ev = await ingestUrl(this.store, this.fetcher, it.url, { published: it.published, publishedFrom: from }, this.lock);
    const attempts = attemptsBefore + 1;
    const status: FeedItemState['status'] =
      ev.status === 'failed' ? (ev.transient && attempts < MAX_ITEM_ATTEMPTS ? 'retry' : 'failed') : ev.status === 'stored' || ev.status === 'update' ? 'stored' : 'duplicate';
    await this.lock.run(() =>
      this.store.webState().recordItem(source, { key: it.key, url: it.url, published: it.published, status, docId: ev.docId ?? null, attempts, error: ev.error ? `${ev.error.code}: ${ev.error.message}` : null }),
    );
    this.summary.items++;
    if (ev.status === 'stored' || ev.status === 'update') this.summary.stored++;
    if (ev.status === 'failed') this.summary.failed++;
    this.summary.incidents += ev.incidents;
    this.opts.onEvent?.({ kind: 'item', source, item: it, event: ev });
    return status;
  }

  /** A source's items: a feed's, a sitemap's, or those of an index's sitemaps. */
  private async list(url: string, depth: number): Promise<Listing> {
    const key = canonicalUrl(url);
    const web = this.store.webState();
    const v = (await web.validators(key)) ?? {};
    const res = await this.fetcher.get(url, v);
    if (res.notModified) return { kind: null, items: [], notModified: true, validators: [] };
    const parsed = parseFeedText(feedText(res.bytes, res.url, res.charset), res.url);
    const listing: Listing = { kind: parsed.kind, items: parsed.items, notModified: false, validators: [{ url: key, etag: res.etag, lastModified: res.lastModified }] };
    if (parsed.kind !== 'sitemapindex') return listing;
    if (depth >= MAX_SITEMAP_DEPTH) throw new DossierError('E_FEED', `sitemap indexes nest deeper than ${MAX_SITEMAP_DEPTH}`, url);
    for (const child of parsed.sitemaps.slice(0, MAX_CHILD_SITEMAPS)) {
      if (this.stopped) break;
      try {
        const sub = await this.list(child, depth + 1);
        listing.items.push(...sub.items);
        listing.validators.push(...sub.validators);
      } catch (e) {
        // One broken child sitemap does not hide the others; the index is read again next poll.
        listing.validators = listing.validators.filter((x) => x.url !== key);
        this.opts.onEvent?.({ kind: 'error', source: child, error: e instanceof DossierError ? e : new DossierError('E_FEED', (e as Error).message, child) });
      }
    }
    return listing;
  }
}
