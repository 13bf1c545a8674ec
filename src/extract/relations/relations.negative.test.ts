import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findMentions } from '../../nlp/mentions.js';
import { splitSentences } from '../../nlp/sentences.js';
import { findRelations, type Relation } from './index.js';
import { CTX, resolveShipped } from '../../testing/context.js';

function relationsOf(text: string): Relation[] {
  const sentences = splitSentences({ text });
  const mentions = findMentions(text, sentences, CTX);
  resolveShipped(mentions);
  return findRelations(text, sentences, mentions);
}

const none = (text: string): void => {
  const rs = relationsOf(text);
  assert.deepEqual(rs.map((r) => `${r.subject.key} ${r.predicate} ${r.object.key}`), [], text);
};

test('no relation from mere co-occurrence in a sentence', () => {
  none('Oleg Tarasov met Civic Dawn officials in Tomsk on Monday.');
  none('Viktor Sokol criticised the head of the Northern Shield Battalion on Monday.');
  none('Irina Kozlova praised the founder of the Rassvet channel.');
  none('Pavel Lunin, who visited Riga in 2019, said nothing.');
  none('Stepan Orlov said the Green Harbour Movement leader was absent.');
});

test('no relation between the names of a list', () => {
  none('Viktor Sokol, Anna Belova and the Northern Shield Battalion were named in the report.');
  none('Members of the Civic Dawn party, Oleg Tarasov and Pavel Lunin attended.');
});

test('no relation read from inside a quotation (a short quoted name is not a quotation)', () => {
  none('"Oleg Tarasov is the leader of the Green Harbour Movement and always was," Viktor Sokol said.');
  none('“Pavel Lunin, founder of the Rassvet channel, is lying to you,” the post said.');
  // The same words outside the quotation do give the relation.
  assert.equal(relationsOf('Oleg Tarasov is the leader of the Green Harbour Movement.').length, 1);
});

test('no relation when one end is not a mention', () => {
  // "pro-NATO opposition" names no organisation.
  none('Irina Kozlova, a leading figure in the pro-NATO opposition, spoke.');
  none('Oleg Tarasov, a member of parliament, visited Kharkiv.');
  none('Timur Bekov and his sons attended the rally in Riga.');
});

test('no relation across a role that belongs to another body or another preposition', () => {
  none('Oleg Tarasov, the head of security at the Green Harbour Movement, spoke.');
  none('The Northern Shield Battalion attacked Kharkiv, spokesman Viktor Sokol said.');
  none('In Tomsk opposition leader Stepan Orlov spoke.');
});
