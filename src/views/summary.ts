import { isoOfDate } from '../model/index.js';
import { findConflicts, primaryReport, publishedOf, type HeadlinePolicy } from '../resolve/index.js';
import { applyReview, emptyReview, headlineValues, reviewedReport, standingReports, type EffectiveReview, type ReviewField } from '../review/index.js';
import type { StoredDocumentMeta, StoredIncident } from '../store/types.js';

/**
 * A row of an incident listing, on its own (no export or store code): the store writes it for each
 * incident under the conservative policy (migration 13, src/store/sql/headline-sql.ts), and the API
 * and the CLI build it the same way for the other policies.
 */

/** One row of an incident listing: the numbers that matter, no evidence; reviewed values in place of extracted ones. */
export interface IncidentSummary {
  incident_id: number;
  label: string;
  date: string | null;
  date_precision: string;
  type: { kind: string; acled_event: string; acled_sub_event: string; plover_event: string; gtd_attack_type: string | null };
  place: { name: string; admin1: string | null; country: string | null; country_code: string | null; lat: number | null; lon: number | null; relation: string } | null;
  killed: number | null;
  injured: number | null;
  arrested: number | null;
  sources: number;
  reports: number;
  /** Fields where the (standing) reports give different values (compatible or not). */
  conflicts: number;
  /** Of those, fields where no single value satisfies every report. */
  contradictions: number;
  /** A reviewer's record stands for this incident. */
  reviewed: boolean;
  /** A reviewer said it is not an incident. */
  rejected: boolean;
  /** Fields whose value a reviewer accepted, corrected or rejected. */
  reviewed_fields: ReviewField[];
}

const countOf = (v: string | number | null): number | null => (v === null ? null : Number(v));

export function incidentSummary(inc: StoredIncident, policy: HeadlinePolicy, metas: Map<string, StoredDocumentMeta>, review: EffectiveReview = emptyReview()): IncidentSummary {
  const pub = publishedOf(metas);
  // Reports a reviewer rejected no longer count; the primary report carries the reviewed date, type and place.
  const reports = standingReports(inc.reports, review);
  const shown = applyReview(headlineValues(reports, policy, pub), review);
  const r = reviewedReport(primaryReport(reports), review);
  const t = r.type.value;
  const p = r.locations[0]?.value;
  const conflicts = findConflicts(reports, () => null);
  return {
    incident_id: inc.id,
    label: r.label,
    date: isoOfDate(r.date.value),
    date_precision: r.date.value.precision,
    type: { kind: t.kind, acled_event: t.acledEvent, acled_sub_event: t.acledSubEvent, plover_event: t.ploverEvent, gtd_attack_type: t.gtdAttackType },
    place: p
      ? { name: p.place.name, admin1: p.place.admin1Name, country: p.place.countryName || null, country_code: p.place.countryCode || null, lat: p.place.lat, lon: p.place.lon, relation: p.relation }
      : null,
    killed: countOf(shown.killed.value),
    injured: countOf(shown.injured.value),
    arrested: countOf(shown.arrested.value),
    sources: inc.sources,
    reports: inc.reports.length,
    conflicts: conflicts.length,
    contradictions: conflicts.filter((c) => c.verdict === 'contradictory').length,
    reviewed: review.reviewed,
    rejected: review.rejected,
    reviewed_fields: Object.keys(review.fields) as ReviewField[],
  };
}

