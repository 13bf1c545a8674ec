import type { Attested, Claim, IncidentReport } from '../model/index.js';
import { isoOfDate } from '../model/index.js';
import { findConflicts, headlineCount, primaryReport, publishedOf, type Conflict, type CountField, type HeadlinePolicy } from '../resolve/index.js';
import { applyReview, emptyReview, foldTrail, headlineValues, reviewedReport, standingReports, type EffectiveReview, type ReviewField } from '../review/index.js';
import type { Store, StoredDocument, StoredDocumentMeta, StoredIncident } from '../store/index.js';
import { gatherItems, jsonlRecord } from '../export/index.js';
import { incidentSummary, type IncidentSummary } from './summary.js';

export { incidentSummary, type IncidentSummary };

/**
 * What the CLI's JSON output and the HTTP API say about incidents, built once here so both say the
 * same thing: a row of a listing, the full record of one incident, and where its reports disagree.
 */

/** The listing rows of a page of incidents (one metadata query and one review query for the page). */
export async function incidentSummaries(store: Store, incidents: readonly StoredIncident[], policy: HeadlinePolicy): Promise<IncidentSummary[]> {
  const metas = await store.getDocumentMetas(incidents.flatMap((i) => i.reports.map((r) => r.docId)));
  const reviews = await store.reviewsOf(incidents.map((i) => i.id));
  return incidents.map((inc) => incidentSummary(inc, policy, metas, reviews.get(inc.id) ?? emptyReview()));
}

/**
 * The listing rows of a page as JSON texts, in the order of `ids`. Under the conservative policy these
 * are the summaries the store keeps (migration 13: the same JSON, written when an incident's reports or
 * review change), so a page reads one row per incident and parses no report; incidents without one yet
 * (stored before the migration), and every row under another policy, are computed as incidentSummaries does.
 */
export async function incidentSummaryTexts(store: Store, ids: readonly number[], policy: HeadlinePolicy): Promise<string[]> {
  const texts = policy === 'conservative' ? await store.storedSummaries(ids) : new Map<number, string>();
  const missing = ids.filter((id) => !texts.has(id));
  if (missing.length) for (const r of await incidentSummaries(store, await store.getIncidents(missing), policy)) texts.set(r.incident_id, JSON.stringify(r));
  return ids.flatMap((id) => texts.get(id) ?? []);
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
  const sources = await store.documentSources([...docs.keys()]);
  return [...docs.values()].map((d) => ({
    id: d.id, ...d.meta, update_of: sources.get(d.id)?.updateOf ?? null,
    also_at: (sources.get(d.id)?.alsoAt ?? []).map((l) => ({ source: l.source, title: l.title, published: l.published })),
  }));
}

/**
 * The full record of one incident: the JSON-lines export's record (every report, every value with
 * its evidence spans and quoted words, its reason), plus its sources, conflicts, claims grouped by
 * kind, links, the headline values as reviewed, and the review with its trail.
 */
export async function incidentDetail(store: Store, inc: StoredIncident, policy: HeadlinePolicy): Promise<Record<string, unknown>> {
  // The trail is read once, for the history, and folded into the review the item is made with: the
  // review's own read (reviewsOf) was two more statements a page, the same records (issue 12).
  const history = await store.historyOf(inc.id);
  const review = foldTrail(inc.id, history);
  const item = (await gatherItems(store, [inc], policy, new Map([[inc.id, review]])))[0]!;
  const record = jsonlRecord(item);
  // The record counts the standing reports only; the page shows every report, the rejected ones marked, so a reviewer can undo.
  const allReports = (jsonlRecord({ ...item, incident: inc }).reports as Record<string, unknown>[])
    .map((r) => ({ ...r, rejected: review.rejectedReports.includes(r.id as string) }));
  const claims = record.claims as (Claim & { quote: string })[];
  const byKind: Record<string, unknown[]> = {};
  for (const c of claims) (byKind[c.kind.value] ??= []).push(c);
  const linked = await store.linksOf(inc.id);
  const others = new Map((await store.getIncidents([...new Set(linked.map((l) => l.other))])).map((o) => [o.id, o]));
  const links = linked.map((l) => {
    const other = others.get(l.other);
    return { other: l.other, kind: l.kind, claim_id: l.claimId, doc_id: l.docId, label: other ? primaryReport(other.reports).label : null };
  });
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
    review: { effective: review, history },
  };
}
