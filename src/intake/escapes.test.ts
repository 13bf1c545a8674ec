import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkSync } from 'recheck';
import { ESCAPE_SEQUENCE, stripEscapeSequences } from '../model/escapes.js';
import { intakeBuffer } from './index.js';

/**
 * Issue 13: terminal escape sequences in a report are removed whole at intake. Before, the ESC of
 * `\x1b[2J` stayed in the body text, and metadata cleaning dropped the ESC alone, leaving `[2J` in
 * a title; either way what a later reader saw was not the report's words.
 */

const BODY = 'Police said at least 12 people were killed in Kabul on Friday when gunmen attacked a crowded market, officials said.';
const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

/** No ESC, no one-byte introducer, and none of the bodies they leave when removed alone. */
function assertClean(s: string | null, what: string): void {
  assert.ok(s !== null, what);
  assert.doesNotMatch(s, /[\x1b\x9b\x9d]/, `${what} keeps an escape byte: ${JSON.stringify(s)}`);
  assert.doesNotMatch(s, /\[(?:2J|0m|1;31m|31m|K)|\]0;|\]8;;/, `${what} keeps a sequence's body: ${JSON.stringify(s)}`);
}

test('plain text: CSI, OSC and two-byte escapes go whole, the words stay', () => {
  // (A few escapes in a report: more than 2 % control bytes is refused as binary.)
  const doc = intakeBuffer(utf8(`Attack in Kabul\x1b[K\n\n\x1b[1;31m${BODY}\x1b[0m More was said.\x1b]0;owned\x07\n\n\x1bc${BODY}\n\n${BODY}`), 'report.txt', 'text');
  assertClean(doc.text, 'text');
  assert.ok(doc.text.includes(`${BODY} More was said.`), doc.text);
  assert.equal(doc.meta.title, 'Attack in Kabul');
});

test('markdown: a heading behind an escape is still a heading', () => {
  const doc = intakeBuffer(utf8(`\x1b[1m# Attack in Kabul\x1b[0m\n\n${BODY}\n\n\x9b31m${BODY}`), 'report.md', 'markdown');
  assertClean(doc.text, 'text');
  assert.equal(doc.meta.title, 'Attack in Kabul');
});

test('HTML: raw escapes, escapes from character references, and the title', () => {
  const html = `<html><head><title>\x1b[2JAttack &#27;[31min Kabul</title></head><body><article><p>\x1b[2J${BODY}</p><p>&#x1b;[1;31m${BODY}&#27;[0m</p><p>${BODY}</p></article></body></html>`;
  const doc = intakeBuffer(utf8(html), 'page.html', 'html');
  assertClean(doc.text, 'text');
  assertClean(doc.meta.title, 'title');
  assert.equal(doc.meta.title, 'Attack in Kabul');
});

test('an unterminated string sequence stops at the end of its line; text without escapes is the same string', () => {
  assert.equal(stripEscapeSequences('bad \x1b]8;;http://x\nnext line'), 'bad \nnext line');
  const plain = 'Кабул — كابل [2J] «quoted» ✓';
  assert.equal(stripEscapeSequences(plain), plain);
});

test('the sequence pattern is linear (recheck)', () => {
  assert.equal(checkSync(ESCAPE_SEQUENCE.source, ESCAPE_SEQUENCE.flags).status, 'safe');
});
