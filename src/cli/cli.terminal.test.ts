import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
/** Any control character a terminal acts on: C0 but newline, DEL, C1. */
const RAW_CONTROL = /[\x00-\x09\x0b-\x1f\x7f-\x9f]/;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'dossier-terminal-'));
  db = join(dir, 't.db');
  const lines = readFileSync(fixturePath('extract', 'fixtures', 'kabul-airport.txt'), 'utf8').split('\n');
  // The title line (the first) and the sentence `show` quotes carry a screen clear, a hidden link and a carriage return.
  lines[0] = `${lines[0]} \x1b[2J\x1b]8;;http://x\x07CLICK\x1b]8;;\x07 here\r`;
  const text = lines.join('\n').replace('then opened fire on the crowd', 'then opened\x1b[2J fire\r on \x1b]8;;http://x\x07the crowd');
  writeFileSync(join(dir, 'escapes.txt'), text);
  const r = await runCli('ingest', join(dir, 'escapes.txt'), '--db', db);
  assert.equal(r.code, 0, r.err);
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
  assert.match(r.out, /Gunmen» then opened fire on the crowd, officials said/);
  assert.doesNotMatch(r.out.replace(/\n/g, ''), RAW_CONTROL);
  assert.doesNotMatch(r.out, /\]8;;/, 'the hidden link is gone whole, not just its escape byte');
  for (const args of [['incidents'], ['conflicts'], ['claims'], ['entities']]) {
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
