import type { Compilable, Kysely, QueryResult } from 'kysely';
import type { Claim, DateMention, Doc, IncidentReport, Quote } from '../../model/index.js';
import { isoOfDate } from '../../model/index.js';
import type { Placement } from '../../resolve/facility-places.js';
import type { BlockKey, DocumentRow, EntityMention, ReportRow, ResolutionPort, StoredSide } from '../../resolve/port.js';
import { MAX_ALIASES } from '../../resolve/resolver.js';
import type { Backend } from './backend.js';
import type { DB } from './schema.js';
import { emptyReview } from '../../review/effective.js';
import { storedHeadline, writeHeadline } from './headline-sql.js';
import { joinInto, keptApart, recordChange, refreshFlags, reportsOf } from './review-sql.js';
import { insertShape, runShaped } from './shaped.js';

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

  constructor(private readonly db: Kysely<DB>, private readonly backend: Backend, private readonly entities: EntityCache) {}

  /** A statement of a fixed shape, run for every document: compiled once per dialect, then only bound (shaped.ts). */
  private shaped<R>(key: string, params: readonly unknown[], build: () => Compilable<R>): Promise<QueryResult<R>> {
    return runShaped(this.db, this.backend.kind, key, params, build);
  }

  /** An INSERT of rows through `shaped`; `tail` names what `build` adds after the rows (an ON CONFLICT). */
  private async insertRows(table: string, rows: readonly Record<string, unknown>[], build: () => Compilable<unknown>, tail = ''): Promise<void> {
    const shape = insertShape(table, rows, tail);
    if (shape) await this.shaped(shape.key, shape.params, build);
    else await this.db.executeQuery(build());
  }

  /** The changes feed and the derived flags, when a stored incident gains or changes a report. */
  private async touched(incidentId: number): Promise<void> {
    // A new incident has no review and no flags to set, but its headline changes with each report.
    if (this.created.has(incidentId)) return writeHeadline(this.db, incidentId, await storedHeadline(this.db, incidentId, await reportsOf(this.db, incidentId), emptyReview()));
    await refreshFlags(this.db, incidentId);
    if (this.updated.has(incidentId)) return;
    this.updated.add(incidentId);
    await recordChange(this.db, incidentId, 'updated');
  }

  async keptApart(a: number, b: number): Promise<boolean> {
    return keptApart(this.db, a, b);
  }

  async underReview(ids: readonly number[]): Promise<boolean> {
    if (!ids.length) return false;
    const rec = await this.db.selectFrom('review_records').select('id').where('incident_id', 'in', [...ids]).limit(1).executeTakeFirst();
    if (rec) return true;
    const apart = await this.db.selectFrom('incident_apart').select('a').where((eb) => eb.or([eb('a', 'in', [...ids]), eb('b', 'in', [...ids])])).limit(1).executeTakeFirst();
    return apart !== undefined;
  }

  async hasDocument(id: string): Promise<boolean> {
    return (await this.shaped('documents has id', [id], () => this.db.selectFrom('documents').select('id').where('id', '=', id))).rows.length > 0;
  }

  async documentsBySketchSamples(samples: readonly number[]): Promise<Map<string, number>> {
    const hits = new Map<string, number>();
    for (let i = 0; i < samples.length; i += LOOKUP_BATCH) {
      const part = samples.slice(i, i + LOOKUP_BATCH);
      const { rows } = await this.shaped(`sketch_index by ${part.length} samples`, part, () => this.db.selectFrom('sketch_index').select('doc_id').where('sample', 'in', part));
      for (const r of rows) hits.set(r.doc_id, (hits.get(r.doc_id) ?? 0) + 1);
    }
    return hits;
  }

  async sketchOf(docId: string): Promise<{ id: string; source: string; sketch: Buffer | null; simhash: string | null; derivedFrom: string | null } | null> {
    const r = (await this.shaped('documents sketch of', [docId], () => this.db.selectFrom('documents').select(['id', 'source', 'sketch', 'simhash', 'derived_from']).where('id', '=', docId))).rows[0];
    return r ? { id: r.id, source: r.source, sketch: r.sketch, simhash: r.simhash, derivedFrom: r.derived_from } : null;
  }

  async storedSide(docId: string): Promise<StoredSide | null> {
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
    const rows = await this.db.selectFrom('facility_places').select('data').where('key', 'in', [...keys]).orderBy('key').orderBy('doc_id').execute();
    return rows.map((r) => JSON.parse(r.data) as Placement);
  }

  async titleOf(docId: string): Promise<string> {
    const r = await this.db.selectFrom('documents').select(['title', 'source']).where('id', '=', docId).executeTakeFirst();
    return r ? `"${r.title ?? r.source}"` : `document ${docId.slice(0, 12)}`;
  }

  async reportsNamingFacility(key: string, exceptDoc: string): Promise<{ id: string; report: IncidentReport }[]> {
    const rows = await this.db.selectFrom('reports as r').innerJoin('report_facilities as f', 'f.report_id', 'r.id')
      .select(['r.id', 'r.data']).where('f.key', '=', key).where('r.doc_id', '!=', exceptDoc).orderBy('r.id').execute();
    return rows.map((r) => ({ id: r.id, report: JSON.parse(r.data) as IncidentReport }));
  }

  async updateReport(id: string, report: IncidentReport): Promise<void> {
    const loc = report.locations[0]?.value.place;
    await this.db.updateTable('reports').set({ data: JSON.stringify(report), country_code: codeOf(loc), country_name: loc?.countryName ?? null, lat: loc?.lat ?? null, lon: loc?.lon ?? null, admin1: admin1Of(loc) })
      .where('id', '=', id).execute();
    const row = await this.db.selectFrom('reports').select('incident_id').where('id', '=', id).executeTakeFirst();
    if (row) await this.touched(Number(row.incident_id));
  }

  async candidates(blocks: readonly BlockKey[]): Promise<Set<number>> {
    const out = new Set<number>();
    for (const b of blocks) for (const id of await this.block(b)) out.add(Number(id));
    return out;
  }

  /** One block: one index range scan. */
  private async block(b: BlockKey): Promise<number[]> {
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
    return (await q.limit(b.limit).execute()).map((r) => Number(r.id));
  }

  async reportsOfIncident(id: number): Promise<{ id: string; docId: string; report: IncidentReport; published: string | null }[]> {
    // The publication date by a subquery, not a join: with no statistics yet (a fresh PostgreSQL
    // store) the planner chose a hash join over every document, 0.9 → 4.4 ms a call as a batch grew.
    const rows = await this.db.selectFrom('reports as r')
      .select((eb) => ['r.id', 'r.doc_id', 'r.data', eb.selectFrom('documents as d').select('d.published').whereRef('d.id', '=', 'r.doc_id').as('published')])
      .where('r.incident_id', '=', id).orderBy('r.doc_id').orderBy('r.idx').execute();
    return rows.map((x) => ({ id: x.id, docId: x.doc_id, report: JSON.parse(x.data) as IncidentReport, published: x.published }));
  }

  async documentWords(docId: string): Promise<{ text: string; dates: DateMention[] }> {
    const d = await this.db.selectFrom('documents').select('text').where('id', '=', docId).executeTakeFirst();
    const a = await this.db.selectFrom('annotations').select('data').where('doc_id', '=', docId).where('layer', '=', 'dates').executeTakeFirst();
    return { text: d?.text ?? '', dates: a ? (JSON.parse(a.data) as DateMention[]) : [] };
  }

  async incidentWords(id: number): Promise<string[]> {
    return (await this.db.selectFrom('incident_text').select('body').where('incident_id', '=', id).execute()).map((r) => r.body);
  }

  async newIncident(): Promise<number> {
    const at = new Date().toISOString();
    const r = (await this.shaped('incidents new', [at], () => this.db.insertInto('incidents').values({ created_at: at }).returning('id'))).rows[0];
    if (!r) throw new Error('no id for the new incident');
    const id = Number(r.id);
    this.created.add(id);
    await recordChange(this.db, id, 'created');
    return id;
  }

  async moveReport(reportId: string, to: number): Promise<void> {
    await this.db.updateTable('reports').set({ incident_id: to }).where('id', '=', reportId).execute();
  }

  async rebuildIncident(id: number, reports: readonly { words: string; dateIso: string | null }[]): Promise<void> {
    await this.db.deleteFrom('incident_text').where('incident_id', '=', id).execute();
    if (reports.length) await this.db.insertInto('incident_text').values(reports.map((r) => ({ incident_id: id, body: r.words }))).execute();
    const dates = reports.map((r) => r.dateIso).filter((d): d is string => d !== null).sort();
    await this.db.updateTable('incidents').set({ sort_date: dates[0] ?? '9999' }).where('id', '=', id).execute();
    // Its reports changed: the changes feed says so, and its conflicts flag is worked out again.
    if (reports.length) await this.touched(id);
    // Left with no reports (a reprocess moved them all): it keeps its id, but no chart or map counts it.
    else await writeHeadline(this.db, id, await storedHeadline(this.db, id, [], emptyReview()));
  }

  async joinIncidents(keep: number, drop: number): Promise<void> {
    // The same join as a reviewer's merge: a redirect drop → keep and a `merged` change, so the id of
    // `drop` keeps answering (ids are never reused) and its review records count for `keep`.
    await joinInto(this.db, keep, drop, null);
    if (!this.created.has(keep)) await this.touched(keep);
  }

  async insertDocument(row: DocumentRow): Promise<void> {
    const { doc } = row;
    const m = doc.meta;
    const values = {
      id: doc.id, source: m.source, title: m.title, subtitle: m.subtitle, author: m.author, publisher: m.publisher, published: m.published,
      language: m.language, format: m.format, url: m.url, text: doc.text, regions: JSON.stringify(doc.regions), pipeline_version: row.pipelineVersion,
      ingested_at: new Date().toISOString(), simhash: row.simhash, sketch: row.sketch, derived_from: row.derivedFrom,
    };
    await this.insertRows('documents', [values], () => this.db.insertInto('documents').values(values));
    const layers = LAYERS.map((layer) => ({ doc_id: doc.id, layer, data: JSON.stringify(row.annotations[layer]) }));
    await this.insertRows('annotations', layers, () => this.db.insertInto('annotations').values(layers));
    if (row.samples.length) {
      const samples = row.samples.map((sample) => ({ sample, doc_id: doc.id }));
      await this.insertRows('sketch_index', samples, () => this.db.insertInto('sketch_index').values(samples).onConflict((oc) => oc.doNothing()), ' on conflict do nothing');
    }
  }

  async addLocation(originalId: string, doc: Doc, distance: number, overlap: number): Promise<void> {
    await this.db.insertInto('document_locations').values({
      doc_id: originalId, source: doc.meta.source, content_hash: doc.id, title: doc.meta.title, published: doc.meta.published, distance, overlap,
      added_at: new Date().toISOString(),
    }).onConflict((oc) => oc.doNothing()).execute();
  }

  async insertReport(row: ReportRow): Promise<void> {
    const r = row.report;
    const loc = r.locations[0]?.value.place;
    const t = r.type.value;
    const values = {
      id: r.id, doc_id: row.docId, incident_id: row.incidentId, idx: r.index, kind: t.kind, date_iso: isoOfDate(r.date.value), country_code: codeOf(loc),
      country_name: loc?.countryName ?? null, type_names: [t.kind, t.acledEvent, t.acledSubEvent, t.ploverEvent, t.ploverMode, t.gtdAttackType ?? ''].join('|').toLowerCase(),
      data: JSON.stringify(r), merge_reason: row.mergeReason, actors: actorsOf(r), lat: loc?.lat ?? null, lon: loc?.lon ?? null, admin1: admin1Of(loc),
    };
    await this.insertRows('reports', [values], () => this.db.insertInto('reports').values(values));
    const date = isoOfDate(r.date.value);
    if (date) {
      await this.shaped('incidents earlier sort_date', [date, row.incidentId, date], () => this.db.updateTable('incidents').set({ sort_date: date }).where('id', '=', row.incidentId).where('sort_date', '>', date));
    }
    const text = { incident_id: row.incidentId, body: row.words };
    await this.insertRows('incident_text', [text], () => this.db.insertInto('incident_text').values(text));
    if (row.facilityKeys.length) {
      const keys = row.facilityKeys.map((key) => ({ report_id: r.id, key }));
      await this.insertRows('report_facilities', keys, () => this.db.insertInto('report_facilities').values(keys).onConflict((oc) => oc.doNothing()), ' on conflict do nothing');
    }
    await this.touched(row.incidentId);
  }

  async insertClaims(docId: string, claims: readonly Claim[], quotes: readonly Quote[]): Promise<void> {
    if (claims.length) {
      const rows = claims.map((c) => ({
        id: c.id, doc_id: docId, kind: c.kind.value, source: `${c.source.value.name} ${c.source.value.entityKey ?? ''}`.toLowerCase(), data: JSON.stringify(c),
      }));
      await this.insertRows('claims', rows, () => this.db.insertInto('claims').values(rows));
    }
    if (quotes.length) {
      const rows = quotes.map((q) => ({
        id: q.id, doc_id: docId, speaker: `${q.speaker.value.name} ${q.speaker.value.entityKey ?? ''}`.toLowerCase(), data: JSON.stringify(q),
      }));
      await this.insertRows('quotes', rows, () => this.db.insertInto('quotes').values(rows));
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
      await this.db.insertInto('entity_mentions').values(rows.slice(i, i + ROWS_PER_INSERT)).onConflict((oc) => oc.doNothing()).execute();
    }
    for (const [id, aliases] of changed) await this.db.updateTable('entities').set({ aliases: JSON.stringify([...aliases]) }).where('id', '=', id).execute();
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
    await this.db.insertInto('relations').values({
      doc_id: docId, subject, subject_text: rel.subject.text, predicate: rel.predicate, object, object_text: rel.object.text, data: JSON.stringify(rel),
    }).execute();
  }

  async linkIncidents(a: number, b: number, kind: string, claimId: string | null, docId: string): Promise<void> {
    await this.db.insertInto('incident_links').values({ a, b, kind, claim_id: claimId, doc_id: docId }).onConflict((oc) => oc.doNothing()).execute();
  }

  async insertPlacement(p: Placement, docId: string): Promise<void> {
    await this.db.insertInto('facility_places').values({ key: p.key, doc_id: docId, data: JSON.stringify(p) }).onConflict((oc) => oc.doNothing()).execute();
  }
}
