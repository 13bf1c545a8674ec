import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * Country codes the export formats need beyond the gazetteer's ISO alpha-2: ISO 3166 alpha-3 and
 * numeric (ACLED `iso`, `event_id_cnty`, PLOVER actor and place codes), ACLED's region, and GTD's
 * own country and region numbers. Alpha-3, numeric and the UN subregion come from `world-countries`
 * (a runtime dependency already, ODbL), read once on first use.
 */
export interface CountryCodes {
  iso2: string;
  iso3: string;
  /** ISO 3166 numeric, as ACLED writes it (no leading zeros); Kosovo, which has none, is 0 as ACLED codes it. */
  isoNumeric: number | null;
  acledRegion: string;
}

interface WorldCountry {
  cca2: string;
  cca3: string;
  ccn3: string;
  region: string;
  subregion: string;
  name: { common: string; official: string };
  altSpellings: string[];
  demonyms?: { eng?: { m: string; f: string } };
}

let table: Map<string, CountryCodes> | null = null;
/** Lower-case country names, alternative spellings and English demonyms → ISO alpha-2. */
let names: Map<string, string> | null = null;

function load(): Map<string, CountryCodes> {
  const require = createRequire(import.meta.url);
  const rows = JSON.parse(readFileSync(require.resolve('world-countries/countries.json'), 'utf8')) as WorldCountry[];
  const out = new Map<string, CountryCodes>();
  names = new Map();
  for (const c of rows) {
    const numeric = c.ccn3 ? Number(c.ccn3) : c.cca2 === 'XK' ? 0 : null;
    out.set(c.cca2, { iso2: c.cca2, iso3: c.cca2 === 'XK' ? 'XKX' : c.cca3, isoNumeric: numeric, acledRegion: acledRegionOf(c) });
    for (const n of [c.name.common, c.name.official, ...c.altSpellings.filter((a) => a.length > 3), c.demonyms?.eng?.m, c.demonyms?.eng?.f]) {
      if (n && !names.has(n.toLowerCase())) names.set(n.toLowerCase(), c.cca2);
    }
  }
  for (const [demonym, code] of Object.entries(EXTRA_DEMONYMS)) names.set(demonym, code);
  return out;
}

/**
 * Demonyms `world-countries` spells otherwise or lacks ("Tadzhik"), as reports write them. The exports
 * read countries from this table rather than the gazetteer: loading the gazetteer for a few names
 * would double an export's memory.
 */
const EXTRA_DEMONYMS: Record<string, string> = {
  tajik: 'TJ', uzbek: 'UZ', kyrgyz: 'KG', afghan: 'AF', emirati: 'AE', british: 'GB', american: 'US', congolese: 'CD', filipino: 'PH',
  saudi: 'SA', israeli: 'IL', palestinian: 'PS', russian: 'RU', ukrainian: 'UA', syrian: 'SY', iraqi: 'IQ', iranian: 'IR', turkish: 'TR',
};

/** The ISO alpha-2 code of a country's name, alternative spelling or English demonym ("Tajikistan", "Tajik", "Russian"); null when none. */
export function countryOfName(name: string | null | undefined): string | null {
  if (!name) return null;
  table ??= load();
  const key = name.trim().toLowerCase();
  return names!.get(key) ?? names!.get(key.replace(PLURAL_S, '')) ?? null;
}
const PLURAL_S = /s$/;

/** The codes of a country by its ISO alpha-2 code (the gazetteer's), or null for an unknown code. */
export function countryCodes(iso2: string | null | undefined): CountryCodes | null {
  if (!iso2) return null;
  table ??= load();
  return table.get(iso2.toUpperCase()) ?? null;
}

/**
 * ACLED's region for a country. ACLED's regions follow the UN subregions with its own names and a
 * few moves: Iran is in the Middle East, not South Asia; the Caucasus goes with Central Asia; Mexico
 * is in Central America; Cyprus is in Europe.
 */
function acledRegionOf(c: WorldCountry): string {
  const moved = ACLED_REGION_MOVES[c.cca2];
  if (moved) return moved;
  if (c.region === 'Europe') return 'Europe';
  if (c.region === 'Oceania') return 'Oceania';
  if (c.region === 'Antarctic') return 'Antarctica';
  return ACLED_REGION_BY_SUBREGION[c.subregion] ?? c.subregion;
}

const ACLED_REGION_MOVES: Record<string, string> = {
  IR: 'Middle East', AM: 'Caucasus and Central Asia', AZ: 'Caucasus and Central Asia', GE: 'Caucasus and Central Asia',
  MX: 'Central America', CY: 'Europe',
};

const ACLED_REGION_BY_SUBREGION: Record<string, string> = {
  'Western Africa': 'Western Africa', 'Middle Africa': 'Middle Africa', 'Eastern Africa': 'Eastern Africa',
  'Southern Africa': 'Southern Africa', 'Northern Africa': 'Northern Africa',
  'Southern Asia': 'South Asia', 'South-Eastern Asia': 'Southeast Asia', 'Eastern Asia': 'East Asia',
  'Central Asia': 'Caucasus and Central Asia', 'Western Asia': 'Middle East',
  'North America': 'North America', 'Central America': 'Central America', 'Caribbean': 'Caribbean', 'South America': 'South America',
};

/** GTD's region numbers and names (GTD codebook, `region`/`region_txt`). */
export const GTD_REGIONS: Record<number, string> = {
  1: 'North America', 2: 'Central America & Caribbean', 3: 'South America', 4: 'East Asia', 5: 'Southeast Asia', 6: 'South Asia',
  7: 'Central Asia', 8: 'Western Europe', 9: 'Eastern Europe', 10: 'Middle East & North Africa', 11: 'Sub-Saharan Africa', 12: 'Australasia & Oceania',
};

/**
 * GTD's region for a country, by ISO alpha-2. GTD puts the Caucasus in Central Asia, Iran and North
 * Africa (but Sudan) with the Middle East, Mexico in North America, and the former Eastern bloc
 * (Baltics and Balkans included) in Eastern Europe.
 */
export function gtdRegion(iso2: string): number | null {
  const moved = GTD_REGION_MOVES[iso2];
  if (moved) return moved;
  const c = countryCodes(iso2);
  if (!c) return null;
  return GTD_REGION_BY_ACLED[c.acledRegion] ?? null;
}

const EASTERN_EUROPE = ['AL', 'BA', 'BG', 'BY', 'CZ', 'EE', 'HR', 'HU', 'LT', 'LV', 'MD', 'ME', 'MK', 'PL', 'RO', 'RS', 'RU', 'SI', 'SK', 'UA', 'XK'];
const GTD_REGION_MOVES: Record<string, number> = {
  ...Object.fromEntries(EASTERN_EUROPE.map((c) => [c, 9])),
  MX: 1, SD: 11, DZ: 10, EG: 10, LY: 10, MA: 10, TN: 10, EH: 10, IR: 10, CY: 8,
};
const GTD_REGION_BY_ACLED: Record<string, number> = {
  'North America': 1, 'Central America': 2, Caribbean: 2, 'South America': 3, 'East Asia': 4, 'Southeast Asia': 5, 'South Asia': 6,
  'Caucasus and Central Asia': 7, Europe: 8, 'Middle East': 10, 'Northern Africa': 10, 'Western Africa': 11, 'Middle Africa': 11,
  'Eastern Africa': 11, 'Southern Africa': 11, Oceania: 12,
};
