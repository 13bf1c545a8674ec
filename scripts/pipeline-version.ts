/**
 * Records PIPELINE_VERSION and the fingerprint of the pipeline's output on the samples in
 * src/pipeline/pipeline-version.json (`npm run pipeline-version`: node dist/scripts/pipeline-version.js),
 * after a change that changes the output (with OUTPUT_REVISION bumped in src/pipeline/stages.ts), a
 * retrained model or a rebuilt gazetteer. src/pipeline/pipeline-version.test.ts checks the record.
 */
import { pipelineVersion } from '../src/pipeline/version.js';
import { currentRecord, readVersionRecord, recordMismatch, writeVersionRecord, type VersionRecord } from '../src/pipeline/version-record.js';

function previous(): VersionRecord | null {
  try {
    return readVersionRecord();
  } catch {
    return null;
  }
}

const before = previous();
const now = currentRecord();
const file = writeVersionRecord(now);
for (const line of pipelineVersion().lines) process.stdout.write(`  ${line}\n`);
process.stdout.write(`wrote ${file}: pipelineVersion ${now.pipelineVersion}, fingerprint ${now.fingerprint.slice(0, 16)}…\n`);
if (before) {
  const why = recordMismatch(before, now);
  process.stdout.write(why ? `was: pipelineVersion ${before.pipelineVersion}, fingerprint ${before.fingerprint.slice(0, 16)}… (${why})\n` : 'unchanged\n');
}
