import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { goldClustering, ingestAndCluster, readGold, reportFiles, repostTarget, scoreMerge } from './merge.js';

// Our own words; invented places and people.
const REPORT = `Bomb kills four at market in Dornvale

12 March 2021

By A. Writer

A bomb hidden in a parked car exploded at a crowded market in the town of Dornvale on Friday morning, killing four people and injuring 19, police said. The blast destroyed several stalls and set fire to nearby shops. No group has claimed responsibility for the bombing, and police said they had arrested two men near the scene.
`;
const NOTHING = `Council approves new library budget

3 May 2021

The town council of Dornvale voted on Tuesday to approve next year's budget for the public library, which will open for longer hours on weekends. Councillors also discussed repairs to the old bridge over the river and agreed to consult residents about a new bus route through the centre of town.
`;

function folder(files: Record<string, string>, gold: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'merge-eval-test-'));
  mkdirSync(join(dir, 'reports'));
  for (const [f, t] of Object.entries(files)) writeFileSync(join(dir, 'reports', f), t);
  writeFileSync(join(dir, 'gold.json'), JSON.stringify(gold));
  return dir;
}

test('gold: read, clustered, and a report in two incidents refused', () => {
  const dir = folder({}, { incidents: [{ id: 'a', reports: ['1.txt', '2.txt'] }, { id: 'b', reports: ['3.txt'] }] });
  try {
    const g = readGold(dir);
    assert.deepEqual([...goldClustering(g)], [['1.txt', 'a'], ['2.txt', 'a'], ['3.txt', 'b']]);
    assert.deepEqual([...goldClustering(g, ['3.txt'])], [['3.txt', 'b']]);
    writeFileSync(join(dir, 'gold.json'), JSON.stringify({ incidents: [{ id: 'a', reports: ['1.txt'] }, { id: 'b', reports: ['1.txt'] }] }));
    assert.throws(() => readGold(dir), /more than one gold incident/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('repost target: the store\'s repostOf id, an older duplicateOf, or nothing', () => {
  assert.equal(repostTarget({ status: 'repost', incidentIds: [], repostOf: { id: 'abc', source: 'x', distance: 2 } }), 'abc');
  assert.equal(repostTarget({ status: 'duplicate', incidentIds: [], duplicateOf: 'def' }), 'def');
  assert.equal(repostTarget({ status: 'stored', incidentIds: [1] }), null);
});

test('ingest: byte-identical copies go with their original; a document with no report is its own singleton', async () => {
  const dir = folder(
    { 'a.txt': REPORT, 'b-copy.txt': REPORT, 'c-nothing.txt': NOTHING },
    { incidents: [{ id: 'dornvale', reports: ['a.txt', 'b-copy.txt'] }, { id: 'library', reports: ['c-nothing.txt'] }], reposts: [['a.txt', 'b-copy.txt']] },
  );
  try {
    assert.deepEqual(reportFiles(dir), ['a.txt', 'b-copy.txt', 'c-nothing.txt']);
    for (const order of [reportFiles(dir), reportFiles(dir).reverse()]) {
      const run = await ingestAndCluster(dir, order);
      assert.match(run.clustering.get('a.txt')!, /^incident:\d+$/);
      assert.equal(run.clustering.get('b-copy.txt'), run.clustering.get('a.txt'));
      assert.equal(run.clustering.get('c-nothing.txt'), 'unmerged:c-nothing.txt');
      assert.deepEqual(run.noReport, ['c-nothing.txt']);
      assert.deepEqual(run.failed, []);
    }
    const res = await scoreMerge(dir);
    assert.equal(res.items, 3);
    assert.equal(res.overall.precision, 1);
    assert.equal(res.overall.recall, 1);
    assert.deepEqual(Object.keys(res.predictions).sort(), ['a.txt', 'b-copy.txt', 'c-nothing.txt']);
    assert.equal(res.rows.find((r) => r.name.startsWith('reposts'))?.accuracy, 1);
    assert.equal(res.rows.find((r) => r.name.startsWith('given vs reverse'))?.f1, 1);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the shipped corpus: every report is in gold exactly once, 8 to 10 incidents, at least 30 reports of 120-250 body words', () => {
  const dir = join(process.cwd(), 'data', 'merge-corpus');
  const g = readGold(dir);
  const files = reportFiles(dir);
  assert.deepEqual([...goldClustering(g).keys()].sort(), files);
  assert.ok(g.incidents.length >= 8 && g.incidents.length <= 10);
  assert.ok(files.length >= 30);
  for (const [a, b] of g.reposts ?? []) assert.ok(files.includes(a) && files.includes(b));
  for (const f of files) {
    const words = readFileSync(join(dir, 'reports', f), 'utf8').split(/\s+/).filter(Boolean).length;
    assert.ok(words >= 120 && words <= 260, `${f}: ${words} words`);
  }
});
