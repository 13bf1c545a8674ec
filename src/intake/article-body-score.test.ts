import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { test } from 'node:test';
import { scoreArticleBodies, tokenF1 } from './article-body-score.js';
import { extractHtmlBody } from './html.js';
import { tmpDir } from './test-helpers.js';

test('tokenF1: multiset overlap of lower-cased word tokens', () => {
  assert.deepEqual(tokenF1('The cat sat.', 'the CAT sat'), { precision: 1, recall: 1, f1: 1 });
  const r = tokenF1('a a b', 'a b c d');
  assert.equal(r.precision, 2 / 3);
  assert.equal(r.recall, 2 / 4);
  assert.ok(Math.abs(r.f1 - (2 * (2 / 3) * 0.5) / (2 / 3 + 0.5)) < 1e-12);
  assert.deepEqual(tokenF1('', ''), { precision: 1, recall: 1, f1: 1 });
  assert.equal(tokenF1('', 'gold words').recall, 0);
  assert.equal(tokenF1('Café über', 'café ÜBER').f1, 1);
  // Shingles make word order count.
  assert.equal(tokenF1('one two three four five', 'five four three two one', 4).f1, 0);
});

test('extractHtmlBody returns body paragraphs only', () => {
  const html =
    '<html><head><title>T</title></head><body><article><h1>T</h1><p>First paragraph of the report, long enough to be kept by the extractor as prose.</p>' +
    '<figure><figcaption>A caption (Photo: Someone)</figcaption></figure><p>Second paragraph with more detail about what the witnesses said.</p></article></body></html>';
  const body = extractHtmlBody(html, 'x.html');
  assert.equal(
    body,
    'First paragraph of the report, long enough to be kept by the extractor as prose.\n\nSecond paragraph with more detail about what the witnesses said.',
  );
});

test('scoreArticleBodies over a tiny benchmark folder', () => {
  const dir = tmpDir();
  mkdirSync(join(dir, 'html'));
  const text = 'Rescue teams searched the collapsed building through the night, officials said on Friday morning.';
  writeFileSync(join(dir, 'html', 'p1.html.gz'), gzipSync(`<html><body><article><p>${text}</p><p>${text}</p></article></body></html>`));
  writeFileSync(join(dir, 'ground-truth.json'), JSON.stringify({ p1: { articleBody: `${text}\n${text}` } }));
  const s = scoreArticleBodies(dir);
  assert.equal(s.pages, 1);
  assert.equal(s.f1, 1);
});
