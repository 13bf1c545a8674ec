import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HashedPerceptron } from '../../learn/attribution-perceptron.js';
import { tokenize } from '../../nlp/tokens.js';
import { B, BITS, decode, encodeUnit, I, O, spansOf, tagCues, trainCues, type FeatBuf } from './learned.js';
import { insideQuote } from './index.js';

test('Viterbi decoding never puts I after O, whatever the weights', () => {
  const m = new HashedPerceptron(3, 8);
  let x = 12345;
  for (let i = 0; i < m.w.length; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    m.w[i] = ((x >>> 8) % 200) / 10 - 10;
  }
  const feat = (i: number, fb: FeatBuf): void => {
    fb.fs[0] = (i * 7) & 255;
    fb.ks = 1;
    fb.fp[0] = i * 13;
    fb.kp = 1;
  };
  for (const n of [1, 2, 5, 40, 300]) {
    const out = new Uint8Array(n);
    decode(m, n, feat, out);
    for (let i = 0; i < n; i++) if (out[i] === I) assert.ok(i > 0 && out[i - 1] !== O, `I after O at ${i} (n=${n})`);
  }
});

test('the structured perceptron learns multiword cues from a toy set', () => {
  const texts = ['The mayor said on Friday that taxes rise.', 'Critics have argued that it fails.', 'Police according to reports found him.', 'Rain fell on the farm.'];
  const cues = [['said'], ['have', 'argued'], ['according', 'to'], []];
  const items = texts.map((t, k) => {
    const toks = tokenize(t);
    const d = encodeUnit(toks, insideQuote(toks), { cue: [], source: [], content: [] });
    const gold = new Uint8Array(d.n);
    const words = cues[k]!;
    toks.forEach((tk, i) => {
      const j = words.indexOf(tk.text);
      if (j >= 0) gold[i] = j === 0 ? B : I;
    });
    return { d, gold };
  });
  const m = new HashedPerceptron(3, BITS);
  const out = new Uint8Array(64);
  for (let e = 0; e < 10; e++) for (const it of items) trainCues(m, it.d, it.gold, out);
  m.average();
  for (const it of items) {
    const C = new Uint8Array(it.d.n);
    tagCues(m, it.d, C);
    assert.deepEqual(spansOf(C, it.d.n), spansOf(it.gold, it.d.n));
  }
});
