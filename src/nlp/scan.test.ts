import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scan, matchesOf, firstMatch, firstMatches, sweepSource } from './scan.js';
import { lcg } from '../testing/shuffle.js';

const RULES = [
  { name: 'missile', pattern: /\bmissile attacks?\b/gi, reason: 'specific first' },
  { name: 'attack', pattern: /\battacks?\b/gi, reason: 'general' },
];

test('scan: matches in document order, offsets added', () => {
  const got = scan('An attack, then a missile attack.', RULES, { offset: 100 });
  assert.deepEqual(got.map((g) => [g.rule.name, g.start, g.end]), [['attack', 103, 109], ['missile', 118, 132], ['attack', 126, 132]]);
});

test('scan: firstClaims lets an earlier rule hide a later one on the same words', () => {
  const got = scan('An attack, then a missile attack.', RULES, { firstClaims: true });
  assert.deepEqual(got.map((g) => g.rule.name), ['attack', 'missile']);
});

test('scan: read can reject a match or shorten it so scanning resumes', () => {
  const rules = [{ pattern: /\b\w+ and \w+\b/g, reason: 'a pair' }];
  const got = scan('five and six and seven', rules, { read: (m) => (m[0].startsWith('and') ? null : m.index + m[0].indexOf(' ')) });
  assert.deepEqual(got.map((g) => g.match.input.slice(g.start, g.end)), ['five', 'six']);
});

test('scan: trimEnd drops trailing whitespace', () => {
  const got = scan('strikes on Kyiv', [{ pattern: /\bstrikes\s+(?=on)/g, reason: 'x' }], { trimEnd: true });
  assert.equal(got[0]!.end, 7);
});

test('matchesOf: zero-length matches do not loop, and a non-global pattern is refused', () => {
  assert.equal([...matchesOf('abc', /x*/g)].length, 0);
  assert.throws(() => [...matchesOf('abc', /a/)], /needs the g flag/);
});

test('firstMatch: leaves the pattern reset for the next caller', () => {
  const re = /b/g;
  assert.equal(firstMatch('abcb', re)!.index, 1);
  assert.equal(re.lastIndex, 0);
  assert.equal(firstMatch('xyz', re), null);
});

/** Every match of every rule, one rule at a time: what a sparse scan's sweeps must find. */
function scanOneByOne(text: string, rules: readonly { pattern: RegExp; reason: string }[]): [number, number, number][] {
  const out: [number, number, number][] = [];
  rules.forEach((r, i) => {
    for (const m of matchesOf(text, r.pattern)) out.push([i, m.index, m.index + m[0].length]);
  });
  return out.sort((a, b) => a[1] - b[1] || b[2] - a[2] || a[0] - b[0]);
}

test('scan: a sparse list finds each rule\'s own matches, and keyword firsts are exec\'s (lookarounds, flags, groups)', () => {
  const rules = [
    { pattern: /\bstorm(?:ed)?\b(?<=\bmen\b[^.]{0,20}storm(?:ed)?)/gi, reason: 'lookbehind' },
    { pattern: /\bbomb(?!\s+squad)/gi, reason: 'negative lookahead' },
    { pattern: /(['"])x\1/g, reason: 'a back-reference: never in an alternation' },
    { pattern: /(?<n>\d+) dead/g, reason: 'a named group' },
    { pattern: /^Attack/g, reason: 'case-sensitive, anchored' },
    { pattern: /attack/gi, reason: 'case-insensitive' },
    { pattern: /\s+$/g, reason: 'anchored at the end' },
  ];
  const texts = ['', 'Attack', 'the men then stormed in', 'stormed by men', 'bomb squad', 'a bomb', "'x' and \"x'", '12 dead', 'an ATTACK ', 'nothing here'];
  for (const t of texts) {
    assert.deepEqual(scan(t, rules, { sparse: true }).map((s) => [s.ruleIndex, s.start, s.end]), scanOneByOne(t, rules), t);
    assert.deepEqual(scan(t, rules).map((s) => [s.ruleIndex, s.start, s.end]), scanOneByOne(t, rules), t);
    const once = rules.map((r) => ({ pattern: new RegExp(r.pattern.source, r.pattern.flags.replace('g', '')) }));
    assert.deepEqual(firstMatches(t, once).map((m) => m && [m.index, ...m]), once.map((r) => { const m = r.pattern.exec(t); return m && [m.index, ...m]; }), t);
  }
  // A list changed after its first scan gets its alternation made again.
  const list = [{ pattern: /cat/g, reason: 'a' }, { pattern: /dog/g, reason: 'b' }];
  assert.equal(scan('a bird', list, { sparse: true }).length, 0);
  list[1] = { pattern: /bird/g, reason: 'b' };
  assert.equal(scan('a bird', list, { sparse: true }).length, 1);
});

test('sweeps find what each rule finds alone: overlapping rules, empty matches, lookarounds, random texts', () => {
  const rules = [
    { pattern: /ab/g, reason: 'inside another rule\'s match' },
    { pattern: /a+b?/g, reason: 'overlaps the first' },
    { pattern: /b*/g, reason: 'matches empty everywhere' },
    { pattern: /(?<=a)b/g, reason: 'a lookbehind before its start' },
    { pattern: /ba(?!b)/g, reason: 'a lookahead past its end' },
    { pattern: /\bab\b/g, reason: 'word edges' },
    { pattern: /(?<x>a)c/g, reason: 'a named group' },
  ];
  const gen = lcg(7);
  const rand = (n: number): number => gen() % n;
  for (let k = 0; k < 400; k++) {
    const t = Array.from({ length: rand(14) }, () => 'abc '[rand(4)]).join('');
    const sparse = scan(t, rules, { sparse: true, firstClaims: k % 2 === 0, trimEnd: k % 3 === 0 });
    const plain = scan(t, rules, { firstClaims: k % 2 === 0, trimEnd: k % 3 === 0 });
    assert.deepEqual(sparse.map((x) => [x.ruleIndex, x.start, x.end, [...x.match], x.match.groups ?? null]), plain.map((x) => [x.ruleIndex, x.start, x.end, [...x.match], x.match.groups ?? null]), JSON.stringify(t));
    const once = rules.map((r) => ({ pattern: new RegExp(r.pattern.source, r.pattern.flags.replace('g', '')) }));
    assert.deepEqual(firstMatches(t, once).map((m) => m && [m.index, ...m]), once.map((r) => { const m = r.pattern.exec(t); return m && [m.index, ...m]; }), JSON.stringify(t));
  }
  // A global pattern's exec would start from its lastIndex, which is its caller's.
  assert.throws(() => firstMatches('ab', [{ pattern: /a/g }]), /must not be global or sticky/);
});

test('rules sharing `starts` find what each finds alone: read that rejects or shortens, empty matches, lookarounds, claims, random texts', () => {
  // Every match of these rules begins where /a|b|(?=c)/ matches (a lookahead for the empty-at-c rule).
  const starts = /a|b|(?=c)/g;
  const base = [
    { pattern: /a+b?/g, reason: 'greedy, overlaps the others' },
    { pattern: /(?<=c)a b/g, reason: 'a lookbehind before its start' },
    { pattern: /ab(?!a)/g, reason: 'a lookahead past its end' },
    { pattern: /(?=c)|b/g, reason: 'empty matches' },
    { pattern: /b a b/g, reason: 'no starts of its own' },
  ];
  const withStarts = base.map((r, i) => (i === 4 ? r : { ...r, starts }));
  const gen = lcg(11);
  const rand = (n: number): number => gen() % n;
  for (let k = 0; k < 500; k++) {
    const t = Array.from({ length: rand(16) }, () => 'abc '[rand(4)]).join('');
    const opts = { firstClaims: k % 2 === 0, trimEnd: k % 3 === 0 };
    const view = (xs: ReturnType<typeof scan>) => xs.map((x) => [x.ruleIndex, x.start, x.end, [...x.match]]);
    assert.deepEqual(view(scan(t, withStarts, opts)), view(scan(t, base, opts)), JSON.stringify(t));
    // A read that rejects "ab" and cuts a longer match to its first character, so scanning resumes inside
    // it. (With `starts`, read is called in the text's order, the rules interleaved: it must not depend on order.)
    const cut = (m: RegExpExecArray): number | null => (m[0] === 'ab' ? null : m[0].length > 2 ? m.index + 1 : m.index + m[0].length);
    assert.deepEqual(view(scan(t, withStarts, { ...opts, read: cut })), view(scan(t, base, { ...opts, read: cut })), JSON.stringify(t));
  }
});

test('a sweep regroups its members\' branches behind one \\b and finds what each rule finds alone', () => {
  const rules = [
    { pattern: /\bmissile (?:attack|strike)s?\b/gi, reason: 'led by \\b' },
    { pattern: /\b(?:was|were) arrested\b|\bdetained\b/gi, reason: 'a top-level alternation, every branch led by \\b' },
    { pattern: /\bgunm[ae]n\b|opened fire|(?:toxic|nerve) (?:gas|agent)/gi, reason: 'branches not led by \\b' },
    { pattern: /(?:\bsiege|\bhostages?)\b|a[|(]b/gi, reason: 'a \\b inside a group, and | ( inside a class' },
    { pattern: /\\b|\(\bx\)/gi, reason: 'an escaped backslash then b, an escaped paren' },
    { pattern: /\b(?=\d)|\b/g, reason: 'zero-length matches (a rule\'s own loop skips them)' },
    { pattern: /\b(?<n>\d+) dead\b/gi, reason: 'a named group' },
  ];
  const texts = [
    '', 'x', 'The missile attack: 3 dead, gunmen opened fire; nerve agent found, hostages in the siege.',
    'They were arrested, others detained. A missile strike. A|b, a(b, \\b and (x) here.',
    // Many matches: a rule's tries run at each.
    Array.from({ length: 300 }, (_, i) => ['missile strikes', 'gunmen', 'opened fire', `${i} dead`, 'hostage', 'a|b'][i % 6]).join(' '),
  ];
  for (const t of texts) {
    assert.deepEqual(scan(t, rules, { sparse: true }).map((s) => [s.ruleIndex, s.start, s.end, [...s.match], s.match.groups ?? null]), scan(t, rules).map((s) => [s.ruleIndex, s.start, s.end, [...s.match], s.match.groups ?? null]), t.slice(0, 40));
    const once = rules.map((r) => ({ pattern: new RegExp(r.pattern.source, r.pattern.flags.replace('g', '')) }));
    assert.deepEqual(firstMatches(t, once).map((m) => m && [m.index, ...m]), once.map((r) => { const m = r.pattern.exec(t); return m && [m.index, ...m]; }), t.slice(0, 40));
  }
  assert.equal(scan(texts[4]!, rules, { sparse: true }).length, scanOneByOne(texts[4]!, rules).length);
});

test('sweepSource: cuts only at top-level bars, hoists only a leading \\b', () => {
  assert.equal(sweepSource(['\\ba|\\bb', 'c|(?:\\bd|e)', '[|(]\\b|\\\\b|\\|\\bf']), '\\b(?:(?:a)|(?:b))|(?:c)|(?:(?:\\bd|e))|(?:[|(]\\b)|(?:\\\\b)|(?:\\|\\bf)');
  assert.equal(sweepSource(['x', '']), '(?:x)|(?:)');
});

test('a rule that `needs` a word is not run over a text without it, and finds the same where the word is', () => {
  const plain = { pattern: /\b(?:a|two|\d+) (?:days?|weeks?) ago\b/gi, reason: 'led by common words' };
  const withNeeds = { ...plain, needs: /\bago\b/i };
  let reads = 0;
  const read = (m: RegExpExecArray): number => {
    reads++;
    return m.index + m[0].length;
  };
  const view = (xs: ReturnType<typeof scan>) => xs.map((x) => [x.start, x.end, x.match[0]]);
  for (const t of ['two days ago, a week AGO and 3 weeks ago', 'a day, two days, a week later', 'agog for a day ago-ish', '']) {
    reads = 0;
    const got = view(scan(t, [withNeeds], { read }));
    const readsWith = reads;
    assert.deepEqual(got, view(scan(t, [plain], { read })), t);
    if (!/\bago\b/i.test(t)) assert.equal(readsWith, 0, `not run over ${JSON.stringify(t)}`);
  }
  // The needs pattern may be global: it is read from the text's start each time.
  const g = { ...plain, needs: /\bago\b/gi };
  assert.equal(scan('ago two days ago', [g]).length, 1);
  assert.equal(scan('ago two days ago', [g]).length, 1);
});
