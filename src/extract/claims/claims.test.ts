import assert from 'node:assert/strict';
import { test } from 'node:test';
import { intakeBuffer } from '../../intake/index.js';
import { runPipeline } from '../../pipeline/index.js';
import { citationStart, endCitation } from './index.js';
import { PATTERN_RULES } from './rules.js';

function run(body: string): { claims: string[]; quotes: string[] } {
  const doc = intakeBuffer(Buffer.from(`A test report\n\nBy Test Writer 12 March 2023\n\n${body}\n`), 'claims.txt', 'text');
  const s = runPipeline(doc);
  return {
    claims: s.claims.map((c) => `${c.kind.value}|${c.source.value.name}|${c.source.value.kind}|${c.modality.value}|${c.targets.map((t) => t.value.name).join(',')}`),
    quotes: s.quotes.map((q) => `${q.speaker.value.name}: ${doc.text.slice(q.text.start, q.text.end)}`),
  };
}

const CASES: [string, string, RegExp][] = [
  ['responsibility', 'A bomb hit the market in Karvel on Monday. The Northern Front claimed responsibility for the bombing.', /^responsibility\|The Northern Front\|/],
  ['denial', 'A bomb hit the market in Karvel on Monday. The interior ministry denied that the guards had left their posts.', /^denial\|The interior ministry\|organisation\|asserted/],
  ['accusation by verb', 'A bomb hit the market in Karvel on Monday. Governor Ana Petrova accused the Red Hand militia of planning the bombing.', /^accusation\|Governor Ana Petrova\|person\|asserted/],
  ['accusation by the author', 'A bomb hit the market in Karvel on Monday. The bombing bears the imprint of the secret police.', /^accusation\|Test Writer\|author\|asserted\|the secret police/],
  ['hedged accusation', 'A bomb hit the market in Karvel on Monday. Everything indicates that the secret police were involved in the bombing.', /^accusation\|Test Writer\|author\|hedged/],
  ['linkage, hedged', 'Two bombs hit Karvel and Rosda on Monday. Prime Minister Jon Alder said on Tuesday that the two bombings were likely synchronized.', /^linkage\|Prime Minister Jon Alder\|person\|hedged/],
  ['reported fact', 'A bomb hit the market in Karvel on Monday. According to hospital officials, nine people were killed.', /^reported_fact\|hospital officials\|unnamed\|reported/],
  ['media report', 'A bomb hit the market in Karvel on Monday. Local media reports indicate that the bomber was a student.', /^reported_fact\|Local media reports\|media\|reported/],
  ['no claim', 'A bomb hit the market in Karvel on Monday. No group has claimed responsibility for the attack.', /^no_claim\|Test Writer\|author\|negated/],
  ['negated statement', 'A bomb hit the market in Karvel on Monday. The police did not deny that the bomber was known to them.', /^denial\|The police\|\w+\|negated/],
];

for (const [name, body, want] of CASES) {
  test(`claim: ${name}`, () => {
    const { claims } = run(body);
    assert.ok(claims.some((c) => want.test(c)), `${want} not in ${JSON.stringify(claims)}`);
  });
}

test('statement date is taken from "said on DATE"', () => {
  const doc = intakeBuffer(Buffer.from('A test report\n\nBy Test Writer 12 March 2023\n\nTwo bombs hit Karvel and Rosda on Monday. Minister Jon Alder said on March 14 that the two bombings were coordinated.\n'), 'd.txt', 'text');
  const c = runPipeline(doc).claims.find((x) => x.kind.value === 'linkage');
  assert.equal(c?.date?.value.day, 14);
});

test('quotes keep their speakers, and "He continued" goes to the last speaker', () => {
  const { quotes } = run('Gunmen stormed a hall in Verla on Friday. Interior Minister Rafael Ortiz wrote that "the attackers were trained abroad by experts." He continued, "We will find every one of those who helped them."');
  assert.ok(quotes.some((q) => /^Interior Minister Rafael Ortiz: the attackers were trained/.test(q)), JSON.stringify(quotes));
  assert.ok(quotes.some((q) => /^Interior Minister Rafael Ortiz: We will find/.test(q)), JSON.stringify(quotes));
});

test('"praised X as" yields a quote', () => {
  const { quotes } = run('Opposition leader Kai Berg praised the ferry crew as "true heroes of the coast."');
  assert.deepEqual(quotes, ['Opposition leader Kai Berg: true heroes of the coast.']);
});

test('an unnamed source speaks a multi-sentence quote', () => {
  const { quotes } = run('One protester told a reporter: "They beat us with sticks. We did nothing wrong."');
  assert.deepEqual(quotes, ['One protester: They beat us with sticks. We did nothing wrong.']);
});

test('a cited historical text keeps its author and work', () => {
  const doc = intakeBuffer(Buffer.from('A test report\n\nBy Test Writer 12 March 2023\n\nIn the words of Ada Quill,\n\nA state that fears its citizens will always find enemies among them. (Ada Quill, "Notes on Order," Green Press, 1901).\n\nThe rest follows.\n'), 'h.txt', 'text');
  const s = runPipeline(doc);
  const q = s.quotes[0];
  assert.ok(q, 'a quote');
  assert.deepEqual(q.citation, { author: 'Ada Quill', work: 'Notes on Order' });
  assert.match(doc.text.slice(q.text.start, q.text.end), /^A state that fears/);
});

/** The citation patterns citationStart and endCitation replaced (issue 13: every "(" read to the end, quadratic). */
const OLD_CITATION_AT_END = /\s\((?:[A-Z][\w.]+ )+[A-Z][\w]+, ["“][^)]*\)\.?$/;
const OLD_CITATION = /\(((?:[A-Z][\w.]+ )+[A-Z][\w]+), ["“]([^"”]+?),?["”][^)]*\)\.?\s*$/;

test('a block quotation\'s citation is found where the old patterns found it, with the same author and work', () => {
  const texts = [
    'A state that fears. (Ada Quill, "Notes on Order," Green Press, 1901).', 'x (Ada Quill, “Notes (on) Order,” 1901)', 'x (Ada Quill, "Notes,," 1901) \n',
    'x (Ada Quill, ",") (L.D. Trotsky, "More on Bonapartism," 1938).', 'x (Ada Quill, "a) b" c)', 'x (Ada Quill, "" 1901)', 'x (A Quill, "T" 1)',
    'x (Ada Quill, "T" 1) .', 'x (Ada Quill, "T" 1))', '(Ada Quill, "T" 1)', 'x\t(Ab Cd, “T” (1))', `${' (Aa Aa, "'.repeat(50)}x)`, `${'(Aa Aa, “'.repeat(50)}x)`,
  ];
  for (const s of texts) {
    assert.equal(citationStart(s), s.search(OLD_CITATION_AT_END), s);
    const m = OLD_CITATION.exec(s);
    assert.deepEqual(endCitation(s), m ? { author: m[1], work: m[2]!.replace(/,$/, '') } : null, s);
  }
});

test('issue 13: the claimant, denier and "X were behind the" rules answer as their old patterns did', () => {
  const old: Record<string, RegExp> = {
    'claimed-responsibility': /(?<source>[A-Z][\w*’'.-]*(?: (?:of |al-|de )?[A-Z][\w*’'.-]*){0,5}(?: \([^)]{1,30}\))?) (?:has |have |had )?(?:quickly |later |officially |reportedly )?(?:claimed|claims|claiming) (?:the )?responsibility\b/,
    'denial-noun': /\bdenials? of (?:any )?(?:involvement|responsibility|complicity) by (?<source>[^.;]+?)(?= have| has| had| were| was| are| is|[.;,])/i,
    'were-involved': /\b(?<targets>(?:the |some )?[\w-]+(?: [\w-]+){0,3}?) (?:were|was|are|is) (?:directly |indirectly |also )?(?:involved in|behind|responsible for) (?:inciting |organi[sz]ing |the )/i,
  };
  const texts = [
    'The Islamic State (ISKP) has quickly claimed responsibility. AAAA ISIS-K claimed the responsibility',
    'ISIS-K of Al-Qaeda de Foo Bar Baz Qux Quux reportedly claimed responsibility; A.B.C-D claiming responsibility',
    'denials of any involvement by Kyiv and London were issued; denial of complicity by NATO; denial of responsibility by ',
    'x-the A B C D were behind the attack; Some of them are also responsible for inciting; the West was directly involved in organising it',
    `${'Ay '.repeat(300)}claims nothing; ${'denial of involvement by x '.repeat(100)}; ${'F-'.repeat(500)}x is behind a`,
  ];
  const show = (m: RegExpExecArray | null): string => JSON.stringify(m && [m.index, ...m, m.groups]);
  for (const r of PATTERN_RULES.filter((x) => old[x.name])) {
    for (const s of texts) for (let i = 0; i < s.length; i += s.length > 300 ? 11 : 1) assert.equal(show(r.pattern.exec(s.slice(i))), show(old[r.name]!.exec(s.slice(i))), `${r.name} on ${JSON.stringify(s.slice(i, i + 50))}`);
  }
});
