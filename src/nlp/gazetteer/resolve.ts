/**
 * Chooses one reading for each PLACE mention of a document.
 *
 * All mentions with the same normalised name share one reading ("one sense
 * per document"). Each candidate gets a score = prior + context:
 *
 *   prior    log10(population) of the city, or of the sum of a region's /
 *            country's cities; a bonus for capitals and seats; a bonus for a
 *            country reading of a bare name; a penalty for a region that has
 *            the same name as a city inside it ("Kharkiv" is the city).
 *   context  the candidate's country is named elsewhere in the document (as a
 *            country, a demonym, or the country of another place); its
 *            admin1 region is named (or is the region of another place); it
 *            lies near another place already resolved.
 *
 * Unambiguous names are resolved first. Then, round by round, names whose
 * best reading leads the next by CONFIDENT_MARGIN are resolved; when none
 * does, the one with the largest lead is. Each resolved name becomes context
 * for the rest. Evidence from a name never counts for that same name.
 */
import type { Mention, PlaceRef } from '../../model/index.js';
import { getGazetteerImpl, type PlaceCandidate, type RefCandidate } from './gazetteer.js';
import { normaliseName } from './normalize.js';

export const PLACE_STAGE = 'nlp.places';

/** Scoring constants, in log10-population units (1.0 = ten times the population). */
export const SCORING = {
  /** Weight of log10(population + 1). */
  POPULATION_WEIGHT: 1.0,
  /** Cities at least this big are world cities (London, Lagos, Karachi). */
  WORLD_CITY_POPULATION: 1_000_000,
  /** A world city's bare name resists weak context for a namesake town. */
  WORLD_CITY_BONUS: 2.0,
  /** National capital (PPLC). */
  CAPITAL_BONUS: 1.5,
  /** Seat of a first-level division (PPLA). */
  ADMIN1_SEAT_BONUS: 1.0,
  /** Seat of a second-level division (PPLA2). */
  ADMIN2_SEAT_BONUS: 0.5,
  /** Section of a populated place (PPLX: a district of a city); rarely what a bare name means. */
  SECTION_PENALTY: -1.0,
  /** A bare name that is a country's name reads as the country ("Georgia", "Jordan"). */
  COUNTRY_READING_BONUS: 2.0,
  /** A region named like a city inside it ("Kharkiv", "Idlib", "Moscow"): the bare name means the city. */
  REGION_SHADOWED_PENALTY: -2.5,
  /** The candidate's country is named in the document (country, demonym, or another place's country). */
  COUNTRY_IN_TEXT_BONUS: 4.0,
  /** The candidate's admin1 region is itself mentioned ("Dagestan"). */
  ADMIN1_IN_TEXT_BONUS: 3.0,
  /** The candidate's admin1 region is the region of another resolved place. */
  ADMIN1_OF_OTHER_PLACE_BONUS: 1.0,
  /** Within NEAR_KM of another resolved place. */
  NEAR_BONUS: 2.0,
  NEAR_KM: 300,
  /** Within REGION_KM of another resolved place (and not within NEAR_KM). */
  REGION_BONUS: 1.0,
  REGION_KM: 1000,
  /** A reading leading the next one by this much is taken in the current round. */
  CONFIDENT_MARGIN: 2.0,
  /** Context differences smaller than this count as "no context difference". */
  EPSILON: 1e-6,
} as const;

interface Group {
  id: number;
  key: string;
  mentions: Mention[];
  cands: RefCandidate[];
  chosen: RefCandidate | null;
  done: boolean;
}

interface Evidence {
  /** Country code → labels of the groups/mentions that give it. */
  countries: Map<string, Array<{ group: number; label: string }>>;
  /** Admin1 index → explicit mentions of the region. */
  admin1Named: Map<number, Array<{ group: number; label: string }>>;
  /** Admin1 index → places in it. */
  admin1OfPlace: Map<number, Array<{ group: number; label: string }>>;
  points: Array<{ group: number; label: string; lat: number; lon: number }>;
}

interface Scored {
  rc: RefCandidate;
  total: number;
  prior: number;
  context: number;
  why: string[];
}

export function resolvePlaces(mentions: Mention[]): void {
  const gaz = getGazetteerImpl();
  const groups: Group[] = [];
  const byKey = new Map<string, Group>();
  for (const m of mentions) {
    if (m.type !== 'PLACE') continue;
    let cands = gaz.lookupRefs(m.text);
    let key = normaliseName(m.text).replace(/^the /, '');
    if (cands.length === 0 && m.key) {
      cands = gaz.lookupRefs(m.key);
      if (cands.length > 0) key = normaliseName(m.key).replace(/^the /, '');
    }
    let g = byKey.get(key);
    if (!g) {
      g = { id: groups.length, key, mentions: [], cands, chosen: null, done: false };
      byKey.set(key, g);
      groups.push(g);
    }
    g.mentions.push(m);
  }

  // Names with no entry, and names with exactly one reading.
  for (const g of groups) {
    if (g.cands.length === 0) {
      finish(g, null, `places: "${g.mentions[0]!.text}" is not in the gazetteer`);
    } else if (g.cands.length === 1) {
      finish(g, g.cands[0]!, `places: ${label(g.cands[0]!.cand)} — the only reading of "${g.mentions[0]!.text}"`);
    }
  }

  // Country evidence from demonyms ("Russian") is fixed for the document.
  const norp: Array<{ cc: string; label: string }> = [];
  for (const m of mentions) if (m.type === 'NORP' && m.countryCode) norp.push({ cc: m.countryCode, label: `"${m.text}"` });

  for (;;) {
    const open = groups.filter((g) => !g.done);
    if (open.length === 0) break;
    const ev = evidence(groups, norp);
    const ranked = open.map((g) => {
      const scored = g.cands.map((rc) => score(rc, g, ev)).sort((a, b) => b.total - a.total);
      const margin = scored.length > 1 ? scored[0]!.total - scored[1]!.total : Infinity;
      return { g, scored, margin };
    });
    let take = ranked.filter((r) => r.margin >= SCORING.CONFIDENT_MARGIN);
    if (take.length === 0) {
      ranked.sort((a, b) => b.margin - a.margin);
      take = [ranked[0]!];
    }
    for (const r of take) finish(r.g, r.scored[0]!.rc, explain(r.g, r.scored));
  }
}

function finish(g: Group, rc: RefCandidate | null, reason: string): void {
  g.chosen = rc;
  g.done = true;
  for (const m of g.mentions) {
    m.place = rc ? toPlaceRef(rc.cand) : null;
    m.reason = m.reason ? `${m.reason}; ${reason}` : reason;
  }
}

function toPlaceRef(c: PlaceCandidate): PlaceRef {
  return {
    geonameid: c.geonameid,
    name: c.name,
    featureCode: c.featureCode,
    lat: c.lat,
    lon: c.lon,
    countryCode: c.countryCode,
    countryName: c.countryName,
    admin1Code: c.admin1Code,
    admin1Name: c.admin1Name,
    population: c.population,
  };
}

function evidence(groups: Group[], norp: Array<{ cc: string; label: string }>): Evidence {
  const ev: Evidence = { countries: new Map(), admin1Named: new Map(), admin1OfPlace: new Map(), points: [] };
  const push = <K>(map: Map<K, Array<{ group: number; label: string }>>, k: K, group: number, lbl: string): void => {
    let a = map.get(k);
    if (!a) map.set(k, (a = []));
    a.push({ group, label: lbl });
  };
  for (const n of norp) push(ev.countries, n.cc, -1, n.label);
  for (const g of groups) {
    const text = g.mentions[0]!.text;
    if (g.done) {
      if (!g.chosen) continue;
      const c = g.chosen.cand;
      push(ev.countries, c.countryCode, g.id, text);
      if (c.kind === 'admin1') push(ev.admin1Named, g.chosen.admin1Index, g.id, text);
      else if (g.chosen.admin1Index >= 0) push(ev.admin1OfPlace, g.chosen.admin1Index, g.id, text);
      if (c.kind !== 'country' && c.lat !== null && c.lon !== null) ev.points.push({ group: g.id, label: text, lat: c.lat, lon: c.lon });
    } else {
      // An ambiguous name whose readings all lie in one country still names that country.
      const cc = g.cands[0]!.cand.countryCode;
      if (g.cands.every((rc) => rc.cand.countryCode === cc)) push(ev.countries, cc, g.id, text);
    }
  }
  return ev;
}

function priorOf(rc: RefCandidate, g: Group): { prior: number; notes: string[] } {
  const c = rc.cand;
  let prior = SCORING.POPULATION_WEIGHT * Math.log10(rc.priorPopulation + 1);
  const notes: string[] = [];
  if (c.kind === 'city') {
    // A world city is what its bare name means unless the text says otherwise
    // plainly: "London" in a report that also mentions an American from Utah.
    if ((c.population ?? 0) >= SCORING.WORLD_CITY_POPULATION) prior += SCORING.WORLD_CITY_BONUS;
    if (c.featureCode === 'PPLC') prior += SCORING.CAPITAL_BONUS;
    else if (c.featureCode === 'PPLA') prior += SCORING.ADMIN1_SEAT_BONUS;
    else if (c.featureCode === 'PPLA2') prior += SCORING.ADMIN2_SEAT_BONUS;
    else if (c.featureCode === 'PPLX') prior += SCORING.SECTION_PENALTY;
  } else if (c.kind === 'country') {
    prior += SCORING.COUNTRY_READING_BONUS;
  } else {
    // A region whose name is also a city inside it.
    const shadowed = g.cands.some((o) => o.cand.kind === 'city' && o.admin1Index === rc.admin1Index);
    if (shadowed) {
      prior += SCORING.REGION_SHADOWED_PENALTY;
      notes.push('a city inside it has the same name');
    }
  }
  return { prior, notes };
}

function score(rc: RefCandidate, g: Group, ev: Evidence): Scored {
  const c = rc.cand;
  const { prior } = priorOf(rc, g);
  let context = 0;
  const why: string[] = [];
  const others = (a: Array<{ group: number; label: string }> | undefined): string[] =>
    [...new Set((a ?? []).filter((x) => x.group !== g.id).map((x) => x.label))];

  const cs = others(ev.countries.get(c.countryCode));
  if (cs.length > 0) {
    context += SCORING.COUNTRY_IN_TEXT_BONUS;
    why.push(`country ${c.countryCode} is in the text (${cs.slice(0, 3).join(', ')})`);
  }
  if (c.kind !== 'country' && rc.admin1Index >= 0) {
    const named = c.kind === 'admin1' ? [] : others(ev.admin1Named.get(rc.admin1Index));
    if (named.length > 0) {
      context += SCORING.ADMIN1_IN_TEXT_BONUS;
      why.push(`its region ${c.admin1Name} is named (${named.slice(0, 3).join(', ')})`);
    } else {
      const via = others(ev.admin1OfPlace.get(rc.admin1Index));
      if (via.length > 0) {
        context += SCORING.ADMIN1_OF_OTHER_PLACE_BONUS;
        why.push(`${via.slice(0, 3).join(', ')} ${via.length > 1 ? 'are' : 'is'} in the same region (${c.admin1Name})`);
      }
    }
  }
  if (c.kind !== 'country' && c.lat !== null && c.lon !== null) {
    let best: { label: string; km: number } | null = null;
    for (const p of ev.points) {
      if (p.group === g.id) continue;
      const km = haversineKm(c.lat, c.lon, p.lat, p.lon);
      if (!best || km < best.km) best = { label: p.label, km };
    }
    if (best && best.km <= SCORING.NEAR_KM) {
      context += SCORING.NEAR_BONUS;
      why.push(`${Math.round(best.km)} km from ${best.label}`);
    } else if (best && best.km <= SCORING.REGION_KM) {
      context += SCORING.REGION_BONUS;
      why.push(`${Math.round(best.km)} km from ${best.label}`);
    }
  }
  return { rc, total: prior + context, prior, context, why };
}

function explain(g: Group, scored: Scored[]): string {
  const w = scored[0]!;
  const r = scored[1];
  const text = g.mentions[0]!.text;
  const head = `places: ${label(w.rc.cand)} for "${text}"`;
  if (!r) return `${head} — the only reading`;
  const vs = `over ${label(r.rc.cand)} (score ${w.total.toFixed(1)} vs ${r.total.toFixed(1)}; ${scored.length} readings)`;
  if (w.context - r.context > SCORING.EPSILON) {
    return `${head} — ${w.why.join('; ')}; ${vs}`;
  }
  // Context does not separate the two: the prior decided.
  const pw = w.rc.priorPopulation;
  const pr = r.rc.priorPopulation;
  const ctx = w.why.length > 0 ? ` (both fit: ${w.why.join('; ')})` : '';
  let by: string;
  if (w.rc.cand.kind === 'country' && r.rc.cand.kind !== 'country') by = 'a bare country name reads as the country';
  else if (w.rc.cand.kind === 'city' && r.rc.cand.kind === 'admin1' && w.rc.admin1Index === r.rc.admin1Index)
    by = 'the region shares its name with this city, and the bare name reads as the city';
  else if (pw >= pr) by = `chosen by population (${pw.toLocaleString('en-US')} vs ${pr.toLocaleString('en-US')})`;
  else by = `chosen by feature rank (${w.rc.cand.featureCode} vs ${r.rc.cand.featureCode})`;
  return `${head} — no context tells the readings apart${ctx}; ${by}; ${vs}`;
}

function label(c: PlaceCandidate): string {
  const parts = [c.name];
  if (c.kind === 'city' && c.admin1Name) parts.push(c.admin1Name);
  if (c.kind !== 'country') parts.push(c.countryCode);
  const id = c.geonameid !== null ? ` (${c.geonameid})` : c.kind === 'country' ? ' (country)' : ' (admin1)';
  return parts.join(', ') + id;
}

export function haversineKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const R = 6371;
  const toRad = Math.PI / 180;
  const dLat = (lat2 - lat1) * toRad;
  const dLon = (lon2 - lon1) * toRad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * toRad) * Math.cos(lat2 * toRad) * Math.sin(dLon / 2) ** 2;
  return 2 * R * Math.asin(Math.min(1, Math.sqrt(a)));
}
