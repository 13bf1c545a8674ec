import assert from 'node:assert/strict';
import { test } from 'node:test';
import { intakeBuffer } from '../intake/index.js';
import type { RoleMention } from '../model/index.js';
import { findRoles } from '../nlp/roles/index.js';
import { defaultContext, runPipeline } from '../pipeline/index.js';

/**
 * Issue 11: the role tagger runs inside the incident stage, on the sentences the incidents' clauses are
 * in, where it ran over every sentence before (a quarter of the pipeline's CPU on MUC-4; 5 % of that
 * text is in an incident's clauses). The reports must not change: a filler fills a report's fields only
 * inside its clauses, and the tagger reads one sentence at a time. Our own sentences, MUC-4 in style.
 */

const tagger = defaultContext().roleTagger;
const brief = (rs: readonly RoleMention[]): string[] => rs.map((r) => `${r.role}:${r.text}@${r.start}`);

function run(text: string): { st: ReturnType<typeof runPipeline>; all: RoleMention[] } {
  const doc = intakeBuffer(Buffer.from(text), 'role-fields-test', 'text');
  const st = runPipeline(doc);
  return { st, all: findRoles(doc.text, st.ann.sentences, tagger) };
}

const NO_INCIDENT = 'The victims were identified as Jose Perez and Maria Gomez, both peasants.';
const INCIDENT = 'FMLN urban commandos used car bombs and rifles, the report noted.';

test('a document with no incident is not tagged, though the tagger would find fillers in it', { skip: !tagger && 'no role model' }, () => {
  const { st, all } = run(NO_INCIDENT);
  assert.equal(st.incidents.length, 0);
  assert.ok(all.length > 0, `the tagger finds fillers here: ${brief(all).join(', ')}`);
  assert.deepEqual(st.ann.roles, []);
});

test("an incident's sentence is tagged as the tagger reads it alone, and its fillers fill the report", { skip: !tagger && 'no role model' }, () => {
  const { st, all } = run(INCIDENT);
  assert.equal(st.incidents.length, 1);
  assert.ok(all.length > 0);
  assert.deepEqual(brief(st.ann.roles), brief(all));
  const fromTagger = st.incidents[0]!.perpetrators.filter((p) => p.stage === 'nlp.roles').map((p) => p.value.name);
  assert.ok(fromTagger.includes('FMLN urban commandos'), JSON.stringify(st.incidents[0]!.perpetrators));
});

test('the layer holds the fillers of the incident sentences only, each as the full tagging has it', { skip: !tagger && 'no role model' }, () => {
  const { st, all } = run(`${INCIDENT}\n\nIn other news, the minister opened a school in the capital.\n\n${NO_INCIDENT}`);
  const sentenceOf = (r: RoleMention): number => st.ann.sentences.findIndex((s) => s.start <= r.start && r.end <= s.end);
  const tagged = new Set(st.ann.roles.map(sentenceOf));
  assert.ok(st.ann.roles.length > 0);
  assert.deepEqual(brief(st.ann.roles), brief(all.filter((r) => tagged.has(sentenceOf(r)))));
  // The victims' sentence tells no incident of its own and joins none here: its fillers are not in the layer.
  const victims = all.filter((r) => r.role === 'Victim');
  if (st.incidents.every((i) => i.victims.length === 0)) for (const v of victims) assert.ok(!tagged.has(sentenceOf(v)), brief([v]).join());
});
