import assert from 'node:assert/strict';
import { test } from 'node:test';
import { intakeBuffer } from '../intake/index.js';
import { runPipeline } from '../pipeline/index.js';
import { readFixture } from '../testing/fixtures.js';

function incidents(text: string): string[] {
  const doc = intakeBuffer(Buffer.from(text), 'negative.txt', 'text');
  return runPipeline(doc).incidents.map((r) => `${r.label}: ${doc.text.slice(r.anchor.start, r.anchor.end)}`);
}

test('an opinion piece with no events yields no incident', () => {
  assert.deepEqual(incidents(readFixture('extract', 'fixtures', 'commentary.txt')), []);
});

const NOT_INCIDENTS: [string, string][] = [
  ['future', 'Officials warned that militants will attack the city again in the coming weeks.'],
  ['hypothetical', 'If the talks fail, a new bombing could follow, diplomats said on Tuesday.'],
  ['generic plural', 'Terrorist attacks have shaped the politics of the region for decades.'],
  ['such', 'Such attacks are rare in the capital, according to police.'],
  ['policy', 'Parliament passed a law that will allow longer detention of suspects.'],
  ['metaphor', 'The minister came under fire from critics after the budget vote.'],
  ['quoted future', 'He said the group "will strike again" unless its demands are met.'],
];

for (const [name, sentence] of NOT_INCIDENTS) {
  test(`not an incident: ${name}`, () => {
    const body = `A test report\n\n12 March 2023\n\n${sentence}\n`;
    assert.deepEqual(incidents(body), []);
  });
}

// ACLED codes a labour strike as a protest (issue 10 widened the scope to ACLED's): it is an
// incident now, but a peaceful protest, never a riot or an attack.
test('a labour strike is a protest, not a riot or an attack', () => {
  const list = incidents('A test report\n\n12 March 2023\n\nDock workers went on strike in Rotterdam on Monday over pay.\n');
  assert.ok(list.every((l) => l.startsWith('protest')), JSON.stringify(list));
});

// The wider casualty rules must not count what is no person: a total, a group, a clause.
test('casualty rules: a total, a crowd or a dispersal is no one killed', () => {
  for (const body of [
    'On 2 March 2020, police dispersed a crowd of protesters in Nairobi with tear gas.',
    'On 2 March 2020, militants attacked a group of farmers in Djibo; nobody was hurt.',
  ]) {
    const doc = intakeBuffer(Buffer.from(`2020-03-06\n\n${body}\n`), 'note.txt', 'text');
    const r = runPipeline(doc).incidents[0];
    assert.ok(!r?.killedTotal || r.killedTotal.value.value === 0, body);
  }
});

// An infinitive stays irrealis: a plan or a threat is no event.
test('an infinitive "to" before an event word is still no incident', () => {
  for (const body of ['The militants plan to attack the army base next week.', 'Residents fear the rebels want to kidnap more pupils.']) {
    const doc = intakeBuffer(Buffer.from(`2020-03-06\n\n${body}\n`), 'note.txt', 'text');
    assert.equal(runPipeline(doc).incidents.length, 0, body);
  }
});

// Events out of scope (crime, disasters) stay out: their in-scope labels are too unlikely.
test('a drug seizure or a flood is no incident', () => {
  for (const body of ['On 3 May 2020, police seized 2 tonnes of cannabis at the port of Tema.', 'On 3 May 2020, floods displaced 5,000 residents in Kano.']) {
    const doc = intakeBuffer(Buffer.from(`2020-05-04\n\n${body}\n`), 'note.txt', 'text');
    assert.equal(runPipeline(doc).incidents.length, 0, body);
  }
});
