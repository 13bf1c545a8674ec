import type { Doc, Sentence } from '../model/index.js';
import { matchesOf } from './scan.js';

export const SENTENCE_STAGE = 'nlp.sentences';

/**
 * Words that end with a dot but seldom end a sentence. Lower-cased, without
 * the final dot. Example: "Mr. Putin" must not split after "Mr.".
 */
const ABBREVIATIONS = new Set([
  'mr', 'mrs', 'ms', 'dr', 'prof', 'gen', 'lt', 'col', 'maj', 'capt', 'sgt', 'sen', 'rep', 'gov',
  'st', 'mt', 'ft', 'no', 'nos', 'vol', 'p', 'pp', 'ed', 'eds', 'fig', 'jan', 'feb', 'mar', 'apr',
  'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'inc', 'ltd', 'co', 'corp', 'jr', 'sr',
  'vs', 'etc', 'e.g', 'i.e', 'approx', 'dept', 'univ', 'est', 'ave', 'blvd', 'rev', 'hon', 'pres',
]);

/**
 * The longest sentence. A longer run of text with no sentence end (a page
 * of text with no punctuation, a list, a dump) is cut at the last space
 * before this many characters. Real sentences stay far below it (the
 * longest in the evaluation corpora, about 63 000 sentences, has 1 611
 * characters). Without a limit such a text was one sentence, and the stages
 * that read a sentence at a time (triggers, casualties, attributions) did
 * work in proportion to its length for every hit in it: quadratic in the
 * length of the document.
 */
export const MAX_SENTENCE_CHARS = 4000;

/** Any white space, as the boundary rules understand it. */
const SPACE = /\s/;

/**
 * Candidate sentence boundaries, in one pattern so they are met in document order: (1) end punctuation
 * with closing quotes and the space after it ("attack.” The"), (3) a blank line (paragraph break), (4) a
 * single line break ("HEADLINE\nBody"). A punctuation run is tried from its first mark only (the
 * lookbehind): tried from each of its marks, a run of 60 000 "!" with no space after took 8 s (recheck:
 * quadratic); a match from inside a run exists only when one from its start does.
 */
const BOUNDARY = /(?<![.!?])([.!?]+["'”’)\]]*)(\s+)|(\n[ \t]*\n\s*)|(\n)/g;
/** A hard-wrapped line continues the sentence: the next line starts lower-case or with punctuation ("and\nthen"). */
const WRAP_NEXT = /[a-z,;]/;
/** ...and the line before ends in a letter or a comma, not a full stop ("forces,\nwho"). */
const WRAP_PREV = /[\p{L},;]/u;
/** Letters and dots of the word before a dot: "U.S", "Mr". */
const ABBREVIATION_CHAR = /[\p{L}.]/u;
/** An upper-case letter: a single one before a dot is an initial ("J. Smith"). */
const UPPER = /\p{Lu}/u;
/** "No." abbreviates only before a number: "No. 43", not "said no. Then". */
const NO_BEFORE_NUMBER = /^\.\s*\d/;
/** Dotted initialisms: "U.S", "D.C" (the final dot is the candidate boundary). */
const INITIALISM = /^(?:\p{L}\.)+\p{L}$/u;
/** A capitalised function word after an initialism starts a new sentence: "in the U.S. The attack". */
const NEW_SENTENCE_START = /^\s+(?:The|A|An|In|On|He|She|It|They|We|But|And)\b/;

/**
 * Split the document into sentences. Boundaries: a paragraph break (blank
 * line), a line break inside a non-body region (title, byline), or ., ! or ?
 * (with closing quotes/brackets) followed by white space — unless the word
 * before the dot is a known abbreviation or a single initial ("J. Smith").
 * Works on lower-cased text too, so it does not require a capital after the dot.
 */
export function splitSentences(doc: Pick<Doc, 'text'>): Sentence[] {
  const text = doc.text;
  const out: Sentence[] = [];
  let start = skipSpace(text, 0);
  for (const m of matchesOf(text, BOUNDARY)) {
    let cut: number;
    let reason: string;
    if (m[1] !== undefined) {
      const dotAt = m.index;
      if (m[1].startsWith('.') && isAbbreviationBefore(text, dotAt)) continue;
      // An ellipsis inside a quotation ("... We are") continues the sentence
      // when the next word is lower-case; otherwise treat it as a boundary.
      cut = dotAt + m[1].length;
      reason = 'rule: sentence-final punctuation followed by space';
    } else if (m[3] !== undefined) {
      cut = m.index;
      reason = 'rule: paragraph break';
    } else {
      // A single newline: lines of titles, bylines and verse-like blocks are
      // separate units; a hard-wrapped paragraph (line ends without
      // punctuation and the next line starts lower-case) is not.
      const next = text.charAt(m.index + 1);
      const prev = text.charAt(m.index - 1);
      if (WRAP_NEXT.test(next) && WRAP_PREV.test(prev)) continue;
      cut = m.index;
      reason = 'rule: line break';
    }
    pushSentence(out, text, start, cut, reason);
    start = skipSpace(text, m.index + m[0].length);
    // Resume after the skipped space (matchesOf reads lastIndex between matches).
    BOUNDARY.lastIndex = start;
  }
  pushSentence(out, text, start, text.length, 'rule: end of text');
  return out;
}

function pushSentence(out: Sentence[], text: string, start: number, end: number, reason: string): void {
  while (end > start && SPACE.test(text.charAt(end - 1))) end--;
  while (end - start > MAX_SENTENCE_CHARS) {
    const cut = cutPoint(text, start);
    pushSentence(out, text, start, cut, `rule: no sentence end within ${MAX_SENTENCE_CHARS} characters, cut at a space`);
    start = skipSpace(text, cut);
  }
  if (end <= start) return;
  out.push({ start, end, index: out.length, stage: SENTENCE_STAGE, reason });
}

/** Where to cut an over-long sentence starting at `start`: the last white space within the limit, else the limit itself. */
function cutPoint(text: string, start: number): number {
  let cut = start + MAX_SENTENCE_CHARS;
  while (cut > start && !SPACE.test(text.charAt(cut))) cut--;
  if (cut === start) {
    cut = start + MAX_SENTENCE_CHARS;
    // Never between the two halves of a character outside the Basic Multilingual Plane.
    const c = text.charCodeAt(cut);
    if (c >= 0xdc00 && c <= 0xdfff) cut--;
  }
  return cut;
}

function skipSpace(text: string, i: number): number {
  while (i < text.length && SPACE.test(text.charAt(i))) i++;
  return i;
}

/** Characters read after "No" for the number: the dot, a space or two, a digit. */
const NO_LOOKAHEAD_CHARS = 4;
/** Characters read after an initialism for the next word: spaces and "They"/"But" with a boundary. */
const NEXT_WORD_CHARS = 11;

function isAbbreviationBefore(text: string, dotAt: number): boolean {
  let i = dotAt;
  while (i > 0 && ABBREVIATION_CHAR.test(text.charAt(i - 1))) i--;
  const word = text.slice(i, dotAt).toLowerCase();
  if (word.length === 1 && UPPER.test(text.charAt(i))) return true; // an initial
  if (ABBREVIATIONS.has(word)) {
    // "No." only abbreviates before a number ("No. 43").
    if (word === 'no') return NO_BEFORE_NUMBER.test(text.slice(dotAt, dotAt + NO_LOOKAHEAD_CHARS));
    return true;
  }
  // "U.S." / "D.C." inside a sentence: keep going unless a capitalised
  // function word starts the next sentence.
  if (INITIALISM.test(word)) {
    const after = text.slice(dotAt + 1, dotAt + 1 + NEXT_WORD_CHARS);
    return !NEW_SENTENCE_START.test(after);
  }
  return false;
}

/** Index of the sentence containing offset `pos` (binary search), or -1. */
export function sentenceAt(sentences: readonly Sentence[], pos: number): number {
  let lo = 0;
  let hi = sentences.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = sentences[mid]!;
    if (pos < s.start) hi = mid - 1;
    else if (pos >= s.end) lo = mid + 1;
    else return mid;
  }
  return -1;
}
