import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PrefixedNoun, type PrefixedNounOptions } from './prefixed-noun.js';

/**
 * PrefixedNoun replaced the actor patterns below (issue 13: quadratic on a long hyphenated run, where
 * a name word may begin at every word). The old patterns are kept here to compare: same matches, same
 * groups, same lastIndex steps, from the start and from inside a run.
 */
const POLICE = 'police(?:m[ae]n| officers?| forces?)?|gendarmes?|gendarmerie|constables?|anti-riot police|riot police';
const UNIT = "People'\\s+Militia\\s+Forces?|PMF";
const GROUP = 'militants?|fighters?|rebels?|insurgents?|jihadists?|militia(?:men)?';

const cases: { old: RegExp; o: PrefixedNounOptions }[] = [
  { old: new RegExp(`(?:\\b([A-Z][\\w'-]+(?:\\s+[A-Z][\\w'-]+)?)\\s+)?\\b(?:${POLICE})\\b`, 'gi'), o: { noun: POLICE, ignoreCase: true, moreWords: 1, nameOptional: true, captureNoun: false } },
  { old: new RegExp(`(?:\\b([A-Z][\\w'-]+(?:\\s+[A-Z][\\w'-]+)?)\\s+)?\\b(?:${UNIT})\\b`, 'gi'), o: { noun: UNIT, ignoreCase: true, moreWords: 1, nameOptional: true, captureNoun: false } },
  { old: new RegExp(`\\b([A-Z][\\w'-]+(?:\\s+[A-Z][\\w'-]+){0,3})\\s+(${GROUP})\\b`, 'g'), o: { noun: GROUP, ignoreCase: false, moreWords: 3, nameOptional: false, captureNoun: true } },
];

const TEXTS = [
  'Nigerien soldiers and Kenyan police officers repelled the attack; police police stood by.',
  'Kenyan army police-Nigerien police', // a match ends inside a run; the next starts later in it
  "the 'Kenyan police' and 9-Nigerien police, _x-Burkina Faso gendarmes, x-police",
  "People' Militia Forces, Iraqi PMF, Iraq's People' Militia Force",
  'Al-Shabaab militants, Suspected Al-Shabaab fighters, The Islamic State West Africa Province fighters',
  'A B C D E F militants and Boko Haram\tHaram  rebels; Taliban Militants; a-b-c-Taliban fighters',
  `${'A-'.repeat(300)}police ${'a-'.repeat(300)}A militants ${'Aa '.repeat(50)}riot police`,
  'police\nofficers\u00a0Police\u2028forces, Ô police, x police, xy  \t police',
];

const all = (re: Pick<RegExp, 'lastIndex' | 'exec'>, s: string, from: number): string => {
  const out: string[] = [];
  re.lastIndex = from;
  for (let m = re.exec(s); m; m = re.exec(s)) out.push(JSON.stringify([m.index, ...m]));
  return `${out.join(' ')} / ${re.lastIndex}`;
};

test('PrefixedNoun matches what the old actor patterns matched, from any lastIndex', () => {
  for (const { old, o } of cases) {
    const now = new PrefixedNoun(o);
    for (const s of TEXTS) for (let from = 0; from <= s.length; from += s.length > 200 ? 7 : 1) assert.equal(all(now, s, from), all(old, s, from), `${o.noun} on ${JSON.stringify(s.slice(0, 60))} from ${from}`);
  }
});

test('PrefixedNoun reads the demonym and the group name as the old patterns did', () => {
  const force = new PrefixedNoun(cases[0]!.o);
  assert.deepEqual([...force.exec('Two Burkina Faso police officers')!], ['Burkina Faso police officers', 'Burkina Faso']);
  const group = new PrefixedNoun(cases[2]!.o);
  assert.deepEqual([...group.exec('the Al-Shabaab militants')!], ['Al-Shabaab militants', 'Al-Shabaab', 'militants']);
  assert.equal(group.exec('taliban militants'), null);
  assert.equal(group.lastIndex, 0);
});
