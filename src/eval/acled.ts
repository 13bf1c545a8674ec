import { readFileSync } from 'node:fs';
import { acledRow, type AcledRow } from '../export/acled.js';
import type { ExportItem } from '../export/records.js';
import { intakeBuffer } from '../intake/index.js';
import { haversineKm } from '../nlp/gazetteer/resolve.js';
import { defaultContext, runPipeline, type PipelineContext } from '../pipeline/index.js';
import type { Gazetteer } from '../nlp/gazetteer/index.js';
import { primaryReport } from '../resolve/index.js';
import { csvRecords } from './gtd-csv.js';
import type { Dataset, EvalResult, EvalRow } from './types.js';
import { addDays } from '../model/index.js';

/**
 * ACLED: for each coded event, the coder's `notes` go through the same pipeline `ingest` runs, as
 * a plain-text document published the day after the event (a note is written from reports of the
 * event). The primary report is mapped to ACLED columns by the exporter's own mapping
 * (export/acled.ts) and compared field by field. See docs/eval-acled.md.
 *
 * Metric: accuracy per field over all items (an item with no incident misses every field but
 * fatalities, where ACLED's 0 for "no death reported" is what the exporter writes too).
 */
export const ACLED_FIELDS = [
  'found', 'date', 'time_precision', 'country', 'admin1', 'admin2', 'location', 'location_10km', 'geo_precision',
  'event_type', 'sub_event_type', 'actor1', 'actor2', 'inter1', 'fatalities',
] as const;
export type AcledField = (typeof ACLED_FIELDS)[number];

/** Within this distance a predicted place is the coded location (the "within 10 km"). */
export const LOCATION_KM = 10;

/** Lower-case, no accents, no punctuation, no ACLED period suffixes ("Military Forces of Nigeria (2015-2023)"). */
export function normaliseAcled(v: string | undefined | null): string {
  return (v ?? '')
    .normalize('NFD').replace(/[\u0300-\u036f]/g, '')
    // Transliteration marks are not letters: "Ma‘rūf" is ACLED's "Maruf", "Bāmyān" its "Bamyan".
    .replace(/[‘’'ʻʼ`´]/g, '')
    .replace(/\(\d{4}-(?:\d{4})?\)/g, '')
    .toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}


/** The day after an ISO date: the publication date a note is read with. */
export function dayAfter(iso: string): string {
  return addDays(iso, 1);
}

/** Run the pipeline (with `ctx`: a trainer's weights, or the shipped ones) on one note and map its primary report to ACLED columns (null: no incident). */
export function predictAcled(notes: string, id: string, eventDate: string, ctx: PipelineContext = defaultContext()): AcledRow | null {
  const text = `${dayAfter(eventDate)}\n\n${notes}\n`;
  const doc = intakeBuffer(Buffer.from(text), `acled:${id}`, 'text');
  const st = runPipeline(doc, ctx);
  if (!st.incidents.length) return null;
  const primary = primaryReport(st.incidents);
  const item: ExportItem = {
    incident: { id: 0, reports: [primary], sources: 1 },
    primary,
    docs: new Map([[doc.id, { id: doc.id, meta: doc.meta, text: doc.text, ingestedAt: '' }]]),
    policy: 'conservative',
    claims: [],
  };
  return acledRow(item, ctx);
}

/**
 * Fields where ACLED's blank means "none": an event with no second actor. A blank prediction is then right.
 * Every other blank is a field the row's schema or coder did not record (sub-event types came with
 * ACLED's 2019 schema; older Kenya and Nigeria rows have none, nor admin2): such a row is not scored on
 * that field, as the GTD eval leaves GTD's unknowns out.
 */
const BLANK_MEANS_NONE: ReadonlySet<AcledField> = new Set(['actor2']);

/** Fields scored on every row: found, and what every row codes. */
const ALWAYS_SCORED: ReadonlySet<AcledField> = new Set(['found', 'fatalities', 'date']);

/** Whether one field of one coded event is scored: its gold value is coded, or blank means none. */
export function fieldScored(f: AcledField, gold: Record<string, string>): boolean {
  if (ALWAYS_SCORED.has(f) || BLANK_MEANS_NONE.has(f)) return true;
  const g = f === 'location_10km' ? gold.latitude : gold[f];
  return (g ?? '').trim() !== '';
}

/** Whether the prediction gets one field of one coded event right. */
export function fieldRight(f: AcledField, gold: Record<string, string>, p: AcledRow | null, countryCode: (name: string) => string): boolean {
  if (f === 'found') return p !== null;
  if (f === 'fatalities') return Number(gold.fatalities || 0) === Number(p?.fatalities ?? 0);
  if (!p) return false;
  switch (f) {
    case 'date': return p.event_date === gold.event_date;
    case 'country': return p.country !== '' && countryCode(p.country) === countryCode(gold.country ?? '');
    case 'location_10km': {
      const [a, b, c, d] = [p.latitude, p.longitude, gold.latitude, gold.longitude].map(Number);
      return p.latitude !== '' && [a, b, c, d].every((x) => Number.isFinite(x)) && haversineKm(a!, b!, c!, d!) <= LOCATION_KM;
    }
    default:
      if (BLANK_MEANS_NONE.has(f) && normaliseAcled(gold[f]) === '') return normaliseAcled(p[f]) === '';
      return normaliseAcled(p[f]) !== '' && normaliseAcled(p[f]) === normaliseAcled(gold[f]);
  }
}

export interface AcledScore {
  rows: EvalRow[];
  overall: EvalRow;
  bySource: Record<string, Record<AcledField, number> & { items: number; scored: Record<AcledField, number> }>;
  predictions: Record<string, AcledRow | null>;
}

/** Country name → ISO code through the gazetteer (its normalised name when unknown), cached. */
export function countryCoder(gaz: Gazetteer = defaultContext().gazetteer): (name: string) => string {
  const codes = new Map<string, string>();
  return (name) => {
    if (!codes.has(name)) codes.set(name, gaz.country(name)?.code ?? normaliseAcled(name));
    return codes.get(name)!;
  };
}

/** Right and scored counts of some fields, kept per group (a source_dataset) by the training scripts' CV. */
export type FieldHits = Record<string, { right: number; n: number }>;

/** Add one row's prediction to a group's tally of `fields`. */
export function tallyFields(hits: Map<string, FieldHits>, group: string, fields: readonly AcledField[], gold: Record<string, string>, p: AcledRow | null, code: (name: string) => string): void {
  let h = hits.get(group);
  if (!h) hits.set(group, (h = Object.fromEntries(fields.map((f) => [f, { right: 0, n: 0 }]))));
  for (const f of fields) {
    if (!fieldScored(f, gold)) continue;
    h[f]!.n++;
    if (fieldRight(f, gold, p, code)) h[f]!.right++;
  }
}

/** The sum of several tallies of `fields`. */
export function sumFieldHits(hs: Iterable<FieldHits>, fields: readonly AcledField[]): FieldHits {
  const out: FieldHits = Object.fromEntries(fields.map((f) => [f, { right: 0, n: 0 }]));
  for (const h of hs) for (const f of fields) {
    out[f]!.right += h[f]!.right;
    out[f]!.n += h[f]!.n;
  }
  return out;
}

export function scoreAcled(records: Record<string, string>[]): AcledScore {
  const countryCode = countryCoder();
  const hit = new Map<AcledField, number>(ACLED_FIELDS.map((f) => [f, 0]));
  const scored = new Map<AcledField, number>(ACLED_FIELDS.map((f) => [f, 0]));
  const bySource: AcledScore['bySource'] = {};
  const predictions: Record<string, AcledRow | null> = {};
  for (const rec of records) {
    const id = rec.event_id_cnty ?? '';
    const p = predictAcled(rec.notes ?? '', id, rec.event_date ?? '');
    predictions[id] = p;
    const src = (bySource[rec.source_dataset || 'unknown'] ??= { items: 0, scored: Object.fromEntries(ACLED_FIELDS.map((f) => [f, 0])), ...Object.fromEntries(ACLED_FIELDS.map((f) => [f, 0])) } as AcledScore['bySource'][string]);
    src.items++;
    for (const f of ACLED_FIELDS) {
      if (!fieldScored(f, rec)) continue;
      scored.set(f, scored.get(f)! + 1);
      src.scored[f]++;
      if (!fieldRight(f, rec, p, countryCode)) continue;
      hit.set(f, hit.get(f)! + 1);
      src[f]++;
    }
  }
  const rows: EvalRow[] = ACLED_FIELDS.map((f) => ({ name: f, accuracy: scored.get(f)! ? hit.get(f)! / scored.get(f)! : 0, support: scored.get(f)! }));
  const total = [...hit.values()].reduce((a, b) => a + b, 0);
  const support = [...scored.values()].reduce((a, b) => a + b, 0);
  return { rows, overall: { name: 'all fields (micro)', accuracy: support ? total / support : 0, support }, bySource, predictions };
}

export const ACLED: Dataset = {
  name: 'acled',
  input: 'file',
  description: 'ACLED events from the coder\'s notes: per-field accuracy of date, place, event type, actors, fatalities',
  run(dataPath, options): EvalResult {
    const t0 = Date.now();
    let records = csvRecords(readFileSync(dataPath, 'utf8')).filter((r) => (r.notes ?? '').trim() !== '');
    if (options.limit) records = records.slice(0, options.limit);
    const s = scoreAcled(records);
    const sources = Object.entries(s.bySource).sort((a, b) => b[1].items - a[1].items);
    const rows = [...s.rows];
    for (const [name, v] of sources) {
      for (const f of ['found', 'date', 'country', 'admin1', 'location', 'event_type', 'actor1', 'fatalities'] as const) {
        rows.push({ name: `  ${name}: ${f}`, accuracy: v.scored[f] ? v[f] / v.scored[f] : 0, support: v.scored[f] });
      }
    }
    return {
      dataset: 'acled',
      data: dataPath,
      items: records.length,
      rows,
      overall: s.overall,
      notes: [
        'each note is read as a plain-text document published the day after the event; the primary report is mapped by the ACLED exporter',
        'accuracy over all items: an item with no incident misses every field except fatalities (ACLED codes 0 when no death is reported)',
        'text fields compare lower-cased, without accents, punctuation or ACLED period suffixes; country by ISO code',
      ],
      predictions: s.predictions,
      seconds: (Date.now() - t0) / 1000,
    };
  },
};
