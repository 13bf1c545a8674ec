import type { HeadlinePolicy } from '../resolve/index.js';
import type { IncidentFilter, Store } from '../store/index.js';
import { ACLED_COLUMNS, acledRow } from './acled.js';
import { csvLine, GTD_COLUMNS, gtdRows, inGtdScope } from './gtd.js';
import { gtdEventIdsOf } from './gtd-ids.js';
import { writeGeojson } from './geojson.js';
import { jsonlRecord } from './jsonl.js';
import { accuseRecords, ploverRecord } from './plover.js';
import { eachItem, withReview } from './records.js';

export const EXPORT_FORMATS = ['gtd', 'acled', 'plover', 'jsonl', 'geojson'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** What an export wrote: its records (rows, lines or features), and the incidents left without a place (GeoJSON). */
export interface ExportSummary {
  records: number;
  /** GeoJSON: incidents listed under `unlocated` instead of as features; 0 for the other formats. */
  unlocated: number;
}

/** The whole export as one string (tests, small stores); `writeExport` streams it. */
export async function exportIncidents(store: Store, format: ExportFormat, policy: HeadlinePolicy = 'conservative', filter: IncidentFilter = {}): Promise<{ text: string; count: number; unlocated: number }> {
  const parts: string[] = [];
  const sum = await writeExport(store, format, policy, filter, (t) => parts.push(t));
  return { text: parts.join(''), count: sum.records, unlocated: sum.unlocated };
}

/**
 * Write the export record by record to `write`, reading one page of incidents at a time: memory stays
 * flat in the number of incidents. Every format takes the same filter as `dossier incidents`.
 */
export async function writeExport(store: Store, format: ExportFormat, policy: HeadlinePolicy, filter: IncidentFilter, write: (text: string) => void): Promise<ExportSummary> {
  if (format === 'gtd') return { records: await writeGtd(store, policy, filter, write), unlocated: 0 };
  if (format === 'geojson') return writeGeojson(store, policy, filter, write);
  let n = 0;
  if (format === 'acled') {
    // ACLED codes every kind of event Dossier reports, riots, protests and arrests included.
    write(`${ACLED_COLUMNS.join(',')}\n`);
    for await (const it of eachItem(store, filter, policy)) {
      write(`${csvLine(acledRow(it), ACLED_COLUMNS)}\n`);
      n++;
    }
    return { records: n, unlocated: 0 };
  }
  for await (const it of eachItem(store, filter, policy)) {
    // PLOVER: the incident's own event, then an ACCUSE record for each accusation about it.
    const recs = format === 'plover' ? [ploverRecord(it), ...accuseRecords(it)] : [jsonlRecord(it)];
    for (const r of recs) write(`${JSON.stringify(r)}\n`);
    n += recs.length;
  }
  return { records: n, unlocated: 0 };
}

async function writeGtd(store: Store, policy: HeadlinePolicy, filter: IncidentFilter, write: (text: string) => void): Promise<number> {
  // `related` lists the eventids of linked incidents. Eventids come from the stable incident id, so a
  // linked incident's are worked out from it alone, whether or not this export's filter keeps it.
  const linked = new Set(await store.linkedIncidentIds());
  write(`${GTD_COLUMNS.join(',')}\n`);
  let rows = 0;
  for await (const it of eachItem(store, filter, policy)) {
    if (!inGtdScope(it)) continue;
    const related = linked.has(it.incident.id) ? await linkedEventIds(store, it.incident.id) : [];
    for (const row of gtdRows(it, related)) {
      write(`${csvLine(row, GTD_COLUMNS)}\n`);
      rows++;
    }
  }
  return rows;
}

/** The GTD eventids of the in-scope incidents linked to incident `id`. */
async function linkedEventIds(store: Store, id: number): Promise<string[]> {
  const out: string[] = [];
  for (const l of await store.linksOf(id)) {
    const stored = await store.getIncident(l.other);
    if (!stored) continue;
    // As the other incident's own rows have it: its review may have corrected its date or type.
    const { incident, primary } = withReview(stored, await store.reviewOf(stored.id));
    if (primary.type.value.gtdAttackType !== null) out.push(...gtdEventIdsOf(incident, (await store.getDocument(primary.docId))?.text ?? '', primary));
  }
  return [...new Set(out)];
}

export { GTD_COLUMNS, gtdRow, gtdRows, inGtdScope, type GtdRow } from './gtd.js';
export { gtdEventId, gtdEventIdsOf, gtdCities } from './gtd-ids.js';
export { GEOJSON_PROPERTIES, geojsonFeature } from './geojson.js';
export { countryCodes } from './countries.js';
export { ACLED_COLUMNS, acledRow, acledFatalities, FATALITY_WORDS } from './acled.js';
export { ploverRecord, type PloverRecord } from './plover.js';
export { jsonlRecord } from './jsonl.js';
export { gatherItems, withReview, reviewedCount, reviewedFlag, type ExportItem } from './records.js';
