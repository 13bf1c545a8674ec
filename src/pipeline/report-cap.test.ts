import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MAX_REPORTS_PER_DOC } from '../extract/incidents/index.js';
import { intakeBuffer } from '../intake/index.js';
import { runPipeline } from './stages.js';

/**
 * Fuzz finding (long run of 2026-11-30): a mutated sample repeated to 196 KB yielded 1 435 incident
 * reports, 2.2 s of CPU with saving them. A document yields at most MAX_REPORTS_PER_DOC reports, the
 * first in document order, and says how many it found. Rebuilt here as a chronology of distinct
 * attacks, one a paragraph (the pipeline keeps each as its own report).
 */

const CITIES = ['Kabul', 'Mosul', 'Aleppo', 'Lagos', 'Mogadishu', 'Peshawar', 'Quetta', 'Baghdad', 'Kirkuk', 'Maiduguri', 'Bamako', 'Gao', 'Timbuktu', 'Kandahar', 'Jalalabad', 'Herat'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November'];
const attack = (i: number): string => `On ${1 + (i % 28)} ${MONTHS[i % 11]} ${2000 + (i % 20)}, gunmen killed ${3 + (i % 40)} people in ${CITIES[i % 16]}, police said.`;

function chronology(n: number): ReturnType<typeof runPipeline> {
  const text = `Attacks of two decades\n\n${Array.from({ length: n }, (_, i) => attack(i)).join('\n\n')}`;
  return runPipeline(intakeBuffer(new TextEncoder().encode(text), `chronology-${n}.txt`, 'text'));
}

test(`a document yields at most ${MAX_REPORTS_PER_DOC} incident reports, the first ones, with a notice`, () => {
  const n = MAX_REPORTS_PER_DOC + 40;
  const st = chronology(n);
  assert.equal(st.incidents.length, MAX_REPORTS_PER_DOC);
  assert.deepEqual(st.notices, [`${n} incident reports found: the first ${MAX_REPORTS_PER_DOC} kept`]);
  const firstAt = st.doc.text.indexOf(attack(0));
  assert.ok(st.incidents.some((r) => r.anchor.start >= firstAt && r.anchor.end <= firstAt + attack(0).length), 'the first attack is kept');
  const lastAt = st.doc.text.indexOf(attack(n - 1));
  assert.ok(st.incidents.every((r) => r.anchor.start < lastAt), 'the last attack is left out');
});

test('negative: a document under the cap keeps every report and has no notice', () => {
  const st = chronology(30);
  assert.equal(st.incidents.length, 30);
  assert.equal(st.notices, undefined);
});
