import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, brotliCompressSync, gzipSync } from 'node:zlib';
import { after, before, describe, test } from 'node:test';
import { request } from 'undici';
import { ingestPaths } from '../pipeline/index.js';
import { openStore, type Store } from '../store/index.js';
import { fixturePath, REPO_ROOT } from '../testing/fixtures.js';
import { freshDatabase, pgUnavailable } from '../testing/pg.js';
import { CSP, startServer, type RunningServer } from './index.js';

/**
 * The HTTP API against a real server on 127.0.0.1 (port 0) over a real store made from the bundled
 * samples and a hostile report, through the same ingest path as the CLI: on SQLite, and on
 * PostgreSQL where a server is available.
 */

interface Fixture {
  store: Store;
  server: RunningServer;
  base: string;
  reviewer: string;
  reader: string;
  admin: string;
  done: () => Promise<void>;
}

const HOSTILE = fixturePath('server', 'fixtures', 'hostile.html');

async function setup(target: string, cleanup: () => Promise<void>): Promise<Fixture> {
  const store = await openStore(target);
  const sum = await ingestPaths(store, [join(REPO_ROOT, 'samples'), HOSTILE], () => undefined);
  assert.equal(sum.failed, 0);
  const reviewer = (await store.createToken('alice', 'reviewer')).token;
  const reader = (await store.createToken('bob', 'reader')).token;
  const admin = (await store.createToken('root', 'admin')).token;
  const server = await startServer({ store, host: '127.0.0.1', port: 0, webDir: null });
  return {
    store, server, base: server.url, reviewer, reader, admin,
    done: async () => {
      await server.close();
      await store.close();
      await cleanup();
    },
  };
}

type Json = Record<string, any>;

async function get(f: Fixture, path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: Json; res: Response }> {
  const res = await fetch(f.base + path, { headers, redirect: 'manual' });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Json) : {}, res };
}

async function post(f: Fixture, path: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: Json; res: Response }> {
  const res = await fetch(f.base + path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body), redirect: 'manual' });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Json) : {}, res };
}

/** A child process's exit status and output, without blocking the event loop. */
function run(cmd: string, args: string[], input: string): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const p = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d: Buffer) => (stdout += String(d)));
    p.stderr.on('data', (d: Buffer) => (stderr += String(d)));
    p.on('error', () => resolve({ status: null, stdout, stderr }));
    p.on('close', (status) => resolve({ status, stdout, stderr }));
    p.stdin.end(input);
  });
}

const bearer = (t: string) => ({ authorization: `Bearer ${t}` });

function assertBadParam(r: { status: number; body: Json }, param: string): void {
  assert.equal(r.status, 400, JSON.stringify(r.body));
  assert.equal(r.body.error.code, 'E_BAD_PARAM');
  assert.equal(r.body.error.param, param);
  assert.match(r.body.error.message, new RegExp(param));
}

/** Every incident id the list returns, page by page through `next`. */
async function allIds(f: Fixture, query: string): Promise<number[]> {
  const ids: number[] = [];
  let cursor: string | null = null;
  do {
    const r = await get(f, `/api/incidents?${query}${cursor ? `&cursor=${cursor}` : ''}`);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    ids.push(...(r.body.incidents as Json[]).map((i) => i.incident_id as number));
    cursor = r.body.next;
  } while (cursor);
  return ids;
}

function readSuite(name: string, make: () => Promise<Fixture | null>): void {
  describe(`HTTP API reads (${name})`, () => {
    let f: Fixture;
    let skip: string | null = null;
    before(async () => {
      const made = await make();
      if (!made) skip = 'no PostgreSQL';
      else f = made;
    });
    after(async () => f?.done());

    test('incident list: pages through every incident once, with a total, in date or id order', async (t) => {
      if (skip) return t.skip(skip);
      const first = await get(f, '/api/incidents?with_total=true&limit=5');
      assert.equal(first.status, 200);
      const total = first.body.total as number;
      assert.ok(total >= 15, `total ${total}`);
      assert.equal(first.body.incidents.length, 5);
      const byDate = await allIds(f, 'limit=4');
      assert.equal(byDate.length, total);
      assert.equal(new Set(byDate).size, total);
      const byId = await allIds(f, 'sort=id&limit=7');
      assert.deepEqual(byId, [...byDate].sort((a, b) => a - b));
      assert.deepEqual(await allIds(f, 'sort=-id&limit=6'), [...byId].reverse());
      // Newest first, a page at a time, and undated incidents still last.
      const newest = await allIds(f, 'sort=-date&limit=3');
      assert.deepEqual([...newest].sort((a, b) => a - b), byId);
      const rows = (await get(f, '/api/incidents?sort=-date&limit=500')).body.incidents as Json[];
      assert.deepEqual(rows.map((r) => r.incident_id), newest);
      const dated = rows.filter((r) => r.date !== null).map((r) => r.date as string);
      for (let i = 1; i < dated.length; i++) assert.ok(dated[i - 1]!.slice(0, 4) >= dated[i]!.slice(0, 4), `${dated[i - 1]} before ${dated[i]}`);
      const firstUndated = rows.findIndex((r) => r.date === null);
      if (firstUndated >= 0) assert.ok(rows.slice(firstUndated).every((r) => r.date === null));
      const row = first.body.incidents[0] as Json;
      for (const k of ['incident_id', 'label', 'date', 'type', 'place', 'killed', 'injured', 'sources', 'conflicts', 'reviewed']) assert.ok(k in row, k);
    });

    test('incident list filters: country, type by ACLED or GTD name, actor, text, bbox', async (t) => {
      if (skip) return t.skip(skip);
      const all = await allIds(f, 'limit=100');
      const ru = await get(f, '/api/incidents?country=RU&limit=100&with_total=true');
      assert.equal(ru.body.total, (await allIds(f, 'country=RU&limit=2')).length);
      assert.equal((await get(f, '/api/incidents?text=zzzqqqxxx&with_total=true')).body.total, 0);
      assert.ok(ru.body.incidents.length > 0 && ru.body.incidents.length < all.length);
      for (const r of ru.body.incidents as Json[]) assert.equal(r.place.country_code, 'RU');
      const fr = await get(f, '/api/incidents?country=France&limit=100');
      for (const r of fr.body.incidents as Json[]) assert.equal(r.place.country_code, 'FR');
      const gtd = await get(f, '/api/incidents?type=Bombing/Explosion&limit=100');
      assert.ok(gtd.body.incidents.length > 0);
      // The type filter keeps an incident when any of its reports has the type (the row shows the primary report's).
      for (const r of gtd.body.incidents as Json[]) {
        const d = (await get(f, `/api/incidents/${r.incident_id}`)).body;
        assert.ok((d.reports as Json[]).some((x) => x.type.value.gtdAttackType === 'Bombing/Explosion'), String(r.incident_id));
      }
      const acled = await get(f, '/api/incidents?type=Violence against civilians&limit=100');
      assert.ok(acled.body.incidents.length > 0 && acled.body.incidents.length <= all.length);
      assert.deepEqual((await get(f, '/api/incidents?type=no such type')).body.incidents, []);
      const actor = await get(f, '/api/incidents?actor=islamic state&limit=100');
      assert.ok(actor.body.incidents.length < all.length);
      const box = await get(f, '/api/incidents?bbox=-10,35,20,60&limit=100');
      for (const r of box.body.incidents as Json[]) assert.ok(r.place.lon >= -10 && r.place.lon <= 20 && r.place.lat >= 35 && r.place.lat <= 60);
      assert.ok(box.body.incidents.length > 0);
      const none = await get(f, '/api/incidents?text=zzzqqqxxx');
      assert.deepEqual(none.body.incidents, []);
      assert.equal(none.body.next, null);
      const dates = await get(f, '/api/incidents?from=2024-03&to=2024-03&limit=100');
      for (const r of dates.body.incidents as Json[]) assert.match(r.date, /^2024(-03)?/);
    });

    test('incident list: a bad parameter is a 400 naming it', async (t) => {
      if (skip) return t.skip(skip);
      assertBadParam(await get(f, '/api/incidents?contry=RU'), 'contry');
      assertBadParam(await get(f, '/api/incidents?from=2024-13'), 'from');
      assertBadParam(await get(f, '/api/incidents?from=2024&to=2023'), 'to');
      assertBadParam(await get(f, '/api/incidents?limit=0'), 'limit');
      assertBadParam(await get(f, '/api/incidents?limit=ten'), 'limit');
      assertBadParam(await get(f, '/api/incidents?bbox=1,2,3'), 'bbox');
      assertBadParam(await get(f, '/api/incidents?bbox=20,0,10,5'), 'bbox');
      assertBadParam(await get(f, '/api/incidents?sort=size'), 'sort');
      assertBadParam(await get(f, '/api/incidents?cursor=notacursor'), 'cursor');
      assertBadParam(await get(f, '/api/incidents?has_conflicts=maybe'), 'has_conflicts');
      assertBadParam(await get(f, '/api/incidents?policy=median'), 'policy');
      // A cursor of one ordering is refused by the other.
      const page = await get(f, '/api/incidents?sort=id&limit=2');
      assertBadParam(await get(f, `/api/incidents?sort=date&cursor=${page.body.next}`), 'cursor');
      assertBadParam(await get(f, `/api/incidents?sort=-id&cursor=${page.body.next}`), 'cursor');
    });

    test('incident detail: every report with evidence, sources, conflicts, claims by kind, links, review', async (t) => {
      if (skip) return t.skip(skip);
      const conflicted = (await get(f, '/api/conflicts')).body.conflicts as Json[];
      assert.ok(conflicted.length > 0);
      const id = conflicted[0]!.incident as number;
      const r = await get(f, `/api/incidents/${id}`);
      assert.equal(r.status, 200);
      const d = r.body;
      assert.equal(d.incident_id, id);
      assert.ok(d.reports.length >= 2);
      const rep = d.reports[0] as Json;
      assert.ok(rep.sentence.length > 0);
      assert.ok(rep.date.reason && Array.isArray(rep.date.evidence));
      assert.ok(rep.document.id && rep.document.title);
      assert.ok(d.documents.length >= 2);
      assert.ok(d.conflicts.length > 0);
      assert.equal(typeof d.claims_by_kind, 'object');
      assert.ok(Array.isArray(d.links));
      assert.deepEqual(d.review.history, []);
      assert.equal(d.review.effective.reviewed, false);
      assert.equal(typeof d.values.killed, 'object');
    });

    test('incident detail and history: unknown id 404, bad id 400', async (t) => {
      if (skip) return t.skip(skip);
      const r = await get(f, '/api/incidents/987654');
      assert.equal(r.status, 404);
      assert.equal(r.body.error.code, 'E_NOT_FOUND');
      assertBadParam(await get(f, '/api/incidents/abc'), 'id');
      assert.equal((await get(f, '/api/incidents/987654/history')).status, 404);
      assertBadParam(await get(f, '/api/incidents/1?polcy=latest'), 'polcy');
    });

    test('document: clean text and every annotation layer; 404 and 400', async (t) => {
      if (skip) return t.skip(skip);
      const inc = (await get(f, '/api/incidents/1')).body;
      const docId = inc.reports[0].document.id as string;
      const r = await get(f, `/api/documents/${docId}`);
      assert.equal(r.status, 200);
      for (const k of ['sentences', 'mentions', 'dates', 'quantities', 'incidents', 'claims', 'quotes']) assert.ok(Array.isArray(r.body.layers[k]), k);
      assert.ok(r.body.text.length > 100);
      assert.ok(r.body.layers.incidents.some((x: Json) => x.incident_id === 1 && x.spans.length > 0));
      assert.equal((await get(f, `/api/documents/${'0'.repeat(64)}`)).status, 404);
      assertBadParam(await get(f, '/api/documents/xyz'), 'id');
    });

    test('entities, entity, claims, quotes, conflicts, stats', async (t) => {
      if (skip) return t.skip(skip);
      const ents = await get(f, '/api/entities?limit=3');
      assert.equal(ents.body.entities.length, 3);
      assert.ok(ents.body.next);
      const more = await get(f, `/api/entities?limit=3&cursor=${ents.body.next}`);
      assert.notDeepEqual(more.body.entities[0], ents.body.entities[0]);
      const people = await get(f, '/api/entities?type=PERSON&limit=1000');
      assert.ok(people.body.entities.length > 0 && people.body.entities.every((x: Json) => x.type === 'person'));
      const e = await get(f, `/api/entities/${ents.body.entities[0].id}`);
      assert.equal(e.status, 200);
      assert.ok(e.body.mentions.length > 0);
      assert.equal((await get(f, '/api/entities/999999')).status, 404);
      const claims = await get(f, '/api/claims?kind=responsibility');
      assert.equal(claims.status, 200);
      for (const c of claims.body.claims as Json[]) assert.equal(c.kind.value, 'responsibility');
      assert.ok((claims.body.claims as Json[]).every((c) => typeof c.words === 'string' && c.words.length > 0));
      assertBadParam(await get(f, '/api/claims?kind=rumour'), 'kind');
      assert.equal((await get(f, '/api/quotes')).status, 200);
      // /api/conflicts and the list's has_conflicts filter name the same incidents.
      const listed = (await allIds(f, 'has_conflicts=true&sort=id')).sort((a, b) => a - b);
      const conflicted: number[] = [];
      let cur: string | null = null;
      do {
        const page: Json = (await get(f, `/api/conflicts?limit=1${cur ? `&cursor=${cur}` : ''}`)).body;
        conflicted.push(...(page.conflicts as Json[]).map((c) => c.incident as number));
        cur = page.next;
      } while (cur);
      assert.ok(listed.length > 0);
      assert.deepEqual(conflicted, listed);
      const calm = await allIds(f, 'has_conflicts=false');
      assert.ok(calm.every((id) => !listed.includes(id)));
      const stats = await get(f, '/api/stats');
      assert.equal(stats.status, 200);
      const total = (await get(f, '/api/incidents?with_total=true&limit=1')).body.total;
      assert.equal(stats.body.incidents, total);
      assert.equal((stats.body.by_month as Json[]).reduce((n, b) => n + b.incidents, 0), total);
      assert.equal((stats.body.by_country as Json[]).reduce((n, b) => n + b.incidents, 0), total);
      const ru = await get(f, '/api/stats?country=RU');
      assert.ok(ru.body.incidents < total && (ru.body.by_country as Json[]).every((b) => b.key === 'RU'));
    });

    test('points: every incident the filters keep as [id, lat, lon, date, killed], capped with a truncated flag', async (t) => {
      if (skip) return t.skip(skip);
      const all = await get(f, '/api/points');
      assert.equal(all.status, 200);
      const total = (await get(f, '/api/incidents?with_total=true&limit=1')).body.total as number;
      assert.equal(all.body.points.length, total);
      assert.equal(all.body.truncated, false);
      // The same incidents, ids, places, dates and figures as the list's summaries.
      const rows = (await get(f, '/api/incidents?sort=-id&limit=500')).body.incidents as Json[];
      const deg = (x: number | null | undefined) => (x == null ? null : Math.round(x * 1e5) / 1e5);
      assert.deepEqual(all.body.points, rows.map((r) => [r.incident_id, deg(r.place?.lat), deg(r.place?.lon), r.date, r.killed]));
      const ru = await get(f, '/api/points?country=RU&from=2018');
      const ruList = (await get(f, '/api/incidents?country=RU&from=2018&sort=-id&limit=500')).body.incidents as Json[];
      assert.ok(ruList.length > 0 && ruList.length < total);
      assert.deepEqual((ru.body.points as Json[]).map((p) => p[0]), ruList.map((r) => r.incident_id));
      const two = await get(f, '/api/points?limit=2');
      assert.equal(two.body.points.length, 2);
      assert.equal(two.body.truncated, true);
      assert.deepEqual(two.body.points, all.body.points.slice(0, 2));
      assertBadParam(await get(f, '/api/points?limit=0'), 'limit');
      assertBadParam(await get(f, '/api/points?limit=100001'), 'limit');
      assertBadParam(await get(f, '/api/points?bbox=1,2,3'), 'bbox');
      assertBadParam(await get(f, '/api/points?cursor=x'), 'cursor');
    });

    test('JSON answers are gzipped when asked for; the export never is', async (t) => {
      if (skip) return t.skip(skip);
      const raw = async (path: string, enc?: string) => {
        const r = await request(f.base + path, { headers: enc ? { 'accept-encoding': enc } : {} });
        return { status: r.statusCode, headers: r.headers, body: Buffer.from(await r.body.arrayBuffer()) };
      };
      const plain = await raw('/api/incidents?limit=20');
      assert.equal(plain.headers['content-encoding'], undefined);
      const gz = await raw('/api/incidents?limit=20', 'gzip, deflate, br');
      assert.equal(gz.status, 200);
      assert.equal(gz.headers['content-encoding'], 'gzip');
      assert.match(String(gz.headers.vary), /accept-encoding/i);
      assert.ok(gz.body.length < plain.body.length / 2, `${gz.body.length} bytes gzipped of ${plain.body.length}`);
      assert.deepEqual(JSON.parse(gunzipSync(gz.body).toString()), JSON.parse(plain.body.toString()));
      assert.equal((await raw('/api/incidents?limit=20', 'gzip;q=0')).headers['content-encoding'], undefined);
      const exp = await raw('/api/export?format=jsonl', 'gzip, br');
      assert.equal(exp.status, 200);
      assert.equal(exp.headers['content-encoding'], undefined, 'the export is streamed as it is');
      assert.ok(exp.body.toString().startsWith('{'));
    });

    test('export streams every format and parses; a bad format is a 400', async (t) => {
      if (skip) return t.skip(skip);
      const total = (await get(f, '/api/incidents?with_total=true&limit=1')).body.total as number;
      const res = await fetch(`${f.base}/api/export?format=jsonl`);
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type')!, /ndjson/);
      const lines = (await res.text()).trim().split('\n');
      assert.equal(lines.length, total);
      assert.ok(lines.every((l) => typeof (JSON.parse(l) as Json).incident_id === 'number'));
      const gtd = await fetch(`${f.base}/api/export?format=gtd&country=RU`);
      assert.match(gtd.headers.get('content-type')!, /text\/csv/);
      assert.match(gtd.headers.get('content-disposition')!, /dossier-gtd\.csv/);
      const csv = await gtd.text();
      assert.ok(csv.startsWith('eventid,'));
      assert.ok(csv.split('\n').slice(1).filter(Boolean).every((l) => l.includes('Russia')));
      const geo = await fetch(`${f.base}/api/export?format=geojson`);
      assert.match(geo.headers.get('content-type')!, /application\/geo\+json/);
      const fc = (await geo.json()) as Json;
      assert.equal(fc.type, 'FeatureCollection');
      assert.ok(fc.features.length > 0 && fc.features.length <= total);
      assertBadParam(await get(f, '/api/export?format=xlsx'), 'format');
      assertBadParam(await get(f, '/api/export'), 'format');
    });

    test('a hostile document comes back as JSON text, with the CSP and nosniff headers', async (t) => {
      if (skip) return t.skip(skip);
      const list = await get(f, '/api/incidents?text=Kandahar');
      assert.equal(list.status, 200);
      const id = list.body.incidents[0]?.incident_id as number;
      assert.ok(id, 'the hostile report yields an incident');
      const d = await get(f, `/api/incidents/${id}`);
      assert.match(d.res.headers.get('content-type')!, /^application\/json/);
      assert.equal(d.res.headers.get('content-security-policy'), CSP);
      assert.match(CSP, /script-src 'self'/);
      assert.doesNotMatch(CSP, /unsafe-inline|unsafe-eval/);
      assert.equal(d.res.headers.get('x-content-type-options'), 'nosniff');
      assert.equal(d.res.headers.get('referrer-policy'), 'no-referrer');
      const doc = await get(f, `/api/documents/${d.body.reports[0].document.id}`);
      assert.match(doc.res.headers.get('content-type')!, /^application\/json/);
      // Whatever intake kept of the markup is plain text in a JSON string, never a document of its own.
      assert.equal(typeof doc.body.text, 'string');
      assert.ok(doc.body.text.includes('Kandahar'));
      const raw = await (await fetch(`${f.base}/api/documents/${d.body.reports[0].document.id}`)).text();
      assert.ok(raw.startsWith('{'));
    });

    test('openapi.json is OpenAPI 3.1 and lists every route with its parameters', async (t) => {
      if (skip) return t.skip(skip);
      const { status, body } = await get(f, '/api/openapi.json');
      assert.equal(status, 200);
      assert.equal(body.openapi, '3.1.0');
      assert.ok(body.info.title && body.info.version);
      const want: [string, string][] = [
        ['get', '/api/incidents'], ['get', '/api/incidents/{id}'], ['get', '/api/incidents/{id}/history'], ['post', '/api/incidents/{id}/review'],
        ['get', '/api/documents/{id}'], ['post', '/api/documents'], ['get', '/api/entities'], ['get', '/api/entities/{id}'], ['get', '/api/claims'],
        ['get', '/api/quotes'], ['get', '/api/conflicts'], ['get', '/api/changes'], ['get', '/api/export'], ['get', '/api/stats'], ['get', '/api/points'],
        ['post', '/api/login'], ['post', '/api/logout'], ['get', '/api/session'],
      ];
      for (const [m, p] of want) {
        const op = body.paths[p]?.[m] as Json | undefined;
        assert.ok(op, `${m} ${p} missing`);
        assert.ok(op.responses && Object.keys(op.responses).length > 0, `${m} ${p} has no responses`);
        for (const prm of (op.parameters ?? []) as Json[]) assert.ok(prm.name && ['query', 'path', 'header', 'cookie'].includes(prm.in), `${m} ${p} parameter`);
      }
      const listParams = (body.paths['/api/incidents'].get.parameters as Json[]).map((p) => p.name);
      for (const n of ['from', 'to', 'country', 'admin1', 'type', 'actor', 'text', 'bbox', 'has_conflicts', 'reviewed', 'sort', 'limit', 'cursor', 'with_total', 'since']) assert.ok(listParams.includes(n), n);
      for (const p of Object.values(body.paths['/api/incidents/{id}'].get.parameters as Json[]).filter((x) => x.in === 'path')) assert.equal(p.required, true);
      assert.ok(body.components.securitySchemes.bearer);
      // Every $ref points at a component that exists.
      const refs = JSON.stringify(body).match(/"\$ref":"#\/components\/schemas\/[^"]+"/g) ?? [];
      for (const r of refs) assert.ok(body.components.schemas[r.split('/').pop()!.replace('"', '')], r);
    });

    // The document is built from the routes alone, the same on every backend: one check (5 s of Python) is enough.
    if (name === 'SQLite') test('openapi.json passes a real OpenAPI 3.1 validator (openapi-spec-validator, where Python has it)', async (t) => {
      if (skip) return t.skip(skip);
      // Asynchronously: a blocked event loop would leave this process's own server deaf meanwhile.
      const check = await run('python3', ['-c', 'import openapi_spec_validator'], '');
      if (check.status !== 0) return t.skip('python3 with openapi-spec-validator is not installed');
      const doc = await (await fetch(`${f.base}/api/openapi.json`)).text();
      const r = await run('python3', ['-c', 'import json,sys; from openapi_spec_validator import validate; validate(json.load(sys.stdin)); print("valid")'], doc);
      assert.equal(r.status, 0, r.stderr);
      assert.equal(r.stdout.trim(), 'valid');
    });

    test('an unknown API path is a JSON 404', async (t) => {
      if (skip) return t.skip(skip);
      const r = await get(f, '/api/nothing');
      assert.equal(r.status, 404);
      assert.equal(r.body.error.code, 'E_NOT_FOUND');
    });
  });
}

function writeSuite(name: string, make: () => Promise<Fixture | null>): void {
  describe(`HTTP API writes and auth (${name})`, () => {
    let f: Fixture;
    let skip: string | null = null;
    before(async () => {
      const made = await make();
      if (!made) skip = 'no PostgreSQL';
      else f = made;
    });
    after(async () => f?.done());

    test('a review needs a reviewer: 401 without a token, 403 for a reader, 201 for a reviewer', async (t) => {
      if (skip) return t.skip(skip);
      const action = { kind: 'correct', field: 'killed', value: 140, reason: 'the later official toll' };
      const none = await post(f, '/api/incidents/1/review', action);
      assert.equal(none.status, 401);
      assert.equal(none.body.error.code, 'E_AUTH_REQUIRED');
      const reader = await post(f, '/api/incidents/1/review', action, bearer(f.reader));
      assert.equal(reader.status, 403);
      assert.equal(reader.body.error.code, 'E_FORBIDDEN');
      const wrong = await post(f, '/api/incidents/1/review', action, bearer('not-a-token'));
      assert.equal(wrong.status, 401);
      const ok = await post(f, '/api/incidents/1/review', action, bearer(f.reviewer));
      assert.equal(ok.status, 201, JSON.stringify(ok.body));
      assert.equal(ok.body.record.actor, 'alice');
      assert.equal(ok.body.review.fields.killed.value, 140);
      const hist = await get(f, '/api/incidents/1/history');
      assert.equal(hist.body.history.length, 1);
      assert.equal(hist.body.history[0].reason, 'the later official toll');
      const row = (await get(f, '/api/incidents?sort=id&limit=1')).body.incidents[0] as Json;
      assert.equal(row.incident_id, 1);
      assert.equal(row.killed, 140);
      assert.equal(row.reviewed, true);
      const detail = (await get(f, '/api/incidents/1')).body;
      assert.equal(detail.values.killed.value, 140);
      assert.notEqual(detail.values.killed.automatic, 140);
      assert.ok((await get(f, '/api/incidents?reviewed=true')).body.incidents.every((r: Json) => r.reviewed));
      // The export uses the stream too: the reviewed incident is in it.
      const lines = (await (await fetch(`${f.base}/api/export?format=jsonl&reviewed=true`)).text()).trim().split('\n');
      assert.deepEqual(lines.map((l) => (JSON.parse(l) as Json).incident_id), [1]);
    });

    test('a rejected report stays on the incident page, marked, and stops counting; undo brings it back', async (t) => {
      if (skip) return t.skip(skip);
      const id = ((await get(f, '/api/conflicts')).body.conflicts as Json[])[0]!.incident as number;
      const before = (await get(f, `/api/incidents/${id}`)).body;
      assert.ok(before.conflicts.length > 0);
      const reportId = before.reports[1].id as string;
      const rej = await post(f, `/api/incidents/${id}/review`, { kind: 'reject-report', reportId, reason: 'a different attack' }, bearer(f.reviewer));
      assert.equal(rej.status, 201, JSON.stringify(rej.body));
      const after = (await get(f, `/api/incidents/${id}`)).body;
      assert.equal(after.reports.length, before.reports.length);
      assert.deepEqual(after.reports.filter((r: Json) => r.rejected).map((r: Json) => r.id), [reportId]);
      assert.ok(after.conflicts.every((c: Json) => c.values.every((v: Json) => v.reportId !== reportId)));
      const undo = await post(f, `/api/incidents/${id}/review`, { kind: 'undo', recordId: rej.body.record.id }, bearer(f.reviewer));
      assert.equal(undo.status, 201);
      const back = (await get(f, `/api/incidents/${id}`)).body;
      assert.ok(back.reports.every((r: Json) => !r.rejected));
      assert.equal(back.conflicts.length, before.conflicts.length);
      assert.equal(back.review.history.length, before.review.history.length + 2);
    });

    test('a bad review body is a 400 naming the field; an unknown incident a 404', async (t) => {
      if (skip) return t.skip(skip);
      assertBadParam(await post(f, '/api/incidents/1/review', { kind: 'correct', field: 'victims', value: 3 }, bearer(f.reviewer)), 'field');
      assertBadParam(await post(f, '/api/incidents/1/review', { kind: 'teleport' }, bearer(f.reviewer)), 'kind');
      assertBadParam(await post(f, '/api/incidents/1/review', { kind: 'note', text: 'x', extra: 1 }, bearer(f.reviewer)), 'extra');
      const neg = await post(f, '/api/incidents/1/review', { kind: 'correct', field: 'killed', value: -3 }, bearer(f.reviewer));
      assert.equal(neg.status, 400);
      assert.equal((await post(f, '/api/incidents/987654/review', { kind: 'note', text: 'hello' }, bearer(f.reviewer))).status, 404);
      const malformed = await fetch(`${f.base}/api/incidents/1/review`, { method: 'POST', headers: { 'content-type': 'application/json', ...bearer(f.reviewer) }, body: '{"kind":' });
      assert.equal(malformed.status, 400);
      const big = await post(f, '/api/incidents/1/review', { kind: 'note', text: 'x'.repeat(70_000) }, bearer(f.reviewer));
      assert.equal(big.status, 413);
    });

    test('a merged-away id redirects to the incident it joined; the changes feed and since report it', async (t) => {
      if (skip) return t.skip(skip);
      const feed0 = await get(f, '/api/changes');
      const seq0 = feed0.body.last_seq as number;
      const ids = await allIds(f, 'sort=id&limit=100');
      const [keep, gone] = [ids[ids.length - 2]!, ids[ids.length - 1]!];
      // The total is asked for twice (the second from the store's count cache): the merge must still show in the next one.
      const total0 = (await get(f, '/api/incidents?with_total=true&limit=1')).body.total as number;
      assert.equal((await get(f, '/api/incidents?with_total=true&limit=1')).body.total, total0);
      const m = await post(f, `/api/incidents/${keep}/review`, { kind: 'merge', other: gone, reason: 'the same attack' }, bearer(f.reviewer));
      assert.equal(m.status, 201, JSON.stringify(m.body));
      assert.equal((await get(f, '/api/incidents?with_total=true&limit=1')).body.total, total0 - 1, 'the total after a merge');
      const r = await get(f, `/api/incidents/${gone}?policy=latest`);
      assert.equal(r.status, 308);
      assert.equal(r.res.headers.get('location'), `/api/incidents/${keep}?policy=latest`);
      assert.equal((await get(f, `/api/incidents/${gone}/history`)).res.headers.get('location'), `/api/incidents/${keep}/history`);
      const feed = await get(f, `/api/changes?after=${seq0}`);
      const merged = (feed.body.changes as Json[]).find((c) => c.kind === 'merged');
      assert.deepEqual([merged?.incidentId, merged?.into], [gone, keep]);
      const since = await get(f, `/api/incidents?since=${seq0}`);
      assert.equal(since.status, 200);
      assert.ok((since.body.changes as Json[]).some((c) => c.kind === 'merged' && c.incidentId === gone));
      assert.ok((since.body.incidents as Json[]).some((i) => i.incident_id === keep));
      assert.ok(!(since.body.incidents as Json[]).some((i) => i.incident_id === gone));
      assert.ok(since.body.last_seq > seq0);
      // A page of changes has no total, asked for or not.
      assert.equal((await get(f, `/api/incidents?since=${seq0}&with_total=true`)).body.total, undefined);
      const later = await get(f, `/api/incidents?since=${since.body.last_seq}`);
      assert.deepEqual(later.body.incidents, []);
      const byTime = await get(f, `/api/incidents?since=2000-01-01T00:00:00Z`);
      assert.ok((byTime.body.changes as Json[]).length > 0);
      assertBadParam(await get(f, '/api/incidents?since=yesterday'), 'since');
      assertBadParam(await get(f, '/api/changes?after=-1'), 'after');
    });

    test('login: an HttpOnly SameSite=Strict cookie; a write with it needs the CSRF token; logout ends it', async (t) => {
      if (skip) return t.skip(skip);
      const bad = await post(f, '/api/login', { token: 'wrong' });
      assert.equal(bad.status, 401);
      const login = await post(f, '/api/login', { token: f.reviewer });
      assert.equal(login.status, 200);
      assert.equal(login.body.role, 'reviewer');
      const cookies = login.res.headers.getSetCookie();
      const session = cookies.find((c) => c.startsWith('dossier_session='))!;
      assert.match(session, /HttpOnly/);
      assert.match(session, /SameSite=Strict/);
      const cookie = cookies.map((c) => c.split(';')[0]).join('; ');
      const me = await get(f, '/api/session', { cookie });
      assert.deepEqual([me.body.authenticated, me.body.name, me.body.csrf], [true, 'alice', login.body.csrf]);
      const note = { kind: 'note', text: 'checked against the ministry statement' };
      const noCsrf = await post(f, '/api/incidents/2/review', note, { cookie });
      assert.equal(noCsrf.status, 403);
      assert.equal(noCsrf.body.error.code, 'E_CSRF');
      const wrongCsrf = await post(f, '/api/incidents/2/review', note, { cookie, 'x-csrf-token': 'guess' });
      assert.equal(wrongCsrf.body.error.code, 'E_CSRF');
      const ok = await post(f, '/api/incidents/2/review', note, { cookie, 'x-csrf-token': login.body.csrf });
      assert.equal(ok.status, 201);
      const foreign = await post(f, '/api/incidents/2/review', note, { cookie, 'x-csrf-token': login.body.csrf, origin: 'http://evil.example' });
      assert.equal(foreign.status, 403);
      assert.equal((await post(f, '/api/logout', {}, { cookie })).status, 200);
      const after = await post(f, '/api/incidents/2/review', note, { cookie, 'x-csrf-token': login.body.csrf });
      assert.equal(after.status, 401);
      const readerLogin = await post(f, '/api/login', { token: f.reader });
      const rc = readerLogin.res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
      assert.equal((await post(f, '/api/incidents/2/review', note, { cookie: rc, 'x-csrf-token': readerLogin.body.csrf })).status, 403);
    });

    test('upload: a reviewer ingests files as the CLI does; a bad file among them stores nothing', async (t) => {
      if (skip) return t.skip(skip);
      const before = await f.store.counts();
      const good = 'BAGHDAD — A roadside bomb killed four soldiers and wounded six others on the outskirts of Baghdad on Tuesday, 14 March 2023, the interior ministry said. No group claimed responsibility for the attack.';
      const form = (files: [string, string | Uint8Array][]): FormData => {
        const fd = new FormData();
        for (const [n, body] of files) fd.append('file', new Blob([body as BlobPart]), n);
        return fd;
      };
      const up = (fd: FormData, h: Record<string, string>) => fetch(`${f.base}/api/documents`, { method: 'POST', body: fd, headers: h });
      assert.equal((await up(form([['a.txt', good]]), {})).status, 401);
      assert.equal((await up(form([['a.txt', good]]), bearer(f.reader))).status, 403);
      const mixed = await up(form([['a.txt', good], ['b.pdf', '%PDF-1.4 binary']]), bearer(f.reviewer));
      assert.equal(mixed.status, 415);
      const mb = (await mixed.json()) as Json;
      assert.equal(mb.error.code, 'E_INPUT_UNSUPPORTED');
      assert.deepEqual(mb.results.map((r: Json) => r.status), ['not stored', 'failed']);
      const empty = await up(form([['c.txt', '']]), bearer(f.reviewer));
      assert.equal(empty.status, 422);
      const binary = await up(form([['d.txt', new Uint8Array(4000).map((_, i) => i % 7)]]), bearer(f.reviewer));
      assert.ok(binary.status === 422, String(binary.status));
      const huge = await up(form([['e.txt', 'word '.repeat(2_200_000)]]), bearer(f.reviewer));
      assert.equal(huge.status, 413);
      assert.equal(((await huge.json()) as Json).error.code, 'E_INPUT_TOO_LARGE');
      assert.deepEqual(await f.store.counts(), before);
      const noFile = await fetch(`${f.base}/api/documents`, { method: 'POST', body: new FormData(), headers: bearer(f.reviewer) });
      assert.equal(noFile.status, 400);
      const ok = await up(form([['baghdad.txt', good]]), bearer(f.reviewer));
      assert.equal(ok.status, 201);
      const ob = (await ok.json()) as Json;
      assert.equal(ob.results[0].status, 'stored');
      assert.ok(ob.results[0].incidents.length >= 1);
      assert.equal((await f.store.counts()).documents, before.documents + 1);
      const again = (await (await up(form([['baghdad.txt', good]]), bearer(f.reviewer))).json()) as Json;
      assert.equal(again.results[0].status, 'duplicate');
      const inc = await get(f, `/api/incidents/${ob.results[0].incidents[0]}`);
      assert.equal(inc.status, 200);
    });

    test('failed logins are rate-limited per address with Retry-After', async (t) => {
      if (skip) return t.skip(skip);
      // A server of its own, with a small limit, so the other tests' logins are not counted.
      const s = await startServer({ store: f.store, host: '127.0.0.1', port: 0, loginLimit: { max: 3, windowMs: 60_000 } });
      try {
        const tryLogin = (token: string) => fetch(`${s.url}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token }) });
        for (let i = 0; i < 3; i++) assert.equal((await tryLogin(`wrong-${i}`)).status, 401);
        const limited = await tryLogin('wrong-again');
        assert.equal(limited.status, 429);
        assert.ok(Number(limited.headers.get('retry-after')) > 0);
        // Even the right token waits: the limit is on the address, not on the guess.
        assert.equal((await tryLogin(f.reviewer)).status, 429);
        const viaBearer = await fetch(`${s.url}/api/incidents`, { headers: bearer('wrong') });
        assert.equal(viaBearer.status, 429);
      } finally {
        await s.close();
      }
    });

    test('--require-auth (or a non-loopback host): reads need a token; the session and openapi stay open', async (t) => {
      if (skip) return t.skip(skip);
      const s = await startServer({ store: f.store, host: '127.0.0.1', port: 0, requireAuth: true });
      try {
        const anon = await fetch(`${s.url}/api/incidents`);
        assert.equal(anon.status, 401);
        assert.equal((await fetch(`${s.url}/api/incidents`, { headers: bearer(f.reader) })).status, 200);
        assert.equal((await fetch(`${s.url}/api/openapi.json`)).status, 200);
        const sess = (await (await fetch(`${s.url}/api/session`)).json()) as Json;
        assert.equal(sess.reads_need_auth, true);
        const adminUp = await fetch(`${s.url}/api/incidents/3/review`, { method: 'POST', headers: { 'content-type': 'application/json', ...bearer(f.admin) }, body: JSON.stringify({ kind: 'accept', field: 'date' }) });
        assert.equal(adminUp.status, 201);
      } finally {
        await s.close();
      }
    });

    test('a revoked token stops working', async (t) => {
      if (skip) return t.skip(skip);
      const { token } = await f.store.createToken('carol', 'reviewer');
      assert.equal((await post(f, '/api/incidents/3/review', { kind: 'note', text: 'x' }, bearer(token))).status, 201);
      await f.store.revokeToken('carol');
      // A fresh server: the running one trusts a verified token for a few seconds.
      const s = await startServer({ store: f.store, host: '127.0.0.1', port: 0 });
      try {
        const r = await fetch(`${s.url}/api/incidents/3/review`, { method: 'POST', headers: { 'content-type': 'application/json', ...bearer(token) }, body: '{"kind":"note","text":"y"}' });
        assert.equal(r.status, 401);
      } finally {
        await s.close();
      }
    });
  });
}

const sqlite = async (label: string): Promise<Fixture> => {
  const dir = mkdtempSync(join(tmpdir(), `dossier-api-${label}-`));
  return setup(join(dir, 'api.db'), async () => rmSync(dir, { recursive: true, force: true }));
};

const postgres = async (label: string): Promise<Fixture | null> => {
  if (await pgUnavailable()) return null;
  const db = await freshDatabase(`api_${label}`);
  return setup(db.url, db.drop);
};

readSuite('SQLite', () => sqlite('read'));
writeSuite('SQLite', () => sqlite('write'));
readSuite('PostgreSQL', () => postgres('read'));
writeSuite('PostgreSQL', () => postgres('write'));

const BIG_JS = `export const xs = [${Array.from({ length: 2000 }, (_, i) => i % 7).join(', ')}];\n`;

describe('static web app', () => {
  let s: RunningServer;
  let dir: string;
  let store: Store;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dossier-web-'));
    mkdirSync(join(dir, 'web', 'assets'), { recursive: true });
    writeFileSync(join(dir, 'web', 'index.html'), '<!doctype html><script type="module" src="/assets/app.js"></script>');
    writeFileSync(join(dir, 'web', 'assets', 'app.js'), 'console.log(1)');
    // A file the build precompressed (web/vite.config.ts): its .br and .gz copies beside it.
    writeFileSync(join(dir, 'web', 'assets', 'big.js'), BIG_JS);
    writeFileSync(join(dir, 'web', 'assets', 'big.js.br'), brotliCompressSync(BIG_JS));
    writeFileSync(join(dir, 'web', 'assets', 'big.js.gz'), gzipSync(BIG_JS));
    writeFileSync(join(dir, 'secret.txt'), 'secret');
    store = await openStore(join(dir, 'empty.db'));
    s = await startServer({ store, host: '127.0.0.1', port: 0, webDir: join(dir, 'web') });
  });
  after(async () => {
    await s.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('serves the files, index.html for app routes, never a file outside the folder', async () => {
    const root = await fetch(`${s.url}/`);
    assert.equal(root.status, 200);
    assert.match(root.headers.get('content-type')!, /text\/html/);
    assert.equal(root.headers.get('content-security-policy'), CSP);
    assert.match(await root.text(), /assets\/app\.js/);
    const route = await fetch(`${s.url}/incidents/12?country=RU`);
    assert.match(await route.text(), /assets\/app\.js/);
    const js = await fetch(`${s.url}/assets/app.js`);
    assert.match(js.headers.get('content-type')!, /javascript/);
    assert.match(js.headers.get('cache-control')!, /immutable/);
    assert.equal((await fetch(`${s.url}/assets/missing.js`)).status, 404);
    for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt']) {
      const r = await fetch(`${s.url}${p}`);
      assert.doesNotMatch(await r.text(), /^secret$/, p);
    }
  });

  test('precompressed files go as brotli or gzip as the browser accepts, with Vary; others as they are', async () => {
    const raw = async (path: string, enc?: string) => {
      const r = await request(s.url + path, { headers: enc ? { 'accept-encoding': enc } : {} });
      return { headers: r.headers, body: Buffer.from(await r.body.arrayBuffer()) };
    };
    const br = await raw('/assets/big.js', 'gzip, deflate, br');
    assert.equal(br.headers['content-encoding'], 'br');
    assert.equal(Number(br.headers['content-length']), br.body.length);
    assert.match(String(br.headers['content-type']), /javascript/);
    assert.match(String(br.headers.vary), /Accept-Encoding/);
    const gz = await raw('/assets/big.js', 'gzip');
    assert.equal(gz.headers['content-encoding'], 'gzip');
    assert.equal(gunzipSync(gz.body).toString(), BIG_JS);
    for (const enc of [undefined, 'identity', 'br;q=0, gzip;q=0', 'deflate']) {
      const r = await raw('/assets/big.js', enc);
      assert.equal(r.headers['content-encoding'], undefined, String(enc));
      assert.equal(r.body.toString(), BIG_JS);
    }
    assert.equal((await raw('/assets/big.js', '*')).headers['content-encoding'], 'br');
    assert.equal((await raw('/assets/big.js', '*, br;q=0')).headers['content-encoding'], 'gzip');
    // No precompressed copy: the file as it is, whatever the browser accepts.
    assert.equal((await raw('/assets/app.js', 'br, gzip')).headers['content-encoding'], undefined);
  });

  test('an empty store answers empty pages, not errors', async () => {
    const r = (await (await fetch(`${s.url}/api/incidents?with_total=true`)).json()) as Json;
    assert.deepEqual([r.incidents, r.next, r.total], [[], null, 0]);
    const st = (await (await fetch(`${s.url}/api/stats`)).json()) as Json;
    assert.equal(st.incidents, 0);
    assert.equal((await fetch(`${s.url}/api/export?format=gtd`)).status, 200);
  });
});


