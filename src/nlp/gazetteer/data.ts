/**
 * Loads the committed gazetteer (data/gazetteer/gazetteer.bin.br, made by `npm run build:gazetteer`
 * from the npm packages listed in its .meta.json) into column arrays and a sorted name index.
 * Nothing is built at run time: the file already holds the normalised names, so loading is one
 * decompression, one split per string column and typed-array views.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { blockStrings, decodeGazetteer, decodeRawGazetteer, type StringBlock } from './format.js';
import { fileDigest } from '../../learn/file-digest.js';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { COL, GAZETTEER_FORMAT, MAX_MATCH_TOKENS, REF_MASK, type CountryRow, type GazetteerJson } from './layout.js';
import { normaliseName } from './normalize.js';

export const GAZETTEER_FILE = fileURLToPath(new URL('../../../../data/gazetteer/gazetteer.bin.br', import.meta.url));

export interface PlaceColumns {
  id: Int32Array;
  name: string[];
  lat: Int32Array;
  lon: Int32Array;
  pop: Uint32Array;
  country: Uint16Array;
  fcode: Uint8Array;
  admin1: Int32Array;
  admin2: Int32Array;
}

export interface AdminColumns {
  /** GeoNames code within the country ("17") or within its admin1 (admin2). */
  code: string[];
  name: string[];
  country: Uint16Array;
  lat: Int32Array;
  lon: Int32Array;
  /** Sum of the populations of its places (a prior, never reported). */
  pop: Uint32Array;
  /** admin2 only: index of its admin1, or -1. */
  admin1?: Int32Array;
}

export interface GazetteerData {
  place: PlaceColumns;
  fcodes: string[];
  admin1: AdminColumns;
  admin2: AdminColumns;
  countries: CountryRow[];
  countryByCode: Map<string, number>;
  countryByName: Map<string, number>;
  demonyms: Map<string, number | null>;
  /** The sorted index keys, made into strings on first read: look-ups (findKey) read keyBlock. */
  readonly keys: readonly string[];
  keyBlock: StringBlock;
  keyStart: Int32Array;
  refs: Int32Array;
  alwaysRisky: Set<string>;
  commonWords: Set<string>;
  maxWords: number;
  placeCount: number;
  admin2Offset: number;
  admin1Offset: number;
  countryOffset: number;
}

/**
 * Where `npm run build` unpacks the committed gazetteer (scripts/unpack-gazetteer.ts): dist/, beside
 * the compiled code, as `<sha256 of the .br file>.bin`. Reading that is about 200 ms cheaper than
 * Brotli-decompressing the 6 MB file in every process (each test file, each CLI command); the hash
 * in the name means a changed gazetteer file is never read from a stale copy.
 */
export const UNPACKED_GAZETTEER_DIR = fileURLToPath(new URL('../../../gazetteer-cache/', import.meta.url));

/** Where the unpacked copy of the compressed gazetteer file at `path` lives (named by its SHA-256). */
export function unpackedGazetteerPath(path: string): string {
  return join(UNPACKED_GAZETTEER_DIR, `${fileDigest(path)}.bin`);
}

export function loadGazetteer(path = GAZETTEER_FILE): GazetteerData {
  const unpacked = unpackedGazetteerPath(path);
  const f = existsSync(unpacked) ? decodeRawGazetteer(readFileSync(unpacked)) : decodeGazetteer(readFileSync(path));
  const json = f.json as GazetteerJson;
  if (json.format !== GAZETTEER_FORMAT) throw new Error(`gazetteer file ${path} has format ${json.format}, expected ${GAZETTEER_FORMAT}: run npm run build:gazetteer`);
  const place: PlaceColumns = {
    id: undelta(f.i32(COL.placeId)), name: f.str(COL.placeName), lat: f.i32(COL.placeLat), lon: f.i32(COL.placeLon), pop: f.u32(COL.placePop),
    country: f.u16(COL.placeCountry), fcode: f.u8(COL.placeFcode), admin1: f.i32(COL.placeAdmin1), admin2: f.i32(COL.placeAdmin2),
  };
  const admin1: AdminColumns = {
    code: f.str(COL.admin1Code), name: f.str(COL.admin1Name), country: f.u16(COL.admin1Country), lat: f.i32(COL.admin1Lat), lon: f.i32(COL.admin1Lon), pop: f.u32(COL.admin1Pop),
  };
  const admin2: AdminColumns = {
    code: f.str(COL.admin2Code), name: f.str(COL.admin2Name), country: f.u16(COL.admin2Country), lat: f.i32(COL.admin2Lat), lon: f.i32(COL.admin2Lon), pop: f.u32(COL.admin2Pop),
    admin1: f.i32(COL.admin2Admin1),
  };
  const countryByCode = new Map(json.countries.map((c, k) => [c.code, k]));
  const countryByName = new Map<string, number>();
  json.countries.forEach((c, k) => {
    for (const a of c.aliases) {
      let key = normaliseName(a);
      if (key.startsWith('the ')) key = key.slice(4);
      if (!countryByName.has(key)) countryByName.set(key, k);
    }
    countryByName.set(c.code.toLowerCase(), k);
  });
  const placeCount = place.id.length;
  const admin2Offset = placeCount;
  const admin1Offset = admin2Offset + admin2.code.length;
  const keyBlock = f.strBlock(COL.keys);
  return withLazyKeys({
    place, fcodes: json.fcodes, admin1, admin2, countries: json.countries, countryByCode, countryByName,
    demonyms: new Map(json.demonyms), keyBlock, keyStart: startsOf(f.u16(COL.keyCount)), refs: f.i32(COL.refs),
    alwaysRisky: new Set(json.alwaysRisky), commonWords: new Set(json.commonWords), maxWords: Math.min(json.maxWords, MAX_MATCH_TOKENS),
    placeCount, admin2Offset, admin1Offset, countryOffset: admin1Offset + admin1.code.length,
  });
}

/** The data with `keys` split out of keyBlock when first read (only tests and tools read it). */
function withLazyKeys(d: Omit<GazetteerData, 'keys'>): GazetteerData {
  let keys: string[] | null = null;
  return Object.defineProperty(d, 'keys', { enumerable: true, get: () => (keys ??= blockStrings(d.keyBlock)) }) as GazetteerData;
}

/** GeoNames ids from their stored differences (in place). */
function undelta(a: Int32Array): Int32Array {
  for (let i = 1; i < a.length; i++) a[i] = a[i]! + a[i - 1]!;
  return a;
}

/** Offsets into refs from the per-key counts (a prefix sum: counts compress far better than offsets). */
function startsOf(counts: Uint16Array): Int32Array {
  const start = new Int32Array(counts.length + 1);
  for (let i = 0; i < counts.length; i++) start[i + 1] = start[i]! + counts[i]!;
  return start;
}

/** Position of a normalised key in the sorted index, or -1. */
export function findKey(d: GazetteerData, key: string): number {
  const b = d.keyBlock;
  let lo = 0;
  let hi = b.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const c = compareAt(b.text, b.starts[mid]!, b.starts[mid + 1]! - 1, key);
    if (c === 0) return mid;
    if (c < 0) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** text.slice(start, end) compared with key in UTF-16 code-unit order (the order of `<` on strings), without the slice. */
function compareAt(text: string, start: number, end: number, key: string): number {
  const n = end - start;
  const len = Math.min(n, key.length);
  for (let i = 0; i < len; i++) {
    const a = text.charCodeAt(start + i);
    const c = key.charCodeAt(i);
    if (a !== c) return a - c;
  }
  return n - key.length;
}

/** Index entries (refs with their flags) of a normalised key. */
export function entriesOf(d: GazetteerData, key: string): Int32Array {
  const i = findKey(d, key);
  return i < 0 ? new Int32Array(0) : d.refs.subarray(d.keyStart[i]!, d.keyStart[i + 1]!);
}

/** Refs (without flags) of a normalised key. */
export function refsOf(d: GazetteerData, key: string): number[] {
  return Array.from(entriesOf(d, key), (e) => e & REF_MASK);
}
