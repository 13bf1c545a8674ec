import assert from 'node:assert/strict';
import { test } from 'node:test';
import { intakeBuffer } from '../intake/index.js';
import type { IncidentReport } from '../model/index.js';
import { runPipeline } from '../pipeline/index.js';

// Regressions found on data/merge-corpus; the sentences here are written for these tests.
function reportsOf(body: string, published = '12 March 2023'): { text: string; reports: IncidentReport[] } {
  const doc = intakeBuffer(Buffer.from(`A test report\n\n${published}\n\n${body}\n`), 'regression.txt', 'text');
  return { text: doc.text, reports: runPipeline(doc).incidents };
}

const dateOf = (r: IncidentReport | undefined): string | null => {
  const d = r?.date.value;
  return d && d.precision !== 'unknown' ? [d.year, d.month, d.day].filter((x) => x !== null).join('-') : null;
};

test('a vehicle driven into a crowd is an incident, placed by the sentence', () => {
  const { reports } = reportsOf('A lorry ploughed into a crowded Christmas market in Berlin on Monday evening, killing at least nine people, police said.');
  assert.equal(reports.length, 1);
  assert.equal(reports[0]!.locations[0]?.value.place.name, 'Berlin');
  // "Christmas" is no town in Florida here.
  assert.ok(!reports[0]!.locations.some((l) => l.value.place.countryCode === 'US'));
});

test('a gunman killing people, and a victim shot dead, are armed assaults', () => {
  const a = reportsOf('A gunman who pledged allegiance to a militant group killed 49 people at a nightclub in Orlando, Florida, on Sunday.').reports;
  assert.equal(a[0]?.type.value.kind, 'armed_assault');
  const b = reportsOf('ORLANDO, Fla. — A singer died after being shot while signing autographs after a concert on Friday night, police said.', 'Saturday, June 11, 2016').reports;
  assert.equal(b[0]?.type.value.kind, 'armed_assault');
  // The place comes from the dateline; the date from "Friday night" before a Saturday publication.
  assert.equal(b[0]?.locations[0]?.value.place.name, 'Orlando');
  assert.equal(dateOf(b[0]), '2016-6-10');
});

test('gunmen storming an office is an attack, not a riot; several people taken hostage is a hostage-taking', () => {
  const a = reportsOf('Two masked gunmen armed with assault rifles stormed the offices of a magazine in Paris on Wednesday morning, killing 12 people.').reports;
  assert.notEqual(a[0]?.type.value.kind, 'riot');
  const b = reportsOf('PARIS — An armed man took several people hostage inside a grocery store on the eastern edge of Paris on Friday afternoon, police said.').reports;
  assert.equal(b[0]?.type.value.kind, 'hostage_taking');
  assert.equal(b[0]?.inPassing, false, 'the lead incident is the news, even before figures are known');
});

test('dates of other clauses stay theirs: "a day after", an opening "after" clause, an aftermath predicate', () => {
  const a = reportsOf('Thousands gathered in the square on Friday, a day after a van ran down pedestrians on a boulevard in Barcelona, killing 13 people.', '18 August 2017').reports;
  assert.notEqual(dateOf(a[0]), '2017-8-18');
  const b = reportsOf('The man who killed 23 people in a racist attack on a store in El Paso, Texas, in August 2019 was sentenced on Friday to life in prison.', 'July 7, 2023').reports;
  assert.equal(dateOf(b[0]), '2019-8');
});

test('not incidents: a vehicle driven into a town, critics attacking a plan', () => {
  assert.deepEqual(reportsOf('The minister drove into the city centre on Monday for talks with the mayor.').reports, []);
  assert.deepEqual(reportsOf('Critics attacked the plan in parliament on Tuesday.').reports, []);
});

// Issue 10: short reports (a coder's note, a headline-like brief) whose one event word no anchor ties
// to a time or place were dropped, so half of real-world notes gave no incident.
test('a short note tells its event even with no anchor: the lead event', () => {
  for (const body of [
    'Unknown gunmen kill two members of a vigilante sect',
    'Journalists marched through the streets of the capital to demand the right to work in safety.',
    'Rioting minibus drivers clash with police',
  ]) {
    const doc = intakeBuffer(Buffer.from(`2009-03-06\n\n${body}\n`), 'note.txt', 'text');
    assert.equal(runPipeline(doc).incidents.length, 1, body);
  }
});

test('a short commentary or forecast is still no incident', () => {
  for (const body of [
    'Riots are a danger to any democracy, analysts say.',
    'Attacks on journalists have become more common in the region over the past decade.',
    'The government must stop the attacks on schools, the opposition leader said.',
  ]) {
    const doc = intakeBuffer(Buffer.from(`2009-03-06\n\n${body}\n`), 'note.txt', 'text');
    assert.equal(runPipeline(doc).incidents.length, 0, body);
  }
});

// Issue 10: the dead told as real notes tell them were not counted ("two suspects were lynched",
// "killed a civilian", "three civilians bystanders are killed", "shot dead a director").
test('casualties in coder-note wording are counted', () => {
  const cases: [string, number][] = [
    ['On 12 October 2018, two robbery suspects were lynched by a mob in Kericho.', 2],
    ['On 13 June 2019, unidentified armed men killed a civilian in Lodwar.', 1],
    ['On 4 May 2015, three civilians bystanders are killed during a gun battle between police and an armed group in Mombasa.', 3],
    ['On 2 March 2020, a herder was shot dead by militants in Djibo.', 1],
  ];
  for (const [body, n] of cases) {
    const doc = intakeBuffer(Buffer.from(`2020-03-06\n\n${body}\n`), 'note.txt', 'text');
    const r = runPipeline(doc).incidents[0];
    assert.equal(r?.killedTotal?.value.value ?? r?.killedVictims?.value.value, n, body);
  }
});

// Issue 10: "to" before a name, a determiner, "death" or a participle is a preposition, not an
// infinitive: these events were read as hypothetical and dropped.
test('a prepositional "to" does not make an event hypothetical', () => {
  for (const body of [
    'On 4 March 2020, in retaliation to Taliban attacks on army posts, soldiers killed 3 militants in Khakrez district, Kandahar.',
    'Vigilante group beat to death an alleged thief.',
    'On 1 September 2020, in reaction to devastated farmland, a group of farmers assaulted and wounded a herder in Tchatchou.',
  ]) {
    const doc = intakeBuffer(Buffer.from(`2020-03-06\n\n${body}\n`), 'note.txt', 'text');
    assert.equal(runPipeline(doc).incidents.length, 1, body);
  }
});

// Issue 10: the classifier's top label was out of ACLED's scope (organised crime) for mob violence, so
// the detector's event gave no incident; the likeliest in-scope label now gives it.
test('an event the classifier first reads as crime is still mob violence when that is the likeliest in-scope label', () => {
  const doc = intakeBuffer(Buffer.from('2020-05-20\n\nOn 19 May 2020, a number of residents severely assaulted two suspected motorbike thieves in the village of Sogba, leaving them in a critical state.\n'), 'note.txt', 'text');
  assert.equal(runPipeline(doc).incidents.length, 1);
});

// Issue 13: the riot rule's lookbehinds now follow "stormed" (degree 3 before it), and the gunman rule's
// who-clause ends before a blank run. The old patterns are kept to compare on sentences and attack shapes.
const OLD_RIOT = /\b(?:riots?|rioting|pogroms?|mob attacks?|mobs? (?:storm(?:s|ed)?|attack(?:s|ed)?|ransack(?:s|ed)?)|(?<!(?:police|officers|troops|forces|commandos|soldiers|agents)\s)(?<!\b(?:man|men|woman|attackers?|gunm[ae]n|assailants?|militants?|terrorists?|driver|suspects?|he|she|they)\b[^.;,]{0,60})stormed|forced their way into)\b/gi;
const OLD_GUNMAN = /\bgunm[ae]n\b(?:\s+(?:who|which)\b[^.;]{0,80}?)?\s+(?:kill|killed|kills|killing|shot|shoots|murdered|wounded)\b|\b(?:killed|shot(?: dead)?|murdered|wounded)\s+by\s+(?:a|the|an)\s+(?:lone\s+|masked\s+)?gunm[ae]n\b|\bopened fire\b/gi;

test('the rewritten riot and gunman trigger patterns match what the old ones matched', async () => {
  const { TRIGGER_RULES } = await import('./triggers.js');
  const rule = (name: string): RegExp => TRIGGER_RULES.find((r) => r.name === name)!.pattern;
  const all = (re: RegExp, s: string): string[] => [...s.matchAll(re)].map((m) => `${m.index}:${m[0]}`);
  const texts = [
    'Two masked gunmen armed with assault rifles stormed the offices of a magazine.', 'Police stormed the building at dawn.',
    'A mob stormed the town hall; protesters STORMED the parliament and rioting spread.', 'He then stormed out.',
    'The gunmen who had been hiding nearby   killed four people.', 'the gunman who \t shot', 'two were shot dead by a lone gunman',
    'S '.repeat(200), 'S GUNMAN\tWHO\t'.repeat(20) + ' ' + '\t '.repeat(100) + '.',
  ];
  for (const s of texts) {
    assert.deepEqual(all(rule('riot'), s), all(OLD_RIOT, s), s);
    assert.deepEqual(all(rule('gunman-killed'), s), all(OLD_GUNMAN, s), s);
  }
});

// Issue 13: the subject of a passive incident verb is found by passiveSubject, not by this pattern (cubic:
// 16 000 blanks after "a" took 18 s), kept here to compare.
const OLD_PASSIVE_SUBJECT = /(?:^|[,;]\s*|\b(?:In|in) [A-Z][\w-]+,\s*)((?:a|an|the|two|three|several)\s+[^,.;]{2,60}?)\s+(?:was|were|had been|has been)\s+(?:\w+ly\s+)?(?:set on fire|set alight|torched|bombed|attacked|shelled|burned down)/;

test('passiveSubject finds the match and subject the old pattern found', async () => {
  const { passiveSubject } = await import('./roles.js');
  const texts = [
    'a store owned by Tajik citizens was set on fire', 'In Kursk, the office was shelled', 'Police said two cars were reportedly torched overnight',
    'the    was bombed', 'the  x was bombed', 'the   x  was torched', 'an  ab  were really attacked', 'the, x was bombed', 'two    ,was bombed',
    `, the ${'x'.repeat(59)} was bombed`, `, the ${'x'.repeat(61)} was bombed`, `the ${' '.repeat(70)}ab was bombed`, 'a\t' + '\t\t'.repeat(300) + 's',
  ];
  for (const s of texts) {
    const m = OLD_PASSIVE_SUBJECT.exec(s);
    assert.deepEqual(passiveSubject(s), m ? { index: m.index, match: m[0], subject: m[1] } : null, JSON.stringify(s));
  }
});
