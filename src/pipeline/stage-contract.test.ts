import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { intakeBuffer, intakeFile } from '../intake/index.js';
import type { Doc } from '../model/index.js';
import { findQuantities, QUANTITY_STAGE } from '../nlp/quantities.js';
import { fixturePath, readFixture, REPO_ROOT } from '../testing/fixtures.js';
import { findPlacements } from '../resolve/facility-places.js';
import { defaultContext } from './context.js';
import { contractErrors, orderErrors, traceRun, type StageTrace } from './contract.js';
import { newState, runPipeline, STAGES, type Stage } from './stages.js';

/** The extraction fixtures and the bundled samples the demo ingests. */
function corpus(): Doc[] {
  const fixtures = readdirSync(fixturePath('extract', 'fixtures')).map((n) => intakeBuffer(Buffer.from(readFixture('extract', 'fixtures', n)), n, 'text'));
  const dir = join(REPO_ROOT, 'samples');
  return [...fixtures, ...readdirSync(dir).sort().map((n) => intakeFile(join(dir, n)))];
}

function traceAll(stages: readonly Stage[], docs: readonly Doc[]): Map<string, StageTrace> {
  const traces = new Map<string, StageTrace>();
  for (const d of docs) traceRun(stages, newState(d), defaultContext(), traces);
  return traces;
}

const DOCS = corpus();

test('the corpus holds the fixtures and the twelve samples', () => {
  assert.equal(DOCS.length, readdirSync(fixturePath('extract', 'fixtures')).length + 12);
});

test('every stage reads exactly the layers it needs, writes exactly the layers it adds and uses exactly the resources it declares', () => {
  const traces = traceAll(STAGES, DOCS);
  assert.deepEqual(contractErrors(STAGES, traces), []);
});

test('the declared order gives every stage what it needs', () => {
  assert.deepEqual(orderErrors(STAGES), []);
});

// The check must be able to fail: stages that lie, each caught.

/** STAGES with the stage of that name replaced. */
const replaced = (name: string, stage: Omit<Stage, 'name'>): Stage[] => STAGES.map((s) => (s.name === name ? { name, ...stage } : s));
const errorsOf = (stages: Stage[]): string[] => contractErrors(stages, traceAll(stages, DOCS.slice(0, 3)));

test('a stage that re-runs the date finder while declaring it needs dates is caught', () => {
  const lying = replaced(QUANTITY_STAGE, { needs: ['dates'], adds: ['quantities'], uses: [], run: (s) => { s.ann.quantities = findQuantities(s.doc.text); } });
  assert.deepEqual(errorsOf(lying), [`${QUANTITY_STAGE} declares needs dates but never reads it`]);
});

test('a stage that reads a layer it does not declare is caught', () => {
  const lying = replaced(QUANTITY_STAGE, { needs: [], adds: ['quantities'], uses: [], run: (s) => { s.ann.quantities = findQuantities(s.doc.text, s.ann.dates); } });
  assert.deepEqual(errorsOf(lying), [`${QUANTITY_STAGE} reads dates but its needs do not say so`]);
});

test('a stage that changes a layer in place without declaring it is caught', () => {
  const lying: Stage[] = [...STAGES, { name: 'lying', needs: ['mentions'], adds: [], uses: [], run: (s) => { for (const m of s.ann.mentions) m.reason += '!'; } }];
  assert.deepEqual(errorsOf(lying), ['lying writes mentions but its adds do not say so']);
});

test('a stage that declares a layer it never adds is caught', () => {
  const lying: Stage[] = [...STAGES, { name: 'lying', needs: [], adds: ['relations'], uses: [], run: () => {} }];
  assert.deepEqual(errorsOf(lying), ['lying declares adds relations but never writes it']);
});

test('an order that runs a stage before what it needs is caught', () => {
  const q = STAGES.findIndex((s) => s.name === QUANTITY_STAGE);
  const swapped = [...STAGES];
  [swapped[q - 1], swapped[q]] = [swapped[q]!, swapped[q - 1]!];
  assert.deepEqual(orderErrors(swapped), [`${QUANTITY_STAGE} needs dates, which no earlier stage adds`]);
});

test('a stage that reads a resource of the context it does not declare is caught', () => {
  const lying: Stage[] = [...STAGES, { name: 'lying', needs: ['mentions'], adds: ['placements'], uses: [], run: (s, ctx) => { s.placements = findPlacements(s.doc, s.ann, ctx.gazetteer); } }];
  assert.deepEqual(errorsOf(lying), ['lying uses gazetteer but its uses do not say so']);
});

test('a stage that declares a resource it never reads is caught', () => {
  const lying: Stage[] = [...STAGES, { name: 'lying', needs: [], adds: [], uses: ['targetType'], run: () => {} }];
  assert.deepEqual(errorsOf(lying), ['lying declares uses targetType but never uses it']);
});

test('runPipeline refuses an order that runs a stage before what it needs', () => {
  const late = STAGES.filter((s) => s.name !== 'nlp.dates');
  assert.throws(() => runPipeline(DOCS[0]!, defaultContext(), late), new RegExp(`pipeline misconfigured: ${QUANTITY_STAGE} needs dates`));
});

test('the placements stage states where the samples place a facility, as ingest stored it', () => {
  const crocus = DOCS.find((d) => d.meta.source.endsWith('01-crocus-early.txt'))!;
  const st = runPipeline(crocus);
  assert.deepEqual(st.placements, findPlacements(crocus, st.ann, defaultContext().gazetteer));
  assert.ok(st.placements.some((p) => p.key === 'crocus' && p.place.name === 'Krasnogorsk'), JSON.stringify(st.placements));
});
