import assert from 'node:assert/strict';
import { test } from 'node:test';
import { localitiesDiffer, localitiesOf } from './localities.js';

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
