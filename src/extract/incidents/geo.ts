import type { Mention, PlaceRef, Span } from '../../model/index.js';
import { RISKY_MAX_POPULATION, type Gazetteer } from '../../nlp/gazetteer/gazetteer.js';
import { ORIGIN_BEFORE_CHARS } from './constants.js';
import { GENERIC_FACILITY_WORD, LEADING_ARTICLE, ORIGIN_BEFORE, WHITESPACE } from './patterns.js';

/**
 * Place and facility helpers of the incident stage, defined once: what level a place is (country, region,
 * city), the keys places are bucketed by, and how facility names are compared.
 */

/** A country (GeoNames PCL*). */
export function isCountry(p: PlaceRef): boolean {
  return p.featureCode.startsWith('PCL');
}

/** A first-level region or other administrative division (GeoNames ADM*). */
export function isRegion(p: PlaceRef): boolean {
  return p.featureCode.startsWith('ADM');
}

/** A resolved place mention that is a country. */
export function isCountryMention(m: Mention): boolean {
  return !!m.place && isCountry(m.place);
}

/** A resolved place mention that is a region. */
export function isRegionMention(m: Pick<Mention, 'place'>): boolean {
  return !!m.place && isRegion(m.place);
}

/** Distinctive place: a city (not a country or a first-level region). */
export function isCityMention(m: Pick<Mention, 'place'>): boolean {
  return !!m.place && !isCountry(m.place) && !isRegion(m.place);
}

/** A city's bucket key: its GeoNames id and name. */
export function cityKey(p: PlaceRef): string {
  return `${p.geonameid}|${p.name}`;
}

/** A place's region's bucket key: its first-level region and country. */
export function regionKey(p: PlaceRef): string {
  return JSON.stringify([p.admin1Name, p.countryCode]);
}

/** Whether a region or country mention contains a place. */
export function contains(outer: PlaceRef, inner: PlaceRef): boolean {
  if (outer.countryCode !== inner.countryCode) return false;
  if (isCountry(outer)) return true;
  return isRegion(outer) ? inner.admin1Name === outer.name || inner.admin1Code === outer.admin1Code : false;
}

/** "a flight from Tel Aviv", "travelling towards Crimea": an origin or a direction, not where it happened. */
export function isOriginOrDirection(text: string, m: Span): boolean {
  return ORIGIN_BEFORE.test(text.slice(Math.max(0, m.start - ORIGIN_BEFORE_CHARS), m.start));
}

/**
 * A target that is only a place name is where, not what: "kidnapped in colombia", "one person was killed
 * in tulcan". The role rules drop place mentions, but lower-case wire text (MUC-4) has none, so the name
 * itself is looked up: a country, or a town of at least RISKY_MAX_POPULATION people (smaller places share
 * their names with common words: "Embassy", "Farm").
 */
export function isPlaceName(name: string, g: Gazetteer): boolean {
  const bare = name.replace(LEADING_ARTICLE, '').trim();
  if (g.country(bare)) return true;
  return g.lookup(bare).some((c) => (c.population ?? 0) >= RISKY_MAX_POPULATION);
}

/** Distinctive words of a facility name: "Crocus City Hall" and "Crocus City concert hall" share "crocus". */
export function distinctive(m: Pick<Mention, 'key'>): string[] {
  return m.key.split(WHITESPACE).filter((w) => w.length > 3 && !GENERIC_FACILITY_WORD.test(w));
}

/** Two lists of facilities that share a distinctive word: the same facility named twice. */
export function sameFacility(a: readonly Pick<Mention, 'key'>[], b: readonly Pick<Mention, 'key'>[]): boolean {
  return a.some((f) => {
    const w = distinctive(f);
    return b.some((g) => distinctive(g).some((x) => w.includes(x)));
  });
}

/** Facilities less those that share a distinctive word with one listed before. */
export function dedupeFacilities(fs: Mention[]): Mention[] {
  const out: Mention[] = [];
  for (const f of fs) if (!out.some((o) => distinctive(o).some((w) => distinctive(f).includes(w)))) out.push(f);
  return out;
}
