import assert from 'node:assert/strict';
import { test } from 'node:test';
import { intakeBuffer } from '../intake/index.js';
import { defaultContext, runPipeline } from '../pipeline/index.js';
import { acledActors, actorMentions } from './actors.js';

/** The shipped lexicon, as the pipeline and the exporter read it. */
const LEXICON = defaultContext().actors;

const names = (text: string, country: string): string[] => actorMentions(LEXICON, text, { start: 0, end: text.length }, country).map((a) => `${a.name}/${a.inter}`);

test('actors: forces of any country, named by a demonym or the event country', () => {
  assert.deepEqual(names('Nigerien soldiers repelled the attack.', 'Mali'), ['Military Forces of Niger/8']);
  assert.deepEqual(names('Police fired tear gas at the crowd.', 'Kenya'), ['Police Forces of Kenya/1']);
  assert.deepEqual(names('Afghan security forces shelled a residential area.', 'Afghanistan'), ['Military Forces of Afghanistan/1']);
});

test('actors: named groups from the learned lexicon, and unnamed gunmen', () => {
  assert.deepEqual(names('Suspected Al-Shabaab fighters ambushed a convoy.', 'Somalia').slice(0, 1), ['Al Shabaab/2']);
  assert.deepEqual(names('Taliban militants shot and killed a shopkeeper.', 'Afghanistan').slice(0, 1), ['Taliban/2']);
  assert.deepEqual(names('Unidentified gunmen shot a teacher.', 'Nigeria'), ['Unidentified Armed Group (Nigeria)/3']);
  assert.deepEqual(names('Fulani herdsmen raided the village.', 'Nigeria'), ['Fulani Ethnic Militia (Nigeria)/4']);
});

test('actors: negative cases name no actor', () => {
  assert.deepEqual(names('The market reopened on Monday after the holiday.', 'Kenya'), []);
  assert.deepEqual(names('Islam teaches mercy, the preacher said.', 'Niger'), []);
  assert.deepEqual(names('Analysts expect the economy to grow.', 'Ghana'), []);
});

test('actors: ACLED conventions fill actor1 and actor2 from the event type', () => {
  const doc = intakeBuffer(Buffer.from('Nakuru, 3 May 2021\n\nOn 2 May 2021, unidentified gunmen shot and killed a farmer in Nakuru, Kenya.\n'), 'note.txt', 'text');
  const r = runPipeline(doc).incidents[0]!;
  const { actor1, actor2 } = acledActors(LEXICON, doc.text, r, 'Kenya');
  assert.equal(actor1?.name, 'Unidentified Armed Group (Kenya)');
  assert.equal(actor2?.name, 'Civilians (Kenya)');
  assert.equal(actor2?.inter, 7);
});

test('actors: two groups joined by "and/or" or "or" are ACLED\'s "A and/or B"; "and" names both', () => {
  const jnimOrIsgs = 'JNIM: Group for Support of Islam and Muslims and/or Islamic State (Greater Sahara)/2';
  assert.deepEqual(names('Presumed JNIM and/or ISGS militants attacked a police patrol.', 'Burkina Faso'), [jnimOrIsgs, 'Police Forces of Burkina Faso/1']);
  assert.deepEqual(names('Presumed ISGS or JNIM militants attacked the village.', 'Burkina Faso'), [jnimOrIsgs]);
  assert.deepEqual(names('JNIM and ISGS fighters clashed.', 'Burkina Faso'), ['JNIM: Group for Support of Islam and Muslims/2', 'Islamic State (Greater Sahara)/2']);
});

test('actors: an alias of a renamed group names the actor coded at the event\'s date', () => {
  const at = (date: string): string => actorMentions(LEXICON, 'Boko Haram attacked Bama.', { start: 0, end: 25 }, { country: 'Nigeria', date })[0]!.name;
  assert.match(at('2014-06-02'), /Jama/);
  assert.match(at('2015-11-20'), /Wilayat Gharb Ifriqiyyah/);
});

test('actors: a unit ACLED names after a state\'s forces; plain police stay plain', () => {
  assert.deepEqual(names('Gendarmes repelled the attack.', 'Burkina Faso'), ['Police Forces of Burkina Faso Gendarmerie/1']);
  assert.deepEqual(names('Police repelled the attack.', 'Burkina Faso'), ['Police Forces of Burkina Faso/1']);
});

test('actors: a bare ethnic name is an ethnic militia before an attack verb or after "suspected", not alone', () => {
  assert.deepEqual(names('Pokot raid Turkana villages.', 'Kenya'), ['Pokot Ethnic Militia (Kenya)/4']);
  assert.deepEqual(names('Suspected Fulani killed 30 villagers.', 'Nigeria'), ['Fulani Ethnic Militia (Nigeria)/4']);
  assert.deepEqual(names('The Pokot elders met the governor.', 'Kenya'), []);
});

/** actor1 | actor2 of the first incident a note yields, read as an event of the given ACLED type. */
function sides(note: string, event: string, country: string): string {
  const doc = intakeBuffer(Buffer.from(`3 May 2021\n\n${note}\n`), 'note.txt', 'text');
  const r = runPipeline(doc).incidents[0]!;
  const { actor1, actor2 } = acledActors(LEXICON, doc.text, { ...r, type: { ...r.type, value: { ...r.type.value, acledEvent: event } } }, country);
  return `${actor1?.name ?? ''} | ${actor2?.name ?? ''}`;
}

test('actors: actor1 is the one who acts, in active and passive clauses', () => {
  assert.equal(sides('On 2 May 2021, two soldiers were killed by Taliban militants in Kunduz.', 'Battles', 'Afghanistan'), 'Taliban | Military Forces of Afghanistan');
  assert.equal(sides('On 2 May 2021, Taliban militants attacked a police checkpoint in Kunduz, killing two policemen.', 'Battles', 'Afghanistan'), 'Taliban | Police Forces of Afghanistan');
  // Negative: a force named only as the place of a blast does not act; nobody named did it.
  assert.equal(sides('On 2 May 2021, a bomb exploded at a military camp in Monywa.', 'Explosions/Remote violence', 'Myanmar'), 'Unidentified Armed Group (Myanmar) | Military Forces of Myanmar');
});

test('actors: a group blamed near the sentence replaces an unnamed attacker; one merely named does not', () => {
  assert.equal(sides('On 2 May 2021, a landmine blast killed a civilian near Mandera. Al Shabaab is believed to be responsible.', 'Explosions/Remote violence', 'Kenya').split(' | ')[0], 'Al Shabaab');
  assert.notEqual(sides('On 2 May 2021, unknown gunmen shot dead a trader in Mandera. He had spoken against Al Shabaab.', 'Violence against civilians', 'Kenya').split(' | ')[0], 'Al Shabaab');
});

test('actors: a demonstration with riot words has Rioters as actor1, a peaceful one Protesters; the police it met are actor2', () => {
  assert.equal(sides('On 2 May 2021, residents of Kisumu protested over water shortages, burning tyres and stoning vehicles. Police dispersed them.', 'Protests', 'Kenya').split(' | ')[0], 'Rioters (Kenya)');
  assert.equal(sides('On 2 May 2021, police dispersed traders who protested against new taxes in Kisumu.', 'Protests', 'Kenya'), 'Protesters (Kenya) | Police Forces of Kenya');
  assert.equal(sides('On 2 May 2021, riot police dispersed traders who protested against new taxes in Kisumu.', 'Protests', 'Kenya').split(' | ')[0], 'Protesters (Kenya)');
});

/** assoc_actor_1 | assoc_actor_2 of the first incident a note yields, read as an event of the given ACLED type. */
function assocs(note: string, event: string, country: string): string {
  const doc = intakeBuffer(Buffer.from(`3 May 2021\n\n${note}\n`), 'note.txt', 'text');
  const r = runPipeline(doc).incidents[0]!;
  const { assoc1, assoc2 } = acledActors(LEXICON, doc.text, { ...r, type: { ...r.type, value: { ...r.type.value, acledEvent: event } } }, country);
  return `${assoc1?.name ?? ''} | ${assoc2?.name ?? ''}`;
}

test('actors: the demonstrators\' identity is assoc_actor_1 when it stands before the protest verb, not after it', () => {
  assert.equal(assocs('On 2 May 2021, university students protested against fee increases in Nairobi.', 'Protests', 'Kenya'), 'Students (Kenya) | ');
  assert.equal(assocs('On 2 May 2021, residents protested in Nairobi against the arrest of students.', 'Protests', 'Kenya'), ' | ');
});

test('actors: mob justice associates a Vigilante Group with the rioters; a riot without a suspect does not', () => {
  assert.equal(assocs('On 2 May 2021, a mob lynched a suspected thief in Kisumu.', 'Riots', 'Kenya').split(' | ')[0], 'Vigilante Group (Kenya)');
  assert.equal(assocs('On 2 May 2021, rioters burned tyres on the highway in Kisumu.', 'Riots', 'Kenya').split(' | ')[0], '');
});

test('actors: a group the lexicon does not know is named as written before a fighters\' noun; a demonym is not a group', () => {
  assert.deepEqual(names('Suspected Zorbian Liberation militants attacked the town.', 'Kenya'), ['Zorbian Liberation/2']);
  assert.deepEqual(names('Nigerien militants attacked the town.', 'Niger'), []);
});

test('actors: forces named as a modifier are no party; a blast\'s actor1 is one that fired or planted', () => {
  assert.doesNotMatch(sides('On 2 May 2021, a bomb exploded at the house of a military informant in Monywa.', 'Explosions/Remote violence', 'Myanmar'), /Military/);
  assert.equal(sides('On 2 May 2021, a bomb exploded at a military camp in Monywa.', 'Explosions/Remote violence', 'Myanmar').split(' | ')[1], 'Military Forces of Myanmar');
  assert.equal(sides('On 2 May 2021, the Myanmar military shelled Ye De village in Kyaukkyi township.', 'Explosions/Remote violence', 'Myanmar').split(' | ')[0], 'Military Forces of Myanmar');
  assert.equal(sides('On 2 May 2021, a bomb exploded where soldiers were stationed in Monywa.', 'Explosions/Remote violence', 'Myanmar').split(' | ')[0], 'Unidentified Armed Group (Myanmar)');
});

test('actors: raiders nobody names are an ethnic militia, gunmen an armed group', () => {
  assert.deepEqual(names('Raiders attacked the village.', 'Kenya'), ['Unidentified Ethnic Militia (Kenya)/4']);
  assert.deepEqual(names('Gunmen attacked the village.', 'Kenya'), ['Unidentified Armed Group (Kenya)/3']);
});

test('actors: ethnic groups in a clash "between X and Y" are both militias; a meeting of elders is not', () => {
  assert.deepEqual(names('Clashes between Pokot and Marakwet militia along Kerio River.', 'Kenya'), ['Pokot Ethnic Militia (Kenya)/4', 'Marakwet Ethnic Militia (Kenya)/4']);
  assert.deepEqual(names('A meeting between the Pokot elders and the governor.', 'Kenya'), []);
});

test('actors: a group ACLED codes under a parent is the parent\'s associate from the learned date on, itself before', () => {
  const at = (date: string): string => actorMentions(LEXICON, 'Katiba Macina fighters attacked Dioura.', { start: 0, end: 38 }, { country: 'Mali', date }).map((a) => `${a.name}+${a.associate ?? ''}`)[0]!;
  assert.equal(at('2020-02-01'), 'JNIM: Group for Support of Islam and Muslims+Katiba Macina');
  assert.equal(at('2016-02-01'), 'Katiba Macina+');
});
