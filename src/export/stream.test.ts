import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { intakeBuffer } from '../intake/index.js';
import type { Claim } from '../model/index.js';
import { PIPELINE_VERSION, runPipeline, saveResolved } from '../pipeline/index.js';
import { openStore } from '../store/index.js';
import { readFixture } from '../testing/fixtures.js';
import { exportIncidents, gatherItems, GTD_COLUMNS, gtdRow, inGtdScope } from './index.js';
import { toCsv } from './gtd.js';

const tmp = mkdtempSync(join(tmpdir(), 'dossier-export-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

test('streamed GTD export fills `related` for linked incidents as the whole-list export did', async () => {
  const store = await openStore(join(tmp, 'links.db'));
  const doc = intakeBuffer(Buffer.from(readFixture('extract', 'fixtures', 'kabul-airport.txt')), 'kabul.txt', 'text');
  const st = runPipeline(doc);
  assert.ok(st.incidents.length >= 2);
  const base = st.claims[0]!;
  const link: Claim = { ...base, id: `${doc.id.slice(0, 16)}:c99`, index: 99, kind: { ...base.kind, value: 'linkage' }, incidents: [st.incidents[0]!.index, st.incidents[1]!.index] };
  await saveResolved(store, { doc, ann: st.ann, reports: st.incidents, pipelineVersion: PIPELINE_VERSION(), extras: { claims: [...st.claims, link] } });
  // The export before streaming: every item in memory, eventids of all in-scope incidents first.
  const scoped = (await gatherItems(store, await store.listIncidents(), 'conservative')).filter(inGtdScope);
  const ids = new Map(scoped.map((it, i) => [it.incident.id, gtdRow(it, i + 1).eventid]));
  const rows = [];
  for (const [i, it] of scoped.entries()) {
    const rel = (await store.linksOf(it.incident.id)).map((l) => ids.get(l.other)).filter((x): x is string => !!x);
    rows.push(gtdRow(it, i + 1, rel.length ? [ids.get(it.incident.id)!, ...new Set(rel)].join(', ') : ''));
  }
  assert.ok(rows.some((r) => r.related.includes(', ')), 'some row lists a related incident');
  assert.equal((await exportIncidents(store, 'gtd')).text, toCsv(rows, GTD_COLUMNS));
  await store.close();
});
