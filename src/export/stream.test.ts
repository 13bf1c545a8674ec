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
import { exportIncidents, GTD_COLUMNS, gtdEventIdsOf } from './index.js';
import { validate, type JsonSchema } from './json-schema.js';

const tmp = mkdtempSync(join(tmpdir(), 'dossier-export-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

test('GTD export: linked incidents list each other\'s stable eventids under `related`', async () => {
  const store = await openStore(join(tmp, 'links.db'));
  const doc = intakeBuffer(Buffer.from(readFixture('extract', 'fixtures', 'kabul-airport.txt')), 'kabul.txt', 'text');
  const st = runPipeline(doc);
  assert.ok(st.incidents.length >= 2);
  const base = st.claims[0]!;
  const link: Claim = { ...base, id: `${doc.id.slice(0, 16)}:c99`, index: 99, kind: { ...base.kind, value: 'linkage' }, incidents: [st.incidents[0]!.index, st.incidents[1]!.index] };
  // And an accusation about the first incident (the text's own claims hold none): an ACCUSE record in PLOVER.
  const accuse: Claim = { ...base, id: `${doc.id.slice(0, 16)}:c98`, index: 98, kind: { ...base.kind, value: 'accusation' }, incidents: [st.incidents[0]!.index] };
  await saveResolved(store, { doc, ann: st.ann, reports: st.incidents, pipelineVersion: PIPELINE_VERSION(), extras: { claims: [...st.claims, link, accuse] } });
  // Each linked incident's rows list the other's eventids (worked out from its stable id), and say `multiple`.
  const text = (await exportIncidents(store, 'gtd')).text;
  const lines = text.trim().split('\n');
  const header = lines[0]!.split(',');
  assert.deepEqual(header, [...GTD_COLUMNS]);
  const linked = await store.linkedIncidentIds();
  assert.ok(linked.length >= 2);
  const idsOf = new Map<number, string[]>();
  for (const id of linked) idsOf.set(id, gtdEventIdsOf((await store.getIncident(id))!, doc.text));
  for (const id of linked) {
    const others = linked.filter((x) => x !== id).flatMap((x) => idsOf.get(x)!);
    const row = lines.find((l) => l.startsWith(`${idsOf.get(id)![0]},`));
    assert.ok(row, `a row for incident ${id}`);
    for (const o of others) assert.ok(row.includes(o), `incident ${id} lists ${o} as related`);
  }
  // Streamed and whole exports agree; the same store exports the same bytes twice (no per-export numbering).
  assert.equal((await exportIncidents(store, 'gtd')).text, text);
  // The PLOVER export of the same report, ACCUSE records included, keeps to our schema of the spec.
  const schema = JSON.parse(readFixture('export', 'plover-2.0.schema.json')) as JsonSchema;
  const plover = (await exportIncidents(store, 'plover')).text.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  assert.ok(plover.some((r) => (r.event as string[])[0] === 'ACCUSE'), 'the report accuses someone');
  for (const r of plover) assert.deepEqual(validate(r, schema), [], JSON.stringify(r));
  await store.close();
});
