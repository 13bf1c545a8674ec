/**
 * A 64-bit SimHash over 5-word shingles of a document's body, compared by Hamming distance. It no
 * longer decides what a near copy is (near-copy.ts's sketch does): it is kept to report how many
 * bits a repost's text lies from its original, beside the share of shingles they share, and is made
 * only then, of both texts (resolver.ts repostDistance).
 */
import { hashedWords, SECOND_SEED } from './word-hashes.js';

/** Words per shingle: long enough that common phrases don't dominate. */
export const SHINGLE_WORDS = 5;
/** At most this many differing bits: the same text. A changed header and footer flip a few bits of a 300-word report; unrelated texts differ in about 32. */
export const MAX_DISTANCE = 4;
/** Below this many words a text is too short to call a repost. */
export const MIN_WORDS = 60;

/** The SimHash as 16 hex digits, or null when the text is too short. */
export function simhash(text: string): string | null {
  const { count, hashes: wa } = hashedWords(text);
  if (count < MIN_WORDS) return null;
  const wb = hashedWords(text, SECOND_SEED).hashes;
  // Each word hashed once with each of two seeds (word-hashes.ts); a shingle's hash mixes its words'
  // hashes in order (no string joins), one 32-bit half from each seed's.
  // ones[b]: shingles whose hash has bit b set. Bit b's vote is ones − (shingles − ones): counting
  // without a branch per bit halved the SimHash's time (issue 11).
  const ones = new Int32Array(64);
  return hexOfVotes(ones, countVotes(wa, wb, count, ones));
}

/**
 * Counts each bit's votes into `ones`; returns the number of shingles. A function of its own, apart
 * from the hex digits read after it: V8 compiles a long document's loop while it runs (on-stack
 * replacement), and code compiled so had never seen the digits' loop run, left at its first compare
 * and was entered again by the next document: 67 deoptimisations in one ingest of MUC-4's train
 * documents (issue 11).
 */
function countVotes(wa: Uint32Array, wb: Uint32Array, count: number, ones: Int32Array): number {
  let shingles = 0;
  for (let i = 0; i + SHINGLE_WORDS <= count; i++) {
    let hi = 0x811c9dc5;
    let lo = 0x01000193;
    for (let k = 0; k < SHINGLE_WORDS; k++) {
      hi = Math.imul(hi ^ wa[i + k]!, 0x01000193) >>> 0;
      lo = Math.imul(lo ^ wb[i + k]!, 0x5bd1e995) >>> 0;
    }
    hi ^= hi >>> 15;
    lo ^= lo >>> 13;
    for (let b = 0; b < 32; b++) {
      ones[b]! += (hi >>> b) & 1;
      ones[32 + b]! += (lo >>> b) & 1;
    }
    shingles++;
  }
  return shingles;
}

/** The SimHash's 16 hex digits: bit b is set when more shingles have it set than not. */
function hexOfVotes(ones: Int32Array, shingles: number): string {
  let out = '';
  for (let nib = 15; nib >= 0; nib--) {
    let x = 0;
    for (let k = 3; k >= 0; k--) x = (x << 1) | (2 * ones[nib * 4 + k]! - shingles > 0 ? 1 : 0);
    out += x.toString(16);
  }
  return out;
}

export function hamming(a: string, b: string): number {
  let d = 0;
  for (let i = 0; i < a.length; i++) {
    let x = parseInt(a[i]!, 16) ^ parseInt(b[i]!, 16);
    while (x) {
      d += x & 1;
      x >>= 1;
    }
  }
  return d;
}
