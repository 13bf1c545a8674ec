import assert from 'node:assert/strict';
import { test } from 'node:test';
import { intakeBuffer } from '../../../intake/index.js';
import type { IncidentReport } from '../../../model/index.js';
import { runPipeline } from '../../../pipeline/index.js';

/** The first report's first location of a short note, read as ACLED notes are (a date line first). */
function where(note: string): { name: string; admin1: string | null; cc: string; code: string } | null {
  const doc = intakeBuffer(Buffer.from(`2020-03-05\n\n${note}\n`), 'note', 'text');
  const reports: IncidentReport[] = runPipeline(doc).incidents;
  const p = reports[0]?.locations[0]?.value.place;
  return p ? { name: p.name, admin1: p.admin1Name, cc: p.countryCode, code: p.featureCode } : null;
}

test('a report whose own clause names no place takes the place the document names in its country', () => {
  // The arrest's sentence names no place; the fight's sentence does.
  const p = where('On 25 February 2020, two factions of butchers engaged in a street fight in Kumasi (Kumasi, Ashanti) over leadership at the local abattoir. Police arrested 16 people.');
  assert.equal(p?.name, 'Kumasi');
  assert.equal(p?.cc, 'GH');
});

test('negative: the document place must lie in the document country, so a note with no place of it keeps the country', () => {
  // "Kenyan police" names the country only; nothing in the text is a town or division.
  const p = where('Kenyan police arrested 16 people after a street fight over leadership at the local abattoir.');
  assert.ok(p === null || p.code.startsWith('PCL'));
});
