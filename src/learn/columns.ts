/**
 * A container of named columns, as the committed gazetteer file (data/gazetteer/gazetteer.bin.br)
 * holds them Brotli-compressed, and the packed models beside the build (packed.ts) uncompressed:
 * a JSON header and the columns.
 *
 *   bytes 0..3   "DGZ1"
 *   bytes 4..7   header length H (uint32, little-endian)
 *   bytes 8..8+H header JSON: { json: <small tables>, columns: [{ name, kind, offset, length }] }
 *   then         the columns, each starting on an 8-byte boundary (so typed arrays are views, not copies)
 *
 * Column kinds: i32, u32, u16, u8, f32, f64 (typed arrays, little-endian as on every platform Node
 * runs on) and str (strings joined by "\n"; a string never contains a newline). The same container,
 * uncompressed, holds the packed models beside the build (src/learn/packed.ts).
 */
import { brotliCompressSync, brotliDecompressSync, constants as zc } from 'node:zlib';

const MAGIC = 'DGZ1';
const NEWLINE = '\n';

export type Column = Int32Array | Uint32Array | Uint16Array | Uint8Array | Float32Array | Float64Array | readonly string[];
type Kind = 'i32' | 'u32' | 'u16' | 'u8' | 'f32' | 'f64' | 'str';

interface ColumnHeader {
  name: string;
  kind: Kind;
  offset: number;
  /** Elements (typed arrays) or strings (str). */
  length: number;
  bytes: number;
}

function kindOf(c: Column): Kind {
  if (c instanceof Int32Array) return 'i32';
  if (c instanceof Uint32Array) return 'u32';
  if (c instanceof Uint16Array) return 'u16';
  if (c instanceof Uint8Array) return 'u8';
  if (c instanceof Float32Array) return 'f32';
  if (c instanceof Float64Array) return 'f64';
  return 'str';
}

function columnBytes(c: Column): Buffer {
  if (Array.isArray(c)) {
    for (const s of c) if (s.includes(NEWLINE)) throw new Error(`columns format: a string contains a newline: ${JSON.stringify(s)}`);
    return Buffer.from(c.join(NEWLINE), 'utf8');
  }
  const t = c as Exclude<Column, readonly string[]>;
  return Buffer.from(t.buffer, t.byteOffset, t.byteLength);
}

/** The header tables and the columns in one uncompressed buffer (decodeRawGazetteer reads it). */
export function encodeColumns(json: unknown, columns: Record<string, Column>): Buffer {
  const parts: Buffer[] = [];
  const headers: ColumnHeader[] = [];
  let offset = 0;
  for (const [name, c] of Object.entries(columns)) {
    const bytes = columnBytes(c);
    const pad = (8 - (offset % 8)) % 8;
    if (pad) parts.push(Buffer.alloc(pad));
    offset += pad;
    headers.push({ name, kind: kindOf(c), offset, length: Array.isArray(c) ? c.length : bytes.length, bytes: bytes.length });
    parts.push(bytes);
    offset += bytes.length;
  }
  let header = Buffer.from(JSON.stringify({ json, columns: headers }), 'utf8');
  // Pad the header so that the column area starts on an 8-byte boundary.
  const headPad = (8 - ((8 + header.length) % 8)) % 8;
  header = Buffer.concat([header, Buffer.from(' '.repeat(headPad))]);
  const lead = Buffer.alloc(8);
  lead.write(MAGIC, 0, 'latin1');
  lead.writeUInt32LE(header.length, 4);
  return Buffer.concat([lead, header, ...parts]);
}

/** Encode the header tables and the columns, Brotli-compressed; `quality` is Brotli's 0..11. */
export function encodeGazetteer(json: unknown, columns: Record<string, Column>, quality = 11): Buffer {
  const raw = encodeColumns(json, columns);
  return brotliCompressSync(raw, {
    params: { [zc.BROTLI_PARAM_QUALITY]: quality, [zc.BROTLI_PARAM_LGWIN]: 24, [zc.BROTLI_PARAM_SIZE_HINT]: raw.length },
  });
}

export interface DecodedGazetteer {
  json: unknown;
  i32(name: string): Int32Array;
  u32(name: string): Uint32Array;
  u16(name: string): Uint16Array;
  u8(name: string): Uint8Array;
  f32(name: string): Float32Array;
  f64(name: string): Float64Array;
  str(name: string): string[];
  /** A str column as one string and where each of its strings starts: no string per entry. */
  strBlock(name: string): StringBlock;
}

/**
 * A string column kept whole: string i is text.slice(starts[i], starts[i + 1] - 1) (each is followed
 * by its newline; starts[length] is text.length + 1). Half a million index keys as separate strings
 * took a quarter of the gazetteer's load time and stayed for the collector to walk (issue 11).
 */
export interface StringBlock {
  text: string;
  starts: Int32Array;
  length: number;
}

/** Every string of a block, as `str` gives them. */
export function blockStrings(b: StringBlock): string[] {
  return b.length ? b.text.split(NEWLINE) : [];
}

/** The starts of the newline-separated strings of `text` (see StringBlock); null when there are not `count` of them. */
function startsOfStrings(text: string, count: number): Int32Array | null {
  const starts = new Int32Array(count + 1);
  let at = 0;
  for (let i = 0; i < count; i++) {
    starts[i] = at;
    const nl = text.indexOf(NEWLINE, at);
    if (nl < 0 ? i !== count - 1 : i === count - 1) return null;
    at = nl < 0 ? text.length + 1 : nl + 1;
  }
  starts[count] = at;
  return starts;
}

/** Decode a buffer written by encodeGazetteer. Typed columns are views into one decompressed buffer. */
export function decodeGazetteer(compressed: Buffer): DecodedGazetteer {
  return decodeRawGazetteer(brotliDecompressSync(compressed));
}

/** Decode the decompressed bytes of a gazetteer file (as `npm run build` unpacks it beside the code). */
export function decodeRawGazetteer(raw: Buffer): DecodedGazetteer {
  if (raw.toString('latin1', 0, 4) !== MAGIC) throw new Error('columns format: not a Dossier gazetteer file');
  const hlen = raw.readUInt32LE(4);
  const head = JSON.parse(raw.toString('utf8', 8, 8 + hlen)) as { json: unknown; columns: ColumnHeader[] };
  const base = 8 + hlen;
  const byName = new Map(head.columns.map((c) => [c.name, c]));
  // The decompressed buffer may not start on an 8-byte boundary of its ArrayBuffer: copy once if not.
  const area = (raw.byteOffset + base) % 8 === 0 ? raw : Buffer.from(raw);
  const col = (name: string, kind: Kind): ColumnHeader => {
    const c = byName.get(name);
    if (!c || c.kind !== kind) throw new Error(`columns format: no ${kind} column "${name}"`);
    return c;
  };
  const at = (c: ColumnHeader): number => area.byteOffset + base + c.offset;
  return {
    json: head.json,
    i32: (n) => { const c = col(n, 'i32'); return new Int32Array(area.buffer, at(c), c.length / 4); },
    u32: (n) => { const c = col(n, 'u32'); return new Uint32Array(area.buffer, at(c), c.length / 4); },
    u16: (n) => { const c = col(n, 'u16'); return new Uint16Array(area.buffer, at(c), c.length / 2); },
    u8: (n) => { const c = col(n, 'u8'); return new Uint8Array(area.buffer, at(c), c.length); },
    f32: (n) => { const c = col(n, 'f32'); return new Float32Array(area.buffer, at(c), c.length / 4); },
    f64: (n) => { const c = col(n, 'f64'); return new Float64Array(area.buffer, at(c), c.length / 8); },
    str: (n) => {
      const c = col(n, 'str');
      if (c.length === 0) return [];
      const out = area.toString('utf8', base + c.offset, base + c.offset + c.bytes).split(NEWLINE);
      if (out.length !== c.length) throw new Error(`columns format: column "${n}" has ${out.length} strings, expected ${c.length}`);
      return out;
    },
    strBlock: (n) => {
      const c = col(n, 'str');
      const text = c.length ? area.toString('utf8', base + c.offset, base + c.offset + c.bytes) : '';
      const starts = startsOfStrings(text, c.length);
      if (!starts) throw new Error(`columns format: column "${n}" does not hold ${c.length} strings`);
      return { text, starts, length: c.length };
    },
  };
}
