import assert from 'node:assert/strict';
import { test } from 'node:test';
import { KEYWORD_RULES, ruleHits } from './rules.js';

/** Each rule's first match, one rule after another: what ruleHits gave before it skipped runs of rules. */
function oneByOne(text: string): { id: string; start: number; end: number; text: string }[] {
  const lower = text.toLowerCase();
  const same = lower.length === text.length;
  const out: { id: string; start: number; end: number; text: string }[] = [];
  for (const rule of KEYWORD_RULES) {
    const m = same ? new RegExp(rule.pattern).exec(lower) : new RegExp(rule.pattern, 'i').exec(text);
    if (m) out.push({ id: rule.id, start: m.index, end: m.index + m[0].length, text: text.slice(m.index, m.index + m[0].length) });
  }
  return out;
}

test('ruleHits finds each rule\'s first match, rules whose run finds nothing skipped', () => {
  const texts = [
    '', 'Nothing happened in the village today.',
    'A suicide bomber blew himself up near the embassy; police fired tear gas and arrested 12 protesters.',
    'Rebels captured the town after heavy shelling, then agreed to a ceasefire. Looting and arson followed.',
    'İstanbul: a drone strike hit the base, and a grenade was thrown at a checkpoint; sanctions were announced.',
    'GUNMEN KIDNAPPED TWO AID WORKERS AND DEMANDED RANSOM, THE ARMY SAID.',
    'The earthquake and floods displaced thousands; a tanker crashed and a mob lynched the driver.',
  ];
  for (const t of texts) assert.deepEqual(ruleHits(t).map((h) => ({ id: h.rule.id, start: h.start, end: h.end, text: h.text })), oneByOne(t), t);
});
