import type { Attested, Location, Mention } from '../../../model/index.js';
import type { Gazetteer } from '../../../nlp/gazetteer/gazetteer.js';
import { matchesOf } from '../../../nlp/scan.js';
import {
  BIG_CITY_POPULATION, FACILITY_TOWN_LEAD_WORDS, FACILITY_TOWN_MAX_WORDS, FACILITY_TOWN_MIN_CHARS, IN_BEFORE_CHARS, INCIDENT_STAGE,
  NEAR_BEFORE_CHARS, ORIGIN_BEFORE_CHARS, PLACE_IN_CONFIDENCE, PLACE_NEAR_CONFIDENCE, PLACE_PREPOSITION_BEFORE_CHARS, POSSESSIVE_AFTER_CHARS,
} from '../constants.js';
import { contains, isCityMention, isCountry, isCountryMention, isOriginOrDirection, isRegion, isRegionMention } from '../geo.js';
import {
  CAPITALISED_WORD, COMMA_GAP, COUNTRY_IN_BEFORE, HYPHEN, IN_BEFORE, INSTITUTION_LEAD_WORD, LIST_GAP, LIST_GAP_MAX_CHARS, NEAR_BEFORE, PLACE_PREPOSITION_BEFORE,
  POSSESSIVE_AFTER, POSSESSIVE_END,
} from '../patterns.js';
import { attested, type Draft } from '../types.js';

/** Resolved place mentions counted: how many, how many per country, how many in a city of a million or more. */
interface PlaceTally {
  n: number;
  byCountry: Map<string, number>;
  big: number;
}

/** The document's resolved place mentions, tallied in all and per name (Mention.key), for strayReading. */
export interface PlaceCounts {
  all: PlaceTally;
  byKey: Map<string, PlaceTally>;
  /** The document's resolved place mentions, in text order: where a report whose clause names none happened. */
  mentions: Mention[];
}

const EMPTY_PLACE_TALLY: PlaceTally = { n: 0, byCountry: new Map(), big: 0 };

/** The document's resolved place mentions, tallied once per document. */
export function placeCounts(mentions: readonly Mention[]): PlaceCounts {
  const newTally = (): PlaceTally => ({ n: 0, byCountry: new Map(), big: 0 });
  const counts: PlaceCounts = { all: newTally(), byKey: new Map(), mentions: [] };
  for (const x of mentions) {
    if (x.type !== 'PLACE' || !x.place) continue;
    counts.mentions.push(x);
    let own = counts.byKey.get(x.key);
    if (!own) counts.byKey.set(x.key, (own = newTally()));
    for (const t of [counts.all, own]) {
      t.n++;
      t.byCountry.set(x.place.countryCode, (t.byCountry.get(x.place.countryCode) ?? 0) + 1);
      if ((x.place.population ?? 0) >= BIG_CITY_POPULATION) t.big++;
    }
  }
  return counts;
}

/**
 * Where a comma and the blanks after it, starting at `end`, stop (−1 when no comma is there): a place
 * starting after `end` and no later follows the city after only a comma ("Akron, Ohio"). Testing the
 * text between the city and each later place instead sliced the document once per pair: a fuzzed
 * 150 KB report naming Paris hundreds of times took 6–7 s.
 */
function commaGapEnd(text: string, end: number): number {
  COMMA_GAP.lastIndex = end;
  return COMMA_GAP.test(text) ? COMMA_GAP.lastIndex : -1;
}

/**
 * How a city mention sits in its sentence: "in Akron, Ohio, United States" names the incident's place the
 * way reports do (+2 when the region or country that follows contains it, +1 after "in"); "Alexander's
 * Department Store" is a business named after a person or place (−2); a city followed by a region or
 * country that does not contain it ("El Toro, California" read as El Toro, Spain) is a misreading (null).
 */
function placeFit(text: string, m: Mention, places: Mention[]): number | null {
  let score = 0;
  const gapEnd = commaGapEnd(text, m.end);
  const next = gapEnd < 0 ? undefined : places.find((p) => p !== m && p.start > m.end && p.start <= gapEnd);
  if (next?.place && (isRegion(next.place) || isCountry(next.place))) {
    if (!contains(next.place, m.place!)) return null;
    score += 2;
  }
  if (PLACE_PREPOSITION_BEFORE.test(text.slice(Math.max(0, m.start - PLACE_PREPOSITION_BEFORE_CHARS), m.start))) score += IN_BEFORE.test(text.slice(Math.max(0, m.start - IN_BEFORE_CHARS), m.start)) ? 1 : 0.5;
  if (POSSESSIVE_AFTER.test(text.slice(m.end, m.end + POSSESSIVE_AFTER_CHARS))) score -= 2;
  return score;
}

/**
 * A city named inside a facility's name, for an incident whose text names only the region: "Covington High
 * School in Louisiana" → Covington, Louisiana; "the Vallejo Police Department in California" → Vallejo. The
 * city must lie in a region (or, with no region, a country) the incident names, so a person's name in a
 * facility ("the Franklin Store") does not become a place.
 */
function cityInFacility(d: Draft, regions: Mention[], countries: Mention[], gaz: Gazetteer): Mention | null {
  const within = regions.length ? regions : countries;
  if (!within.length) return null;
  for (const f of d.facilities) {
    const words = [...matchesOf(f.text, CAPITALISED_WORD)];
    for (let i = 0; i < Math.min(words.length, FACILITY_TOWN_LEAD_WORDS); i++) {
      const c = townAt(f, words, i, within, gaz);
      if (c) return c;
      // Only the facility's leading words name its town: "Covington High School", "University of Illinois, Champaign-Urbana".
      if (i === 0 && !INSTITUTION_LEAD_WORD.test(words[0]![0])) break;
    }
  }
  return null;
}

/** The longest run of capitalised words from word `i` of a facility's name that names a city in `within`. */
function townAt(f: Mention, words: RegExpExecArray[], i: number, within: Mention[], gaz: Gazetteer): Mention | null {
  for (let n = Math.min(FACILITY_TOWN_MAX_WORDS, words.length - i); n >= 1; n--) {
    const first = words[i]!;
    const last = words[i + n - 1]!;
    const name = f.text.slice(first.index, last.index + last[0].length).split(HYPHEN)[0]!.replace(POSSESSIVE_END, '');
    if (name.length < FACILITY_TOWN_MIN_CHARS) continue;
    const c = gaz.lookup(name).find((x) => x.kind === 'city' && within.some((r) => contains(r.place!, x)));
    if (!c) continue;
    const start = f.start + first.index;
    return { type: 'PLACE', text: name, key: name.toLowerCase(), start, end: start + name.length, stage: INCIDENT_STAGE, place: c,
      reason: `gazetteer: a city named in the facility "${f.text}", in ${within.map((r) => r.text).join(', ')} which the text names` };
  }
  return null;
}

/**
 * A city read by population alone in a country no other place of the
 * document lies in, when the document's other places share another country
 * and the name has readings in several countries: "Westminster" read as a US
 * town in a report whose places are all in one other country is a misreading
 * of a place the gazetteer lacks.
 */
function strayReading(m: Mention, counts: PlaceCounts, gaz: Gazetteer): boolean {
  // The document's other places: every resolved place mention under another name.
  const own = counts.byKey.get(m.key) ?? EMPTY_PLACE_TALLY;
  const others = (t: (x: PlaceTally) => number): number => t(counts.all) - t(own);
  const inCountry = (cc: string) => (x: PlaceTally): number => x.byCountry.get(cc) ?? 0;
  if (others((x) => x.n) === 0 || others(inCountry(m.place!.countryCode)) > 0) return false;
  let countries = 0;
  for (const cc of counts.all.byCountry.keys()) if (others(inCountry(cc)) > 0) countries++;
  if (countries !== 1) return false;
  // Only against a city of the other country that reads as itself by a wide margin (a capital or a metropolis).
  if (others((x) => x.big) === 0) return false;
  const readings = gaz.lookup(m.text);
  return new Set(readings.map((r) => r.countryCode)).size > 1 || readings.length > 1;
}

/** Place names are shorter than this; a mention starting further back cannot end within a list's gap. */
const MAX_PLACE_NAME_CHARS = 200;

/**
 * The city before `byPos[i]` in a list with it ("Makhachkala and Derbent"): the first of byPos (by start,
 * last first) that ends a list's gap before it. Only the mentions just before it can: a scan of every
 * pair, a regex test each, made a fuzzed report naming one city 581 times take 2.7 s.
 */
function listPrevious(text: string, byPos: readonly Mention[], i: number): Mention | undefined {
  const m = byPos[i]!;
  // Mentions before i start at or after m, so none ends before it.
  for (let j = i + 1; j < byPos.length; j++) {
    const p = byPos[j]!;
    if (m.start - p.start > LIST_GAP_MAX_CHARS + MAX_PLACE_NAME_CHARS) return undefined;
    if (p.end < m.start && m.start - p.end <= LIST_GAP_MAX_CHARS && LIST_GAP.test(text.slice(p.end, m.start))) return p;
  }
  return undefined;
}

/**
 * The incident's cities, best-placed first: cities the text places in another region or country are
 * misreadings and dropped; only a city the text confirms ("in Akron, Ohio") moves ahead, and only a
 * business name ("Alexander's Department Store") falls behind; otherwise the text's order stands.
 */
function rankedCities(text: string, places: Mention[]): Mention[] {
  const fit = new Map<Mention, number | null>(places.filter(isCityMention).map((m) => [m, placeFit(text, m, places)]));
  // A list shares its region: "in Makhachkala and Derbent, Russia" confirms both.
  const byPos = places.filter(isCityMention).sort((a, b) => b.start - a.start);
  for (let i = 0; i < byPos.length; i++) {
    const m = byPos[i]!;
    const prev = listPrevious(text, byPos, i);
    const fm = fit.get(m);
    const fp = prev ? fit.get(prev) : undefined;
    if (prev && fm != null && fm >= 2 && fp != null && fp < fm) fit.set(prev, fm);
  }
  const cities = places.filter(isCityMention).filter((m) => fit.get(m) !== null);
  const bucket = (m: Mention): number => (fit.get(m)! >= 2 ? 0 : fit.get(m)! < 0 ? 2 : 1);
  return cities.map((m, i) => ({ m, i })).sort((a, b) => bucket(a.m) - bucket(b.m) || a.i - b.i).map((x) => x.m);
}

/**
 * Places: the most specific named places; regions and countries that only contain them are dropped. A
 * report whose clause names no place takes the document's country.
 */
export function reportLocations(text: string, d: Draft, counts: PlaceCounts, country: Attested<Location> | null, gaz: Gazetteer): Attested<Location>[] {
  const locations = buildLocations(text, d, counts, gaz);
  if (!locations.length && country) locations.push(documentPlace(text, d, counts, country, gaz) ?? country);
  return locations;
}

/**
 * Where a report whose own clause names no place happened, from the rest of the document: the place the
 * document names in its country, chosen as a clause's places are (a city the text confirms first, then
 * text order; a region when no city is named). "Two factions of butchers engaged in a street fight in
 * Kumasi (Kumasi, Ashanti). Police arrested 16 people." — the arrest is in Kumasi, not just in Ghana.
 * Places of other countries (an origin, a foreign capital in passing) are not candidates.
 */
function documentPlace(text: string, d: Draft, counts: PlaceCounts, country: Attested<Location>, gaz: Gazetteer): Attested<Location> | null {
  const cc = country.value.place.countryCode;
  const best = documentBest(text, d, counts, cc, gaz);
  if (!best) return null;
  return { ...best, evidence: best.evidence.map((e) => ({ ...e })), confidence: Math.min(best.confidence, country.confidence),
    reason: `no place in the incident's clause; the document's place in ${country.value.place.countryName}: ${best.reason}` };
}

/**
 * The document's best place in a country, once per document and country: it reads only the document's
 * places (not the report's), and working it out for each report that names no place was quadratic (a
 * fuzzed text of 1 450 repeated paragraphs, each a report naming Paris, took 13 s).
 */
const documentBests = new WeakMap<PlaceCounts, Map<string, Attested<Location> | null>>();
function documentBest(text: string, d: Draft, counts: PlaceCounts, cc: string, gaz: Gazetteer): Attested<Location> | null {
  let byCountry = documentBests.get(counts);
  if (!byCountry) documentBests.set(counts, (byCountry = new Map()));
  if (byCountry.has(cc)) return byCountry.get(cc)!;
  const places = counts.mentions.filter((m) => m.place!.countryCode === cc && !isCountry(m.place!));
  const best = places.length ? buildLocations(text, { ...d, places, facilities: [] }, counts, gaz)[0] ?? null : null;
  byCountry.set(cc, best);
  return best;
}

function buildLocations(text: string, d: Draft, counts: PlaceCounts, gaz: Gazetteer): Attested<Location>[] {
  const places = d.places.filter((m) => m.place && !(isCityMention(m) && strayReading(m, counts, gaz)));
  let cities = rankedCities(text, places);
  const regions = places.filter(isRegionMention);
  if (!cities.length) {
    const f = cityInFacility(d, regions, places.filter(isCountryMention), gaz);
    if (f) cities = [f];
  }
  let chosen: Mention[];
  if (cities.length) chosen = cities;
  else if (regions.length) chosen = regions;
  else chosen = places;
  const out: Attested<Location>[] = [];
  const seen = new Set<string>();
  for (const m of chosen) {
    // "a flight from Tel Aviv", "migrants from Tajikistan": an origin, not where it happened.
    const before12 = text.slice(Math.max(0, m.start - ORIGIN_BEFORE_CHARS), m.start);
    if (isOriginOrDirection(text, m)) continue;
    // A country is where it happened only when the text says so ("in
    // Afghanistan"); "Putin blames Ukraine" names an actor.
    if (isCountry(m.place!) && !COUNTRY_IN_BEFORE.test(before12)) continue;
    const key = `${m.place!.geonameid}:${m.place!.name}`;
    if (seen.has(key)) {
      const prev = out.find((o) => `${o.value.place.geonameid}:${o.value.place.name}` === key);
      prev?.evidence.push({ start: m.start, end: m.end });
      continue;
    }
    seen.add(key);
    const before = text.slice(Math.max(0, m.start - NEAR_BEFORE_CHARS), m.start);
    const relation: Location['relation'] = NEAR_BEFORE.test(before) ? 'near' : 'in';
    const context = [...cities, ...regions].filter((x) => x !== m).map((x) => x.text);
    out.push(attested({ place: m.place!, relation }, [{ start: m.start, end: m.end }], relation === 'near' ? PLACE_NEAR_CONFIDENCE : PLACE_IN_CONFIDENCE,
      `place named in the incident's clause${relation === 'near' ? ' ("near": the incident was outside it)' : ''}; ${m.reason}${context.length ? `; also named: ${[...new Set(context)].join(', ')}` : ''}`));
  }
  return out;
}
