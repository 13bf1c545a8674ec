import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { KEY_HEX_DIGITS, sketchKey } from './sketch-keys.js';

const ids = Array.from({ length: 200 }, (_, i) => createHash('sha256').update(`document ${i}`).digest('hex'));

test("a document's near-copy key is its id's first digits, exact in a JavaScript number, and spelled back by SQLite's printf", () => {
  const db = new Database(':memory:');
  const spell = db.prepare(`SELECT printf('%0${KEY_HEX_DIGITS}x', ?) AS p`).pluck();
  for (const id of [...ids, '0'.repeat(64), 'f'.repeat(64)]) {
    const key = sketchKey(id)!;
    assert.ok(Number.isSafeInteger(key) && key >= 0, id);
    assert.equal(spell.get(key), id.slice(0, KEY_HEX_DIGITS));
  }
  db.close();
});

test('negative: an id that is not lower-case hex has no key (it is not indexed)', () => {
  for (const id of ['', 'doc-1', 'same-id', ids[0]!.toUpperCase(), ids[0]!.slice(0, KEY_HEX_DIGITS - 1), `g${ids[0]!.slice(1)}`]) {
    assert.equal(sketchKey(id), null, id);
  }
});
