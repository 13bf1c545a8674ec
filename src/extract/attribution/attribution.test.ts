import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findAttributions } from './index.js';

function triples(text: string): string[] {
  return findAttributions(text).map((a) => `${a.source ? text.slice(a.source.start, a.source.end) : '-'} | ${text.slice(a.cue.start, a.cue.end)} | ${text.slice(a.content.start, a.content.end)}`);
}

test('preposed that-clause', () => {
  assert.deepEqual(triples('The Daily Courier reported that a fan club had helped organise the riot.'), ['The Daily Courier | reported | that a fan club had helped organise the riot']);
});

test('postposed quotation with a pronoun', () => {
  assert.deepEqual(triples('"We will rebuild the bridge by spring," she said.'), ['she | said | "We will rebuild the bridge by spring,"']);
});

test('inverted postposed source', () => {
  assert.deepEqual(triples('The bridge will reopen in May, said Mayor Clara Venn.'), ['Mayor Clara Venn | said | The bridge will reopen in May']);
});

test('according to, both orders', () => {
  assert.deepEqual(triples('According to the latest figures, nine people died.'), ['the latest figures | According to | nine people died']);
  assert.deepEqual(triples('Nine people died in the fire, according to the police.'), ['the police | according to | Nine people died in the fire']);
});

test('cue keeps its auxiliaries; a date after the cue is skipped', () => {
  assert.deepEqual(triples('The minister has also said on Tuesday that the talks failed.'), ['The minister | has also said | that the talks failed']);
});

test('appositive sources and colon quotations', () => {
  assert.deepEqual(triples('Jane Roe, a spokeswoman for the ministry, said: "The border is closed."'), ['Jane Roe, a spokeswoman for the ministry, | said | "The border is closed."']);
});

// Regression (the 1M fuzz run, 2026-12-01, pipeline `pathological`): `# "said" "said" …`, 48 KB in
// one unit, took 3.5 s: the postposed rule walked back to the unit's start from every cue for a
// boundary, though a source starting further back than 8 tokens can never match. The walk now stops
// there; these check the rule still finds its sources at that limit and not past it.
test('a postposed source of up to 8 tokens is found, one of 9 is not; thousands of bare cues give nothing', () => {
  assert.deepEqual(triples('"We will rebuild," the deputy head of the regional police office said.'), ['the deputy head of the regional police office | said | "We will rebuild,"']);
  assert.ok(!triples('"We will rebuild," the acting deputy head of the regional police office said.').some((t) => t.startsWith('the acting')));
  assert.deepEqual(findAttributions(`# ${'"said" '.repeat(6000)}`).filter((a) => a.shape === 'postposed'), []);
});
