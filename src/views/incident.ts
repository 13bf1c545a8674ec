import type { Attested, Claim, IncidentReport } from '../model/index.js';
import { isoOfDate } from '../model/index.js';
import { findConflicts, headlineCount, primaryReport, publishedOf, type Conflict, type CountField, type HeadlinePolicy } from '../resolve/index.js';
import { applyReview, emptyReview, headlineValues, reviewedReport, standingReports, type EffectiveReview, type ReviewField } from '../review/index.js';
import type { Store, StoredDocument, StoredDocumentMeta, StoredIncident } from '../store/index.js';
import { gatherItems, jsonlRecord } from '../export/index.js';

/**
 * What the CLI's JSON output and the HTTP API say about incidents, built once here so both say the
 * same thing: a row of a listing, the full record of one incident, and where its reports disagree.
 */

/** One row of an incident listing: the numbers that matter, no evidence; reviewed values in place of extracted ones. */
export interface IncidentSummary {
  incident_id: number;
  label: string;
  date: string | null;
  date_precision: string;
  type: { kind: string; acled_event: string; acled_sub_event: string; plover_event: string; gtd_attack_type: string | null };
  place: { name: string; admin1: string | null; country: string | null; country_code: string | null; lat: number | null; lon: number | null; relation: string } | null;
  killed: number | null;
  injured: number | null;
  arrested: number | null;
  sources: number;
  reports: number;
  /** Fields where the (standing) reports give different values (compatible or not). */
  conflicts: number;
  /** Of those, fields where no single value satisfies every report. */
  contradictions: number;
  /** A reviewer's record stands for this incident. */
  reviewed: boolean;
  /** A reviewer said it is not an incident. */
  rejected: boolean;
  /** Fields whose value a reviewer accepted, corrected or rejected. */
  reviewed_fields: ReviewField[];
}

/** The listing rows of a page of incidents (one metadata query and one review query for the page). */
export async function incidentSummaries(store: Store, incidents: readonly StoredIncident[], policy: HeadlinePolicy): Promise<IncidentSummary[]> {
  const metas = await store.getDocumentMetas(incidents.flatMap((i) => i.reports.map((r) => r.docId)));
  const reviews = await store.reviewsOf(incidents.map((i) => i.id));
  return incidents.map((inc) => incidentSummary(inc, policy, metas, reviews.get(inc.id) ?? emptyReview()));
}

const countOf = (v: string | number | null): number | null => (v === null ? null : Number(v));

export function incidentSummary(inc: StoredIncident, policy: HeadlinePolicy, metas: Map<string, StoredDocumentMeta>, review: EffectiveReview = emptyReview()): IncidentSummary {
  const pub = publishedOf(metas);
  // Reports a reviewer rejected no longer count; the primary report carries the reviewed date, type and place.
  const reports = standingReports(inc.reports, review);
  const shown = applyReview(headlineValues(reports, policy, pub), review);
  const r = reviewedReport(primaryReport(reports), review);
  const t = r.type.value;
  const p = r.locations[0]?.value;
  const conflicts = findConflicts(reports, () => null);
  return {
    incident_id: inc.id,
    label: r.label,
    date: isoOfDate(r.date.value),
    date_precision: r.date.value.precision,
    type: { kind: t.kind, acled_event: t.acledEvent, acled_sub_event: t.acledSubEvent, plover_event: t.ploverEvent, gtd_attack_type: t.gtdAttackType },
    place: p
      ? { name: p.place.name, admin1: p.place.admin1Name, country: p.place.countryName || null, country_code: p.place.countryCode || null, lat: p.place.lat, lon: p.place.lon, relation: p.relation }
      : null,
    killed: countOf(shown.killed.value),
    injured: countOf(shown.injured.value),
    arrested: countOf(shown.arrested.value),
    sources: inc.sources,
    reports: inc.reports.length,
    conflicts: conflicts.length,
    contradictions: conflicts.filter((c) => c.verdict === 'contradictory').length,
    reviewed: review.reviewed,
    rejected: review.rejected,
    reviewed_fields: Object.keys(review.fields) as ReviewField[],
  };
}

/** Where an incident's reports disagree, each value with the words it came from. */
export function conflictsOf(inc: StoredIncident, docs: Map<string, { text: string }>): Conflict[] {
  const words = (r: IncidentReport, a: Attested<unknown>): string | null => {
    const e = a.evidence[0];
    return e ? (docs.get(r.docId)?.text ?? '').slice(e.start, e.end) : null;
  };
  return findConflicts(inc.reports, words);
}

/** Incidents told by two documents or more, with where they disagree (`dossier conflicts`, /api/conflicts). */
export async function incidentConflicts(store: Store, inc: StoredIncident): Promise<{ incident: number; label: string; conflicts: Conflict[] } | null> {
  if (new Set(inc.reports.map((r) => r.docId)).size < 2) return null;
  const docs = await store.getDocuments(inc.reports.map((r) => r.docId));
  const cs = conflictsOf(inc, docs);
  return cs.length ? { incident: inc.id, label: primaryReport(inc.reports).label, conflicts: cs } : null;
}

/** A source document's metadata, as an incident's record lists it. */
export interface SourceView {
  id: string;
  source: string;
  title: string | null;
  subtitle: string | null;
  author: string | null;
  publisher: string | null;
  published: string | null;
  language: string | null;
  format: string;
  url: string | null;
  /** The stored document this one updates (not an independent source), if any. */
  update_of: string | null;
  /** Other places the same text was found (reposts). */
  also_at: { source: string; title: string | null; published: string | null }[];
}

async function sourcesOf(store: Store, docs: Map<string, StoredDocument>): Promise<SourceView[]> {
  const out: SourceView[] = [];
  for (const d of docs.values()) {
    const also = await store.locationsOf(d.id);
    out.push({
      id: d.id, ...d.meta, update_of: await store.originalOf(d.id),
      also_at: also.map((l) => ({ source: l.source, title: l.title, published: l.published })),
    });
  }
  return out;
}

/**
 * The full record of one incident: the JSON-lines export's record (every report, every value with
 * its evidence spans and quoted words, its reason), plus its sources, conflicts, claims grouped by
 * kind, links, the headline values as reviewed, and the review with its trail.
 */
export async function incidentDetail(store: Store, inc: StoredIncident, policy: HeadlinePolicy): Promise<Record<string, unknown>> {
  const item = (await gatherItems(store, [inc], policy))[0]!;
  const review = await store.reviewOf(inc.id);
  const record = jsonlRecord(item);
  // The record counts the standing reports only; the page shows every report, the rejected ones marked, so a reviewer can undo.
  const allReports = (jsonlRecord({ ...item, incident: inc }).reports as Record<string, unknown>[])
    .map((r) => ({ ...r, rejected: review.rejectedReports.includes(r.id as string) }));
  const claims = record.claims as (Claim & { quote: string })[];
  const byKind: Record<string, unknown[]> = {};
  for (const c of claims) (byKind[c.kind.value] ??= []).push(c);
  const links = [];
  for (const l of await store.linksOf(inc.id)) {
    const other = await store.getIncident(l.other);
    links.push({ other: l.other, kind: l.kind, claim_id: l.claimId, doc_id: l.docId, label: other ? primaryReport(other.reports).label : null });
  }
  return {
    ...record,
    reports: allReports,
    date_iso: isoOfDate(item.primary.date.value),
    primary_report: item.primary.id,
    documents: await sourcesOf(store, item.docs),
    conflicts: conflictsOf(item.incident, item.docs),
    claims_by_kind: byKind,
    links,
    // Each headline field as shown (the reviewed value where a review stands), with the automatic one beside it.
    values: applyReview(headlineValues(standingReports(inc.reports, review), policy, publishedOf(item.docs)), review),
    review: { effective: review, history: await store.historyOf(inc.id) },
  };
}
