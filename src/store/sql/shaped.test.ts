import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { intakeFile } from '../../intake/index.js';
import { processAndSave } from '../../pipeline/index.js';
import { REPO_ROOT } from '../../testing/fixtures.js';
import { freshDatabase, pgUnavailable } from '../../testing/pg.js';
import { openStore } from '../index.js';
import { insertShape, shapeCounts } from './shaped.js';

test('insertShape: the values row by row, column by column; undefined ones left out and named in the key', () => {
  const a = insertShape('t', [{ x: 1, y: 'a', z: null }, { x: 2, y: 'b', z: null }]);
  assert.deepEqual(a, { key: 'insert t(x,y,z)×2', params: [1, 'a', null, 2, 'b', null] });
  const b = insertShape('t', [{ x: 1, y: undefined }, { x: 2, y: 'b' }], ' on conflict do nothing');
  assert.deepEqual(b, { key: 'insert t(x,y)×2 holes 1, on conflict do nothing', params: [1, 2, 'b'] });
  // Rows with other keys, or keys in another order, have no one shape.
  assert.equal(insertShape('t', [{ x: 1 }, { y: 2 }]), null);
  assert.equal(insertShape('t', [{ x: 1, y: 2 }, { y: 2, x: 1 }]), null);
  assert.equal(insertShape('t', []), null);
});

const tmp = mkdtempSync(join(tmpdir(), 'dossier-shaped-'));
const drops: (() => Promise<void>)[] = [];
after(async () => {
  for (const d of drops) await d();
  rmSync(tmp, { recursive: true, force: true });
});
const pgSkip = await pgUnavailable();

// The samples saved twice over, into two stores: the second time every statement's shape is known.
// Every shape's parameters must have come out as the save path gives them (none built every time),
// and the two stores must hold the same documents and reports.
describe('the save path binds its statements without building them', () => {
  for (const backend of ['sqlite', 'postgres'] as const) {
    test(backend, { skip: backend === 'postgres' ? pgSkip ?? false : false }, async () => {
      const dir = join(REPO_ROOT, 'samples');
      const docs = readdirSync(dir).sort().slice(0, 6).map((f) => intakeFile(join(dir, f)));
      const counts: { docs: number; reports: number }[] = [];
      for (let round = 0; round < 2; round++) {
        let target = join(tmp, `${backend}-${round}.db`);
        if (backend === 'postgres') {
          const db = await freshDatabase('shaped');
          drops.push(db.drop);
          target = db.url;
        }
        const store = await openStore(target);
        try {
          let reports = 0;
          for (const d of docs) reports += (await processAndSave(store, d)).incidentIds.length;
          assert.equal(await store.hasDocument(docs[0]!.id), true);
          assert.equal(await store.hasDocument('0'.repeat(64)), false);
          counts.push({ docs: (await store.getDocumentMetas(docs.map((d) => d.id))).size, reports });
        } finally {
          await store.close();
        }
      }
      // Dropped here, not in a file-level after(): node 20 does not wait for that hook before the file's process exits.
      for (const d of drops.splice(0)) await d();
      assert.deepEqual(counts[1], counts[0]);
      assert.ok(counts[0]!.reports > 0);
      const c = shapeCounts();
      assert.equal(c.built, 0, 'a shape whose parameters did not come out as given');
      assert.ok(c.bound >= 6, `${c.bound} shapes bound`);
    });
  }
});
