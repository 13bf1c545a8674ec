/**
 * The one rule-scanning engine. Every extractor keeps its rules as data (a pattern, a name, a reason and
 * whatever the extractor reads off a match) and hands the list to `scan`, which runs each pattern over the
 * text, in list order, and returns the matches in document order. Before this, dates, quantities,
 * triggers, casualties and roles each had their own copy of the `lastIndex = 0; while (exec)` loop, with
 * their own bugs (a zero-length match looping forever, a shared `lastIndex` left dirty by an early return).
 *
 * Patterns must carry the `g` flag: they are compiled once, at module load, and the engine resets
 * `lastIndex` before every run, so a rule list can be shared by any number of callers.
 */

/** A rule the engine can run: a pattern and the reason it exists. Extractors extend it with their own data. */
export interface PatternRule {
  readonly pattern: RegExp;
  readonly reason: string;
}

/** One match of one rule. `start`/`end` are document offsets (the match index plus `offset`). */
export interface Scanned<R> {
  readonly rule: R;
  /** The rule's position in its list: earlier rules win ties. */
  readonly ruleIndex: number;
  readonly match: RegExpExecArray;
  readonly start: number;
  readonly end: number;
}

export interface ScanOptions<R> {
  /** Added to every position: the scanned text is a slice (a sentence) starting here in the document. */
  readonly offset?: number;
  /**
   * List order is priority: a stretch already matched by an earlier rule is not matched again by a later
   * one. Trigger rules use this so "missile attack" (a missile strike) hides the general "attack".
   */
  readonly firstClaims?: boolean;
  /**
   * Reads a match: the end offset (relative to the scanned text) of what the rule accepts, or null to
   * reject it. An end short of the match lets scanning resume there ("five and six" → "five", then "six").
   * Without it, every match is accepted whole.
   */
  readonly read?: (match: RegExpExecArray, rule: R) => number | null;
  /** Whitespace at the end of a match is not part of it ("strikes " in "strikes on"). */
  readonly trimEnd?: boolean;
}

/** Every match of every rule over `text`, sorted by start, longest first, then by rule order. */
export function scan<R extends PatternRule>(text: string, rules: readonly R[], opts: ScanOptions<R> = {}): Scanned<R>[] {
  const offset = opts.offset ?? 0;
  const out: Scanned<R>[] = [];
  const claimed: { start: number; end: number }[] = [];
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i]!;
    const re = rule.pattern;
    if (!re.global) throw new Error(`scan: pattern ${re} needs the g flag`);
    // matchesOf's loop, written out: a generator per rule and text cost more than most rules' scans,
    // which find nothing in most sentences (issue 11). Same matches, same lastIndex steps.
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text)) !== null) {
      if (m[0].length === 0) {
        re.lastIndex++;
        continue;
      }
      let end = opts.read ? opts.read(m, rule) : m.index + m[0].length;
      if (end === null) continue;
      if (end < m.index + m[0].length) rule.pattern.lastIndex = Math.max(end, m.index + 1);
      if (opts.trimEnd) end = m.index + text.slice(m.index, end).trimEnd().length;
      const start = m.index;
      if (opts.firstClaims) {
        if (claimed.some((c) => start < c.end && c.start < end)) continue;
        claimed.push({ start, end });
      }
      out.push({ rule, ruleIndex: i, match: m, start: offset + start, end: offset + end });
    }
  }
  return out.sort((a, b) => a.start - b.start || b.end - a.end || a.ruleIndex - b.ruleIndex);
}

/**
 * The matches of one global pattern, in order. Zero-length matches are skipped (they would loop forever).
 * A generator, so a caller may stop early, and `read` in `scan` may move `lastIndex` between matches.
 */
export function* matchesOf(text: string, pattern: RegExp): Generator<RegExpExecArray> {
  if (!pattern.global) throw new Error(`scan: pattern ${pattern} needs the g flag`);
  pattern.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = pattern.exec(text)) !== null) {
    if (m[0].length === 0) {
      pattern.lastIndex++;
      continue;
    }
    yield m;
  }
}

/** The first match of a global pattern, leaving it reset for the next caller. */
export function firstMatch(text: string, pattern: RegExp): RegExpExecArray | null {
  for (const m of matchesOf(text, pattern)) {
    pattern.lastIndex = 0;
    return m;
  }
  return null;
}
