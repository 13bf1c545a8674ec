import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CTX } from '../../testing/context.js';

const gaz = CTX.gazetteer;

test('common English words that are place names are risky', () => {
  for (const w of ['of', 'union', 'march', 'police', 'nice', 'reading', 'mobile', 'bath', 'young', 'central', 'eagle', 'hope', 'us']) {
    assert.ok(gaz.lookup(w).length > 0, `${w} is a place name in the data`);
    assert.equal(gaz.isRiskyName(w), true, w);
  }
});

test('real place names are not risky', () => {
  for (const w of ['moscow', 'derbent', 'kyiv', 'buffalo', 'turkey', 'georgia', 'jordan', 'chad', 'paris', 'new york', 'moscow region']) {
    assert.equal(gaz.isRiskyName(w), false, w);
  }
});

test('words that are no place return nothing', () => {
  for (const w of ['', ' ', 'the', 'table', 'yesterday', 'killed', 'Islamic State', 'Chechen', 'xyzzy', '...', '2024']) {
    assert.deepEqual(gaz.lookup(w), [], JSON.stringify(w));
    assert.equal(gaz.isRiskyName(w.toLowerCase()), false, w);
  }
  assert.equal(gaz.demonym('Moscow'), null);
  assert.equal(gaz.demonym('russian federation'), null);
  assert.equal(gaz.country(''), null);
  assert.equal(gaz.longestMatch([], 0), 0);
});

test('two-letter ISO codes are not country names (IN, IT, NO, TO)', () => {
  for (const w of ['in', 'it', 'no', 'to', 'me', 'is', 'am']) {
    assert.ok(!gaz.lookup(w).some((c) => c.kind === 'country'), w);
  }
});
