import assert from 'node:assert/strict';
import { test } from 'node:test';
import { intakeBuffer } from './index.js';
import { parseDateLine, splitTrailingDate, normaliseMetaDate } from './dates.js';
import { isPersonName, parseByline } from './text.js';
import { checkRegionInvariants, regionTexts } from './test-helpers.js';

/** Things that look like header lines but must not be taken as title, author or date. */

const PARA =
  'Armed men attacked a police checkpoint outside the town late on Saturday, killing two officers and wounding a third, according to a statement from the regional governor.';

function doc(text: string) {
  const d = intakeBuffer(Buffer.from(text), 'n.txt');
  assert.equal(checkRegionInvariants(d), null);
  return d;
}

test('a leading body paragraph is not a title', () => {
  const d = doc(`${PARA}\n\n${PARA}\n`);
  assert.equal(d.meta.title, null);
  assert.deepEqual(d.regions.map((r) => r.kind), ['body', 'body']);
});

test('a first line that is a sentence with a period is not a title', () => {
  const d = doc(`Two officers were killed.\n\n${PARA}\n`);
  assert.equal(d.meta.title, null);
});

test('headline-like lines after the title are not authors', () => {
  for (const line of ['Police Arrest Three Suspects', 'Gunmen Storm Village Market', 'Breaking News', 'Live Updates', 'Monday June']) {
    assert.equal(isPersonName(line), false, line);
    const d = doc(`Attack on the checkpoint\n\n${line}\n\n${PARA}\n`);
    assert.equal(d.meta.author, null, line);
    assert.equal(regionTexts(d, 'byline').length, 0, line);
  }
});

test('names that are names', () => {
  for (const line of ['Lena Marsh', 'Ana de Souza', 'J. R. Okafor', "Liam O'Neil", 'Omar Al-Hadi']) assert.ok(isPersonName(line), line);
  assert.equal(parseByline('By Lena Marsh, Associated Press')?.publisher, 'Associated Press');
  assert.equal(parseByline('By Lena Marsh, Associated Press')?.author, 'Lena Marsh');
  assert.equal(parseByline('Lena Marsh and Tomas Berg')?.author, 'Lena Marsh and Tomas Berg');
});

test('a bare organisation-like line without "By" or a date is not a byline', () => {
  assert.equal(parseByline('Human Rights Watch'), null);
  assert.equal(parseByline('Northern Workers Committee'), null);
  assert.equal(parseByline('By Human Rights Watch')?.author, 'Human Rights Watch');
  assert.equal(parseByline('The Interior Ministry said.'), null);
});

test('dates that are not date lines', () => {
  for (const line of [
    '06/07/2024',
    'Monday',
    'Published in 2024',
    'The attack on 8 April 2024 killed five people.',
    '31 February 2024',
    '2024-13-01',
    'June 2024',
    'Opinion',
  ]) {
    assert.equal(parseDateLine(line), null, line);
  }
  assert.equal(splitTrailingDate('Killed on 8 April 2024 in the square.'), null);
  assert.equal(normaliseMetaDate('yesterday'), null);
  assert.equal(normaliseMetaDate(''), null);
});

test('date lines and bylines that are', () => {
  assert.equal(parseDateLine('27 Jun 2024'), '2024-06-27');
  assert.equal(parseDateLine('June 27, 2024'), '2024-06-27');
  assert.equal(parseDateLine('2024-06-27'), '2024-06-27');
  assert.equal(parseDateLine('Thursday, June 27, 2024 10:32 AM'), '2024-06-27');
  assert.equal(parseDateLine('Published: 8th April 2024'), '2024-04-08');
  assert.deepEqual(splitTrailingDate('Example Group 8 April 2024'), { iso: '2024-04-08', rest: 'Example Group' });
  assert.equal(normaliseMetaDate('2019-11-15T23:30:00-05:00'), '2019-11-15');
});

test('a dated sentence in the body does not set the publication date', () => {
  const d = doc(`Attack on the checkpoint\n\nThe attack on 8 April 2024 killed five people and was condemned by the council.\n\n${PARA}\n`);
  assert.equal(d.meta.published, null);
});

test('a sentence-like subtitle without a byline after it stays body', () => {
  const d = doc(`Attack on the checkpoint\n\nThe governor said two officers died.\n\n${PARA}\n`);
  assert.equal(d.meta.subtitle, null);
  assert.deepEqual(d.regions.map((r) => r.kind), ['title', 'body', 'body']);
});

test('short list items after a colon are not quotations', () => {
  const d = doc(`Attack on the checkpoint\n\n${PARA} Those killed were:\n\nTwo officers of the border guard.\n\n${PARA}\n`);
  assert.equal(regionTexts(d, 'blockquote').length, 0);
});

test('a short line closing the text is not a heading, and mid-text boilerplate words in prose are kept', () => {
  const d = doc(`Attack on the checkpoint\n\n${PARA}\n\nThe governor asked residents to share this information with the police.\n\nInvestigation continues`);
  assert.equal(regionTexts(d, 'heading').length, 0);
  assert.ok(d.text.includes('share this information'));
});

test('footer words early in a text do not cut the body', () => {
  const d = doc(`Attack on the checkpoint\n\nRelated articles\n\n${PARA}\n\n${PARA}\n\n${PARA}\n`);
  assert.equal(regionTexts(d, 'body').length, 3);
});

test('a footer is read in its flattened form: white space does not hide it, and a long last paragraph is kept', () => {
  // Flattened, "Related   articles" plus padding is under 200 characters though the block is longer (issue 11: blocks are measured before they are flattened).
  const spaced = `Related${' '.repeat(300)}articles`;
  const d = doc(`Attack on the checkpoint\n\n${PARA}\n\n${PARA}\n\n${PARA}\n\n${spaced}\n\nMore stories here`);
  assert.equal(regionTexts(d, 'body').length, 3);
  // A bare web address closing the text goes, however long; a long closing paragraph stays.
  const url = `www.example.org/${'a'.repeat(500)}`;
  assert.ok(!doc(`Attack on the checkpoint\n\n${PARA}\n\n${PARA}\n\n${url}`).text.includes('example.org'));
  const long = `Related articles were cited by the minister. ${PARA}`;
  assert.ok(doc(`Attack on the checkpoint\n\n${PARA}\n\n${PARA}\n\n${long}`).text.includes('cited by the minister'));
});

test('non-English text is not taken for English: its own language is named', () => {
  const d = doc(
    'Ataque en la frontera\n\nHombres armados atacaron un puesto de control policial en las afueras de la ciudad el sábado por la noche, matando a dos agentes y dejando herido a un tercero, según un comunicado del gobernador regional.\n',
  );
  assert.equal(d.meta.language, 'es');
});

test('a caption is not a title', () => {
  const d = doc(`Relatives wait outside the hospital. [AP Photo/Some One]\n\n${PARA}\n`);
  assert.equal(d.meta.title, null);
  assert.deepEqual(regionTexts(d, 'caption'), ['Relatives wait outside the hospital. [AP Photo/Some One]']);
});
