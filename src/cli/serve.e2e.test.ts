import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { openStore } from '../store/index.js';
import { CLI } from '../testing/fixtures.js';
import { runCli } from '../testing/cli.js';

/** `dossier serve` as a user runs it: a real process, its printed address, a clean stop on SIGTERM. */

let dir: string;
let db: string;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'dossier-serve-'));
  db = join(dir, 'store.db');
  await (await openStore(db)).close();
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('serve prints its address, answers the API and the page, and stops cleanly on SIGTERM', async () => {
  const child = spawn(process.execPath, [CLI, 'serve', '--db', db, '--port', '0', '--web', join(dir, 'none')], { stdio: ['ignore', 'pipe', 'pipe'] });
  // --web names a folder without index.html: refused before anything listens.
  const code0 = await new Promise<number | null>((r) => child.on('exit', r));
  assert.equal(code0, 3);

  const t0 = Date.now();
  const p = spawn(process.execPath, [CLI, 'serve', '--db', db, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    p.stdout.on('data', (d: Buffer) => {
      out += String(d);
      const m = /at (http:\/\/127\.0\.0\.1:\d+)\//.exec(out);
      if (m) resolve(m[1]!);
    });
    p.on('exit', (c) => reject(new Error(`serve exited ${c}: ${out}`)));
  });
  const ms = Date.now() - t0;
  assert.match(out, /reads are open on this machine/);
  const list = (await (await fetch(`${url}/api/incidents`)).json()) as { incidents: unknown[] };
  assert.deepEqual(list.incidents, []);
  const page = await fetch(`${url}/`);
  assert.equal(page.status, 200);
  assert.ok(page.headers.get('content-security-policy'));
  const exit = new Promise<number | null>((r) => p.on('exit', r));
  p.kill('SIGTERM');
  assert.equal(await exit, 0);
  // Generous for a loaded machine; on the demo store it starts in about 0.75 s (docs/api.md).
  assert.ok(ms < 10_000, `started in ${ms} ms`);
});

test('serve refuses a missing store, a bad port and a port in use, with the usual exit codes', async () => {
  const missing = await runCli('serve', '--db', join(dir, 'absent.db'), '--port', '0');
  assert.equal(missing.code, 3);
  assert.match(missing.err, /no database here yet/);
  const bad = await runCli('serve', '--db', db, '--port', '99999');
  assert.equal(bad.code, 2);
  assert.match(bad.err, /--port/);
  const busy = createServer();
  await new Promise<void>((r) => busy.listen(0, '127.0.0.1', () => r()));
  const port = (busy.address() as { port: number }).port;
  try {
    const inUse = await runCli('serve', '--db', db, '--port', String(port));
    assert.equal(inUse.code, 2);
    assert.match(inUse.err, /in use/);
  } finally {
    busy.close();
  }
});

test('help lists serve', async () => {
  const h = await runCli('help');
  assert.match(h.out, /^ {2}serve +the web app at \/ and the JSON API at \/api\//m);
  const s = await runCli('serve', '--help');
  for (const o of ['--db FILE|URL', '--port PORT', '--host HOST', '--require-auth', '--web DIR']) assert.ok(s.out.includes(o), o);
  assert.match(s.out, /default 8080/);
  assert.match(s.out, /default 127\.0\.0\.1/);
});
