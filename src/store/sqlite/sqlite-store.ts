import Database from 'better-sqlite3';
import type { Annotations, Claim, DateMention, Doc, IncidentReport, Quote } from '../../model/index.js';
import { DossierError } from '../../model/index.js';
import type { IncidentFilter, SaveExtras, SaveResult, Store, StoredDocument, StoredEntity, StoredIncident } from '../types.js';
import { applyPlacements, facilityKey, type Placement } from '../../resolve/facility-places.js';
import { dateBlock, exactDay, properWords, RECENT_DAYS, sameIncident, sentenceDays, type MergeContext, type MergeDecision, type SentenceDay } from '../../resolve/merge.js';
import { primaryReport } from '../../resolve/headline.js';
import { entityOf, shortFormsInDocument } from '../../resolve/entities.js';
import { hamming, simhash } from '../../resolve/simhash.js';
import { BODY_REGION_KINDS, factsChanged, pairUpdate, sketch, sketchToBuffer, type CopySide } from '../../resolve/near-copy.js';
import { localitiesOf } from '../../resolve/localities.js';
import { findNearCopy, indexSketch, type NearCopy } from './copies.js';
import { openReadOnly, openWritable, storeError, withBusyRetry } from './open.js';
import { MIGRATIONS } from './migrations.js';
import { isoOfDate } from '../../model/index.js';

/** The migration that adds sketches: documents stored before it are sketched when it runs. */
const SKETCH_MIGRATION = 7;

const LAYERS = ['sentences', 'mentions', 'dates', 'quantities', 'roles'] as const;
/** Surface forms kept per entity. */
const MAX_ALIASES = 50;
/** Entities cached per process before the cache is dropped (memory bound for long batches). */
const ENTITY_CACHE_MAX = 200_000;
/** Stored reports whose words the merge has read (sentence days, localities) cached before the cache is dropped: about 200 bytes each. */
const REPORT_CACHE_MAX = 200_000;

/**
 * SQLite through better-sqlite3. WAL mode: readers never block the writer,
 * and a killed process loses at most the document it was writing (each
 * document is one transaction). synchronous=NORMAL is durable against a
 * process crash, which is the failure a batch job meets.
 */

/** A stored report of a candidate incident, as the merge compares it. */
interface ClusterRow {
  docId: string;
  report: IncidentReport;
  published: string | null;
  /** For an undated report, the days its own sentence names (see `sentenceDays`). */
  days: SentenceDay[];
  /** Whether its date is a calendar day written in its own sentence (see `exactDay`). */
  exact: boolean;
  /** The localities its own sentence names (see `localitiesOf`). */
  localities: string[];
}

/** What the merge knows of two reports' documents (see MergeContext). */
const contextOf = (a: ClusterRow, b: ClusterRow): MergeContext => ({
  publishedA: a.published, publishedB: b.published, sentenceDaysA: a.days, sentenceDaysB: b.days, exactA: a.exact, exactB: b.exact,
  localitiesA: a.localities, localitiesB: b.localities,
});

/** A report as the merge compares it, with what its document's date mentions say of its date. */
function clusterRow(docId: string, report: IncidentReport, published: string | null, dates: readonly DateMention[], text: string): ClusterRow {
  return {
    docId, report, published, days: report.date.value.precision === 'unknown' ? sentenceDays(report, dates, published) : [], exact: exactDay(report, dates),
    localities: localitiesOf(text.slice(report.anchor.start, report.anchor.end)),
  };
}

/** A candidate incident that matches only weakly (MergeDecision.weak), with its reports. */
interface WeakMatch {
  id: number;
  reason: string;
  score: number;
  why: NonNullable<MergeDecision['weak']>;
  rows: ClusterRow[];
}

/**
 * How report `r` matches a stored incident: its best match among the incident's reports (a strong one
 * before a weak one), or null when none matches or any of them vetoes `r` (an undated report must not
 * bridge two incidents of one city a few days apart).
 */
function bestMatchIn(me: ClusterRow, rows: readonly ClusterRow[]): { score: number; reason: string; weak: WeakMatch['why'] | undefined } | null {
  let top: { score: number; reason: string; weak: WeakMatch['why'] | undefined } | null = null;
  for (const row of rows) {
    const dec = sameIncident(me.report, row.report, contextOf(me, row));
    if (dec.veto) return null;
    if (dec.same && (!top || (top.weak && !dec.weak) || dec.score > top.score)) top = { score: dec.score, reason: dec.reasons.join('; '), weak: dec.weak };
  }
  return top;
}

export interface SqliteOpenOptions {
  /**
   * Open for reading only, as every read command does: a store in a folder the user cannot write
   * to can still be read, and a read can never change the file.
   */
  readonly?: boolean;
}

export class SqliteStore implements Store {
  // Writers are serialised: each waits for the write lock (busy handler, then retries), none fails.
  readonly capabilities = { fullTextSearch: true, concurrentWriters: true };
  private readonly db: Database.Database;
  private readonly readonly: boolean;
  /** PRAGMA data_version after our last look: it changes when another connection commits. */
  private dataVersion = -1;

  constructor(path: string, opts: SqliteOpenOptions = {}) {
    this.readonly = opts.readonly === true;
    try {
      if (this.readonly) {
        let db = openReadOnly(path);
        if (schemaVersion(db) < LATEST) {
          // A store an older Dossier wrote: upgrade it once (this needs write access), then read.
          db.close();
          new SqliteStore(path).close();
          db = openReadOnly(path);
        }
        this.db = db;
      } else {
        this.db = openWritable(path);
        this.migrate();
      }
    } catch (e) {
      throw storeError(e, `cannot open the store: ${(e as Error).message}`, path);
    }
  }

  private migrate(): void {
    const ours = this.db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'schema_migrations'").get();
    const other = this.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' LIMIT 1").get() as { name: string } | undefined;
    // Someone else's database: never add our tables to it.
    if (!ours && other) throw new DossierError('E_STORE_CORRUPT', `this SQLite file is not a Dossier store (it has a table "${other.name}" and no schema_migrations); nothing was written to it`, this.db.name);
    this.db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
    for (const m of MIGRATIONS) {
      // IMMEDIATE and checked inside: two processes opening a new store at once apply each migration once.
      this.db.transaction(() => {
        if (this.db.prepare('SELECT 1 FROM schema_migrations WHERE version = ?').get(m.version)) return;
        this.db.exec(m.sql);
        if (m.version === SKETCH_MIGRATION) this.backfillSketches();
        this.db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(m.version, m.name, new Date().toISOString());
      }).immediate();
    }
  }

  /** Stores made before near copies were sketched get their documents' sketches once. */
  private backfillSketches(): void {
    const rows = this.db.prepare('SELECT id, text, regions FROM documents').iterate() as IterableIterator<{ id: string; text: string; regions: string }>;
    const upd = this.db.prepare('UPDATE documents SET sketch = ? WHERE id = ?');
    const todo: [string, Uint32Array][] = [];
    for (const r of rows) {
      const sk = sketch(bodyText({ text: r.text, regions: JSON.parse(r.regions) as Doc['regions'] }));
      if (sk.length) todo.push([r.id, sk]);
    }
    for (const [id, sk] of todo) {
      upd.run(sketchToBuffer(sk), id);
      indexSketch((sql) => this.stmt(sql), id, sk);
    }
  }

  private assertWritable(): void {
    if (this.readonly) throw new DossierError('E_STORE_READONLY', 'the store was opened for reading only', this.db.name);
  }

  /** Entity ids cached by this process stay right, but their aliases may be stale once another process wrote. */
  private forgetIfChangedElsewhere(): void {
    const v = this.db.pragma('data_version', { simple: true }) as number;
    if (v !== this.dataVersion) {
      this.entityByKey.clear();
      this.entityById.clear();
      this.dataVersion = v;
    }
  }

  getInfo(key: string): string | null {
    return (this.stmt('SELECT value FROM store_info WHERE key = ?').get(key) as { value: string } | undefined)?.value ?? null;
  }

  setInfo(key: string, value: string): void {
    this.assertWritable();
    withBusyRetry(() => this.stmt('INSERT INTO store_info (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value));
  }

  // Prepared once: re-preparing per document was a quarter of the store's time.
  private readonly stmts = new Map<string, Database.Statement>();
  private stmt(sql: string): Database.Statement {
    let st = this.stmts.get(sql);
    if (!st) {
      st = this.db.prepare(sql);
      this.stmts.set(sql, st);
    }
    return st;
  }

  hasDocument(id: string): boolean {
    return this.stmt('SELECT 1 FROM documents WHERE id = ?').get(id) !== undefined;
  }

  saveDocument(doc: Doc, ann: Annotations, reports: IncidentReport[], pipelineVersion: number, extras: SaveExtras = {}): SaveResult {
    this.assertWritable();
    // IMMEDIATE: the write lock is taken when the transaction starts, so a second writer waits in
    // the busy handler. A deferred transaction that reads first and writes later fails at once with
    // "database is locked" when another process committed in between (SQLite cannot wait for that).
    return this.immediate((): SaveResult => this.saveInTransaction(doc, ann, reports, pipelineVersion, extras), doc.meta.source);
  }

  transaction<T>(fn: () => T): T {
    this.assertWritable();
    // Saves inside run as savepoints of this one IMMEDIATE transaction (better-sqlite3 nests them).
    return this.immediate(fn, this.db.name);
  }

  /** Run `fn` in an IMMEDIATE transaction, retried while busy; a failure clears the entity caches and names `source`. */
  private immediate<T>(fn: () => T, source: string): T {
    const tx = this.db.transaction(fn);
    try {
      return withBusyRetry(() => {
        this.forgetIfChangedElsewhere();
        return tx.immediate();
      });
    } catch (e) {
      // The transaction rolled back: entities it created are gone, so are their cached ids.
      this.entityByKey.clear();
      this.entityById.clear();
      throw storeError(e, `could not save: ${(e as Error).message}`, source);
    }
  }

  private saveInTransaction(doc: Doc, ann: Annotations, reports: IncidentReport[], pipelineVersion: number, extras: SaveExtras): SaveResult {
    if (this.hasDocument(doc.id)) return { status: 'duplicate', incidentIds: [] };
    // Place this document's reports by facilities other documents locate.
    const keys = [...new Set(reports.flatMap((r) => (r.facilities ?? []).map((f) => facilityKey(f.value))).filter(Boolean))];
    const known = keys.length ? this.placementsFor(keys) : [];
    for (const r of reports) applyPlacements(r, known, (id) => this.titleOf(id));
    // A near copy of a stored document with the same facts is a repost: another location of that
    // document, not a new source. With other facts it is an update: stored, its reports joined to
    // the original's incidents, and counted as the same source.
    const body = bodyText(doc);
    const sk = sketch(body);
    const copy = findNearCopy((sql) => this.stmt(sql), sk);
    if (copy && !factsChanged({ text: doc.text, regions: doc.regions, reports, claims: extras.claims ?? [] }, this.copySide(copy.id))) {
      return this.saveRepost(doc, copy, simhash(body));
    }
    this.insertDocument(doc, pipelineVersion, sk, simhash(body), copy);
    const insAnn = this.stmt('INSERT INTO annotations (doc_id, layer, data) VALUES (?, ?, ?)');
    for (const layer of LAYERS) insAnn.run(doc.id, layer, JSON.stringify(ann[layer]));
    const { ids, merged } = this.saveReports(doc, ann, reports, copy ? this.pairWithOriginal(doc, reports, copy.id) : new Map());
    this.saveClaimsAndQuotes(doc, extras);
    // Canonical entities: every person, organisation, place and facility mention.
    const entityIds = this.saveEntities(doc, ann);
    for (const rel of extras.relations ?? []) {
      const sid = entityIds.get(rel.subject.key) ?? null;
      const oid = entityIds.get(rel.object.key) ?? null;
      this.stmt('INSERT INTO relations (doc_id, subject, subject_text, predicate, object, object_text, data) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(doc.id, sid, rel.subject.text, rel.predicate, oid, rel.object.text, JSON.stringify(rel));
    }
    this.saveLinks(doc, reports, ids, extras.claims ?? []);
    this.savePlacements(doc, extras.placements ?? []);
    return {
      status: copy ? 'update' : 'stored', incidentIds: ids,
      ...(merged.length ? { mergedInto: merged } : {}),
      ...(copy ? { updateOf: { id: copy.id, source: copy.source, overlap: copy.overlap } } : {}),
    };
  }

  private saveRepost(doc: Doc, copy: NearCopy, sh: string | null): SaveResult {
    const distance = sh && copy.simhash ? hamming(sh, copy.simhash) : 0;
    this.stmt('INSERT OR IGNORE INTO document_locations (doc_id, source, content_hash, title, published, distance, overlap, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(copy.id, doc.meta.source, doc.id, doc.meta.title, doc.meta.published, distance, copy.overlap, new Date().toISOString());
    return { status: 'repost', incidentIds: [], repostOf: { id: copy.id, source: copy.source, distance, overlap: copy.overlap } };
  }

  private insertDocument(doc: Doc, pipelineVersion: number, sk: Uint32Array, sh: string | null, copy: NearCopy | null): void {
    const m = doc.meta;
    this
      .stmt(
        `INSERT INTO documents (id, source, title, subtitle, author, publisher, published, language, format, url, text, regions, pipeline_version, ingested_at, simhash, sketch, derived_from)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(doc.id, m.source, m.title, m.subtitle, m.author, m.publisher, m.published, m.language, m.format, m.url, doc.text, JSON.stringify(doc.regions), pipelineVersion,
        new Date().toISOString(), sh, sk.length ? sketchToBuffer(sk) : null, copy ? copy.origin : null);
    indexSketch((sql) => this.stmt(sql), doc.id, sk);
  }

  /** A stored document as a near copy is compared with it (see factsChanged). */
  private copySide(docId: string): CopySide {
    const row = this.stmt('SELECT text, regions FROM documents WHERE id = ?').get(docId) as { text: string; regions: string };
    const reports = (this.stmt('SELECT data FROM reports WHERE doc_id = ? ORDER BY idx').all(docId) as { data: string }[]).map((r) => JSON.parse(r.data) as IncidentReport);
    return { text: row.text, regions: JSON.parse(row.regions) as Doc['regions'], reports, claims: this.claimsOf(docId) };
  }

  /** An update's reports paired with the incidents of its original's (see pairUpdate). */
  private pairWithOriginal(doc: Doc, reports: IncidentReport[], originalId: string): Map<number, { incident: number; reason: string }> {
    const orig = this.stmt('SELECT text, title, source FROM documents WHERE id = ?').get(originalId) as { text: string; title: string | null; source: string };
    const theirs = (this.stmt('SELECT data, incident_id FROM reports WHERE doc_id = ? ORDER BY idx').all(originalId) as { data: string; incident_id: number }[])
      .map((row) => ({ report: JSON.parse(row.data) as IncidentReport, incident: row.incident_id }));
    const out = new Map<number, { incident: number; reason: string }>();
    for (const [index, p] of pairUpdate(reports, doc.text, theirs, orig.text)) {
      out.set(index, { incident: p.incident, reason: `an update of "${orig.title ?? orig.source}": the same article, revised (anchor sentences ${Math.round(p.overlap * 100)}% the same)` });
    }
    return out;
  }

  private saveReports(doc: Doc, ann: Annotations, reports: IncidentReport[], paired: Map<number, { incident: number; reason: string }>): { ids: number[]; merged: number[] } {
    const insInc = this.stmt('INSERT INTO incidents (created_at) VALUES (?)');
    const insRep = this.stmt(
      `INSERT INTO reports (id, doc_id, incident_id, idx, kind, date_iso, country_code, country_name, type_names, data, merge_reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insText = this.stmt('INSERT INTO incident_text (incident_id, body) VALUES (?, ?)');
    const ids: number[] = [];
    const merged: number[] = [];
    const taken = new Set<number>(paired.size ? [...paired.values()].map((p) => p.incident) : []);
    for (const r of reports) {
      // The same incident reported by another document joins its incident;
      // otherwise this report starts one. Two reports of one document are
      // never joined here: the document already told them apart.
      const pair = paired.get(r.index);
      const words = searchText(doc, r);
      const me = clusterRow(doc.id, r, doc.meta.published, ann.dates, doc.text);
      const match = pair ? null : this.findIncident(me, taken, words);
      let incidentId: number;
      if (pair) {
        incidentId = pair.incident;
        merged.push(incidentId);
      } else if (match) {
        incidentId = match.id;
        // A report that matches two stored incidents shows they are one: "the attack at Charlie
        // Hebdo's offices in Paris on 7 January" joins an undated Paris report and a dated one with no
        // place, whichever came first. Arrival order must not decide the clusters.
        let rows = match.matched.get(incidentId)!;
        for (const [other, otherRows] of match.matched) {
          if (other === incidentId || !this.joinable(rows, otherRows)) continue;
          this.joinIncidents(incidentId, other);
          rows = rows.concat(otherRows);
        }
        merged.push(incidentId);
      } else incidentId = Number(insInc.run(new Date().toISOString()).lastInsertRowid);
      taken.add(incidentId);
      ids.push(incidentId);
      const loc = r.locations[0]?.value.place;
      const t = r.type.value;
      insRep.run(r.id, doc.id, incidentId, r.index, t.kind, isoOf(r), codeOf(loc), loc?.countryName ?? null,
        [t.kind, t.acledEvent, t.acledSubEvent, t.ploverEvent, t.ploverMode, t.gtdAttackType ?? ''].join('|').toLowerCase(), JSON.stringify(r), pair ? pair.reason : match ? match.reason : null);
      insText.run(incidentId, words);
      for (const f of r.facilities ?? []) {
        const key = facilityKey(f.value);
        if (key) this.stmt('INSERT OR IGNORE INTO report_facilities (report_id, key) VALUES (?, ?)').run(r.id, key);
      }
    }
    return { ids, merged };
  }

  private saveClaimsAndQuotes(doc: Doc, extras: SaveExtras): void {
    for (const c of extras.claims ?? []) {
      this.stmt('INSERT INTO claims (id, doc_id, kind, source, data) VALUES (?, ?, ?, ?, ?)').run(
        c.id, doc.id, c.kind.value, `${c.source.value.name} ${c.source.value.entityKey ?? ''}`.toLowerCase(), JSON.stringify(c));
    }
    for (const q of extras.quotes ?? []) {
      this.stmt('INSERT INTO quotes (id, doc_id, speaker, data) VALUES (?, ?, ?, ?)').run(
        q.id, doc.id, `${q.speaker.value.name} ${q.speaker.value.entityKey ?? ''}`.toLowerCase(), JSON.stringify(q));
    }
  }

  /** Incidents a claim links ("likely synchronized") are linked, both ways. */
  private saveLinks(doc: Doc, reports: IncidentReport[], ids: number[], claims: Claim[]): void {
    const incidentOf = new Map<number, number>(reports.map((r, i) => [r.index, ids[i]!]));
    for (const c of claims) {
      if (c.kind.value !== 'linkage') continue;
      const linked = [...new Set(c.incidents.map((ix) => incidentOf.get(ix)).filter((x): x is number => x !== undefined))];
      for (const a of linked) for (const b of linked) {
        if (a !== b) this.stmt('INSERT OR IGNORE INTO incident_links (a, b, kind, claim_id, doc_id) VALUES (?, ?, ?, ?, ?)').run(a, b, 'linked_by_claim', c.id, doc.id);
      }
    }
  }

  /** What this document teaches places earlier reports of the same facility. */
  private savePlacements(doc: Doc, placements: Placement[]): void {
    for (const p of placements) {
      this.stmt('INSERT OR IGNORE INTO facility_places (key, doc_id, data) VALUES (?, ?, ?)').run(p.key, doc.id, JSON.stringify(p));
      const rows = this.stmt('SELECT r.id, r.data FROM reports r JOIN report_facilities f ON f.report_id = r.id WHERE f.key = ? AND r.doc_id != ?').all(p.key, doc.id) as { id: string; data: string }[];
      for (const row of rows) {
        const rep = JSON.parse(row.data) as IncidentReport;
        if (!applyPlacements(rep, [p], (id) => this.titleOf(id))) continue;
        const loc = rep.locations[0]?.value.place;
        this.stmt('UPDATE reports SET data = ?, country_code = ?, country_name = ? WHERE id = ?').run(JSON.stringify(rep), codeOf(loc), loc?.countryName ?? null, row.id);
      }
    }
  }

  // What a stored report's words say of it (its days, written day, localities), by report id: a
  // report's anchor and date never change once stored, and reading its document's text and date
  // layer again for every candidate doubled the time of a batch.
  private readonly wordsOfReport = new Map<string, Pick<ClusterRow, 'days' | 'exact' | 'localities'>>();

  /** The reports of one stored incident, with their documents' publication dates. */
  private clusterRows(id: number): ClusterRow[] {
    return (this.stmt('SELECT r.id, r.doc_id, r.data, d.published FROM reports r JOIN documents d ON d.id = r.doc_id WHERE r.incident_id = ?').all(id) as { id: string; doc_id: string; data: string; published: string | null }[]).map((x) => {
      const report = JSON.parse(x.data) as IncidentReport;
      let words = this.wordsOfReport.get(x.id);
      if (!words) {
        const text = (this.stmt('SELECT text FROM documents WHERE id = ?').get(x.doc_id) as { text: string }).text;
        words = clusterRow(x.doc_id, report, x.published, this.datesOf(x.doc_id), text);
        if (this.wordsOfReport.size >= REPORT_CACHE_MAX) this.wordsOfReport.clear();
        this.wordsOfReport.set(x.id, { days: words.days, exact: words.exact, localities: words.localities });
      }
      return { docId: x.doc_id, report, published: x.published, days: words.days, exact: words.exact, localities: words.localities };
    });
  }

  /** A stored document's date mentions (the annotation layer), for the sentence dates of its undated reports. */
  private datesOf(docId: string): DateMention[] {
    const row = this.stmt("SELECT data FROM annotations WHERE doc_id = ? AND layer = 'dates'").get(docId) as { data: string } | undefined;
    return row ? (JSON.parse(row.data) as DateMention[]) : [];
  }

  /** Whether two stored incidents may become one: no document in both, and no report of one vetoing a report of the other. */
  private joinable(a: readonly ClusterRow[], b: readonly ClusterRow[]): boolean {
    if (a.some((x) => b.some((y) => x.docId === y.docId))) return false;
    return !a.some((x) => b.some((y) => sameIncident(x.report, y.report, contextOf(x, y)).veto));
  }

  /** Move everything of incident `drop` to incident `keep`, and delete `drop`. */
  private joinIncidents(keep: number, drop: number): void {
    this.stmt('UPDATE reports SET incident_id = ? WHERE incident_id = ?').run(keep, drop);
    this.stmt('UPDATE incident_text SET incident_id = ? WHERE incident_id = ?').run(keep, drop);
    this.stmt('UPDATE OR IGNORE incident_links SET a = ? WHERE a = ?').run(keep, drop);
    this.stmt('UPDATE OR IGNORE incident_links SET b = ? WHERE b = ?').run(keep, drop);
    this.stmt('DELETE FROM incident_links WHERE a = ? OR b = ? OR a = b').run(drop, drop);
    this.stmt('DELETE FROM incidents WHERE id = ?').run(drop);
  }

  /**
   * The stored incident this report describes, if any (src/resolve/merge.ts
   * decides), and the other stored incidents it also matches (each with its
   * reports, for the caller to join). Candidates come from indexes (facility
   * name; country and date window; publication dates for undated reports), so
   * the cost grows with the candidates, not with the store.
   */
  private findIncident(me: ClusterRow, taken: Set<number>, words: string): { id: number; reason: string; matched: Map<number, ClusterRow[]> } | null {
    let best: { id: number; reason: string; score: number } | null = null;
    const weak: WeakMatch[] = [];
    const matched = new Map<number, ClusterRow[]>();
    for (const id of this.candidateIds(me.report, me.published)) {
      if (taken.has(id)) continue;
      const rows = this.clusterRows(id);
      if (rows.some((x) => x.docId === me.docId)) continue;
      const top = bestMatchIn(me, rows);
      if (!top) continue;
      if (top.weak) {
        weak.push({ id, score: top.score, reason: top.reason, why: top.weak, rows });
        continue;
      }
      matched.set(id, rows);
      if (!best || top.score > best.score) best = { id, score: top.score, reason: top.reason };
    }
    // Weak matches stand only when nothing else could be meant (MergeDecision.weak). Each that
    // stands counts: the best of them when nothing matched strongly, and every one is offered to the
    // caller to join with the strong match (an undated wire report of an attack in Paris, and a
    // placeless report of the same day naming the magazine, both stored before the dated report).
    // Arrival order must not decide which of them gets joined.
    const picks = weak.length ? this.resolveWeak(me, weak, words) : [];
    for (const p of picks) {
      if (!best) best = p;
      if (!matched.has(p.id)) matched.set(p.id, weak.find((w) => w.id === p.id)!.rows);
    }
    return best ? { id: best.id, reason: best.reason, matched } : null;
  }

  /** Stored incidents that may hold the same incident as this report, from the indexes. */
  private candidateIds(r: IncidentReport, published: string | null): Set<number> {
    const cand = new Set<number>();
    const ids = (sql: string, ...args: (string | number)[]): void => {
      for (const row of this.stmt(sql).all(...args) as { id: number }[]) cand.add(row.id);
    };
    for (const f of r.facilities ?? []) {
      const key = facilityKey(f.value);
      if (key) ids('SELECT DISTINCT r.incident_id AS id FROM report_facilities f JOIN reports r ON r.id = f.report_id WHERE f.key = ? LIMIT 200', key);
    }
    const block = dateBlock(r);
    const countries = [...new Set(r.locations.map((l) => l.value.place.countryCode))];
    if (block) {
      // Three index range scans on (country_code, date_iso), not one OR that scans the country.
      for (const c of countries) {
        ids('SELECT incident_id AS id FROM reports WHERE country_code = ? AND date_iso BETWEEN ? AND ? LIMIT 500', c, block.lo, block.hi);
        for (const coarse of [block.month, block.year]) if (coarse) ids('SELECT incident_id AS id FROM reports WHERE country_code = ? AND date_iso = ? LIMIT 200', c, coarse);
      }
      // A report that names no place: candidates of any country on its days (merge.ts still needs a
      // same-day match); a report that does: stored reports that name no place, on its days.
      if (countries.length) ids('SELECT incident_id AS id FROM reports WHERE country_code IS NULL AND date_iso BETWEEN ? AND ? LIMIT 500', block.lo, block.hi);
      else ids('SELECT incident_id AS id FROM reports WHERE date_iso BETWEEN ? AND ? LIMIT 500', block.lo, block.hi);
    }
    const DAY = 86_400_000;
    const fmt = (t: number): string => new Date(t).toISOString().slice(0, 10);
    const pub = published ? Date.parse(`${published.slice(0, 10)}T00:00:00Z`) : NaN;
    const d = r.date.value;
    // Stored reports with no date, in the report's countries, from documents published within
    // RECENT_DAYS after its date (or around its own publication when it is undated too): arrival
    // order must not decide whether an undated report can be joined.
    let undated: [string, string] | null = null;
    if (d.precision === 'day' && d.year !== null && d.month !== null && d.day !== null) {
      const t = Date.UTC(d.year, d.month - 1, d.day);
      undated = [fmt(t), fmt(t + RECENT_DAYS * DAY)];
    } else if (d.precision === 'unknown' && !Number.isNaN(pub)) undated = [fmt(pub - RECENT_DAYS * DAY), fmt(pub + RECENT_DAYS * DAY)];
    if (undated) {
      for (const c of countries) ids('SELECT r.incident_id AS id FROM documents d JOIN reports r ON r.doc_id = d.id WHERE d.published BETWEEN ? AND ? AND r.date_iso IS NULL AND r.country_code = ? LIMIT 200', undated[0], undated[1], c);
    }
    // An undated report: candidates in its countries dated in the days before its publication.
    if (!block && !Number.isNaN(pub)) {
      const lo = fmt(pub - RECENT_DAYS * DAY);
      const hi = fmt(pub);
      for (const c of countries) {
        ids('SELECT incident_id AS id FROM reports WHERE country_code = ? AND date_iso BETWEEN ? AND ? LIMIT 500', c, lo, hi);
        ids('SELECT incident_id AS id FROM reports WHERE country_code = ? AND date_iso = ? LIMIT 200', c, hi.slice(0, 7));
      }
    }
    return cand;
  }

  /**
   * The weak matches (MergeDecision.weak) that stand, because nothing else could be meant:
   * - 'undated' and 'region': the one candidate that matches best, by a clear margin ("the siege" in
   *   Paris is the Hyper Cacher siege, of its kind, not the Charlie Hebdo shooting two days before);
   * - 'no-place' and 'late': a distinctive proper name in both reports' words, and in no other candidate's.
   * At most one of each; the first is the better match.
   */
  private resolveWeak(me: ClusterRow, weak: WeakMatch[], words: string): { id: number; reason: string; score: number }[] {
    const out: { id: number; reason: string; score: number }[] = [];
    // Ranked by the best match among a candidate's reports, then by the match with its primary report
    // (what it mainly is): a stray report of another kind inside a cluster (a hostage-taking mentioned
    // in a report of the Charlie Hebdo shooting) must not make it the Hyper Cacher siege's equal.
    const byName = (w: WeakMatch): boolean => w.why === 'no-place' || w.why === 'late';
    const undated = weak.filter((w) => !byName(w)).map((w) => {
      const main = primaryReport(w.rows.map((x) => x.report));
      const row = w.rows.find((x) => x.report === main)!;
      const dec = sameIncident(me.report, main, contextOf(me, row));
      return { ...w, main: dec.same ? dec.score : 0 };
    }).sort((a, b) => b.score - a.score || b.main - a.main);
    const [first, second] = undated;
    if (first && (!second || first.score > second.score || first.main > second.main)) out.push({ ...first, reason: `${first.reason}; the one such incident there in those days` });
    const noPlace = weak.filter(byName);
    if (!noPlace.length) return out;
    const mine = properWords(words, true);
    const bodies = new Map(noPlace.map((w) => [w.id, properWords((this.stmt('SELECT body FROM incident_text WHERE incident_id = ?').all(w.id) as { body: string }[]).map((x) => x.body).join('\n'), true)]));
    const ok = noPlace.flatMap((w) => {
      const shared = [...mine].filter((x) => bodies.get(w.id)!.has(x) && ![...bodies].some(([id, b]) => id !== w.id && b.has(x)));
      return shared.length ? [{ ...w, reason: `${w.reason}; both name ${shared.join(', ')}` }] : [];
    });
    if (ok.length === 1) out.push(ok[0]!);
    return out.sort((a, b) => b.score - a.score);
  }

  /** Upsert the document's entities and their mentions; returns mention key → entity id. */
  private saveEntities(doc: Doc, ann: Annotations): Map<string, number> {
    const short = shortFormsInDocument(ann.mentions);
    const byKey = new Map<string, number>();
    const changed = new Set<number>();
    const insMention = this.stmt('INSERT OR IGNORE INTO entity_mentions (entity_id, doc_id, start, end, text) VALUES (?, ?, ?, ?, ?)');
    for (const m of ann.mentions) {
      const key = short.get(m.key);
      const e = entityOf(key ? { ...m, key } : m);
      if (!e) continue;
      const ent = this.entity(e.key, e.type, e.name, e.geonameid);
      byKey.set(m.key, ent.id);
      insMention.run(ent.id, doc.id, m.start, m.end, m.text);
      const alias = m.text.replace(/^the\s+/i, '');
      if (!ent.aliases.has(alias) && ent.aliases.size < MAX_ALIASES) {
        ent.aliases.add(alias);
        changed.add(ent.id);
      }
    }
    for (const id of changed) {
      const ent = this.entityById.get(id)!;
      this.stmt('UPDATE entities SET aliases = ? WHERE id = ?').run(JSON.stringify([...ent.aliases]), id);
    }
    return byKey;
  }

  // Entities seen by this process, so each mention costs one insert, not three queries.
  private readonly entityByKey = new Map<string, { id: number; aliases: Set<string> }>();
  private readonly entityById = new Map<number, { id: number; aliases: Set<string> }>();

  private entity(key: string, type: string, name: string, geonameid: number | null): { id: number; aliases: Set<string> } {
    let ent = this.entityByKey.get(key);
    if (ent) return ent;
    this.stmt('INSERT OR IGNORE INTO entities (key, type, name, geonameid, aliases) VALUES (?, ?, ?, ?, ?)').run(key, type, name, geonameid, '[]');
    const row = this.stmt('SELECT id, aliases FROM entities WHERE key = ?').get(key) as { id: number; aliases: string };
    ent = { id: row.id, aliases: new Set(JSON.parse(row.aliases) as string[]) };
    if (this.entityByKey.size > ENTITY_CACHE_MAX) {
      this.entityByKey.clear();
      this.entityById.clear();
    }
    this.entityByKey.set(key, ent);
    this.entityById.set(ent.id, ent);
    return ent;
  }

  listEntities(filter: { type?: string } = {}): StoredEntity[] {
    const rows = this
      .stmt(
        `SELECT e.id, e.key, e.type, e.name, e.geonameid, e.aliases, count(m.entity_id) AS mentions, count(DISTINCT m.doc_id) AS documents
         FROM entities e LEFT JOIN entity_mentions m ON m.entity_id = e.id ${filter.type ? 'WHERE e.type = ?' : ''}
         GROUP BY e.id ORDER BY mentions DESC, e.name`,
      )
      .all(...(filter.type ? [filter.type] : [])) as (Omit<StoredEntity, 'aliases'> & { aliases: string })[];
    return rows.map((r) => ({ ...r, aliases: JSON.parse(r.aliases) as string[] }));
  }

  getEntity(id: number): (StoredEntity & { mentionList: { docId: string; start: number; end: number; text: string }[] }) | null {
    const e = this.listEntities().find((x) => x.id === id);
    if (!e) return null;
    const mentionList = (this.stmt('SELECT doc_id, start, end, text FROM entity_mentions WHERE entity_id = ? ORDER BY doc_id, start').all(id) as { doc_id: string; start: number; end: number; text: string }[]).map(
      (r) => ({ docId: r.doc_id, start: r.start, end: r.end, text: r.text }),
    );
    return { ...e, mentionList };
  }

  relationsOf(entityId: number): { docId: string; subject: number | null; subjectText: string; predicate: string; object: number | null; objectText: string; data: unknown }[] {
    return (this.stmt('SELECT * FROM relations WHERE subject = ? OR object = ?').all(entityId, entityId) as {
      doc_id: string; subject: number | null; subject_text: string; predicate: string; object: number | null; object_text: string; data: string;
    }[]).map((r) => ({ docId: r.doc_id, subject: r.subject, subjectText: r.subject_text, predicate: r.predicate, object: r.object, objectText: r.object_text, data: JSON.parse(r.data) as unknown }));
  }

  linkedIncidentIds(): number[] {
    return (this.stmt('SELECT a AS id FROM incident_links UNION SELECT b FROM incident_links ORDER BY 1').all() as { id: number }[]).map((r) => r.id);
  }

  linksOf(incidentId: number): { other: number; kind: string; claimId: string | null; docId: string }[] {
    return (this.stmt('SELECT b, kind, claim_id, doc_id FROM incident_links WHERE a = ? ORDER BY b').all(incidentId) as { b: number; kind: string; claim_id: string | null; doc_id: string }[]).map(
      (r) => ({ other: r.b, kind: r.kind, claimId: r.claim_id, docId: r.doc_id }),
    );
  }

  locationsOf(docId: string): { source: string; title: string | null; published: string | null; distance: number; overlap: number | null }[] {
    return this.stmt('SELECT source, title, published, distance, overlap FROM document_locations WHERE doc_id = ? ORDER BY added_at').all(docId) as {
      source: string; title: string | null; published: string | null; distance: number; overlap: number | null;
    }[];
  }

  private placementsFor(keys: string[]): Placement[] {
    const out: Placement[] = [];
    for (const k of keys) for (const r of this.stmt('SELECT data FROM facility_places WHERE key = ?').all(k) as { data: string }[]) out.push(JSON.parse(r.data) as Placement);
    return out;
  }

  private titleOf(id: string): string {
    const r = this.stmt('SELECT title, source FROM documents WHERE id = ?').get(id) as { title: string | null; source: string } | undefined;
    return r ? `"${r.title ?? r.source}"` : `document ${id.slice(0, 12)}`;
  }

  listClaims(filter: { source?: string; kind?: string } = {}): Claim[] {
    const where: string[] = [];
    const args: string[] = [];
    if (filter.source) {
      where.push('source LIKE ?');
      args.push(`%${filter.source.toLowerCase().replace(/[%_]/g, '')}%`);
    }
    if (filter.kind) {
      where.push('kind = ?');
      args.push(filter.kind);
    }
    const rows = this.stmt(`SELECT data FROM claims ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY doc_id, id`).all(...args) as { data: string }[];
    return rows.map((r) => JSON.parse(r.data) as Claim);
  }

  listQuotes(filter: { speaker?: string } = {}): Quote[] {
    const rows = (filter.speaker
      ? this.stmt('SELECT data FROM quotes WHERE speaker LIKE ? ORDER BY doc_id, id').all(`%${filter.speaker.toLowerCase().replace(/[%_]/g, '')}%`)
      : this.stmt('SELECT data FROM quotes ORDER BY doc_id, id').all()) as { data: string }[];
    return rows.map((r) => JSON.parse(r.data) as Quote);
  }

  claimsOf(docId: string): Claim[] {
    return (this.stmt('SELECT data FROM claims WHERE doc_id = ? ORDER BY id').all(docId) as { data: string }[]).map((r) => JSON.parse(r.data) as Claim);
  }

  claimsAbout(docId: string, reportIndex: number): Claim[] {
    return (this.stmt("SELECT c.data FROM claims c WHERE c.doc_id = ? AND EXISTS (SELECT 1 FROM json_each(c.data, '$.incidents') j WHERE j.value = ?) ORDER BY c.id")
      .all(docId, reportIndex) as { data: string }[]).map((r) => JSON.parse(r.data) as Claim);
  }

  /**
   * A document's metadata from the covering index (migration 8); the text and ingestedAt are read
   * when first used. Listing incidents needs only publication dates: reading every document (and the
   * overflow pages its text fills) was most of the time of `incidents` on a large store.
   */
  getDocument(id: string): StoredDocument | null {
    const r = this.stmt(`SELECT id, source, title, subtitle, author, publisher, published, language, format, url FROM documents ${BY_ORIGIN} WHERE id = ?`).get(id) as Record<string, string | null> | undefined;
    if (!r) return null;
    const rest = (): { text: string; ingested_at: string } => this.stmt('SELECT text, ingested_at FROM documents WHERE id = ?').get(id) as { text: string; ingested_at: string };
    return lazily(
      {
        id: String(r.id),
        meta: {
          title: r.title ?? null, subtitle: r.subtitle ?? null, author: r.author ?? null, publisher: r.publisher ?? null, published: r.published ?? null,
          language: r.language ?? null, format: r.format as 'html' | 'text' | 'markdown', source: String(r.source), url: r.url ?? null,
        },
      },
      { text: () => rest().text, ingestedAt: () => rest().ingested_at },
    ) as StoredDocument;
  }

  /** A document's annotation layers, each parsed when first used (`show` reads only the sentences). */
  getAnnotations(id: string): Annotations | null {
    const rows = this.stmt('SELECT layer, data FROM annotations WHERE doc_id = ?').all(id) as { layer: string; data: string }[];
    if (!rows.length) return null;
    const raw = new Map(rows.map((r) => [r.layer, r.data]));
    const layer = (name: string) => (): unknown => {
      const data = raw.get(name);
      return data === undefined ? [] : JSON.parse(data);
    };
    return lazily({}, Object.fromEntries(LAYERS.map((l) => [l, layer(l)]))) as unknown as Annotations;
  }

  listIncidents(filter: IncidentFilter = {}): StoredIncident[] {
    return [...this.eachIncident(filter)];
  }

  /**
   * The incidents a filter keeps, in id order, one at a time: one statement reads every matching
   * report with its source, so memory stays flat however many match (export streams from here).
   */
  *eachIncident(filter: IncidentFilter = {}): IterableIterator<StoredIncident> {
    const { where, args } = filterSql(filter);
    const sql = `SELECT r.incident_id AS id, r.data, coalesce(d.derived_from, d.id) AS origin FROM reports r JOIN documents d ${BY_ORIGIN} ON d.id = r.doc_id
      ${where.length ? `WHERE r.incident_id IN (SELECT r.incident_id FROM reports r WHERE ${where.join(' AND ')})` : ''} ORDER BY r.incident_id, r.doc_id, r.idx`;
    // The cached statement, unless a caller is still iterating it (an export inside a listing).
    const cached = this.stmt(sql);
    const st = cached.busy ? this.db.prepare(sql) : cached;
    let cur: { id: number; reports: IncidentReport[]; origins: Set<string> } | null = null;
    for (const row of st.iterate(...args) as IterableIterator<{ id: number; data: string; origin: string }>) {
      if (cur && cur.id !== row.id) {
        yield { id: cur.id, reports: cur.reports, sources: cur.origins.size };
        cur = null;
      }
      cur ??= { id: row.id, reports: [], origins: new Set() };
      cur.reports.push(JSON.parse(row.data) as IncidentReport);
      cur.origins.add(row.origin);
    }
    if (cur) yield { id: cur.id, reports: cur.reports, sources: cur.origins.size };
  }

  getIncident(id: number): StoredIncident | null {
    const rows = this.stmt(
      `SELECT r.data, coalesce(d.derived_from, d.id) AS origin FROM reports r JOIN documents d ${BY_ORIGIN} ON d.id = r.doc_id WHERE r.incident_id = ? ORDER BY r.doc_id, r.idx`,
    ).all(id) as { data: string; origin: string }[];
    if (!rows.length) return null;
    return { id, reports: rows.map((r) => JSON.parse(r.data) as IncidentReport), sources: new Set(rows.map((r) => r.origin)).size };
  }

  originalOf(docId: string): string | null {
    return (this.stmt('SELECT derived_from FROM documents WHERE id = ?').get(docId) as { derived_from: string | null } | undefined)?.derived_from ?? null;
  }

  incidentIdsOfDocument(docId: string): number[] {
    return (this.stmt('SELECT DISTINCT incident_id AS id FROM reports WHERE doc_id = ? ORDER BY incident_id').all(docId) as { id: number }[]).map((r) => r.id);
  }

  counts(): { documents: number; incidents: number; reports: number } {
    const one = (sql: string): number => (this.stmt(sql).get() as { n: number }).n;
    return {
      documents: one('SELECT count(*) AS n FROM documents'),
      incidents: one('SELECT count(DISTINCT incident_id) AS n FROM reports'),
      reports: one('SELECT count(*) AS n FROM reports'),
    };
  }

  close(): void {
    this.db.close();
  }
}

const LATEST = MIGRATIONS[MIGRATIONS.length - 1]!.version;

/** The newest migration a store has; a SQLite file without Dossier's schema is no store of ours. */
function schemaVersion(db: Database.Database): number {
  const has = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get();
  if (!has) throw new DossierError('E_STORE_CORRUPT', 'this SQLite file is not a Dossier store (it has no schema_migrations table)', db.name);
  return (db.prepare('SELECT max(version) AS v FROM schema_migrations').get() as { v: number | null }).v ?? 0;
}

/** The body of a document (no title, byline or caption): what reposts share. */
function bodyText(doc: Pick<Doc, 'text' | 'regions'>): string {
  const parts = doc.regions.filter((r) => BODY_REGION_KINDS.includes(r.kind)).map((r) => doc.text.slice(r.start, r.end));
  return parts.length ? parts.join('\n') : doc.text;
}

/**
 * A report's source from the covering index (migration 8), not the document row: SQLite would pick the
 * primary key's index and read the row past its text (every overflow page of it) for derived_from.
 */
const BY_ORIGIN = 'INDEXED BY documents_origin';

/** A place's country code as stored: upper-case, so `--country` compares the indexed column itself. */
function codeOf(place: { countryCode?: string | null } | undefined): string | null {
  return place?.countryCode ? place.countryCode.toUpperCase() : null;
}

/** SQL conditions on a report row `r` for a filter (see IncidentFilter). */
function filterSql(filter: IncidentFilter): { where: string[]; args: (string | number)[] } {
  const where: string[] = [];
  const args: (string | number)[] = [];
  // A date and a bound are both intervals: "2024-06" is 1–30 June, an incident dated "2024" is the
  // whole year. An incident matches when its interval meets [from, to], so `--to 2024-06` keeps an
  // incident of 15 June and `--from 2024-03` keeps one dated only "2024".
  if (filter.from) {
    where.push(`(r.date_iso IS NOT NULL AND ${INTERVAL_END} >= ?)`);
    args.push(boundStart(filter.from));
  }
  if (filter.to) {
    where.push(`(r.date_iso IS NOT NULL AND ${INTERVAL_START} <= ?)`);
    args.push(boundEnd(filter.to));
  }
  if (filter.country) {
    // Codes are stored upper-case (migration 8); both terms are indexed, so SQLite unions two index scans.
    where.push('(r.country_code = ? OR lower(r.country_name) = ?)');
    args.push(filter.country.toUpperCase(), filter.country.toLowerCase());
  }
  if (filter.type) {
    where.push("('|' || r.type_names || '|') LIKE ?");
    args.push(`%${filter.type.toLowerCase().replace(/[%_]/g, '')}%`);
  }
  if (filter.text) {
    where.push('r.incident_id IN (SELECT incident_id FROM incident_text WHERE incident_text MATCH ?)');
    args.push(ftsQuery(filter.text));
  }
  return { where, args };
}

/**
 * `base` with read-only-looking properties computed on first use and then kept (enumerable, so
 * spreading and JSON see them; assignable, so a caller may still replace one).
 */
function lazily<T extends object>(base: T, getters: Record<string, () => unknown>): T {
  for (const [key, get] of Object.entries(getters)) {
    let value: unknown;
    let known = false;
    Object.defineProperty(base, key, {
      enumerable: true,
      configurable: true,
      get: () => {
        if (!known) {
          value = get();
          known = true;
        }
        return value;
      },
      set: (v: unknown) => {
        value = v;
        known = true;
      },
    });
  }
  return base;
}

/** First and last day of a stored date at its precision, as SQL over `r.date_iso` ("2024" → 2024-01-01 … 2024-12-31). */
const INTERVAL_START = "(r.date_iso || substr('-01-01', 1, 10 - length(r.date_iso)))";
// Day 31 of every month: ISO strings compare as text, so "-31" is after the last day of any month.
const INTERVAL_END = "(r.date_iso || substr('-12-31', length(r.date_iso) - 3, 10 - length(r.date_iso)))";

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

function isoOf(r: IncidentReport): string | null {
  return isoOfDate(r.date.value);
}

function searchText(doc: Doc, r: IncidentReport): string {
  // The incident's own words only: the document title would match every incident of the document.
  const parts = [r.label, doc.text.slice(r.anchor.start, r.anchor.end)];
  for (const l of r.locations) parts.push(l.value.place.name, l.value.place.admin1Name ?? '', l.value.place.countryName);
  for (const p of r.perpetrators) parts.push(p.value.name);
  for (const t of r.targets) parts.push(t.value.name);
  return parts.join(' \n ');
}

/** Words to an FTS5 query that matches all of them, with no FTS syntax leaking through. */
function ftsQuery(words: string): string {
  const toks = words.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  return toks.map((t) => `"${t}"`).join(' AND ') || '""';
}
