/**
 * A noun with the capitalised words written before it: "Nigerien soldiers" (the demonym read for
 * the country), "Al-Shabaab militants" (the group's name). The same matches, groups and `lastIndex`
 * steps as the patterns
 *
 *   optional: (?:\b([A-Z][\w'-]+(?:\s+[A-Z][\w'-]+){0,W})\s+)?\b(?:NOUN)\b
 *   required: \b([A-Z][\w'-]+(?:\s+[A-Z][\w'-]+){0,W})\s+(NOUN)\b
 *
 * found by code, because those patterns are quadratic (issue 13): a name word may begin at every
 * word of a hyphenated run ("a-a-a-…"), and from each the run was read to its end. Every start in
 * one run reads the same first word's end and the same words after it, so only the first start of a
 * run is tried; the rest would fail where it failed. The exec is given a duck-typed RegExp's face
 * (`lastIndex`, `exec`), so the actor matchers loop over it as over a pattern.
 */

/** First name word's possible start: a letter at a word boundary, and the [\w'-] run it opens (at least two characters). */
const NAME_START = { i: /(?<!\w)[A-Za-z][\w'-]+/g, cased: /(?<!\w)[A-Z][\w'-]+/g };
/** Another name word after blanks, read to the end of its run. */
const NEXT_NAME = { i: /\s+[A-Za-z][\w'-]+/y, cased: /\s+[A-Z][\w'-]+/y };
/** The blanks between the name and the noun. */
const GAP = /\s+/y;

export interface PrefixedNounOptions {
  /** The noun's alternatives, as pattern source. */
  noun: string;
  /** Case-insensitive (the i flag): then any letter opens a name word. */
  ignoreCase: boolean;
  /** Name words after the first, at most. */
  moreWords: number;
  /** Whether the noun matches without a name before it (the name is group 1, undefined when absent). */
  nameOptional: boolean;
  /** Whether the noun is captured (group 2). */
  captureNoun: boolean;
}

export class PrefixedNoun {
  lastIndex = 0;
  private readonly nounAt: RegExp;
  private readonly nounNext: RegExp;
  private readonly nameStart: RegExp;
  private readonly nextName: RegExp;

  constructor(private readonly o: PrefixedNounOptions) {
    const flags = o.ignoreCase ? 'i' : '';
    // Sticky after the gap; the boundary before it only where the pattern wrote one (the optional name's).
    this.nounAt = new RegExp(`${o.nameOptional ? '\\b' : ''}(?:${o.noun})\\b`, flags + 'y');
    this.nounNext = new RegExp(`\\b(?:${o.noun})\\b`, flags + 'g');
    this.nameStart = new RegExp(o.ignoreCase ? NAME_START.i : NAME_START.cased);
    this.nextName = new RegExp(o.ignoreCase ? NEXT_NAME.i : NEXT_NAME.cased);
  }

  /** The leftmost match from lastIndex, as RegExp#exec with the g flag gives it. */
  exec(text: string): RegExpExecArray | null {
    const from = this.lastIndex;
    let bare: RegExpExecArray | null = null;
    if (this.o.nameOptional) {
      this.nounNext.lastIndex = from;
      bare = this.nounNext.exec(text);
    }
    // A name that starts at the bare noun itself or before it wins (the pattern tries the name first).
    const limit = bare ? bare.index : Infinity;
    this.nameStart.lastIndex = from;
    // Each run's first start only: the search resumes at the run's end.
    for (let w = this.nameStart.exec(text); w && w.index <= limit; w = this.nameStart.exec(text)) {
      const m = this.namedAt(text, w.index, w.index + w[0].length);
      if (m) return m;
    }
    if (bare) return this.result(text, bare.index, bare.index + bare[0].length, undefined, bare[0]);
    this.lastIndex = 0;
    return null;
  }

  /** The name from `start` (its first word ends at `wordEnd`) and the noun after it, as the pattern backtracks: most words first. */
  private namedAt(text: string, start: number, wordEnd: number): RegExpExecArray | null {
    const ends = [wordEnd];
    for (let k = 0; k < this.o.moreWords; k++) {
      this.nextName.lastIndex = ends[ends.length - 1]!;
      if (!this.nextName.test(text)) break;
      ends.push(this.nextName.lastIndex);
    }
    for (let k = ends.length - 1; k >= 0; k--) {
      GAP.lastIndex = ends[k]!;
      if (!GAP.test(text)) continue;
      this.nounAt.lastIndex = GAP.lastIndex;
      const n = this.nounAt.exec(text);
      if (n) return this.result(text, start, n.index + n[0].length, text.slice(start, ends[k]), n[0]);
    }
    return null;
  }

  /** The match as RegExp#exec returns it, lastIndex moved past it. */
  private result(text: string, start: number, end: number, name: string | undefined, noun: string): RegExpExecArray {
    this.lastIndex = end;
    const groups: (string | undefined)[] = [text.slice(start, end), name];
    if (this.o.captureNoun) groups.push(noun);
    return Object.assign(groups, { index: start, input: text, groups: undefined }) as RegExpExecArray;
  }
}
