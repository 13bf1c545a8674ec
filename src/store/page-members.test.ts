import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { ingestPaths } from '../pipeline/index.js';
import { REPO_ROOT } from '../testing/fixtures.js';
import { openStore, type IncidentFilter } from './index.js';
import { MAX_MEMBER_SETS } from './sql/count-cache.js';
import type { SqlStore } from './sql/sql-store.js';

/**
 * Pages in id order from a count's kept members (SqlStore.pageMembers): when members are read for a
 * page, and when they are not. Their pages' contents are checked on both backends after every kind
 * of write in counts.conformance.test.ts; here, what each ask costs in counts.
 */
const tmp = mkdtempSync(join(tmpdir(), 'dossier-page-members-'));
after(() => rmSync(tmp, { recursive: true, force: true }));
const SAMPLES = join(REPO_ROOT, 'samples');

test('a filter\'s members are read at its second page ask, once; with every member set taken, a page ask never counts', async () => {
  const path = join(tmp, 'p.db');
  const store = (await openStore(path)) as SqlStore;
  // The reference listings come from another handle: a listing pages in id order itself, and would count as an ask.
  let ref: Awaited<ReturnType<typeof openStore>> | null = null;
  try {
    await ingestPaths(store, readdirSync(SAMPLES).sort().map((f) => join(SAMPLES, f)), () => undefined);
    ref = await openStore(path, { readonly: true });
    const counted = (): number => store.countStats().counted;
    const ru: IncidentFilter = { country: 'RU' };
    const want = (await ref.listIncidents(ru)).map((i) => i.id).sort((a, b) => a - b);
    assert.ok(want.length >= 2, 'the samples hold incidents in Russia');

    // First ask: SQL, no count. Second: the members are read (one count). Third: served from them.
    const c0 = counted();
    assert.deepEqual((await store.incidentIdPage(ru, null, 100)).ids, want);
    assert.equal(counted(), c0, 'a first page ask reads no members');
    assert.deepEqual((await store.incidentIdPage(ru, null, 100)).ids, want);
    assert.equal(counted(), c0 + 1, 'the second ask reads them');
    assert.deepEqual((await store.incidentIdPage(ru, want[0]!, 100)).ids, want.slice(1));
    assert.equal(counted(), c0 + 1, 'later asks use them');

    // Negative: take every member set (counts of other filters), then a new filter is paged by SQL
    // each time, never counted (a count could not keep its members, and would be in full each time).
    for (let i = 0; counted() - c0 - 1 < MAX_MEMBER_SETS; i++) await store.countIncidents({ from: `${1990 + i}` });
    const c1 = counted();
    const gb: IncidentFilter = { country: 'GB' };
    const wantGb = (await ref.listIncidents(gb)).map((i) => i.id).sort((a, b) => a - b);
    for (let k = 0; k < 3; k++) assert.deepEqual((await store.incidentIdPage(gb, null, 100)).ids, wantGb);
    assert.equal(counted(), c1, 'no count for pages once every member set is taken');
  } finally {
    await ref?.close();
    await store.close();
  }
});
