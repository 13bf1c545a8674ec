import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { runCli } from '../testing/cli.js';
import { CLI, fixturePath } from '../testing/fixtures.js';

/**
 * Regressions from issue 9: the CLI never loses or damages what the user gave. Each test failed
 * on the code before the fix.
 */

let dir: string;
let store: string;
/** `dossier ARGS…` in this process, through the binary's error mapping (src/testing/cli.ts); the tests that need a real process spawn one and say why. */
const run = runCli;
const sha = (p: string): string => createHash('sha256').update(readFileSync(p)).digest('hex');

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'dossier-safety-'));
  mkdirSync(join(dir, 'in'));
  copyFileSync(fixturePath('extract', 'fixtures', 'kabul-airport.txt'), join(dir, 'in', 'kabul.txt'));
  store = join(dir, 'store.db');
  assert.equal((await run('ingest', join(dir, 'in'), '--db', store)).code, 0);
});
after(() => rmSync(dir, { recursive: true, force: true }));

/** Short distinct reports, so two batches can be ingested at once quickly. */
function batch(name: string, n: number): string {
  const d = join(dir, name);
  mkdirSync(d);
  const cities = ['Kabul', 'Mosul', 'Lagos', 'Mogadishu', 'Peshawar', 'Aleppo'];
  for (let i = 0; i < n; i++) {
    const day = (i % 27) + 1;
    const city = cities[i % cities.length]!;
    writeFileSync(join(d, `${String(i).padStart(3, '0')}.txt`),
      `${day} March 2021\n\nAttack in ${city}\n\nOn ${day} March 2021, gunmen killed ${i + 2} people in ${city}, police said. Reference ${name}-${i}.\n`);
  }
  return d;
}

test('regression: two ingests into one store at once both store every document (before: "database is locked")', async () => {
  const db = join(dir, 'concurrent.db');
  const a = batch('conc-a', 80);
  const b = batch('conc-b', 80);
  // Two real processes: the lock they once failed on is between processes, each with its own connection.
  const ingest = (p: string): Promise<{ code: number; out: string; err: string }> => new Promise((done) => {
    const c = spawn(process.execPath, [CLI, 'ingest', p, '--db', db], { cwd: dir });
    let out = '';
    let err = '';
    c.stdout.on('data', (x: Buffer) => (out += x.toString()));
    c.stderr.on('data', (x: Buffer) => (err += x.toString()));
    c.on('exit', (code) => done({ code: code ?? -1, out, err }));
  });
  const [ra, rb] = await Promise.all([ingest(a), ingest(b)]);
  assert.equal(ra.code, 0, ra.err);
  assert.equal(rb.code, 0, rb.err);
  assert.match(ra.out, /80 stored, 0 unchanged, 0 failed/);
  assert.match(rb.out, /80 stored, 0 unchanged, 0 failed/);
  // Every document of both batches is in the store.
  assert.match((await run('ingest', a, b, '--db', db)).out, /0 stored, 160 unchanged, 0 failed/);
});

test('ingest commits a batch per transaction: a kill loses at most the open batch, and a re-run stores it once', async () => {
  const docs = batch('batched', 40);
  const killed = join(dir, 'batched-killed.db');
  // A real process, because it is killed: what SIGKILL leaves in the store is the point.
  const c = spawn(process.execPath, [CLI, 'ingest', docs, '--db', killed, '--batch', '10'], { cwd: dir });
  let seen = 0;
  await new Promise<void>((done) => {
    c.stdout.on('data', (x: Buffer) => {
      seen += (x.toString().match(/^stored/gm) ?? []).length;
      if (seen >= 15 && !c.killed) c.kill('SIGKILL');
    });
    c.on('exit', () => done());
  });
  const Database = (await import('better-sqlite3')).default;
  const count = (db: string, sql: string): number => {
    const d = new Database(db, { readonly: true });
    try {
      return (d.prepare(sql).get() as { n: number }).n;
    } finally {
      d.close();
    }
  };
  const stored = count(killed, 'SELECT count(*) AS n FROM documents');
  // A document is reported stored only once its batch is committed; the open batch is lost whole.
  assert.ok(stored >= seen, `every document reported stored is stored (${stored} of ${seen})`);
  assert.equal(stored % 10, 0, `whole batches only (${stored})`);
  assert.equal(count(killed, 'SELECT count(*) AS n FROM documents d WHERE NOT EXISTS (SELECT 1 FROM reports r WHERE r.doc_id = d.id)'), 0);
  const again = await run('ingest', docs, '--db', killed, '--batch', '10');
  assert.equal(again.code, 0, again.err);
  assert.match(again.out, new RegExp(`${40 - stored} stored, ${stored} unchanged, 0 failed`));
  // The same store as one uninterrupted run: no document, report or incident twice.
  const whole = join(dir, 'batched-whole.db');
  assert.equal((await run('ingest', docs, '--db', whole)).code, 0);
  for (const sql of ['SELECT count(*) AS n FROM documents', 'SELECT count(*) AS n FROM reports', 'SELECT count(DISTINCT incident_id) AS n FROM reports', 'SELECT count(*) AS n FROM claims']) {
    assert.equal(count(killed, sql), count(whole, sql), sql);
  }
});

test('regression: demo --db refuses a store it did not make, and a text file; --force replaces it', async () => {
  const before = sha(store);
  const r = await run('demo', '--db', store);
  assert.equal(r.code, 2, r.err);
  assert.match(r.err, /the demo did not make.*--force/s);
  assert.equal(sha(store), before, 'the store is untouched');
  const notes = join(dir, 'notes.txt');
  writeFileSync(notes, 'my notes\n');
  const t = await run('demo', '--db', notes);
  assert.equal(t.code, 2);
  assert.match(t.err, /not a SQLite file/);
  assert.equal(readFileSync(notes, 'utf8'), 'my notes\n');
  // A store the demo made may be replaced by the next demo; --force replaces anything.
  const demo = join(dir, 'demo.db');
  assert.equal((await run('demo', '--db', demo)).code, 0);
  assert.equal((await run('demo', '--db', demo)).code, 0);
  assert.equal((await run('demo', '--db', notes, '--force')).code, 0);
  assert.match((await run('incidents', '--db', notes)).out, /incidents/);
});

test('regression: export --out refuses the store it reads and any database; a missing folder is a clear error', async () => {
  const before = sha(store);
  const self = await run('export', '--format', 'gtd', '--db', store, '--out', store);
  assert.equal(self.code, 5, self.err);
  assert.match(self.err, /store being read.*\[E_OUTPUT\]/);
  assert.equal(sha(store), before);
  const other = join(dir, 'other.db');
  copyFileSync(store, other);
  const o = await run('export', '--format', 'jsonl', '--db', store, '--out', other);
  assert.equal(o.code, 5);
  assert.match(o.err, /SQLite database: refusing/);
  assert.equal(sha(other), before);
  const missing = await run('export', '--format', 'gtd', '--db', store, '--out', join(dir, 'no', 'such', 'dir', 'x.csv'));
  assert.equal(missing.code, 5);
  assert.match(missing.err, /does not exist: create it first \[E_OUTPUT\]/);
  assert.doesNotMatch(missing.err, /\n\s+at /, 'no stack trace');
  // A plain file is written whole, through a temporary file that does not stay behind.
  const csv = join(dir, 'out.csv');
  writeFileSync(csv, 'old contents');
  assert.equal((await run('export', '--format', 'gtd', '--db', store, '--out', csv)).code, 0);
  assert.match(readFileSync(csv, 'utf8'), /^eventid,/);
  assert.deepEqual(readdirSync(dir).filter((f) => f.endsWith('.tmp')), []);
});

test('regression: a damaged store gives a coded store error (exit 4) on every command, and nothing is written into it', async () => {
  const bad = join(dir, 'damaged.db');
  copyFileSync(store, bad);
  // Keep page 1 (the schema) and overwrite every later page: each table's pages are garbage.
  const size = statSync(bad).size;
  const fd = openSync(bad, 'r+');
  writeSync(fd, Buffer.alloc(size - 4096, 0x5a), 0, size - 4096, 4096);
  closeSync(fd);
  const before = sha(bad);
  for (const args of [['incidents'], ['export', '--format', 'gtd'], ['conflicts'], ['entities'], ['show', '1'], ['claims']]) {
    const r = await run(...args, '--db', bad);
    assert.equal(r.code, 4, `${args[0]}: ${r.err}`);
    assert.match(r.err, /damaged.*\[E_STORE_CORRUPT\]/s, args[0]);
    assert.doesNotMatch(r.err, /\n\s+at /, 'no stack trace');
  }
  const w = await run('ingest', join(dir, 'conc-a', '000.txt'), '--db', bad);
  assert.equal(w.code, 4, w.err);
  assert.match(w.err, /damaged.*nothing was written/s);
  assert.equal(sha(bad), before, 'ingest wrote nothing into the damaged store');
});

test('regression: a store in a read-only folder can be read', (t) => {
  const ro = join(dir, 'readonly');
  mkdirSync(ro);
  const db = join(ro, 'store.db');
  copyFileSync(store, db);
  // Root can write anywhere: run the reads as nobody, who can't (setpriv comes with util-linux). A
  // real process for that reason: another user is another process.
  const asRoot = process.getuid?.() === 0;
  if (asRoot && spawnSync('setpriv', ['--version']).status !== 0) return t.skip('running as root without setpriv');
  chmodSync(dir, 0o755);
  chmodSync(ro, 0o555);
  chmodSync(db, 0o444);
  const reader = (...args: string[]): { code: number; out: string; err: string } => {
    const cmd = asRoot ? 'setpriv' : process.execPath;
    const argv = asRoot ? ['--reuid', '65534', '--regid', '65534', '--clear-groups', process.execPath, CLI, ...args] : [CLI, ...args];
    const r = spawnSync(cmd, argv, { encoding: 'utf8', cwd: ro });
    return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
  };
  try {
    const r = reader('incidents', '--db', db);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /Kabul/);
    assert.equal(reader('export', '--format', 'jsonl', '--db', db).code, 0);
    assert.ok(!existsSync(`${db}-wal`));
    // Writing is refused with a store error, not a crash.
    const w = reader('ingest', join(dir, 'in', 'kabul.txt'), '--db', db);
    assert.equal(w.code, 4, w.err);
  } finally {
    chmodSync(ro, 0o755);
  }
});

test('regression: --to 2021-08 keeps an incident of 26 August 2021, in incidents and export', async () => {
  const list = JSON.parse((await run('incidents', '--db', store, '--from', '2021-08', '--to', '2021-08', '--json')).out) as { label: string }[];
  assert.ok(list.some((i) => /Abbey Gate/.test(i.label)), JSON.stringify(list.map((i) => i.label)));
  const csv = (await run('export', '--format', 'gtd', '--db', store, '--to', '2021-08')).out;
  assert.match(csv, /Kabul/);
  assert.doesNotMatch((await run('export', '--format', 'gtd', '--db', store, '--to', '2021-07')).out, /Kabul/);
  assert.equal((await run('incidents', '--db', store, '--from', '2021-09', '--to', '2021-08')).code, 2);
});
