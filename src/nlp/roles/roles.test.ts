import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SequenceTagger } from '../../learn/perceptron.js';
import { splitSentences } from '../sentences.js';
import { findRoles, lowerSameLength, roleTagger, ROLE_STAGE, sentenceTokens, tokenFeatures } from './index.js';

test('features are built from lower-cased text, so case does not change them', () => {
  const a = 'Guerrillas of the FMLN attacked the farm.';
  const lower = lowerSameLength(a);
  const up = sentenceTokens(lower, 0, a.length);
  assert.deepEqual(tokenFeatures(up.words, 0), tokenFeatures(sentenceTokens(a.toLowerCase(), 0, a.length).words, 0));
  assert.equal(lowerSameLength('İstanbul').length, 'İstanbul'.length);
});

test('findRoles returns nothing without a model', () => {
  const text = 'guerrillas bombed the farm.';
  assert.deepEqual(findRoles(text, splitSentences({ text }), null), []);
});

test('findRoles turns BIO tags into spans of the original text', () => {
  const text = 'The FMLN bombed the power station. Rain fell.';
  const sents = splitSentences({ text });
  const train = sents.map((s) => {
    const { words } = sentenceTokens(lowerSameLength(text), s.start, s.end);
    const labels = words.map((w) => (w === 'fmln' ? 'B-PerpOrg' : w === 'power' ? 'B-Target' : w === 'station' ? 'I-Target' : 'O'));
    return { feats: tokenFeatures(words, s.index), labels };
  });
  const t = SequenceTagger.train(train, { epochs: 5, seed: 1 });
  const roles = findRoles(text, sents, t);
  assert.deepEqual(roles.map((r) => [r.role, r.text]), [['PerpOrg', 'FMLN'], ['Target', 'power station']]);
  for (const r of roles) {
    assert.equal(text.slice(r.start, r.end), r.text);
    assert.equal(r.stage, ROLE_STAGE);
    assert.ok(r.confidence > 0 && r.confidence <= 1);
  }
});

test('the committed model, when present, loads and tags a MUC-style sentence', () => {
  const t = roleTagger();
  if (!t) return;
  const text = 'urban guerrillas of the fmln placed a bomb at the bank of london in san salvador, killing two peasants.';
  const roles = findRoles(text, splitSentences({ text }));
  for (const r of roles) assert.equal(text.slice(r.start, r.end), r.text);
  assert.ok(roles.some((r) => r.role === 'Weapon' && /bomb/.test(r.text)), JSON.stringify(roles));
});
