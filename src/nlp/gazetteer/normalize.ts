/**
 * Name normalisation shared by the gazetteer index and its look-ups.
 *
 * A key is: Unicode-decomposed, combining marks removed ("Kandahār" →
 * "kandahar", "Türkiye" → "turkiye"), lower-cased, a few letters that do not
 * decompose folded ("ı" → "i", "ß" → "ss", "ł" → "l"), apostrophes and
 * transliteration marks dropped ("Nal’chik" → "nalchik", "Sana'a" → "sanaa"),
 * every other run of non-letters/digits made one space ("Rostov-na-Donu" →
 * "rostov na donu", "U.S." → "u s"), and the abbreviations "St", "Ste", "Mt",
 * "Ft" spelt out ("St.-Petersburg" → "saint petersburg").
 */

const FOLD: Record<string, string> = {
  ı: 'i',
  ß: 'ss',
  ø: 'o',
  đ: 'd',
  ð: 'd',
  ł: 'l',
  æ: 'ae',
  œ: 'oe',
  þ: 'th',
  ħ: 'h',
};
const FOLD_RE = /[ıßøđðłæœþħ]/g;
// Straight and curly apostrophes, primes, soft/hard-sign marks (ʹ ʺ), ayn and
// hamza marks (ʿ ʾ ʻ ʼ), backtick and acute used as apostrophes.
const APOS_RE = /['’‘ʼʹʺʻʽʿʾ`´]/g;
const NON_WORD_RE = /[^\p{L}\p{N}]+/gu;
const MARK_RE = /\p{M}/gu;
// eslint-disable-next-line no-control-regex
const ASCII_RE = /^[\x00-\x7f]*$/;
/** Already a key: lower-case words separated by single spaces. */
const CLEAN_RE = /^[a-z0-9]+(?: [a-z0-9]+)*$/;
const ABBREV_RE = /(?:^| )(?:st|ste|mt|ft)(?: |$)/;

const ABBREV: Record<string, string> = {
  st: 'saint',
  ste: 'sainte',
  mt: 'mount',
  ft: 'fort',
};

export function normaliseName(s: string): string {
  let t = s.toLowerCase();
  // Fast paths: most names are plain ASCII words ("kursk", "new york city").
  if (!ASCII_RE.test(t)) {
    t = t.normalize('NFKD').replace(MARK_RE, '');
    t = t.replace(FOLD_RE, (c) => FOLD[c] ?? c);
  }
  if (!CLEAN_RE.test(t)) {
    t = t.replace(APOS_RE, '').replace(NON_WORD_RE, ' ').trim();
  }
  if (t.length === 0) return t;
  // Spell out abbreviations (only when present: cheap check first).
  if (ABBREV_RE.test(t)) {
    t = t
      .split(' ')
      .map((w) => ABBREV[w] ?? w)
      .join(' ');
  }
  return t;
}

/** Number of space-separated words in a normalised key. */
export function wordCount(key: string): number {
  if (key.length === 0) return 0;
  let n = 1;
  for (let i = 0; i < key.length; i++) if (key.charCodeAt(i) === 32) n++;
  return n;
}
