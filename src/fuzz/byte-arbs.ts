import fc from 'fast-check';
import iconv from 'iconv-lite';
import { RUSSIAN, SPLICE_TOKENS } from './vocab.js';
import { paragraphArb, textArb } from './text-arbs.js';

/**
 * Byte-level inputs: random bytes, broken UTF-8, UTF-16 with and without a byte-order mark, NUL
 * bytes, legacy encodings, and mutations of seed documents. These reach the decoder and the binary
 * sniffer first, so most should be refused with a coded error; the rest must decode to some text.
 */

const utf8 = new TextEncoder();

/** Byte sequences UTF-8 forbids: lone continuation bytes, overlong forms, surrogates, truncated sequences, bytes never used. */
const BAD_UTF8: readonly number[][] = [
  [0x80], [0xbf], [0xc0, 0x80], [0xc1, 0xbf], [0xe0, 0x80, 0x80], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80],
  [0xff], [0xfe], [0xc3], [0xe2, 0x82], [0xf0, 0x9f, 0x98], [0x00], [0x1b], [0x07],
];

function insertAt(bytes: Uint8Array, at: number, add: ArrayLike<number>): Uint8Array {
  const pos = Math.min(bytes.length, Math.max(0, at));
  const out = new Uint8Array(bytes.length + add.length);
  out.set(bytes.subarray(0, pos), 0);
  out.set(add, pos);
  out.set(bytes.subarray(pos), pos + add.length);
  return out;
}

/** UTF-16 of a string; big-endian by swapping each pair. */
function utf16(text: string, bigEndian: boolean, bom: boolean): Uint8Array {
  const le = Buffer.from((bom ? '\ufeff' : '') + text, 'utf16le');
  if (bigEndian) le.swap16();
  return new Uint8Array(le);
}

const brokenUtf8Arb = fc
  .record({ text: textArb, bad: fc.array(fc.tuple(fc.nat(), fc.constantFrom(...BAD_UTF8)), { minLength: 1, maxLength: 6 }) })
  .map((r) => {
    let b: Uint8Array = utf8.encode(r.text);
    for (const [at, seq] of r.bad) b = insertAt(b, b.length ? at % (b.length + 1) : 0, seq);
    return b;
  });

const utf16Arb = fc
  .record({ text: fc.oneof(textArb, fc.constantFrom(...RUSSIAN)), be: fc.boolean(), bom: fc.boolean(), odd: fc.boolean() })
  .map((r) => {
    const b = utf16(r.text, r.be, r.bom);
    // An odd length: a truncated last code unit.
    return r.odd && b.length > 0 ? b.subarray(0, b.length - 1) : b;
  });

const legacyArb = fc
  .record({
    text: fc.oneof(fc.array(fc.constantFrom(...RUSSIAN), { minLength: 1, maxLength: 6 }).map((s) => s.join('\n\n')), paragraphArb),
    enc: fc.constantFrom('windows-1251', 'koi8-r', 'iso-8859-5', 'latin1', 'windows-1252', 'cp866', 'shift_jis', 'gb18030', 'utf-32le', 'utf-32be'),
    html: fc.boolean(),
    declared: fc.constantFrom('', 'windows-1251', 'koi8-r', 'utf-8', 'utf-16le', 'nonsense'),
  })
  .map((r) => {
    const body = r.html ? `<html><head><meta charset="${r.declared}"></head><body><p>${r.text}</p></body></html>` : r.text;
    return new Uint8Array(iconv.encode(body, r.enc));
  });

const nulArb = fc
  .record({ text: textArb, at: fc.array(fc.nat(), { minLength: 1, maxLength: 4 }) })
  .map((r) => {
    let b: Uint8Array = utf8.encode(r.text);
    for (const at of r.at) b = insertAt(b, b.length ? at % (b.length + 1) : 0, [0]);
    return b;
  });

const bomArb = fc
  .record({ bom: fc.constantFrom([0xef, 0xbb, 0xbf], [0xff, 0xfe], [0xfe, 0xff], [0xff, 0xfe, 0, 0], [0, 0, 0xfe, 0xff], [0x2b, 0x2f, 0x76]), rest: fc.oneof(fc.uint8Array({ maxLength: 512 }), textArb.map((t) => utf8.encode(t))) })
  .map((r) => insertAt(r.rest, 0, r.bom));

const tokenSoupArb = fc.array(fc.constantFrom(...SPLICE_TOKENS), { maxLength: 200 }).map((ts) => utf8.encode(ts.join('')));

/** Every encoding-level generator, with the name the harness reports it under. */
export const BYTE_ARBS: Record<string, fc.Arbitrary<Uint8Array>> = {
  'random-bytes': fc.uint8Array({ maxLength: 4096 }),
  'broken-utf8': brokenUtf8Arb,
  utf16: utf16Arb,
  legacy: legacyArb,
  nul: nulArb,
  bom: bomArb,
  'token-soup': tokenSoupArb,
};

export { insertAt };
