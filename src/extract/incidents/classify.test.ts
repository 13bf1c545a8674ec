import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HIT_RULES } from './classify.js';
import { LEAD_EVENT_WHYS } from './hits.js';
import * as patterns from './patterns.js';

test('hit rules: unique names, a reason each, and a last rule that always applies', () => {
  assert.equal(new Set(HIT_RULES.map((r) => r.name)).size, HIT_RULES.length);
  for (const r of HIT_RULES) assert.ok(r.reason.length > 10, `${r.name} has a reason`);
  const last = HIT_RULES[HIT_RULES.length - 1]!;
  assert.equal(last.when({} as never), true);
});

test('every lead-event why is the why of a hit rule that sets a hit aside or refers it back', () => {
  const whys = HIT_RULES.filter((r) => r.mode !== 'specific' && typeof r.why === 'string').map((r) => r.why as string);
  for (const w of LEAD_EVENT_WHYS) assert.ok(whys.some((x) => x.startsWith(w)), w);
});

test('global patterns are only the ones run through matchesOf, scan or replace', () => {
  const global = Object.entries(patterns).filter(([, v]) => v instanceof RegExp && v.global).map(([k]) => k).sort();
  assert.deepEqual(global, ['APPOSITIVE', 'CAPITALISED_WORD', 'COORDINATED_CLAUSE', 'PLACE_PARENTHETICAL', 'RELATIVE_TO_OTHER_INCIDENT', 'UNDERSCORE', 'WORD_INITIAL']);
});

test('fuzz finding 45: a sentence of many hits is read once for its heading test and its relative dates, not once a hit', async () => {
  // A mutated 09-kerch-bridge.txt: "the explosion tha" thousands of times in one sentence of 196 KB. Each
  // hit tested the whole sentence for a heading, and each hit of the incident scanned it for "days before
  // the …" again: 2.0–2.4 s, 0.9–1.2 s now.
  const { intakeBuffer } = await import('../../intake/index.js');
  const { runPipeline } = await import('../../pipeline/index.js');
  const doc = intakeBuffer(Buffer.from(`Bridge blast\n\n9 October 2022\n\nA truck bomb exploded on the Kerch Bridge in Crimea on 8 October 2022, killing three people, and ${'the explosion tha '.repeat(300)}on the bridge.\n`), 'hits.txt', 'text');
  const calls = { heading: 0, relative: 0 };
  const heading = patterns.FINAL_PUNCTUATION;
  const relative = patterns.RELATIVE_TO_OTHER_INCIDENT;
  heading.test = (s: string) => (calls.heading++, RegExp.prototype.test.call(heading, s));
  relative.exec = (s: string) => (calls.relative++, RegExp.prototype.exec.call(relative, s));
  try {
    const st = runPipeline(doc);
    assert.ok(st.incidents.length >= 1);
  } finally {
    delete (heading as { test?: unknown }).test;
    delete (relative as { exec?: unknown }).exec;
  }
  assert.ok(calls.heading <= doc.text.split('\n').length, `${calls.heading} heading tests`);
  assert.ok(calls.relative <= 10, `${calls.relative} scans for a relative date`);
});
