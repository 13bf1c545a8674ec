import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findMentions } from './mentions.js';
import { splitSentences } from './sentences.js';
import { CTX, resolveShipped } from '../testing/context.js';

function mentions(text: string): { text: string; type: string; key: string; place?: string }[] {
  const ms = findMentions(text, splitSentences({ text }), CTX);
  resolveShipped(ms);
  return ms.map((m) => ({ text: m.text, type: m.type, key: m.key, ...(m.place ? { place: `${m.place.name}|${m.place.countryCode}` } : {}) }));
}

test('people after titles, split from the nationality before them', () => {
  const ms = mentions('Chilean Interior Minister Rodrigo Delgado visited the town of Temuco on Monday.');
  assert.ok(ms.some((m) => m.text === 'Chilean' && m.type === 'NORP'));
  assert.ok(ms.some((m) => m.text === 'Rodrigo Delgado' && m.type === 'PERSON'));
  assert.ok(ms.some((m) => m.text === 'Temuco' && m.type === 'PLACE' && m.place === 'Temuco|CL'));
});

test('organisations by head word, by a following cue word and by a known alias', () => {
  const ms = mentions('Members of the Democratic Alliance party met officials of the Northern Defence Ministry. ISIS-K said it was behind the attack.');
  assert.ok(ms.some((m) => m.text === 'Democratic Alliance' && m.type === 'ORG'));
  assert.ok(ms.some((m) => m.text === 'Northern Defence Ministry' && m.type === 'ORG'));
  assert.ok(ms.some((m) => m.text === 'ISIS-K' && m.type === 'ORG' && m.key === 'islamic state khorasan province'));
});

test('a lone surname joins the full name given elsewhere in the document', () => {
  const ms = mentions('Police questioned Anatoly Beregovoy on Tuesday. Beregovoy denied the charges.');
  const lone = ms.find((m) => m.text === 'Beregovoy');
  assert.equal(lone?.type, 'PERSON');
  assert.equal(lone?.key, 'anatoly beregovoy');
});

test('facilities by head word, including a lower-case modifier before it', () => {
  const ms = mentions('Divers inspected the Baltic Star gas pipeline. Crowds gathered outside Lakeside Stadium.');
  assert.ok(ms.some((m) => m.text === 'Baltic Star gas pipeline' && m.type === 'FACILITY'));
  assert.ok(ms.some((m) => m.text === 'Lakeside Stadium' && m.type === 'FACILITY'));
});

test('a month word after a given name is a surname, not the end of the name', () => {
  const ms = mentions('The Prime Minister, Theresa May, was driven back to Downing Street. It happened on Sunday May 5.');
  assert.ok(ms.some((m) => m.text === 'Theresa May' && m.type === 'PERSON'));
  assert.ok(!ms.some((m) => m.text === 'Theresa' && m.type === 'PLACE'));
  assert.ok(!ms.some((m) => /May 5/.test(m.text)));
});

test('regression: a world city keeps its reading against weak context for a namesake town (London, not London, Ohio)', () => {
  const text = 'An American tourist from Utah was among the injured in London on Wednesday. Police in Kent made two arrests.';
  const ms = findMentions(text, splitSentences({ text }), CTX);
  resolveShipped(ms);
  const london = ms.find((m) => m.text === 'London');
  assert.equal(london?.place?.countryCode, 'GB');
});

test('a division written with the word for its level is a place, not an organisation', () => {
  const ms = mentions('Gunmen attacked farmers in Kaduna State and in Wukari Local Government on Monday.');
  assert.ok(ms.some((m) => m.text === 'Kaduna State' && m.type === 'PLACE' && m.place === 'Kaduna|NG'));
  assert.ok(ms.some((m) => m.text === 'Wukari Local Government' && m.type === 'PLACE' && m.place === 'Wukari|NG'));
});

test('"<name> of <place>" splits off the place: a part of it or a thing in it', () => {
  assert.ok(mentions('A grenade was thrown at the police HQ of Gardez city.').some((m) => m.text === 'Gardez' && m.type === 'PLACE' && m.place === 'Gardez|AF'));
  const ms = mentions('Farmers clashed in Oju Local Government Area of Benue State.');
  assert.ok(ms.some((m) => m.text === 'Oju Local Government Area' && m.type === 'PLACE'));
  assert.ok(ms.some((m) => m.text === 'Benue State' && m.type === 'PLACE' && m.place === 'Benue|NG'));
});

test('a name the gazetteer lacks, written with a division word, is a place with no reading, not a person', () => {
  const ms = mentions('Taliban militants took 55 civilians hostage in Chaki Wardak district, Wardak.');
  assert.ok(ms.some((m) => m.text === 'Chaki Wardak district' && m.type === 'PLACE' && !m.place));
  // "Wardak" is the province, not the surname of a person "Chaki Wardak".
  assert.ok(ms.some((m) => m.text === 'Wardak' && m.type === 'PLACE' && m.place?.endsWith('|AF')));
});

test('a compass part of a division is the division: "Nyamira North district", "Kuria West"', () => {
  const ms = mentions('Residents protested in Nyamira North district over poor roads.');
  assert.ok(ms.some((m) => m.type === 'PLACE' && m.text === 'Nyamira'), JSON.stringify(ms));
});

test('a sentence in lower case is skipped, and one capital or one letter past ASCII anywhere in a sentence is read', () => {
  assert.deepEqual(mentions('gunmen killed two police officers near the market. the army said so.'), []);
  // The capital is not the sentence's first word, and the sentence before it has none.
  assert.deepEqual(mentions('gunmen attacked the market. the army said that Magomed Omarov was killed in Makhachkala.').map((m) => m.text), ['Magomed Omarov', 'Makhachkala']);
  // Names beginning past ASCII: the sentence holds no ASCII capital at all.
  assert.deepEqual(mentions('witnesses said Ümit Yılmaz led the march in İzmir.').map((m) => m.text), ['Ümit Yılmaz', 'İzmir']);
});
