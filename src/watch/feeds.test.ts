import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { DossierError } from '../model/index.js';
import { feedText, parseFeedText } from './feeds.js';
import { atomFeed, jsonFeed, newsSitemap, rssFeed, sitemapIndex } from './test-pages.js';

const iconv = createRequire(import.meta.url)('iconv-lite') as { encode(s: string, e: string): Buffer };
const BASE = 'http://127.0.0.1:9/feed';

test('Atom: the date is when the entry was published, not when it was updated', () => {
  const f = parseFeedText(atomFeed([{ url: 'http://127.0.0.1:9/a', id: 'urn:a', published: '2026-11-01T08:00:00Z', updated: '2026-11-29T17:00:00Z' }]), BASE);
  assert.equal(f.kind, 'atom');
  assert.equal(f.items[0]!.published, '2026-11-01');
  assert.equal(f.items[0]!.dateField, 'published');
  assert.equal(f.items[0]!.key, 'urn:a');
  // No published: no date at all, rather than the update's.
  const g = parseFeedText(atomFeed([{ url: 'http://127.0.0.1:9/b', id: 'urn:b', updated: '2026-11-29T17:00:00Z' }]), BASE);
  assert.equal(g.items[0]!.published, null);
});

test('RSS 2.0: pubDate, guid as the key, the link as the URL; relative links resolved', () => {
  const f = parseFeedText(rssFeed([{ url: '/news/1', guid: 'g-1', pubDate: 'Mon, 02 Nov 2026 08:00:00 GMT' }, { url: 'http://127.0.0.1:9/news/2' }]), BASE);
  assert.equal(f.kind, 'rss');
  assert.deepEqual(f.items.map((i) => [i.key, i.url, i.published]), [
    ['g-1', 'http://127.0.0.1:9/news/1', '2026-11-02'],
    ['http://127.0.0.1:9/news/2', 'http://127.0.0.1:9/news/2', null],
  ]);
});

test('JSON Feed: date_published, not date_modified', () => {
  const f = parseFeedText(jsonFeed([{ url: 'http://127.0.0.1:9/j', id: 'j1', date_published: '2026-11-03T08:00:00Z', date_modified: '2026-11-20T00:00:00Z' }]), BASE);
  assert.equal(f.kind, 'json');
  assert.equal(f.items[0]!.published, '2026-11-03');
});

test('news sitemap: news:publication_date is the date; a plain lastmod is not', () => {
  const f = parseFeedText(newsSitemap([{ url: 'http://127.0.0.1:9/s?a=1&b=2', published: '2026-11-04T10:00:00+03:00' }, { url: 'http://127.0.0.1:9/t', lastmod: '2026-11-28' }]), BASE);
  assert.equal(f.kind, 'sitemap');
  assert.deepEqual(f.items.map((i) => [i.url, i.published]), [
    ['http://127.0.0.1:9/s?a=1&b=2', '2026-11-04'],
    ['http://127.0.0.1:9/t', null],
  ]);
});

test('sitemap index: its child sitemaps are listed', () => {
  const f = parseFeedText(sitemapIndex(['http://127.0.0.1:9/s1.xml', '/s2.xml']), BASE);
  assert.equal(f.kind, 'sitemapindex');
  assert.deepEqual(f.sitemaps, ['http://127.0.0.1:9/s1.xml', 'http://127.0.0.1:9/s2.xml']);
});

test('a gzip sitemap file and a windows-1251 RSS feed are read', () => {
  const gz = gzipSync(newsSitemap([{ url: 'http://127.0.0.1:9/z', published: '2026-11-05' }]));
  assert.equal(parseFeedText(feedText(gz, 'x.xml.gz', null), BASE).items[0]!.published, '2026-11-05');
  const rss = rssFeed([{ url: 'http://127.0.0.1:9/r', title: 'Взрыв в Махачкале' }]).replace('UTF-8', 'windows-1251');
  const f = parseFeedText(feedText(iconv.encode(rss, 'windows-1251'), 'r.xml', null), BASE);
  assert.equal(f.items[0]!.title, 'Взрыв в Махачкале');
});

test('something that is no feed is refused with E_FEED naming it', () => {
  assert.throws(() => parseFeedText('<html><body>hello</body></html>', BASE), (e) => e instanceof DossierError && e.code === 'E_FEED' && e.message.includes(BASE));
  assert.throws(() => feedText(Buffer.from([0x1f, 0x8b, 1, 2, 3]), 'bad.gz', null), (e) => e instanceof DossierError && e.code === 'E_FEED');
});
