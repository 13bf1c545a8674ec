import assert from 'node:assert/strict';
import { test } from 'node:test';
import { canonicalUrl } from './canonical.js';

test('tracking parameters, fragments, default ports and case do not make another article', () => {
  const key = canonicalUrl('https://news.example/world/attack-123');
  for (const u of [
    'https://news.example/world/attack-123?utm_source=rss&utm_medium=feed',
    'HTTPS://NEWS.EXAMPLE:443/world/attack-123#comments',
    'https://news.example/world/attack-123/?fbclid=abc&gclid=x',
  ]) assert.equal(canonicalUrl(u), key, u);
});

test('parameters that name the page are kept, in a fixed order', () => {
  assert.equal(canonicalUrl('https://n.example/story.php?id=7&utm_source=x&page=2'), canonicalUrl('https://n.example/story.php?page=2&id=7'));
  assert.notEqual(canonicalUrl('https://n.example/story.php?id=7'), canonicalUrl('https://n.example/story.php?id=8'));
  assert.notEqual(canonicalUrl('https://n.example/a'), canonicalUrl('http://n.example/a'), 'the scheme is part of the address');
});

test('something that is not a URL is its own key', () => {
  assert.equal(canonicalUrl(' not a url '), 'not a url');
});
