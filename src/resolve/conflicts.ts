import type { Attested, Count, DateValue, IncidentReport } from '../model/index.js';
import { datesCompatible } from './merge.js';
import { isoOfDate } from '../model/index.js';

/**
 * Where the reports of one incident disagree, and whether the disagreement
 * is real. Qualifiers decide: "at least 144" and "at least 145" can both be
 * true (compatible); "144" and "150" cannot (contradictory).
 */
export interface ReportedValue {
  reportId: string;
  docId: string;
  value: string;
  words: string | null;
}

export interface Conflict {
  field: string;
  values: ReportedValue[];
  verdict: 'compatible' | 'contradictory';
  why: string;
}

/** How far "about N" may be from N and still agree. */
const ABOUT_TOLERANCE = 0.1;

/** The range of true values a count allows: "at least 21" → [21, ∞). */
export function countRange(c: Count): [number, number] {
  switch (c.qualifier) {
    case 'exact':
      return [c.low ?? c.value, c.high ?? c.value];
    case 'at_least':
    case 'vague':
      return [c.low ?? c.value, Infinity];
    case 'at_most':
      return [0, c.high ?? c.value];
    case 'about':
      return [Math.floor((c.low ?? c.value) * (1 - ABOUT_TOLERANCE)), Math.ceil((c.high ?? c.value) * (1 + ABOUT_TOLERANCE))];
  }
}

const COUNT_FIELDS = ['killedTotal', 'killedVictims', 'killedPerpetrators', 'injured', 'arrested'] as const;

export function findConflicts(reports: IncidentReport[], words: (r: IncidentReport, a: Attested<unknown>) => string | null): Conflict[] {
  const out: Conflict[] = [];
  for (const f of COUNT_FIELDS) {
    const vals = reports.map((r) => ({ r, a: r[f] as Attested<Count> | null })).filter((x): x is { r: IncidentReport; a: Attested<Count> } => !!x.a);
    if (vals.length < 2) continue;
    const distinct = new Set(vals.map((v) => `${v.a.value.qualifier}:${v.a.value.value}`));
    if (distinct.size < 2) continue;
    const ranges = vals.map((v) => countRange(v.a.value));
    const lo = Math.max(...ranges.map((x) => x[0]));
    const hi = Math.min(...ranges.map((x) => x[1]));
    const ok = lo <= hi;
    out.push({
      field: f,
      values: vals.map((v) => ({ reportId: v.r.id, docId: v.r.docId, value: v.a.value.text || String(v.a.value.value), words: words(v.r, v.a) })),
      verdict: ok ? 'compatible' : 'contradictory',
      why: ok ? `all can be true: any figure from ${lo} to ${hi === Infinity ? 'upwards' : hi}` : 'no single figure satisfies every report',
    });
  }
  const dated = reports.filter((r) => r.date.value.precision !== 'unknown');
  if (new Set(dated.map((r) => isoOfDate(r.date.value))).size > 1) {
    const ok = dated.every((a) => dated.every((b) => datesCompatible(a.date.value, b.date.value) !== false));
    out.push({
      field: 'date',
      values: dated.map((r) => ({ reportId: r.id, docId: r.docId, value: isoOfDate(r.date.value) ?? '', words: words(r, r.date) })),
      verdict: ok ? 'compatible' : 'contradictory',
      why: ok ? 'the dates can name the same day at their precision' : 'the dates name different days',
    });
  }
  return out;
}
