/**
 * A text's words (lower-cased letter and digit runs) and their FNV-1a hashes, shared by the near-copy
 * sketch (near-copy.ts) and the SimHash (simhash.ts). The resolver takes both of the same body, one
 * after the other: splitting and hashing its words once is a share of every save (issue 11).
 */

const WORD_RE = /[\p{L}\p{N}]+/gu;

/** FNV-1a, 32 bits, from a seed (0: the plain FNV-1a offset basis). */
export function fnv1a(s: string, seed = 0): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

export interface HashedWords {
  readonly words: readonly string[];
  /** fnv1a(words[i]). */
  readonly hashes: Uint32Array;
}

let last: { text: string; value: HashedWords } | null = null;

/** The words of `text` and their hashes; the last text's are kept (read them, do not change them). */
export function hashedWords(text: string): HashedWords {
  if (last?.text === text) return last.value;
  const words = text.toLowerCase().match(WORD_RE) ?? [];
  const hashes = new Uint32Array(words.length);
  for (let i = 0; i < words.length; i++) hashes[i] = fnv1a(words[i]!);
  last = { text, value: { words, hashes } };
  return last.value;
}
