import { CompiledQuery, sql, type Compilable, type Insertable, type Kysely, type RawBuilder } from 'kysely';
import type { Claim, DateMention, Doc, IncidentReport, Quote } from '../../model/index.js';
import { isoOfDate } from '../../model/index.js';
import type { Placement } from '../../resolve/facility-places.js';
import type { BlockKey, DocumentRow, EntityMention, ReportRow, ResolutionPort, SketchRow, StoredReport, StoredSide } from '../../resolve/port.js';
import { MAX_ALIASES } from '../../resolve/resolver.js';
import type { Backend } from './backend.js';
import type { DB } from './schema.js';
import { emptyReview } from '../../review/effective.js';
import { sourcesQuery, storedHeadline, writeHeadline } from './headline-sql.js';
import { compiledShaped, insertShape, runShaped } from './shaped.js';
import { sketchKey, sketchKeyPrefix } from './sketch-keys.js';
import { flagsRow, joinInto, keptApart, now, reportsOf, trailOf } from './review-sql.js';
import { foldTrail } from '../../review/effective.js';

/**
 * The resolution port over one write transaction, in Kysely: the same code for SQLite and
 * PostgreSQL. It answers lookups and persists what resolution decided; it decides nothing.
 *
 * Tunables:
 */
/** Index lookups are batched: SQLite binds at most 32,766 values per statement, and short lists plan better. */
const LOOKUP_BATCH = 500;
/** Rows per multi-row INSERT (5 columns each: well under SQLite's 32,766 bound values). */
const ROWS_PER_INSERT = 500;
const LAYERS = ['sentences', 'mentions', 'dates', 'quantities', 'roles'] as const;
/**
 * Bound values per combined write statement (see SqlPort.flush): PostgreSQL binds at most 65,535; a
 * write list past this goes in several statements.
 */
const PARAMS_PER_FLUSH = 30_000;
/** A placeholder in PostgreSQL's compiled SQL (Kysely writes values only as $n, never inline). */
const PLACEHOLDER = /\$(\d+)/g;

/**
 * A write deferred to the next flush. `insert`: a plain INSERT whose rows' order among other rows of
 * its table does not matter (no serial id, no ON CONFLICT); `write`: anything else.
 */
export interface Pending {
  table: keyof DB;
  kind: 'insert' | 'write';
  query: CompiledQuery;
}

/** A stored report of an incident as the port last read or wrote it, for the incident's flags and headline. */
interface KnownReport {
  docId: string;
  idx: number;
  report: IncidentReport;
}

/** reportsOf's order (document id, then index): ids are ASCII, where the databases' collations agree with JavaScript's. */
const byDocIdx = (a: KnownReport, b: KnownReport): number => (a.docId < b.docId ? -1 : a.docId > b.docId ? 1 : a.idx - b.idx);

/**
 * Writes in as few statements as they can go: on PostgreSQL, each chunk is one statement of
 * data-modifying WITH queries (one round trip, not one per write). Every part of a statement sees the
 * database as it was before the statement, so a chunk holds at most one write of each table besides
 * plain inserts: then running the chunk at once changes the same rows as running its parts in order.
 * Foreign keys are checked when the statement ends, so a report may reference a document inserted
 * in the same chunk.
 */
export function chunkWrites(list: readonly Pending[]): Pending[][] {
  const out: Pending[][] = [];
  let chunk: Pending[] = [];
  let tables = new Set<keyof DB>();
  let params = 0;
  for (const p of list) {
    const clash = p.kind === 'write' && tables.has(p.table);
    if (chunk.length && (clash || params + p.query.parameters.length > PARAMS_PER_FLUSH)) {
      out.push(chunk);
      chunk = [];
      tables = new Set();
      params = 0;
    }
    chunk.push(p);
    tables.add(p.table);
    params += p.query.parameters.length;
  }
  if (chunk.length) out.push(chunk);
  return out;
}

/** One PostgreSQL statement running these writes (each a WITH query; placeholders renumbered). */
export function combined(chunk: readonly Pending[]): CompiledQuery {
  if (chunk.length === 1) return chunk[0]!.query;
  const params: unknown[] = [];
  const parts = chunk.map((p, i) => {
    const offset = params.length;
    params.push(...p.query.parameters);
    return `w${i} AS (${p.query.sql.replace(PLACEHOLDER, (_m, n: string) => `$${Number(n) + offset}`)})`;
  });
  return CompiledQuery.raw(`WITH ${parts.join(', ')} SELECT 1`, params);
}

/** Entities this process has seen (id and aliases), shared by every transaction of one store. */
export class EntityCache {
  /** Entities cached per process before the cache is dropped (memory bound for long batches). */
  static readonly MAX = 200_000;
  readonly byKey = new Map<string, { id: number; aliases: Set<string> }>();
  clear(): void {
    this.byKey.clear();
  }
}

/** A place's country code as stored: upper-case, so `--country` compares the indexed column itself. */
export function codeOf(place: { countryCode?: string | null } | undefined): string | null {
  return place?.countryCode ? place.countryCode.toUpperCase() : null;
}

/** A place's admin1 name as `--admin1` compares it: lower-case. */
export function admin1Of(place: { admin1Name?: string | null } | undefined): string | null {
  return place?.admin1Name ? place.admin1Name.toLowerCase() : null;
}

/** Perpetrators' and targets' names as `--actor` searches them: lower-case, '|' around each. */
export function actorsOf(r: IncidentReport): string {
  return `|${[...r.perpetrators, ...r.targets].map((a) => a.value.name.toLowerCase()).join('|')}|`;
}

export class SqlPort implements ResolutionPort {
  /** Incidents this port created, and those it already wrote an `updated` change for (one per document). */
  private readonly created = new Set<number>();
  private readonly updated = new Set<number>();
  /** Writes not sent yet (see flush). */
  private pending: Pending[] = [];
  /**
   * Every report of an incident, as this save last read them (candidateReports, reportsOfIncident) and
   * added to them (insertReport): an incident's flags and headline are made from them without reading
   * its reports again. Anything else that moves or changes reports forgets them all.
   */
  private readonly known = new Map<number, KnownReport[]>();
  /** Incidents read with no review record and no redirect into them: their trail is empty, not read again. */
  private readonly noTrail = new Set<number>();
  /**
   * Reports as stored, parsed, by id: each read or written by this save. A document of 500 reports
   * read every earlier report of its blocks, with its JSON, as a candidate for each next one (issue
   * 13, finding A: 125,000 parses, 3.5 s, and 2.9 s more of garbage collection); now each report's
   * data is read and parsed once a save. insertReport adds to it and updateReport drops from it, the
   * only writes of a report's data.
   */
  private readonly parsed = new Map<string, IncidentReport>();
  /** Documents' publication dates, by id, as this save read them (publishedOf). */
  private readonly published = new Map<string, string | null>();

  constructor(private readonly db: Kysely<DB>, private readonly backend: Backend, private readonly entities: EntityCache) {}

  /**
   * A statement of a fixed shape, run for every document: compiled once per dialect, then only bound
   * (shaped.ts); on SQLite, run at once on the save's connection (Backend.queryNow).
   */
  private async shaped<R>(key: string, params: readonly unknown[], build: () => Compilable<R>): Promise<{ rows: R[] }> {
    if (this.backend.queryNow) return { rows: this.backend.queryNow(compiledShaped(this.backend.kind, key, params, build)) };
    return runShaped(this.db, this.backend.kind, key, params, build);
  }

  /** Queue a write for the next flush. */
  private defer(table: keyof DB, kind: Pending['kind'], q: Compilable): void {
    this.pending.push({ table, kind, query: q.compile() });
  }

  /**
   * Queue a write of a fixed shape (see shaped): compiled once, then only bound. An incident's headline
   * update and its full-text row went through Kysely for every report (issue 11: with the source count
   * and the new incident's insert, four statements built for each new incident).
   */
  private deferShaped(table: keyof DB, kind: Pending['kind'], key: string, params: readonly unknown[], build: () => Compilable): void {
    this.pending.push({ table, kind, query: compiledShaped(this.backend.kind, key, params, build) });
  }

  /** How many sources an incident's stored reports have (storedHeadline's count), as a shaped read. */
  private async sourcesOf(id: number): Promise<number> {
    const { rows } = await this.shaped('incident sources', [id], () => sourcesQuery(this.db, id));
    return Number(rows[0]?.n ?? 0);
  }

  /**
   * Queue an INSERT of `rows` (objects with the same keys in the same order), compiled by Kysely once
   * per shape and then only bound (shaped.ts): building and compiling each document's inserts anew was
   * about a tenth of the store's CPU when ingesting (issue 11). `ignore`: ON CONFLICT DO NOTHING.
   */
  private deferInsert<T extends keyof DB & string>(table: T, kind: Pending['kind'], rows: readonly Insertable<DB[T]>[], ignore = false): void {
    const build = (): Compilable => {
      const q = this.db.insertInto(table).values(rows as never);
      return ignore ? q.onConflict((oc) => oc.doNothing()) : q;
    };
    const shape = insertShape(table, rows as readonly Record<string, unknown>[], ignore ? ' on conflict do nothing' : '');
    this.pending.push({ table, kind, query: shape ? compiledShaped(this.backend.kind, shape.key, shape.params, build) : build().compile() });
  }

  /**
   * Send the deferred writes: before any read that could see them, and when the save ends (the store
   * calls it). PostgreSQL gets them a chunk to a statement (chunkWrites); SQLite, in process, one by one
   * straight to their prepared statements (Backend.runWritesNow).
   */
  async flush(): Promise<void> {
    if (!this.pending.length) return;
    const list = this.pending;
    this.pending = [];
    if (this.backend.runWritesNow) {
      this.backend.runWritesNow(list.map((p) => p.query));
      return;
    }
    for (const chunk of chunkWrites(list)) await this.db.executeQuery(combined(chunk));
  }

  /** Flush only when a deferred write touches one of these tables (a read of them alone need not wait). */
  private async flushFor(tables: readonly (keyof DB)[]): Promise<void> {
    if (this.pending.some((p) => tables.includes(p.table))) await this.flush();
  }

  private forgetKnown(): void {
    this.known.clear();
    this.noTrail.clear();
  }

  /** An incident's reports in reportsOf's order: as this save knows them, or read (after a flush). */
  private async reportsNow(id: number): Promise<IncidentReport[]> {
    const k = this.known.get(id);
    if (k) return [...k].sort(byDocIdx).map((x) => x.report);
    await this.flush();
    return reportsOf(this.db, id);
  }

  private change(incidentId: number, kind: 'created' | 'updated'): void {
    this.deferInsert('incident_changes', 'write', [{ at: now(), incident_id: incidentId, kind, into_id: null }]);
  }

  /**
   * The changes feed and the derived flags, when a stored incident gains or changes a report; with the
   * date of a report it gained, its sort date too (the earliest of its reports'), in the same update.
   */
  private async touched(incidentId: number, date: string | null = null): Promise<void> {
    const all = await this.reportsNow(incidentId);
    const sort = date === null ? {} : { sort_date: sql<string>`CASE WHEN sort_date > ${date} THEN ${date} ELSE sort_date END` };
    // One statement a touched incident, of a few shapes: the columns set, and whether the sort date moves.
    const update = (set: object): void => {
      const params = [...Object.values(set), ...(date === null ? [] : [date, date]), incidentId];
      const key = `incidents set ${Object.keys(set).join(',')}${date === null ? '' : ',sort_date'}`;
      this.deferShaped('incidents', 'write', key, params, () => this.db.updateTable('incidents').set({ ...set, ...sort }).where('id', '=', incidentId));
    };
    // The list summary (migration 13) counts the incident's sources in the database: the reports and
    // documents this save deferred must be written first. One flush a touched incident, not one a write.
    await this.flushFor(['reports', 'documents']);
    const sources = (id: number): Promise<number> => this.sourcesOf(id);
    // A new incident has no review and no flags to set, but its headline changes with each report.
    if (this.created.has(incidentId)) return update({ ...(await storedHeadline(this.db, incidentId, all, emptyReview(), sources)), h_stale: 0 });
    // No deferred write touches review records or redirects: the trail is read without a flush.
    const trail = this.noTrail.has(incidentId) ? [] : await trailOf(this.db, incidentId);
    if (!trail.length) this.noTrail.add(incidentId);
    update(await flagsRow(this.db, incidentId, all, foldTrail(incidentId, trail), sources));
    if (this.updated.has(incidentId)) return;
    this.updated.add(incidentId);
    this.change(incidentId, 'updated');
  }

  async keptApart(a: number, b: number): Promise<boolean> {
    await this.flush();
    return keptApart(this.db, a, b);
  }

  async underReview(ids: readonly number[]): Promise<boolean> {
    if (!ids.length) return false;
    await this.flush();
    const rec = await this.db.selectFrom('review_records').select('id').where('incident_id', 'in', [...ids]).limit(1).executeTakeFirst();
    if (rec) return true;
    const apart = await this.db.selectFrom('incident_apart').select('a').where((eb) => eb.or([eb('a', 'in', [...ids]), eb('b', 'in', [...ids])])).limit(1).executeTakeFirst();
    return apart !== undefined;
  }

  async hasDocument(id: string): Promise<boolean> {
    await this.flush();
    return (await this.shaped('documents has id', [id], () => this.db.selectFrom('documents').select('id').where('id', '=', id))).rows.length > 0;
  }

  /**
   * The stored documents that index one of these samples, with how many each indexes. The index keys
   * documents by their id's first digits (sketch-keys.ts): each hit is joined back to the documents
   * whose id starts with them, a range of the primary key, in the same statement. Ids are lower-case
   * hex, so every id with the prefix p lies in [p, p || 'g'): 'g' sorts after every hex digit in
   * byte order and in the usual collations alike.
   */
  async documentsBySketchSamples(samples: readonly number[]): Promise<Map<string, number>> {
    const hits = new Map<string, number>();
    if (!samples.length) return hits;
    await this.flush();
    const json = JSON.stringify(samples);
    const { rows } = await this.shaped('sketch_keys by samples', [json], () => {
      const prefix = sketchKeyPrefix(this.backend.kind, 'k.doc_key');
      return this.db.selectFrom('sketch_keys as k')
        .innerJoin('documents as d', (j) => j.on(sql<boolean>`d.id >= ${prefix} AND d.id < ${prefix} || 'g'`))
        .select('d.id').where(this.backend.inList('k.sample', json));
    });
    for (const r of rows) hits.set(r.id, (hits.get(r.id) ?? 0) + 1);
    return hits;
  }

  async sketchOf(docId: string): Promise<SketchRow | null> {
    return (await this.sketchesOf([docId])).get(docId) ?? null;
  }

  async sketchesOf(docIds: readonly string[]): Promise<Map<string, SketchRow>> {
    const out = new Map<string, SketchRow>();
    if (!docIds.length) return out;
    await this.flush();
    // A new document's near-copy candidates, read at once: one statement for all of them (issue 11).
    const json = JSON.stringify(docIds);
    const { rows } = await this.shaped('documents sketches of list', [json], () =>
      this.db.selectFrom('documents').select(['id', 'source', 'sketch', 'derived_from']).where(this.backend.inTextList('id', json)));
    for (const r of rows) out.set(r.id, { id: r.id, source: r.source, sketch: r.sketch, derivedFrom: r.derived_from });
    return out;
  }

  async storedSide(docId: string): Promise<StoredSide | null> {
    await this.flush();
    const d = await this.db.selectFrom('documents').select(['text', 'regions', 'title', 'source']).where('id', '=', docId).executeTakeFirst();
    if (!d) return null;
    const reports = await this.db.selectFrom('reports').select(['data', 'incident_id']).where('doc_id', '=', docId).orderBy('idx').execute();
    const claims = await this.db.selectFrom('claims').select('data').where('doc_id', '=', docId).orderBy('id').execute();
    return {
      text: d.text, regions: JSON.parse(d.regions) as Doc['regions'], title: d.title, source: d.source,
      reports: reports.map((r) => ({ report: JSON.parse(r.data) as IncidentReport, incident: Number(r.incident_id) })),
      claims: claims.map((c) => JSON.parse(c.data) as Claim),
    };
  }

  async placementsFor(keys: readonly string[]): Promise<Placement[]> {
    if (!keys.length) return [];
    await this.flush();
    const rows = await this.db.selectFrom('facility_places').select('data').where('key', 'in', [...keys]).orderBy('key').orderBy('doc_id').execute();
    return rows.map((r) => JSON.parse(r.data) as Placement);
  }

  async titleOf(docId: string): Promise<string> {
    await this.flush();
    const r = await this.db.selectFrom('documents').select(['title', 'source']).where('id', '=', docId).executeTakeFirst();
    return r ? `"${r.title ?? r.source}"` : `document ${docId.slice(0, 12)}`;
  }

  async reportsNamingFacility(key: string, exceptDoc: string): Promise<{ id: string; report: IncidentReport }[]> {
    await this.flush();
    const rows = await this.db.selectFrom('reports as r').innerJoin('report_facilities as f', 'f.report_id', 'r.id')
      .select(['r.id', 'r.data']).where('f.key', '=', key).where('r.doc_id', '!=', exceptDoc).orderBy('r.id').execute();
    return rows.map((r) => ({ id: r.id, report: JSON.parse(r.data) as IncidentReport }));
  }

  async updateReport(id: string, report: IncidentReport): Promise<void> {
    await this.flush();
    this.forgetKnown();
    this.parsed.delete(id);
    const loc = report.locations[0]?.value.place;
    await this.db.updateTable('reports').set({ data: JSON.stringify(report), country_code: codeOf(loc), country_name: loc?.countryName ?? null, lat: loc?.lat ?? null, lon: loc?.lon ?? null, admin1: admin1Of(loc) })
      .where('id', '=', id).execute();
    const row = await this.db.selectFrom('reports').select('incident_id').where('id', '=', id).executeTakeFirst();
    if (row) await this.touched(Number(row.incident_id));
  }

  async candidates(blocks: readonly BlockKey[]): Promise<Set<number>> {
    if (!blocks.length) return new Set();
    await this.flush();
    const { rows } = await sql<{ id: number }>`${this.blockIds(blocks)}`.execute(this.db);
    return new Set(rows.map((r) => Number(r.id)));
  }

  async candidateReports(blocks: readonly BlockKey[], skip?: ReadonlySet<number>): Promise<Map<number, StoredReport[]>> {
    const out = new Map<number, StoredReport[]>();
    if (!blocks.length) return out;
    // What the blocks read: this document's own row, deferred, has no reports yet unless they are too.
    await this.flushFor(['reports', 'report_facilities']);
    // The incidents to leave out go as one value, so the statement's text does not grow with them:
    // a document of 500 reports of one place and day prepared and compiled a new statement for each,
    // its list one longer each time (fuzz finding 42: 2.2 s to save).
    const skipIds = skip?.size ? JSON.stringify([...skip]) : null;
    // The incidents of the blocks less those to skip, left out after the block scans (so that their
    // limits count the same incidents as before) but before their reports are read: applied to each
    // report row instead, the list was searched once a report of every block incident.
    const ids = sql<{ id: number }>`SELECT u.id FROM (${this.blockIds(blocks)}) u`;
    const wanted = skipIds === null ? ids : sql<{ id: number }>`${ids} WHERE ${this.backend.notInList('u.id', skipIds)}`;
    // No trail column (review records, redirects): touched reads an incident's trail when it changes it,
    // once a save. Read for every row here, with each row's document's date (now read once a save, see
    // withReports), they were 3/4 of this statement alone over 2 500 rows (13 ms → 3.6 ms), though a
    // whole save of 500 reports beside 2 500 like them gained only 3–12 %, within the noise.
    const build = () => this.reportHeads()
      .where(this.backend.inIds('r.incident_id', wanted))
      .orderBy('r.incident_id').orderBy('r.doc_id').orderBy('r.idx');
    const shape = `candidate reports in ${blocks.map(blockShape).join(', ')}${skipIds === null ? '' : ', less a list'}`;
    const { rows } = await this.shaped(shape, [...blocks.flatMap(blockParams), ...(skipIds === null ? [] : [skipIds])], build);
    const reports = await this.withReports(rows);
    rows.forEach((x, i) => {
      const id = Number(x.incident_id);
      let list = out.get(id);
      if (!list) out.set(id, (list = []));
      list.push(reports[i]!);
    });
    for (const [id, list] of out) this.known.set(id, list.map((x) => ({ docId: x.docId, idx: x.report.index, report: x.report })));
    return out;
  }

  /** The incidents of every block, in one statement: each block's own scan and limit, then their union. */
  private blockIds(blocks: readonly BlockKey[]): RawBuilder<{ id: number }> {
    return sql<{ id: number }>`${sql.join(blocks.map((b) => sql`SELECT b.id FROM (${this.block(b)}) b`), sql` UNION `)}`;
  }

  /** Report rows, without their data or their documents' publication dates (withReports adds both). */
  private reportHeads() {
    return this.db.selectFrom('reports as r').select(['r.id', 'r.doc_id', 'r.incident_id']);
  }

  /**
   * These report rows as stored reports: the data of those this save has not parsed yet read in batches,
   * and the publication date of each document once a save (see publishedOf).
   */
  private async withReports(rows: readonly { id: string; doc_id: string }[]): Promise<StoredReport[]> {
    const missing = [...new Set(rows.filter((x) => !this.parsed.has(x.id)).map((x) => x.id))];
    for (let i = 0; i < missing.length; i += LOOKUP_BATCH) {
      const got = await this.db.selectFrom('reports').select(['id', 'data']).where('id', 'in', missing.slice(i, i + LOOKUP_BATCH)).execute();
      for (const g of got) this.parsed.set(g.id, JSON.parse(g.data) as IncidentReport);
    }
    await this.publishedOf(rows);
    return rows.map((x) => ({ id: x.id, docId: x.doc_id, report: this.parsed.get(x.id)!, published: this.published.get(x.doc_id) ?? null }));
  }

  /**
   * The publication dates of these rows' documents into `published`, those not read yet this save in
   * batches. Read per row, by a subquery, they cost a third of the candidate search's statement when a
   * document of 500 reports met a block of 2 500 reports of five documents. A document's date does not
   * change during a save, and the save's own document is written before any read of its reports.
   */
  private async publishedOf(rows: readonly { doc_id: string }[]): Promise<void> {
    const missing = [...new Set(rows.map((x) => x.doc_id).filter((d) => !this.published.has(d)))];
    for (let i = 0; i < missing.length; i += LOOKUP_BATCH) {
      const got = await this.db.selectFrom('documents').select(['id', 'published']).where('id', 'in', missing.slice(i, i + LOOKUP_BATCH)).execute();
      for (const g of got) this.published.set(g.id, g.published);
    }
  }

  /** One block: one index range scan, at most its limit of rows. */
  private block(b: BlockKey) {
    const reports = this.db.selectFrom('reports as r').select('r.incident_id as id');
    let q;
    switch (b.kind) {
      case 'facility':
        q = this.db.selectFrom('report_facilities as f').innerJoin('reports as r', 'r.id', 'f.report_id').select('r.incident_id as id').distinct().where('f.key', '=', b.key);
        break;
      case 'country-days':
        q = (b.country === null ? reports.where('r.country_code', 'is', null) : reports.where('r.country_code', '=', b.country)).where('r.date_iso', '>=', b.lo).where('r.date_iso', '<=', b.hi);
        break;
      case 'any-days':
        q = reports.where('r.date_iso', '>=', b.lo).where('r.date_iso', '<=', b.hi);
        break;
      case 'country-period':
        q = reports.where('r.country_code', '=', b.country).where('r.date_iso', '=', b.period);
        break;
      case 'undated-published':
        q = this.db.selectFrom('documents as d').innerJoin('reports as r', 'r.doc_id', 'd.id').select('r.incident_id as id')
          .where('d.published', '>=', b.lo).where('d.published', '<=', b.hi).where('r.date_iso', 'is', null).where('r.country_code', '=', b.country);
        break;
    }
    return q.limit(b.limit);
  }

  async reportsOfIncident(id: number): Promise<StoredReport[]> {
    await this.flush();
    const rows = await this.reportHeads().where('r.incident_id', '=', id).orderBy('r.doc_id').orderBy('r.idx').execute();
    const out = await this.withReports(rows);
    this.known.set(id, out.map((x) => ({ docId: x.docId, idx: x.report.index, report: x.report })));
    return out;
  }

  async documentWords(docId: string): Promise<{ text: string; dates: DateMention[] }> {
    return (await this.documentsWords([docId])).get(docId) ?? { text: '', dates: [] };
  }

  async documentsWords(docIds: readonly string[]): Promise<Map<string, { text: string; dates: DateMention[] }>> {
    const out = new Map<string, { text: string; dates: DateMention[] }>();
    if (!docIds.length) return out;
    await this.flush();
    for (let i = 0; i < docIds.length; i += LOOKUP_BATCH) {
      const rows = await this.db.selectFrom('documents as d')
        .leftJoin('annotations as a', (j) => j.onRef('a.doc_id', '=', 'd.id').on('a.layer', '=', 'dates'))
        .select(['d.id', 'd.text', 'a.data']).where('d.id', 'in', docIds.slice(i, i + LOOKUP_BATCH)).execute();
      for (const r of rows) out.set(r.id, { text: r.text, dates: r.data ? (JSON.parse(r.data) as DateMention[]) : [] });
    }
    return out;
  }

  async incidentWords(id: number): Promise<string[]> {
    await this.flush();
    return (await this.db.selectFrom('incident_text').select('body').where(this.backend.textRowsOf(id)).execute()).map((r) => r.body);
  }

  async newIncident(): Promise<number> {
    // Deferred writes may go after it: an insert reads nothing, and ids come from the sequence.
    const at = now();
    const { rows } = await this.shaped('incidents new', [at], () => this.db.insertInto('incidents').values({ created_at: at }).returning('id'));
    if (!rows[0]) throw new Error('a new incident: the insert gave no id');
    const id = Number(rows[0].id);
    this.created.add(id);
    this.known.set(id, []);
    this.change(id, 'created');
    return id;
  }

  async moveReport(reportId: string, to: number): Promise<void> {
    await this.flush();
    this.forgetKnown();
    await this.db.updateTable('reports').set({ incident_id: to }).where('id', '=', reportId).execute();
  }

  async rebuildIncident(id: number, reports: readonly { words: string; dateIso: string | null }[]): Promise<void> {
    await this.flush();
    await this.db.deleteFrom('incident_text').where(this.backend.textRowsOf(id)).execute();
    for (const r of reports) await this.backend.insertText(this.db, id, r.words).execute();
    const dates = reports.map((r) => r.dateIso).filter((d): d is string => d !== null).sort();
    await this.db.updateTable('incidents').set({ sort_date: dates[0] ?? '9999' }).where('id', '=', id).execute();
    // Its reports changed: the changes feed says so, and its conflicts flag is worked out again.
    if (reports.length) await this.touched(id);
    // Left with no reports (a reprocess moved them all): it keeps its id, but no chart or map counts it.
    else await writeHeadline(this.db, id, await storedHeadline(this.db, id, [], emptyReview()));
  }

  async joinIncidents(keep: number, drop: number): Promise<void> {
    await this.flush();
    this.forgetKnown();
    // The same join as a reviewer's merge: a redirect drop → keep and a `merged` change, so the id of
    // `drop` keeps answering (ids are never reused) and its review records count for `keep`.
    await joinInto(this.db, this.backend, keep, drop, null);
    if (!this.created.has(keep)) await this.touched(keep);
  }

  async insertDocument(row: DocumentRow): Promise<void> {
    const { doc } = row;
    const m = doc.meta;
    this.deferInsert('documents', 'insert', [{
      id: doc.id, source: m.source, title: m.title, subtitle: m.subtitle, author: m.author, publisher: m.publisher, published: m.published,
      language: m.language, format: m.format, url: m.url, text: doc.text, regions: JSON.stringify(doc.regions), pipeline_version: row.pipelineVersion,
      // No SimHash is stored: a repost's distance is made of both texts when one is found (resolver.ts
      // repostDistance). The column stays for the stores written before, whose values nothing reads.
      ingested_at: now(), simhash: null, sketch: row.sketch, derived_from: row.derivedFrom,
    }]);
    this.deferInsert('annotations', 'insert', LAYERS.map((layer) => ({ doc_id: doc.id, layer, data: JSON.stringify(row.annotations[layer]) })));
    const key = sketchKey(doc.id);
    if (row.samples.length && key !== null) {
      this.deferInsert('sketch_keys', 'write', row.samples.map((sample) => ({ sample, doc_key: key })), true);
    }
  }

  async addLocation(originalId: string, doc: Doc, distance: number, overlap: number): Promise<void> {
    this.deferInsert('document_locations', 'write', [{
      doc_id: originalId, source: doc.meta.source, content_hash: doc.id, title: doc.meta.title, published: doc.meta.published, distance, overlap,
      added_at: now(),
    }], true);
  }

  async insertReport(row: ReportRow): Promise<void> {
    const r = row.report;
    const loc = r.locations[0]?.value.place;
    const t = r.type.value;
    const data = JSON.stringify(r);
    const date = isoOfDate(r.date.value);
    this.deferInsert('reports', 'insert', [{
      id: r.id, doc_id: row.docId, incident_id: row.incidentId, idx: r.index, kind: t.kind, date_iso: date, country_code: codeOf(loc),
      country_name: loc?.countryName ?? null, type_names: [t.kind, t.acledEvent, t.acledSubEvent, t.ploverEvent, t.ploverMode, t.gtdAttackType ?? ''].join('|').toLowerCase(),
      data, merge_reason: row.mergeReason, actors: actorsOf(r), lat: loc?.lat ?? null, lon: loc?.lon ?? null, admin1: admin1Of(loc),
    }]);
    this.deferShaped('incident_text', 'insert', 'incident_text insert', this.backend.insertTextParams(row.incidentId, row.words), () => this.backend.insertText(this.db, row.incidentId, row.words));
    if (row.facilityKeys.length) {
      this.deferInsert('report_facilities', 'write', row.facilityKeys.map((key) => ({ report_id: r.id, key })), true);
    }
    // As it will read back: the flags and headline are made from the stored form.
    const stored = JSON.parse(data) as IncidentReport;
    this.parsed.set(r.id, stored);
    this.known.get(row.incidentId)?.push({ docId: row.docId, idx: r.index, report: stored });
    await this.touched(row.incidentId, date);
  }

  async insertClaims(docId: string, claims: readonly Claim[], quotes: readonly Quote[]): Promise<void> {
    if (claims.length) {
      this.deferInsert('claims', 'insert', claims.map((c) => ({
        id: c.id, doc_id: docId, kind: c.kind.value, source: `${c.source.value.name} ${c.source.value.entityKey ?? ''}`.toLowerCase(), data: JSON.stringify(c),
      })));
    }
    if (quotes.length) {
      this.deferInsert('quotes', 'insert', quotes.map((q) => ({
        id: q.id, doc_id: docId, speaker: `${q.speaker.value.name} ${q.speaker.value.entityKey ?? ''}`.toLowerCase(), data: JSON.stringify(q),
      })));
    }
  }

  async saveEntities(docId: string, items: readonly EntityMention[]): Promise<Map<string, number>> {
    // A few statements per document, not one per mention: on PostgreSQL each statement is a round
    // trip, and a long article names a few hundred entities.
    await this.upsertEntities(items);
    const cache = this.entities.byKey;
    const byKey = new Map<string, number>();
    const changed = new Map<number, Set<string>>();
    const mentions = new Map<string, { entity_id: number; doc_id: string; start: number; end: number; text: string }>();
    for (const m of items) {
      const ent = cache.get(m.key)!;
      byKey.set(m.key, ent.id);
      const span = `${m.start}:${m.end}`;
      if (!mentions.has(span)) mentions.set(span, { entity_id: ent.id, doc_id: docId, start: m.start, end: m.end, text: m.text });
      if (!ent.aliases.has(m.alias) && ent.aliases.size < MAX_ALIASES) {
        ent.aliases.add(m.alias);
        changed.set(ent.id, ent.aliases);
      }
    }
    const rows = [...mentions.values()];
    for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
      this.deferInsert('entity_mentions', 'write', rows.slice(i, i + ROWS_PER_INSERT), true);
    }
    for (const [id, aliases] of changed) this.defer('entities', 'write', this.db.updateTable('entities').set({ aliases: JSON.stringify([...aliases]) }).where('id', '=', id));
    return byKey;
  }

  /**
   * Entities this process has not seen yet, upserted in one statement (in the order the document first
   * names them, so ids are given as before) and read back in one: then every key is in the cache.
   */
  private async upsertEntities(items: readonly EntityMention[]): Promise<void> {
    const cache = this.entities.byKey;
    const fresh = new Map<string, EntityMention>();
    for (const m of items) if (!cache.has(m.key) && !fresh.has(m.key)) fresh.set(m.key, m);
    if (!fresh.size) return;
    if (cache.size + fresh.size > EntityCache.MAX) cache.clear();
    await this.flush();
    const list = [...fresh.values()];
    for (let i = 0; i < list.length; i += ROWS_PER_INSERT) {
      const part = list.slice(i, i + ROWS_PER_INSERT);
      await this.db.insertInto('entities').values(part.map((m) => ({ key: m.key, type: m.type, name: m.name, geonameid: m.geonameid, aliases: '[]' })))
        .onConflict((oc) => oc.column('key').doNothing()).execute();
      const rows = await this.db.selectFrom('entities').select(['id', 'key', 'aliases']).where('key', 'in', part.map((m) => m.key)).execute();
      for (const r of rows) cache.set(r.key, { id: Number(r.id), aliases: new Set(JSON.parse(r.aliases) as string[]) });
    }
  }

  async insertRelation(docId: string, subject: number | null, object: number | null, rel: { subject: { text: string }; predicate: string; object: { text: string } }): Promise<void> {
    // A serial id: one to a statement, so relations keep the order they were given in.
    this.deferInsert('relations', 'write', [{
      doc_id: docId, subject, subject_text: rel.subject.text, predicate: rel.predicate, object, object_text: rel.object.text, data: JSON.stringify(rel),
    }]);
  }

  async linkIncidents(a: number, b: number, kind: string, claimId: string | null, docId: string): Promise<void> {
    this.deferInsert('incident_links', 'write', [{ a, b, kind, claim_id: claimId, doc_id: docId }], true);
  }

  async insertPlacement(p: Placement, docId: string): Promise<void> {
    this.deferInsert('facility_places', 'write', [{ key: p.key, doc_id: docId, data: JSON.stringify(p) }], true);
  }
}

/** A block's part of a candidate statement's shape: its kind, and whether it binds a country. */
function blockShape(b: BlockKey): string {
  return b.kind === 'country-days' && b.country === null ? 'country-days of no country' : b.kind;
}

/** The values `SqlPort.block` binds for a block, in the order Kysely binds them (limit last). */
function blockParams(b: BlockKey): unknown[] {
  switch (b.kind) {
    case 'facility':
      return [b.key, b.limit];
    case 'country-days':
      return b.country === null ? [b.lo, b.hi, b.limit] : [b.country, b.lo, b.hi, b.limit];
    case 'any-days':
      return [b.lo, b.hi, b.limit];
    case 'country-period':
      return [b.country, b.period, b.limit];
    case 'undated-published':
      return [b.lo, b.hi, b.country, b.limit];
  }
}
