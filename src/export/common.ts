import type { ExportItem } from './records.js';

/**
 * The Unix time (seconds) of the incident's last change: the latest ingestion of a document that reports
 * it (a new report changes its values) or review action on it. Null when none is known.
 */
export function lastChangeUnix(item: ExportItem): number | null {
  let latest = -Infinity;
  for (const d of item.docs.values()) latest = Math.max(latest, Date.parse(d.ingestedAt));
  const review = item.review;
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
