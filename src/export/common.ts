import type { EffectiveReview } from '../review/index.js';
import type { ExportItem } from './records.js';

/**
 * What the exports read of an incident's review (issue 12), when the item carries one: the review
 * work adds `review` to the export items; an item without it reads as never reviewed (null, not false:
 * the store may simply hold no review data).
 */
function reviewOf(item: ExportItem): EffectiveReview | null {
  return (item as ExportItem & { review?: EffectiveReview | null }).review ?? null;
}

/** Whether a reviewer has acted on the incident: true or false when the item carries its review, else null. */
export function reviewedFlag(item: ExportItem): boolean | null {
  const r = reviewOf(item);
  return r ? r.reviewed : null;
}

/**
 * The Unix time (seconds) of the incident's last change: the latest ingestion of a document that reports
 * it (a new report changes its values) or review action on it. Null when none is known.
 */
export function lastChangeUnix(item: ExportItem): number | null {
  let latest = -Infinity;
  for (const d of item.docs.values()) latest = Math.max(latest, Date.parse(d.ingestedAt));
  const review = reviewOf(item);
  if (review) {
    for (const f of Object.values(review.fields)) if (f) latest = Math.max(latest, Date.parse(f.at));
    for (const n of review.notes) latest = Math.max(latest, Date.parse(n.at));
  }
  return Number.isFinite(latest) ? Math.floor(latest / 1000) : null;
}

/** A publication's name for a document: its publisher, else the host of its URL, else its source as given. */
export function sourceName(meta: { publisher: string | null; url: string | null; source: string }): string {
  if (meta.publisher) return meta.publisher;
  for (const u of [meta.url, meta.source]) {
    if (!u) continue;
    try {
      const host = new URL(u).hostname;
      if (host) return host.replace(WWW, '');
    } catch {
      // not a URL: a file path
    }
  }
  return meta.source;
}
const WWW = /^www\./;

/** The distinct publication names of an item's documents, in report order. */
export function sourceNames(item: ExportItem): string[] {
  const out: string[] = [];
  for (const r of item.incident.reports) {
    const d = item.docs.get(r.docId);
    if (!d) continue;
    const name = sourceName(d.meta);
    if (name && !out.includes(name)) out.push(name);
  }
  return out;
}

/** A coordinate rounded to `digits` decimals (no float noise such as 42.977800000000002). */
export function roundCoord(x: number, digits: number): number {
  return Number(x.toFixed(digits));
}
