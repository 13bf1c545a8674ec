import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { exportIncidents } from '../export/index.js';
import { ingestPaths } from '../pipeline/index.js';
import { REPO_ROOT } from '../testing/fixtures.js';
import { freshDatabase, pgUnavailable } from '../testing/pg.js';
import { openStore } from './index.js';

/**
 * The seeds' acceptance on every backend: the two reports in ../shared/corpus/seeds (not ours, so read
 * in place and skipped where absent) give the incidents an analyst codes by hand, and PostgreSQL
 * gives exactly what SQLite gives, export for export.
 */
const SEEDS = join(REPO_ROOT, '..', 'shared', 'corpus', 'seeds');
const noSeeds = !existsSync(SEEDS) && `no seeds at ${SEEDS}`;
const pgSkip = (await pgUnavailable()) ?? false;
const tmp = mkdtempSync(join(tmpdir(), 'dossier-seeds-'));
const drops: (() => Promise<void>)[] = [];
after(async () => {
  for (const d of drops) await d();
  rmSync(tmp, { recursive: true, force: true });
});

async function seeded(target: string): Promise<{ jsonl: string; gtd: string; byLabel: Map<string, { date: string | null; killed: number | null }> }> {
  const s = await openStore(target);
  try {
    const sum = await ingestPaths(s, [SEEDS], () => undefined);
    assert.equal(sum.failed, 0);
    const byLabel = new Map<string, { date: string | null; killed: number | null }>();
    for (const inc of await s.listIncidents()) {
      const r = inc.reports[0]!;
      const d = r.date.value;
      byLabel.set(r.label, { date: d.precision === 'day' ? `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}` : null, killed: r.killedTotal?.value.value ?? null });
    }
    return { jsonl: (await exportIncidents(s, 'jsonl')).text, gtd: (await exportIncidents(s, 'gtd')).text, byLabel };
  } finally {
    await s.close();
  }
}

let sqlite: Awaited<ReturnType<typeof seeded>> | undefined;

test('seeds on sqlite: the Crocus City Hall attack of 22 March 2024 (144 killed) and the Makhachkala attack of 23 June 2024', { skip: noSeeds }, async () => {
  sqlite = await seeded(join(tmp, 'seeds.db'));
  const crocus = [...sqlite.byLabel].find(([label]) => label.includes('Crocus City Hall'));
  assert.deepEqual(crocus?.[1], { date: '2024-03-22', killed: 144 });
  const dagestan = [...sqlite.byLabel].find(([label]) => label.startsWith('armed assault — Makhachkala'));
  assert.equal(dagestan?.[1].date, '2024-06-23');
});

test('seeds on postgres: the same incidents, and the same JSONL and GTD exports byte for byte', { skip: noSeeds || pgSkip }, async () => {
  const db = await freshDatabase('seeds');
  drops.push(db.drop);
  const pg = await seeded(db.url);
  sqlite ??= await seeded(join(tmp, 'seeds-2.db'));
  assert.deepEqual(pg.byLabel, sqlite.byLabel);
  assert.equal(pg.jsonl, sqlite.jsonl);
  assert.equal(pg.gtd, sqlite.gtd);
});
