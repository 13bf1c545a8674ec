import type { Attested, IncidentReport, Location } from '../model/index.js';
import { primaryReport } from '../resolve/index.js';

/**
 * GTD codes a coordinated attack in several cities as one row per city, linked by `multiple` and
 * `related` (GTD codebook). These are the cities of a report that make rows of their own: places below
 * the first-level division, distinct, in the report's order, at most MAX_GTD_PARTS — when there are two
 * or more and the text tells a coordinated attack (COORDINATION_CUES near a city or in the incident's
 * sentence). Otherwise none: a report that names a town and the district around it ("in Handwara,
 * Kupwara") or a route ("from Kabul to Jalalabad") is one event in one place. `text` is the report's
 * document text.
 */
export function gtdCities(r: IncidentReport, text: string): Attested<Location>[] {
  const out: Attested<Location>[] = [];
  const seen = new Set<string>();
  for (const l of r.locations) {
    const p = l.value.place;
    if (p.featureCode.startsWith('PCL') || p.featureCode.startsWith('ADM')) continue;
    const key = p.geonameid !== null ? String(p.geonameid) : `${p.countryCode}:${p.name.toLowerCase()}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(l);
    if (out.length === MAX_GTD_PARTS) break;
  }
  if (out.length < 2) return [];
  const windows = [text.slice(r.anchor.start, r.anchor.end), ...out.flatMap((l) => l.evidence.map((e) => text.slice(Math.max(0, e.start - CUE_WINDOW), e.end + CUE_WINDOW)))];
  return windows.some((w) => COORDINATION_CUES.test(w)) ? out : [];
}

/** Words that tell attacks in several places as one coordinated attack. */
const COORDINATION_CUES = /\b(?:simultaneous(?:ly)?|coordinated|synchronized|twin (?:attacks|bombings|blasts)|series of|separate (?:attacks|bombings|blasts|explosions)|at the same time|in (?:two|three|four|several|multiple|both) (?:cities|towns|places|locations))\b/i;
/** Characters either side of a city's words searched for a cue: about the clause it is named in. */
const CUE_WINDOW = 120;

/** Rows one incident may make: the eventid's last digit numbers them. */
export const MAX_GTD_PARTS = 10;

/**
 * GTD's eventid for part `part` (its city's row, 0 for the first) of incident `id`: the incident date as
 * YYYYMMDD (zeros where unknown, as GTD writes an unknown month or day) and four digits made from the
 * stable incident id — its last three digits, then the part — so the same incident has the same eventid
 * in every export, whatever the filter. Two incidents of the same day whose ids end in the same three
 * digits would share an eventid: docs/formats.md says so.
 */
export function gtdEventId(r: IncidentReport, id: number, part = 0): string {
  const d = r.date.value;
  const y = d.year ?? 0;
  const mo = d.precision === 'day' || d.precision === 'month' ? d.month ?? 0 : 0;
  const da = d.precision === 'day' ? d.day ?? 0 : 0;
  const suffix = (Math.abs(id) % 1000) * 10 + Math.min(part, MAX_GTD_PARTS - 1);
  return `${String(y).padStart(4, '0')}${String(mo).padStart(2, '0')}${String(da).padStart(2, '0')}${String(suffix).padStart(4, '0')}`;
}

/**
 * Every eventid an incident's rows have (one per city, or one): what another incident's `related` lists.
 * `text` is its primary report's document text; `primary` that report as the incident's review has it.
 */
export function gtdEventIdsOf(incident: { id: number; reports: IncidentReport[] }, text: string, primary: IncidentReport = primaryReport(incident.reports)): string[] {
  const r = primary;
  const parts = Math.max(1, gtdCities(r, text).length);
  return Array.from({ length: parts }, (_, i) => gtdEventId(r, incident.id, i));
}
