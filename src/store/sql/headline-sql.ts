import { sql, type Compilable, type Kysely, type RawBuilder } from 'kysely';
import { isoOfDate, type IncidentReport } from '../../model/index.js';
import { primaryReport } from '../../resolve/index.js';
import { applyReview, headlineValues, reviewedReport, standingReports } from '../../review/effective.js';
import type { EffectiveReview } from '../../review/types.js';
import type { IncidentPoint, IncidentStats, StatsBucket, StoredDocumentMeta } from '../types.js';
import { incidentSummary } from '../../views/summary.js';
import type { DB } from './schema.js';

/**
 * An incident's headline as a row of its own (migration 12): the date, country, type and place of its
 * primary report with the review applied, and its killed and injured figures under the conservative
 * policy (the lowest credible figure; a reviewer's correction replaces it). These are exactly what the
 * API's incident summary shows (src/views/incident.ts incidentSummary, policy `conservative`), kept
 * whenever the incident's reports or review change, so the charts (/api/stats) and the map
 * (/api/points) are SQL aggregates and reads of one table, not a walk over every incident's reports.
 *
 * Only the conservative policy is stored: `latest` depends on publication dates of every report,
 * and charts use the default. An incident whose row predates migration 12 has h_stale = 1 until it
 * is computed (see SqlStore.freshHeadlines).
 */
export interface HeadlineRow {
  h_date: string | null;
  h_country_code: string | null;
  h_country: string | null;
  /** Null only for an incident left with no reports (none is listed; aggregates leave it out too). */
  h_kind: string | null;
  h_killed: number | null;
  h_injured: number | null;
  h_lat: number | null;
  h_lon: number | null;
}

const countOf = (v: string | number | null): number | null => (v === null ? null : Number(v));

/** The headline of an incident's reports under its review (conservative policy). */
export function headlineRow(all: readonly IncidentReport[], review: EffectiveReview): HeadlineRow {
  if (!all.length) return { h_date: null, h_country_code: null, h_country: null, h_kind: null, h_killed: null, h_injured: null, h_lat: null, h_lon: null };
  const reports = standingReports(all, review);
  // The conservative policy reads no publication dates.
  const shown = applyReview(headlineValues(reports, 'conservative', () => null), review);
  const r = reviewedReport(primaryReport(reports), review);
  const place = r.locations[0]?.value.place;
  return {
    h_date: isoOfDate(r.date.value),
    h_country_code: place?.countryCode || null,
    h_country: place?.countryName || null,
    h_kind: r.type.value.kind,
    h_killed: countOf(shown.killed.value),
    h_injured: countOf(shown.injured.value),
    h_lat: place?.lat ?? null,
    h_lon: place?.lon ?? null,
  };
}

/** The stored headline and list summary of an incident (migrations 12 and 13): what writeHeadline writes. */
export type StoredHeadline = HeadlineRow & { summary: string | null };

/** No document metadata: the conservative policy reads no publication dates (see headlineRow). */
const NO_METAS: Map<string, StoredDocumentMeta> = new Map();

/**
 * An incident's headline and its list summary (the JSON the API lists under the conservative policy)
 * from its reports, in the store's report order (doc_id, idx), and its review. The summary's source
 * count is its documents' origins (a near copy that revises another counts as that one), as
 * incidentsById counts them.
 */
export async function storedHeadline(db: Kysely<DB>, id: number, all: readonly IncidentReport[], review: EffectiveReview, sources: SourceCounter = (i) => countSources(db, i)): Promise<StoredHeadline> {
  const row = headlineRow(all, review);
  if (!all.length) return { ...row, summary: null };
  const n = await sources(id);
  return { ...row, summary: JSON.stringify(incidentSummary({ id, reports: [...all], sources: n }, 'conservative', NO_METAS, review)) };
}

/** How many sources an incident's stored reports have (see storedHeadline): a read a save may run its own way (SqlPort runs it as a shaped statement). */
export type SourceCounter = (id: number) => Promise<number>;

/** The statement that counts an incident's sources: its documents' origins (a near copy that revises another counts as that one). */
export function sourcesQuery(db: Kysely<DB>, id: number): Compilable<{ n: number }> {
  const q = sql<{ n: number }>`SELECT count(DISTINCT coalesce(d.derived_from, r.doc_id)) AS n FROM reports r LEFT JOIN documents d ON d.id = r.doc_id WHERE r.incident_id = ${id}`;
  return { compile: () => q.compile(db) };
}

async function countSources(db: Kysely<DB>, id: number): Promise<number> {
  const { rows } = await db.executeQuery(sourcesQuery(db, id).compile());
  return Number(rows[0]?.n ?? 0);
}

export async function writeHeadline(db: Kysely<DB>, id: number, row: StoredHeadline): Promise<void> {
  await db.updateTable('incidents').set({ ...row, h_stale: 0 }).where('id', '=', id).execute();
}

/** A tally being made, by key. */
type Tally = Map<string, { incidents: number; killed: number; name?: string | null }>;

function add(m: Tally, key: string, n: number, killed: number, name?: string | null): void {
  const t = m.get(key);
  if (t) {
    t.incidents += n;
    t.killed += killed;
  } else m.set(key, { incidents: n, killed, ...(name !== undefined ? { name } : {}) });
}

/** Keys in code-unit order (as JavaScript compares strings: the databases' collations differ). */
const byKey = (m: Tally): StatsBucket[] => [...m].map(([key, t]) => ({ key, ...t })).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
const byCount = (m: Tally): StatsBucket[] => byKey(m).sort((a, b) => b.incidents - a.incidents);

/** Folds grouped rows (or single incidents, n = 1) into the stats answer. */
export class StatsTally {
  private readonly day: Tally = new Map();
  private readonly month: Tally = new Map();
  private readonly country: Tally = new Map();
  private readonly type: Tally = new Map();
  private total = { incidents: 0, killed: 0, injured: 0 };

  /** Rows grouped by date: the day and month buckets, and the totals. */
  addDate(date: string | null, n: number, killed: number, injured: number): void {
    this.total.incidents += n;
    this.total.killed += killed;
    this.total.injured += injured;
    add(this.day, date && date.length === 10 ? date : 'unknown', n, killed);
    add(this.month, date && date.length >= 7 ? date.slice(0, 7) : 'unknown', n, killed);
  }

  addCountry(code: string | null, name: string | null, n: number, killed: number): void {
    add(this.country, code ?? 'unknown', n, killed, name);
  }

  addType(kind: string, n: number, killed: number): void {
    add(this.type, kind, n, killed);
  }

  addIncident(h: HeadlineRow): void {
    if (h.h_kind === null) return;
    const k = h.h_killed ?? 0;
    this.addDate(h.h_date, 1, k, h.h_injured ?? 0);
    this.addCountry(h.h_country_code, h.h_country, 1, k);
    this.addType(h.h_kind, 1, k);
  }

  result(): IncidentStats {
    return {
      ...this.total, byDay: byKey(this.day), byMonth: byKey(this.month),
      byCountry: byCount(this.country) as IncidentStats['byCountry'], byType: byCount(this.type),
    };
  }
}

/**
 * The stats of the incidents `where` keeps (a condition on incident row `i`), in one statement: the
 * kept incidents' headlines once (a materialized CTE), then grouped three ways, by date (days and
 * months are folded from it), country and type.
 */
export async function aggregateStats(db: Kysely<DB>, where: RawBuilder<boolean>): Promise<IncidentStats> {
  const t = new StatsTally();
  const { rows } = await sql<{ g: string; key: string | null; name: string | null; n: number; k: number | null; inj: number | null }>`
    WITH m AS MATERIALIZED (SELECT i.h_date, i.h_country_code, i.h_country, i.h_kind, i.h_killed, i.h_injured FROM incidents i WHERE ${where})
    SELECT 'd' AS g, h_date AS key, NULL AS name, count(*) AS n, sum(h_killed) AS k, sum(h_injured) AS inj FROM m GROUP BY h_date
    UNION ALL SELECT 'c', h_country_code, min(h_country), count(*), sum(h_killed), NULL FROM m GROUP BY h_country_code
    UNION ALL SELECT 't', h_kind, NULL, count(*), sum(h_killed), NULL FROM m GROUP BY h_kind`.execute(db);
  for (const r of rows) {
    const n = Number(r.n);
    const k = Number(r.k ?? 0);
    if (r.g === 'd') t.addDate(r.key, n, k, Number(r.inj ?? 0));
    // A code's name: min() of its incidents' names (codes and names go together in the gazetteer).
    else if (r.g === 'c') t.addCountry(r.key, r.name, n, k);
    else t.addType(r.key!, n, k);
  }
  return t.result();
}

/** Map points of the incidents `where` keeps, highest id first, at most `limit` (and whether more were left). */
export async function pointsWhere(db: Kysely<DB>, where: RawBuilder<boolean>, limit: number): Promise<{ points: IncidentPoint[]; truncated: boolean }> {
  const { rows } = await sql<{ id: number; lat: number | null; lon: number | null; d: string | null; k: number | null }>`
    SELECT i.id, i.h_lat AS lat, i.h_lon AS lon, i.h_date AS d, i.h_killed AS k FROM incidents i WHERE ${where} ORDER BY i.id DESC LIMIT ${limit + 1}`.execute(db);
  const num = (v: number | null): number | null => (v === null ? null : Number(v));
  return {
    points: rows.slice(0, limit).map((r) => [Number(r.id), num(r.lat), num(r.lon), r.d, num(r.k)]),
    truncated: rows.length > limit,
  };
}
