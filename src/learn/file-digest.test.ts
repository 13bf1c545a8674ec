import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { fileDigest, recordDigests, sha256Hex } from './file-digest.js';

const dir = mkdtempSync(join(tmpdir(), 'dossier-digest-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('a file the build recorded is not read again while its size and time match; a rewritten one is', () => {
  const file = join(dir, 'model.json');
  const table = join(dir, 'digests.json');
  writeFileSync(file, '{"w":[1,2,3]}');
  recordDigests([file], table);
  assert.equal(fileDigest(file, table), sha256Hex('{"w":[1,2,3]}'));
  // The table is trusted while size and time match: a forged entry is returned as is, which is how we
  // know the file was not read.
  const st = statSync(file);
  writeFileSync(table, JSON.stringify({ [file]: { size: st.size, mtimeMs: st.mtimeMs, sha256: 'forged' } }));
  const other = join(dir, 'other.json');
  writeFileSync(other, 'x');
  writeFileSync(table, JSON.stringify({ [file]: { size: st.size, mtimeMs: st.mtimeMs, sha256: 'forged' }, [other]: { size: 1, mtimeMs: statSync(other).mtimeMs, sha256: 'forged-too' } }));
  assert.equal(fileDigest(other, table), 'forged-too');
  // Negative: the same size but another time (a retrained model of equal length) is read and hashed.
  writeFileSync(file, '{"w":[1,2,4]}');
  utimesSync(file, st.atime, new Date(st.mtimeMs + 5_000));
  assert.equal(fileDigest(file, table), sha256Hex('{"w":[1,2,4]}'));
  // Negative: no table at all still gives the digest, by reading.
  assert.equal(fileDigest(file, join(dir, 'none.json')), sha256Hex('{"w":[1,2,4]}'));
});

test('within a process a file is hashed once, and again after it changes', () => {
  const file = join(dir, 'lexicon.json');
  writeFileSync(file, 'a');
  const none = join(dir, 'no-table.json');
  assert.equal(fileDigest(file, none), sha256Hex('a'));
  writeFileSync(file, 'bb');
  utimesSync(file, new Date(), new Date(Date.now() + 10_000));
  assert.equal(fileDigest(file, none), sha256Hex('bb'));
});
