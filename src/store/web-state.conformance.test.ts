import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { freshDatabase, pgUnavailable } from '../testing/pg.js';
import { openStore } from './index.js';

/** The web intake's state (migration 11) behaves the same on both backends. */
const tmp = mkdtempSync(join(tmpdir(), 'dossier-webstate-'));
const drops: (() => Promise<void>)[] = [];
after(async () => {
  rmSync(tmp, { recursive: true, force: true });
  for (const d of drops) await d();
});
const pgSkip = await pgUnavailable();
let n = 0;
const BACKENDS = [
  { name: 'sqlite', skip: false as string | false, target: async () => join(tmp, `s${n++}.db`) },
  { name: 'postgres', skip: pgSkip ?? (false as string | false), target: async () => { const d = await freshDatabase('webstate'); drops.push(d.drop); return d.url; } },
];

for (const b of BACKENDS) {
  describe(`web state (${b.name})`, { skip: b.skip }, () => {
    test('raw bytes, URLs, validators, feeds and items round-trip; upserts replace, first records stand', async () => {
      const store = await openStore(await b.target());
      const web = store.webState();
      try {
        const raw = Buffer.from([0, 1, 2, 0xff, ...Buffer.from('<html>ü</html>')]);
        await web.putIntake({ docId: 'd1', raw, contentType: 'text/html', charset: 'koi8-r', url: 'http://a/x', finalUrl: 'http://a/y', publishedFrom: 'feed http://a/rss (pubDate)' });
        await web.putIntake({ docId: 'd1', raw: Buffer.from('other'), contentType: null, charset: null, url: null, finalUrl: null, publishedFrom: null });
        const rec = await web.getIntake('d1');
        assert.deepEqual(rec!.raw, raw, 'bytes exactly, and the first record stands');
        assert.equal(rec!.charset, 'koi8-r');
        assert.equal(rec!.publishedFrom, 'feed http://a/rss (pubDate)');
        assert.equal(await web.getIntake('nope'), null);

        await web.addUrls('d1', ['http://a/x', 'http://a/y', 'http://a/x']);
        await web.addUrls('d2', ['http://a/y', 'http://a/z']);
        assert.equal(await web.docOfUrls(['http://q/', 'http://a/y']), 'd1', 'a URL belongs to the first document that reached it');
        assert.equal(await web.docOfUrls(['http://a/z']), 'd2');
        assert.equal(await web.docOfUrls(['http://none/']), null);
        assert.deepEqual((await web.urlsOf('d1')).sort(), ['http://a/x', 'http://a/y']);

        await web.setValidators('http://a/rss', { etag: '"1"', lastModified: null });
        await web.setValidators('http://a/rss', { etag: '"2"', lastModified: 'Mon, 30 Nov 2026 10:00:00 GMT' });
        assert.deepEqual(await web.validators('http://a/rss'), { etag: '"2"', lastModified: 'Mon, 30 Nov 2026 10:00:00 GMT' });
        assert.equal(await web.validators('http://a/none'), null);

        await web.addFeed('http://a/rss');
        await web.feedPolled('http://a/rss', 'rss', null);
        await web.feedPolled('http://b/sitemap.xml', null, 'E_FETCH: down');
        const feeds = await web.listFeeds();
        assert.deepEqual(feeds.map((f) => [f.url, f.kind, f.lastError]), [['http://a/rss', 'rss', null], ['http://b/sitemap.xml', null, 'E_FETCH: down']]);

        await web.recordItem('http://a/rss', { key: 'g1', url: 'http://a/1', published: '2026-11-02', status: 'retry', docId: null, attempts: 1, error: 'E_FETCH: x' });
        await web.recordItem('http://a/rss', { key: 'g1', url: 'http://a/1', published: '2026-11-02', status: 'stored', docId: 'd1', attempts: 2, error: null });
        const items = await web.feedItems('http://a/rss', ['g1', 'g2']);
        assert.deepEqual([...items.keys()], ['g1']);
        assert.equal(items.get('g1')!.status, 'stored');
        assert.equal(items.get('g1')!.attempts, 2);
        assert.equal((await web.feedItems('http://other/', ['g1'])).size, 0, 'items are per feed');
      } finally {
        await store.close();
      }
    });
  });
}
