import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findMentions } from './mentions.js';
import { splitSentences } from './sentences.js';

const texts = (t: string): string[] => findMentions(t, splitSentences({ text: t })).map((m) => m.text);

test('capitalised sentence starters and weekdays are not names', () => {
  const out = texts('However, the talks failed. Already the crowd had left. On Saturday nothing happened.');
  assert.deepEqual(out, []);
});

test('a weekday after a name ends the name', () => {
  assert.ok(!texts('Officials told President Ana Ruiz On Saturday about it.').some((t) => /Saturday/.test(t)));
});

test('a demonym inside a longer name makes no person', () => {
  const ms = findMentions('He spoke of Great Russian pride.', splitSentences({ text: 'He spoke of Great Russian pride.' }));
  assert.ok(!ms.some((m) => m.type === 'PERSON'));
});
