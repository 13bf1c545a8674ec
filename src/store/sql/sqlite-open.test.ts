import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { copyFileSync, mkdtempSync, rmSync, statSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import Database from 'better-sqlite3';
import { openWritable, storeError } from './sqlite-open.js';

/** As the store reports an opening failure to a user (src/store/sql/sqlite.ts maps every open through storeError). */
const damaged = (e: unknown): boolean => storeError(e, 'open').code === 'E_STORE_CORRUPT' && /damaged/.test(storeError(e, 'open').message);

const dir = mkdtempSync(join(tmpdir(), 'dossier-open-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** A small store of a few hundred pages, closed cleanly (no -wal left). */
function makeStore(name: string): string {
  const p = join(dir, name);
  const db = new Database(p);
  db.exec('CREATE TABLE t(x TEXT)');
  const ins = db.prepare('INSERT INTO t VALUES (?)');
  db.transaction(() => {
    for (let i = 0; i < 2_000; i++) ins.run('x'.repeat(500) + i);
  })();
  db.close();
  return p;
}

test('a store over the full-check size opens with the structural check alone', () => {
  const p = makeStore('whole.db');
  // A limit of 0 bytes: every store is "large" here, so this is the path a 9 GB store takes.
  const db = openWritable(p, 0);
  assert.equal((db.prepare('SELECT count(*) AS n FROM t').get() as { n: number }).n, 2_000);
  db.close();
});

test('a large store cut short is refused as damaged by the structural check, before anything is written', () => {
  const p = makeStore('cut.db');
  const cut = join(dir, 'cut-copy.db');
  copyFileSync(p, cut);
  truncateSync(cut, Math.floor(statSync(cut).size / 2));
  const size = statSync(cut).size;
  assert.throws(() => openWritable(cut, 0), damaged);
  assert.equal(statSync(cut).size, size, 'nothing was written');
});

test('a small store is still checked page by page (quick_check finds damage the structural check cannot)', () => {
  const p = makeStore('pages.db');
  const bad = join(dir, 'pages-bad.db');
  copyFileSync(p, bad);
  // Garbage over every page after the first: the file keeps its length, so only reading the pages finds it.
  const b = new Database(bad);
  const pageSize = b.pragma('page_size', { simple: true }) as number;
  b.close();
  const fd = Buffer.alloc(statSync(bad).size - pageSize, 0x5a);
  const h = fs.openSync(bad, 'r+');
  fs.writeSync(h, fd, 0, fd.length, pageSize);
  fs.closeSync(h);
  assert.throws(() => openWritable(bad), damaged);
});
