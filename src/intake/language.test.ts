import assert from 'node:assert/strict';
import { test } from 'node:test';
import { detectLanguage, languageNotice } from './language.js';

const EN = 'Gunmen attacked a police checkpoint on the outskirts of the city on Saturday night, killing two officers and wounding a third, the regional governor said in a statement. The attackers fled into the forest.';
const RU = 'Вечером в воскресенье неизвестные открыли огонь по посту полиции в центре города. По данным МВД, погибли трое полицейских, ещё пятеро ранены.';
const UK = 'Увечері в неділю невідомі відкрили вогонь по посту поліції в центрі міста. За даними поліції, загинули троє правоохоронців, ще п’ятеро поранені.';
const FR = 'Des hommes armés ont attaqué un poste de police dans la banlieue de la ville samedi soir, tuant deux agents et blessant un troisième, selon un communiqué du gouverneur.';
const DE = 'Bewaffnete haben am Samstagabend einen Polizeiposten am Stadtrand angegriffen und dabei zwei Beamte getötet, wie der Gouverneur in einer Erklärung mitteilte, die von der Polizei bestätigt wurde.';
const AR = 'هاجم مسلحون نقطة تفتيش للشرطة في ضواحي المدينة مساء السبت، مما أسفر عن مقتل شرطيين وإصابة ثالث، بحسب بيان للمحافظ.';

test('the language of a report is named from its script and its function words', () => {
  assert.equal(detectLanguage(EN), 'en');
  assert.equal(detectLanguage(RU), 'ru');
  assert.equal(detectLanguage(UK), 'uk');
  assert.equal(detectLanguage(FR), 'fr');
  assert.equal(detectLanguage(DE), 'de');
  assert.equal(detectLanguage(AR), 'ar');
});

test('too little text, or text of no known kind, gets no language rather than a guess', () => {
  assert.equal(detectLanguage('Kabul, 3 May'), null);
  assert.equal(detectLanguage('zzq xxv wwk '.repeat(20)), null);
});

test('an English report quoting a French sentence stays English', () => {
  assert.equal(detectLanguage(`${EN} ${EN} "Nous condamnons cette attaque", a dit le ministre.`), 'en');
});

test('a language the rules do not read gets a notice; English and unknown get none', () => {
  assert.equal(languageNotice('ru'), 'language ru: no extraction yet');
  assert.equal(languageNotice('en'), null);
  assert.equal(languageNotice(null), null);
});
