import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { runCli } from '../testing/cli.js';
import { CLI, fixturePath } from '../testing/fixtures.js';

/**
 * The CLI end to end. Commands run in this process through the binary's own error mapping
 * (src/testing/cli.ts): a spawned CLI paid Node's start-up and the model loads on every call. The
 * tests that need the real binary say why they spawn it.
 */
let dir: string;
let db: string;
const run = runCli;

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'dossier-cli-'));
  db = join(dir, 'test.db');
  mkdirSync(join(dir, 'in', 'nested'), { recursive: true });
  copyFileSync(fixturePath('extract', 'fixtures', 'kabul-airport.txt'), join(dir, 'in', 'kabul.txt'));
  copyFileSync(fixturePath('extract', 'fixtures', 'commentary.txt'), join(dir, 'in', 'nested', 'commentary.md'));
  writeFileSync(join(dir, 'in', 'empty.txt'), '');
  writeFileSync(join(dir, 'in', 'binary.txt'), Buffer.from([0, 1, 2, 3, 0, 255, 254, 0, 0, 7]));
  writeFileSync(join(dir, 'in', 'ignored.pdf'), 'not read: not an input extension');
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('ingest: folders recursively; bad inputs named with a reason; the rest stored; exit code 1', async () => {
  const r = await run('ingest', join(dir, 'in'), join(dir, 'missing.txt'), '--db', db);
  assert.equal(r.code, 1, r.err);
  assert.match(r.err, /empty\.txt.*\[?E_INPUT_EMPTY|E_INPUT_EMPTY.*empty\.txt/);
  assert.match(r.err, /binary\.txt/);
  assert.match(r.err, /missing\.txt/);
  assert.match(r.out, /stored\s+.*kabul\.txt/);
  assert.match(r.out, /2 stored, 0 unchanged, 3 failed/);
});

test('ingest again: unchanged content is a no-op', async () => {
  const r = await run('ingest', join(dir, 'in', 'kabul.txt'), '--db', db);
  assert.equal(r.code, 0);
  assert.match(r.out, /0 stored, 1 unchanged/);
});

test('incidents: table and JSON, with filters', async () => {
  const t = await run('incidents', '--db', db);
  assert.equal(t.code, 0);
  assert.match(t.out, /suicide bombing/);
  const j = await run('incidents', '--db', db, '--json', '--country', 'AF', '--from', '2021-08-26', '--to', '2021-08-26');
  const list = JSON.parse(j.out) as { incident_id: number; type: { kind: string } }[];
  assert.equal(list.length, 1);
  assert.equal(list[0]!.type.kind, 'suicide_bombing');
  assert.equal(JSON.parse((await run('incidents', '--db', db, '--json', '--text', 'drone')).out).length, 1);
  assert.equal((await run('incidents', '--db', db, '--from', 'yesterday')).code, 2);
});

test('show: every field with its words and offsets', async () => {
  const r = await run('show', '1', '--db', db);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /date\s+2021-08-26/);
  assert.match(r.out, /← \[\d+-\d+\] “August 26”/);
  assert.match(r.out, /killed \(attackers\)\s+1/);
  assert.equal((await run('show', '999', '--db', db)).code, 3);
});

test('export: gtd CSV with codebook columns and conventions, plover and jsonl records', async () => {
  const out = join(dir, 'gtd.csv');
  assert.equal((await run('export', '--format', 'gtd', '--db', db, '--out', out)).code, 0);
  const [head, ...rows] = readFileSync(out, 'utf8').trim().split('\n');
  const { GTD_COLUMNS } = await import('../export/index.js');
  assert.equal(head, GTD_COLUMNS.join(','));
  const first = rows[0]!;
  // eventid: the date and four digits from the stable incident id (1: "0010"), then the numeric twin of each _txt column.
  assert.match(first, /^202108260010,2021,8,26,,4,Afghanistan,6,South Asia,Kabul,Kabul,/);
  assert.match(first, /,3,Bombing\/Explosion,/);
  assert.match(first, /,171,1,150,/); // nkill counts the attacker, nkillter the attacker alone
  const plover = (await run('export', '--format', 'plover', '--db', db)).out.trim().split('\n').map((l) => JSON.parse(l));
  assert.deepEqual(plover[0].event, ['ASSAULT']);
  assert.deepEqual(plover[0].mode, ['suicide-attack']);
  assert.equal(plover[0].size.dead, 171);
  assert.equal(plover[0].event_loc.resolved_place.country_code, 'AF');
  assert.equal(plover[0].event_loc.resolved_place.cc3, 'AFG');
  const jsonl = (await run('export', '--format', 'jsonl', '--db', db)).out.trim().split('\n').map((l) => JSON.parse(l));
  assert.ok(jsonl[0].reports[0].date.quotes.includes('August 26'));
  assert.equal((await run('export', '--format', 'csv', '--db', db)).code, 2);
});

test('export streams: --out, stdout and the in-process export give the same bytes for every format', async () => {
  const { exportIncidents, EXPORT_FORMATS } = await import('../export/index.js');
  const { openStore } = await import('../store/index.js');
  for (const format of EXPORT_FORMATS) {
    const out = join(dir, `same.${format}`);
    assert.equal((await run('export', '--format', format, '--db', db, '--out', out)).code, 0);
    const store = await openStore(db, { readonly: true });
    const whole = (await exportIncidents(store, format)).text;
    await store.close();
    assert.ok(whole.length > 0);
    assert.equal(readFileSync(out, 'utf8'), whole, format);
    assert.equal((await run('export', '--format', format, '--db', db)).out, whole, format);
  }
});

test('commands on a missing database say so', async () => {
  const r = await run('incidents', '--db', join(dir, 'nope.db'));
  assert.equal(r.code, 3);
  assert.match(r.err, /no database/);
  // Spawned once: the real binary ends with the exit code and message the in-process runs see.
  const bin = spawnSync(process.execPath, [CLI, 'incidents', '--db', join(dir, 'nope.db')], { encoding: 'utf8', cwd: dir });
  assert.equal(bin.status, 3, bin.stderr);
  assert.equal(bin.stderr, r.err);
  assert.match(r.err, /^dossier: .*no database.*\[E_NOT_FOUND\]\n$/);
});

/** Documents in the killed run: the kill comes after 3, and the rest are time for it to land mid-run. */
const KILLED_RUN_DOCS = 30;

test('killed mid-batch: the documents already stored are intact and a re-run finishes the batch', async () => {
  const batch = join(dir, 'batch');
  mkdirSync(batch, { recursive: true });
  const base = readFileSync(fixturePath('extract', 'fixtures', 'kabul-airport.txt'), 'utf8');
  // Distinct contents, different enough not to be reposts of one another.
  const filler = (i: number): string => Array.from({ length: 400 }, (_, k) => `w${i}x${k}`).join(' ');
  // (Before the "No comments" footer: intake drops what follows it.)
  for (let i = 0; i < KILLED_RUN_DOCS; i++) writeFileSync(join(batch, `r${String(i).padStart(2, '0')}.txt`), base.replace('No comments:', `${filler(i)}.\n\nNo comments:`));
  const kdb = join(dir, 'killed.db');
  // A real process, because it is killed: what SIGKILL leaves in the store is the point. --batch 1
  // commits and reports each document as it is stored, so the kill lands while the run is going (with
  // the default batch, every "stored" line came after the one commit); cli.safety.test.ts kills batches.
  const { spawn } = await import('node:child_process');
  const child = spawn(process.execPath, [CLI, 'ingest', batch, '--db', kdb, '--batch', '1'], { cwd: dir });
  await new Promise<void>((resolveP) => {
    let seen = 0;
    child.stdout.on('data', (b: Buffer) => {
      seen += (b.toString().match(/^stored/gm) ?? []).length;
      if (seen >= 3 && !child.killed) child.kill('SIGKILL');
    });
    child.on('exit', () => resolveP());
  });
  const Database = (await import('better-sqlite3')).default;
  const db = new Database(kdb);
  assert.equal((db.prepare('PRAGMA integrity_check').get() as { integrity_check: string }).integrity_check, 'ok');
  const stored = (db.prepare('SELECT count(*) AS n FROM documents').get() as { n: number }).n;
  // Every stored document has its reports: nothing half-written.
  const orphans = (db.prepare('SELECT count(*) AS n FROM documents d WHERE NOT EXISTS (SELECT 1 FROM reports r WHERE r.doc_id = d.id)').get() as { n: number }).n;
  db.close();
  assert.ok(stored >= 3, `at least the reported documents are stored (got ${stored})`);
  assert.equal(orphans, 0);
  const again = await run('ingest', batch, '--db', kdb);
  assert.equal(again.code, 0);
  assert.match(again.out, new RegExp(`${KILLED_RUN_DOCS - stored} stored, ${stored} unchanged, 0 failed`));
});

test('a repost with another header and footer is another location of the stored document, not a new source', async () => {
  const rdb = join(dir, 'repost.db');
  const base = readFileSync(fixturePath('extract', 'fixtures', 'kabul-airport.txt'), 'utf8');
  const repost = base.replace('28 Aug 2021', '29 Aug 2021 · reposted from Example Wire').replace('No comments:', 'Share this:');
  writeFileSync(join(dir, 'repost.txt'), repost);
  assert.equal((await run('ingest', join(dir, 'in', 'kabul.txt'), '--db', rdb)).code, 0);
  const before = JSON.parse((await run('incidents', '--db', rdb, '--json')).out) as unknown[];
  const r = await run('ingest', join(dir, 'repost.txt'), '--db', rdb);
  assert.equal(r.code, 0);
  assert.match(r.out, /repost\s+.*repost\.txt\s+\(same text and facts as .*kabul\.txt/);
  assert.equal((JSON.parse((await run('incidents', '--db', rdb, '--json')).out) as unknown[]).length, before.length);
});
