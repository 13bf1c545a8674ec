/**
 * The incident's headline fields, each with the automatic value, the report and evidence it came
 * from, and the reviewed value that overrides it. The rows follow REVIEW_FIELDS, the fields a
 * reviewer can accept, correct or reject.
 */
import { REVIEW_FIELDS, type ReviewField, type ReviewedValue } from '../../../src/review/types.js';
import { kindLabel, valueText } from '../format.js';
import type { AttestedView, IncidentDetail, ReportView } from '../types.js';

export interface FieldRow {
  field: ReviewField;
  label: string;
  auto: string;
  /** The report the automatic value comes from, and the value as attested there (its evidence). */
  report: ReportView | null;
  attested: AttestedView | null;
  reviewed: ReviewedValue | null;
  /** The headline range when the policy gives one ("21–24"). */
  range: string | null;
}

const LABELS: Record<ReviewField, string> = {
  date: 'Date', country: 'Country', admin1: 'Province', location: 'Place', type: 'Type',
  perpetrator: 'Perpetrator', target: 'Target', killed: 'Killed', injured: 'Injured', arrested: 'Arrested',
};

const COUNT_OF: Partial<Record<ReviewField, string>> = { killed: 'killedTotal', injured: 'injured', arrested: 'arrested' };

const att = (r: ReportView | null, key: string): AttestedView | null => {
  const v = r?.[key] as AttestedView | AttestedView[] | null | undefined;
  return (Array.isArray(v) ? v[0] : v) ?? null;
};

function countRow(d: IncidentDetail, field: ReviewField, key: string): Omit<FieldRow, 'reviewed' | 'label' | 'field'> {
  const h = d.headline[key];
  if (h && !h.reviewed) {
    const report = d.reports.find((r) => h.from.includes(r.id)) ?? null;
    return { auto: String(h.value), report, attested: att(report, key), range: h.low !== h.high ? `${h.low}–${h.high}` : null };
  }
  // A reviewer's figure stands in the headline: the automatic one's words are in a report that gives it.
  const auto = d.values?.[field]?.automatic;
  if (auto === null || auto === undefined) return { auto: '—', report: null, attested: null, range: null };
  const gives = (r: ReportView) => (att(r, key)?.value as { value?: number } | undefined)?.value === Number(auto);
  const report = d.reports.find((r) => r.id === d.primary_report && gives(r)) ?? d.reports.find(gives) ?? null;
  return { auto: String(auto), report, attested: att(report, key), range: null };
}

function placeRow(primary: ReportView | null, field: ReviewField): Omit<FieldRow, 'reviewed' | 'label' | 'field'> {
  const a = att(primary, 'locations') as AttestedView<{ place: { name: string; countryName: string; admin1Name: string | null } }> | null;
  const p = a?.value.place;
  const auto = !p ? '—' : field === 'country' ? p.countryName || '—' : field === 'admin1' ? p.admin1Name ?? '—' : valueText(a.value);
  return { auto, report: primary, attested: a, range: null };
}

export function fieldRows(d: IncidentDetail): FieldRow[] {
  const primary = d.reports.find((r) => r.id === d.primary_report) ?? d.reports[0] ?? null;
  const reviewed = d.review?.effective.fields ?? {};
  return REVIEW_FIELDS.map((field) => {
    let row: Omit<FieldRow, 'reviewed' | 'label' | 'field'>;
    const count = COUNT_OF[field];
    if (count) row = countRow(d, field, count);
    else if (field === 'country' || field === 'admin1' || field === 'location') row = placeRow(primary, field);
    else {
      const key = field === 'perpetrator' ? 'perpetrators' : field === 'target' ? 'targets' : field;
      const a = att(primary, key);
      const auto = field === 'type' ? kindLabel((a?.value as { kind?: string })?.kind) : a ? valueText(a.value) : '—';
      row = { auto, report: primary, attested: a, range: null };
    }
    // The server's automatic value leaves out reports a reviewer rejected; prefer it where given.
    const auto = d.values?.[field]?.automatic;
    if (d.values) row.auto = auto === null || auto === undefined ? '—' : field === 'type' ? kindLabel(String(auto)) : String(auto);
    return { field, label: LABELS[field], ...row, reviewed: reviewed[field] ?? null };
  });
}

/** Every attested value of a report, field by field, for the report's full listing. */
export function reportValues(r: ReportView): { key: string; values: AttestedView[] }[] {
  const keys = ['type', 'date', 'locations', 'perpetrators', 'targets', 'victims', 'weapons', 'killedTotal', 'killedVictims', 'killedPerpetrators', 'injured', 'arrested', 'facilities'];
  const out: { key: string; values: AttestedView[] }[] = [];
  for (const key of keys) {
    const v = r[key] as AttestedView | AttestedView[] | null | undefined;
    const values = Array.isArray(v) ? v : v ? [v] : [];
    out.push({ key, values });
  }
  return out;
}

export const FIELD_NAMES: Record<string, string> = {
  type: 'Type', date: 'Date', locations: 'Places', perpetrators: 'Perpetrators', targets: 'Targets', victims: 'Victims',
  weapons: 'Weapons', killedTotal: 'Killed (all)', killedVictims: 'Killed (victims)', killedPerpetrators: 'Killed (attackers)',
  injured: 'Injured', arrested: 'Arrested', facilities: 'Facilities',
};
