import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LOCALITY_PATTERNS, localitiesDiffer, localitiesOf } from './localities.js';

test('localities: a village, a quarter, a township, a place after a preposition', () => {
  assert.deepEqual(localitiesOf('On 2 August 2020, militants burned a school in the village of Fantou (Botou, Tapoa).'), ['fantou']);
  assert.deepEqual(localitiesOf('residents killed a man in the Banikani quarter in the town of Parakou (Parakou, Borgou).').sort(), ['banikani', 'parakou']);
  assert.deepEqual(localitiesOf('On 7 September 2021, in Dala township (Yangon (south) district), a bomb exploded.'), ['dala']);
  assert.deepEqual(localitiesOf('Police stormed a kosher supermarket at Porte de Vincennes in eastern Paris'), ['porte de vincennes']);
  assert.deepEqual(localitiesOf('A lorry ploughed into a crowded Christmas market in the west of Berlin on Monday evening'), []);
});

test('regression (same place and day): a division counts only when the sentence names nothing finer', () => {
  const amarapura = localitiesOf('On 22 October 2021, in Amarapura town (Amarapura township, Mandalay district, Mandalay region), an explosion occurred.');
  assert.deepEqual(amarapura, ['amarapura']);
  assert.equal(localitiesDiffer(amarapura, localitiesOf('On 22 October 2021, in Mandalay city (Mandalay region), an explosion occurred.')), true);
  assert.deepEqual(localitiesOf('On 6 March 2020, Taliban militants attacked a check point in Sabari district, Khost.'), ['sabari']);
});

test('regression (same place and day): settled accounts naming other localities of one town are two events', () => {
  assert.equal(localitiesDiffer(['fantou'], ['doubiti']), true);
  assert.equal(localitiesDiffer(['ganon', 'parakou'], ['banikani', 'parakou']), true);
  assert.equal(localitiesDiffer(['kunduz'], ['nasiriha', 'kunduz']), false, 'one names a village of the other\'s city');
  assert.equal(localitiesDiffer([], ['doubiti']), false);
});

test('issue 13: a name before its noun matches as the old pattern did (it read "N-N-N-…" to the end from every capital)', () => {
  const NAME = String.raw`([A-Z][\p{L}'’-]+(?:[ ](?:(?:de|du|des|la|le|el|al|di|da)[ ])?[A-Z][\p{L}'’-]+){0,3})`;
  const NOUN = String.raw`((?:[vV]illage|[tT]own|[cC]ity|[hH]amlet|[lL]ocality|[aA]rea|[qQ]uarter|[nN]eighbourhood|[nN]eighborhood|[wW]ard|[tT]ownship|[cC]ommune|[sS]ector|[cC]amp|[dD]istrict|[dD]epartment|[cC]ounty|[sS]ub-county|[cC]onstituency|[dD]ivision|[rR]egion|[pP]rovince|[sS]tate))\b`;
  const old = new RegExp(`${NAME}\\s+${NOUN}`, 'gu');
  const now = LOCALITY_PATTERNS[1]!.re;
  const texts = ['in Twantay township, Oe Bo Ward and Porte de Vincennes area', 'xDih Bala village; ÉbéZé-Kunduz city; Nasiriha village of Kunduz city', `${'N-'.repeat(400)}A  district ${'Aé '.repeat(100)}region`];
  const all = (re: Pick<RegExp, 'lastIndex' | 'exec'>, s: string, from: number): string => {
    const out: string[] = [];
    re.lastIndex = from;
    for (let m = re.exec(s); m; m = re.exec(s)) out.push(JSON.stringify([m.index, ...m]));
    return `${out.join(' ')} / ${re.lastIndex}`;
  };
  for (const s of texts) for (let from = 0; from <= s.length; from += s.length > 200 ? 5 : 1) assert.equal(all(now, s, from), all(old, s, from), `${JSON.stringify(s.slice(0, 40))} from ${from}`);
});
