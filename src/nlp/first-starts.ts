/**
 * A pattern tried only at the starts that can still match: the same matches, groups and `lastIndex`
 * steps as the pattern itself, for the patterns of issue 13 that are quadratic only because a match
 * may begin at every word (or letter) of one run, and from each the run was read to its end again.
 *
 * `starts` finds every place a match may begin (more is harmless). The pattern is run sticky at
 * each, which reads what follows once. Where it fails, `resume` says where the next start worth
 * trying is: each rule says, beside it, why the starts it skips read the same run and what follows
 * and so fail as this one did. The exec is given a RegExp's face (`lastIndex`, `exec`, `test`,
 * `global`), so the callers loop over it as over a pattern (PrefixedNoun does the same by hand).
 *
 * The pattern is given as its source, never built as it stands: only its sticky form is (linear by
 * recheck: one start, one read of the run).
 *
 * `needs`, where given, is words every match holds ("responsibility" in "X claimed responsibility"):
 * where they are nowhere past `lastIndex`, no match can begin there, and no start is tried. Most texts
 * hold none, and trying a start at each of their words was most of these patterns' cost (issue 11).
 */
export class FirstStarts {
  lastIndex = 0;
  readonly global: boolean;
  private readonly sticky: RegExp;
  private readonly starts: RegExp;
  private readonly needs: RegExp | null;

  /**
   * @param source the pattern's source, as the rule wrote it
   * @param flags its flags (with g, exec steps through the text from `lastIndex`, as RegExp#exec does)
   * @param starts where a match may begin (the index of each of its matches; it is made global)
   * @param resume after a failed start: the next place worth trying (at least the start plus one)
   * @param needs a pattern every match holds a match of, inside it (made global; see above)
   */
  constructor(source: string, flags: string, starts: RegExp, private readonly resume: (text: string, at: number) => number, needs?: RegExp) {
    this.global = flags.includes('g');
    this.sticky = new RegExp(source, flags.replace('g', '') + 'y');
    this.starts = starts.global ? starts : new RegExp(starts.source, starts.flags + 'g');
    this.needs = !needs ? null : needs.global ? needs : new RegExp(needs.source, needs.flags + 'g');
  }

  /** The leftmost match from `lastIndex` (global) or from 0, as RegExp#exec gives it. */
  exec(text: string): RegExpExecArray | null {
    let from = this.global ? this.lastIndex : 0;
    if (this.needs) {
      this.needs.lastIndex = from;
      if (!this.needs.test(text)) from = text.length + 1;
    }
    while (from <= text.length) {
      this.starts.lastIndex = from;
      const s = this.starts.exec(text);
      if (!s) break;
      this.sticky.lastIndex = s.index;
      const m = this.sticky.exec(text);
      if (m) {
        if (this.global) this.lastIndex = m.index + m[0].length;
        return m;
      }
      from = Math.max(s.index + 1, this.resume(text, s.index));
    }
    if (this.global) this.lastIndex = 0;
    return null;
  }

  test(text: string): boolean {
    return this.exec(text) !== null;
  }
}

/** The end of the run of `chars` (a sticky pattern of them, `+`) from `at`: `at` itself when none is there. */
export function runEnd(text: string, at: number, chars: RegExp): number {
  chars.lastIndex = at;
  return chars.test(text) ? chars.lastIndex : at;
}
