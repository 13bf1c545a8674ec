import type { HeadlinePolicy } from '../resolve/index.js';
import type { IncidentFilter, Store } from '../store/index.js';
import { ACLED_COLUMNS, acledRow } from './acled.js';
import { GTD_COLUMNS, gtdRow, inGtdScope, toCsv } from './gtd.js';
import { jsonlRecord } from './jsonl.js';
import { accuseRecords, ploverRecord } from './plover.js';
import { gatherItems } from './records.js';

export const EXPORT_FORMATS = ['gtd', 'acled', 'plover', 'jsonl'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export function exportIncidents(store: Store, format: ExportFormat, policy: HeadlinePolicy = 'conservative', filter: IncidentFilter = {}): { text: string; count: number } {
  const items = gatherItems(store, store.listIncidents(filter), policy);
  if (format === 'gtd') {
    const scoped = items.filter(inGtdScope);
    // GTD's `related` lists the eventids of linked incidents: ids are made first, then filled in.
    const eventIds = new Map<number, string>(scoped.map((it, i) => [it.incident.id, gtdRow(it, i + 1).eventid]));
    const rows = scoped.map((it, i) => {
      const rel = store.linksOf(it.incident.id).map((l) => eventIds.get(l.other)).filter((x): x is string => !!x);
      const own = eventIds.get(it.incident.id)!;
      return gtdRow(it, i + 1, rel.length ? [own, ...new Set(rel)].join(', ') : '');
    });
    return { text: toCsv(rows, GTD_COLUMNS), count: scoped.length };
  }
  if (format === 'acled') {
    // ACLED codes every kind of event Dossier reports, riots, protests and arrests included.
    return { text: toCsv(items.map((it, i) => acledRow(it, i + 1)), ACLED_COLUMNS), count: items.length };
  }
  // PLOVER: the incident's own event, then an ACCUSE record for each accusation about it.
  const recs = format === 'plover' ? items.flatMap((it) => [ploverRecord(it), ...accuseRecords(it)]) : items.map((it) => jsonlRecord(it));
  return { text: recs.map((r) => JSON.stringify(r)).join('\n') + (recs.length ? '\n' : ''), count: recs.length };
}

export { GTD_COLUMNS, gtdRow, inGtdScope } from './gtd.js';
export { ACLED_COLUMNS, acledRow, acledFatalities, FATALITY_WORDS } from './acled.js';
export { ploverRecord, type PloverRecord } from './plover.js';
export { jsonlRecord } from './jsonl.js';
export { gatherItems, type ExportItem } from './records.js';
