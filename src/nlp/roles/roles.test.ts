import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SequenceTagger } from '../../learn/perceptron.js';
import { splitSentences } from '../sentences.js';
import { buildVocab, CompiledFeatures, compiledFeatures, findRoles, findRolesReference, loadRoleTagger, lowerSameLength, ROLE_STAGE, sentenceTokens, tokenFeatures } from './index.js';

/** models/roles.json, read once for the file's tests. */
const SHIPPED = loadRoleTagger();

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
  const t = SHIPPED;
  if (!t) return;
  const text = 'urban guerrillas of the fmln placed a bomb at the bank of london in san salvador, killing two peasants.';
  const roles = findRoles(text, splitSentences({ text }), t);
  for (const r of roles) assert.equal(text.slice(r.start, r.end), r.text);
  assert.ok(roles.some((r) => r.role === 'Weapon' && /bomb/.test(r.text)), JSON.stringify(roles));
});

const ODD = [
  'urban guerrillas of the fmln placed a bomb at the bank of london in san salvador, killing two peasants.',
  'The ARMY said | that "<s>" and </s> were || seen; İstanbul’s mayor was kidnapped.',
  'x',
  'killed killed killed bomb bomb attack wounded dead claimed responsibility for the attack on the u.s. embassy.',
  `${'word '.repeat(1500)}killed ${'other '.repeat(20)}`,
  'Two rebels were killed.\n\nThe government blamed the FMLN, the FPL and the death squads for 1,500 deaths in 1989.',
].join(' ');

test('the fast path (compiled feature ids) gives the same spans as feature strings + tag', () => {
  const sents = splitSentences({ text: ODD });
  const t = SHIPPED;
  if (t) assert.deepEqual(findRoles(ODD, sents, t), findRolesReference(ODD, sents, t));
  // A small model trained here, with and without a vocabulary.
  const lower = lowerSameLength(ODD);
  const vocabObj = buildVocab(sentenceTokens(lower, 0, ODD.length).words.concat(['the', 'the', 'the']));
  for (const vocab of [null, new Map(Object.entries(vocabObj))]) {
    const train = sents.map((s) => {
      const { words } = sentenceTokens(lower, s.start, s.end);
      const labels = words.map((w) => (w === 'fmln' || w === 'army' ? 'B-PerpOrg' : w === 'bomb' ? 'B-Weapon' : w === 'peasants' ? 'B-Victim' : 'O'));
      return { feats: tokenFeatures(words, s.index, vocab), labels };
    });
    const m = SequenceTagger.train(train, { epochs: 3, seed: 2 });
    if (vocab) m.extra = { vocab: vocabObj };
    const saved = SequenceTagger.fromJSON(JSON.parse(JSON.stringify(m.toJSON(0.01, 2))));
    for (const x of [m, saved]) {
      x.setBias('O', -0.5);
      const fast = findRoles(ODD, sents, x);
      assert.ok(fast.length > 0);
      assert.deepEqual(fast, findRolesReference(ODD, sents, x));
    }
  }
});

test('compiled features cover every feature string the model knows, position by position', () => {
  const t = SHIPPED;
  if (!t) return;
  const cf = compiledFeatures(t);
  const lower = lowerSameLength(ODD);
  const raw = t.extra['vocab'] as Record<string, string> | undefined;
  const vocab = raw ? new Map(Object.entries(raw)) : null;
  for (const s of splitSentences({ text: ODD })) {
    const { words } = sentenceTokens(lower, s.start, s.end);
    const ref = tokenFeatures(words, s.index, vocab);
    const f = cf.sentence(words, s.index);
    for (let i = 0; i < words.length; i++) {
      // ids of the string features the model knows, minus those pre-summed per word.
      const own = /^(?:b|w=.*|s3=.*|s2=.*|pr3=.*|sh=.*|fq=.*|weap|grp|trig=.*)$/;
      const want: number[] = ref[i]!.filter((x) => !own.test(x)).map((x) => t.featureIndex.get(x)).filter((k): k is number => k !== undefined);
      assert.deepEqual(Array.from(f.ids.subarray(f.offs[i]!, f.offs[i + 1]!)), want, `token ${i} (${words[i]})`);
    }
  }
});

test('compiled features stay right when the word cache is cleared', () => {
  const t = SHIPPED;
  if (!t) return;
  const raw = t.extra['vocab'] as Record<string, string> | undefined;
  const vocab = raw ? new Map(Object.entries(raw)) : null;
  const big = compiledFeatures(t);
  const small = new CompiledFeatures(t, vocab, 3);
  const lower = lowerSameLength(ODD);
  for (const s of splitSentences({ text: ODD })) {
    const { words } = sentenceTokens(lower, s.start, s.end);
    const a = big.sentence(words, s.index);
    const want: { ids: number[]; offs: number[]; pre: number[] } = { ids: Array.from(a.ids.subarray(0, a.offs[a.n])), offs: Array.from(a.offs.subarray(0, a.n + 1)), pre: Array.from(a.pre.subarray(0, a.n * t.labels.length)) };
    const b = small.sentence(words, s.index);
    assert.deepEqual({ ids: Array.from(b.ids.subarray(0, b.offs[b.n])), offs: Array.from(b.offs.subarray(0, b.n + 1)), pre: Array.from(b.pre.subarray(0, b.n * t.labels.length)) }, want);
  }
});
