import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { ingestPaths } from '../pipeline/index.js';
import { openStore, type Store } from '../store/index.js';
import { REPO_ROOT } from '../testing/fixtures.js';
import { freshDatabase, pgUnavailable } from '../testing/pg.js';
import { createApp } from './app.js';

/**
 * Reads answered again under the store's revision (answer-cache.ts): the same bytes without asking
 * the store, a 304 for the ETag, and a fresh answer after any write, including one made through
 * another connection (another worker, `dossier ingest`, a queue worker).
 */

const sample = (name: string): string => join(REPO_ROOT, 'samples', name);
const dirs: string[] = [];
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** The store, counting the page reads the list makes (a kept answer makes none). */
function counting(store: Store): { store: Store; pages: () => number } {
  let n = 0;
  const proxy = new Proxy(store, {
    get(target, key) {
      const v = Reflect.get(target, key) as unknown;
      if (typeof v !== 'function') return v;
      if (key === 'incidentIdPageByDate') return (...a: unknown[]) => (n++, (v as (...x: unknown[]) => unknown).apply(target, a));
      return (v as (...x: unknown[]) => unknown).bind(target);
    },
  });
  return { store: proxy, pages: () => n };
}

const BACKENDS: [string, () => Promise<{ url: string; done: () => Promise<void> } | null>][] = [
  ['sqlite', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dossier-answers-'));
    dirs.push(dir);
    return { url: join(dir, 'a.db'), done: async () => undefined };
  }],
  ['postgres', async () => {
    if (await pgUnavailable()) return null;
    const db = await freshDatabase('answers');
    return { url: db.url, done: db.drop };
  }],
];

for (const [name, make] of BACKENDS) {
  describe(`answers kept under the store's revision (${name})`, () => {
    test('a repeated read is the same bytes without the store; a write from another connection makes it afresh', async (t) => {
      const target = await make();
      if (!target) return t.skip('PostgreSQL is not reachable');
      const base = await openStore(target.url);
      const other = await openStore(target.url);
      try {
        assert.equal((await ingestPaths(base, [sample('03-manchester-arena.txt')], () => undefined)).failed, 0);
        const { store, pages } = counting(base);
        const app = createApp({ store, host: '127.0.0.1', webDir: null });
        const first = await app.request('/api/incidents?limit=5');
        const firstBody = await first.text();
        const etag = first.headers.get('etag');
        assert.equal(first.status, 200);
        assert.ok(etag, 'an ETag');
        assert.equal(pages(), 1);
        const again = await app.request('/api/incidents?limit=5');
        assert.equal(await again.text(), firstBody);
        assert.equal(again.headers.get('etag'), etag);
        assert.equal(pages(), 1, 'the kept answer, not a second read');
        const unchanged = await app.request('/api/incidents?limit=5', { headers: { 'if-none-match': etag! } });
        assert.equal(unchanged.status, 304);
        // Another query is another answer.
        await app.request('/api/incidents?limit=4');
        assert.equal(pages(), 2);
        // A write through another connection moves the revision: the list is read again and shows it.
        assert.equal((await ingestPaths(other, [sample('12-nice-truck-attack.txt')], () => undefined)).failed, 0);
        const after = await app.request('/api/incidents?limit=5', { headers: { 'if-none-match': etag! } });
        assert.equal(after.status, 200, 'the old ETag is not current after a write');
        assert.notEqual(after.headers.get('etag'), etag);
        assert.notEqual(await after.text(), firstBody);
        assert.equal(pages(), 3);
      } finally {
        await other.close();
        await base.close();
        await target.done();
      }
    });

    test('a read that needs a token is refused before any kept answer is served; who asks is never kept', async (t) => {
      const target = await make();
      if (!target) return t.skip('PostgreSQL is not reachable');
      const store = await openStore(target.url);
      try {
        assert.equal((await ingestPaths(store, [sample('03-manchester-arena.txt')], () => undefined)).failed, 0);
        const token = (await store.createToken('bob', 'reader')).token;
        const app = createApp({ store, host: '127.0.0.1', webDir: null, requireAuth: true });
        const auth = { authorization: `Bearer ${token}` };
        assert.equal((await app.request('/api/incidents', { headers: auth })).status, 200);
        assert.equal((await app.request('/api/incidents')).status, 401);
        const who = (await (await app.request('/api/session', { headers: auth })).json()) as { authenticated: boolean; name: string | null };
        const nobody = (await (await app.request('/api/session')).json()) as { authenticated: boolean; name: string | null };
        assert.deepEqual([who.authenticated, who.name], [true, 'bob']);
        assert.deepEqual([nobody.authenticated, nobody.name], [false, null]);
      } finally {
        await store.close();
        await target.done();
      }
    });
  });
}
