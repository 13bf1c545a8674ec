import { AsyncLocalStorage } from 'node:async_hooks';
import { CompiledQuery, sql, type Kysely, type RawBuilder } from 'kysely';
import type { Annotations, Claim, IncidentReport, Quote } from '../../model/index.js';
import { DossierError } from '../../model/index.js';
import type { ResolutionPort } from '../../resolve/port.js';
import type { DateKey, DocumentLocation, IncidentFilter, IncidentPage, IncidentPoint, IncidentStats, SortOrder, Store, StoredDocument, StoredDocumentMeta, StoredEntity, StoredIncident, WebState } from '../types.js';
import { checkAction } from '../../review/effective.js';
import type { EffectiveReview, IncidentChange, ReviewAction, ReviewRecord, Role, TokenInfo } from '../../review/types.js';
import * as ops from './review-ops.js';
import * as rsql from './review-sql.js';
import { searchTerms, type Backend } from './backend.js';
import { CountCache, type CountDelta, type CountStats, type IdBits } from './count-cache.js';
import { FreshRead } from './fresh-read.js';
import { bumpRevision, incidentsMatching, touchedSince } from './touches.js';
import { aggregateStats, headlineRow, pointsWhere, StatsTally, storedHeadline, writeHeadline } from './headline-sql.js';
import type { DB } from './schema.js';
import { EntityCache, SqlPort } from './sql-port.js';
import { runShaped } from './shaped.js';
import { SqlWebState } from './web-state.js';

/**
 * The Store over either backend: every query written once, with Kysely. It persists and queries;
 * resolution runs inside `write`, through the port.
 *
 * Tunables:
 */
/** Incidents per page when a listing or an export walks the store (memory flat in their number). */
const PAGE_INCIDENTS = 500;
/** Ids per IN (…) list: SQLite binds at most 32,766 values, and short lists plan better. */
const IN_BATCH = 500;
const LAYERS = ['sentences', 'mentions', 'dates', 'quantities', 'roles'] as const;
/**
 * Full-text pages (both backends, see Backend.textProbe). An object so a test can force any plan and the
 * probing walk's fallback; nothing else changes it.
 */
export const TEXT_PLAN = {
  /**
   * Words in at least this share of the incidents are found by walking the page's order and probing
   * each incident. At 200k incidents a page of 50 in date order took 300 ms by gathering the 56 000
   * matches of a word in 28% of them, 6 ms by probing; for a word in 2%, gathering was the faster (30 ms).
   */
  minShare: 0.05,
  /** The share is measured by counting matches up to this share of the incidents (about 0.06 µs a match). */
  shareCap: 0.1,
  /** Candidates a probing walk may try: this many times what the share predicts for the page. */
  margin: 4,
  /** ...and never more than this (a page of 500 at the minimum share would try 40 000: gathered instead). */
  windowMax: 25_000,
  /**
   * Words in at most this many full-text rows are gathered first, and the page is cut from their
   * incidents alone. Walking the page's order with the words as a condition found nothing to stop at
   * when the words are rare: PostgreSQL took 0.5 s (id order) and 10–14 s (date order) at 1M for
   * words in no incident at all, reading every incident in order.
   */
  fewMax: 2_000,
};

/**
 * How a page finds its words: by probing each incident its order walks (the probe, and how many
 * candidates it may try), or, for rare words, among the incidents that hold them (`ids`).
 */
type TextWalk = { probe: (id: RawBuilder<unknown>) => RawBuilder<boolean>; window: number; ids?: undefined } | { ids: readonly number[] };

/** The open write transaction of the current async context, if any (a batch), and its savepoint count. */
interface Tx {
  trx: Kysely<DB>;
  savepoints: number;
  /**
   * PostgreSQL: the savepoint of the last document saved, not released yet. It is released with the
   * next document's SAVEPOINT, in one round trip (or by the commit); a failed document rolls back to
   * its own savepoint, nested inside it, alone.
   */
  unreleased: string | null;
}

/**
 * The open write transactions of the current async context, one per store, for every SqlStore of the
 * process. One AsyncLocalStorage for all of them, not one per store: Node 20 calls every enabled
 * instance's hook on every promise the process creates, for as long as the process lives, and an
 * instance is never disabled on its own. A process that had opened 300 stores (a test process does)
 * paid 300 calls for each promise: 2 million awaits took 80 s of CPU, against 0.34 s with one instance.
 * A map, so that a transaction of one store inside another store's still finds both.
 */
const OPEN_TX = new AsyncLocalStorage<ReadonlyMap<SqlStore, Tx>>();

export class SqlStore implements Store {
  readonly capabilities = { fullTextSearch: true, concurrentWriters: true };
  readonly backend: 'sqlite' | 'postgres';
  private readonly entities = new EntityCache();
  private readonly counted = new CountCache();
  /** Filters a page in id order was asked for, with the revision they were last asked at (see pageMembers). */
  private readonly pageAsks = new Map<string, number>();

  /** The revision as read outside a transaction, one read for every request that asks at once (fresh-read.ts). */
  private readonly revisionRead: FreshRead<number>;

  constructor(private readonly b: Backend) {
    this.backend = b.kind;
    this.revisionRead = new FreshRead(() => this.readRevision(b.db));
  }

  /** This store's open write transaction in the current async context, if any. */
  private get openTx(): Tx | undefined {
    return OPEN_TX.getStore()?.get(this);
  }

  /** The connection to use: the open transaction's, or the pool. */
  private get db(): Kysely<DB> {
    return this.openTx?.trx ?? this.b.db;
  }

  private assertWritable(): void {
    if (this.b.readonly) throw new DossierError('E_STORE_READONLY', 'the store was opened for reading only', this.b.name);
  }

  async transaction<T>(fn: () => Promise<T>): Promise<T> {
    this.assertWritable();
    if (this.openTx) return fn();
    this.counted.writeBegins();
    try {
      return await this.b.writeTransaction(async (trx) => {
        if (await this.b.changedElsewhere(trx)) this.entities.clear();
        const open = new Map(OPEN_TX.getStore() ?? []).set(this, { trx, savepoints: 0, unreleased: null });
        const out = await OPEN_TX.run(open, fn);
        // Every write transaction, whatever it wrote: no write path can leave a cached count standing
        // (CountCache). Last, so the row is held only until the commit; the incidents it changed are
        // labelled with the new revision then (touches.ts).
        await bumpRevision(trx);
        return out;
      });
    } catch (e) {
      // The transaction rolled back: entities it created are gone, so are their cached ids.
      this.entities.clear();
      throw this.b.error(e, `could not save: ${(e as Error).message}`);
    } finally {
      this.counted.writeEnds();
    }
  }

  /** The store's write revision (migration 15): moves with every committed write transaction. */
  revision(): Promise<number> {
    // Inside a transaction its own connection sees its own writes: read there, alone.
    const trx = this.openTx?.trx;
    return trx ? this.readRevision(trx) : this.revisionRead.get();
  }

  private async readRevision(db: Kysely<DB>): Promise<number> {
    return Number((await db.selectFrom('store_revision').select('n').where('id', '=', 1).executeTakeFirst())?.n ?? 0);
  }

  /**
   * A savepoint statement of a document's save: on SQLite straight to its prepared statement on the
   * transaction's connection (Backend.runWritesNow), two a document that Kysely handed over before.
   */
  private async savepointStatement(trx: Kysely<DB>, text: string): Promise<void> {
    if (this.b.runWritesNow) this.b.runWritesNow([CompiledQuery.raw(text)]);
    else await sql.raw(text).execute(trx);
  }

  async write<T>(fn: (port: ResolutionPort) => Promise<T>): Promise<T> {
    this.assertWritable();
    const open = this.openTx;
    if (!open) return this.transaction(() => this.write(fn));
    // Inside a batch: a savepoint, so a document that fails rolls back alone.
    const id = `doc_${++open.savepoints}`;
    const pg = this.b.kind === 'postgres';
    const run = (text: string): Promise<void> => this.savepointStatement(open.trx, text);
    // Without values a statement goes by PostgreSQL's simple protocol, where two may go in one string.
    if (pg && open.unreleased) await run(`RELEASE SAVEPOINT ${open.unreleased}; SAVEPOINT ${id}`);
    else await run(`SAVEPOINT ${id}`);
    open.unreleased = null;
    try {
      const port = new SqlPort(open.trx, this.b, this.entities);
      const out = await fn(port);
      await port.flush();
      if (pg) open.unreleased = id;
      else await run(`RELEASE SAVEPOINT ${id}`);
      return out;
    } catch (e) {
      await run(`ROLLBACK TO SAVEPOINT ${id}`);
      await run(`RELEASE SAVEPOINT ${id}`);
      this.entities.clear();
      throw e instanceof DossierError ? e : this.b.error(e, `could not save: ${(e as Error).message}`);
    }
  }

  async hasDocument(id: string): Promise<boolean> {
    // Asked for every document ingested: compiled once (shaped.ts).
    const db = this.db;
    return (await runShaped(db, this.b.kind, 'documents has id', [id], () => db.selectFrom('documents').select('id').where('id', '=', id))).rows.length > 0;
  }

  async storedDocuments(ids: readonly string[]): Promise<Set<string>> {
    if (!ids.length) return new Set();
    const db = this.db;
    // One statement text for any number of ids: the list goes as one JSON value (Backend.inTextList).
    // Both plans read the primary key per id (SQLite: a search of its index; PostgreSQL: a bitmap
    // scan of it, checked at 200,000 documents).
    const list = JSON.stringify(ids);
    const rows = (await runShaped(db, this.b.kind, 'documents stored of list', [list], () => db.selectFrom('documents').select('id').where(this.b.inTextList('id', list)))).rows;
    return new Set(rows.map((r) => r.id));
  }

  async getInfo(key: string): Promise<string | null> {
    return (await this.db.selectFrom('store_info').select('value').where('key', '=', key).executeTakeFirst())?.value ?? null;
  }

  async setInfo(key: string, value: string): Promise<void> {
    this.assertWritable();
    await this.transaction(() => this.db.insertInto('store_info').values({ key, value }).onConflict((oc) => oc.column('key').doUpdateSet({ value })).execute());
  }

  async listClaims(filter: { source?: string; kind?: string } = {}): Promise<Claim[]> {
    let q = this.db.selectFrom('claims').select('data');
    if (filter.source) q = q.where('source', 'like', `%${likeSafe(filter.source.toLowerCase())}%`);
    if (filter.kind) q = q.where('kind', '=', filter.kind);
    return (await q.orderBy('doc_id').orderBy('id').execute()).map((r) => JSON.parse(r.data) as Claim);
  }

  async listQuotes(filter: { speaker?: string } = {}): Promise<Quote[]> {
    let q = this.db.selectFrom('quotes').select('data');
    if (filter.speaker) q = q.where('speaker', 'like', `%${likeSafe(filter.speaker.toLowerCase())}%`);
    return (await q.orderBy('doc_id').orderBy('id').execute()).map((r) => JSON.parse(r.data) as Quote);
  }

  async claimsOf(docId: string): Promise<Claim[]> {
    return (await this.db.selectFrom('claims').select('data').where('doc_id', '=', docId).orderBy('id').execute()).map((r) => JSON.parse(r.data) as Claim);
  }

  async quotesOf(docId: string): Promise<Quote[]> {
    return (await this.db.selectFrom('quotes').select('data').where('doc_id', '=', docId).orderBy('id').execute()).map((r) => JSON.parse(r.data) as Quote);
  }

  async claimsAbout(docId: string, reportIndex: number): Promise<Claim[]> {
    const rows = await this.db.selectFrom('claims as c').select('c.data').where('c.doc_id', '=', docId).where(this.b.claimConcerns(reportIndex)).orderBy('c.id').execute();
    return rows.map((r) => JSON.parse(r.data) as Claim);
  }

  async listEntities(filter: { type?: string } = {}): Promise<StoredEntity[]> {
    return this.entityRows(filter.type ? { type: filter.type } : {});
  }

  private async entityRows(by: { type?: string; id?: number }): Promise<StoredEntity[]> {
    let q = this.db.selectFrom('entities as e').leftJoin('entity_mentions as m', 'm.entity_id', 'e.id')
      .select(['e.id', 'e.key', 'e.type', 'e.name', 'e.geonameid', 'e.aliases'])
      .select((eb) => [eb.fn.count<number>('m.entity_id').as('mentions'), eb.fn.count<number>('m.doc_id').distinct().as('documents')]);
    if (by.type) q = q.where('e.type', '=', by.type);
    if (by.id !== undefined) q = q.where('e.id', '=', by.id);
    const rows = await q.groupBy(['e.id', 'e.key', 'e.type', 'e.name', 'e.geonameid', 'e.aliases']).orderBy('mentions', 'desc').orderBy('e.name').orderBy('e.id').execute();
    return rows.map((r) => ({
      id: Number(r.id), key: r.key, type: r.type, name: r.name, geonameid: r.geonameid === null ? null : Number(r.geonameid),
      aliases: JSON.parse(r.aliases) as string[], mentions: Number(r.mentions), documents: Number(r.documents),
    }));
  }

  async getEntity(id: number): Promise<(StoredEntity & { mentionList: { docId: string; start: number; end: number; text: string }[] }) | null> {
    const [e] = await this.entityRows({ id });
    if (!e) return null;
    const rows = await this.db.selectFrom('entity_mentions').select(['doc_id', 'start', 'end', 'text']).where('entity_id', '=', id).orderBy('doc_id').orderBy('start').execute();
    return { ...e, mentionList: rows.map((r) => ({ docId: r.doc_id, start: Number(r.start), end: Number(r.end), text: r.text })) };
  }

  async relationsOf(entityId: number): Promise<{ docId: string; subject: number | null; subjectText: string; predicate: string; object: number | null; objectText: string; data: unknown }[]> {
    const rows = await this.db.selectFrom('relations').selectAll().where((eb) => eb.or([eb('subject', '=', entityId), eb('object', '=', entityId)])).execute();
    return rows.map((r) => ({
      docId: r.doc_id, subject: r.subject === null ? null : Number(r.subject), subjectText: r.subject_text, predicate: r.predicate,
      object: r.object === null ? null : Number(r.object), objectText: r.object_text, data: JSON.parse(r.data) as unknown,
    }));
  }

  async linkedIncidentIds(): Promise<number[]> {
    const rows = await this.db.selectFrom('incident_links').select('a as id').union(this.db.selectFrom('incident_links').select('b as id')).execute();
    return rows.map((r) => Number(r.id)).sort((x, y) => x - y);
  }

  async linksOf(incidentId: number): Promise<{ other: number; kind: string; claimId: string | null; docId: string }[]> {
    const rows = await this.db.selectFrom('incident_links').select(['b', 'kind', 'claim_id', 'doc_id']).where('a', '=', incidentId).orderBy('b').orderBy('doc_id').execute();
    return rows.map((r) => ({ other: Number(r.b), kind: r.kind, claimId: r.claim_id, docId: r.doc_id }));
  }

  async locationsOf(docId: string): Promise<DocumentLocation[]> {
    return (await this.locationRows([docId])).map(locationOf);
  }

  /** Where documents' texts were also found, in each document's order (added, then source). */
  private locationRows(docIds: readonly string[]) {
    return this.db.selectFrom('document_locations').select(['doc_id', 'source', 'title', 'published', 'distance', 'overlap'])
      .where('doc_id', 'in', [...docIds]).orderBy('doc_id').orderBy('added_at').orderBy('source').execute();
  }

  async documentSources(docIds: readonly string[]): Promise<Map<string, { updateOf: string | null; alsoAt: DocumentLocation[] }>> {
    const out = new Map<string, { updateOf: string | null; alsoAt: DocumentLocation[] }>();
    const unique = [...new Set(docIds)];
    for (let i = 0; i < unique.length; i += IN_BATCH) {
      const part = unique.slice(i, i + IN_BATCH);
      for (const d of await this.db.selectFrom('documents').select(['id', 'derived_from']).where('id', 'in', part).execute()) out.set(d.id, { updateOf: d.derived_from, alsoAt: [] });
      for (const r of await this.locationRows(part)) out.get(r.doc_id)?.alsoAt.push(locationOf(r));
    }
    return out;
  }

  async getDocument(id: string): Promise<StoredDocument | null> {
    return (await this.getDocuments([id])).get(id) ?? null;
  }

  /** A document's metadata from the covering index (SQLite: its text's overflow pages are never read). */
  async getDocumentMeta(id: string): Promise<StoredDocumentMeta | null> {
    return (await this.getDocumentMetas([id])).get(id) ?? null;
  }

  async getDocumentMetas(ids: readonly string[]): Promise<Map<string, StoredDocumentMeta>> {
    const out = new Map<string, StoredDocumentMeta>();
    const unique = [...new Set(ids)];
    for (let i = 0; i < unique.length; i += IN_BATCH) {
      const { rows } = await sql<DocumentMetaRow>`SELECT id, source, title, subtitle, author, publisher, published, language, format, url FROM documents ${sql.raw(this.b.byOrigin)}
        WHERE id IN (${sql.join(unique.slice(i, i + IN_BATCH))})`.execute(this.db);
      for (const r of rows) out.set(r.id, metaOf(r));
    }
    return out;
  }

  async getDocuments(ids: readonly string[]): Promise<Map<string, StoredDocument>> {
    const out = new Map<string, StoredDocument>();
    const unique = [...new Set(ids)];
    for (let i = 0; i < unique.length; i += IN_BATCH) {
      // The columns a StoredDocument holds: not the sketch, the regions or the hash, read for nothing before.
      for (const r of await this.db.selectFrom('documents').select([...DOCUMENT_META_COLUMNS, 'text', 'ingested_at']).where('id', 'in', unique.slice(i, i + IN_BATCH)).execute()) {
        out.set(r.id, { ...metaOf(r), text: r.text, ingestedAt: r.ingested_at });
      }
    }
    return out;
  }

  async claimsOfDocuments(ids: readonly string[]): Promise<Map<string, Claim[]>> {
    const out = new Map<string, Claim[]>();
    const unique = [...new Set(ids)];
    for (let i = 0; i < unique.length; i += IN_BATCH) {
      const rows = await this.db.selectFrom('claims').select(['doc_id', 'data']).where('doc_id', 'in', unique.slice(i, i + IN_BATCH)).orderBy('doc_id').orderBy('id').execute();
      for (const r of rows) out.set(r.doc_id, [...(out.get(r.doc_id) ?? []), JSON.parse(r.data) as Claim]);
    }
    return out;
  }

  /** A document's annotation layers, each parsed when first used (`show` reads only the sentences). */
  async getAnnotations(id: string): Promise<Annotations | null> {
    const rows = await this.db.selectFrom('annotations').select(['layer', 'data']).where('doc_id', '=', id).execute();
    if (!rows.length) return null;
    const raw = new Map(rows.map((r) => [r.layer, r.data]));
    const parsed = new Map<string, unknown>();
    const out = {} as Annotations;
    for (const layer of LAYERS) {
      Object.defineProperty(out, layer, {
        enumerable: true,
        configurable: true,
        get: () => {
          if (!parsed.has(layer)) parsed.set(layer, raw.has(layer) ? JSON.parse(raw.get(layer)!) : []);
          return parsed.get(layer);
        },
        set: (v: unknown) => parsed.set(layer, v),
      });
    }
    return out;
  }

  async listIncidents(filter: IncidentFilter = {}): Promise<StoredIncident[]> {
    const out: StoredIncident[] = [];
    for await (const inc of this.eachIncident(filter)) out.push(inc);
    return out;
  }

  async *eachIncident(filter: IncidentFilter = {}): AsyncIterableIterator<StoredIncident> {
    let after: number | null = null;
    do {
      const page: IncidentPage = await this.incidentPage(filter, after, PAGE_INCIDENTS);
      yield* page.incidents;
      after = page.next;
    } while (after !== null);
  }

  async incidentPage(filter: IncidentFilter, after: number | null, limit: number, order: SortOrder = 'asc'): Promise<IncidentPage> {
    const page = await this.incidentIdPage(filter, after, limit, order);
    return { incidents: await this.incidentsById(page.ids), next: page.next };
  }

  async incidentIdPage(filter: IncidentFilter, after: number | null, limit: number, order: SortOrder = 'asc'): Promise<{ ids: number[]; next: number | null }> {
    const desc = order === 'desc';
    const kept = await this.pageMembers(filter);
    if (kept) return idsPage(kept.walk(after, limit + 1, desc), limit);
    const dir = sql.raw(desc ? 'DESC' : 'ASC');
    const where = (f: IncidentFilter): RawBuilder<unknown> => {
      const conds = [...filterConditions(f, this.b), ...flagConditions(f, false)];
      if (after !== null) conds.push(desc ? sql<boolean>`r.incident_id < ${after}` : sql<boolean>`r.incident_id > ${after}`);
      return conds.length ? sql`WHERE ${sql.join(conds, sql` AND `)}` : sql``;
    };
    const walk = await this.textWalk(filter, limit + 1);
    const probed = walk && await this.probeWalk<{ id: number }>(sql`SELECT r.incident_id AS id FROM reports r ${where({ ...filter, text: undefined })} ORDER BY r.incident_id ${dir}`, 'id', sql`w.id ${dir}`, limit + 1, walk, true);
    const rows = probed ?? (await sql<{ id: number }>`SELECT DISTINCT r.incident_id AS id FROM reports r ${where(filter)} ORDER BY r.incident_id ${dir} LIMIT ${limit + 1}`.execute(this.db)).rows;
    return idsPage(rows.map((r) => Number(r.id)), limit);
  }

  /**
   * The incidents a filter matches, as its count keeps them (CountCache), when they are current: a
   * page in id order is then the next ids of the set, without SQL. At 1M incidents a page no one asked
   * before cost 2–5 ms of SQL (a box or a year: every match read and sorted to find the cursor's
   * place), and 50 clients on two cores queued behind it (p95 195 ms). Members are read for a filter
   * that a count read them for, or when a page of it is asked for a second time at one revision (the
   * first page of a filter is not held up reading 376 000 ids it may never need). No filter at all:
   * the primary key walk is already the page (null).
   */
  private async pageMembers(filter: IncidentFilter): Promise<IdBits | null> {
    const key = countKey(filter);
    // Inside a write of this process a count is not kept, and would be counted in full for nothing.
    if (key === UNFILTERED || this.counted.writing) return null;
    const revision = await this.revision();
    const now = this.counted.membersAt(key, revision);
    if (now) return now;
    const asked = this.pageAsks.get(key);
    this.pageAsks.delete(key);
    this.pageAsks.set(key, revision);
    if (this.pageAsks.size > PAGE_ASKS_MAX) this.pageAsks.delete(this.pageAsks.keys().next().value!);
    // Read them only where they will be kept: with every member set taken, the count would be in full,
    // and again at each later page of the filter.
    if (!this.counted.hasMembers(key) && (asked !== revision || !this.counted.roomForMembers())) return null;
    await this.countIncidents(filter);
    return this.counted.membersAt(key, await this.revision());
  }

  /**
   * Cached per filter under the store's write revision (CountCache): a count of 1M is paid once per
   * filter, and brought up to date after a write from the incidents it changed (touches.ts). The
   * unfiltered count is a tally the triggers keep (migration 16), so it needs no members.
   */
  async countIncidents(filter: IncidentFilter = {}): Promise<number> {
    const key = countKey(filter);
    return this.counted.count(key, () => this.revision(), () => this.countNow(filter), key === UNFILTERED ? undefined : this.countDelta(filter));
  }

  /** What CountCache asks to bring a count of `filter` up to date. */
  private countDelta(filter: IncidentFilter): CountDelta {
    const conds = (perIncident: boolean) => [...filterConditions(filter, this.b, perIncident), ...flagConditions(filter, false)];
    return {
      // Not DISTINCT: the bits drop repeats. At 1M, PostgreSQL's DISTINCT over the 281 600 incidents
      // that say "bomb" took over 20 s in some runs (its plain select: 0.7–1 s in the same session).
      members: async () => {
        const c = conds(false);
        const where = c.length ? sql`WHERE ${sql.join(c, sql` AND `)}` : sql``;
        return (await sql<{ id: number }>`SELECT r.incident_id AS id FROM reports r ${where}`.execute(this.db)).rows.map((r) => Number(r.id));
      },
      touchedSince: (revision) => touchedSince(this.db, revision),
      matching: (ids) => incidentsMatching(this.db, ids, conds(true)),
    };
  }

  /** What the count cache did in this process (tests and benches). */
  countStats(): Readonly<CountStats> {
    return this.counted.stats;
  }

  private async countNow(filter: IncidentFilter): Promise<number> {
    if (countKey(filter) === UNFILTERED) {
      // No filter (the web app's first page): the tally the triggers keep (migration 16), right while
      // every stored headline is (h_kind is what says an incident has reports); else the count below.
      const stale = await this.db.selectFrom('incidents').select('id').where('h_stale', '=', 1).limit(1).executeTakeFirst();
      const tally = stale ? undefined : await this.db.selectFrom('incident_tally').select('listed').where('id', '=', 1).executeTakeFirst();
      if (tally) return Number(tally.listed);
    }
    const conds = [...filterConditions(filter, this.b), ...flagConditions(filter, false)];
    const where = conds.length ? sql`WHERE ${sql.join(conds, sql` AND `)}` : sql``;
    return Number((await sql<{ n: number }>`SELECT count(DISTINCT r.incident_id) AS n FROM reports r ${where}`.execute(this.db)).rows[0]?.n ?? 0);
  }

  /**
   * How a page of `n` finds the filter's words: null, by gathering every match (Backend.textMatch);
   * or by walking the page's order and probing each incident, when the backend can probe and the words
   * are in at least TEXT_PLAN.minShare of the incidents. The share is the matching full-text rows, counted
   * up to TEXT_PLAN.shareCap of the incidents, over the highest incident id (merged ids leave gaps, which
   * only lower it: toward gathering, always right).
   */
  private async textWalk(filter: IncidentFilter, n: number): Promise<TextWalk | null> {
    const probe = filter.text ? this.b.textProbe(filter.text) : null;
    if (!probe || !filter.text) return null;
    const top = Number((await sql<{ m: number | null }>`SELECT max(id) AS m FROM incidents`.execute(this.db)).rows[0]?.m ?? 0);
    if (top <= 0) return null;
    const cap = Math.max(n, Math.ceil(top * TEXT_PLAN.shareCap));
    // Kept like a count (it only picks the plan: both give the same rows): the next page skips it.
    const words = filter.text;
    const rows = await this.counted.count(`words:${cap}:${JSON.stringify(searchTerms(words))}`, () => this.revision(), () => this.b.textRowsMatching(this.db, words, cap));
    if (rows <= TEXT_PLAN.fewMax) {
      const found = await sql<{ id: number }>`SELECT DISTINCT r.incident_id AS id FROM reports r WHERE ${this.b.textMatch(words)}`.execute(this.db);
      return { ids: found.rows.map((r) => Number(r.id)) };
    }
    const share = rows / top;
    if (share < TEXT_PLAN.minShare) return null;
    const window = Math.ceil((n / Math.min(share, 1)) * TEXT_PLAN.margin);
    return window > TEXT_PLAN.windowMax ? null : { probe, window };
  }

  /**
   * The first `n` rows of `walk` (a query in page order, without the words' condition) whose incident
   * (column `id`) holds the words, trying at most `t.window` rows. Null when the window filled first:
   * the words are rarer here than in the store (another filter, or the page's order, leaves them out),
   * and the caller gathers every match instead. Same rows, same order, as the query with the words in.
   */
  private async probeWalk<R>(walk: RawBuilder<R>, id: string, order: RawBuilder<unknown>, n: number, t: TextWalk, distinct = false): Promise<R[] | null> {
    const dist = sql.raw(distinct ? 'DISTINCT ' : '');
    if (t.ids) {
      if (!t.ids.length) return [];
      return (await sql<R>`SELECT ${dist}w.* FROM (${walk}) w WHERE ${sql.ref(`w.${id}`)} IN (${sql.join(t.ids)}) ORDER BY ${order} LIMIT ${n}`.execute(this.db)).rows;
    }
    const { rows } = await sql<R>`SELECT ${dist}w.* FROM (${walk} LIMIT ${t.window}) w WHERE ${t.probe(sql.ref(`w.${id}`))} ORDER BY ${order} LIMIT ${n}`.execute(this.db);
    if (rows.length >= n) return rows;
    const { rows: seen } = await sql<{ k: number }>`SELECT count(*) AS k FROM (${walk} LIMIT ${t.window}) w`.execute(this.db);
    return Number(seen[0]?.k ?? 0) < t.window ? rows : null;
  }

  async incidentPageByDate(filter: IncidentFilter, after: DateKey | null, limit: number, order: SortOrder = 'asc'): Promise<{ incidents: StoredIncident[]; next: DateKey | null }> {
    const page = await this.incidentIdPageByDate(filter, after, limit, order);
    return { incidents: await this.incidentsById(page.ids), next: page.next };
  }

  async incidentIdPageByDate(filter: IncidentFilter, after: DateKey | null, limit: number, order: SortOrder = 'asc'): Promise<{ ids: number[]; next: DateKey | null }> {
    if (order === 'desc') return this.idPageByDateDesc(filter, after, limit);
    // A row value, not (a > x OR (a = x AND b > y)): SQLite planned the OR with bound values as a scan (200 ms at 1M).
    const keyset = after ? sql`AND (i.sort_date, i.id) > (${after.date}, ${after.id})` : sql``;
    // Walk incidents in (sort_date, id) order through its index; a filter is an EXISTS on the reports.
    const query = (f: IncidentFilter) => sql<DateRow>`SELECT i.id, i.sort_date FROM incidents i WHERE 1 = 1 ${keyset} ${this.incidentConds(f)} ORDER BY i.sort_date, i.id`;
    const walk = await this.textWalk(filter, limit + 1);
    const probed = walk && await this.probeWalk(query({ ...filter, text: undefined }), 'id', sql`w.sort_date, w.id`, limit + 1, walk);
    const rows = probed ?? (await sql<DateRow>`${query(filter)} LIMIT ${limit + 1}`.execute(this.db)).rows;
    return keyedPage(rows, limit);
  }

  /** A filter on incident row `i`, each condition led by AND: its flags, and a report that matches (an EXISTS). */
  private incidentConds(filter: IncidentFilter): RawBuilder<unknown> {
    const conds = filterConditions(filter, this.b);
    const match = conds.length ? sql`AND EXISTS (SELECT 1 FROM reports r WHERE r.incident_id = i.id AND ${sql.join(conds, sql` AND `)})` : sql``;
    const flags = flagConditions(filter, true).map((c) => sql`AND ${c}`);
    return sql`${flags.length ? sql.join(flags, sql` `) : sql``} ${match}`;
  }

  /**
   * Newest first, undated ones still last: the dated incidents in (sort_date, id) descending order,
   * then the undated ones (sort_date '9999') by id descending. A key in the undated run carries '9999'.
   */
  private async idPageByDateDesc(filter: IncidentFilter, after: DateKey | null, limit: number): Promise<{ ids: number[]; next: DateKey | null }> {
    const query = (keyset: RawBuilder<unknown>, f: IncidentFilter) => sql<DateRow>`SELECT i.id, i.sort_date FROM incidents i WHERE ${keyset} ${this.incidentConds(f)} ORDER BY i.sort_date DESC, i.id DESC`;
    const walk = await this.textWalk(filter, limit + 1);
    const run = async (keyset: RawBuilder<unknown>, n: number): Promise<DateRow[]> => {
      const probed = walk && await this.probeWalk(query(keyset, { ...filter, text: undefined }), 'id', sql`w.sort_date DESC, w.id DESC`, n, walk);
      return probed ?? (await sql<DateRow>`${query(keyset, filter)} LIMIT ${n}`.execute(this.db)).rows;
    };
    const undatedRun = after?.date === UNDATED;
    const rows = undatedRun ? [] : await run(after ? sql`i.sort_date < ${UNDATED} AND (i.sort_date, i.id) < (${after.date}, ${after.id})` : sql`i.sort_date < ${UNDATED}`, limit + 1);
    if (rows.length <= limit) rows.push(...(await run(undatedRun ? sql`i.sort_date = ${UNDATED} AND i.id < ${after!.id}` : sql`i.sort_date = ${UNDATED}`, limit + 1 - rows.length)));
    return keyedPage(rows, limit);
  }

  async getIncidents(ids: readonly number[]): Promise<StoredIncident[]> {
    const out: StoredIncident[] = [];
    for (let i = 0; i < ids.length; i += IN_BATCH) out.push(...(await this.incidentsById(ids.slice(i, i + IN_BATCH))));
    return out;
  }

  async storedSummaries(ids: readonly number[]): Promise<Map<number, string>> {
    const out = new Map<number, string>();
    for (let i = 0; i < ids.length; i += IN_BATCH) {
      const rows = await this.db.selectFrom('incidents').select(['id', 'summary']).where('id', 'in', ids.slice(i, i + IN_BATCH)).where('h_stale', '=', 0).where('summary', 'is not', null).execute();
      for (const r of rows) out.set(Number(r.id), r.summary!);
    }
    return out;
  }

  /** Incidents with their reports and source count, in the order of `ids`. */
  private async incidentsById(ids: readonly number[]): Promise<StoredIncident[]> {
    if (!ids.length) return [];
    const { rows } = await sql<{ id: number; data: string; origin: string }>`
      SELECT r.incident_id AS id, r.data, coalesce((SELECT d.derived_from FROM documents d ${sql.raw(this.b.byOrigin)} WHERE d.id = r.doc_id), r.doc_id) AS origin
      FROM reports r WHERE r.incident_id IN (${sql.join(ids)}) ORDER BY r.incident_id, r.doc_id, r.idx`.execute(this.db);
    const by = new Map<number, { reports: IncidentReport[]; origins: Set<string> }>();
    for (const row of rows) {
      const id = Number(row.id);
      let cur = by.get(id);
      if (!cur) by.set(id, (cur = { reports: [], origins: new Set() }));
      cur.reports.push(JSON.parse(row.data) as IncidentReport);
      cur.origins.add(row.origin);
    }
    return ids.flatMap((id) => {
      const cur = by.get(id);
      return cur ? [{ id, reports: cur.reports, sources: cur.origins.size }] : [];
    });
  }

  async incidentStats(filter: IncidentFilter = {}): Promise<IncidentStats> {
    // Rejected incidents are never counted, whatever the filter says (a chart of incidents).
    const f = { ...filter, excludeRejected: true };
    if (await this.freshHeadlines()) return aggregateStats(this.db, this.incidentWhere(f));
    const t = new StatsTally();
    for await (const batch of this.headlinesOf(f, 'asc', Infinity)) for (const [, h] of batch) t.addIncident(h);
    return t.result();
  }

  async incidentPoints(filter: IncidentFilter, limit: number): Promise<{ points: IncidentPoint[]; truncated: boolean }> {
    if (await this.freshHeadlines()) return pointsWhere(this.db, this.incidentWhere(filter), limit);
    const points: IncidentPoint[] = [];
    for await (const batch of this.headlinesOf(filter, 'desc', limit + 1)) for (const [id, h] of batch) if (h.h_kind !== null) points.push([id, h.h_lat, h.h_lon, h.h_date, h.h_killed]);
    return { points: points.slice(0, limit), truncated: points.length > limit };
  }

  /** A condition on incident row `i` for a filter: its flags, and a report that matches (an EXISTS). */
  private incidentWhere(filter: IncidentFilter): RawBuilder<boolean> {
    const conds = filterConditions(filter, this.b);
    // h_kind is null only for an incident with no reports: listings never show one.
    const parts = [sql<boolean>`i.h_kind IS NOT NULL`, ...flagConditions(filter, true)];
    // IN, not a correlated EXISTS: the matching reports are found once, through their own indexes (a
    // date range, a country), rather than probed for every incident (stats of one country at 100k: 1.8 s → 25 ms, docs/benchmarks.md).
    if (conds.length) parts.push(sql<boolean>`i.id IN (SELECT r.incident_id FROM reports r WHERE ${sql.join(conds, sql` AND `)})`);
    return sql<boolean>`${sql.join(parts, sql` AND `)}`;
  }

  /**
   * Make sure every incident's stored headline is computed: those stored before migration 12 are
   * computed now, a page at a time (once per store; later writes keep them). False on a read-only
   * store that still has some: the caller then computes them as it reads.
   */
  private async freshHeadlines(): Promise<boolean> {
    const stale = async (): Promise<number[]> =>
      (await this.db.selectFrom('incidents').select('id').where('h_stale', '=', 1).orderBy('id').limit(PAGE_INCIDENTS).execute()).map((r) => Number(r.id));
    let ids = await stale();
    if (ids.length && this.b.readonly) return false;
    while (ids.length) {
      const batch = ids;
      await this.transaction(async () => {
        const reviews = await rsql.reviewsOf(this.db, batch);
        const byId = new Map((await this.incidentsById(batch)).map((inc) => [inc.id, inc.reports]));
        for (const id of batch) await writeHeadline(this.db, id, await storedHeadline(this.db, id, byId.get(id) ?? [], reviews.get(id)!));
      });
      ids = await stale();
    }
    return true;
  }

  /** Headlines computed as the incidents are read (a read-only store with stale rows), a page at a time, until `max`. */
  private async *headlinesOf(filter: IncidentFilter, order: SortOrder, max: number): AsyncIterableIterator<[number, ReturnType<typeof headlineRow>][]> {
    let after: number | null = null;
    let n = 0;
    do {
      const page: IncidentPage = await this.incidentPage(filter, after, PAGE_INCIDENTS, order);
      const reviews = await this.reviewsOf(page.incidents.map((i) => i.id));
      yield page.incidents.map((inc) => [inc.id, headlineRow(inc.reports, reviews.get(inc.id)!)]);
      n += page.incidents.length;
      after = page.next;
    } while (after !== null && n < max);
  }

  async getIncident(id: number): Promise<StoredIncident | null> {
    return (await this.incidentsById([id]))[0] ?? null;
  }

  async originalOf(docId: string): Promise<string | null> {
    return (await this.db.selectFrom('documents').select('derived_from').where('id', '=', docId).executeTakeFirst())?.derived_from ?? null;
  }

  async incidentIdsOfDocument(docId: string): Promise<number[]> {
    const rows = await this.db.selectFrom('reports').select('incident_id').distinct().where('doc_id', '=', docId).orderBy('incident_id').execute();
    return rows.map((r) => Number(r.incident_id));
  }

  async counts(): Promise<{ documents: number; incidents: number; reports: number }> {
    const one = async (q: RawBuilder<{ n: number }>): Promise<number> => Number((await q.execute(this.db)).rows[0]?.n ?? 0);
    return {
      documents: await one(sql<{ n: number }>`SELECT count(*) AS n FROM documents`),
      incidents: await one(sql<{ n: number }>`SELECT count(DISTINCT incident_id) AS n FROM reports`),
      reports: await one(sql<{ n: number }>`SELECT count(*) AS n FROM reports`),
    };
  }

  private web: SqlWebState | undefined;
  webState(): WebState {
    this.web ??= new SqlWebState(() => this.db, (fn) => this.transaction(fn));
    return this.web;
  }

  async close(): Promise<void> {
    await this.b.close();
  }

  // -- review (issue 12): see review-ops.ts and review-sql.ts

  async addReview(incidentId: number, action: ReviewAction, by: { actor: string; reason?: string | null }): Promise<ReviewRecord> {
    this.assertWritable();
    if (!Number.isInteger(incidentId) || incidentId <= 0) throw new DossierError('E_USAGE', `an incident id is a positive whole number, not "${String(incidentId)}"`);
    const checked = checkAction(action);
    const who = ops.checkBy(by);
    return this.transaction(() => ops.addReview(this.db, this.b, incidentId, checked, who));
  }

  async historyOf(incidentId: number): Promise<ReviewRecord[]> {
    return rsql.trailOf(this.db, incidentId);
  }

  async reviewOf(incidentId: number): Promise<EffectiveReview> {
    return (await rsql.reviewsOf(this.db, [incidentId])).get(incidentId)!;
  }

  async reviewsOf(ids: readonly number[]): Promise<Map<number, EffectiveReview>> {
    return rsql.reviewsOf(this.db, ids);
  }

  async redirectOf(id: number): Promise<number | null> {
    return rsql.redirectOf(this.db, id);
  }

  async changesSince(after: number, limit: number): Promise<IncidentChange[]> {
    const rows = await this.db.selectFrom('incident_changes').selectAll().where('seq', '>', after).orderBy('seq').limit(Math.max(0, limit)).execute();
    return rows.map((r) => ({ seq: Number(r.seq), at: r.at, incidentId: Number(r.incident_id), kind: r.kind as IncidentChange['kind'], into: r.into_id === null ? null : Number(r.into_id) }));
  }

  async createToken(name: string, role: Role): Promise<{ token: string; info: TokenInfo }> {
    this.assertWritable();
    ops.checkToken(name, role);
    return this.transaction(() => ops.createToken(this.db, name, role));
  }

  async verifyToken(token: string): Promise<TokenInfo | null> {
    // The last use is written outside any transaction, and not at all on a read-only store.
    const touch = this.b.readonly ? null : async (id: number, at: string): Promise<void> => void (await this.b.db.updateTable('tokens').set({ last_used_at: at }).where('id', '=', id).execute());
    return ops.verifyToken(this.db, token, touch);
  }

  async listTokens(): Promise<TokenInfo[]> {
    return ops.listTokens(this.db);
  }

  async revokeToken(name: string): Promise<boolean> {
    this.assertWritable();
    return this.transaction(() => ops.revokeToken(this.db, name));
  }
}

/** The sort date of an incident no report dates (migration 7): after every real date. */
const UNDATED = '9999';

/** A document_locations row as the Store gives it (PostgreSQL hands numbers of some types over as strings). */
function locationOf(r: { source: string; title: string | null; published: string | null; distance: number; overlap: number | null }): DocumentLocation {
  return { source: r.source, title: r.title, published: r.published, distance: Number(r.distance), overlap: r.overlap === null ? null : Number(r.overlap) };
}

/** The columns of a document's metadata (DocumentMetaRow). */
const DOCUMENT_META_COLUMNS = ['id', 'source', 'title', 'subtitle', 'author', 'publisher', 'published', 'language', 'format', 'url'] as const;

interface DocumentMetaRow {
  id: string; source: string; title: string | null; subtitle: string | null; author: string | null; publisher: string | null;
  published: string | null; language: string | null; format: string; url: string | null;
}

function metaOf(r: DocumentMetaRow): StoredDocumentMeta {
  return {
    id: r.id,
    meta: {
      title: r.title, subtitle: r.subtitle, author: r.author, publisher: r.publisher, published: r.published,
      language: r.language, format: r.format as 'html' | 'text' | 'markdown', source: r.source, url: r.url,
    },
  };
}

/** A LIKE pattern's user part with its wildcards removed. */
function likeSafe(s: string): string {
  return s.replace(LIKE_WILDCARDS, '');
}
const LIKE_WILDCARDS = /[%_]/g;
/** Characters a LIKE pattern treats specially, with '!' as the escape (a backslash means different things to the two databases). */
const LIKE_SPECIALS = /[!%_]/g;

/** First and last day of a stored date at its precision, as SQL over `r.date_iso` ("2024" → 2024-01-01 … 2024-12-31). */
/** A country filter that is a two-letter code. */
const COUNTRY_CODE = /^[A-Za-z]{2}$/;
const INTERVAL_START = sql`(r.date_iso || substr('-01-01', 1, 10 - length(r.date_iso)))`;
// Day 31 of every month: ISO strings compare as text, so "-31" is after the last day of any month.
const INTERVAL_END = sql`(r.date_iso || substr('-12-31', length(r.date_iso) - 3, 10 - length(r.date_iso)))`;

/** The first day a bound at year, month or day precision covers. */
export function boundStart(bound: string): string {
  const b = bound.slice(0, 10);
  return b + '-01-01'.slice(0, 10 - b.length);
}

/** The last day a bound covers: "2024-06" → "2024-06-31" (a text bound after every June day). */
export function boundEnd(bound: string): string {
  const b = bound.slice(0, 10);
  return b + '-12-31'.slice(b.length - 4, 6);
}

/**
 * SQL conditions on a report row `r` for a filter (see IncidentFilter). `perIncident`: the words
 * are tested on each row's own incident (a few incidents at a time), not by gathering every match.
 */
function filterConditions(filter: IncidentFilter, b: Backend, perIncident = false): RawBuilder<boolean>[] {
  const out: RawBuilder<boolean>[] = [];
  // A date and a bound are both intervals: "2024-06" is 1–30 June, an incident dated "2024" is the
  // whole year. An incident matches when its interval meets [from, to], so `--to 2024-06` keeps an
  // incident of 15 June and `--from 2024-03` keeps one dated only "2024".
  // Each exact test is led by a bound the date index can serve: any date whose interval reaches
  // `from` has a year at or after it ("1989" ≤ "1989-05"), and any that starts by `to`'s last day is at
  // most that day as text. Without them both databases scanned every report in id order.
  if (filter.from) out.push(sql<boolean>`(r.date_iso >= ${boundStart(filter.from).slice(0, 4)} AND ${INTERVAL_END} >= ${boundStart(filter.from)})`);
  if (filter.to) out.push(sql<boolean>`(r.date_iso <= ${boundEnd(filter.to)} AND ${INTERVAL_START} <= ${boundEnd(filter.to)})`);
  // Codes are stored upper-case (SQLite migration 8). Two letters are a code (no country's name is
  // that short), anything else a name: one indexed column, so a page walks its index in incident id
  // order (migration 14). An OR of both made every match a lookup in the reports table.
  if (filter.country) {
    out.push(COUNTRY_CODE.test(filter.country) ? sql<boolean>`r.country_code = ${filter.country.toUpperCase()}` : sql<boolean>`lower(r.country_name) = ${filter.country.toLowerCase()}`);
  }
  // The column itself, not '|' || type_names || '|': a user's type has no '|', so the rows are the same,
  // and PostgreSQL has statistics for a column (it guessed 2 rows of 7,482 for the expression).
  if (filter.type) out.push(sql<boolean>`r.type_names LIKE ${`%${likeSafe(filter.type.toLowerCase())}%`}`);
  if (filter.text) out.push(perIncident ? b.textAt(filter.text)(sql`r.incident_id`) : b.textMatch(filter.text));
  // Escaped, not stripped: "%" looks for a percent sign, and an actor of wildcards only matches nothing by accident.
  if (filter.actor) out.push(sql<boolean>`r.actors LIKE ${`%${filter.actor.toLowerCase().replace(LIKE_SPECIALS, '!$&')}%`} ESCAPE '!'`);
  if (filter.bbox) {
    const [west, south, east, north] = filter.bbox;
    out.push(sql<boolean>`(r.lat BETWEEN ${south} AND ${north} AND r.lon BETWEEN ${west} AND ${east})`);
  }
  if (filter.admin1) out.push(sql<boolean>`r.admin1 = ${filter.admin1.toLowerCase()}`);
  return out;
}

/**
 * Conditions on the incident's review flags (migration 10), on a report row `r` (`onIncident` false)
 * or on an incident row `i`. On reports, each flag is a set of incident ids read from its partial
 * index: flagged incidents are few next to the reports.
 */
function flagConditions(filter: IncidentFilter, onIncident: boolean): RawBuilder<boolean>[] {
  const out: RawBuilder<boolean>[] = [];
  const flag = (column: 'reviewed' | 'rejected' | 'conflicts', want: boolean): RawBuilder<boolean> => onIncident
    ? sql<boolean>`i.${sql.raw(column)} = ${want ? 1 : 0}`
    : sql<boolean>`r.incident_id ${sql.raw(want ? 'IN' : 'NOT IN')} (SELECT id FROM incidents WHERE ${sql.raw(column)} = 1)`;
  if (filter.reviewed !== undefined) out.push(flag('reviewed', filter.reviewed));
  if (filter.hasConflicts !== undefined) out.push(flag('conflicts', filter.hasConflicts));
  if (filter.excludeRejected !== false) out.push(flag('rejected', false));
  return out;
}

/** An incident's id and sort date, as a date-ordered page reads them. */
interface DateRow {
  id: number;
  sort_date: string;
}

/**
 * A filter as the count cache's key: two filters with one key are the same SQL (filterConditions'
 * and flagConditions' own normalising: a code's case, lower-cased names and words, the search terms).
 */
export function countKey(f: IncidentFilter): string {
  const country = f.country ? (COUNTRY_CODE.test(f.country) ? f.country.toUpperCase() : `name:${f.country.toLowerCase()}`) : null;
  return JSON.stringify([
    f.from || null, f.to || null, country, f.type ? likeSafe(f.type.toLowerCase()) : null, f.text ? searchTerms(f.text) : null,
    f.actor ? f.actor.toLowerCase() : null, f.bbox ?? null, f.admin1 ? f.admin1.toLowerCase() : null,
    f.hasConflicts ?? null, f.reviewed ?? null, f.excludeRejected !== false,
  ]);
}

const UNFILTERED = countKey({});
/** Filters whose page asks are remembered (pageMembers). */
const PAGE_ASKS_MAX = 256;

/** A page of ids fetched with one extra: the page and the cursor after it. */
function idsPage(ids: number[], limit: number): { ids: number[]; next: number | null } {
  const mine = ids.slice(0, limit);
  return { ids: mine, next: ids.length > limit ? mine[mine.length - 1]! : null };
}

/** A keyset page of (id, sort_date) rows fetched with one extra: the page's ids and the key after it. */
function keyedPage(rows: DateRow[], limit: number): { ids: number[]; next: DateKey | null } {
  const mine = rows.slice(0, limit);
  const last = mine[mine.length - 1];
  return { ids: mine.map((r) => Number(r.id)), next: rows.length > limit && last ? { date: last.sort_date, id: Number(last.id) } : null };
}
