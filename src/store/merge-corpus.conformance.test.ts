import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { ingestAndCluster, reportFiles, scoreMerge } from '../eval/merge.js';
import { REPO_ROOT } from '../testing/fixtures.js';
import { freshDatabase, pgUnavailable } from '../testing/pg.js';

/**
 * The hard behaviour every backend must share: the merge corpus (ours: 35 reports on 10 incidents)
 * clustered the same in both orders, on PostgreSQL as on SQLite (src/eval/merge-corpus.test.ts runs
 * the SQLite half). A backend that returned candidates in another order, or lost a join, fails here.
 */
const CORPUS = join(REPO_ROOT, 'data', 'merge-corpus');
const skip = (await pgUnavailable()) ?? (!existsSync(CORPUS) && 'data/merge-corpus missing');
const drops: (() => Promise<void>)[] = [];
after(async () => {
  for (const d of drops) await d();
});

async function fresh(): Promise<string> {
  const db = await freshDatabase('merge');
  drops.push(db.drop);
  return db.url;
}

test('postgres: the merge corpus in both orders, B-cubed ≥ 0.95 and the order changes nothing', { skip }, async () => {
  const res = await scoreMerge(CORPUS, undefined, [await fresh(), await fresh()]);
  const rows = [res.overall, ...res.rows];
  const row = (name: string) => rows.find((r) => r.name === name)!;
  for (const name of ['b-cubed (given order)', 'b-cubed (reverse order)']) {
    assert.ok(row(name).precision! >= 0.95 && row(name).recall! >= 0.95, `${name}: ${JSON.stringify(row(name))}`);
  }
  assert.equal(row('given vs reverse order (b-cubed)').f1, 1);
  assert.equal(row('reposts placed with their original').accuracy, 1);
});

test('postgres and sqlite cluster the merge corpus identically', { skip }, async () => {
  const files = reportFiles(CORPUS);
  const pg = await ingestAndCluster(CORPUS, files, await fresh());
  const lite = await ingestAndCluster(CORPUS, files);
  // Incident ids may differ; the partition of files may not.
  const partition = (c: Map<string, string>): string[] => {
    const groups = new Map<string, string[]>();
    for (const [f, label] of c) groups.set(label, [...(groups.get(label) ?? []), f]);
    return [...groups.values()].map((g) => g.sort().join(' ')).sort();
  };
  assert.deepEqual(partition(pg.clustering), partition(lite.clustering));
});
