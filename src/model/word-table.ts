/**
 * A table from words, found by their characters where they stand in a text, to numbers (issue 11).
 * A Map keyed by the word needs it sliced out of the text, a fresh string per word, hashed and
 * compared through pointers to strings all over the heap; in the pipeline, between one sentence and
 * the next, those were out of the cache, and the lookups of the event models' words cost several
 * times what they cost alone. Here a word is hashed off the text's characters and a probe reads two
 * arrays: its slot and its characters.
 *
 * Open addressing, linear probing, at most half full: slot s holds [hash, value + 1 (0: empty),
 * offset, length] at 4s, the word's characters at chars[offset, offset + length). Bounded: at most
 * `max` words (`full` says when; the caller clears it), none over WORD_MAX characters.
 */
export class WordTable {
  private readonly slots: Int32Array;
  private readonly chars: Uint16Array;
  private readonly bits: number;
  private count = 0;
  private used = 0;

  constructor(private readonly max: number) {
    this.bits = Math.ceil(Math.log2(2 * max));
    this.slots = new Int32Array(4 << this.bits);
    this.chars = new Uint16Array(max * 16);
  }

  /** Longer words are not kept (they are rare): `add` skips them. */
  static readonly WORD_MAX = 64;

  /** No room for another word (of up to WORD_MAX characters). */
  get full(): boolean {
    return this.count >= this.max || this.used + WordTable.WORD_MAX > this.chars.length;
  }

  clear(): void {
    this.slots.fill(0);
    this.count = 0;
    this.used = 0;
  }

  /** The value kept for the word text[at, end), or -1. */
  get(text: string, at: number, end: number): number {
    const { slots, chars } = this;
    const h = hashOf(text, at, end);
    const mask = (1 << this.bits) - 1;
    for (let s = Math.imul(h, 0x9e3779b1) >>> (32 - this.bits); slots[4 * s + 1] !== 0; s = (s + 1) & mask) {
      if (slots[4 * s] !== h || slots[4 * s + 3] !== end - at) continue;
      const off = slots[4 * s + 2]! - at;
      let i = at;
      while (i < end && chars[off + i] === text.charCodeAt(i)) i++;
      if (i === end) return slots[4 * s + 1]! - 1;
    }
    return -1;
  }

  /** Keeps `value` (≥ 0) for the word text[at, end), not in the table; false (nothing kept) when the word is long or the table full. */
  set(text: string, at: number, end: number, value: number): boolean {
    const len = end - at;
    if (len > WordTable.WORD_MAX || this.full) return false;
    const h = hashOf(text, at, end);
    const mask = (1 << this.bits) - 1;
    let s = Math.imul(h, 0x9e3779b1) >>> (32 - this.bits);
    while (this.slots[4 * s + 1] !== 0) s = (s + 1) & mask;
    this.slots.set([h, value + 1, this.used, len], 4 * s);
    for (let i = at; i < end; i++) this.chars[this.used++] = text.charCodeAt(i);
    this.count++;
    return true;
  }
}

/** FNV-1a over the UTF-16 code units. */
function hashOf(text: string, at: number, end: number): number {
  let h = 0x811c9dc5 | 0;
  for (let i = at; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h;
}
