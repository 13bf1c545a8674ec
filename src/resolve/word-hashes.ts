/**
 * A text's words (lower-cased letter and digit runs) and their FNV-1a hashes, shared by the near-copy
 * sketch (near-copy.ts) and the SimHash (simhash.ts). Every save sketches its body with the plain
 * hashes; only a repost's SimHash also reads them from SECOND_SEED, and asks for those then (issue
 * 11: hashing every body twice, for a figure only reposts report, was wasted on the rest).
 */

/** A letter or digit (what one character of a word is), for a code point past ASCII. */
const WORD_CHAR = /^[\p{L}\p{N}]$/u;

/** The seed of each word's second hash (the SimHash's low half). */
export const SECOND_SEED = 0x9e3779b9;

/** FNV-1a's offset basis: the hashes from seed 0. */
const FNV_BASIS = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

export interface HashedWords {
  /** How many words the text holds: the matches of /[\p{L}\p{N}]+/gu in its lower-cased form. */
  readonly count: number;
  /** Each word's FNV-1a, 32 bits, over its UTF-16 code units, from the offset basis XOR the seed. */
  readonly hashes: Uint32Array;
}

/** Per code point past ASCII seen so far: whether it is a letter or digit. Bounded by the code points of the texts read. */
const WORD_CHAR_OF = new Map<number, boolean>();

function isWordChar(cp: number): boolean {
  if (cp < 128) return (cp >= 97 && cp <= 122) || (cp >= 48 && cp <= 57) || (cp >= 65 && cp <= 90);
  let w = WORD_CHAR_OF.get(cp);
  if (w === undefined) {
    w = WORD_CHAR.test(String.fromCodePoint(cp));
    WORD_CHAR_OF.set(cp, w);
  }
  return w;
}

let last: { text: string; seed: number; value: HashedWords } | null = null;
/** Words the scratch array holds between texts; a longer text's is grown for it and let go after. */
const SCRATCH_WORDS = 1 << 14;
/** Hashes of the words read so far, grown as needed (one text at a time). */
let scratch: Uint32Array = new Uint32Array(SCRATCH_WORDS);

/**
 * The words of `text` (its lower-cased form's runs of letters and digits) and their hashes from
 * `seed` (0: plain FNV-1a), each hashed where it stands: a string per word, only to be hashed, was
 * most of what the near-copy sketch allocated (issue 11). The last text's are kept (read them, do not
 * change them): a repost's SimHash reads the sketch's.
 */
export function hashedWords(text: string, seed = 0): HashedWords {
  if (last?.text === text && last.seed === seed) return last.value;
  const basis = (FNV_BASIS ^ seed) >>> 0;
  let n = asciiWords(text, basis);
  if (n < 0) n = unicodeWords(text, basis);
  last = { text, seed, value: { count: n, hashes: scratch.slice(0, n) } };
  // A very long text's scratch is not kept for the life of the process.
  if (scratch.length > SCRATCH_WORDS) scratch = new Uint32Array(SCRATCH_WORDS);
  return last.value;
}

/** Keeps the n-th word's hash in the scratch array, growing it when full. */
function keep(n: number, h: number): void {
  if (n === scratch.length) {
    const grown = new Uint32Array(scratch.length * 2);
    grown.set(scratch);
    scratch = grown;
  }
  scratch[n] = h;
}

/**
 * The words of an ASCII text, hashed into the scratch array: their count, or -1 at the first character
 * past ASCII (the caller then reads the text again as Unicode). Most reports are ASCII, and for them
 * this is what unicodeWords computes: lower-casing ASCII only folds A–Z, and every character is one
 * code point. Without a lower-cased copy of the text or a code point per character, it takes about a
 * third of the time.
 */
function asciiWords(text: string, basis: number): number {
  let n = 0;
  let h = 0;
  let inWord = false;
  // One step past the end, read as a space, ends the last word. A second `keep` after the loop would
  // never have run when V8 compiles a long text's loop while it runs (on-stack replacement), and the
  // code so compiled left there and was entered again by the next text, a deoptimisation per document.
  for (let i = 0; i <= text.length; i++) {
    let c = i < text.length ? text.charCodeAt(i) : 32;
    if (c >= 128) return -1;
    if (c >= 65 && c <= 90) c += 32;
    const word = (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
    if (word) {
      if (!inWord) h = basis;
      h = Math.imul(h ^ c, FNV_PRIME) >>> 0;
    } else if (inWord) keep(n++, h);
    inWord = word;
  }
  return n;
}

/** The words of any text, hashed into the scratch array: their count. */
function unicodeWords(text: string, basis: number): number {
  const lower = text.toLowerCase();
  let n = 0;
  let h = 0;
  let inWord = false;
  for (let i = 0; i <= lower.length; ) {
    // A surrogate pair is one code point; a lone surrogate is its own (and no letter).
    const cp = i < lower.length ? lower.codePointAt(i)! : -1;
    const width = cp > 0xffff ? 2 : 1;
    const word = cp >= 0 && isWordChar(cp);
    if (word && !inWord) h = basis;
    else if (!word && inWord) keep(n++, h);
    inWord = word;
    for (let k = 0; word && k < width; k++) h = Math.imul(h ^ lower.charCodeAt(i + k), FNV_PRIME) >>> 0;
    i += width;
  }
  return n;
}
