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
  /**
   * Where a match of the rule may begin: a global pattern that matches at every place a match of the
   * rule begins (more places are harmless). Rules that share one `starts` are read in one pass of it,
   * each tried only at its places (see startsMatches), instead of each scanning the whole text: the
   * quantity rules "N to M" and "N" both begin with an optional qualifier and a number.
   */
  readonly starts?: RegExp;
  /**
   * A pattern every match of the rule holds a match of (a word the rule cannot match without: "ago"
   * in "two days ago"). A text without one holds no match, and the rule, read on its own, is not run
   * over it: one test for a rare word costs a fraction of a scan that begins with a list of common
   * ones ("a", "an", every number word). Not read by sweeps or `starts`, which try a rule only where
   * it may match already.
   */
  readonly needs?: RegExp;
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
   * Most texts scanned hold no match of most rules (a sentence against the trigger rules): read the
   * rules in sweeps of their alternation, each rule tried only where some rule matches (see Sweep). Not
   * for a whole document, where some rule matches nearly everywhere. Not with `read`, which may move a
   * rule's place between its matches: there every rule is read on its own.
   */
  readonly sparse?: boolean;
}

/**
 * A sparse list is read in sweeps. Rules with the same flags are joined in one alternation, which
 * matches at a place exactly when one of them does there (see sweepSource). One pass of it finds,
 * in order, every place where some rule matches; each rule is tried there alone (sticky), and only
 * there. A rule's own loop finds its leftmost match from where its last one ended; the sweep visits that
 * place (some rule matches there: this one), and fails the rule's try at every place before it (it does
 * not match there), so each rule's matches are the ones its own loop finds (issue 11: most sentences hold
 * no trigger, and 35 passes over a sentence that holds one were most of the trigger rules' cost; it was
 * a third less over MUC-4's 18,756 sentences, the same matches). A rule that refers to its own groups
 * (\1, \k<name>), whose numbers or names the alternation would change, one alone with its flags, and
 * rules under the `u` or `v` flag (whose places step by code point) are read on their own as before.
 *
 * The alternation is tried again inside a rule's match, where the rule's own loop skipped ahead: still
 * linear, as each try fails at once in a rule list whose patterns begin with a word boundary and a
 * word, as these do. Where matches are dense ("bomb bomb bomb …", 100 KB) every rule is tried at each:
 * 18 ms before, 72 ms now, for a text no report holds.
 */
interface Sweep {
  /** The members' alternation, global. */
  any: RegExp;
  /** The members' indices in the list, and each one's pattern made sticky (its other flags kept). */
  members: number[];
  sticky: RegExp[];
  /** Scratch: where each member's own loop would search from next (see sweep). */
  next: Float64Array;
  /** The current sweep's way of reading a member's match (see sweep): made once, with the sweep. */
  matched: (j: number, m: RegExpExecArray, at: number) => number;
  /** The current sweep's settings, read by `matched` (sweeps do not nest). */
  firstOnly: boolean;
  found: (rule: number, m: RegExpExecArray) => void;
}

interface Sweeps {
  patterns: RegExp[];
  sweeps: Sweep[];
  /** Rules in no sweep, read on their own. */
  alone: number[];
}

/** No matches, for a rule that has none. */
const NONE: readonly RegExpExecArray[] = [];

const SWEEPS = new WeakMap<readonly { readonly pattern: RegExp }[], Sweeps>();
const WORD_BOUNDARY = '\\b';

/**
 * A source's top-level branches: its text cut at each `|` outside every group and class. For the
 * sources a sweep joins, none under the `u` or `v` flag, where `\` escapes one character and a class
 * ends at its first unescaped `]`.
 */
function topBranches(source: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let inClass = false;
  let start = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) {
      out.push(source.slice(start, i));
      start = i + 1;
    }
  }
  out.push(source.slice(start));
  return out;
}

/**
 * The sweep's alternation of `sources`. It is read only for where it matches (the sweep takes the match's
 * index, never its text or groups), and a disjunction matches at a place exactly when one of its branches
 * does there, in whatever order and grouping: so the members' top-level branches are regrouped, those
 * led by a word boundary behind one `\b` (`\b(?:(?:a)|(?:b)|…)|(?:c)|…` for `\ba|\bb`, `c`). Irregexp
 * then tests the boundary once per place, not once per branch: over the sentences of MUC-4's train
 * documents, the trigger rules' sweep took 52–56 ms a pass as `(?:\ba)|(?:\bb)|…` and 26–28 ms so, the
 * keyword rules' (classify/rules.ts, 310 branches, 286 led by `\b`) 45 ms and 15–17 ms; a whole scan
 * of the trigger rules over the 17,930 sentences 136 ms and 87 ms, same matches (issue 11). No group is added
 * or removed, so a pattern that would not compile joined (two groups named alike) still fails here.
 * Exported for tests.
 */
export function sweepSource(sources: readonly string[]): string {
  const led: string[] = [];
  const rest: string[] = [];
  for (const source of sources) {
    for (const b of topBranches(source)) {
      if (b.startsWith(WORD_BOUNDARY)) led.push(`(?:${b.slice(WORD_BOUNDARY.length)})`);
      else rest.push(`(?:${b})`);
    }
  }
  return (led.length > 0 ? [`${WORD_BOUNDARY}(?:${led.join('|')})`, ...rest] : rest).join('|');
}
const REFERS_TO_GROUP = /\\(?:[1-9]|k<)/;
const NOT_SEARCH_FLAGS = /[gyd]/g;
const STEPS_BY_CODE_POINT = /[uv]/;
/** The flags a rule's own loop sets (global) and a sweep's try sets (sticky). */
const LOOP_FLAGS = /[gy]/g;

/**
 * Whether the rules hold these patterns, in order: a loop, not `every` with a closure, since it runs
 * for every sentence each rule list reads (a closure a call was most of what sweepsOf allocated).
 */
function samePatterns(rules: readonly { readonly pattern: RegExp }[], patterns: readonly RegExp[]): boolean {
  if (rules.length !== patterns.length) return false;
  for (let i = 0; i < rules.length; i++) if (rules[i]!.pattern !== patterns[i]) return false;
  return true;
}

function sweepsOf(rules: readonly { readonly pattern: RegExp }[]): Sweeps {
  const cached = SWEEPS.get(rules);
  // Made for this list as it is now (a list changed since gets its own again).
  if (cached && samePatterns(rules, cached.patterns)) return cached;
  const byFlags = new Map<string, number[]>();
  const alone: number[] = [];
  rules.forEach((r, i) => {
    const f = r.pattern.flags.replace(NOT_SEARCH_FLAGS, '');
    if (REFERS_TO_GROUP.test(r.pattern.source) || STEPS_BY_CODE_POINT.test(f)) alone.push(i);
    else byFlags.set(f, [...(byFlags.get(f) ?? []), i]);
  });
  const sweeps: Sweep[] = [];
  for (const [flags, members] of byFlags) {
    let any: RegExp | null = null;
    try {
      if (members.length > 1) any = new RegExp(sweepSource(members.map((i) => rules[i]!.pattern.source)), `${flags}g`);
    } catch {
      any = null; // e.g. two rules naming a group alike
    }
    if (!any) {
      alone.push(...members);
      continue;
    }
    const sticky = members.map((i) => new RegExp(rules[i]!.pattern.source, `${rules[i]!.pattern.flags.replace(LOOP_FLAGS, '')}y`));
    sweeps.push(newSweep(any, members, sticky));
  }
  const made = { patterns: rules.map((r) => r.pattern), sweeps, alone: alone.sort((a, b) => a - b) };
  SWEEPS.set(rules, made);
  return made;
}

/**
 * The engine's one loop of tries at places, which sweeps and `starts` share: for each place `places`
 * matches, in order, each member whose own loop would search from there or before is tried there,
 * sticky, and `matched` says where that member's loop searches from next (Infinity: it is done; the
 * loop ends when every member is). `next` is the caller's scratch.
 */
function tryAtPlaces(text: string, places: RegExp, sticky: readonly RegExp[], next: Float64Array, matched: (j: number, m: RegExpExecArray, at: number) => number): void {
  next.fill(0);
  let open = sticky.length;
  places.lastIndex = 0;
  for (let p = places.exec(text); p !== null; p = open > 0 ? places.exec(text) : null) {
    const at = p.index;
    for (let j = 0; j < sticky.length; j++) {
      if (next[j]! > at) continue;
      const re = sticky[j]!;
      re.lastIndex = at;
      const m = re.exec(text);
      if (!m) continue;
      next[j] = matched(j, m, at);
      if (next[j] === Infinity) open--;
    }
    places.lastIndex = at + 1;
  }
}

function newSweep(any: RegExp, members: number[], sticky: RegExp[]): Sweep {
  const s: Sweep = {
    any, members, sticky, next: new Float64Array(members.length), firstOnly: false, found: () => {},
    // A member's first match ends its part (firstOnly); else each non-empty match is one of its own
    // loop's, which goes on from its end (an empty one: one place on, not reported).
    matched: (j, x, at) => {
      if (s.firstOnly) {
        s.found(s.members[j]!, x);
        return Infinity;
      }
      if (x[0].length === 0) return at + 1;
      s.found(s.members[j]!, x);
      return at + x[0].length;
    },
  };
  return s;
}

/**
 * One sweep over `text` (see Sweep): each member's matches, in order, pushed onto `per[its index]`, as its
 * own global loop finds them (zero-length matches skipped); with `firstOnly`, only its first, as exec
 * finds it (an empty one too).
 */
function sweep(text: string, s: Sweep, firstOnly: boolean, found: (rule: number, m: RegExpExecArray) => void): void {
  s.firstOnly = firstOnly;
  s.found = found;
  tryAtPlaces(text, s.any, s.sticky, s.next, s.matched);
}

/**
 * Each match of a global pattern, in order, zero-length ones skipped: matchesOf's loop without a
 * generator (a generator per rule and text cost more than most rules' scans, which find nothing in
 * most sentences: issue 11). `visit` may move the pattern's lastIndex to resume elsewhere.
 */
function eachMatch(text: string, re: RegExp, visit: (m: RegExpExecArray) => void): void {
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    if (m[0].length === 0) re.lastIndex++;
    else visit(m);
  }
}

/**
 * Each rule's matches over `text`, by rule, as its own loop finds them: the sweeps, and the rules alone;
 * null when no rule matches. A rule with none has no array (most rules, over most sentences): one
 * array per rule and call was most of what a sentence's scan allocated (issue 11).
 */
function sparseMatches(text: string, rules: readonly { readonly pattern: RegExp }[]): (RegExpExecArray[] | undefined)[] | null {
  const { sweeps, alone } = sweepsOf(rules);
  let per: (RegExpExecArray[] | undefined)[] | null = null;
  const add = (i: number, m: RegExpExecArray): void => {
    per ??= new Array<RegExpExecArray[] | undefined>(rules.length);
    const ms = per[i];
    if (ms) ms.push(m);
    else per[i] = [m];
  };
  for (const s of sweeps) sweep(text, s, false, add);
  for (const i of alone) eachMatch(text, rules[i]!.pattern, (m) => add(i, m));
  return per;
}

/**
 * Each pattern's first match in `text`, or null: what `p.exec(text)` gives a pattern without the g or
 * y flag, found in sweeps (a list of keyword rules over one sentence; see Sweep). The patterns must not
 * be global or sticky.
 */
export function firstMatches(text: string, patterns: readonly { readonly pattern: RegExp }[]): (RegExpExecArray | null)[] {
  for (const p of patterns) if (p.pattern.global || p.pattern.sticky) throw new Error(`firstMatches: pattern ${p.pattern} must not be global or sticky`);
  const { sweeps, alone } = sweepsOf(patterns);
  const out = new Array<RegExpExecArray | null>(patterns.length).fill(null);
  for (const s of sweeps) sweep(text, s, true, (i, m) => { out[i] = m; });
  for (const i of alone) out[i] = patterns[i]!.pattern.exec(text);
  return out;
}

/** Every match of every rule over `text`, sorted by start, longest first, then by rule order. */
export function scan<R extends PatternRule>(text: string, rules: readonly R[], opts: ScanOptions<R> = {}): Scanned<R>[] {
  for (const r of rules) if (!r.pattern.global) throw new Error(`scan: pattern ${r.pattern} needs the g flag`);
  const read = opts.read;
  // Sparse: most sentences hold no match, and then nothing else is made for them.
  const per = opts.sparse && !read ? sparseMatches(text, rules) : undefined;
  if (per === null) return [];
  const out: Scanned<R>[] = [];
  const accept = acceptor(text, opts, out);
  if (per) {
    for (let i = 0; i < rules.length; i++) for (const m of per[i] ?? NONE) accept(rules[i]!, i, m, m.index + m[0].length);
  } else {
    const started = startsMatches(text, rules, read);
    rules.forEach((rule, i) => {
      const found = started?.get(i);
      if (found) for (const [m, end] of found) accept(rule, i, m, end);
      else if (!rule.needs || holds(text, rule.needs)) eachMatch(text, rule.pattern, (m) => {
        const end = read ? read(m, rule) : m.index + m[0].length;
        if (end === null) return;
        if (end < m.index + m[0].length) rule.pattern.lastIndex = Math.max(end, m.index + 1);
        accept(rule, i, m, end);
      });
    });
  }
  return out.sort((a, b) => a.start - b.start || b.end - a.end || a.ruleIndex - b.ruleIndex);
}

/** Whether `pattern` matches somewhere in `text` (from its start, whatever the pattern's lastIndex). */
function holds(text: string, pattern: RegExp): boolean {
  pattern.lastIndex = 0;
  const found = pattern.test(text);
  pattern.lastIndex = 0;
  return found;
}

/** Rules sharing one `starts` pattern: their indices in the list, and each one's pattern made sticky. */
interface StartsGroup {
  starts: RegExp;
  members: number[];
  sticky: RegExp[];
}

const STARTS = new WeakMap<readonly PatternRule[], { patterns: RegExp[]; groups: StartsGroup[] }>();

function startsGroupsOf(rules: readonly PatternRule[]): StartsGroup[] {
  const cached = STARTS.get(rules);
  if (cached && samePatterns(rules, cached.patterns)) return cached.groups;
  const byStarts = new Map<RegExp, number[]>();
  rules.forEach((r, i) => {
    if (r.starts) byStarts.set(r.starts, [...(byStarts.get(r.starts) ?? []), i]);
  });
  const groups = [...byStarts].map(([starts, members]) => ({
    starts: starts.global ? starts : new RegExp(starts.source, `${starts.flags}g`),
    members,
    sticky: members.map((i) => new RegExp(rules[i]!.pattern.source, `${rules[i]!.pattern.flags.replace(LOOP_FLAGS, '')}y`)),
  }));
  STARTS.set(rules, { patterns: rules.map((r) => r.pattern), groups });
  return groups;
}

/**
 * The matches of the rules that have `starts`, by rule, with the end `read` gave each, as each rule's
 * own loop finds them: one pass of each `starts` pattern finds, in order, every place one of its
 * rules can begin a match, and each rule is tried there (sticky), and only from where its own loop
 * would search next. A rule's own loop finds its leftmost match from there; every place it could
 * match is one of these, so the first that matches is that one, and a rejected match or a shortened
 * one moves the rule on as its own loop would (see scan). `read` is called in the order of the text,
 * the group's rules interleaved. Null when no rule has `starts`.
 */
function startsMatches<R extends PatternRule>(text: string, rules: readonly R[], read: ScanOptions<R>['read']): Map<number, [RegExpExecArray, number][]> | null {
  const groups = startsGroupsOf(rules);
  if (!groups.length) return null;
  const out = new Map<number, [RegExpExecArray, number][]>();
  for (const g of groups) {
    // Pushed, not mapped (see span-index.ts: an optimised `map` and the other tiers make arrays of two kinds).
    const lists: [RegExpExecArray, number][][] = [];
    for (let j = 0; j < g.members.length; j++) lists.push([]);
    // Per call, not kept with the group: a `read` may scan again (with another list).
    tryAtPlaces(text, g.starts, g.sticky, new Float64Array(g.members.length), (j, m, at) => {
      const matchEnd = at + m[0].length;
      const end = m[0].length === 0 ? null : read ? read(m, rules[g.members[j]!]!) : matchEnd;
      if (end !== null) lists[j]!.push([m, end]);
      // A zero-length match is skipped, one place on; a rejected one moves past its match; a shortened one resumes inside it.
      return m[0].length === 0 ? at + 1 : end === null || end >= matchEnd ? matchEnd : Math.max(end, at + 1);
    });
    g.members.forEach((i, j) => out.set(i, lists[j]!));
  }
  return out;
}

/** What keeps a match the rule accepts up to `end` (relative to the text): trimmed, checked against earlier claims, pushed onto `out`. */
function acceptor<R extends PatternRule>(text: string, opts: ScanOptions<R>, out: Scanned<R>[]): (rule: R, i: number, m: RegExpExecArray, end: number) => void {
  const offset = opts.offset ?? 0;
  const claimed: { start: number; end: number }[] = [];
  return (rule, i, m, end) => {
    if (opts.trimEnd) end = m.index + text.slice(m.index, end).trimEnd().length;
    const start = m.index;
    if (opts.firstClaims) {
      if (claimed.some((c) => start < c.end && c.start < end)) return;
      claimed.push({ start, end });
    }
    out.push({ rule, ruleIndex: i, match: m, start: offset + start, end: offset + end });
  };
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
