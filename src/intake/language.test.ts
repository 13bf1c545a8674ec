import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lcg } from '../testing/shuffle.js';
import { ENGLISH_FUNCTION_WORDS } from './patterns.js';
import { countLetters, detectLanguage, englishTokens, languageNotice } from './language.js';

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

test('countLetters counts what /\\p{L}/gu and /\\p{Script=Latin}/gu match, surrogates and all', () => {
  const byRegex = (s: string): { letters: number; latin: number } => ({ letters: s.match(/\p{L}/gu)?.length ?? 0, latin: s.match(/\p{Script=Latin}/gu)?.length ?? 0 });
  const samples = [EN, RU, UK, FR, DE, AR, '', 'ªº ǅ ⅷ Ⅻ ﬁ 𝐀𝐁 😀 日本語 café', '\ud835', 'a\udc00b', '𝐀\ud835', 'x\ud835\udc00y'];
  // Code points from every plane, lone surrogates included, from a fixed linear congruential sequence.
  let seed = 11;
  for (let k = 0; k < 200; k++) {
    let s = '';
    for (let i = 0; i < 40; i++) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      const cp = seed % 4 === 0 ? seed % 128 : seed % 0x30000;
      s += cp >= 0xd800 && cp <= 0xdfff ? String.fromCharCode(cp) : String.fromCodePoint(cp);
    }
    samples.push(s);
  }
  for (const s of samples) assert.deepEqual(countLetters(s), byRegex(s), JSON.stringify(s));
});

test('englishTokens counts what matching /[\p{L}\']+/gu and looking each token up in the function words gives', () => {
  const pieces = ['the', 'of', "don't", "'", 'army', 'été', 'für', 'мосул', '😀', '\ud800', '\udc00', 'x\u0301', '1989', ' ', '  ', '-', "o'clock", 'and', 'a', 'ǆ', 'ß', '\n', 'İ'];
  const next = lcg(3);
  for (let n = 0; n < 300; n++) {
    const lower = Array.from({ length: next() % 30 }, () => pieces[next() % pieces.length]).join(next() % 2 ? ' ' : '').toLowerCase();
    const tokens = lower.match(/[\p{L}']+/gu) ?? [];
    const english = tokens.filter((t) => ENGLISH_FUNCTION_WORDS.has(t)).length;
    assert.deepEqual(englishTokens(lower), { tokens: tokens.length, english }, JSON.stringify(lower));
  }
  // ASCII only (read without code points): the characters on either side of the letter ranges too.
  const ascii = ['the', 'of', "don't", "'", 'army', '1989', ' ', '-', "o'clock", 'and', 'a', '\n', '@x', '[z]', '`a`', '{b}', 'is', 'A', 'THE'];
  for (let n = 0; n < 300; n++) {
    const lower = Array.from({ length: next() % 30 }, () => ascii[next() % ascii.length]).join(next() % 2 ? ' ' : '').toLowerCase();
    const tokens = lower.match(/[\p{L}']+/gu) ?? [];
    const english = tokens.filter((t) => ENGLISH_FUNCTION_WORDS.has(t)).length;
    assert.deepEqual(englishTokens(lower), { tokens: tokens.length, english }, JSON.stringify(lower));
  }
});
