import assert from 'node:assert/strict';
import { test } from 'node:test';
import { APPOSITIVE, DEVICE_RELATIVE, PLACE_PARENTHETICAL, RELATIVE_AFTER, RELATIVE_LEAD } from './patterns.js';

/**
 * The patterns rewritten for issue 13 (recheck found them cubic or worse) match what the old ones
 * matched: the old ones are kept here as literals and both are run on real-looking sentences and on
 * the shape of recheck's attack strings (short, so the old ones stay fast: the old parenthetical took 17 s on 80 repeats of "---A", 3 ms on 16).
 */
const OLD_APPOSITIVE = /,\s+(?:the|a|an|his|her|their|its)\s+[^,;()]{3,100}?,/g;
const OLD_PLACE_PARENTHETICAL = /\((?=[\p{Lu}\d])[\p{L}\d'’.-]+(?:[ -][\p{L}\d'’.-]+){0,3}(?:,\s*\p{Lu}[\p{L}'’.-]*(?:[ -][\p{L}'’.-]+){0,3}){0,3}\)/gu;
const OLD_RELATIVE_LEAD = /.*\b(?:which|who|whom|that|whose|after|since|following)\s/is;
const OLD_RELATIVE_AFTER = /^\s*,?\s*(?:which|who|whose|that)\b/;
const OLD_DEVICE_RELATIVE = /^\s*,?\s*(?:which|that)\s+(?:had\s+|have\s+|has\s+)?(?:was\s+|were\s+|been\s+)?(?:\w+ly\s+)?(?:ignited|exploded|detonated|went off|blew up|discovered|found|placed|planted|hidden|left)\b/i;

function all(re: RegExp, s: string): string[] {
  return [...s.matchAll(new RegExp(re.source, re.flags.includes('g') ? re.flags : re.flags + 'g'))].map((m) => `${m.index}:${m[0]}`);
}

const SENTENCES = [
  'Abdelhamid Abaaoud, the most wanted suspect in the Paris attacks, was killed in a raid.',
  'The attack, the deadliest in the country since 2015, killed 52 people, police said.',
  'A bomb exploded outside the court, a building that was empty at the time, on Monday.',
  'Fighting was reported in Litein (Buret, Kericho) and Mone Yu (105 Maing) village tract.',
  'Clashes in Kandi (Alibori) and in (New York-area City Of X Y) left two dead.',
  'the device , which exploded at noon', ', that had been carefully placed near the gate', ' which bears the imprint of',
  'the officers who were taken to an unknown location, out of their residences, after the attack on the base',
];
const ATTACKS = [
  ',\ta\t' + '\t'.repeat(300) + '(', ', the' + ' '.repeat(200) + 'x,', ', the   ,', ', the ab,', ', the  ab,', `, the ${'x'.repeat(100)},`, `, the ${'x'.repeat(101)},`,
  '(AA,A' + '---A'.repeat(16) + '\u0000', '(A-B C-D E-F G-H I)', '(A B C D E)', ' , ' + ' '.repeat(300) + 'which', '\t'.repeat(300) + 'x',
];

test('the rewritten incident patterns match what the old ones matched', () => {
  for (const s of [...SENTENCES, ...ATTACKS]) {
    assert.deepEqual(all(APPOSITIVE, s), all(OLD_APPOSITIVE, s), s);
    assert.deepEqual(all(PLACE_PARENTHETICAL, s), all(OLD_PLACE_PARENTHETICAL, s), s);
    assert.deepEqual(RELATIVE_LEAD.exec(s)?.[0], OLD_RELATIVE_LEAD.exec(s)?.[0], s);
    assert.deepEqual(RELATIVE_AFTER.exec(s)?.[0], OLD_RELATIVE_AFTER.exec(s)?.[0], s);
    assert.equal(DEVICE_RELATIVE.test(s), OLD_DEVICE_RELATIVE.test(s), s);
  }
  assert.deepEqual(all(PLACE_PARENTHETICAL, SENTENCES[3]!).map((m) => m.replace(/^\d+:/, '')), ['(Buret, Kericho)', '(105 Maing)']);
});
