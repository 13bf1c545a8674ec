import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { send, startServer, type TestServer } from '../fetch/test-server.js';
import { runCli } from '../testing/cli.js';
import { REPO_ROOT } from '../testing/fixtures.js';
import { articlePage, rssFeed } from '../watch/test-pages.js';

const tmp = mkdtempSync(join(tmpdir(), 'dossier-webcli-'));
let srv: TestServer;
before(async () => {
  srv = await startServer({});
  for (let i = 0; i < 4; i++) srv.routes.set(`/news/${i}`, send(articlePage(i)));
  srv.routes.set('/fr', send(`<html><head><title>Attentat</title></head><body><article><p>${'Des hommes armés ont attaqué un poste de police dans la banlieue de la ville samedi soir, tuant deux agents et blessant un troisième, selon un communiqué du gouverneur. '.repeat(2)}</p></article></body></html>`));
  srv.routes.set('/rss.xml', send(rssFeed([2, 3].map((i) => ({ url: `${srv.origin}/news/${i}`, guid: `g${i}`, pubDate: `Tue, 0${i} Nov 2026 09:00:00 GMT` }))), { 'content-type': 'application/rss+xml' }));
});
after(async () => {
  await srv.close();
  rmSync(tmp, { recursive: true, force: true });
});
// No wait between requests to the test's own server (the default second each made this file wait ~9 s).
const ALLOW = ['--allow-private', '127.0.0.0/8', '--host-interval', '0'];

test('dossier ingest URL… with a path and a --urls list; the French page says it is not read', async () => {
  const db = join(tmp, 'a.db');
  const list = join(tmp, 'urls.txt');
  writeFileSync(list, `# two pages\n${srv.origin}/news/1?utm_source=x\n\n${srv.origin}/fr  # French\n`);
  const r = await runCli('ingest', `${srv.origin}/news/0`, join(REPO_ROOT, 'samples', '09-kerch-bridge.txt'), '--urls', list, '--db', db, ...ALLOW);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /stored {2}http:\/\/127\.0\.0\.1:\d+\/news\/0 {2}\(\d+ incidents?/);
  assert.match(r.out, /stored {2}\S+\/fr {2}\(language fr: no extraction yet\)/);
  assert.match(r.out, /^4 stored, 0 unchanged, 0 failed/m);
  const shown = await runCli('show', `${srv.origin}/fr`, '--db', db);
  assert.equal(shown.code, 0, shown.err);
  assert.match(shown.out, /language: {3}fr — language fr: no extraction yet/);
  assert.match(shown.out, /incidents: {2}none \(language fr: no extraction yet\)/);
  const again = await runCli('ingest', `${srv.origin}/news/0#x`, '--db', db, ...ALLOW);
  assert.match(again.out, /^unchanged/m);
});

test('without --allow-private, 127.0.0.1 is refused and the run fails with the reason', async () => {
  const r = await runCli('ingest', `${srv.origin}/news/0`, '--db', join(tmp, 'b.db'));
  assert.equal(r.code, 1);
  assert.match(r.err, /E_FETCH_BLOCKED.*127\.0\.0\.1 is loopback/);
});

test('dossier watch --once, then with no source follows the stored feeds; reprocess keeps incidents', async () => {
  const db = join(tmp, 'c.db');
  const first = await runCli('watch', `${srv.origin}/rss.xml`, '--once', '--db', db, ...ALLOW);
  assert.equal(first.code, 0, first.err);
  assert.match(first.out, /poll {2}\S+rss\.xml {2}\(rss: 2 items, 2 new\)/);
  const second = await runCli('watch', '--once', '--db', db, ...ALLOW);
  assert.match(second.out, /rss: 2 items, 0 new|not modified/);
  const rp = await runCli('reprocess', '--force', '--db', db);
  assert.equal(rp.code, 0, rp.err);
  assert.match(rp.out, /^2 reprocessed, 0 skipped, 0 failed of 2; incidents (\d+) → \1, \1 kept/m);
});

test('usage errors name the bad value', async () => {
  assert.match((await runCli('watch', `${srv.origin}/rss.xml`, '--every', 'often', '--db', join(tmp, 'd.db'))).err, /--every takes a duration like 15m/);
  assert.match((await runCli('watch', '/etc/passwd', '--db', join(tmp, 'd.db'))).err, /not "\/etc\/passwd"/);
  assert.match((await runCli('ingest', `${srv.origin}/x`, '--allow-private', 'everything', '--db', join(tmp, 'd.db'))).err, /not "everything"/);
  assert.match((await runCli('reprocess', '--since-version', 'v2', '--db', join(tmp, 'd.db'))).err, /not "v2"/);
  assert.match((await runCli('ingest', `${srv.origin}/x`, '--host-interval', 'soon', '--db', join(tmp, 'd.db'))).err, /--host-interval takes a duration like 15m, 30s or 2h, not "soon"/);
});

test('dossier watch without --once stops on SIGINT after the item being ingested, and exits 0', async () => {
  const { spawn } = await import('node:child_process');
  const { CLI } = await import('../testing/fixtures.js');
  const slow = await startServer({});
  for (let i = 0; i < 3; i++) {
    slow.routes.set(`/news/${i}`, (_q, res) => {
      setTimeout(() => res.writeHead(200, { 'content-type': 'text/html' }).end(articlePage(i + 3)), 300);
    });
  }
  slow.routes.set('/rss.xml', send(rssFeed([0, 1, 2].map((i) => ({ url: `${slow.origin}/news/${i}`, guid: `s${i}` }))), { 'content-type': 'application/rss+xml' }));
  const db = join(tmp, 'sigint.db');
  try {
    const child = spawn(process.execPath, [CLI, 'watch', `${slow.origin}/rss.xml`, '--every', '1h', '--concurrency', '1', '--db', db, ...ALLOW], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const code = await new Promise<number | null>((resolveExit) => {
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        // The first page is stored: stop now, while the second is being fetched.
        if (/^stored/m.test(out) && !child.killed) child.kill('SIGINT');
      });
      child.on('exit', (c) => resolveExit(c));
    });
    assert.equal(code, 0, err);
    assert.match(err, /stopping after the items being ingested/);
    const stored = out.match(/^stored/gm)?.length ?? 0;
    assert.ok(stored >= 1 && stored <= 2, `stored ${stored}: the item in flight finishes, no new one starts\n${out}`);
    assert.match(out, /1 polls; \d new items/);
    // The next run picks up what was left, and nothing twice.
    const rest = await runCli('watch', '--once', '--db', db, ...ALLOW);
    assert.equal((rest.out.match(/^stored/gm)?.length ?? 0) + stored, 3, rest.out);
  } finally {
    await slow.close();
  }
});
