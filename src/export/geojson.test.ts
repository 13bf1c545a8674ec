import assert from 'node:assert/strict';
import { test } from 'node:test';
import { intakeBuffer } from '../intake/index.js';
import { runPipeline } from '../pipeline/index.js';
import { evidenceCount, geojsonFeature, unlocatedReason } from './geojson.js';
import type { ExportItem } from './records.js';

function itemOf(text: string): ExportItem {
  const doc = intakeBuffer(Buffer.from(text), 'g.txt', 'text');
  const primary = runPipeline(doc).incidents[0]!;
  return { incident: { id: 7, reports: [primary], sources: 1 }, primary, docs: new Map([[doc.id, { id: doc.id, meta: doc.meta, text: doc.text, ingestedAt: '2024-01-01T00:00:00Z' }]]), policy: 'conservative', claims: [] };
}

test('GeoJSON feature: a Point at [lon, lat] rounded to six decimals, with the incident\'s fields', () => {
  const item = itemOf('03/05/2017: A bomb exploded at a market in Mosul, Iraq, killing four people and wounding 12.');
  const place = item.primary.locations[0]!.value.place;
  item.primary = { ...item.primary, locations: [{ ...item.primary.locations[0]!, value: { ...item.primary.locations[0]!.value, place: { ...place, lat: 36.3456789123, lon: 43.1234567891 } } }] };
  const f = geojsonFeature(item) as { geometry: { coordinates: number[] }; properties: Record<string, unknown> };
  assert.deepEqual(f.geometry.coordinates, [43.123457, 36.345679]);
  assert.equal(f.properties.id, 7);
  assert.equal(f.properties.fatalities, 4);
  assert.equal(f.properties.injured, 12);
  assert.equal(f.properties.country_code, 'IQ');
  assert.equal(f.properties.reviewed, null, 'no review data: null, not false');
  assert.equal(f.properties.evidence_count, evidenceCount(item.incident.reports));
});

test('GeoJSON: no place, or a place without coordinates, is no feature and says why', () => {
  const none = itemOf('Gunmen killed three villagers overnight, officials said.');
  assert.equal(geojsonFeature(none), null);
  assert.equal(unlocatedReason(none.primary), 'no place named in its reports');
  const item = itemOf('03/05/2017: A bomb exploded at a market in Mosul, Iraq.');
  const loc = item.primary.locations[0]!;
  item.primary = { ...item.primary, locations: [{ ...loc, value: { ...loc.value, place: { ...loc.value.place, lat: null, lon: null } } }] };
  assert.equal(geojsonFeature(item), null);
  assert.match(unlocatedReason(item.primary)!, /has no coordinates/);
});

test('GeoJSON reviewed: the review\'s flag when the export item carries one', () => {
  const item = itemOf('03/05/2017: A bomb exploded at a market in Mosul, Iraq.') as ExportItem & { review?: unknown };
  item.review = { fields: {}, rejectedReports: [], rejected: false, notes: [], reviewed: true };
  assert.equal((geojsonFeature(item) as { properties: Record<string, unknown> }).properties.reviewed, true);
});
