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
  /**
   * Most texts scanned hold no match of most rules (a sentence against the trigger rules): test the
   * rules' alternation first and skip the rules it finds nothing for (see anyOf). Not for a whole
   * document, where some rule nearly always matches and the test is one more pass.
   */
  readonly sparse?: boolean;
}

/**
 * Patterns that match somewhere in a text exactly when one of theirs does: the alternation
 * `(?:p1)|(?:p2)|…` of the rules with the same flags. Where it finds nothing, none of those rules has a
 * match, and the scan skips them after one pass instead of one per rule (issue 11: most sentences hold
 * no trigger, and the 35 trigger rules' passes over them were a tenth of the pipeline). Per rule: its
 * group's alternation, or null (always scanned) for a rule alone with its flags or one that refers to
 * its own groups (\1, \k<name>), whose numbers or names the alternation would change.
 */
const ANY_OF = new WeakMap<readonly { readonly pattern: RegExp }[], { patterns: RegExp[]; groups: (RegExp | null)[] }>();
const REFERS_TO_GROUP = /\\(?:[1-9]|k<)/;
const NOT_SEARCH_FLAGS = /[gyd]/g;

function anyOf(rules: readonly { readonly pattern: RegExp }[]): (RegExp | null)[] {
  const cached = ANY_OF.get(rules);
  // Made for this list as it is now (a list changed since gets its own again).
  if (cached && cached.patterns.length === rules.length && rules.every((r, i) => r.pattern === cached.patterns[i])) return cached.groups;
  const byFlags = new Map<string, number[]>();
  rules.forEach((r, i) => {
    if (REFERS_TO_GROUP.test(r.pattern.source)) return;
    const f = r.pattern.flags.replace(NOT_SEARCH_FLAGS, '');
    byFlags.set(f, [...(byFlags.get(f) ?? []), i]);
  });
  const groups: (RegExp | null)[] = rules.map(() => null);
  for (const [flags, members] of byFlags) {
    if (members.length < 2) continue;
    let re: RegExp;
    try {
      re = new RegExp(members.map((i) => `(?:${rules[i]!.pattern.source})`).join('|'), flags);
    } catch {
      continue; // e.g. two rules naming a group alike
    }
    for (const i of members) groups[i] = re;
  }
  ANY_OF.set(rules, { patterns: rules.map((r) => r.pattern), groups });
  return groups;
}

/**
 * False when no rule's pattern matches anywhere in `text`, so that a loop over the rules would find
 * nothing; true when one may. A global or sticky pattern alone with its flags is not tested (test()
 * would move its lastIndex, which is its caller's): it may match.
 */
export function mayMatchAny(text: string, rules: readonly { readonly pattern: RegExp }[]): boolean {
  const groups = anyOf(rules);
  const tested = new Set<RegExp>();
  for (let i = 0; i < rules.length; i++) {
    const g = groups[i];
    if (g) {
      if (tested.has(g)) continue;
      tested.add(g);
      if (g.test(text)) return true;
    } else {
      const re = rules[i]!.pattern;
      if (re.global || re.sticky || re.test(text)) return true;
    }
  }
  return false;
}

/** Every match of every rule over `text`, sorted by start, longest first, then by rule order. */
export function scan<R extends PatternRule>(text: string, rules: readonly R[], opts: ScanOptions<R> = {}): Scanned<R>[] {
  const offset = opts.offset ?? 0;
  const out: Scanned<R>[] = [];
  const groups = opts.sparse ? anyOf(rules) : null;
  /** Per group alternation: whether it matches in this text (tested once, when a rule of the group is reached). */
  const found = new Map<RegExp, boolean>();
  const claimed: { start: number; end: number }[] = [];
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i]!;
    const re = rule.pattern;
    if (!re.global) throw new Error(`scan: pattern ${re} needs the g flag`);
    const group = groups?.[i];
    if (group) {
      let any = found.get(group);
      if (any === undefined) found.set(group, (any = group.test(text)));
      if (!any) continue;
    }
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
