import { createRequire } from 'node:module';

/**
 * Guessing the encoding of bytes nothing declares. UTF-16 without a byte-order mark is recognised by
 * where its zero bytes fall; legacy single-byte text by decoding it every plausible way and keeping
 * the reading that looks like language. jschardet alone confuses windows-1251 and KOI8-R (both are
 * Cyrillic letters in the high half, in different orders), so Cyrillic readings are scored by Russian
 * letter frequencies and by letter case: KOI8-R read as windows-1251 swaps upper and lower case
 * ("рПЗЙВМЙ") and puts rare letters where common ones belong.
 */

const require = createRequire(import.meta.url);
const jschardet = require('jschardet') as { detect(b: Buffer): { encoding: string | null; confidence: number } };
const iconv = require('iconv-lite') as { encodingExists(e: string): boolean; decode(b: Buffer, e: string): string };

/** Russian letter frequencies per 1,000 letters (Ukrainian letters given a small share so Ukrainian reads too). */
const RUSSIAN_FREQ: Record<string, number> = {
  о: 109.7, е: 84.5, а: 80.1, и: 73.5, н: 67, т: 62.6, с: 54.7, р: 47.3, в: 45.4, л: 44, к: 34.9, м: 32.1, д: 29.8, п: 28.1, у: 26.2, я: 20.1,
  ы: 19, ь: 17.4, г: 17, з: 16.5, б: 15.9, ч: 14.4, й: 12.1, х: 9.7, ж: 9.4, ш: 7.3, ю: 6.4, ц: 4.8, щ: 3.6, э: 3.2, ф: 2.6, ъ: 0.4, ё: 0.4,
  і: 5, ї: 1, є: 1, ґ: 0.5,
};
/** Log-probability of a Cyrillic letter outside the table (Serbian ђ, Macedonian ѓ …): rare in news we read. */
const RARE_LOGP = Math.log(0.0002);
const LOGP = new Map(Object.entries(RUSSIAN_FREQ).map(([c, f]) => [c, Math.log(f / 1000)]));

/** Single-byte encodings a Cyrillic text may be in. */
const CYRILLIC_CANDIDATES = ['windows-1251', 'koi8-r', 'ibm866', 'iso-8859-5', 'x-mac-cyrillic'];
/** Mean log-probability per letter above which a reading is Russian-like (real text: about −3.0; KOI8 read as 1251: below −4). */
const CYRILLIC_MIN_SCORE = -3.8;

const WORD = /\p{L}+/gu;
const CYRILLIC = /\p{Script=Cyrillic}/u;
const LATIN = /\p{Script=Latin}/u;
const UPPER = /\p{Lu}/u;
/** Symbols, controls and private-use characters: box drawing and math signs are what a wrong code page reads letters as. */
const ODD_CHAR = /[\p{S}\p{C}]/gu;
const NON_SPACE = /\S/gu;
/** Tags, comments and entities of an HTML page. */
const MARKUP = /<[^<>]*>|&#?\w+;/g;
/** Share of such characters among the non-space ones above which a reading is not text. */
const MAX_ODD_SHARE = 0.05;

function decodeWith(label: string, bytes: Uint8Array): string | null {
  try {
    return new TextDecoder(label, { fatal: true }).decode(bytes);
  } catch {
    const name = label.toLowerCase();
    if (!iconv.encodingExists(name)) return null;
    const s = iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), name);
    return s.includes('\ufffd') ? null : s;
  }
}

/** A word's case is normal: all lower, all upper, or capitalised. */
function normalCase(w: string): boolean {
  const ups = Array.from(w, (c) => UPPER.test(c));
  return ups.every((u) => u) || ups.slice(1).every((u) => !u);
}

export interface Reading {
  label: string;
  text: string;
  score: number;
}

/**
 * How Russian-like a reading is: the mean log-probability of its Cyrillic letters, less a penalty for
 * words of odd case or mixed script. −Infinity when under a third of its letters are Cyrillic.
 */
export function cyrillicScore(text: string): number {
  return tooFewNonAscii(text) ? -Infinity : cyrillicScan(text);
}

/** cyrillicScore without its shortcut: the word scan alone (exported for the test that holds them equal). */
export function cyrillicScan(text: string): number {
  let letters = 0;
  let cyr = 0;
  let logp = 0;
  let words = 0;
  let odd = 0;
  for (const w of text.match(WORD) ?? []) {
    words++;
    let wc = 0;
    let wl = 0;
    for (const ch of w) {
      letters++;
      if (CYRILLIC.test(ch)) {
        cyr++;
        wc++;
        logp += LOGP.get(ch.toLowerCase()) ?? RARE_LOGP;
      } else if (LATIN.test(ch)) wl++;
    }
    if ((wc && wl) || (wc && !normalCase(w))) odd++;
  }
  if (!cyr || cyr / letters < 1 / 3) return -Infinity;
  const oddChars = text.replace(/\s+/g, '').match(ODD_CHAR)?.length ?? 0;
  if (oddChars / Math.max(1, text.match(NON_SPACE)?.length ?? 0) > MAX_ODD_SHARE) return -Infinity;
  return logp / cyr - 4 * (odd / Math.max(1, words));
}

/**
 * Whether a third of the letters cannot be Cyrillic, from one pass over the code units: every
 * Cyrillic letter is a non-ASCII unit, so with N non-ASCII units and A ASCII letters the Cyrillic
 * share of the letters is at most N / (A + N), under a third when 2N < A. Then cyrillicScore is
 * −Infinity whatever its word scan finds, and the scan (a Unicode property test per character,
 * five readings a document) is skipped: mostly-ASCII text with a few bytes that are not UTF-8, the
 * common case among fuzzed inputs, spent 3 % of their CPU time there.
 */
function tooFewNonAscii(text: string): boolean {
  let ascii = 0;
  let nonAscii = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x80) nonAscii++;
    else if ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a) ascii++;
  }
  return nonAscii === 0 || 2 * nonAscii < ascii;
}

/** The best Cyrillic reading of bytes, when one is Russian-like enough. */
export function bestCyrillic(bytes: Uint8Array): Reading | null {
  let best: Reading | null = null;
  for (const label of CYRILLIC_CANDIDATES) {
    const text = decodeWith(label, bytes);
    if (text === null) continue;
    // Markup is ASCII in every candidate: scored without it, a short page's tags do not drown its words.
    const score = cyrillicScore(text.slice(0, 64 * 1024).replace(MARKUP, ' '));
    if (!best || score > best.score) best = { label, text, score };
  }
  return best && best.score >= CYRILLIC_MIN_SCORE ? best : null;
}

/**
 * UTF-16 without a byte-order mark: text in it has zero bytes (the high byte of ASCII characters) on
 * one side only. The side with them is the high byte: odd positions for little-endian.
 */
export function sniffUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length, 64 * 1024) & ~1;
  if (n < 4) return null;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZero++;
    if (bytes[i + 1] === 0) oddZero++;
  }
  const pairs = n / 2;
  // Spaces, digits and punctuation alone make a tenth of a text of any script; the other side has none.
  if (oddZero / pairs >= 0.1 && evenZero / pairs < 0.01) return 'utf-16le';
  if (evenZero / pairs >= 0.1 && oddZero / pairs < 0.01) return 'utf-16be';
  return null;
}

/** jschardet's guess for what is neither UTF-8, Cyrillic nor Western (Greek, Hebrew, CJK legacy encodings), when it is sure. */
export function chardetGuess(bytes: Uint8Array): Reading | null {
  const g = jschardet.detect(Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 64 * 1024)));
  if (!g.encoding || g.confidence < 0.8) return null;
  const text = decodeWith(g.encoding, bytes);
  return text === null ? null : { label: g.encoding.toLowerCase(), text, score: g.confidence };
}

export { decodeWith };
