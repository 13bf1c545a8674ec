import assert from 'node:assert/strict';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { DossierError } from '../model/index.js';
import { Fetcher, retryAfterMs, type FetchOptions } from './fetcher.js';
import { send, startServer, type Handler, type TestServer } from './test-server.js';

const PAGE = '<html><head><title>t</title></head><body><p>Body text.</p></body></html>';
const coded = (code: string) => (e: unknown): boolean => e instanceof DossierError && e.code === code;

async function withServer(routes: Record<string, Handler>, opts: FetchOptions, fn: (srv: TestServer, f: Fetcher) => Promise<void>): Promise<void> {
  const srv = await startServer(routes);
  const f = new Fetcher({ allowPrivate: ['127.0.0.0/8'], hostIntervalMs: 0, backoffMs: 10, ...opts });
  try {
    await fn(srv, f);
  } finally {
    await f.close();
    await srv.close();
  }
}

test('a page is fetched with an identifying User-Agent, and the header charset is reported', () =>
  withServer({ '/p': send(PAGE, { 'content-type': 'text/html; charset=KOI8-R' }) }, { robots: false }, async (srv, f) => {
    const r = await f.get(`${srv.origin}/p`);
    assert.equal(r.status, 200);
    assert.equal(r.bytes.toString(), PAGE);
    assert.equal(r.charset, 'koi8-r');
    assert.match(String(srv.log[0]!.headers['user-agent']), /^Dossier\/\d+\.\d+\.\d+ \(\+\S+\)$/);
  }));

test('redirects are followed to the final URL, each hop recorded', () =>
  withServer({ '/a': send('', { location: '/b' }, 301), '/b': send('', { location: '/c?x=1' }, 302), '/c': send(PAGE) }, { robots: false }, async (srv, f) => {
    const r = await f.get(`${srv.origin}/a`);
    assert.equal(r.url, `${srv.origin}/c?x=1`);
    assert.deepEqual(r.redirects, [`${srv.origin}/b`, `${srv.origin}/c?x=1`]);
  }));

test('a redirect loop ends with a clear error', () =>
  withServer({ '/loop': send('', { location: '/loop' }, 302) }, { robots: false, maxRedirects: 3 }, async (srv, f) => {
    await assert.rejects(f.get(`${srv.origin}/loop`), (e) => coded('E_FETCH')(e) && /more than 3 redirects/.test((e as Error).message));
  }));

test('a slow server times out: before the headers, and while the body trickles in', () => {
  const slowHead: Handler = async (_q, res) => {
    await new Promise((r) => setTimeout(r, 1500));
    res.end(PAGE);
  };
  const slowBody: Handler = async (_q, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.write('<html><body>');
    await new Promise((r) => setTimeout(r, 1500));
    res.end('</body></html>');
  };
  return withServer({ '/head': slowHead, '/body': slowBody }, { robots: false, timeoutMs: 300 }, async (srv, f) => {
    const t0 = Date.now();
    await assert.rejects(f.get(`${srv.origin}/head`), coded('E_FETCH_TIMEOUT'));
    await assert.rejects(f.get(`${srv.origin}/body`), coded('E_FETCH_TIMEOUT'));
    assert.ok(Date.now() - t0 < 1400, 'timeouts are not retried');
  });
});

test('a huge response is cut off at the cap while streaming, declared or not, compressed or not', () => {
  const chunk = Buffer.alloc(64 * 1024, 'a');
  const endless: Handler = async (req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    // Far more than the cap, written as fast as the socket takes it; the client must hang up first.
    for (let i = 0; i < 200 && !res.destroyed; i++) {
      if (!res.write(chunk)) await new Promise((r) => res.once('drain', r).once('close', r));
    }
    res.end();
    void req;
  };
  const bomb = gzipSync(Buffer.alloc(20 * 1024 * 1024, 0x20));
  return withServer(
    { '/endless': endless, '/declared': send(Buffer.alloc(300_000, 'b'), { 'content-length': '300000' }), '/bomb': send(bomb, { 'content-encoding': 'gzip', 'content-type': 'text/html' }) },
    { robots: false, maxBytes: 100_000 },
    async (srv, f) => {
      await assert.rejects(f.get(`${srv.origin}/endless`), coded('E_FETCH_TOO_LARGE'));
      await assert.rejects(f.get(`${srv.origin}/declared`), coded('E_FETCH_TOO_LARGE'));
      await assert.rejects(f.get(`${srv.origin}/bomb`), coded('E_FETCH_TOO_LARGE'));
    },
  );
});

test('gzip and brotli bodies are decompressed', () =>
  withServer({ '/gz': send(gzipSync(PAGE), { 'content-encoding': 'gzip' }) }, { robots: false }, async (srv, f) => {
    assert.equal((await f.get(`${srv.origin}/gz`)).bytes.toString(), PAGE);
  }));

test('429 with Retry-After is retried no sooner than the server asked', () => {
  let n = 0;
  const limited: Handler = (_q, res) => {
    if (n++ === 0) res.writeHead(429, { 'retry-after': '1' }).end();
    else res.end(PAGE);
  };
  return withServer({ '/p': limited }, { robots: false }, async (srv, f) => {
    const r = await f.get(`${srv.origin}/p`);
    assert.equal(r.attempts, 2);
    assert.ok(srv.log[1]!.at - srv.log[0]!.at >= 950, `waited ${srv.log[1]!.at - srv.log[0]!.at} ms`);
  });
});

test('503 then success: retried with backoff; a server that keeps failing gives up after the retries', () => {
  let n = 0;
  const flaky: Handler = (_q, res) => {
    if (n++ < 2) res.writeHead(503).end();
    else res.end(PAGE);
  };
  return withServer({ '/flaky': flaky, '/down': send('', {}, 503), '/404': send('', {}, 404) }, { robots: false, retries: 2 }, async (srv, f) => {
    const r = await f.get(`${srv.origin}/flaky`);
    assert.equal(r.attempts, 3);
    await assert.rejects(f.get(`${srv.origin}/down`), (e) => coded('E_FETCH_HTTP')(e) && /503 after 3 attempts/.test((e as Error).message));
    const before = srv.log.length;
    await assert.rejects(f.get(`${srv.origin}/404`), coded('E_FETCH_HTTP'));
    assert.equal(srv.log.length - before, 1, 'a 404 is not retried');
  });
});

test('a Retry-After beyond what we wait fails at once and says so', () =>
  withServer({ '/p': send('', { 'retry-after': '3600' }, 429) }, { robots: false }, async (srv, f) => {
    await assert.rejects(f.get(`${srv.origin}/p`), (e) => coded('E_FETCH_HTTP')(e) && /retry after 3600 s/.test((e as Error).message));
    assert.equal(srv.log.length, 1);
  }));

test('conditional GET: the ETag and Last-Modified are sent back, and 304 means not modified', () => {
  const lm = 'Wed, 21 Oct 2026 07:28:00 GMT';
  const cond: Handler = (req, res) => {
    if (req.headers['if-none-match'] === '"v1"' || req.headers['if-modified-since'] === lm) return void res.writeHead(304).end();
    res.writeHead(200, { etag: '"v1"', 'last-modified': lm, 'content-type': 'text/html' }).end(PAGE);
  };
  return withServer({ '/p': cond }, { robots: false }, async (srv, f) => {
    const first = await f.get(`${srv.origin}/p`);
    assert.equal(first.etag, '"v1"');
    assert.equal(first.lastModified, lm);
    const again = await f.get(`${srv.origin}/p`, { etag: first.etag, lastModified: first.lastModified });
    assert.equal(again.notModified, true);
    assert.equal(again.bytes.length, 0);
    assert.equal(srv.log[1]!.headers['if-none-match'], '"v1"');
    assert.equal(srv.log[1]!.headers['if-modified-since'], lm);
  });
});

test('robots.txt: our group is obeyed, a disallowed path is never requested, robots.txt is read once per host', () =>
  withServer(
    { '/robots.txt': send('User-agent: *\nDisallow: /\n\nUser-agent: Dossier\nDisallow: /private\nDisallow: /nodossier\n', { 'content-type': 'text/plain' }), '/open': send(PAGE), '/private/x': send(PAGE), '/nodossier': send(PAGE) },
    {},
    async (srv, f) => {
      await f.get(`${srv.origin}/open`);
      await assert.rejects(f.get(`${srv.origin}/private/x`), coded('E_FETCH_ROBOTS'));
      await assert.rejects(f.get(`${srv.origin}/nodossier`), coded('E_FETCH_ROBOTS'));
      assert.deepEqual(srv.log.map((l) => l.path), ['/robots.txt', '/open']);
    },
  ));

test('robots.txt answering 5xx allows nothing; 404 allows everything', async () => {
  await withServer({ '/robots.txt': send('', {}, 500), '/p': send(PAGE) }, { retries: 0 }, async (srv, f) => {
    await assert.rejects(f.get(`${srv.origin}/p`), coded('E_FETCH_ROBOTS'));
  });
  await withServer({ '/p': send(PAGE) }, {}, async (srv, f) => {
    assert.equal((await f.get(`${srv.origin}/p`)).status, 200);
  });
});

test('requests to one host are spaced by the host interval, even when asked for at once', () =>
  withServer({ '*': send(PAGE) }, { robots: false, hostIntervalMs: 150 }, async (srv, f) => {
    await Promise.all([1, 2, 3].map((i) => f.get(`${srv.origin}/p${i}`)));
    const at = srv.log.map((l) => l.at);
    assert.ok(at[1]! - at[0]! >= 140 && at[2]! - at[1]! >= 140, `gaps ${at[1]! - at[0]!} ${at[2]! - at[1]!}`);
  }));

test('Retry-After reads seconds and HTTP dates', () => {
  assert.equal(retryAfterMs('5'), 5000);
  assert.equal(retryAfterMs(new Date(10_000).toUTCString(), 4_000), 6000);
  assert.equal(retryAfterMs('soon'), null);
  assert.equal(retryAfterMs(null), null);
});
