import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { runCli } from '../testing/cli.js';
import { fixturePath } from '../testing/fixtures.js';

/**
 * What reaches a terminal (issue 13): a document's own escape codes never do, and the incidents
 * table fits the width it is given.
 */

let dir: string;
let db: string;
let docId: string;
/** Any control character a terminal acts on: C0 but newline, DEL, C1. */
const RAW_CONTROL = /[\x00-\x09\x0b-\x1f\x7f-\x9f]/;

/** A title that clears the screen, hides a link and returns the cursor. */
const TITLE = '28 Aug 2021 \x1b[2J\x1b]8;;http://x\x07CLICK\x1b]8;;\x07 here\r';

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'dossier-terminal-'));
  db = join(dir, 't.db');
  copyFileSync(fixturePath('extract', 'fixtures', 'kabul-airport.txt'), join(dir, 'kabul.txt'));
  const r = await runCli('ingest', join(dir, 'kabul.txt'), '--db', db);
  assert.equal(r.code, 0, r.err);
  // Intake drops control characters now (docs/web-intake.md), so the codes are written into the stored
  // document directly, as a store from an older version or another writer may hold them: the output
  // layer must hold whatever the store gives it. Same-length replacements keep every offset valid.
  const Database = (await import('better-sqlite3')).default;
  const sqlite = new Database(db);
  const doc = sqlite.prepare('SELECT id, text FROM documents').get() as { id: string; text: string };
  const text = doc.text.replace('Gunmen then opened fire on the crowd', 'Gunmen then \x1b[2J\r  fire on \x1b]8;;\x07the');
  assert.equal(text.length, doc.text.length);
  assert.notEqual(text, doc.text);
  sqlite.prepare('UPDATE documents SET title = ?, text = ? WHERE id = ?').run(TITLE, text, doc.id);
  docId = doc.id;
  sqlite.close();
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('regression: show prints no escape code or control character from a document\'s title or text', async () => {
  const ids = (JSON.parse((await runCli('incidents', '--db', db, '--json')).out) as { incident_id: number }[]).map((i) => i.incident_id);
  const r = { out: '' };
  for (const id of ids) {
    const one = await runCli('show', String(id), '--db', db);
    assert.equal(one.code, 0, one.err);
    r.out += one.out;
  }
  assert.match(r.out, /CLICK here/, 'the words around the codes are kept');
  assert.match(r.out, /«Gunmen» then +fire on the, officials said/);
  assert.doesNotMatch(r.out.replace(/\n/g, ''), RAW_CONTROL);
  assert.doesNotMatch(r.out, /\]8;;/, 'the hidden link is gone whole, not just its escape byte');
  const document = await runCli('show', docId.slice(0, 12), '--db', db);
  assert.equal(document.code, 0, document.err);
  assert.match(document.out, /title: +28 Aug 2021 CLICK here/);
  for (const args of [['incidents'], ['conflicts'], ['claims'], ['entities'], ['show', docId.slice(0, 12)]]) {
    const o = await runCli(...args, '--db', db);
    assert.doesNotMatch(o.out.replace(/\n/g, ''), RAW_CONTROL, args[0]);
  }
});

test('JSON keeps the document\'s words, with the codes escaped: data is not changed, only made inert', async () => {
  const r = await runCli('show', '1', '--db', db, '--json');
  assert.equal(r.code, 0, r.err);
  assert.doesNotMatch(r.out.replace(/\n/g, ''), RAW_CONTROL);
  assert.match(r.out, /\\u001b\[2J\\u001b\]8;;http:\/\/x\\u0007CLICK/);
});

test('incidents: piped, every cell whole; --width 80 fits 80 columns with every heading whole', async () => {
  const piped = await runCli('incidents', '--db', db);
  assert.equal(piped.code, 0, piped.err);
  assert.doesNotMatch(piped.out, /…/);
  const narrow = await runCli('incidents', '--db', db, '--width', '80');
  const lines = narrow.out.trimEnd().split('\n');
  assert.match(lines[0]!, /^ID +DATE +TYPE +PLACE +KILLED +INJURED +SRC +LABEL$/);
  for (const l of lines) assert.ok(Array.from(l).length <= 80, l);
  assert.match(narrow.out, / 17\d +150 +1 /);
});
