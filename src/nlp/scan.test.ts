import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scan, matchesOf, firstMatch } from './scan.js';

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
