import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import pg from 'pg';
import { DossierError } from '../model/index.js';
import { openStore, type Store } from '../store/index.js';
import { REPO_ROOT } from '../testing/fixtures.js';
import { freshDatabase, pgUnavailable } from '../testing/pg.js';
import { readFileSync } from 'node:fs';
import { intakeBuffer } from '../intake/index.js';
import { ingestPaths, processAndSave } from './ingest.js';
import { reprocess } from './reprocess.js';

const tmp = mkdtempSync(join(tmpdir(), 'dossier-reprocess-'));
const drops: (() => Promise<void>)[] = [];
after(async () => {
  rmSync(tmp, { recursive: true, force: true });
  for (const d of drops) await d();
});
const pgSkip = await pgUnavailable();

/** Three samples whose incidents merge across documents (two Crocus reports, two Paris reports) and one alone. */
const SAMPLES = ['01-crocus-early.txt', '02-crocus-later.html', '04-paris-early.txt', '05-paris-later.md', '09-kerch-bridge.txt'].map((f) => join(REPO_ROOT, 'samples', f));

/** Run SQL on the store behind the store's back (what an older Dossier left). */
async function raw(target: string, statement: string): Promise<void> {
  if (target.startsWith('postgres')) {
    const c = new pg.Client({ connectionString: target });
    await c.connect();
    await c.query(statement);
    await c.end();
  } else {
    const db = new Database(target);
    db.exec(statement);
    db.close();
  }
}

async function incidentsByDoc(store: Store): Promise<Map<string, number[]>> {
  const out = new Map<string, number[]>();
  for (const d of await store.webState().documentVersions()) out.set(d.id, await store.incidentIdsOfDocument(d.id));
  return out;
}

const BACKENDS = [
  { name: 'sqlite', skip: false as string | false, target: async () => join(tmp, `r${Math.random().toString(36).slice(2)}.db`) },
  { name: 'postgres', skip: pgSkip ?? (false as string | false), target: async () => { const d = await freshDatabase('reprocess'); drops.push(d.drop); return d.url; } },
];

for (const backend of BACKENDS) {
  describe(`reprocess (${backend.name})`, { skip: backend.skip }, () => {
    test('re-runs the pipeline from the kept bytes, keeps every incident id, and a second run does nothing', async () => {
      const target = await backend.target();
      let store = await openStore(target);
      await ingestPaths(store, SAMPLES, () => undefined);
      const before = await incidentsByDoc(store);
      const countsBefore = await store.counts();
      const listed = (await store.listIncidents()).map((i) => i.id);
      await store.close();
      // As if stored by an older pipeline.
      await raw(target, 'UPDATE documents SET pipeline_version = 7');
      store = await openStore(target);
      try {
        // A reviewer corrected one incident and noted another before the reprocess.
        const [a, b] = listed;
        await store.addReview(a!, { kind: 'correct', field: 'killed', value: 99 }, { actor: 'test', reason: 'the ministry\'s later figure' });
        await store.addReview(b!, { kind: 'note', text: 'check the date' }, { actor: 'test' });
        const reviewsBefore = [await store.reviewOf(a!), await store.reviewOf(b!)];
        const first = await reprocess(store);
        assert.equal(first.considered, SAMPLES.length);
        assert.equal(first.reprocessed, SAMPLES.length);
        assert.equal(first.failed, 0);
        assert.deepEqual(await incidentsByDoc(store), before, 'every document reports the same incidents, by id');
        assert.deepEqual(await store.counts(), countsBefore);
        assert.deepEqual((await store.listIncidents()).map((i) => i.id), listed);
        assert.deepEqual([await store.reviewOf(a!), await store.reviewOf(b!)], reviewsBefore, 'reviews are untouched and still apply');
        assert.equal((await store.reviewOf(a!)).fields.killed?.value, 99);
        const second = await reprocess(store);
        assert.equal(second.considered, 0, 'idempotent: nothing left to do');
        const forced = await reprocess(store, { force: true });
        assert.equal(forced.reprocessed, SAMPLES.length);
        assert.deepEqual(await incidentsByDoc(store), before);
        assert.equal((await store.listIncidents({ text: 'Crocus' })).length > 0, true, 'search words are still there');
      } finally {
        await store.close();
      }
    });

    test('a document saved with its bytes (an upload through the API) can be reprocessed', async () => {
      const store = await openStore(await backend.target());
      try {
        const raw = readFileSync(SAMPLES[4]!);
        const doc = intakeBuffer(raw, 'upload.txt');
        const res = await processAndSave(store, doc, raw);
        assert.equal(res.status, 'stored');
        assert.deepEqual((await store.webState().getIntake(doc.id))!.raw, raw);
        assert.equal((await reprocess(store, { force: true })).reprocessed, 1);
        assert.deepEqual(await store.incidentIdsOfDocument(doc.id), res.incidentIds.filter((x, i, a) => a.indexOf(x) === i).sort((a, b) => a - b));
      } finally {
        await store.close();
      }
    });

    test('--since-version names a version the store has; a document without kept bytes is skipped, with the reason', async () => {
      const target = await backend.target();
      let store = await openStore(target);
      await ingestPaths(store, SAMPLES.slice(0, 2), () => undefined);
      await store.close();
      const ids = [...(await (async () => { const s = await openStore(target); const m = await incidentsByDoc(s); await s.close(); return m; })()).keys()];
      await raw(target, `UPDATE documents SET pipeline_version = 5 WHERE id = '${ids[0]}'`);
      await raw(target, `UPDATE documents SET pipeline_version = 6 WHERE id = '${ids[1]}'`);
      await raw(target, `DELETE FROM document_intake WHERE doc_id = '${ids[1]}'`);
      store = await openStore(target);
      try {
        await assert.rejects(reprocess(store, { sinceVersion: 99 }), (e) => e instanceof DossierError && e.code === 'E_USAGE' && /99/.test(e.message));
        const events: string[] = [];
        const sum = await reprocess(store, { sinceVersion: 5, onEvent: (e) => events.push(`${e.status}${e.reason ? `: ${e.reason}` : ''}`) });
        assert.equal(sum.considered, 2);
        assert.equal(sum.reprocessed, 1);
        assert.equal(sum.skipped, 1);
        assert.ok(events.some((e) => /no raw bytes/.test(e)));
      } finally {
        await store.close();
      }
    });
  });
}
