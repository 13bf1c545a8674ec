import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findMentions } from './mentions.js';
import { splitSentences } from './sentences.js';
import { CTX, resolveShipped } from '../testing/context.js';

const mentionsOf = (t: string): { text: string; type: string }[] => findMentions(t, splitSentences({ text: t }), CTX);
const texts = (t: string): string[] => findMentions(t, splitSentences({ text: t }), CTX).map((m) => m.text);

test('capitalised sentence starters and weekdays are not names', () => {
  const out = texts('However, the talks failed. Already the crowd had left. On Saturday nothing happened.');
  assert.deepEqual(out, []);
});

test('a weekday after a name ends the name', () => {
  assert.ok(!texts('Officials told President Ana Ruiz On Saturday about it.').some((t) => /Saturday/.test(t)));
});

test('a demonym inside a longer name makes no person', () => {
  const ms = findMentions('He spoke of Great Russian pride.', splitSentences({ text: 'He spoke of Great Russian pride.' }), CTX);
  assert.ok(!ms.some((m) => m.type === 'PERSON'));
});

test('regression: a country is never read as the surname of a name ending in it ("Great Russia" … "Russia")', () => {
  const t = 'We are Great Russia, they said. Russia will answer.';
  const ms = findMentions(t, splitSentences({ text: t }), CTX);
  assert.ok(!ms.some((m) => m.text === 'Russia' && m.type === 'PERSON'));
});

test('regression: "the Putin regime" names a person, not an organisation', () => {
  const t = 'Vladimir Putin spoke on Monday. Critics of the Putin regime were arrested.';
  const ms = findMentions(t, splitSentences({ text: t }), CTX);
  const p = ms.find((m) => m.text === 'Putin');
  assert.equal(p?.type, 'PERSON');
  assert.equal(p?.key, 'vladimir putin');
});

test('regression: a first name that is also a small town does not make an organisation ("Ilya Ponomaryov")', () => {
  const t = 'The exiled politician Ilya Ponomaryov spoke from abroad.';
  resolveShipped([]);
  const ms = findMentions(t, splitSentences({ text: t }), CTX);
  assert.equal(ms.find((m) => m.text === 'Ilya Ponomaryov')?.type, 'PERSON');
});

test('negative: an organisation headed by an organisation word keeps the place of its name ("University of Nairobi", "Islamic State")', () => {
  const ms = mentionsOf('Students of the University of Nairobi protested. The Islamic State claimed it. The Armed Commandos of Liberation claimed the bombs.');
  assert.ok(ms.some((m) => m.text === 'University of Nairobi' && m.type === 'ORG'));
  assert.ok(!ms.some((m) => m.text === 'Islamic State' && m.type === 'PLACE'));
  assert.ok(!ms.some((m) => m.text === 'Liberation' && m.type === 'PLACE'));
});

test('negative: an unknown two-word name with no division word stays a person', () => {
  const ms = mentionsOf('Police questioned Chaki Wardak on Monday.');
  assert.ok(ms.some((m) => m.text === 'Chaki Wardak' && m.type === 'PERSON'));
});

test('a compass word after a person or inside a longer name makes no division', () => {
  const people = mentionsOf('The journalist David North wrote about the protest.');
  assert.ok(!people.some((m) => m.type === 'PLACE' && m.text === 'David'), JSON.stringify(people));
  const mosque = mentionsOf('Worshippers gathered at the Lagos Central Mosque on Friday.');
  assert.ok(!mosque.some((m) => m.type === 'PLACE' && m.text === 'Lagos Central'), JSON.stringify(mosque));
});
