import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { QUANTITY_RULES, QUANTITY_STAGE, findQuantities } from './quantities.js';
import { REPO_ROOT } from '../testing/fixtures.js';
import { findDates } from './dates.js';
import type { Quantity } from '../model/index.js';

function quantities(text: string): Quantity[] {
  const out = findQuantities(text);
  for (const q of out) {
    assert.equal(text.slice(q.start, q.end), q.text, 'offsets must slice to the quantity text');
    assert.equal(q.stage, QUANTITY_STAGE);
    assert.match(q.reason, /^rule: /);
  }
  return out;
}

type Shape = [text: string, value: number, low: number | null, high: number | null, qualifier: Quantity['qualifier']];

function shape(q: Quantity): Shape {
  return [q.text, q.value, q.low, q.high, q.qualifier];
}

function only(text: string, expected: Shape): void {
  const out = quantities(text);
  assert.deepEqual(out.map(shape), [expected], text);
}

test('qualifiers: at least, more than, over', () => {
  only('The blast killed at least 37 passengers.', ['at least 37', 37, 37, null, 'at_least']);
  only('More than 20 houses burned.', ['More than 20', 20, 20, null, 'at_least']);
  only('over 20 were hurt', ['over 20', 20, 20, null, 'at_least']);
  only('No fewer than 9 officers resigned.', ['No fewer than 9', 9, 9, null, 'at_least']);
});

test('qualifiers: nearly, almost, close to (about, high bound)', () => {
  only('and wounded nearly 650 others', ['nearly 650', 650, null, 650, 'about']);
  only('almost 650 were treated', ['almost 650', 650, null, 650, 'about']);
  only('close to 650 were treated', ['close to 650', 650, null, 650, 'about']);
});

test('qualifiers: about, around, approximately, some, roughly', () => {
  for (const q of ['about', 'around', 'approximately', 'some', 'roughly', 'an estimated']) {
    only(`${q} 50 fighters surrendered`, [`${q} 50`, 50, null, null, 'about']);
  }
});

test('qualifiers: up to, as many as, fewer than (at most)', () => {
  only('up to 30 people may be trapped', ['up to 30', 30, null, 30, 'at_most']);
  only('as many as 30 people may be trapped', ['as many as 30', 30, null, 30, 'at_most']);
  only('fewer than 10 remain', ['fewer than 10', 10, null, 10, 'at_most']);
});

test('plain numbers in figures and words are exact', () => {
  only('five soldiers died', ['five', 5, 5, 5, 'exact']);
  only('21 died', ['21', 21, 21, 21, 'exact']);
  only('1,300 homes were damaged', ['1,300', 1300, 1300, 1300, 'exact']);
  only('1.5 million were displaced', ['1.5 million', 1_500_000, 1_500_000, 1_500_000, 'exact']);
  only('twenty-one hostages', ['twenty-one', 21, 21, 21, 'exact']);
  only('one hundred and forty-four graves', ['one hundred and forty-four', 144, 144, 144, 'exact']);
  only('a dozen shops were looted', ['a dozen', 12, 12, 12, 'exact']);
  only('about a dozen shops were looted', ['about a dozen', 12, null, null, 'about']);
  only('one policeman was hurt', ['one', 1, 1, 1, 'exact']);
  only('Seventeen bodies were found', ['Seventeen', 17, 17, 17, 'exact']);
  only('two thousand five hundred marchers', ['two thousand five hundred', 2500, 2500, 2500, 'exact']);
});

test('vague multitudes take their conventional minimum', () => {
  only('dozens were wounded', ['dozens', 24, 24, null, 'vague']);
  only('scores of civilians fled', ['scores', 40, 40, null, 'vague']);
  only('hundreds of homes', ['hundreds', 200, 200, null, 'vague']);
  only('thousands marched', ['thousands', 2000, 2000, null, 'vague']);
  only('tens of thousands marched', ['tens of thousands', 20_000, 20_000, null, 'vague']);
  only('hundreds of thousands fled', ['hundreds of thousands', 200_000, 200_000, null, 'vague']);
  only('several officers were hurt', ['several', 3, 3, null, 'vague']);
  only('several dozen protesters', ['several dozen', 36, 36, null, 'vague']);
  only('a few men were seen', ['a few', 2, 2, null, 'vague']);
  only('a handful of fighters', ['a handful', 3, 3, null, 'vague']);
});

test('ranges: value is the low end', () => {
  only('a population of 14 million to 20 million', ['14 million to 20 million', 14e6, 14e6, 20e6, 'exact']);
  only('between 10 and 15 people', ['between 10 and 15', 10, 10, 15, 'exact']);
  only('10-15 people', ['10-15', 10, 10, 15, 'exact']);
  only('three to five vehicles', ['three to five', 3, 3, 5, 'exact']);
  only('14 to 20 million voters', ['14 to 20 million', 14e6, 14e6, 20e6, 'exact']);
  only('about 30 to 40 people', ['about 30 to 40', 30, 30, 40, 'about']);
});

test('several quantities in a sentence keep order and offsets', () => {
  const text = 'At least 12 people were killed and 31 others injured; among the dead were nine police officers and three civilians.';
  assert.deepEqual(quantities(text).map((q) => q.text), ['At least 12', '31', 'nine', 'three']);
});

test('"five and six" is two numbers', () => {
  assert.deepEqual(quantities('five and six').map(shape), [
    ['five', 5, 5, 5, 'exact'],
    ['six', 6, 6, 6, 'exact'],
  ]);
});

test('numbers inside dates are not quantities; neighbours still are', () => {
  const text = 'On June 23, 2024, 14 people died; on 2 May three more.';
  assert.deepEqual(quantities(text).map((q) => q.text), ['14', 'three']);
});

test('precomputed date spans can be passed in', () => {
  const text = 'On June 23 gunmen killed 7 people in 2021 style.';
  const ds = findDates(text, '2024-06-27');
  assert.deepEqual(findQuantities(text, ds).map((q) => q.text), ['7']);
});

test('lower-case newswire text', () => {
  const text = 'at least twenty-one peasants were killed on march 22 and about 40 were wounded';
  assert.deepEqual(quantities(text).map(shape), [
    ['at least twenty-one', 21, 21, null, 'at_least'],
    ['about 40', 40, null, null, 'about'],
  ]);
});

test('ages are emitted (the incident extractor filters them)', () => {
  only('a man aged 23 was detained', ['23', 23, 23, 23, 'exact']);
});

// scan.ts reads the rules that share `starts` only where it matches: every match of such a rule must
// begin there. Checked on the bundled samples and on figures, ranges and qualifiers of every kind.
test('every match of a rule with `starts` begins where its `starts` matches', () => {
  const texts = [
    ...readdirSync(join(REPO_ROOT, 'samples')).map((f) => readFileSync(join(REPO_ROOT, 'samples', f), 'utf8')),
    'at least 144 people, nearly 700, up to 30, five, 1,300, 1.5 million, a dozen, one hundred and forty-four',
    'between 10 and 15 people; 14 million to 20 million; about 30 to 40; 5-6 killed; 12–14 wounded; twenty to thirty',
    'No. 43, $5,400, 75 percent, 10:30, +7 495 123-45-67, World War 2, (3), 4th, 2,000-strong, 3-year-old',
  ];
  let checked = 0;
  for (const rule of QUANTITY_RULES) {
    if (!rule.starts) continue;
    const at = new RegExp(rule.starts.source, rule.starts.flags.replace('g', '') + 'y');
    for (const t of texts) {
      rule.pattern.lastIndex = 0;
      for (let m = rule.pattern.exec(t); m; m = rule.pattern.exec(t)) {
        at.lastIndex = m.index;
        assert.ok(at.test(t), `${rule.name}: "${m[0]}" at ${m.index}`);
        checked++;
      }
    }
  }
  assert.ok(checked > 50, `${checked} matches checked`);
});
