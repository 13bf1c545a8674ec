import type { Claim } from '../model/index.js';
import { readFileSync } from 'node:fs';
import { gtdRow } from '../export/gtd.js';
import type { ExportItem } from '../export/records.js';
import { intakeBuffer } from '../intake/index.js';
import { runPipeline } from '../pipeline/index.js';
import { primaryReport } from '../resolve/index.js';
import { csvRecords } from './gtd-csv.js';
import type { Dataset, EvalResult, EvalRow } from './types.js';

/**
 * Global Terrorism Database: for each coded incident, run the real pipeline
 * on the coder-written `summary` alone, take the primary incident report and
 * map it to GTD columns with the exporter's own mapping (export/gtd.ts
 * gtdRow), then compare field by field with the coders' values.
 *
 * Metric: per-field accuracy = exact matches after normalisation / items
 * whose gold value is known. Overall: micro-average over all scored fields.
 * See docs/eval-gtd.md.
 */
export const GTD_FIELDS = [
  'iyear', 'imonth', 'iday', 'country_txt', 'provstate', 'city',
  'attacktype1_txt', 'targtype1_txt', 'gname', 'nkill', 'nwound',
] as const;
export type GtdField = (typeof GTD_FIELDS)[number];
export type GtdPrediction = Record<GtdField, string>;

const COUNT_FIELDS: ReadonlySet<GtdField> = new Set(['nkill', 'nwound']);

/**
 * Normalise a value for comparison:
 *  - every field: trim, collapse inner whitespace, drop accents, lower-case;
 *  - counts: a number is compared as a number ("0" = "0.0"); '' (blank) is
 *    GTD's "unknown" and stays '' — a gold blank is not scored, a predicted
 *    blank against a gold number is a miss (we do not turn "no figure" into 0);
 *  - imonth/iday: GTD writes 0 for unknown, as our exporter does, so "0" is a value;
 *  - text fields: "Unknown" is a value like any other (gname "Unknown" when no group is named).
 */
export function normaliseGtd(field: GtdField, v: string | undefined | null): string {
  // Accents are dropped: the gazetteer's "Río Grande" is GTD's "Rio Grande".
  const s = (v ?? '').normalize('NFD').replace(/[\u0300-\u036f]/g, '').trim().replace(/\s+/g, ' ');
  if (COUNT_FIELDS.has(field) || field === 'iyear' || field === 'imonth' || field === 'iday') {
    if (s === '' || s === '-99' || s === '-9') return '';
    const n = Number(s);
    return Number.isFinite(n) ? String(n) : s.toLowerCase();
  }
  return s.toLowerCase();
}

/** Whether a gold value is scored at all: GTD blanks (unknown counts) are not. */
export function goldKnown(field: GtdField, v: string | undefined): boolean {
  return normaliseGtd(field, v) !== '';
}

/** Run the pipeline on one summary and map its primary report to GTD fields. */
export function predictGtd(summary: string, eventid: string): { fields: GtdPrediction; incidents: number } {
  const doc = intakeBuffer(Buffer.from(summary), `gtd:${eventid}`, 'text');
  const st = runPipeline(doc);
  const inScope = st.incidents.filter((r) => r.type.value.gtdAttackType !== null);
  const pool = inScope.length ? inScope : st.incidents;
  if (!pool.length) {
    const empty = Object.fromEntries(GTD_FIELDS.map((f) => [f, f === 'imonth' || f === 'iday' ? '0' : COUNT_FIELDS.has(f) || f === 'iyear' ? '' : 'Unknown'])) as GtdPrediction;
    return { fields: empty, incidents: 0 };
  }
  const primary = primaryReport(pool);
  const item: ExportItem = {
    incident: { id: 0, reports: [primary], sources: 1 },
    primary,
    docs: new Map([[doc.id, { id: doc.id, meta: doc.meta, text: doc.text, ingestedAt: '' }]]),
    policy: 'conservative',
    claims: ((st as { claims?: Claim[] }).claims ?? []).filter((c) => c.incidents.includes(primary.index)),
  };
  const row = gtdRow(item);
  const fields = Object.fromEntries(GTD_FIELDS.map((f) => [f, row[f]])) as GtdPrediction;
  return { fields, incidents: st.incidents.length };
}

export interface GtdScore {
  rows: EvalRow[];
  overall: EvalRow;
  predictions: Record<string, GtdPrediction>;
  /** Per item, the fields that missed: [gold, predicted]. */
  misses: Record<string, Partial<Record<GtdField, [string, string]>>>;
  noIncident: number;
  items: number;
}

export function scoreGtd(records: Record<string, string>[]): GtdScore {
  const hit = new Map<GtdField, number>(GTD_FIELDS.map((f) => [f, 0]));
  const sup = new Map<GtdField, number>(GTD_FIELDS.map((f) => [f, 0]));
  const predictions: Record<string, GtdPrediction> = {};
  const misses: GtdScore['misses'] = {};
  let noIncident = 0;
  for (const rec of records) {
    const id = rec.eventid ?? '';
    const summary = rec.summary ?? '';
    const { fields, incidents } = predictGtd(summary, id);
    if (incidents === 0) noIncident++;
    predictions[id] = fields;
    for (const f of GTD_FIELDS) {
      if (!goldKnown(f, rec[f])) continue;
      sup.set(f, sup.get(f)! + 1);
      if (normaliseGtd(f, rec[f]) === normaliseGtd(f, fields[f])) hit.set(f, hit.get(f)! + 1);
      else (misses[id] ??= {})[f] = [rec[f] ?? '', fields[f]];
    }
  }
  const rows: EvalRow[] = GTD_FIELDS.map((f) => ({ name: f, accuracy: sup.get(f)! ? hit.get(f)! / sup.get(f)! : 0, support: sup.get(f)! }));
  // The date as one value: year, month and day all right.
  const dateSupport = records.filter((r) => goldKnown('iyear', r.iyear)).length;
  const dateHits = records.filter((r) => goldKnown('iyear', r.iyear) && !['iyear', 'imonth', 'iday'].some((f) => misses[r.eventid ?? '']?.[f as GtdField])).length;
  rows.unshift({ name: 'date (y+m+d)', accuracy: dateSupport ? dateHits / dateSupport : 0, support: dateSupport });
  const totalSup = [...sup.values()].reduce((a, b) => a + b, 0);
  const totalHit = [...hit.values()].reduce((a, b) => a + b, 0);
  return {
    rows,
    overall: { name: 'all fields (micro)', accuracy: totalSup ? totalHit / totalSup : 0, support: totalSup },
    predictions,
    misses,
    noIncident,
    items: records.length,
  };
}

export const GTD: Dataset = {
  name: 'gtd',
  input: 'file',
  description: 'GTD incidents from the coder-written summary: per-field accuracy of date, place, attack/target type, group, nkill, nwound',
  run(dataPath, options): EvalResult {
    const t0 = Date.now();
    let records = csvRecords(readFileSync(dataPath, 'utf8')).filter((r) => (r.summary ?? '').trim() !== '');
    if (options.limit) records = records.slice(0, options.limit);
    const s = scoreGtd(records);
    return {
      dataset: 'gtd',
      data: dataPath,
      items: s.items,
      rows: s.rows,
      overall: s.overall,
      notes: [
        'accuracy = exact match after trimming, collapsing whitespace and lower-casing; counts compared as numbers',
        'gold blanks (GTD "unknown") are not scored; a predicted blank against a gold number is a miss',
        `${s.noIncident} summar${s.noIncident === 1 ? 'y' : 'ies'} gave no incident and count as "Unknown"/blank predictions`,
      ],
      predictions: s.predictions,
      seconds: (Date.now() - t0) / 1000,
    };
  },
};
