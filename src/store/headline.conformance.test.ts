import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import pg from 'pg';
import { ingestPaths } from '../pipeline/index.js';
import { REPO_ROOT } from '../testing/fixtures.js';
import { freshDatabase, pgUnavailable } from '../testing/pg.js';
import { incidentSummaries } from '../views/index.js';
import { isPostgresUrl, openStore, type IncidentFilter, type IncidentPoint, type IncidentStats, type Store } from './index.js';

/**
 * The stored headline (migration 12) on every backend: /api/stats' SQL aggregates and /api/points
 * give exactly what walking every incident's summary gives (the reference below is the walk the
 * server did before), after reviews that change the figures, and on a store whose headline rows are
 * stale (made before the migration), writable or read-only; and the list summaries stored with the
 * headline (migration 13) are the computed ones after the same changes.
 */
const tmp = mkdtempSync(join(tmpdir(), 'dossier-headline-'));
const pgSkip = (await pgUnavailable()) ?? false;
const drops: (() => Promise<void>)[] = [];
after(async () => {
  for (const d of drops) await d();
  rmSync(tmp, { recursive: true, force: true });
});

const BACKENDS = [
  { name: 'sqlite', skip: false as const, target: async () => join(tmp, 'h.db') },
  {
    name: 'postgres', skip: pgSkip,
    target: async () => {
      const db = await freshDatabase('headline');
      drops.push(db.drop);
      return db.url;
    },
  },
];

/** The reference: every incident's summary (conservative), tallied as the server's walk did. */
async function walkStats(store: Store, filter: IncidentFilter): Promise<IncidentStats> {
  type T = { incidents: number; killed: number; name?: string | null };
  const day = new Map<string, T>();
  const month = new Map<string, T>();
  const country = new Map<string, T>();
  const type = new Map<string, T>();
  const total = { incidents: 0, killed: 0, injured: 0 };
  const add = (m: Map<string, T>, key: string, k: number, name?: string | null): void => {
    const t = m.get(key) ?? { incidents: 0, killed: 0, ...(name !== undefined ? { name } : {}) };
    t.incidents++;
    t.killed += k;
    m.set(key, t);
  };
  for (const r of await incidentSummaries(store, await store.listIncidents(filter), 'conservative')) {
    if (r.rejected) continue;
    const k = r.killed ?? 0;
    total.incidents++;
    total.killed += k;
    total.injured += r.injured ?? 0;
    add(day, r.date && r.date.length === 10 ? r.date : 'unknown', k);
    add(month, r.date && r.date.length >= 7 ? r.date.slice(0, 7) : 'unknown', k);
    add(country, r.place?.country_code ?? 'unknown', k, r.place?.country ?? null);
    add(type, r.type.kind, k);
  }
  const byKey = (m: Map<string, T>) => [...m].map(([key, t]) => ({ key, ...t })).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const byCount = (m: Map<string, T>) => byKey(m).sort((a, b) => b.incidents - a.incidents);
  return { ...total, byDay: byKey(day), byMonth: byKey(month), byCountry: byCount(country) as IncidentStats['byCountry'], byType: byCount(type) };
}

/** The reference points: the listing's summaries, highest id first. */
async function walkPoints(store: Store, filter: IncidentFilter): Promise<IncidentPoint[]> {
  const rows = await incidentSummaries(store, await store.listIncidents(filter), 'conservative');
  return rows.map((r): IncidentPoint => [r.incident_id, r.place?.lat ?? null, r.place?.lon ?? null, r.date, r.killed]).sort((a, b) => b[0] - a[0]);
}

const FILTERS: IncidentFilter[] = [{}, { country: 'RU' }, { from: '2017', to: '2019-06' }, { type: 'bombing' }, { text: 'concert' }, { reviewed: true }, { excludeRejected: false }];

async function assertSameAsWalk(s: Store, why: string): Promise<void> {
  for (const f of FILTERS) {
    assert.deepEqual(await s.incidentStats(f), await walkStats(s, f), `${why}: stats of ${JSON.stringify(f)}`);
    assert.deepEqual((await s.incidentPoints(f, 1000)).points, await walkPoints(s, f), `${why}: points of ${JSON.stringify(f)}`);
  }
}

/** The stored list summaries (migration 13) are what the listing computes, for every incident, rejected ones too. */
async function assertSummariesStored(s: Store, why: string): Promise<void> {
  const all = await s.listIncidents({ excludeRejected: false });
  const stored = await s.storedSummaries(all.map((i) => i.id));
  const computed = await incidentSummaries(s, all, 'conservative');
  assert.equal(stored.size, all.length, `${why}: every incident has its summary stored`);
  for (const row of computed) assert.deepEqual(JSON.parse(stored.get(row.incident_id)!), row, `${why}: the stored summary of incident ${row.incident_id}`);
}

/** Mark every incident's headline as not computed, as a store made before migration 12 has it. */
async function makeStale(target: string): Promise<void> {
  if (!isPostgresUrl(target)) {
    const db = new Database(target);
    db.exec('UPDATE incidents SET h_stale = 1, h_killed = NULL, h_kind = NULL, summary = NULL');
    db.close();
    return;
  }
  const c = new pg.Client({ connectionString: target });
  await c.connect();
  await c.query('UPDATE incidents SET h_stale = 1, h_killed = NULL, h_kind = NULL, summary = NULL');
  await c.end();
}

for (const b of BACKENDS) {
  describe(`stored headline: ${b.name}`, { skip: b.skip }, () => {
    test('stats and points are the walk\'s answer, before and after reviews, and from stale rows', async () => {
      const target = await b.target();
      let s = await openStore(target);
      try {
        const sum = await ingestPaths(s, [join(REPO_ROOT, 'samples')], () => undefined);
        assert.equal(sum.failed, 0);
        const all = await s.incidentStats();
        assert.ok(all.incidents >= 8 && all.killed > 0 && all.byCountry.length > 3, `the samples give a real store (${all.incidents} incidents)`);
        await assertSameAsWalk(s, 'as ingested');
        await assertSummariesStored(s, 'as ingested');

        // Reviews move the headline: a corrected figure, a rejected figure, a corrected date, a rejected incident.
        const ids = (await s.listIncidents()).map((i) => i.id);
        await s.addReview(ids[0]!, { kind: 'correct', field: 'killed', value: 1234 }, { actor: 'alice' });
        await s.addReview(ids[1]!, { kind: 'reject-value', field: 'killed' }, { actor: 'alice' });
        await s.addReview(ids[2]!, { kind: 'correct', field: 'date', value: '1999-12-31' }, { actor: 'alice' });
        await s.addReview(ids[3]!, { kind: 'reject-incident' }, { actor: 'alice', reason: 'not an incident' });
        const reviewed = await s.incidentStats();
        assert.equal(reviewed.incidents, all.incidents - 1, 'a rejected incident is not counted');
        assert.notDeepEqual(reviewed, all);
        assert.ok(reviewed.byDay.some((d) => d.key === '1999-12-31'), 'the corrected date has its day');
        assert.ok(reviewed.killed >= 1234, 'the corrected figure counts');
        await assertSameAsWalk(s, 'after reviews');
        await assertSummariesStored(s, 'after reviews');
        // A reviewer's merge and split move reports between incidents: both incidents' headlines follow.
        await s.addReview(ids[5]!, { kind: 'merge', other: ids[4]! }, { actor: 'alice' });
        const multi = (await s.listIncidents()).find((i) => i.reports.length > 1);
        assert.ok(multi, 'the samples have an incident told by two reports');
        await s.addReview(multi.id, { kind: 'split', reportId: multi.reports[multi.reports.length - 1]!.id }, { actor: 'alice' });
        await assertSameAsWalk(s, 'after a merge and a split');
        await assertSummariesStored(s, 'after a merge and a split');
        // A negative case: the aggregate is not the walk of another filter.
        assert.notDeepEqual(await s.incidentStats({ country: 'RU' }), await walkStats(s, {}));

        const capped = await s.incidentPoints({}, 2);
        assert.equal(capped.points.length, 2);
        assert.equal(capped.truncated, true);
        assert.equal((await s.incidentPoints({}, 1000)).truncated, false);
        await s.close();

        // A store whose rows predate the migration: read-only, each read computes them; writable, the first read stores them.
        await makeStale(target);
        s = await openStore(target, { readonly: true });
        await assertSameAsWalk(s, 'stale, read-only');
        await s.close();
        s = await openStore(target);
        const merged = await walkStats(s, {});
        assert.deepEqual(await s.incidentStats(), merged, 'stale rows are computed on the first read');
        await s.close();
        await makeStale(target);
        s = await openStore(target);
        await assertSameAsWalk(s, 'stale, then stored');
        await assertSummariesStored(s, 'stale, then stored');
      } finally {
        await s.close().catch(() => undefined);
      }
    });
  });
}
