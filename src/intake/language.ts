import { isAsciiLetter, WordTable } from '../model/index.js';
import { ENGLISH_FUNCTION_WORDS } from './patterns.js';

/**
 * Which language a text is in, cheaply: the script its letters are written in, then, for Latin
 * script, which language's function words it is made of. The pipeline reads English only; the point
 * is to say so ("language ru: no extraction yet") instead of storing a Russian report with "0
 * incidents" in silence.
 */

/** Languages the extraction rules read. */
export const READ_LANGUAGES: readonly string[] = Object.freeze(['en']);

/** The most frequent function words of each Latin-script language we can name. */
const FUNCTION_WORDS: Record<string, ReadonlySet<string>> = {
  en: ENGLISH_FUNCTION_WORDS,
  fr: new Set(['le', 'la', 'les', 'de', 'des', 'du', 'et', 'un', 'une', 'est', 'en', 'que', 'qui', 'dans', 'pour', 'pas', 'sur', 'au', 'aux', 'par', 'avec', 'il', 'elle', 'ont', 'été', 'sont', 'cette', 'ce', 'ses', 'son', 'mais', 'ou', 'lors', 'selon', 'après']),
  es: new Set(['el', 'la', 'los', 'las', 'de', 'del', 'y', 'en', 'un', 'una', 'que', 'es', 'por', 'con', 'para', 'se', 'al', 'su', 'sus', 'lo', 'como', 'pero', 'fue', 'han', 'este', 'esta', 'según', 'tras', 'entre']),
  pt: new Set(['o', 'a', 'os', 'as', 'de', 'do', 'da', 'dos', 'das', 'e', 'em', 'no', 'na', 'um', 'uma', 'que', 'para', 'com', 'por', 'foi', 'não', 'se', 'ao', 'seu', 'sua', 'mas', 'segundo', 'após', 'pelo', 'pela']),
  de: new Set(['der', 'die', 'das', 'den', 'dem', 'des', 'und', 'ein', 'eine', 'einer', 'ist', 'in', 'im', 'nicht', 'mit', 'von', 'zu', 'auf', 'für', 'sich', 'auch', 'wurde', 'wurden', 'sind', 'bei', 'nach', 'aus', 'dass', 'es', 'sie']),
  it: new Set(['il', 'lo', 'la', 'i', 'gli', 'le', 'di', 'del', 'della', 'e', 'è', 'un', 'una', 'che', 'per', 'con', 'non', 'sono', 'nel', 'nella', 'da', 'dei', 'delle', 'ha', 'anche', 'dopo', 'secondo']),
  nl: new Set(['de', 'het', 'een', 'en', 'van', 'in', 'is', 'op', 'te', 'dat', 'die', 'niet', 'met', 'voor', 'zijn', 'er', 'aan', 'ook', 'werd', 'door', 'bij', 'naar', 'maar', 'wordt']),
  tr: new Set(['ve', 'bir', 'bu', 'da', 'de', 'ile', 'için', 'olarak', 'daha', 'çok', 'gibi', 'sonra', 'olan', 'en', 'ise', 'ama', 'kadar', 'göre', 'tarafından']),
  id: new Set(['yang', 'dan', 'di', 'ini', 'itu', 'dengan', 'untuk', 'dari', 'dalam', 'tidak', 'akan', 'pada', 'juga', 'oleh', 'ke', 'karena', 'telah', 'bahwa', 'mereka']),
};

/** Non-Latin scripts, as a Unicode property and the language code a news text in it most likely has. */
const SCRIPTS: [RegExp, (text: string) => string][] = [
  // Ukrainian has letters Russian lacks (і ї є ґ); Russian has ones Ukrainian lacks (ы э ъ ё).
  [/\p{Script=Cyrillic}/u, (t) => (/[іїєґ]/iu.test(t) && !/[ыэъ]/iu.test(t) ? 'uk' : 'ru')],
  [/\p{Script=Arabic}/u, (t) => (/[پچژگ]/u.test(t) ? 'fa' : 'ar')],
  [/\p{Script=Hebrew}/u, () => 'he'],
  [/\p{Script=Greek}/u, () => 'el'],
  [/\p{Script=Devanagari}/u, () => 'hi'],
  [/\p{Script=Hangul}/u, () => 'ko'],
  [/[\p{Script=Hiragana}\p{Script=Katakana}]/u, () => 'ja'],
  [/\p{Script=Han}/u, () => 'zh'],
  [/\p{Script=Thai}/u, () => 'th'],
  [/\p{Script=Georgian}/u, () => 'ka'],
  [/\p{Script=Armenian}/u, () => 'hy'],
  [/\p{Script=Ethiopic}/u, () => 'am'],
];

const LETTER = /^\p{L}$/u;
const LATIN = /^\p{Script=Latin}$/u;
const TOKEN = /[\p{L}']+/gu;
/** How much of the sample is looked at: enough to decide, cheap on a long report. */
const SAMPLE_CHARS = 20_000;
/** Share of letters in one script for the text to be taken as written in it. */
const SCRIPT_SHARE = 0.5;
/** Share of tokens that must be English function words (an English news text runs 35-45 %). */
const ENGLISH_SHARE = 0.2;
/** Share another language's function words must reach, and how far it must lead English's. */
const OTHER_SHARE = 0.15;

/** Per non-ASCII code point: bit 1 a letter (\p{L}), bit 2 Latin script. Bounded by the code points seen. */
const CLASS_OF = new Map<number, number>();

function classOf(cp: number): number {
  let c = CLASS_OF.get(cp);
  if (c === undefined) {
    const ch = String.fromCodePoint(cp);
    c = (LETTER.test(ch) ? 1 : 0) | (LATIN.test(ch) ? 2 : 0);
    CLASS_OF.set(cp, c);
  }
  return c;
}

/**
 * How many code points of the text are letters, and how many are in Latin script: what counting the
 * matches of /\p{L}/gu and /\p{Script=Latin}/gu gives, without a string per letter (issue 11). ASCII
 * letters are both; no other ASCII character is either; a lone surrogate is neither.
 */
export function countLetters(s: string): { letters: number; latin: number } {
  let letters = 0;
  let latin = 0;
  for (let i = 0; i < s.length; i++) {
    let cp = s.charCodeAt(i);
    if (cp < 128) {
      if ((cp >= 65 && cp <= 90) || (cp >= 97 && cp <= 122)) {
        letters++;
        latin++;
      }
      continue;
    }
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < s.length) {
      const lo = s.charCodeAt(i + 1);
      if (lo >= 0xdc00 && lo <= 0xdfff) {
        cp = (cp - 0xd800) * 0x400 + (lo - 0xdc00) + 0x10000;
        i++;
      }
    }
    const c = classOf(cp);
    letters += c & 1;
    latin += c >> 1;
  }
  return { letters, latin };
}

/** English's function words, looked up where a token stands in the text (made on first use). */
let englishTable: WordTable | null = null;

function englishWords(): WordTable {
  if (englishTable) return englishTable;
  const table = new WordTable(ENGLISH_FUNCTION_WORDS.size + 16);
  for (const w of ENGLISH_FUNCTION_WORDS) if (!table.set(w, 0, w.length, 1)) throw new Error(`language: no room for the function word "${w}"`);
  englishTable = table;
  return table;
}

/** Whether the code point is in a TOKEN: a letter (\p{L}) or the apostrophe. */
function inToken(cp: number): boolean {
  if (cp < 128) return cp === 39 || isAsciiLetter(cp);
  return (classOf(cp) & 1) === 1;
}

/**
 * How many matches of TOKEN the lower-cased sample holds, and how many of them are English function
 * words: what `lower.match(TOKEN)` and a Set lookup per token give, without a string per token (a
 * long report's sample is 3,000 tokens, and their strings were a twentieth of what a pipeline pass
 * allocated: issue 11). Exported for tests.
 */
export function englishTokens(lower: string): { tokens: number; english: number } {
  return asciiEnglishTokens(lower) ?? unicodeEnglishTokens(lower);
}

/**
 * englishTokens of an ASCII text, or null at its first character past ASCII (then the text is read
 * again as Unicode). Most reports are ASCII: a character is a code unit, and a token's characters
 * are letters and the apostrophe, so no code point is read and no class looked up (issue 11: over
 * two pipeline passes of MUC-4 train, the Unicode reading took 97 of intake's 401 ms, this one 63).
 */
function asciiEnglishTokens(lower: string): { tokens: number; english: number } | null {
  const table = englishWords();
  let tokens = 0;
  let english = 0;
  let start = -1;
  // One step past the end, read as no token character, ends the last token (one exit from the loop).
  for (let i = 0; i <= lower.length; i++) {
    const c = i < lower.length ? lower.charCodeAt(i) : 32;
    if (c >= 128) return null;
    const inside = c === 39 || isAsciiLetter(c);
    if (inside && start < 0) start = i;
    else if (!inside && start >= 0) {
      tokens++;
      if (table.get(lower, start, i) >= 0) english++;
      start = -1;
    }
  }
  return { tokens, english };
}

function unicodeEnglishTokens(lower: string): { tokens: number; english: number } {
  const table = englishWords();
  let tokens = 0;
  let english = 0;
  let start = -1;
  for (let i = 0; i <= lower.length; ) {
    // A surrogate pair is one code point; a lone surrogate is its own (and no letter).
    const cp = i < lower.length ? lower.codePointAt(i)! : -1;
    const width = cp > 0xffff ? 2 : 1;
    const inside = cp >= 0 && inToken(cp);
    if (inside && start < 0) start = i;
    else if (!inside && start >= 0) {
      tokens++;
      if (table.get(lower, start, i) >= 0) english++;
      start = -1;
    }
    i += width;
  }
  return { tokens, english };
}

/**
 * The language code of a text (`en`, `ru`, `fr` …), or null when it is too short or nothing fits.
 * English is decided by the same test as before (function words ≥ 20 % of tokens) so no English
 * text changes; another language must win clearly.
 */
export function detectLanguage(text: string): string | null {
  const sample = text.slice(0, SAMPLE_CHARS);
  const { letters, latin } = countLetters(sample);
  if (letters < 40) return null;
  if (latin / letters < SCRIPT_SHARE) {
    for (const [script, pick] of SCRIPTS) {
      const n = sample.match(new RegExp(script.source, 'gu'))?.length ?? 0;
      if (n / letters >= SCRIPT_SHARE) return pick(sample);
    }
    return null;
  }
  const lower = sample.toLowerCase();
  const counted = englishTokens(lower);
  if (counted.tokens < 20) return null;
  const en = counted.english / counted.tokens;
  if (en >= ENGLISH_SHARE) return 'en';
  // Not English: every language's share, from the tokens themselves (rarely reached in English news).
  const tokens = lower.match(TOKEN) ?? [];
  const share = (words: ReadonlySet<string>): number => tokens.reduce((n, t) => n + (words.has(t) ? 1 : 0), 0) / tokens.length;
  let best: [string, number] | null = null;
  for (const [lang, words] of Object.entries(FUNCTION_WORDS)) {
    if (lang === 'en') continue;
    const s = share(words);
    if (s >= OTHER_SHARE && s > en * 1.5 && (!best || s > best[1])) best = [lang, s];
  }
  return best ? best[0] : null;
}

/** "language ru: no extraction yet" for a language the rules do not read; null for English or unknown. */
export function languageNotice(language: string | null): string | null {
  return language && !READ_LANGUAGES.includes(language) ? `language ${language}: no extraction yet` : null;
}
