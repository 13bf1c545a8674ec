import type { Attested, Claim, Count, IncidentReport } from '../model/index.js';
import { headlineCount, primaryReport, publishedOf, type HeadlinePolicy } from '../resolve/index.js';
import type { IncidentFilter, Store, StoredDocument, StoredIncident } from '../store/index.js';

/** Everything an exporter needs about one incident, gathered once. */
export interface ExportItem {
  incident: StoredIncident;
  primary: IncidentReport;
  docs: Map<string, StoredDocument>;
  policy: HeadlinePolicy;
  /** Claims about this incident, from every report's document. */
  claims: Claim[];
}

export async function gatherItems(store: Store, incidents: StoredIncident[], policy: HeadlinePolicy): Promise<ExportItem[]> {
  const cache = boundedCache();
  const out: ExportItem[] = [];
  for (const incident of incidents) out.push(await itemOf(store, incident, policy, cache));
  return out;
}

/** The export items of the incidents a filter keeps, one at a time: memory flat in their number. */
export async function* eachItem(store: Store, filter: IncidentFilter, policy: HeadlinePolicy): AsyncGenerator<ExportItem> {
  const cache = boundedCache();
  for await (const incident of store.eachIncident(filter)) yield await itemOf(store, incident, policy, cache);
}

/**
 * Documents kept while gathering: the incidents of one document are neighbours in id order, so a
 * few hundred are enough, and the cache never holds the whole store.
 */
const DOC_CACHE_SIZE = 256;

interface ItemCache {
  doc(store: Store, id: string): Promise<StoredDocument | undefined>;
}

function boundedCache(): ItemCache {
  const docs = new Map<string, StoredDocument | undefined>();
  return {
    async doc(store, id) {
      if (docs.has(id)) return docs.get(id);
      if (docs.size >= DOC_CACHE_SIZE) docs.delete(docs.keys().next().value!);
      const d = (await store.getDocument(id)) ?? undefined;
      docs.set(id, d);
      return d;
    },
  };
}

/** One incident's export item: its documents, and the claims about its reports (only those are read). */
async function itemOf(store: Store, incident: StoredIncident, policy: HeadlinePolicy, cache: ItemCache): Promise<ExportItem> {
  const docs = new Map<string, StoredDocument>();
  const claims: Claim[] = [];
  for (const r of incident.reports) {
    const d = await cache.doc(store, r.docId);
    if (d) docs.set(r.docId, d);
    claims.push(...(await store.claimsAbout(r.docId, r.index)));
  }
  return { incident, primary: primaryReport(incident.reports), docs, policy, claims };
}

export function count(item: ExportItem, field: 'killedVictims' | 'killedPerpetrators' | 'killedTotal' | 'injured' | 'arrested'): number | null {
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
