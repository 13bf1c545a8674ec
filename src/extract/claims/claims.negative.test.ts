import assert from 'node:assert/strict';
import { test } from 'node:test';
import { intakeBuffer } from '../../intake/index.js';
import { runPipeline } from '../../pipeline/index.js';

function run(body: string): ReturnType<typeof runPipeline> {
  return runPipeline(intakeBuffer(Buffer.from(`A test report\n\nBy Test Writer 12 March 2023\n\n${body}\n`), 'neg.txt', 'text'));
}

const NOT_CLAIMS: [string, string][] = [
  ['narration', 'Gunmen attacked a checkpoint near Rosda on Sunday night. Two officers were killed and the road was closed.'],
  ['"that said"', 'The vote passed easily. That said, the opposition will try again in the autumn.'],
  ['"needless to say"', 'Needless to say, the city was calm on Monday morning.'],
  ['"the said"', 'The said building was closed on Monday for repairs.'],
  ['verb as a name', 'The Times Square office was closed on Monday.'],
];

for (const [name, body] of NOT_CLAIMS) {
  test(`no claim: ${name}`, () => {
    assert.deepEqual(run(body).claims.map((c) => c.kind.value), []);
  });
}

test('a future statement is a claim but not an incident', () => {
  const s = run('The rebel commander said the group will attack the capital next month.');
  assert.equal(s.claims.length, 1);
  assert.equal(s.claims[0]!.source.value.name, 'The rebel commander');
  assert.deepEqual(s.incidents, []);
});

test('no claim gets a wrong source from a preposition object', () => {
  const s = run('Everything about the attack in the capital indicates that the gunmen were paid.');
  assert.ok(s.claims.every((c) => c.source.value.name !== 'the capital'));
});
