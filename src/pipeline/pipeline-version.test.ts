import assert from 'node:assert/strict';
import { test } from 'node:test';
import { handWeights } from '../nlp/gazetteer/scoring.js';
import { defaultContext } from './context.js';
import { OUTPUT_REVISION, STAGES } from './stages.js';
import { currentRecord, fingerprint, fingerprintDocs, readVersionRecord, recordMismatch } from './version-record.js';
import { PIPELINE_VERSION, pipelineVersion, usedResources } from './version.js';

// The golden check: the recorded fingerprint of the output on the samples goes with the recorded version.
test('the pipeline output on the samples is the one recorded for this PIPELINE_VERSION', () => {
  const why = recordMismatch(readVersionRecord(), currentRecord());
  assert.equal(why, null, why ?? '');
});

test('PIPELINE_VERSION is a number for the INTEGER column, derived from the revision, the data files and the stages', () => {
  assert.ok(Number.isSafeInteger(PIPELINE_VERSION()) && PIPELINE_VERSION() >= 0);
  const v = pipelineVersion();
  assert.equal(v.version, PIPELINE_VERSION());
  assert.equal(v.version, Number.parseInt(v.hash.slice(0, 8), 16));
  assert.notEqual(pipelineVersion(defaultContext(), STAGES, OUTPUT_REVISION + 1).version, PIPELINE_VERSION(), 'a new revision is a new version');
  assert.notEqual(pipelineVersion(defaultContext(), STAGES.slice(0, -1)).version, PIPELINE_VERSION(), 'another list of stages is another version');
  // Weights given in memory (a trainer's) are no shipped file: such a context never claims the shipped version.
  assert.notEqual(pipelineVersion(defaultContext().derive({ placeWeights: handWeights() })).version, PIPELINE_VERSION());
  // Every data file the stages read is hashed; the exporters' models are not the pipeline's.
  assert.deepEqual(usedResources(STAGES), ['actors', 'attribution', 'detector', 'eventModel', 'gazetteer', 'placeTagger', 'placeWeights', 'roleTagger']);
  assert.ok(v.lines.some((l) => /^resource gazetteer [0-9a-f]{64}$/.test(l)), v.lines.join('\n'));
});

test('the mismatch messages say what to do', () => {
  const r = { pipelineVersion: 1, fingerprint: 'a' };
  assert.equal(recordMismatch(r, r), null);
  assert.equal(recordMismatch(r, { pipelineVersion: 1, fingerprint: 'b' }), 'pipeline output changed: bump OUTPUT_REVISION in src/pipeline/stages.ts and run `npm run pipeline-version` to record it');
  assert.match(recordMismatch(r, { pipelineVersion: 2, fingerprint: 'a' })!, /records 1 \(with the same output\): run `npm run pipeline-version`/);
});

test('the fingerprint sees a change in the output', () => {
  const docs = fingerprintDocs().slice(-2);
  const base = fingerprint(docs);
  assert.equal(fingerprint(docs), base, 'deterministic');
  // No event classifier: the incidents lose their classifier reading, and the fingerprint changes.
  assert.notEqual(fingerprint(docs, defaultContext().derive({ eventModel: null })), base);
});
