import type { Attested, Count, IncidentReport } from '../model/index.js';

/**
 * How an incident's headline figures are derived from its reports. Reports
 * keep every value; the headline is computed on demand, never stored.
 *  - conservative (default, as ACLED codes): the lowest credible figure;
 *  - latest: the figure of the most recently published report;
 *  - range: min–max over the reports.
 */
export type HeadlinePolicy = 'conservative' | 'latest' | 'range';
export const HEADLINE_POLICIES: HeadlinePolicy[] = ['conservative', 'latest', 'range'];

export type CountField = 'killedVictims' | 'killedPerpetrators' | 'killedTotal' | 'injured' | 'arrested';

export interface HeadlineCount {
  value: number;
  low: number;
  high: number;
  /** Report ids the figure comes from. */
  from: string[];
}

export function headlineCount(
  reports: IncidentReport[],
  field: CountField,
  policy: HeadlinePolicy,
  published: (r: IncidentReport) => string | null,
): HeadlineCount | null {
  const vals = reports.map((r) => ({ r, a: r[field] as Attested<Count> | null })).filter((x): x is { r: IncidentReport; a: Attested<Count> } => !!x.a);
  if (!vals.length) return null;
  const nums = vals.map((v) => v.a.value.value);
  const low = Math.min(...nums);
  const high = Math.max(...nums);
  if (policy === 'latest') {
    const sorted = [...vals].sort((x, y) => (published(y.r) ?? '').localeCompare(published(x.r) ?? ''));
    const v = sorted[0]!;
    return { value: v.a.value.value, low, high, from: [v.r.id] };
  }
  const pick = vals.filter((v) => v.a.value.value === low).map((v) => v.r.id);
  return { value: low, low, high, from: policy === 'range' ? vals.map((v) => v.r.id) : pick };
}

/** Weight of being the first incident a document tells (not in passing): news puts its main event first. */
const FIRST_TOLD_BONUS = 4;

/**
 * The report whose fields stand for the incident (or for a document): the
 * most detailed one, with a head start for the first incident its document
 * tells, so that a later "Separately, a policewoman was shot dead on Thursday
 * in Montrouge" does not outrank the headline's incident for having a date.
 */
export function primaryReport(reports: IncidentReport[]): IncidentReport {
  const firstOfDoc = new Map<string, number>();
  for (const r of reports) if (!r.inPassing && r.index < (firstOfDoc.get(r.docId) ?? Infinity)) firstOfDoc.set(r.docId, r.index);
  const score = (r: IncidentReport): number =>
    (r.inPassing ? 0 : 10) + (firstOfDoc.get(r.docId) === r.index ? FIRST_TOLD_BONUS : 0) + r.locations.length + r.perpetrators.length + r.targets.length + (r.killedTotal ? 2 : 0) + (r.date.value.precision === 'day' ? 3 : 0);
  return [...reports].sort((a, b) => score(b) - score(a))[0]!;
}

/** Each report's publication date, from its documents (anything with metadata: resolve never imports the store). */
export function publishedOf(docs: ReadonlyMap<string, { meta: { published: string | null } }>): (r: IncidentReport) => string | null {
  return (r) => docs.get(r.docId)?.meta.published ?? null;
}
