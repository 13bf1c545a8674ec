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
const TOKEN_RE =
  /(?:[A-Za-z]\.){2,}|\b(?:St|Ste|Mt|Ft)\.(?=\s+\p{Lu})|\p{L}[\p{L}\p{M}]*(?:['’\-‐]\p{L}[\p{L}\p{M}]*)*|\d+(?:[.,]\d+)*|\S/gu;

/** A possessive ending, split off so the possessor is a clean token: "Omarov's" → "Omarov" + "'s". */
const POSSESSIVE_END = /['’]s$/i;
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
  TOKEN_RE.lastIndex = from;
  let m: RegExpExecArray | null;
  while ((m = TOKEN_RE.exec(text)) !== null) {
    const start = m.index;
    if (start >= to) break;
    let raw = m[0];
    let end = start + raw.length;
    if (end > to) {
      raw = raw.slice(0, to - start);
      end = to;
    }
    // Split a possessive "'s" off the word it follows.
    const poss = POSSESSIVE_END.exec(raw);
    if (poss && raw.length > 2) {
      pushToken(out, text, start, end - 2);
      pushToken(out, text, end - 2, end);
      continue;
    }
    pushToken(out, text, start, end);
  }
  return out;
}

function pushToken(out: Token[], text: string, start: number, end: number): void {
  const t = text.slice(start, end);
  const c0 = t.charCodeAt(0);
  const isNumber = c0 >= 48 && c0 <= 57;
  const isWord = !isNumber && LETTER.test(t[0] ?? '');
  const upper0 = isWord && t[0] !== t[0]!.toLowerCase();
  out.push({
    start,
    end,
    text: t,
    lower: t.toLowerCase().replace(CURLY_APOSTROPHE, "'"),
    cap: upper0,
    allCaps: isWord && t.length >= 2 && ALL_CAPS.test(t) && t.replace(DOTS, '').length >= 2,
    isWord,
    isNumber,
  });
}
