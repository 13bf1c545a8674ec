/**
 * What the committed gazetteer file holds, shared by the build script (compile/) and the loader
 * (data.ts). Bump GAZETTEER_FORMAT when the columns or their meaning change.
 *
 * Entries are small integers ("refs"), in four consecutive ranges:
 *   places     0 … P-1            populated places (GeoNames cities ≥ 500 people and division seats)
 *   admin2     P … P+A2-1         second-level divisions (district, county, LGA, province in Burkina Faso)
 *   admin1     … +A1-1            first-level divisions (state, region, province)
 *   countries  … +C-1
 * The name index maps a normalised name to refs; a ref found through an alternate name (GeoNames
 * alternate names, transliteration variants, exonyms) carries ALT_FLAG.
 */
export const GAZETTEER_FORMAT = 4;

/** longestMatch never looks further than this many tokens (longer names are still found by lookup()). */
export const MAX_MATCH_TOKENS = 8;

/** Set on an index entry reached through another name than the entry's own. */
export const ALT_FLAG = 1 << 29;
export const REF_MASK = ALT_FLAG - 1;

/** Coordinates are stored as integers: degrees × COORD_SCALE (four decimals, about 11 m, as ACLED writes them). */
export const COORD_SCALE = 1e4;

/** Null coordinates (a division with no known place in it). */
export const NO_COORD = -2_147_483_648;

export interface CountryRow {
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

/** The small tables, stored as the file's JSON header. */
export interface GazetteerJson {
  format: number;
  countries: CountryRow[];
  /** Normalised demonym → country index, or null for peoples without a country ("chechen"). */
  demonyms: Array<[string, number | null]>;
  /** Feature codes used by places ("PPL", "PPLA2", …), indexed by the fcode column. */
  fcodes: string[];
  /** Single-word names in the index that are common English words (risky when the place is small). */
  commonWords: string[];
  alwaysRisky: string[];
  maxWords: number;
}

/** Column names. */
export const COL = {
  /** GeoNames id minus the previous place's (0: no id). */
  placeId: 'place.id.delta',
  placeName: 'place.name',
  placeLat: 'place.lat',
  placeLon: 'place.lon',
  placePop: 'place.pop',
  placeCountry: 'place.country',
  placeFcode: 'place.fcode',
  placeAdmin1: 'place.admin1',
  placeAdmin2: 'place.admin2',
  admin1Code: 'admin1.code',
  admin1Name: 'admin1.name',
  admin1Country: 'admin1.country',
  admin1Lat: 'admin1.lat',
  admin1Lon: 'admin1.lon',
  admin1Pop: 'admin1.pop',
  admin2Code: 'admin2.code',
  admin2Name: 'admin2.name',
  admin2Admin1: 'admin2.admin1',
  admin2Country: 'admin2.country',
  admin2Lat: 'admin2.lat',
  admin2Lon: 'admin2.lon',
  admin2Pop: 'admin2.pop',
  keys: 'index.keys',
  keyCount: 'index.count',
  refs: 'index.refs',
} as const;
