import { isSpace } from '../model/index.js';
/**
 * A minimal, fast tokenizer: words (letters with inner apostrophes, hyphens
 * and dots of abbreviations), numbers (with thousands separators and
 * decimals) and single punctuation marks. Offsets are into the input text.
 */
export interface Token {
  start: number;
  end: number;
  text: string;
  /** Lower-cased text, with curly apostrophes made straight. */
  lower: string;
  /** First character is an upper-case letter. */
  cap: boolean;
  /** Letters only, all upper-case, length ≥ 2 ("NATO", "ISIS"). */
  allCaps: boolean;
  isWord: boolean;
  isNumber: boolean;
}

// Why this shape: "U.S." and "St. Petersburg" keep their dots so abbreviations stay one
// token; "al-Shabaab", "Bolshevik-Leninists" and "Omarov's" stay whole words
// ("'s" is split off below so the possessor is clean).
// Sticky: tried only where a token starts (see tokenize).
const TOKEN_AT =
  /(?:[A-Za-z]\.){2,}|\b(?:St|Ste|Mt|Ft)\.(?=\s+\p{Lu})|\p{L}[\p{L}\p{M}]*(?:['’\-‐]\p{L}[\p{L}\p{M}]*)*|\d+(?:[.,]\d+)*|\S/uy;

/** Letters, to tell words from numbers and punctuation: "Ümit", "al-Shabaab". */
const LETTER = /\p{L}/u;
/** Curly apostrophes, made straight in `lower`: "Omarov’s" → "omarov's". */
const CURLY_APOSTROPHE = /’/g;
/** All capitals (dots of abbreviations allowed): "NATO", "U.S.". */
const ALL_CAPS = /^[\p{Lu}.]+$/u;
/** Dots of an abbreviation, not counted as letters: "U.S." has two letters. */
const DOTS = /\./g;

export function tokenize(text: string, from = 0, to = text.length): Token[] {
  const out: Token[] = [];
  // A cursor from `from`, not scan.ts's matchesOf (which always starts at 0): the pattern must see the
  // whole text (a token running past `to` is cut there; "St." looks past `to` for a capital), and a
  // sentence at a time must not rescan the document from its start.
  //
  // Where the next token starts is known without the pattern: every branch of TOKEN_AT begins with a
  // character that is not white space, and its last branch `\S` matches any such character, so the
  // pattern's next match starts at the next character /\s/ does not match. The sticky pattern is run
  // there and only says where the token ends (`test` leaves lastIndex at its end): no match array and
  // no copy of the token's text per token, which were most of what tokenizing allocated (issue 11).
  let at = from;
  // As a pattern under `u` does, a start inside a surrogate pair moves back to the pair's start.
  if (at > 0 && isLowSurrogate(text.charCodeAt(at)) && isHighSurrogate(text.charCodeAt(at - 1))) at--;
  for (;;) {
    while (at < to && isSpace(text.charCodeAt(at))) at++;
    if (at >= to) break;
    const start = at;
    TOKEN_AT.lastIndex = start;
    if (!TOKEN_AT.test(text)) {
      at = start + 1; // cannot happen (`\S` matches here); never loop on it
      continue;
    }
    at = TOKEN_AT.lastIndex;
    const end = Math.min(at, to);
    // Split a possessive "'s" off the word it follows.
    if (end - start > 2 && possessiveEnd(text, end)) {
      pushToken(out, text, start, end - 2);
      pushToken(out, text, end - 2, end);
      continue;
    }
    pushToken(out, text, start, end);
  }
  return out;
}

/**
 * A possessive ending, split off so the possessor is a clean token: "Omarov's" → "Omarov" + "'s".
 * What /['’]s$/i tests of the token ending at `end`, read off its last two characters: a regular
 * expression per token was a good part of tokenising (issue 11). That pattern is not Unicode-aware,
 * so its `i` adds only "S" (checked against it for every UTF-16 code unit).
 */
function possessiveEnd(text: string, end: number): boolean {
  const s = text.charCodeAt(end - 1);
  const q = text.charCodeAt(end - 2);
  return (s === 115 || s === 83) && (q === 39 || q === 0x2019);
}

const isAsciiLower = (c: number): boolean => c >= 97 && c <= 122;
const isHighSurrogate = (c: number): boolean => c >= 0xd800 && c <= 0xdbff;
const isLowSurrogate = (c: number): boolean => c >= 0xdc00 && c <= 0xdfff;
const isAsciiUpper = (c: number): boolean => c >= 65 && c <= 90;

/**
 * A token's fields. ASCII letters, most of any text, are told apart by their codes; other characters
 * go through the Unicode patterns as before (issue 11: the same answers, fewer pattern runs).
 */
function pushToken(out: Token[], text: string, start: number, end: number): void {
  const t = text.slice(start, end);
  const c0 = t.charCodeAt(0);
  const isNumber = c0 >= 48 && c0 <= 57;
  const ascii = c0 < 128;
  const isWord = !isNumber && (ascii ? isAsciiLower(c0) || isAsciiUpper(c0) : LETTER.test(t[0] ?? ''));
  const upper0 = isWord && (ascii ? isAsciiUpper(c0) : t[0] !== t[0]!.toLowerCase());
  const lower = t.toLowerCase();
  out.push({
    start,
    end,
    text: t,
    lower: lower.includes('’') ? lower.replace(CURLY_APOSTROPHE, "'") : lower,
    cap: upper0,
    // An ASCII lower-case first letter is no capital: ALL_CAPS cannot match.
    allCaps: isWord && t.length >= 2 && !isAsciiLower(c0) && ALL_CAPS.test(t) && t.replace(DOTS, '').length >= 2,
    isWord,
    isNumber,
  });
}
