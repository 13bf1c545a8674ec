import type { Attested, Count, IncidentReport } from '../model/index.js';
import { headlineCount, primaryReport, publishedOf, type HeadlinePolicy } from '../resolve/index.js';
import type { Store, StoredDocument, StoredIncident } from '../store/index.js';

/** Everything an exporter needs about one incident, gathered once. */
export interface ExportItem {
  incident: StoredIncident;
  primary: IncidentReport;
  docs: Map<string, StoredDocument>;
  policy: HeadlinePolicy;
}

export function gatherItems(store: Store, incidents: StoredIncident[], policy: HeadlinePolicy): ExportItem[] {
  const cache = new Map<string, StoredDocument>();
  return incidents.map((incident) => {
    const docs = new Map<string, StoredDocument>();
    for (const r of incident.reports) {
      let d = cache.get(r.docId);
      if (!d) {
        d = store.getDocument(r.docId) ?? undefined;
        if (d) cache.set(r.docId, d);
      }
      if (d) docs.set(r.docId, d);
    }
    return { incident, primary: primaryReport(incident.reports), docs, policy };
  });
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
