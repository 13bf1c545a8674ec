import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import pg from 'pg';
import { ingestPaths } from '../pipeline/index.js';
import { REPO_ROOT } from '../testing/fixtures.js';
import { freshDatabase, pgUnavailable } from '../testing/pg.js';
import { isPostgresUrl, openStore, type IncidentFilter, type Store } from './index.js';
import { countKey, type SqlStore } from './sql/sql-store.js';
import { KEEP_REVISIONS } from './sql/touches.js';

/**
 * `with_total` (countIncidents) is cached per filter under the store's write revision (migration
 * 15). On every backend: after each kind of write (a save, a review correction, a merge, a split, a
 * rejection and its undo) the next count is the new one, in the process that wrote and in another
 * connection that had the old count cached (a second worker of `serve --workers`, or a server while
 * `dossier ingest` runs). The reference is the listing's length, which no cache or tally answers.
 */
const tmp = mkdtempSync(join(tmpdir(), 'dossier-counts-'));
const pgSkip = (await pgUnavailable()) ?? false;
after(() => rmSync(tmp, { recursive: true, force: true }));

const SAMPLES = join(REPO_ROOT, 'samples');
const FILTERS: IncidentFilter[] = [{}, { country: 'RU' }, { from: '2017', to: '2019-06' }, { type: 'bombing' }, { text: 'police' }, { reviewed: true }, { excludeRejected: false }];

/** Every page of `f` in id order, `order` given, two incidents at a time. */
async function idPages(h: Store, f: IncidentFilter, order: 'asc' | 'desc'): Promise<number[]> {
  const out: number[] = [];
  let after: number | null = null;
  for (let guard = 0; guard < 10_000; guard++) {
    const page = await (h as SqlStore).incidentIdPage(f, after, 2, order);
    out.push(...page.ids);
    if (page.next === null) return out;
    after = page.next;
  }
  throw new Error('the pages never ended');
}

/**
 * Every filter's count, in both handles, is the listing's length, and its pages in id order (both
 * ways; read from the count's kept members once the count has read them) are the listing's ids.
 * Returns the counts of the first handle.
 */
async function assertCounts(a: Store, b: Store, why: string): Promise<number[]> {
  const out: number[] = [];
  for (const f of FILTERS) {
    const listed = (await a.listIncidents(f)).map((i) => i.id).sort((x, y) => x - y);
    const want = listed.length;
    assert.equal(await a.countIncidents(f), want, `${why}: count of ${JSON.stringify(f)} in the writing process`);
    assert.equal(await b.countIncidents(f), want, `${why}: count of ${JSON.stringify(f)} in another connection`);
    for (const [h, who] of [[a, 'the writing process'], [b, 'another connection']] as const) {
      assert.deepEqual(await idPages(h, f, 'asc'), listed, `${why}: pages of ${JSON.stringify(f)} in id order, ${who}`);
      assert.deepEqual(await idPages(h, f, 'desc'), [...listed].reverse(), `${why}: pages of ${JSON.stringify(f)} newest id first, ${who}`);
    }
    out.push(want);
  }
  return out;
}

for (const backend of [
  { name: 'sqlite', skip: false as const },
  { name: 'postgres', skip: pgSkip },
]) {
  describe(`with_total counts: ${backend.name}`, { skip: backend.skip }, () => {
    test('every kind of write changes the next total, in this process and in another connection', async () => {
      const db = backend.name === 'postgres' ? await freshDatabase('counts') : null;
      const target = db?.url ?? join(tmp, 'c.db');
      const files = readdirSync(SAMPLES).sort();
      const a = await openStore(target);
      await ingestPaths(a, files.slice(0, -1).map((f) => join(SAMPLES, f)), () => undefined);
      const b = await openStore(target, { readonly: true });
      try {
        const rev0 = await (a as SqlStore).revision();
        let before = await assertCounts(a, b, 'as ingested');
        assert.ok(before[0]! >= 6, `the samples give a real store (${before[0]} incidents)`);

        // A save: the last sample adds at least one incident.
        await ingestPaths(a, [join(SAMPLES, files[files.length - 1]!)], () => undefined);
        assert.ok((await (a as SqlStore).revision()) > rev0, 'a save moves the revision');
        let now = await assertCounts(a, b, 'after a save');
        assert.ok(now[0]! > before[0]!, 'a save adds to the total');

        // A review correction marks the incident reviewed: reviewed=true counts one more.
        const ids = (await a.listIncidents()).map((i) => i.id);
        before = now;
        await a.addReview(ids[0]!, { kind: 'correct', field: 'killed', value: 77 }, { actor: 'alice' });
        now = await assertCounts(a, b, 'after a correction');
        assert.equal(now[5], before[5]! + 1, 'a corrected incident is a reviewed one');

        // A merge: one incident fewer.
        before = now;
        await a.addReview(ids[1]!, { kind: 'merge', other: ids[2]! }, { actor: 'alice' });
        now = await assertCounts(a, b, 'after a merge');
        assert.equal(now[0], before[0]! - 1, 'a merge leaves one incident of two');

        // A split: one more.
        const multi = (await a.listIncidents()).find((i) => i.reports.length > 1);
        assert.ok(multi, 'an incident told by two reports');
        before = now;
        await a.addReview(multi.id, { kind: 'split', reportId: multi.reports[multi.reports.length - 1]!.id }, { actor: 'alice' });
        now = await assertCounts(a, b, 'after a split');
        assert.equal(now[0], before[0]! + 1, 'a split makes a new incident');

        // A rejection (the API's delete) leaves the listing, not the listing that keeps rejected ones; its undo brings it back.
        before = now;
        const rec = await a.addReview(ids[3]!, { kind: 'reject-incident' }, { actor: 'alice', reason: 'not an incident' });
        now = await assertCounts(a, b, 'after a rejection');
        assert.equal(now[0], before[0]! - 1, 'a rejected incident is not counted');
        assert.equal(now[6], before[6], 'but is with include_rejected');
        await a.addReview(ids[3]!, { kind: 'undo', recordId: rec.id }, { actor: 'alice' });
        now = await assertCounts(a, b, 'after the undo');
        assert.equal(now[0], before[0], 'the undo counts it again');

        // Writes that change no incident move the revision too (no write path is left out), and a
        // write that fails and rolls back leaves it where it was.
        let rev = await (a as SqlStore).revision();
        await a.setInfo('note', 'x');
        await a.webState().addFeed('https://example.org/feed.xml');
        await a.createToken('bob', 'reviewer');
        assert.equal(await (a as SqlStore).revision(), rev + 3, 'each write transaction moves it once');
        rev = await (a as SqlStore).revision();
        await assert.rejects(a.addReview(ids[0]!, { kind: 'merge', other: ids[0]! }, { actor: 'alice' }));
        assert.equal(await (a as SqlStore).revision(), rev, 'a refused write does not');
        await assertCounts(a, b, 'at the end');
        // Inside a write of this process its pages are read by SQL, which sees the write, as the listing
        // does; the members kept for the filter (read just above) do not hold it yet.
        const ru = (await a.listIncidents({ country: 'RU' }))[0]!.id;
        await a.transaction(async () => {
          await a.addReview(ru, { kind: 'reject-incident' }, { actor: 'alice', reason: 'a test inside a write' });
          const listed = (await a.listIncidents({ country: 'RU' })).map((i) => i.id).sort((x, y) => x - y);
          assert.ok(!listed.includes(ru), 'the rejection is seen inside its write');
          assert.deepEqual(await idPages(a, { country: 'RU' }, 'asc'), listed, 'pages inside a write see it too');
        });
        await assertCounts(a, b, 'after a rejection inside an outer write');
        // Those counts after each write came from the incidents it changed (migration 17), not a recount.
        for (const [h, who] of [[a, 'the writing process'], [b, 'another connection']] as const) {
          const st = (h as SqlStore).countStats();
          assert.ok(st.updated >= 6 * (FILTERS.length - 1), `${who}: filtered counts brought up to date (${JSON.stringify(st)})`);
        }

        // The unfiltered total is the tally the triggers keep (migration 16), checked against the walk
        // above after every write; with a stale headline (a store from before migration 12, where h_kind
        // does not yet say which incidents have reports) it is counted instead.
        const listed = (await a.listIncidents()).length;
        await rawExec(target, `UPDATE incidents SET h_stale = 1, h_kind = NULL WHERE id = ${ids[0]!}`);
        const fresh = await openStore(target, { readonly: true });
        try {
          assert.equal(await fresh.countIncidents(), listed, 'a stale headline: the total is counted');
        } finally {
          await fresh.close();
        }

        // SQLite's full-text rows stay in their incident's rowid range through the merge and the split.
        if (!isPostgresUrl(target)) {
          const raw = new Database(target, { readonly: true });
          const off = raw.prepare('SELECT count(*) AS n FROM incident_text WHERE (rowid >> 24) != incident_id').get() as { n: number };
          const rows = raw.prepare('SELECT (SELECT count(*) FROM incident_text) AS t, (SELECT count(*) FROM reports) AS r').get() as { t: number; r: number };
          raw.close();
          assert.equal(off.n, 0, 'every full-text row in its incident\'s range');
          assert.equal(rows.t, rows.r, 'one full-text row per report');
        }
      } finally {
        await b.close();
        await a.close();
        await db?.drop();
      }
    });

    test('a kept count is brought up to date from the incidents a write changed; too old a count is counted again', async () => {
      const db = backend.name === 'postgres' ? await freshDatabase('counts_touch') : null;
      const target = db?.url ?? join(tmp, 't.db');
      const files = readdirSync(SAMPLES).sort();
      const a = await openStore(target);
      const b = await openStore(target, { readonly: true });
      try {
        await ingestPaths(a, files.slice(0, 4).map((f) => join(SAMPLES, f)), () => undefined);
        const f: IncidentFilter = { text: 'police' };
        const st = (b as SqlStore).countStats();
        const first = await b.countIncidents(f);
        assert.deepEqual([st.counted, st.updated], [1, 0], 'the first count is counted');
        await ingestPaths(a, files.slice(4).map((x) => join(SAMPLES, x)), () => undefined);
        const later = await b.countIncidents(f);
        assert.equal(later, (await a.listIncidents(f)).length, 'the count after the writes is the listing');
        assert.ok(later > first, `the later samples mention the police too (${first} → ${later})`);
        assert.deepEqual([st.counted, st.updated], [1, 1], 'brought up to date, not counted again');
        assert.equal(await b.countIncidents(f), later);
        assert.equal(st.hits, 1, 'no write since: served as kept');
        // Negative: a count kept KEEP_REVISIONS ago or more is counted afresh (its rows may be pruned).
        await rawExec(target, `UPDATE store_revision SET n = n + ${KEEP_REVISIONS}`);
        assert.equal(await b.countIncidents(f), later);
        assert.deepEqual([st.counted, st.updated], [2, 1], 'too old: counted afresh');
        // Every row the triggers wrote has its revision: the transactions labelled them all.
        const unlabelled = await rawQuery(target, 'SELECT count(*) AS n FROM incident_touches WHERE rev IS NULL');
        assert.equal(unlabelled, 0);
      } finally {
        await b.close();
        await a.close();
        await db?.drop();
      }
    });
  });
}

/** One number a query gives, outside the store. */
async function rawQuery(target: string, text: string): Promise<number> {
  if (!isPostgresUrl(target)) {
    const raw = new Database(target, { readonly: true });
    const row = raw.prepare(text).get() as { n: number };
    raw.close();
    return Number(row.n);
  }
  const c = new pg.Client({ connectionString: target });
  await c.connect();
  const res = await c.query<{ n: string }>(text);
  await c.end();
  return Number(res.rows[0]!.n);
}

/** One statement on the store's database, outside the store (as an older Dossier or an operator would write). */
async function rawExec(target: string, text: string): Promise<void> {
  if (!isPostgresUrl(target)) {
    const raw = new Database(target);
    raw.exec(text);
    raw.close();
    return;
  }
  const c = new pg.Client({ connectionString: target });
  await c.connect();
  await c.query(text);
  await c.end();
}

test('the count key: filters that are the same SQL share a key, others do not', () => {
  assert.equal(countKey({ country: 'co' }), countKey({ country: 'CO' }));
  assert.equal(countKey({ country: 'Colombia' }), countKey({ country: 'colombia' }));
  assert.notEqual(countKey({ country: 'CO' }), countKey({ country: 'Colombia' }));
  assert.equal(countKey({}), countKey({ excludeRejected: true }));
  assert.notEqual(countKey({}), countKey({ excludeRejected: false }));
  assert.equal(countKey({ text: 'car bomb' }), countKey({ text: 'car, bomb!' }));
  assert.notEqual(countKey({ text: 'car' }), countKey({ text: 'bomb' }));
  assert.notEqual(countKey({ from: '2019' }), countKey({ to: '2019' }));
  assert.notEqual(countKey({ reviewed: true }), countKey({ reviewed: false }));
  assert.notEqual(countKey({ reviewed: true }), countKey({ hasConflicts: true }));
  assert.equal(countKey({ country: '', text: '' }), countKey({}), 'an empty value filters nothing, as in the SQL');
});
