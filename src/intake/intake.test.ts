import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { intakeBuffer, intakeFile, listInputs, INPUT_EXTENSIONS, INTAKE_LIMITS } from './index.js';
import { checkRegionInvariants, fixture, regionTexts, tmpDir } from './test-helpers.js';

test('blog-style report: date line, title, author, caption; comment footer dropped', () => {
  const path = fixture('blog-report.txt');
  const doc = intakeFile(path);
  assert.equal(checkRegionInvariants(doc), null);
  assert.equal(doc.id, createHash('sha256').update(readFileSync(path)).digest('hex'));
  assert.equal(doc.meta.format, 'text');
  assert.equal(doc.meta.source, path);
  assert.equal(doc.meta.title, 'Gunmen kill seven at a river crossing in the Eastern Lowlands');
  assert.equal(doc.meta.author, 'Marta Kowalczyk');
  assert.equal(doc.meta.published, '2023-03-14');
  assert.equal(doc.meta.subtitle, null);
  assert.equal(doc.meta.language, 'en');
  assert.deepEqual(
    doc.regions.map((r) => r.kind),
    ['dateline', 'title', 'byline', 'caption', 'body', 'body', 'body'],
  );
  assert.deepEqual(regionTexts(doc, 'dateline'), ['14 Mar 2023']);
  assert.deepEqual(regionTexts(doc, 'byline'), ['Marta Kowalczyk']);
  assert.match(regionTexts(doc, 'caption')[0]!, /^Relatives wait .*\[AP Photo\/Invented Photographer\]$/);
  assert.ok(doc.text.startsWith('14 Mar 2023\n\nGunmen kill seven'));
  assert.ok(doc.text.endsWith('an investigation had been opened.'));
  assert.ok(!/comment/i.test(doc.text));
});

test('statement: subtitle, organisation byline with date, headings, quotation, contact footer', () => {
  const doc = intakeFile(fixture('statement.txt'));
  assert.equal(checkRegionInvariants(doc), null);
  assert.equal(doc.meta.title, 'After the bombing at the Harbour Market');
  assert.equal(doc.meta.subtitle, 'What the attack means for dock workers and their unions');
  assert.equal(doc.meta.author, 'Northern Workers Committee');
  assert.equal(doc.meta.published, '2023-05-03');
  assert.equal(doc.meta.publisher, 'Example Bulletin');
  assert.deepEqual(regionTexts(doc, 'byline'), ['Northern Workers Committee 3 May 2023']);
  assert.deepEqual(regionTexts(doc, 'heading'), ['Who benefits from the attack', 'What must be done']);
  const quotes = regionTexts(doc, 'blockquote');
  assert.equal(quotes.length, 1);
  assert.match(quotes[0]!, /^First, to silence the strike committees/);
  // A sentence split by a stray blank line is rejoined and not read as a heading.
  assert.ok(doc.text.includes('would be closed to foreign crews for two weeks.'));
  assert.ok(!doc.text.includes('contact'));
  assert.ok(doc.text.endsWith('defend their jobs and their lives.'));
});

test('markdown: markup stripped, offsets over the stored text', () => {
  const doc = intakeFile(fixture('report.md'));
  assert.equal(checkRegionInvariants(doc), null);
  assert.equal(doc.meta.format, 'markdown');
  assert.equal(doc.meta.title, 'Clashes reported in the Northern Hills');
  assert.equal(doc.meta.author, 'Ana de Souza');
  assert.equal(doc.meta.published, '2023-09-02');
  assert.deepEqual(regionTexts(doc, 'title'), ['Clashes reported in the Northern Hills']);
  assert.deepEqual(regionTexts(doc, 'heading'), ['Accounts from residents']);
  assert.deepEqual(regionTexts(doc, 'blockquote'), [
    'Residents said the firing lasted for about three hours and that several houses were burned.',
  ]);
  const body = regionTexts(doc, 'body');
  assert.match(body[0]!, /^Security forces and an armed group clashed near the village of Orlen on 1 September/);
  assert.ok(body.includes('Four killed, according to the district council'));
  assert.ok(!/[*#[\]()]|https?:|Share this|Related/.test(doc.text));
});

test('HTML: metadata from head, body paragraphs, chrome dropped', () => {
  const doc = intakeFile(fixture('article.html'));
  assert.equal(checkRegionInvariants(doc), null);
  assert.equal(doc.meta.format, 'html');
  assert.equal(doc.meta.title, 'Protesters clash with police in Dorran');
  assert.equal(doc.meta.author, 'Jonas Ekdahl');
  assert.equal(doc.meta.publisher, 'The Example Courier');
  // article:published_time wins over JSON-LD, and the publisher's calendar day is kept.
  assert.equal(doc.meta.published, '2023-11-05');
  assert.equal(doc.meta.language, 'en');
  assert.equal(doc.meta.url, 'https://courier.example.org/news/dorran-clashes');
  assert.deepEqual(regionTexts(doc, 'title'), ['Protesters clash with police in Dorran']);
  assert.deepEqual(regionTexts(doc, 'byline'), ['Jonas Ekdahl']);
  assert.deepEqual(regionTexts(doc, 'heading'), ['Arrests after the march']);
  assert.deepEqual(regionTexts(doc, 'caption'), ['Marchers gather in Mill Square on Sunday. (Photo: Invented Agency)']);
  assert.equal(regionTexts(doc, 'blockquote').length, 1);
  const body = regionTexts(doc, 'body');
  assert.equal(body.length, 4);
  assert.match(body[0]!, /^Hundreds of people marched/);
  assert.match(body[3]!, /A union meeting is planned for Thursday\.$/);
  for (const junk of ['Home', 'Facebook', 'Subscribe', 'Related:', 'Great reporting', 'cookies', 'All rights reserved']) {
    assert.ok(!doc.text.includes(junk), `text should not contain ${junk}`);
  }
  // The title is stored once even though the page repeats it in <h1>.
  assert.equal(doc.text.split('Protesters clash with police in Dorran').length, 2);
});

test('malformed HTML yields text, not an exception', () => {
  const doc = intakeFile(fixture('malformed.html'));
  assert.equal(checkRegionInvariants(doc), null);
  assert.equal(doc.meta.title, 'Blast at a fuel depot');
  assert.match(doc.text, /An explosion destroyed part of a fuel depot/);
  assert.match(doc.text, /Two night guards were injured\./);
  assert.ok(!doc.text.includes('<'));
});

test('intakeBuffer: format from extension, from content, or given', () => {
  const html = readFileSync(fixture('article.html'));
  assert.equal(intakeBuffer(html, 'https://courier.example.org/news/dorran-clashes').meta.format, 'html');
  assert.equal(intakeBuffer(html, 'stdin').meta.format, 'html');
  const md = readFileSync(fixture('report.md'));
  assert.equal(intakeBuffer(md, 'notes').meta.format, 'markdown');
  const txt = readFileSync(fixture('blog-report.txt'));
  assert.equal(intakeBuffer(txt, 'pasted').meta.format, 'text');
  assert.equal(intakeBuffer(txt, 'pasted.html', 'text').meta.format, 'text');
  // Same bytes, same id, whatever the source name.
  assert.equal(intakeBuffer(txt, 'a').id, intakeBuffer(txt, 'b.txt').id);
});

test('decoding: BOMs, windows-1252, CRLF and NBSP', () => {
  const body = 'Title of a short report\r\n\r\nThe council said on Monday that the bridge\u00a0was closed after the attack and would stay closed for a week.\r\n';
  const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(body, 'utf16le')]);
  const be = Buffer.from(le);
  be.swap16();
  const utf8Bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(body, 'utf8')]);
  for (const bytes of [le, be, utf8Bom]) {
    const doc = intakeBuffer(bytes, 'r.txt');
    assert.equal(doc.meta.title, 'Title of a short report');
    assert.ok(!doc.text.includes('\r') && !doc.text.includes('\u00a0') && !doc.text.includes('\ufeff'));
    assert.match(doc.text, /the bridge was closed/);
  }
  // “Café” in windows-1252: 0x93 and 0x94 are curly quotes, 0xE9 is é.
  const cp1252 = Buffer.concat([
    Buffer.from('Report from the '),
    Buffer.from([0x93]),
    Buffer.from('Caf'),
    Buffer.from([0xe9, 0x94]),
    Buffer.from(' district\n\nWitnesses said the shooting began at noon and lasted several minutes.\n'),
  ]);
  const doc = intakeBuffer(cp1252, 'legacy.txt');
  assert.equal(doc.meta.title, 'Report from the \u201cCaf\u00e9\u201d district');
});

test('HTML declared charset is honoured when bytes are not UTF-8', () => {
  const page = `<html><head><meta charset="iso-8859-1"><title>Fran\u00e7ois</title></head><body><p>${'Residents of the old quarter said the night was calm. '.repeat(4)}</p></body></html>`;
  const doc = intakeBuffer(Buffer.from(page, 'latin1'), 'p.html');
  assert.equal(doc.meta.title, 'Fran\u00e7ois');
});

test('listInputs: recursive, filtered by extension, sorted, missing paths reported', () => {
  const dir = tmpDir();
  mkdirSync(join(dir, 'b', 'deep'), { recursive: true });
  mkdirSync(join(dir, '.hidden'));
  for (const f of ['z.txt', 'a.HTML', 'notes.md', 'skip.pdf', 'b/one.htm', 'b/deep/two.txt', '.hidden/x.txt', '.dot.txt']) {
    writeFileSync(join(dir, f), 'x');
  }
  const explicit = join(dir, 'skip.pdf');
  const missing = join(dir, 'nope.txt');
  const { files, errors } = listInputs([dir, explicit, missing, join(dir, 'z.txt')]);
  assert.deepEqual(
    files,
    [join(dir, 'a.HTML'), join(dir, 'b/deep/two.txt'), join(dir, 'b/one.htm'), join(dir, 'notes.md'), explicit, join(dir, 'z.txt')].sort(),
  );
  assert.equal(errors.length, 1);
  assert.equal(errors[0]!.path, missing);
  assert.equal(errors[0]!.error.code, 'E_INPUT_MISSING');
  assert.deepEqual([...INPUT_EXTENSIONS], ['.html', '.htm', '.txt', '.md']);
  assert.equal(INTAKE_LIMITS.maxBytes, 10 * 1024 * 1024);
});
