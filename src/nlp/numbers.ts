/**
 * Number words and figures: "five" → 5, "twenty-one" → 21, "1,300" → 1300,
 * "1.5 million" → 1500000, "a dozen" → 12, "one hundred and forty-four" → 144.
 *
 * The regex sources exported here are shared by the date and quantity finders,
 * so both agree on what a number looks like. They are meant to be embedded in
 * case-insensitive patterns.
 */

/** 0–19: units and teens. */
const SMALL: Readonly<Record<string, number>> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9,
  ten: 10, eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16,
  seventeen: 17, eighteen: 18, nineteen: 19,
};

/** Multiples of ten. */
const TENS: Readonly<Record<string, number>> = {
  twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
};

/** Scale words above a hundred ("mln"/"bn" are newswire abbreviations). */
const SCALES: Readonly<Record<string, number>> = {
  thousand: 1e3, million: 1e6, mln: 1e6, billion: 1e9, bn: 1e9, trillion: 1e12,
};

const byLengthDesc = (a: string, b: string): number => b.length - a.length;

/** Alternation of every cardinal word below a hundred ("seventeen" before "seven"). */
export const CARDINAL_WORD_SOURCE = [...Object.keys(SMALL), ...Object.keys(TENS)].sort(byLengthDesc).join('|');

/** Scale words usable after a figure or word: "1.5 million", "two hundred". */
export const SCALE_SOURCE = 'hundred|thousand|million|billion|trillion|mln|bn';

/** A figure: "1,300", "144", "1.5" (a comma group must be three digits). */
export const FIGURE_SOURCE = String.raw`\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?`;

const WORD_TOKEN = `(?:${CARDINAL_WORD_SOURCE}|${SCALE_SOURCE}|dozen)\\b`;

/**
 * A run of number words: "twenty-one", "one hundred and forty-four", "a dozen",
 * "a hundred". The run may overshoot ("five and six"); callers validate with
 * parseNumber and shorten. The run is capped at ten words so that a long run
 * of number words cannot make matching quadratic.
 */
export const WORD_NUMBER_SOURCE =
  `(?:\\ban?\\s+(?=(?:${SCALE_SOURCE}|dozen)\\b))?\\b${WORD_TOKEN}(?:(?:\\s*-\\s*|\\s+and\\s+|\\s+)${WORD_TOKEN}){0,9}`;

/**
 * Any number: a figure with an optional scale word, or a run of number words.
 * A figure never starts inside another figure (keeps "1,000,000,..." linear).
 */
export const NUMBER_SOURCE = `(?:(?<![\\d,.])(?:${FIGURE_SOURCE})(?:\\s+(?:${SCALE_SOURCE})\\b)?|${WORD_NUMBER_SOURCE})`;

const FIGURE_RE = /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(?:[\s-]+(hundred|thousand|million|mln|billion|bn|trillion|dozen))?$/;
const SPLIT_RE = /[\s-]+/;
const WS_RE = /\s+/g;
/** Thousands separators, dropped before Number(): "1,300" → "1300". */
const THOUSANDS_COMMA = /,/g;
/** A scale word ending the number text, so the count carries its multiplier: "20 million", "two hundred". */
const TRAILING_SCALE = /(hundred|thousand|million|mln|billion|bn|trillion)\s*$/i;

type Last = 'none' | 'a' | 'unit' | 'teen' | 'ten' | 'hundred' | 'scale' | 'and' | 'dozen';

/**
 * "five" → 5, "twenty-one" → 21, "1,300" → 1300, "1.5 million" → 1500000,
 * "a dozen" → 12, "one hundred and forty-four" → 144; null if not a number
 * (including ungrammatical runs such as "five six" or "hundred" on its own).
 */
export function parseNumber(words: string): number | null {
  const s = words.trim().toLowerCase().replace(WS_RE, ' ');
  if (s === '') return null;
  const c0 = s.charCodeAt(0);
  if (c0 >= 48 && c0 <= 57) {
    const m = FIGURE_RE.exec(s);
    if (!m) return null;
    const whole = m[1]!.replace(THOUSANDS_COMMA, '');
    let v = Number(m[2] !== undefined ? `${whole}.${m[2]}` : whole);
    const scale = m[3];
    if (scale !== undefined) v *= scale === 'hundred' ? 100 : scale === 'dozen' ? 12 : SCALES[scale]!;
    return Number.isFinite(v) ? Math.round(v * 1e6) / 1e6 : null;
  }
  return parseWords(s.split(SPLIT_RE));
}

function parseWords(tokens: string[]): number | null {
  let total = 0;
  let group = 0;
  let last: Last = 'none';
  let lastScale = Infinity;
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i]!;
    if (tok === 'a' || tok === 'an') {
      if (i !== 0) return null;
      const next = tokens[i + 1];
      if (next === undefined || !(next === 'hundred' || next === 'dozen' || next in SCALES)) return null;
      group = 1;
      last = 'a';
      continue;
    }
    if (tok === 'and') {
      if ((last !== 'hundred' && last !== 'scale') || i === tokens.length - 1) return null;
      last = 'and';
      continue;
    }
    const small = SMALL[tok];
    if (small !== undefined) {
      if (small < 10) {
        if (last === 'ten') {
          if (small === 0) return null;
        } else if (!(last === 'none' || last === 'hundred' || last === 'scale' || last === 'and')) return null;
        if (small === 0 && last !== 'none') return null;
        group += small;
        last = 'unit';
      } else {
        if (!(last === 'none' || last === 'hundred' || last === 'scale' || last === 'and')) return null;
        group += small;
        last = 'teen';
      }
      continue;
    }
    const ten = TENS[tok];
    if (ten !== undefined) {
      if (!(last === 'none' || last === 'hundred' || last === 'scale' || last === 'and')) return null;
      group += ten;
      last = 'ten';
      continue;
    }
    if (tok === 'hundred') {
      if (!(last === 'unit' || last === 'teen' || last === 'a') || group <= 0 || group >= 100) return null;
      group *= 100;
      last = 'hundred';
      continue;
    }
    if (tok === 'dozen') {
      if (!(last === 'none' || last === 'unit' || last === 'teen' || last === 'ten' || last === 'a')) return null;
      if (last === 'none') group = 1;
      group *= 12;
      last = 'dozen';
      continue;
    }
    const scale = SCALES[tok];
    if (scale !== undefined) {
      if (last === 'none' || last === 'and' || last === 'scale' || group <= 0 || scale >= lastScale) return null;
      total += group * scale;
      group = 0;
      lastScale = scale;
      last = 'scale';
      continue;
    }
    return null;
  }
  if (last === 'none' || last === 'a' || last === 'and') return null;
  return total + group;
}

/** True when the number text ends with a scale word ("20 million"). */
export function hasScaleWord(words: string): boolean {
  return TRAILING_SCALE.test(words);
}

/** The multiplier of a trailing scale word, or 1. */
export function trailingScale(words: string): number {
  const m = TRAILING_SCALE.exec(words);
  if (!m) return 1;
  const w = m[1]!.toLowerCase();
  return w === 'hundred' ? 100 : SCALES[w]!;
}
