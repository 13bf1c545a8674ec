import type { IncidentReport, Span } from '../model/index.js';
import { headlineCount, publishedOf, type CountField } from '../resolve/index.js';
import { count, reviewedFlag, type ExportItem } from './records.js';

const COUNT_FIELDS: CountField[] = ['killedVictims', 'killedPerpetrators', 'killedTotal', 'injured', 'arrested'];

/**
 * Our own full record (docs/formats.md): the incident, its headline figures
 * under the chosen policy, and every report with every attested value, each
 * value carrying its evidence spans and the quoted words.
 */
export function jsonlRecord(item: ExportItem): Record<string, unknown> {
  const pub = publishedOf(item.docs);
  const headline: Record<string, unknown> = {};
  for (const f of COUNT_FIELDS) headline[f] = headlineCount(item.incident.reports, f, item.policy, pub);
  // A reviewer's figure replaces the automatic one (its low and high are the figure itself).
  for (const f of COUNT_FIELDS) {
    const v = count(item, f);
    const h = headline[f] as { value: number } | null;
    if ((h?.value ?? null) !== v) headline[f] = v === null ? null : { value: v, low: v, high: v, from: [], reviewed: true };
  }
  return {
    incident_id: item.incident.id,
    sources: item.incident.sources,
    policy: item.policy,
    label: item.primary.label,
    type: item.primary.type.value,
    date: item.primary.date.value,
    place: item.primary.locations[0]?.value ?? null,
    headline,
    reviewed: reviewedFlag(item) === '1',
    review: item.review && item.review.reviewed ? { fields: item.review.fields, rejected_reports: item.review.rejectedReports, rejected: item.review.rejected, notes: item.review.notes } : null,
    reports: item.incident.reports.map((r) => reportWithQuotes(item, r)),
    claims: item.claims.map((c) => {
      const text = item.docs.get(c.docId)?.text ?? '';
      return { ...c, quote: text.slice(c.content.start, c.content.end), cue_words: c.cue ? text.slice(c.cue.start, c.cue.end) : null };
    }),
  };
}

function reportWithQuotes(item: ExportItem, r: IncidentReport): Record<string, unknown> {
  const doc = item.docs.get(r.docId);
  const text = doc?.text ?? '';
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(o)) out[k] = walk(x);
      if (Array.isArray(o.evidence)) out.quotes = (o.evidence as Span[]).map((e) => text.slice(e.start, e.end));
      return out;
    }
    return v;
  };
  return {
    document: doc ? { id: doc.id, source: doc.meta.source, title: doc.meta.title, published: doc.meta.published, author: doc.meta.author, publisher: doc.meta.publisher } : { id: r.docId },
    sentence: text.slice(r.anchor.start, r.anchor.end),
    ...(walk(r) as Record<string, unknown>),
  };
}
