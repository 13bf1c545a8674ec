import type { Attested, Claim, Count, IncidentReport } from '../model/index.js';
import { headlineCount, primaryReport, publishedOf, type HeadlinePolicy } from '../resolve/index.js';
import type { IncidentFilter, IncidentPage, Store, StoredDocument, StoredIncident } from '../store/index.js';
import { emptyReview, reviewedReport, standingReports, type EffectiveReview } from '../review/index.js';

/** Everything an exporter needs about one incident, gathered once. */
export interface ExportItem {
  incident: StoredIncident;
  primary: IncidentReport;
  docs: Map<string, StoredDocument>;
  policy: HeadlinePolicy;
  /** Claims about this incident, from every report's document. */
  claims: Claim[];
  /** The incident's review (issue 12): already applied to `primary` and to count(); absent: none. */
  review?: EffectiveReview;
}

export async function gatherItems(store: Store, incidents: StoredIncident[], policy: HeadlinePolicy, reviews?: ReadonlyMap<number, EffectiveReview>): Promise<ExportItem[]> {
  const out: ExportItem[] = [];
  for (let i = 0; i < incidents.length; i += PAGE_INCIDENTS) out.push(...(await pageItems(store, incidents.slice(i, i + PAGE_INCIDENTS), policy, reviews)));
  return out;
}

/**
 * The export items of the incidents a filter keeps, a page at a time: memory flat in their number.
 * Each page reads its documents and their claims in a few queries (one per 500 documents), not two
 * per report: on PostgreSQL a round trip per report was most of an export's time.
 */
export async function* eachItem(store: Store, filter: IncidentFilter, policy: HeadlinePolicy): AsyncGenerator<ExportItem> {
  let after: number | null = null;
  let size = FIRST_PAGE_INCIDENTS;
  do {
    const page: IncidentPage = await store.incidentPage(filter, after, size);
    yield* await pageItems(store, page.incidents, policy);
    after = page.next;
    size = Math.min(PAGE_INCIDENTS, size * 2);
  } while (after !== null);
}

/** Incidents per page: the documents of a page (texts included) are held while its items are written. */
const PAGE_INCIDENTS = 200;
/**
 * The first page is smaller, and each page after it twice the last, up to PAGE_INCIDENTS: a streamed
 * export's first record (what a client of `GET /api/export` waits for) waits for 20 incidents' reads,
 * not 200's. At 1M incidents, `--country CO`'s first record took 36 ms at p50 and 79–119 ms at p95
 * with pages of 200 throughout (bench:store). The same records in the same order.
 */
const FIRST_PAGE_INCIDENTS = 20;

/**
 * One page's export items: its documents, and the claims about each report (IncidentReport.index).
 * `known`: the incidents' reviews when the caller has read them already (the incident page reads the
 * trail for its history, and folds it).
 */
async function pageItems(store: Store, incidents: StoredIncident[], policy: HeadlinePolicy, known?: ReadonlyMap<number, EffectiveReview>): Promise<ExportItem[]> {
  const ids = incidents.flatMap((i) => i.reports.map((r) => r.docId));
  const docs = await store.getDocuments(ids);
  const claimsByDoc = await store.claimsOfDocuments(ids);
  const reviews = known && incidents.every((i) => known.has(i.id)) ? known : await store.reviewsOf(incidents.map((i) => i.id));
  return incidents.map((stored) => {
    const { incident, primary, review } = withReview(stored, reviews.get(stored.id) ?? emptyReview());
    const mine = new Map<string, StoredDocument>();
    const claims: Claim[] = [];
    for (const r of incident.reports) {
      const d = docs.get(r.docId);
      if (d) mine.set(r.docId, d);
      claims.push(...(claimsByDoc.get(r.docId) ?? []).filter((c) => c.incidents.includes(r.index)));
    }
    return { incident, primary, docs: mine, policy, claims, review };
  });
}

/**
 * An incident as its review has it (src/review/effective.ts): rejected reports no longer count, and
 * the primary report carries the corrected values, each marked with the stage `review`.
 */
export function withReview(stored: StoredIncident, review: EffectiveReview): { incident: StoredIncident; primary: IncidentReport; review: EffectiveReview } {
  const incident = { ...stored, reports: standingReports(stored.reports, review) };
  return { incident, primary: reviewedReport(primaryReport(incident.reports), review), review };
}

/** The review field a headline count answers to. */
const REVIEWED_COUNTS: Partial<Record<string, 'killed' | 'injured' | 'arrested'>> = { killedTotal: 'killed', injured: 'injured', arrested: 'arrested' };

/** A count as a reviewer set it (null: rejected), or undefined when no review decides it. */
export function reviewedCount(item: ExportItem, field: string): number | null | undefined {
  const f = REVIEWED_COUNTS[field];
  const rv = f ? item.review?.fields[f] : undefined;
  return rv ? (rv.value === null ? null : Number(rv.value)) : undefined;
}

/** The `reviewed` column: 1 when a reviewer's record stands for the incident, else 0. */
export function reviewedFlag(item: ExportItem): '1' | '0' {
  return item.review?.reviewed ? '1' : '0';
}

export function count(item: ExportItem, field: 'killedVictims' | 'killedPerpetrators' | 'killedTotal' | 'injured' | 'arrested'): number | null {
  const reviewed = reviewedCount(item, field);
  if (reviewed !== undefined) return reviewed;
  return headlineCount(item.incident.reports, field, item.policy, publishedOf(item.docs))?.value ?? null;
}

/** The words of an attested value's first evidence span. */
export function evidenceText(item: ExportItem, r: IncidentReport, a: Attested<unknown> | null): string | null {
  if (!a || !a.evidence.length) return null;
  const d = item.docs.get(r.docId);
  if (!d) return null;
  const e = a.evidence[0]!;
  return d.text.slice(e.start, e.end);
}

export function sentenceOf(item: ExportItem, r: IncidentReport): string {
  const d = item.docs.get(r.docId);
  return d ? d.text.slice(r.anchor.start, r.anchor.end) : '';
}

export function countText(c: Attested<Count> | null): string {
  return c ? c.value.text : '';
}

/** A one-line citation of a report's document: title, publisher or author, date, source. */
export function citation(item: ExportItem, r: IncidentReport): string {
  const d = item.docs.get(r.docId);
  if (!d) return '';
  const m = d.meta;
  return [m.title ? `"${m.title}"` : null, m.publisher ?? m.author, m.published, m.url ?? m.source].filter(Boolean).join(', ');
}

/**
 * GTD `claimed`: 1 when someone claimed responsibility and the claim is not
 * negated, 0 when the text says no one has, -9 when it says nothing.
 */
export function claimedOf(item: ExportItem): { claimed: '1' | '0' | '-9'; group: string | null; mode: string; unchallenged: boolean } {
  const resp = item.claims.filter((c) => c.kind.value === 'responsibility' && c.modality.value !== 'negated');
  const none = item.claims.some((c) => c.kind.value === 'no_claim' || (c.kind.value === 'responsibility' && c.modality.value === 'negated'));
  if (resp.length) {
    const c = resp[0]!;
    const group = c.targets.find((t) => t.value.role === 'claimed_by')?.value.name ?? c.source.value.name;
    // A claim the report doubts ("if true") or that others deny is challenged.
    const challenged = resp.some((x) => x.modality.value === 'hedged') || item.claims.some((x) => x.kind.value === 'denial' && x.targets.some((t) => t.value.name === group));
    return { claimed: '1', group, mode: claimModeOf(item, c), unchallenged: !challenged };
  }
  return { claimed: none ? '0' : '-9', group: null, mode: '', unchallenged: false };
}

/** GTD claimmode_txt from the words of the claim: "in a statement on its Amaq channel" → posted online. */
const CLAIM_MODES: { pattern: RegExp; mode: string }[] = [
  { pattern: /\b(?:video|footage)\b/i, mode: 'Video' },
  { pattern: /\b(?:website|online|telegram|amaq|channel|social media|twitter|posted|internet|blog)\b/i, mode: 'Posted to website, blog, etc.' },
  { pattern: /\b(?:letter)\b/i, mode: 'Letter' },
  { pattern: /\b(?:e-?mail)\b/i, mode: 'E-mail' },
  { pattern: /\b(?:phone|call(?:ed)?)\b/i, mode: 'Call (post-incident)' },
  { pattern: /\b(?:note)\b/i, mode: 'Note left at scene' },
];

function claimModeOf(item: ExportItem, c: Claim): string {
  const d = item.docs.get(c.docId);
  if (!d) return 'Unknown';
  const sentenceish = d.text.slice(Math.max(0, c.content.start - 200), Math.min(d.text.length, c.content.end + 200));
  return CLAIM_MODES.find((m) => m.pattern.test(sentenceish))?.mode ?? 'Unknown';
}
