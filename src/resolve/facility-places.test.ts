import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { intakeBuffer } from '../intake/index.js';
import { PIPELINE_VERSION, runPipeline, saveResolved } from '../pipeline/index.js';
import { openStore, type Store } from '../store/index.js';
import { facilityKey as facilityKeyWith, findPlacements as findPlacementsWith } from './facility-places.js';
import { defaultContext } from '../pipeline/context.js';
import type { Annotations, Doc } from '../model/index.js';

const GAZ = defaultContext().gazetteer;
const facilityKey = (name: string): string => facilityKeyWith(name, GAZ);
const findPlacements = (doc: Doc, ann: Annotations) => findPlacementsWith(doc, ann, GAZ);

// Two short reports in our own words: one places the venue in a city, the
// other only says "near" a bigger city.
const PLACES_IT = `Gunmen attack Quenvald Arena\n\n12 May 2023\n\nGunmen opened fire at Quenvald Arena in Krasnogorsk on Friday, killing three people.\n`;
const NEAR_ONLY = `Concert venue attack\n\n14 May 2023\n\nThe attack on Friday at the Quenvald Arena near Moscow killed three people, officials said.\n`;

async function save(store: Store, text: string, name: string): Promise<void> {
  const doc = intakeBuffer(Buffer.from(text), name, 'text');
  const st = runPipeline(doc);
  await saveResolved(store, { doc, ann: st.ann, reports: st.incidents, pipelineVersion: PIPELINE_VERSION(), extras: { placements: findPlacements(doc, st.ann) } });
}

test('facility keys keep the distinctive words only', () => {
  assert.equal(facilityKey('Crocus City Hall'), 'crocus');
  assert.equal(facilityKey('the Crocus City concert hall'), 'crocus');
  assert.equal(facilityKey('City Hall'), '');
});

test('regression (weak evidence): names made of generic words tie no reports together', () => {
  // Wrong joins of the acled-merge eval: a mall in Nairobi and one in South Africa, the presidential
  // palaces of Benin and Burkina Faso, a Catholic church in Kenya and one in Nigeria.
  for (const name of ['Central City Mall', 'Presidential Palace', 'Roman Catholic Church', 'Basic Education High School', 'County Referral Hospital', 'Moi Avenue Primary School']) {
    assert.equal(facilityKey(name), '', name);
  }
  assert.equal(facilityKey('Uhuru Park'), 'uhuru');
});

for (const order of [['places', 'near'], ['near', 'places']] as const) {
  test(`a report that only says "near" is placed by another report naming the venue's city (${order.join(' then ')})`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dossier-fp-'));
    const store = await openStore(join(dir, 't.db'));
    try {
      for (const o of order) await save(store, o === 'places' ? PLACES_IT : NEAR_ONLY, `${o}.txt`);
      const near = (await store.listIncidents()).flatMap((i) => i.reports).find((r) => r.docId && r.locations.some((l) => l.value.relation === 'near'));
      assert.ok(near, 'the near-only report is stored');
      assert.equal(near.locations[0]!.value.place.name, 'Krasnogorsk');
      assert.equal(near.locations[0]!.stage, 'resolve.facility-places');
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
