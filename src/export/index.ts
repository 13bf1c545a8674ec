import type { HeadlinePolicy } from '../resolve/index.js';
import type { IncidentFilter, Store } from '../store/index.js';
import { ACLED_COLUMNS, acledRow } from './acled.js';
import { csvLine, GTD_COLUMNS, gtdRow, inGtdScope } from './gtd.js';
import { jsonlRecord } from './jsonl.js';
import { accuseRecords, ploverRecord } from './plover.js';
import { eachItem, gatherItems, type ExportItem } from './records.js';
import { primaryReport } from '../resolve/index.js';

export const EXPORT_FORMATS = ['gtd', 'acled', 'plover', 'jsonl'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** The whole export as one string (tests, small stores); `writeExport` streams it. */
export async function exportIncidents(store: Store, format: ExportFormat, policy: HeadlinePolicy = 'conservative', filter: IncidentFilter = {}): Promise<{ text: string; count: number }> {
  const parts: string[] = [];
  const count = await writeExport(store, format, policy, filter, (t) => parts.push(t));
  return { text: parts.join(''), count };
}

/**
 * Write the export record by record to `write`, reading one incident at a time: memory stays flat
 * in the number of incidents. Returns the number of records.
 */
export async function writeExport(store: Store, format: ExportFormat, policy: HeadlinePolicy, filter: IncidentFilter, write: (text: string) => void): Promise<number> {
  if (format === 'gtd') return writeGtd(store, policy, filter, write);
  let n = 0;
  if (format === 'acled') {
    // ACLED codes every kind of event Dossier reports, riots, protests and arrests included.
    write(`${ACLED_COLUMNS.join(',')}\n`);
    for await (const it of eachItem(store, filter, policy)) write(`${csvLine(acledRow(it, ++n), ACLED_COLUMNS)}\n`);
    return n;
  }
  for await (const it of eachItem(store, filter, policy)) {
    // PLOVER: the incident's own event, then an ACCUSE record for each accusation about it.
    const recs = format === 'plover' ? [ploverRecord(it), ...accuseRecords(it)] : [jsonlRecord(it)];
    for (const r of recs) write(`${JSON.stringify(r)}\n`);
    n += recs.length;
  }
  return n;
}

async function writeGtd(store: Store, policy: HeadlinePolicy, filter: IncidentFilter, write: (text: string) => void): Promise<number> {
  // GTD's `related` lists the eventids of linked incidents: those are found first, in a pass over the
  // reports alone, and only when the store links any incidents at all.
  const eventIds = await linkedEventIds(store, policy, filter);
  write(`${GTD_COLUMNS.join(',')}\n`);
  let seq = 0;
  for await (const it of eachItem(store, filter, policy)) {
    if (!inGtdScope(it)) continue;
    const row = gtdRow(it, ++seq);
    if (eventIds.size) {
      const rel = (await store.linksOf(it.incident.id)).map((l) => eventIds.get(l.other)).filter((x): x is string => !!x);
      if (rel.length) row.related = [row.eventid, ...new Set(rel)].join(', ');
    }
    write(`${csvLine(row, GTD_COLUMNS)}\n`);
  }
  return seq;
}

/** The GTD eventids of the in-scope incidents that take part in a link, by incident id. */
async function linkedEventIds(store: Store, policy: HeadlinePolicy, filter: IncidentFilter): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  const linked = new Set(await store.linkedIncidentIds());
  if (!linked.size) return out;
  let seq = 0;
  for await (const incident of store.eachIncident(filter)) {
    if (!inGtdScope({ primary: primaryReport(incident.reports) } as ExportItem)) continue;
    seq++;
    if (linked.has(incident.id)) out.set(incident.id, gtdRow((await gatherItems(store, [incident], policy))[0]!, seq).eventid);
  }
  return out;
}

export { GTD_COLUMNS, gtdRow, inGtdScope } from './gtd.js';
export { ACLED_COLUMNS, acledRow, acledFatalities, FATALITY_WORDS } from './acled.js';
export { ploverRecord, type PloverRecord } from './plover.js';
export { jsonlRecord } from './jsonl.js';
export { gatherItems, withReview, reviewedCount, reviewedFlag, type ExportItem } from './records.js';
