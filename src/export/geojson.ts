import type { IncidentReport, Span } from '../model/index.js';
import { isoOfDate } from '../model/index.js';
import type { HeadlinePolicy } from '../resolve/index.js';
import type { IncidentFilter, Store } from '../store/index.js';
import { acledGeoPrecision } from './acled.js';
import { roundCoord, sourceNames } from './common.js';
import { citation, count, eachItem, withReview, type ExportItem } from './records.js';
import { emptyReview } from '../review/index.js';

/**
 * GeoJSON (RFC 7946): one FeatureCollection, written feature by feature. Each incident with coordinates
 * is a Point at its first place, [longitude, latitude] in WGS 84 with at most six decimals (about 0.1 m;
 * RFC 7946 §11.2 advises no more). Incidents without coordinates are not features: they are listed in the
 * collection's foreign member `unlocated` (§6.1), each with its id and why, after the features.
 */

/** Feature properties, in order (docs/formats.md says how each is decided). */
export const GEOJSON_PROPERTIES = [
  'id', 'label', 'date', 'date_precision', 'type', 'acled_event_type', 'acled_sub_event_type', 'gtd_attack_type', 'plover_event',
  'country', 'country_code', 'admin1', 'location', 'geo_precision', 'other_locations', 'fatalities', 'injured', 'actors', 'targets',
  'sources', 'citations', 'source_count', 'evidence_count', 'reviewed',
] as const;

/** Incidents per page of the second pass (no documents are read: pages can be larger than an export's). */
const UNLOCATED_PAGE = 500;

/** Decimal places of a coordinate: RFC 7946 §11.2 (six give about 10 cm). */
const COORD_DIGITS = 6;

/** Why an incident has no point, when it has none; null when it has one. */
export function unlocatedReason(r: IncidentReport): string | null {
  const loc = r.locations[0]?.value.place;
  if (!loc) return 'no place named in its reports';
  if (loc.lat === null || loc.lon === null) return `place "${loc.name}" has no coordinates in the gazetteer`;
  return null;
}

/** The GeoJSON Feature of an item, or null when it has no coordinates (see unlocatedReason). */
export function geojsonFeature(item: ExportItem): Record<string, unknown> | null {
  const r = item.primary;
  const l = r.locations[0]?.value;
  const p = l?.place;
  if (!l || !p || p.lat === null || p.lon === null || unlocatedReason(r)) return null;
  const t = r.type.value;
  const names = (xs: { value: { name: string } }[]): string[] => [...new Set(xs.map((x) => x.value.name))];
  const properties: Record<(typeof GEOJSON_PROPERTIES)[number], unknown> = {
    id: item.incident.id,
    label: r.label,
    date: isoOfDate(r.date.value),
    date_precision: r.date.value.precision,
    type: t.kind,
    acled_event_type: t.acledEvent || null,
    acled_sub_event_type: t.acledSubEvent || null,
    gtd_attack_type: t.gtdAttackType,
    plover_event: t.ploverEvent === 'FIGHT' ? 'ASSAULT' : t.ploverEvent,
    country: p.countryName || null,
    country_code: p.countryCode || null,
    admin1: p.admin1Name ?? (p.featureCode === 'ADM1' ? p.name : null),
    location: p.featureCode.startsWith('PCL') ? null : p.name,
    geo_precision: Number(acledGeoPrecision(p, l.relation)),
    other_locations: [...new Set(r.locations.slice(1).map((x) => x.value.place.name))],
    fatalities: count(item, 'killedTotal'),
    injured: count(item, 'injured'),
    actors: names(r.perpetrators),
    targets: names(r.targets),
    sources: sourceNames(item),
    citations: item.incident.reports.map((rep) => citation(item, rep)).filter(Boolean),
    source_count: item.incident.sources,
    evidence_count: evidenceCount(item.incident.reports),
    reviewed: item.review ? item.review.reviewed : null,
  };
  return {
    type: 'Feature',
    id: item.incident.id,
    geometry: { type: 'Point', coordinates: [roundCoord(p.lon, COORD_DIGITS), roundCoord(p.lat, COORD_DIGITS)] },
    properties,
  };
}

/** Evidence spans behind an incident's values, over all its reports: every attested value's spans. */
export function evidenceCount(reports: IncidentReport[]): number {
  let n = 0;
  const add = (a: { evidence: Span[] } | null): void => {
    if (a) n += a.evidence.length;
  };
  for (const r of reports) {
    add(r.type);
    add(r.date);
    for (const list of [r.locations, r.perpetrators, r.targets, r.victims, r.weapons, r.facilities]) for (const a of list) add(a);
    for (const c of [r.killedVictims, r.killedPerpetrators, r.killedTotal, r.injured, r.arrested]) add(c);
  }
  return n;
}

/**
 * Stream the FeatureCollection. Features come first, page by page; the unlocated incidents are found in a
 * second pass over the same filter that reads the incidents alone (no documents), so memory stays flat
 * however many there are of either.
 */
export async function writeGeojson(store: Store, policy: HeadlinePolicy, filter: IncidentFilter, write: (text: string) => void): Promise<{ records: number; unlocated: number }> {
  write('{"type":"FeatureCollection","features":[');
  let records = 0;
  for await (const it of eachItem(store, filter, policy)) {
    const f = geojsonFeature(it);
    if (!f) continue;
    write(`${records ? ',' : ''}\n${JSON.stringify(f)}`);
    records++;
  }
  write('\n],"unlocated":[');
  let unlocated = 0;
  // The incidents alone, a page at a time, as their reviews have them (a corrected place counts).
  for (let after: number | null = null, first = true; first || after !== null; first = false) {
    const page = await store.incidentPage(filter, after, UNLOCATED_PAGE);
    const reviews = await store.reviewsOf(page.incidents.map((i) => i.id));
    for (const stored of page.incidents) {
      const { incident, primary } = withReview(stored, reviews.get(stored.id) ?? emptyReview());
      const why = unlocatedReason(primary);
      if (!why) continue;
      write(`${unlocated ? ',' : ''}\n${JSON.stringify({ id: incident.id, label: primary.label, date: isoOfDate(primary.date.value), why })}`);
      unlocated++;
    }
    after = page.next;
  }
  write('\n]}\n');
  return { records, unlocated };
}
