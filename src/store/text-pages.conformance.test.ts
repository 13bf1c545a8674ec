import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { ingestPaths } from '../pipeline/index.js';
import { REPO_ROOT } from '../testing/fixtures.js';
import { freshDatabase, pgUnavailable } from '../testing/pg.js';
import { openStore, type IncidentFilter, type SortOrder, type Store } from './index.js';
import { TEXT_PLAN } from './sql/sql-store.js';

/**
 * Full-text pages (`text=`) find the same incidents in the same order, with the same cursors, whichever
 * plan finds them: gathering every match first (the plan before SQLite's probing walk, and always
 * PostgreSQL's), probing each incident while walking the page's order, or a probing walk whose window
 * fills first and falls back to gathering. TEXT_PLAN forces each; every page of every order is walked
 * to its end, one to fifty incidents a page.
 */
const tmp = mkdtempSync(join(tmpdir(), 'dossier-text-pages-'));
const pgSkip = (await pgUnavailable()) ?? false;
after(() => rmSync(tmp, { recursive: true, force: true }));

const WORDS = ['police', 'attack', 'killed', 'the', 'concert', 'bridge', 'zzzz', 'car bomb'];
const EXTRA: IncidentFilter[] = [{}, { country: 'RU' }, { from: '2017' }, { excludeRejected: false }];
const DEFAULTS = { ...TEXT_PLAN };

type Plan = 'gather' | 'probe' | 'probe, window fills' | 'few: among the incidents that hold the words';
function usePlan(p: Plan): void {
  Object.assign(TEXT_PLAN, DEFAULTS);
  // The sample store is small: every word is rare (TEXT_PLAN.fewMax) unless the plan says otherwise.
  TEXT_PLAN.fewMax = p.startsWith('few') ? Infinity : -1;
  if (p === 'gather') TEXT_PLAN.minShare = Infinity;
  else TEXT_PLAN.minShare = 0;
  // A window of about one candidate: nearly every page falls back after its first probe.
  if (p === 'probe, window fills') TEXT_PLAN.margin = 0.01;
}

/** Every page of a filter in one order, to the end: the ids and cursors, page by page. */
async function allPages(s: Store, f: IncidentFilter, by: 'id' | 'date', order: SortOrder, limit: number): Promise<unknown[]> {
  const out: unknown[] = [];
  if (by === 'id') {
    let after: number | null = null;
    do {
      const p: { ids: number[]; next: number | null } = await s.incidentIdPage(f, after, limit, order);
      out.push(p);
      after = p.next;
    } while (after !== null);
  } else {
    let after: { date: string; id: number } | null = null;
    do {
      const p: { ids: number[]; next: { date: string; id: number } | null } = await s.incidentIdPageByDate(f, after, limit, order);
      out.push(p);
      after = p.next;
    } while (after !== null);
  }
  return out;
}

for (const backend of [
  { name: 'sqlite', skip: false as const },
  { name: 'postgres', skip: pgSkip },
]) {
  describe(`full-text pages: ${backend.name}`, { skip: backend.skip }, () => {
    test('every plan gives the same pages and cursors', async () => {
      const db = backend.name === 'postgres' ? await freshDatabase('textpages') : null;
      const s = await openStore(db?.url ?? join(tmp, 't.db'));
      try {
        await ingestPaths(s, [join(REPO_ROOT, 'samples')], () => undefined);
        const ids = (await s.listIncidents()).map((i) => i.id);
        await s.addReview(ids[1]!, { kind: 'reject-incident' }, { actor: 'alice' });
        // How often the backend's probe is asked for: both must really probe (PostgreSQL since 2026-12-01).
        const b = Reflect.get(s, 'b') as { textProbe: (w: string) => unknown };
        const probe = b.textProbe.bind(b);
        let probes = 0;
        b.textProbe = (w: string) => {
          const p = probe(w);
          if (p) probes++;
          return p;
        };
        let nonEmpty = 0;
        for (const word of WORDS) {
          for (const extra of EXTRA) {
            const f = { ...extra, text: word };
            for (const [by, order, limit] of [['id', 'asc', 1], ['id', 'desc', 2], ['date', 'asc', 1], ['date', 'desc', 3], ['date', 'asc', 50]] as const) {
              usePlan('gather');
              const want = await allPages(s, f, by, order, limit);
              if ((want[0] as { ids: number[] }).ids.length) nonEmpty++;
              for (const p of ['probe', 'probe, window fills', 'few: among the incidents that hold the words'] as const) {
                usePlan(p);
                assert.deepEqual(await allPages(s, f, by, order, limit), want, `${JSON.stringify(f)} by ${by} ${order}, ${limit} a page: ${p}`);
              }
            }
          }
        }
        assert.ok(nonEmpty > 40, `the words find incidents (${nonEmpty} non-empty listings)`);
        assert.ok(probes > 100, `${backend.name} probed (${probes} walks)`);
        // A negative case: the plans agree because the pages are right, not because they are empty.
        usePlan('probe');
        assert.notDeepEqual(await allPages(s, { text: 'police' }, 'date', 'asc', 50), await allPages(s, { text: 'concert' }, 'date', 'asc', 50));
      } finally {
        Object.assign(TEXT_PLAN, DEFAULTS);
        await s.close();
        await db?.drop();
      }
    });
  });
}
