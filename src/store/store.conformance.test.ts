import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import pg from 'pg';
import { intakeBuffer } from '../intake/index.js';
import { PIPELINE_VERSION, runPipeline, saveResolved } from '../pipeline/index.js';
import type { Annotations, Doc, IncidentReport } from '../model/index.js';
import { bodyText, type SaveExtras, type SaveResult } from '../resolve/resolver.js';
import { hamming, simhash } from '../resolve/simhash.js';
import { readFixture, REPO_ROOT } from '../testing/fixtures.js';
import { freshDatabase, pgUnavailable } from '../testing/pg.js';
import { openStore } from './index.js';
import type { Store } from './types.js';

/**
 * One suite every backend must pass. Add a backend by adding a factory here;
 * tests that need a capability check the flag, never the backend's name.
 */
const tmp = mkdtempSync(join(tmpdir(), 'dossier-store-'));
after(() => rmSync(tmp, { recursive: true, force: true }));
let n = 0;
const pgSkip = await pgUnavailable();
const dropAfter: (() => Promise<void>)[] = [];
after(async () => {
  for (const d of dropAfter) await d();
});
/** Each backend: a fresh, empty store per call. PostgreSQL is skipped, with the reason, on a machine without a server. */
export const BACKENDS: { name: string; skip: string | false; target: () => Promise<string> }[] = [
  { name: 'sqlite', skip: false, target: async () => join(tmp, `t${n++}.db`) },
  {
    name: 'postgres', skip: pgSkip ?? false,
    target: async () => {
      const db = await freshDatabase('conformance');
      dropAfter.push(db.drop);
      return db.url;
    },
  },
];

/** Resolve and save, as ingest does. */
function sv(s: Store, doc: Doc, ann: Annotations, reports: IncidentReport[], extras: SaveExtras = {}): Promise<SaveResult> {
  return saveResolved(s, { doc, ann, reports, pipelineVersion: PIPELINE_VERSION(), extras });
}

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

function kabul() {
  const doc = intakeBuffer(Buffer.from(readFixture('extract', 'fixtures', 'kabul-airport.txt')), 'kabul.txt', 'text');
  return { doc, st: runPipeline(doc) };
}

for (const b of BACKENDS) {
  describe(`store conformance: ${b.name}`, { skip: b.skip }, () => {
    test('saves a document with its annotations and reports, and reads them back', { skip: b.skip }, async () => {
      const s = await openStore(await b.target());
      const { doc, st } = kabul();
      const res = (await sv(s, doc, st.ann, st.incidents));
      assert.equal(res.status, 'stored');
      assert.equal(res.incidentIds.length, st.incidents.length);
      assert.equal((await s.getDocument(doc.id))?.text, doc.text);
      assert.equal((await s.getAnnotations(doc.id))?.mentions.length, st.ann.mentions.length);
      const inc = (await s.getIncident(res.incidentIds[0]!));
      assert.deepEqual(inc?.reports[0], JSON.parse(JSON.stringify(st.incidents[0])));
      await s.close();
    });

    test('eachIncident streams what listIncidents lists; claimsAbout reads only a report\'s claims', { skip: b.skip }, async () => {
      const s = await openStore(await b.target());
      const { doc, st } = kabul();
      await sv(s, doc, st.ann, st.incidents, { claims: st.claims });
      for (const f of [{}, { country: 'AF' }, { text: 'Abbey Gate' }, { from: '2021-08', to: '2021-08' }]) {
        assert.deepEqual(await collect(s.eachIncident(f)), (await s.listIncidents(f)));
      }
      const all = (await s.listIncidents());
      assert.deepEqual(all.map((i) => i.id), [...all.map((i) => i.id)].sort((a, b) => a - b), 'in id order');
      for (const inc of all) assert.deepEqual(inc, (await s.getIncident(inc.id)));
      for (const r of st.incidents) {
        assert.deepEqual((await s.claimsAbout(doc.id, r.index)), (await s.claimsOf(doc.id)).filter((c) => c.incidents.includes(r.index)));
      }
      assert.ok(st.claims.length > 0 && (await s.claimsOf(doc.id)).length === st.claims.length);
      // A document's text and annotation layers are read when first used, and read right.
      const d = (await s.getDocument(doc.id))!;
      assert.equal(d.meta.published, doc.meta.published);
      assert.equal(JSON.parse(JSON.stringify(d)).text, doc.text);
      assert.deepEqual(JSON.parse(JSON.stringify((await s.getAnnotations(doc.id)))), JSON.parse(JSON.stringify(st.ann)));
      await s.close();
    });

    test('the same content twice is a no-op', { skip: b.skip }, async () => {
      const s = await openStore(await b.target());
      const { doc, st } = kabul();
      await sv(s, doc, st.ann, st.incidents);
      const before = (await s.counts());
      assert.equal((await s.hasDocument(doc.id)), true);
      assert.equal((await sv(s, doc, st.ann, st.incidents)).status, 'duplicate');
      assert.deepEqual((await s.counts()), before);
      await s.close();
    });

    test('storedDocuments: which of a list are stored, in one query; a quote or a missing id is no match', { skip: b.skip }, async () => {
      const s = await openStore(await b.target());
      const { doc, st } = kabul();
      await sv(s, doc, st.ann, st.incidents);
      const unknown = 'f'.repeat(64);
      assert.deepEqual([...(await s.storedDocuments([unknown, doc.id, doc.id]))], [doc.id]);
      assert.deepEqual([...(await s.storedDocuments([]))], []);
      // Negative: ids that are no stored id, however they are spelt, match nothing.
      assert.deepEqual([...(await s.storedDocuments([unknown, doc.id.toUpperCase(), doc.id.slice(0, 13), `${doc.id}'`, "' OR 1=1 --"]))], []);
      await s.close();
    });

    test('the port reads several documents\' sketches in one query, as it reads one', { skip: b.skip }, async () => {
      const s = await openStore(await b.target());
      const { doc, st } = kabul();
      await sv(s, doc, st.ann, st.incidents);
      const [one, many, none] = await s.write(async (port) => [await port.sketchOf(doc.id), await port.sketchesOf([doc.id, 'f'.repeat(64), doc.id]), await port.sketchesOf([])] as const);
      assert.ok(one && one.sketch && one.sketch.length > 0);
      assert.deepEqual([...many.keys()], [doc.id]);
      assert.deepEqual({ ...many.get(doc.id)!, sketch: [...many.get(doc.id)!.sketch!] }, { ...one, sketch: [...one.sketch] });
      assert.equal(none.size, 0);
      assert.equal(await s.write((port) => port.sketchOf('f'.repeat(64))), null);
      await s.close();
    });

    test('filters by date, country, type and words', { skip: b.skip }, async () => {
      const s = await openStore(await b.target());
      const { doc, st } = kabul();
      await sv(s, doc, st.ann, st.incidents);
      assert.equal((await s.listIncidents({ from: '2021-08-01', to: '2021-08-31' })).length, 1);
      assert.equal((await s.listIncidents({ from: '2022-01-01' })).length, 0);
      assert.ok((await s.listIncidents({ country: 'AF' })).length >= 1);
      assert.ok((await s.listIncidents({ country: 'afghanistan' })).length >= 1);
      assert.equal((await s.listIncidents({ country: 'FR' })).length, 0);
      assert.ok((await s.listIncidents({ country: 'af' })).length >= 1, 'a code in any case');
      assert.ok((await s.listIncidents({ country: 'AFGHANISTAN' })).length >= 1, 'a name in any case');
      assert.equal((await s.listIncidents({ type: 'suicide bomb' })).length, 1);
      assert.equal((await s.listIncidents({ type: 'Bombing/Explosion' })).length, 2); // the drone strike is one too
      if (s.capabilities.fullTextSearch) {
        assert.equal((await s.listIncidents({ text: 'Abbey Gate' })).length, 1);
        assert.equal((await s.listIncidents({ text: 'zzzunknownword' })).length, 0);
        // FTS syntax in user words is treated as words, not operators.
        await assert.doesNotReject(() => s.listIncidents({ text: 'NEAR(" OR *' }));
      }
      await s.close();
    });

    test('a failed save leaves the store as it was', { skip: b.skip }, async () => {
      const s = await openStore(await b.target());
      const { doc, st } = kabul();
      const broken = st.incidents.map((r) => ({ ...r, id: 'same-id' })); // duplicate report ids violate the key
      await assert.rejects(() => (sv(s, doc, st.ann, broken)), /could not save/);
      assert.deepEqual((await s.counts()), { documents: 0, incidents: 0, reports: 0 });
      assert.equal((await s.hasDocument(doc.id)), false);
      await s.close();
    });
  });
}

for (const b of BACKENDS) {
  test(`store conformance: ${b.name}: regression — a rolled-back save leaves no stale entity ids for the next save`, { skip: b.skip }, async () => {
    const s = await openStore(await b.target());
    const { doc, st } = kabul();
    const broken = st.incidents.map((r) => ({ ...r, id: 'same-id' }));
    await assert.rejects(() => (sv(s, doc, st.ann, broken)));
    assert.equal((await sv(s, doc, st.ann, st.incidents)).status, 'stored');
    assert.ok((await s.listEntities()).length > 0);
    await s.close();
  });
}

for (const b of BACKENDS) {
  // Every store of a process shares one async context for its open transactions (sql-store.ts,
  // OPEN_TX): each must still find its own transaction, and only its own.
  test(`store conformance: ${b.name}: regression — a transaction of one store inside another's writes each store in its own`, { skip: b.skip }, async () => {
    const [s, t] = [await openStore(await b.target()), await openStore(await b.target())];
    await assert.rejects(() => s.transaction(async () => {
      await s.setInfo('probe', 'outer');
      await t.transaction(async () => {
        await t.setInfo('probe', 'inner');
        // Inside the inner, the outer store still reads its own uncommitted write.
        assert.equal(await s.getInfo('probe'), 'outer');
      });
      throw new Error('roll the outer back');
    }), /roll the outer back/);
    // The inner committed on its own store; the outer's write rolled back and never reached the inner's.
    assert.deepEqual([await s.getInfo('probe'), await t.getInfo('probe')], [null, 'inner']);
    await s.close();
    await t.close();
  });
}

// ---- Regressions from issue 9: what the user gave is never lost or miscounted. ----

function saveText(s: Store, text: string, name: string): Promise<SaveResult> {
  const doc = intakeBuffer(Buffer.from(text), name, 'text');
  const st = runPipeline(doc);
  return sv(s, doc, st.ann, st.incidents, { claims: st.claims, quotes: st.quotes, relations: st.relations });
}

/** Statements that take a store back to migration 17's near-copy index (sketch_index, by document id). */
function toVersion17(backend: string): string[] {
  const prefix = backend === 'sqlite' ? "printf('%013x', k.doc_key)" : "lpad(to_hex(k.doc_key), 13, '0')";
  return [
    backend === 'sqlite'
      ? 'CREATE TABLE sketch_index (sample INTEGER NOT NULL, doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE, PRIMARY KEY (sample, doc_id)) WITHOUT ROWID'
      : 'CREATE TABLE sketch_index (sample BIGINT NOT NULL, doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE, PRIMARY KEY (sample, doc_id))',
    `INSERT INTO sketch_index (sample, doc_id) SELECT k.sample, d.id FROM sketch_keys k JOIN documents d ON substr(d.id, 1, 13) = ${prefix}`,
    'DROP TABLE sketch_keys',
    'DELETE FROM schema_migrations WHERE version = 18',
  ];
}

/** One statement on a store's database, outside Dossier: its rows. */
async function rawSql(target: string, q: string): Promise<Record<string, unknown>[]> {
  if (!target.startsWith('postgres')) {
    const db = new Database(target);
    try {
      const st = db.prepare(q);
      return st.reader ? (st.all() as Record<string, unknown>[]) : (st.run(), []);
    } finally {
      db.close();
    }
  }
  const c = new pg.Client({ connectionString: target });
  await c.connect();
  try {
    return (await c.query(q)).rows.map((r: Record<string, unknown>) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v])));
  } finally {
    await c.end();
  }
}

/** A long report of our own: the Kabul fixture followed by eight reports of the merge corpus (1,600 words). */
function longReport(): string {
  const kabul = readFixture('extract', 'fixtures', 'kabul-airport.txt').replace(/No comments:[\s\S]*$/, '');
  const others = ['02-barcelona-friday.txt', '06-berlin-tuesday.txt', '10-elpaso-toll-rises.txt', '14-westminster-thursday.txt', '18-london-bridge-sunday.md',
    '22-charlie-hebdo-survivors.md', '25-hypercacher-stormed.txt', '28-orlando-pulse-toll.txt']
    .map((f) => readFileSync(join(REPO_ROOT, 'data', 'merge-corpus', 'reports', f), 'utf8').split('\n').slice(3).join('\n'));
  return [kabul, ...others].join('\n\n');
}

const FIGURES = 'at least 170 people were killed and more than 150 others injured';
const REVISED = 'at least 175 people were killed and more than 160 others injured';

for (const b of BACKENDS) {
  describe(`store conformance: ${b.name}: near copies (regressions)`, () => {
    test('an update of a long report (new figures) is stored, joins the incident, enters the conflicts and counts as the same source', { skip: b.skip }, async () => {
      const s = await openStore(await b.target());
      const base = longReport();
      assert.ok(base.includes(FIGURES));
      const first = (await saveText(s, base, 'wire.txt'));
      const upd = (await saveText(s, base.replace(FIGURES, REVISED), 'wire-updated.txt'));
      // Before: the update was taken for a repost of the same text and nothing was extracted from it.
      assert.equal(upd.status, 'update');
      assert.equal(upd.updateOf?.source, 'wire.txt');
      assert.deepEqual(new Set(upd.incidentIds), new Set(first.incidentIds));
      const kabul = (await s.listIncidents({ text: 'Abbey Gate' }));
      assert.equal(kabul.length, 1);
      const killed = kabul[0]!.reports.map((r) => r.killedVictims?.value.value).sort();
      assert.deepEqual(killed, [170, 175]);
      assert.equal(kabul[0]!.reports.length, 2);
      assert.equal(kabul[0]!.sources, 1);
      await s.close();
    });

    test('an update whose date words changed is joined to the same incident, not split off by the date veto', { skip: b.skip }, async () => {
      const s = await openStore(await b.target());
      const base = longReport();
      const first = (await saveText(s, base, 'wire.txt'));
      const upd = (await saveText(s, base.replace('On the evening of August 26', 'On the evening of August 25'), 'wire-corrected.txt'));
      assert.equal(upd.status, 'update');
      const inc = (await s.getIncident(first.incidentIds[0]!))!;
      assert.deepEqual(inc.reports.map((r) => r.date.value.day).sort(), [25, 26]);
      assert.equal(inc.sources, 1);
      await s.close();
    });

    test('a copy with one sentence added that states no new fact is a repost; one that adds a claim is an update; both one source', { skip: b.skip }, async () => {
      const s = await openStore(await b.target());
      const base = readFixture('extract', 'fixtures', 'kabul-airport.txt');
      const first = (await saveText(s, base, 'kabul.txt'));
      const plain = base.replace('No comments:', 'The article was corrected to fix a spelling mistake in the second paragraph.\n\nNo comments:');
      const rep = (await saveText(s, plain, 'kabul-edited.txt'));
      assert.equal(rep.status, 'repost');
      // The SimHash distance is made of both bodies when the repost is found (no SimHash is stored any more).
      const body = (t: string, name: string): string => bodyText(intakeBuffer(Buffer.from(t), name, 'text'));
      assert.equal(rep.repostOf!.distance, hamming(simhash(body(plain, 'kabul-edited.txt'))!, simhash(body(base, 'kabul.txt'))!));
      assert.ok(rep.repostOf!.distance > 0, 'the added sentence moves some bits');
      assert.equal((await s.locationsOf((await s.getIncident(first.incidentIds[0]!))!.reports[0]!.docId)).length, 1);
      const claim = base.replace('No comments:', 'A hospital spokesman said the wards were full and more blood donors were needed for the wounded.\n\nNo comments:');
      const upd = (await saveText(s, claim, 'kabul-spokesman.txt'));
      assert.equal(upd.status, 'update');
      for (const id of first.incidentIds) assert.equal((await s.getIncident(id))!.sources, 1);
      // The batch read an incident's page makes says what the per-document reads say.
      const docIds = [...new Set((await s.getIncidents(first.incidentIds)).flatMap((i) => i.reports.map((r) => r.docId)))];
      const batch = await s.documentSources([...docIds, 'no-such-document']);
      for (const d of docIds) assert.deepEqual(batch.get(d), { updateOf: await s.originalOf(d), alsoAt: await s.locationsOf(d) }, d);
      assert.ok([...batch.values()].some((x) => x.updateOf !== null) && [...batch.values()].some((x) => x.alsoAt.length === 1), 'an update and a repost among them');
      assert.equal(batch.has('no-such-document'), false);
      await s.close();
    });

    test('migration 18: a store whose near-copy index is by document id finds its near copies once reopened; a detached document leaves no index rows', { skip: b.skip }, async () => {
      const target = await b.target();
      const base = readFixture('extract', 'fixtures', 'kabul-airport.txt');
      let s = await openStore(target);
      const first = await saveText(s, base, 'kabul.txt');
      const docId = (await s.getIncident(first.incidentIds[0]!))!.reports[0]!.docId;
      await s.close();
      const rows = await rawSql(target, 'SELECT count(*) AS n FROM sketch_keys');
      assert.ok(Number(rows[0]!.n) > 0);
      // The store as migration 17 left it: the index by document id, and no migration 18.
      for (const q of toVersion17(b.name)) await rawSql(target, q);
      assert.deepEqual(await rawSql(target, 'SELECT count(*) AS n FROM sketch_index'), rows);
      s = await openStore(target);
      assert.deepEqual(await rawSql(target, 'SELECT count(*) AS n FROM sketch_keys'), rows);
      const plain = base.replace('No comments:', 'The article was corrected to fix a spelling mistake in the second paragraph.\n\nNo comments:');
      assert.equal((await saveText(s, plain, 'kabul-edited.txt')).status, 'repost');
      await s.write(() => s.webState().detachDocument(docId));
      await s.close();
      assert.deepEqual((await rawSql(target, 'SELECT count(*) AS n FROM sketch_keys')).map((r) => Number(r.n)), [0]);
    });

    test('two different reports of one incident stay two sources', { skip: b.skip }, async () => {
      const s = await openStore(await b.target());
      const dir = join(REPO_ROOT, 'data', 'merge-corpus', 'reports');
      const a = (await saveText(s, readFileSync(join(dir, '13-westminster-early.txt'), 'utf8'), '13.txt'));
      const c = (await saveText(s, readFileSync(join(dir, '14-westminster-thursday.txt'), 'utf8'), '14.txt'));
      assert.equal(a.status, 'stored');
      assert.equal(c.status, 'stored');
      const joined = c.mergedInto?.[0];
      assert.ok(joined !== undefined);
      assert.equal((await s.getIncident(joined))!.sources, 2);
      await s.close();
    });
  });

  test(`store conformance: ${b.name}: regression — a month or year bound covers the whole month or year`, { skip: b.skip }, async () => {
    const s = await openStore(await b.target());
    const { doc, st } = kabul(); // the bombing is dated 2021-08-26
    await sv(s, doc, st.ann, st.incidents);
    const bombing = async (f: Parameters<Store['listIncidents']>[0]): Promise<number> => (await s.listIncidents({ ...f, text: 'Abbey Gate' })).length;
    assert.equal(await bombing({ to: '2021-08' }), 1, 'before: --to 2021-08 dropped 26 August');
    assert.equal(await bombing({ from: '2021-08', to: '2021-08' }), 1);
    assert.equal(await bombing({ from: '2021', to: '2021' }), 1);
    assert.equal(await bombing({ to: '2021' }), 1);
    assert.equal(await bombing({ from: '2021-08-26', to: '2021-08-26' }), 1);
    assert.equal(await bombing({ to: '2021-07' }), 0);
    assert.equal(await bombing({ from: '2021-09' }), 0);
    assert.equal(await bombing({ to: '2021-08-25' }), 0);
    assert.equal(await bombing({ from: '2022' }), 0);
    // An incident dated only to a month meets any bound inside that month.
    await saveText(s, 'Kandahar, 3 October 2021\n\nIn September 2021, a roadside bomb exploded near a market in Kandahar, Afghanistan, killing five people and injuring twelve, police said.\n', 'kandahar.txt');
    const month = async (f: Parameters<Store['listIncidents']>[0]): Promise<number> => (await s.listIncidents({ ...f, text: 'Kandahar' })).length;
    assert.equal((await s.listIncidents({ text: 'Kandahar' }))[0]?.reports[0]?.date.value.precision, 'month');
    assert.equal(await month({ from: '2021-09-15' }), 1);
    assert.equal(await month({ to: '2021-09-02' }), 1);
    assert.equal(await month({ from: '2021-10-01' }), 0);
    assert.equal(await month({ to: '2021-08-31' }), 0);
    await s.close();
  });
}

/** A coder's note of our own words as the `acled-merge` eval ingests it: published the day after `day`. */
function saveNote(s: Store, published: string, note: string, name: string): Promise<SaveResult> {
  return saveText(s, `${published}\n\n${note}\n`, name);
}

for (const b of BACKENDS) {
  describe(`store conformance: ${b.name}: notes of one district (merge regressions)`, () => {
    test('two notes dated 2 and 3 March in one town are two incidents; two reports of one day are one', { skip: b.skip }, async () => {
      const s = await openStore(await b.target());
      const a = (await saveNote(s, '2020-03-03', 'On 2 March 2020, Taliban militants attacked a police check point in Qalat city, Zabul. 2 policemen were killed.', 'a.txt'));
      const c = (await saveNote(s, '2020-03-04', 'On 3 March 2020, Taliban militants attacked a police check point in Qalat city, Zabul. 2 policemen were killed.', 'c.txt'));
      assert.equal(a.incidentIds.length, 1);
      assert.equal(c.mergedInto, undefined, 'before: "a day apart" joined two written calendar days');
      await s.close();
    });

    test('an undated note published days after a dated one joins it only through a name both give', { skip: b.skip }, async () => {
      const s = await openStore(await b.target());
      await saveNote(s, '2015-04-13', 'On 12 April 2015, hundreds of traders held a demonstration in the streets of Mombasa against new market fees.', 'a.txt');
      const later = (await saveNote(s, '2015-04-17', 'Youths held a demonstration in Mombasa and named three preachers they say recruit fighters.', 'b.txt'));
      assert.equal(later.mergedInto, undefined, 'before: the one protest of Mombasa in ten days took it');
      await s.close();
    });
  });
}

// ---- The filters the API needs (issue 11): an actor, a bounding box, date order by keyset. ----

for (const b of BACKENDS) {
  test(`store conformance: ${b.name}: --actor, --bbox and pages in date order`, { skip: b.skip }, async () => {
    const s = await openStore(await b.target());
    const { doc, st } = kabul(); // the bombing (26 August 2021, targets the Abbey Gate) and an undated drone strike, both in Kabul
    await sv(s, doc, st.ann, st.incidents);
    await saveText(s, 'Kandahar, 3 October 2021\n\nOn 1 September 2021, a roadside bomb exploded near a market in Kandahar, Afghanistan, killing five people, police said.\n', 'kandahar.txt');
    const ids = async (f: Parameters<Store['listIncidents']>[0]): Promise<number[]> => (await s.listIncidents(f)).map((i) => i.id);
    assert.equal((await ids({ actor: 'abbey gate' })).length, 1);
    assert.equal((await ids({ actor: 'ABBEY' })).length, 1, 'any case, any part of the name');
    assert.equal((await ids({ actor: 'zzz nobody' })).length, 0);
    assert.equal((await ids({ actor: '%' })).length, 0, 'LIKE wildcards in user words match nothing special');
    const kabulBox: [number, number, number, number] = [68.9, 34.3, 69.4, 34.7];
    assert.equal((await ids({ bbox: kabulBox })).length, 2);
    assert.equal((await ids({ bbox: [65.5, 31.4, 65.9, 31.8] })).length, 1, 'Kandahar');
    assert.equal((await ids({ bbox: [0, 0, 1, 1] })).length, 0);
    assert.equal((await ids({ bbox: kabulBox, from: '2021-08-26', to: '2021-08-26' })).length, 1, 'with another filter');
    // Date order, a page of one at a time: dated incidents by date, undated last, every one once.
    const seen: { id: number; date: string }[] = [];
    let after: Awaited<ReturnType<Store['incidentPageByDate']>>['next'] = null;
    do {
      const page = await s.incidentPageByDate({}, after, 1);
      for (const inc of page.incidents) seen.push({ id: inc.id, date: inc.reports.map((r) => r.date.value.year ? `${r.date.value.year}-${r.date.value.month}` : '9999').sort()[0]! });
      after = page.next;
    } while (after);
    assert.deepEqual(seen.map((x) => x.id).sort((x, y) => x - y), (await ids({})).sort((x, y) => x - y));
    assert.deepEqual(seen.map((x) => x.date), ['2021-8', '2021-9', '9999']);
    const onlyKabul = await s.incidentPageByDate({ bbox: kabulBox }, null, 10);
    assert.equal(onlyKabul.incidents.length, 2);
    assert.equal(onlyKabul.next, null);
    await s.close();
  });
}
