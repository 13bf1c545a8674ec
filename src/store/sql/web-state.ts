import { gunzipSync, gzipSync } from 'node:zlib';
import type { Kysely } from 'kysely';
import type { DetachedDocument, FeedItemState, IntakeRecord, WebState } from '../types.js';
import type { DB } from './schema.js';
import { indexSamples, sketchFromBuffer } from '../../resolve/near-copy.js';
import { sketchKey } from './sketch-keys.js';

/** URLs per IN (…) list. */
const IN_BATCH = 500;

/**
 * The web intake's tables (migration 11), over either backend. `db()` is the open transaction's
 * connection when there is one (inside `store.write`), so a reprocess detaches and reattaches a
 * document in the transaction that saves it again.
 */
export class SqlWebState implements WebState {
  constructor(
    private readonly db: () => Kysely<DB>,
    private readonly transaction: <T>(fn: () => Promise<T>) => Promise<T>,
  ) {}

  async putIntake(rec: Omit<IntakeRecord, 'fetchedAt'>): Promise<void> {
    const row = {
      doc_id: rec.docId, raw: gzipSync(rec.raw), content_type: rec.contentType, charset: rec.charset, url: rec.url, final_url: rec.finalUrl,
      published_from: rec.publishedFrom, fetched_at: new Date().toISOString(),
    };
    // The first record of a document stands: the same bytes fetched again later add nothing.
    await this.transaction(() => this.db().insertInto('document_intake').values(row).onConflict((oc) => oc.column('doc_id').doNothing()).execute());
  }

  async getIntake(docId: string): Promise<IntakeRecord | null> {
    const r = await this.db().selectFrom('document_intake').selectAll().where('doc_id', '=', docId).executeTakeFirst();
    if (!r) return null;
    return {
      docId: r.doc_id, raw: gunzipSync(r.raw), contentType: r.content_type, charset: r.charset, url: r.url, finalUrl: r.final_url,
      publishedFrom: r.published_from, fetchedAt: r.fetched_at,
    };
  }

  async docOfUrls(urls: readonly string[]): Promise<string | null> {
    for (let i = 0; i < urls.length; i += IN_BATCH) {
      const r = await this.db().selectFrom('document_urls').select('doc_id').where('url', 'in', urls.slice(i, i + IN_BATCH)).executeTakeFirst();
      if (r) return r.doc_id;
    }
    return null;
  }

  async addUrls(docId: string, urls: readonly string[]): Promise<void> {
    const uniq = [...new Set(urls)];
    if (!uniq.length) return;
    const at = new Date().toISOString();
    await this.transaction(() => this.db().insertInto('document_urls').values(uniq.map((url) => ({ url, doc_id: docId, added_at: at }))).onConflict((oc) => oc.column('url').doNothing()).execute());
  }

  async urlsOf(docId: string): Promise<string[]> {
    return (await this.db().selectFrom('document_urls').select('url').where('doc_id', '=', docId).orderBy('added_at').orderBy('url').execute()).map((r) => r.url);
  }

  async validators(url: string): Promise<{ etag: string | null; lastModified: string | null } | null> {
    const r = await this.db().selectFrom('http_validators').select(['etag', 'last_modified']).where('url', '=', url).executeTakeFirst();
    return r ? { etag: r.etag, lastModified: r.last_modified } : null;
  }

  async setValidators(url: string, v: { etag: string | null; lastModified: string | null }): Promise<void> {
    const row = { url, etag: v.etag, last_modified: v.lastModified, checked_at: new Date().toISOString() };
    await this.transaction(() =>
      this.db().insertInto('http_validators').values(row).onConflict((oc) => oc.column('url').doUpdateSet({ etag: row.etag, last_modified: row.last_modified, checked_at: row.checked_at })).execute(),
    );
  }

  async addFeed(url: string): Promise<void> {
    await this.transaction(() => this.db().insertInto('feeds').values({ url, kind: null, added_at: new Date().toISOString(), last_polled_at: null, last_error: null }).onConflict((oc) => oc.column('url').doNothing()).execute());
  }

  async feedPolled(url: string, kind: string | null, error: string | null): Promise<void> {
    await this.transaction(async () => {
      await this.addFeed(url);
      await this.db().updateTable('feeds').set({ last_polled_at: new Date().toISOString(), last_error: error, ...(kind ? { kind } : {}) }).where('url', '=', url).execute();
    });
  }

  async listFeeds(): Promise<{ url: string; kind: string | null; lastPolledAt: string | null; lastError: string | null }[]> {
    const rows = await this.db().selectFrom('feeds').selectAll().orderBy('url').execute();
    return rows.map((r) => ({ url: r.url, kind: r.kind, lastPolledAt: r.last_polled_at, lastError: r.last_error }));
  }

  async feedItems(feedUrl: string, keys: readonly string[]): Promise<Map<string, FeedItemState>> {
    const out = new Map<string, FeedItemState>();
    for (let i = 0; i < keys.length; i += IN_BATCH) {
      const rows = await this.db().selectFrom('feed_items').selectAll().where('feed_url', '=', feedUrl).where('item_key', 'in', keys.slice(i, i + IN_BATCH)).execute();
      for (const r of rows) {
        out.set(r.item_key, { key: r.item_key, url: r.url, published: r.published, status: r.status as FeedItemState['status'], docId: r.doc_id, attempts: Number(r.attempts), error: r.error });
      }
    }
    return out;
  }

  async recordItem(feedUrl: string, item: FeedItemState): Promise<void> {
    const row = { feed_url: feedUrl, item_key: item.key, url: item.url, published: item.published, status: item.status, doc_id: item.docId, attempts: item.attempts, error: item.error, seen_at: new Date().toISOString() };
    await this.transaction(() =>
      this.db().insertInto('feed_items').values(row).onConflict((oc) => oc.columns(['feed_url', 'item_key']).doUpdateSet({ status: row.status, doc_id: row.doc_id, attempts: row.attempts, error: row.error, seen_at: row.seen_at })).execute(),
    );
  }

  async documentVersions(): Promise<{ id: string; pipelineVersion: number; ingestedAt: string; hasRaw: boolean }[]> {
    const rows = await this.db()
      .selectFrom('documents as d')
      .leftJoin('document_intake as i', 'i.doc_id', 'd.id')
      .select(['d.id', 'd.pipeline_version', 'd.ingested_at', 'i.doc_id as raw'])
      .orderBy('d.ingested_at').orderBy('d.id')
      .execute();
    return rows.map((r) => ({ id: r.id, pipelineVersion: Number(r.pipeline_version), ingestedAt: r.ingested_at, hasRaw: r.raw !== null }));
  }

  async detachDocument(docId: string): Promise<DetachedDocument | null> {
    const db = this.db();
    const d = await db.selectFrom('documents').select(['ingested_at', 'sketch']).where('id', '=', docId).executeTakeFirst();
    if (!d) return null;
    const locs = await db.selectFrom('document_locations').selectAll().where('doc_id', '=', docId).execute();
    // Everything else hangs off the document by ON DELETE CASCADE (reports, annotations, claims, mentions, links …)
    // but its near-copy index rows, keyed by a number (sketch-keys.ts): those are its sketch's index samples,
    // found by the primary key. (A document sharing its key and one of those samples would lose that row
    // too: a chance of about n / 2^74 among n documents.)
    const key = sketchKey(docId);
    const samples = d.sketch ? indexSamples(sketchFromBuffer(d.sketch)) : [];
    if (key !== null && samples.length) await db.deleteFrom('sketch_keys').where('doc_key', '=', key).where('sample', 'in', samples).execute();
    await db.deleteFrom('documents').where('id', '=', docId).execute();
    return {
      ingestedAt: d.ingested_at,
      locations: locs.map((l) => ({ source: l.source, contentHash: l.content_hash, title: l.title, published: l.published, distance: l.distance, addedAt: l.added_at, overlap: l.overlap })),
    };
  }

  async reattachDocument(docId: string, kept: DetachedDocument): Promise<void> {
    const db = this.db();
    await db.updateTable('documents').set({ ingested_at: kept.ingestedAt }).where('id', '=', docId).execute();
    for (const l of kept.locations) {
      await db.insertInto('document_locations').values({
        doc_id: docId, source: l.source, content_hash: l.contentHash, title: l.title, published: l.published, distance: l.distance, added_at: l.addedAt, overlap: l.overlap,
      }).onConflict((oc) => oc.doNothing()).execute();
    }
  }
}
