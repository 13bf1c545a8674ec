import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { MAX_REPORTS_PER_DOC } from '../extract/incidents/index.js';
import { MAX_READABILITY_CHILDREN } from '../intake/html.js';
import { openStore, type Store } from '../store/index.js';
import { startServer, type RunningServer } from './index.js';

/**
 * POST /api/documents says what intake and the pipeline did not read in full, as `dossier ingest`
 * does on a document's line: a page read without Readability, reports past the cap, a language not
 * yet read. On a SQLite store of its own, through a real server on 127.0.0.1.
 */

let dir: string;
let store: Store;
let server: RunningServer;
let reviewer: string;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'dossier-upload-notices-'));
  store = await openStore(join(dir, 'store.db'));
  reviewer = (await store.createToken('alice', 'reviewer')).token;
  server = await startServer({ store, host: '127.0.0.1', port: 0, webDir: null });
});
after(async () => {
  await server.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

type Row = { file: string; status: string; notices: string[]; error: { code: string } | null; incidents: number[] };

function upload(files: [string, string][]): Promise<Response> {
  const fd = new FormData();
  for (const [name, body] of files) fd.append('file', new Blob([body]), name);
  return fetch(`${server.url}/api/documents`, { method: 'POST', body: fd, headers: { authorization: `Bearer ${reviewer}` } });
}

const SENTENCE = 'Gunmen opened fire on a market in Kabul on Friday, killing four people, police said.';
/** A page over the element cap (and with no incident in it): read by the whole-body walk, with intake's notice. */
const WIDE_PAGE = `<html><head><title>Market day</title></head><body>${'<p>The market in the old town was busy on Friday, traders said.</p>'.repeat(MAX_READABILITY_CHILDREN + 1)}</body></html>`;
const WIDE_NOTICE = `a page over ${MAX_READABILITY_CHILDREN} children in one element: its whole body read without Readability`;
// As src/pipeline/report-cap.test.ts builds it: a chronology of distinct attacks, one a paragraph.
const CITIES = ['Kabul', 'Mosul', 'Aleppo', 'Lagos', 'Mogadishu', 'Peshawar', 'Quetta', 'Baghdad', 'Kirkuk', 'Maiduguri', 'Bamako', 'Gao', 'Timbuktu', 'Kandahar', 'Jalalabad', 'Herat'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November'];
/** More distinct attacks than a document keeps: the pipeline's notice. */
const chronology = (n: number): string =>
  `Attacks of two decades\n\n${Array.from({ length: n }, (_, i) => `On ${1 + (i % 28)} ${MONTHS[i % 11]} ${2000 + (i % 20)}, gunmen killed ${3 + (i % 40)} people in ${CITIES[i % 16]}, police said.`).join('\n\n')}`;

test("an upload's results carry intake's and the pipeline's notices, and the language notice", async () => {
  const n = MAX_REPORTS_PER_DOC + 20;
  const res = await upload([
    ['wide.html', WIDE_PAGE],
    ['chronology.txt', chronology(n)],
    ['russian.txt', 'Вчера вечером в центре города прогремел взрыв. По данным полиции, погибли четыре человека, ещё шесть ранены. Ответственность за нападение пока никто не взял.'],
    ['plain.txt', `${SENTENCE} Witnesses said the attackers fled on motorcycles.`],
  ]);
  assert.equal(res.status, 201);
  const rows = ((await res.json()) as { results: Row[] }).results;
  assert.deepEqual(rows.map((r) => r.status), ['stored', 'stored', 'stored', 'stored']);
  assert.deepEqual(rows[0]!.notices, [WIDE_NOTICE]);
  assert.deepEqual(rows[1]!.notices, [`${n} incident reports found: the first ${MAX_REPORTS_PER_DOC} kept`]);
  assert.equal(rows[1]!.incidents.length > 0, true);
  assert.deepEqual(rows[2]!.notices, ['language ru: no extraction yet']);
  // Negative: a report read in full has an empty list, not a missing one.
  assert.deepEqual(rows[3]!.notices, []);
  // Again: unchanged documents still say how they were read.
  const again = ((await (await upload([['wide.html', WIDE_PAGE]])).json()) as { results: Row[] }).results;
  assert.equal(again[0]!.status, 'duplicate');
  assert.deepEqual(again[0]!.notices, [WIDE_NOTICE]);
});

test("a refused upload keeps intake's notices on the files it read; a refused file has none", async () => {
  const res = await upload([['wide2.html', WIDE_PAGE.replace('Market day', 'Another day')], ['empty.txt', ' ']]);
  assert.equal(res.status, 422);
  const rows = ((await res.json()) as { results: Row[] }).results;
  assert.deepEqual(rows.map((r) => r.status), ['not stored', 'failed']);
  assert.deepEqual(rows[0]!.notices, [WIDE_NOTICE]);
  assert.deepEqual(rows[1]!.notices, []);
  assert.equal(rows[1]!.error?.code, 'E_INPUT_EMPTY');
});

test('the OpenAPI description lists notices on every upload result', async () => {
  const spec = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as { components: { schemas: Record<string, { required?: string[]; properties: Record<string, { type?: string; items?: { type: string } }> }> } };
  const row = spec.components.schemas['UploadResult']!;
  assert.ok(row.required?.includes('notices'));
  assert.equal(row.properties['notices']?.type, 'array');
  assert.equal(row.properties['notices']?.items?.type, 'string');
});
