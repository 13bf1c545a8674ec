import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mentionsOf } from './test-helpers.js';
import { findMentions } from '../mentions.js';
import { splitSentences } from '../sentences.js';
import { CTX, resolveShipped } from '../../testing/context.js';

const gaz = CTX.gazetteer;

function placed(text: string): Array<{ text: string; cc: string | null }> {
  const ms = findMentions(text, splitSentences({ text }), CTX);
  resolveShipped(ms);
  return ms.filter((m) => m.type === 'PLACE').map((m) => ({ text: m.text, cc: m.place?.countryCode ?? null }));
}

test('an alternate name that is an ordinary word is no name ("Minister" for Minster, Ohio)', () => {
  assert.deepEqual(gaz.lookup('Minister'), []);
  assert.ok(gaz.lookup('Minster').some((c) => c.countryCode === 'US'));
});

test('three-letter names of small places are risky like words (APC, Nov)', () => {
  assert.equal(gaz.isRiskyName('apc'), true);
  assert.equal(gaz.isRiskyName('nov'), true);
  // …but not a town of some size, a region or a country.
  assert.equal(gaz.isRiskyName('jos'), false);
  assert.equal(gaz.isRiskyName('gao'), false);
});

test('a world-region word reads only as a country or region', () => {
  const text = 'Militants spread across the Levant and the Sahel.';
  const ms = mentionsOf(text, [['Levant', 'PLACE'], ['Sahel', 'PLACE']]);
  resolveShipped(ms);
  assert.equal(ms[0]!.place, null);
  assert.ok(ms[1]!.place === null || ms[1]!.place?.featureCode === 'ADM1');
});

test('no stray readings abroad in a text placed firmly in one country', () => {
  // "Spera" is a village in Italy; the text is about Afghan districts.
  const text = 'Taliban fighters attacked a checkpoint in Spera district, Khost, and in Zurmat district, Paktia.';
  const ms = mentionsOf(text, [['Spera', 'PLACE'], ['Khost', 'PLACE'], ['Paktia', 'PLACE']]);
  resolveShipped(ms);
  assert.notEqual(ms[0]!.place?.countryCode, 'IT');
  assert.equal(ms[1]!.place?.countryCode, 'AF');
  // An alternate name of a town abroad ("Bissa" for Bissau) in a text about Burkina Faso.
  const got = placed('Bissa farmers clashed with herders in Zabre, Boulgou province.');
  assert.ok(!got.some((p) => p.cc === 'GW'), JSON.stringify(got));
});

test('a name written right before a region of another country is a misreading', () => {
  const text = 'A soldier was wounded in Ghaziabad district, Kunar.';
  const ms = mentionsOf(text, [['Ghaziabad district', 'PLACE'], ['Kunar', 'PLACE']]);
  resolveShipped(ms);
  assert.notEqual(ms[0]!.place?.countryCode, 'IN');
  assert.equal(ms[1]!.place?.countryCode, 'AF');
});

test('a big city is not taken from an alternate name against the text ("Molotov" is not Perm)', () => {
  const got = placed('Two men hurled Molotov cocktails at a church in Makassar, Indonesia.');
  assert.ok(!got.some((p) => p.cc === 'RU'), JSON.stringify(got));
});

test('a world city still resists weak context, and capitals are named for themselves', () => {
  const text = 'An American tourist from Utah was hurt in London; the Taliban envoy later flew to Doha.';
  const ms = mentionsOf(text, [['American', 'NORP', 'US'], ['Utah', 'PLACE'], ['London', 'PLACE'], ['Taliban', 'ORG'], ['Doha', 'PLACE']]);
  resolveShipped(ms);
  assert.equal(ms[2]!.place?.countryCode, 'GB');
  assert.equal(ms[4]!.place?.countryCode, 'QA');
});
