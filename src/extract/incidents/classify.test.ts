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
  assert.deepEqual(global, ['APPOSITIVE', 'CAPITALISED_WORD', 'COORDINATED_CLAUSE', 'PLACE_PARENTHETICAL', 'RELATIVE_TO_OTHER_INCIDENT', 'UNDERSCORE', 'WORD_INITIAL', 'WORD_RUN']);
});
