/**
 * A text's words (lower-cased letter and digit runs) and their FNV-1a hashes, shared by the near-copy
 * sketch (near-copy.ts) and the SimHash (simhash.ts). Every save sketches its body; a repost's SimHash
 * is made of the same body right after, and finds its words here (issue 11).
 */

/** A letter or digit (what one character of a word is), for a code point past ASCII. */
const WORD_CHAR = /^[\p{L}\p{N}]$/u;

/** The seed of each word's second hash (the SimHash's low half). */
export const SECOND_SEED = 0x9e3779b9;

export interface HashedWords {
  /** How many words the text holds: the matches of /[\p{L}\p{N}]+/gu in its lower-cased form. */
  readonly count: number;
  /** Each word's FNV-1a, 32 bits, over its UTF-16 code units. */
  readonly hashes: Uint32Array;
  /** The same from SECOND_SEED (the offset basis XOR the seed). */
  readonly seeded: Uint32Array;
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

let last: { text: string; value: HashedWords } | null = null;
/** Words the scratch arrays hold between texts; a longer text's are grown for it and let go after. */
const SCRATCH_WORDS = 1 << 14;
/** Hashes of the words read so far, grown as needed (one text at a time). */
let scratchA: Uint32Array = new Uint32Array(SCRATCH_WORDS);
let scratchB: Uint32Array = new Uint32Array(SCRATCH_WORDS);

/**
 * The words of `text` (its lower-cased form's runs of letters and digits) and their two hashes, each
 * hashed where it stands: a string per word, only to be hashed, was most of what the near-copy
 * sketch allocated (issue 11). The last text's are kept (read them, do not change them).
 */
export function hashedWords(text: string): HashedWords {
  if (last?.text === text) return last.value;
  const lower = text.toLowerCase();
  let n = 0;
  let a = 0;
  let b = 0;
  let inWord = false;
  for (let i = 0; i <= lower.length; ) {
    // A surrogate pair is one code point; a lone surrogate is its own (and no letter).
    const cp = i < lower.length ? lower.codePointAt(i)! : -1;
    const width = cp > 0xffff ? 2 : 1;
    const word = cp >= 0 && isWordChar(cp);
    if (word && !inWord) {
      a = 0x811c9dc5;
      b = (0x811c9dc5 ^ SECOND_SEED) >>> 0;
    } else if (!word && inWord) {
      if (n === scratchA.length) [scratchA, scratchB] = [grow(scratchA), grow(scratchB)];
      scratchA[n] = a;
      scratchB[n] = b;
      n++;
    }
    inWord = word;
    for (let k = 0; word && k < width; k++) {
      const c = lower.charCodeAt(i + k);
      a = Math.imul(a ^ c, 0x01000193) >>> 0;
      b = Math.imul(b ^ c, 0x01000193) >>> 0;
    }
    i += width;
  }
  last = { text, value: { count: n, hashes: scratchA.slice(0, n), seeded: scratchB.slice(0, n) } };
  // A very long text's scratch is not kept for the life of the process.
  if (scratchA.length > SCRATCH_WORDS) [scratchA, scratchB] = [new Uint32Array(SCRATCH_WORDS), new Uint32Array(SCRATCH_WORDS)];
  return last.value;
}

function grow(a: Uint32Array): Uint32Array {
  const out = new Uint32Array(a.length * 2);
  out.set(a);
  return out;
}
