import { DossierError } from '../model/index.js';
import { stripEscapeSequences } from '../model/escapes.js';
import { bestCyrillic, chardetGuess, decodeWith, sniffUtf16 } from './charset.js';

/**
 * Bytes → text. Reports arrive from scrapers, mail exports, old sites and web servers, so the order
 * is: a byte-order mark; the charset the HTTP header declares, then the one an HTML page declares
 * (each only when the bytes bear it out: a single-byte label on valid multi-byte UTF-8, or "utf-8" on
 * bytes that are not, is a wrong declaration and is passed over); strict UTF-8; UTF-16 without a
 * mark; a Cyrillic single-byte encoding when one reads as Russian (charset.ts); windows-1252 when the
 * bytes look like legacy Western text; jschardet's guess when it is sure. Anything else is refused
 * rather than decoded into mojibake that would be stored as evidence.
 */

/** Share of control bytes above which input is taken as binary (text has almost none). */
const MAX_CONTROL_SHARE = 0.02;
/** Share of high bytes above which a non-UTF-8 input is not taken as windows-1252 (Cyrillic, Greek, CJK legacy encodings run far higher). */
const MAX_LEGACY_HIGH_SHARE = 0.2;
/** How much of the input the binary and charset sniffers look at. */
const SNIFF_BYTES = 64 * 1024;

/**
 * File signatures of common binary formats that can be mistaken for text
 * because their first kilobytes have no NUL: PDF, ZIP/DOCX, gzip, PNG, JPEG, GIF.
 */
const BINARY_MAGIC: number[][] = [
  [0x25, 0x50, 0x44, 0x46, 0x2d],
  [0x50, 0x4b, 0x03, 0x04],
  [0x1f, 0x8b],
  [0x89, 0x50, 0x4e, 0x47],
  [0xff, 0xd8, 0xff],
  [0x47, 0x49, 0x46, 0x38],
];

/**
 * `<meta charset="x">` or `<meta http-equiv="Content-Type" content="text/html; charset=x">`, read as
 * `/<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i` read it, in linear time: that pattern scanned to the
 * tag's end from every `<meta` and split blank runs two ways (cubic on `<meta<meta…charset=   `).
 */
const META_OPEN = /<meta/gi;
/** The declaration at one place of a tag (sticky); `\s*(?:["']\s*)?` reads the blanks before and after a quote once each. */
const CHARSET_AT = /charset\s*=\s*(?:["']\s*)?([\w.:-]+)/iy;

/** windows-1252 leaves these five bytes unassigned; seeing one means the guess is wrong. */
const CP1252_UNDEFINED = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);

function startsWith(bytes: Uint8Array, sig: number[]): boolean {
  return sig.length <= bytes.length && sig.every((b, i) => bytes[i] === b);
}

function isControlByte(b: number): boolean {
  // Tab, LF, FF, CR and ESC-free text is the norm; form feeds occur in old text dumps.
  return b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0c && b !== 0x0d;
}

function checkBinary(bytes: Uint8Array, source: string): void {
  if (BINARY_MAGIC.some((sig) => startsWith(bytes, sig))) {
    throw new DossierError('E_INPUT_BINARY', 'the input is a binary file (recognised file signature)', source);
  }
  const n = Math.min(bytes.length, SNIFF_BYTES);
  let controls = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b === 0) throw new DossierError('E_INPUT_BINARY', 'the input contains NUL bytes', source);
    if (isControlByte(b)) controls++;
  }
  if (n > 0 && controls / n > MAX_CONTROL_SHARE) {
    throw new DossierError('E_INPUT_BINARY', 'the input is mostly control characters', source);
  }
}

/**
 * windows-1252's 0x80-0x9F row (curly quotes, dashes, euro sign). Node's
 * TextDecoder decodes "windows-1252" as plain Latin-1 and would store C1
 * control characters instead, so this row is mapped by hand.
 */
const CP1252_HIGH =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

/** Labels the WHATWG Encoding standard maps to windows-1252. */
const CP1252_LABELS = new Set([
  'windows-1252', 'cp1252', 'x-cp1252', 'latin1', 'l1', 'iso-8859-1', 'iso8859-1', 'iso_8859-1', 'iso-ir-100',
  'csisolatin1', 'ibm819', 'cp819', 'us-ascii', 'ascii', 'ansi_x3.4-1968', 'iso88591',
]);

function decodeCp1252(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 8192) {
    const chunk = bytes.subarray(i, i + 8192);
    out += String.fromCharCode(...Array.from(chunk, (b) => (b >= 0x80 && b <= 0x9f ? CP1252_HIGH.charCodeAt(b - 0x80) : b)));
  }
  return out;
}

function tryDecode(label: string, bytes: Uint8Array): string | null {
  if (CP1252_LABELS.has(label.toLowerCase())) return decodeCp1252(bytes);
  return decodeWith(label, bytes);
}

/** UTF-8 that is more than ASCII: no legacy text is that by accident. */
function isRichUtf8(bytes: Uint8Array): boolean {
  return bytes.some((b) => b >= 0x80) && tryDecode('utf-8', bytes) !== null;
}

/** Decode by a declared charset, unless the bytes show the declaration is wrong. */
function byDeclared(label: string | null | undefined, bytes: Uint8Array): string | null {
  if (!label) return null;
  const l = label.toLowerCase();
  if (l === 'utf-8' || l === 'utf8') return tryDecode('utf-8', bytes);
  if (l.startsWith('utf-16')) return null;
  if (isRichUtf8(bytes)) return null;
  return tryDecode(l, bytes);
}

function looksLegacySingleByte(bytes: Uint8Array): boolean {
  let high = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (CP1252_UNDEFINED.has(b)) return false;
    if (b >= 0x80) high++;
  }
  return bytes.length > 0 && high / bytes.length <= MAX_LEGACY_HIGH_SHARE;
}

function declaredCharset(bytes: Uint8Array): string | null {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, Math.min(bytes.length, 4096)));
  return metaCharset(head)?.toLowerCase() ?? null;
}

/**
 * What `/<meta[^>]+charset…/i` captured: the first `<meta` whose tag holds a declaration, and in it the
 * last one (`[^>]+` is greedy), at least one character after `<meta`. A `<meta` inside a tag already
 * searched finds nothing new (its candidates are a tail of that tag's), so each tag is searched once.
 */
export function metaCharset(head: string): string | null {
  let searchedTo = -1;
  for (const open of head.matchAll(META_OPEN)) {
    const from = open.index + open[0].length;
    if (from <= searchedTo) continue;
    const close = head.indexOf('>', from);
    const end = close < 0 ? head.length : close;
    // "charset" at `at` must lie inside the tag; what follows it (blanks, "=", quote, value) never crosses ">".
    for (let at = end - 'charset'.length; at > from; at--) {
      CHARSET_AT.lastIndex = at;
      const m = CHARSET_AT.exec(head);
      if (m) return m[1]!;
    }
    searchedTo = end;
  }
  return null;
}

function decodeUtf16(label: string, bytes: Uint8Array, source: string, bom: boolean): string {
  const text = tryDecode(label, bytes);
  if (text === null) throw new DossierError('E_INPUT_ENCODING', `the input ${bom ? 'has a byte-order mark of' : 'looks like'} ${label} but is not valid ${label}`, source);
  if (/[\u0000-\u0008\u000e-\u001f]/.test(text.slice(0, SNIFF_BYTES))) {
    throw new DossierError('E_INPUT_BINARY', 'the input contains control characters', source);
  }
  return text;
}

/** Bytes without a byte-order mark: declarations, then UTF-8, then detection. */
function decodeUnmarked(bytes: Uint8Array, source: string, isHtml: boolean, declared: string | null): string | null {
  const fromHeader = byDeclared(declared, bytes);
  if (fromHeader !== null) return fromHeader;
  if (isHtml) {
    const fromMeta = byDeclared(declaredCharset(bytes), bytes);
    if (fromMeta !== null) return fromMeta;
  }
  const utf8 = tryDecode('utf-8', bytes);
  if (utf8 !== null) return utf8;
  const cyr = bestCyrillic(bytes);
  if (cyr) return cyr.text;
  if (looksLegacySingleByte(bytes)) return tryDecode('windows-1252', bytes);
  void source;
  return chardetGuess(bytes)?.text ?? null;
}

/**
 * Decode and normalise: newlines to \n, NBSP to space, no BOM. `declared` is the charset a
 * transport declared (HTTP's Content-Type). Throws E_INPUT_BINARY, E_INPUT_ENCODING or E_INPUT_EMPTY.
 */
export function decodeBytes(bytes: Uint8Array, source: string, isHtml: boolean, declared: string | null = null): string {
  if (bytes.length === 0) throw new DossierError('E_INPUT_EMPTY', 'the file is empty', source);
  let text: string | null;
  const declared16 = declared?.toLowerCase().startsWith('utf-16') ? declared.toLowerCase() : null;
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) {
    text = decodeUtf16(bytes[0] === 0xff ? 'utf-16le' : 'utf-16be', bytes.subarray(2), source, true);
  } else if (sniffUtf16(bytes) ?? (declared16 === 'utf-16be' || declared16 === 'utf-16le' ? declared16 : null)) {
    text = decodeUtf16((sniffUtf16(bytes) ?? declared16)!, bytes, source, false);
  } else {
    const body = startsWith(bytes, [0xef, 0xbb, 0xbf]) ? bytes.subarray(3) : bytes;
    checkBinary(body, source);
    text = decodeUnmarked(body, source, isHtml, declared);
    if (text === null) {
      throw new DossierError('E_INPUT_ENCODING', 'the input is not valid UTF-8 and no encoding it declares or resembles reads as text', source);
    }
  }
  // Terminal escape sequences go whole, before layout reads the lines (a `\x1b[1m# Title` is a heading).
  text = stripEscapeSequences(normaliseText(text));
  if (text.trim() === '') throw new DossierError('E_INPUT_EMPTY', 'the input contains only whitespace', source);
  return text;
}

/** Newlines to \n, NBSP to space, leading BOM removed; nothing else changes. */
export function normaliseText(text: string): string {
  return text.replace(/^\uFEFF/, '').replace(/\r\n?|\u2028|\u2029/g, '\n').replace(/\u00A0/g, ' ');
}
