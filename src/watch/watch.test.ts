import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { Fetcher } from '../fetch/index.js';
import { send, startServer, type TestServer } from '../fetch/test-server.js';
import { openStore, type Store } from '../store/index.js';
import { ingestUrls, type UrlEvent } from './web-ingest.js';
import { Watcher, type WatchEvent } from './watcher.js';
import { articlePage, atomFeed, jsonFeed, newsSitemap, rssFeed, sitemapIndex } from './test-pages.js';

const tmp = mkdtempSync(join(tmpdir(), 'dossier-watch-'));
after(() => rmSync(tmp, { recursive: true, force: true }));
let n = 0;
const dbPath = (): string => join(tmp, `w${n++}.db`);

function fetcher(): Fetcher {
  // The default timeout: the first document loads the models synchronously, which under a loaded machine can take
  // seconds during which another fetch's timer runs.
  return new Fetcher({ allowPrivate: ['127.0.0.0/8'], hostIntervalMs: 0, backoffMs: 10, retries: 1 });
}

async function withStore<T>(path: string, fn: (s: Store, f: Fetcher) => Promise<T>): Promise<T> {
  const s = await openStore(path);
  const f = fetcher();
  try {
    return await fn(s, f);
  } finally {
    await f.close();
    await s.close();
  }
}

function watch(store: Store, f: Fetcher, sources: string[], events: WatchEvent[] = [], signal?: AbortSignal): Promise<unknown> {
  return new Watcher(store, f, { everyMs: 60_000, once: true, concurrency: 2, onEvent: (e) => events.push(e), ...(signal ? { signal } : {}) }).run(sources);
}

const pagesAsked = (srv: TestServer): string[] => srv.log.map((l) => l.path).filter((p) => p.startsWith('/news/'));

/** A server with six article pages (none dated), /news/0 … /news/5. */
async function newsServer(): Promise<TestServer> {
  const srv = await startServer({ '/robots.txt': send('User-agent: *\nDisallow: /private/\n', { 'content-type': 'text/plain' }) });
  for (let i = 0; i < 6; i++) srv.routes.set(`/news/${i}`, send(articlePage(i)));
  return srv;
}

test('RSS: each item is ingested once with the feed\'s date, recorded as its source; a second poll gets a 304 and fetches nothing', async () => {
  const srv = await newsServer();
  const o = srv.origin;
  let etagHits = 0;
  srv.routes.set('/rss.xml', (req, res) => {
    if (req.headers['if-none-match'] === '"f1"') return void (etagHits++, res.writeHead(304).end());
    res.writeHead(200, { 'content-type': 'application/rss+xml', etag: '"f1"' }).end(rssFeed([0, 1, 2].map((i) => ({ url: `${o}/news/${i}?utm_source=rss`, guid: `g${i}`, pubDate: `Mon, 0${i + 2} Nov 2026 08:00:00 GMT` }))));
  });
  try {
    await withStore(dbPath(), async (store, f) => {
      const events: WatchEvent[] = [];
      await watch(store, f, [`${o}/rss.xml`], events);
      const items = events.filter((e): e is Extract<WatchEvent, { kind: 'item' }> => e.kind === 'item');
      assert.deepEqual(items.map((e) => e.event.status), ['stored', 'stored', 'stored']);
      const doc = await store.getDocument(items[0]!.event.docId!);
      assert.equal(doc!.meta.published, '2026-11-02');
      const intake = await store.webState().getIntake(doc!.id);
      assert.equal(intake!.publishedFrom, `feed ${o}/rss.xml (pubDate)`);
      assert.ok(intake!.raw.toString().includes('Kandahar'), 'the raw bytes are kept');
      assert.ok(items.some((e) => e.event.incidents > 0), 'the pages yield incidents');
      await watch(store, f, [`${o}/rss.xml`]);
      assert.equal(etagHits, 1);
      assert.equal(pagesAsked(srv).length, 3);
    });
  } finally {
    await srv.close();
  }
});

test('Atom with published ≠ updated, JSON Feed, a news sitemap and a sitemap index', async () => {
  const srv = await newsServer();
  const o = srv.origin;
  srv.routes.set('/atom.xml', send(atomFeed([{ url: `${o}/news/0`, id: 'urn:0', published: '2026-10-01T08:00:00Z', updated: '2026-11-29T08:00:00Z' }]), { 'content-type': 'application/atom+xml' }));
  srv.routes.set('/feed.json', send(jsonFeed([{ url: `${o}/news/1`, id: 'j1', date_published: '2026-10-02T08:00:00Z', date_modified: '2026-11-20T00:00:00Z' }]), { 'content-type': 'application/feed+json' }));
  srv.routes.set('/news-sitemap.xml', send(newsSitemap([{ url: `${o}/news/2`, published: '2026-10-03T10:00:00+03:00' }]), { 'content-type': 'application/xml' }));
  srv.routes.set('/s1.xml', send(newsSitemap([{ url: `${o}/news/3`, published: '2026-10-04' }]), { 'content-type': 'application/xml' }));
  srv.routes.set('/s2.xml', send(newsSitemap([{ url: `${o}/news/4`, published: '2026-10-05' }]), { 'content-type': 'application/xml' }));
  srv.routes.set('/sitemap-index.xml', send(sitemapIndex([`${o}/s1.xml`, '/s2.xml']), { 'content-type': 'application/xml' }));
  try {
    await withStore(dbPath(), async (store, f) => {
      const events: WatchEvent[] = [];
      await watch(store, f, ['/atom.xml', '/feed.json', '/news-sitemap.xml', '/sitemap-index.xml'].map((p) => o + p), events);
      const dates = new Map<string, string | null>();
      for (const e of events) if (e.kind === 'item') dates.set(e.item.url.replace(o, ''), (await store.getDocument(e.event.docId!))!.meta.published);
      assert.deepEqual(Object.fromEntries(dates), { '/news/0': '2026-10-01', '/news/1': '2026-10-02', '/news/2': '2026-10-03', '/news/3': '2026-10-04', '/news/4': '2026-10-05' });
      assert.deepEqual(events.filter((e) => e.kind === 'error'), []);
      const from = async (path: string): Promise<string | null> => {
        const ev = events.find((e): e is Extract<WatchEvent, { kind: 'item' }> => e.kind === 'item' && e.item.url === o + path)!;
        return (await store.webState().getIntake(ev.event.docId!))!.publishedFrom;
      };
      assert.equal(await from('/news/0'), `feed ${o}/atom.xml (published)`);
      assert.equal(await from('/news/2'), `sitemap ${o}/news-sitemap.xml (news:publication_date)`);
      assert.equal(await from('/news/3'), `sitemap ${o}/sitemap-index.xml (news:publication_date)`);
    });
  } finally {
    await srv.close();
  }
});

test('a watch stopped after its first item, restarted on the same store, neither repeats nor misses an item', async () => {
  const srv = await newsServer();
  const o = srv.origin;
  let listed = 3;
  srv.routes.set('/rss.xml', (_q, res) => {
    res.writeHead(200, { 'content-type': 'application/rss+xml', etag: `"v${listed}"` }).end(rssFeed(Array.from({ length: listed }, (_, i) => ({ url: `${o}/news/${i}`, guid: `g${i}` }))));
  });
  const path = dbPath();
  try {
    const stop = new AbortController();
    await withStore(path, (store) => {
      const f1 = new Fetcher({ allowPrivate: ['127.0.0.0/8'], hostIntervalMs: 0 });
      // Concurrency 1 and a stop on the first item: the process "dies" with two items not yet handled.
      return new Watcher(store, f1, { everyMs: 60_000, once: false, concurrency: 1, signal: stop.signal, onEvent: (e) => e.kind === 'item' && stop.abort() }).run([`${o}/rss.xml`]).finally(() => f1.close());
    });
    assert.deepEqual(pagesAsked(srv), ['/news/0']);
    listed = 5;
    await withStore(path, (store, f) => watch(store, f, [`${o}/rss.xml`]));
    assert.deepEqual(pagesAsked(srv).sort(), ['/news/0', '/news/1', '/news/2', '/news/3', '/news/4']);
    await withStore(path, async (store, f) => {
      await watch(store, f, [`${o}/rss.xml`]);
      assert.equal((await store.counts()).documents, 5);
    });
    assert.equal(pagesAsked(srv).length, 5, 'nothing fetched twice');
  } finally {
    await srv.close();
  }
});

test('one article reached by three URLs is one document; a URL already known is not fetched again', async () => {
  const srv = await newsServer();
  const o = srv.origin;
  srv.routes.set('/news/0', send(articlePage(0, { canonical: `${o}/story/kandahar` })));
  srv.routes.set('/short/k', send('', { location: `${o}/story/kandahar?utm_campaign=x` }, 301));
  srv.routes.set('/story/kandahar', send(articlePage(0, { canonical: `${o}/story/kandahar`, title: 'Checkpoint attack in Kandahar | News' })));
  try {
    await withStore(dbPath(), async (store, f) => {
      const events: UrlEvent[] = [];
      await ingestUrls(store, f, [`${o}/news/0?utm_source=tw`], (e) => events.push(e), 1);
      await ingestUrls(store, f, [`${o}/short/k`, `${o}/story/kandahar#top`, `${o}/news/0?fbclid=1`], (e) => events.push(e), 1);
      assert.deepEqual(events.map((e) => e.status), ['stored', 'duplicate', 'duplicate', 'duplicate']);
      assert.equal(new Set(events.map((e) => e.docId)).size, 1);
      assert.equal((await store.counts()).documents, 1);
      assert.equal(srv.log.filter((l) => l.path.startsWith('/story/')).length, 1, 'the canonical URL, once known, is not fetched');
    });
  } finally {
    await srv.close();
  }
});

test('refused and failing URLs are reported, not fatal: private redirect, robots.txt, 404, a Russian page gets its notice', async () => {
  const srv = await newsServer();
  const o = srv.origin;
  srv.routes.set('/to-metadata', send('', { location: 'http://169.254.169.254/latest/meta-data/' }, 302));
  srv.routes.set('/private/x', send(articlePage(1)));
  const ru = '<html lang="ru"><head><meta charset="windows-1251"><title>Взрыв</title></head><body><article><p>Вечером в воскресенье неизвестные открыли огонь по посту полиции в центре Махачкалы. По данным МВД, погибли трое полицейских, ещё пятеро ранены. Следователи возбудили уголовное дело.</p></article></body></html>';
  const { createRequire } = await import('node:module');
  const iconv = createRequire(import.meta.url)('iconv-lite') as { encode(s: string, e: string): Buffer };
  srv.routes.set('/ru', send(iconv.encode(ru, 'windows-1251'), { 'content-type': 'text/html; charset=windows-1251' }));
  try {
    await withStore(dbPath(), async (store, f) => {
      const events: UrlEvent[] = [];
      const sum = await ingestUrls(store, f, [`${o}/to-metadata`, `${o}/private/x`, `${o}/missing`, `${o}/ru`, 'ftp://127.0.0.1/x'], (e) => events.push(e), 1);
      const by = new Map(events.map((e) => [e.path.replace(o, ''), e]));
      assert.equal(by.get('/to-metadata')!.error?.code, 'E_FETCH_BLOCKED');
      assert.equal(by.get('/private/x')!.error?.code, 'E_FETCH_ROBOTS');
      assert.equal(by.get('/missing')!.error?.code, 'E_FETCH_HTTP');
      assert.equal(by.get('ftp://127.0.0.1/x')!.error?.code, 'E_FETCH_BLOCKED');
      assert.equal(by.get('/ru')!.status, 'stored');
      assert.equal(by.get('/ru')!.notice, 'language ru: no extraction yet');
      assert.match((await store.getDocument(by.get('/ru')!.docId!))!.text, /Махачкалы/);
      assert.equal(sum.failed, 4);
      assert.ok(!srv.log.some((l) => l.path === '/private/x'));
    });
  } finally {
    await srv.close();
  }
});

test('charsets over HTTP: the header first, then the meta tag, then the bytes; a wrong header is passed over', async () => {
  const { createRequire } = await import('node:module');
  const iconv = createRequire(import.meta.url)('iconv-lite') as { encode(s: string, e: string): Buffer };
  const text = 'Вечером в воскресенье неизвестные открыли огонь по посту полиции в центре Махачкалы. По данным МВД, погибли трое полицейских, ещё пятеро ранены. Следователи возбудили уголовное дело.';
  const page = (meta: string): string => `<html><head>${meta}<title>Нападение</title></head><body><article><p>${text}</p></article></body></html>`;
  const srv = await startServer({
    // KOI8-R declared by the header only.
    '/header': send(iconv.encode(page(''), 'koi8-r'), { 'content-type': 'text/html; charset=KOI8-R' }),
    // windows-1251 declared by the meta tag only.
    '/meta': send(iconv.encode(page('<meta charset="windows-1251">'), 'windows-1251'), { 'content-type': 'text/html' }),
    // KOI8-R declared nowhere.
    '/none': send(iconv.encode(page('<!-- another page -->'), 'koi8-r'), { 'content-type': 'text/html' }),
    // The header says UTF-8 (wrong: the bytes are windows-1251), the meta tag is right.
    '/wrong-header': send(iconv.encode(page('<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">'), 'windows-1251'), { 'content-type': 'text/html; charset=utf-8' }),
    // UTF-16LE without a mark, declared nowhere.
    '/utf16': send(iconv.encode(page(''), 'utf-16le'), { 'content-type': 'text/html' }),
  });
  try {
    await withStore(dbPath(), async (store, f) => {
      const events: UrlEvent[] = [];
      await ingestUrls(store, f, ['/header', '/meta', '/none', '/wrong-header', '/utf16'].map((p) => srv.origin + p), (e) => events.push(e), 2);
      for (const e of events) {
        assert.equal(e.status, 'stored', `${e.path}: ${e.error?.message}`);
        const doc = await store.getDocument(e.docId!);
        assert.ok(doc!.text.includes(text), e.path);
        assert.equal(doc!.meta.title, 'Нападение', e.path);
        assert.equal(e.notice, 'language ru: no extraction yet');
      }
    });
  } finally {
    await srv.close();
  }
});
