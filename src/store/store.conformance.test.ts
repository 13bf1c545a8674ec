import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { intakeBuffer } from '../intake/index.js';
import { PIPELINE_VERSION, runPipeline } from '../pipeline/index.js';
import { readFixture } from '../testing/fixtures.js';
import { SqliteStore } from './sqlite/sqlite-store.js';
import type { Store } from './types.js';

/**
 * One suite every backend must pass. Add a backend by adding a factory here;
 * tests that need a capability check the flag, never the backend's name.
 */
const tmp = mkdtempSync(join(tmpdir(), 'dossier-store-'));
after(() => rmSync(tmp, { recursive: true, force: true }));
let n = 0;
const BACKENDS: { name: string; open: () => Store }[] = [{ name: 'sqlite', open: () => new SqliteStore(join(tmp, `t${n++}.db`)) }];

function kabul() {
  const doc = intakeBuffer(Buffer.from(readFixture('extract', 'fixtures', 'kabul-airport.txt')), 'kabul.txt', 'text');
  return { doc, st: runPipeline(doc) };
}

for (const b of BACKENDS) {
  describe(`store conformance: ${b.name}`, () => {
    test('saves a document with its annotations and reports, and reads them back', () => {
      const s = b.open();
      const { doc, st } = kabul();
      const res = s.saveDocument(doc, st.ann, st.incidents, PIPELINE_VERSION);
      assert.equal(res.status, 'stored');
      assert.equal(res.incidentIds.length, st.incidents.length);
      assert.equal(s.getDocument(doc.id)?.text, doc.text);
      assert.equal(s.getAnnotations(doc.id)?.mentions.length, st.ann.mentions.length);
      const inc = s.getIncident(res.incidentIds[0]!);
      assert.deepEqual(inc?.reports[0], JSON.parse(JSON.stringify(st.incidents[0])));
      s.close();
    });

    test('the same content twice is a no-op', () => {
      const s = b.open();
      const { doc, st } = kabul();
      s.saveDocument(doc, st.ann, st.incidents, PIPELINE_VERSION);
      const before = s.counts();
      assert.equal(s.hasDocument(doc.id), true);
      assert.equal(s.saveDocument(doc, st.ann, st.incidents, PIPELINE_VERSION).status, 'duplicate');
      assert.deepEqual(s.counts(), before);
      s.close();
    });

    test('filters by date, country, type and words', () => {
      const s = b.open();
      const { doc, st } = kabul();
      s.saveDocument(doc, st.ann, st.incidents, PIPELINE_VERSION);
      assert.equal(s.listIncidents({ from: '2021-08-01', to: '2021-08-31' }).length, 1);
      assert.equal(s.listIncidents({ from: '2022-01-01' }).length, 0);
      assert.ok(s.listIncidents({ country: 'AF' }).length >= 1);
      assert.ok(s.listIncidents({ country: 'afghanistan' }).length >= 1);
      assert.equal(s.listIncidents({ country: 'FR' }).length, 0);
      assert.equal(s.listIncidents({ type: 'suicide bomb' }).length, 1);
      assert.equal(s.listIncidents({ type: 'Bombing/Explosion' }).length, 2); // the drone strike is one too
      if (s.capabilities.fullTextSearch) {
        assert.equal(s.listIncidents({ text: 'Abbey Gate' }).length, 1);
        assert.equal(s.listIncidents({ text: 'zzzunknownword' }).length, 0);
        // FTS syntax in user words is treated as words, not operators.
        assert.doesNotThrow(() => s.listIncidents({ text: 'NEAR(" OR *' }));
      }
      s.close();
    });

    test('a failed save leaves the store as it was', () => {
      const s = b.open();
      const { doc, st } = kabul();
      const broken = st.incidents.map((r) => ({ ...r, id: 'same-id' })); // duplicate report ids violate the key
      assert.throws(() => s.saveDocument(doc, st.ann, broken, PIPELINE_VERSION), /could not save/);
      assert.deepEqual(s.counts(), { documents: 0, incidents: 0, reports: 0 });
      assert.equal(s.hasDocument(doc.id), false);
      s.close();
    });
  });
}

for (const b of BACKENDS) {
  test(`store conformance: ${b.name}: regression — a rolled-back save leaves no stale entity ids for the next save`, () => {
    const s = b.open();
    const { doc, st } = kabul();
    const broken = st.incidents.map((r) => ({ ...r, id: 'same-id' }));
    assert.throws(() => s.saveDocument(doc, st.ann, broken, PIPELINE_VERSION));
    assert.equal(s.saveDocument(doc, st.ann, st.incidents, PIPELINE_VERSION).status, 'stored');
    assert.ok(s.listEntities().length > 0);
    s.close();
  });
}
