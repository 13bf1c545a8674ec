import assert from 'node:assert/strict';
import { test } from 'node:test';
import { intakeBuffer } from '../intake/index.js';
import { defaultContext } from './context.js';
import { newState, STAGES } from './stages.js';
import { syntheticReport } from './synthetic-report.js';

/**
 * Issue 9: ingest time grew with the square of the document (1 MB 10 s,
 * 3 MB 91 s, 9.5 MB 12 minutes). Time is compared within one process, as a
 * ratio (never against a wall-clock threshold): a document four times as
 * long must take less than twice the linear factor of four. Quadratic
 * stages give 16; before the fix the whole pipeline gave 8 to 12 here, and
 * the claims stage 14 to 20.
 */

/** Characters of the shorter document; the longer has four times as many. */
const SHORT_CHARS = 200_000;
const MAX_TOTAL_RATIO = 8;
/** A stage's own ratio, for stages that take a real share of the time (less noise from small timings). */
const MAX_STAGE_RATIO = 10;
const STAGE_FLOOR_MS = 200;

function cpuMs(): number {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
}

/** CPU ms of intake and of each stage on one synthetic report, and their total. */
function timeIngest(chars: number, singleLine: boolean): Record<string, number> {
  const times: Record<string, number> = {};
  let t = cpuMs();
  const doc = intakeBuffer(Buffer.from(syntheticReport(chars, singleLine)), 'scale.txt', 'text');
  let now = cpuMs();
  times['intake'] = now - t;
  const state = newState(doc);
  for (const s of STAGES) {
    t = now;
    s.run(state, defaultContext());
    now = cpuMs();
    times[s.name] = now - t;
  }
  times['total'] = Object.values(times).reduce((a, b) => a + b, 0);
  return times;
}

function checkLinear(singleLine: boolean): void {
  // Loads the gazetteer and models and warms the JIT, so neither run pays for it.
  timeIngest(20_000, singleLine);
  const short = timeIngest(SHORT_CHARS, singleLine);
  const long = timeIngest(4 * SHORT_CHARS, singleLine);
  const figures = Object.keys(long).map((k) => `${k} ${short[k]!.toFixed(0)} → ${long[k]!.toFixed(0)} ms`).join('; ');
  const ratio = long['total']! / short['total']!;
  assert.ok(ratio < MAX_TOTAL_RATIO, `4× the text took ${ratio.toFixed(1)}× the time (limit ${MAX_TOTAL_RATIO}): ${figures}`);
  for (const [stage, ms] of Object.entries(long)) {
    if (stage === 'total' || ms < STAGE_FLOOR_MS) continue;
    const r = ms / Math.max(1, short[stage]!);
    assert.ok(r < MAX_STAGE_RATIO, `${stage}: 4× the text took ${r.toFixed(1)}× the time (limit ${MAX_STAGE_RATIO}): ${figures}`);
  }
}

test('ingest time grows linearly with the length of a document (paragraphs)', () => {
  checkLinear(false);
});

test('ingest time grows linearly with the length of a document (one line, no newline)', () => {
  checkLinear(true);
});
