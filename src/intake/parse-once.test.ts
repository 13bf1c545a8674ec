import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createRequire } from 'node:module';
import type { JSDOM as JSDOMClass } from 'jsdom';
import { parse, type DefaultTreeAdapterTypes } from 'parse5';
import { elementsNamed, extractHtml, htmlParses, MAX_READABILITY_ELEMENTS } from './html.js';
import { intakeBuffer } from './index.js';
import { checkRegionInvariants } from './test-helpers.js';

/**
 * A page is parsed into a DOM once, whichever way it is read (docs/fuzzing.md, "Still open": a
 * 29 KB mutation of fixtures/malformed.html, 1 712 elements, took 1.9–2.6 s of CPU: Readability's
 * pick was short, and the whole-body walk then parsed the page a second time). The checks count
 * parses and compare lists, never a stopwatch.
 */

const { JSDOM } = createRequire(import.meta.url)('jsdom') as { JSDOM: typeof JSDOMClass };
const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

/**
 * Our own malformed page in the finding's shape: a link left open before a table cut short inside a
 * cell, repeated. The parser's error recovery re-opens the link in every later paragraph, so each
 * repetition costs 10 elements and every paragraph reads as a teaser link; Readability's pick is
 * then a few words, and the page's text comes from the whole-body walk.
 */
function malformedPage(repeats: number): string {
  const unit = '<p>The depot supplies <a href=x>fuel to three provinces</p>\n<table><tr><td>Unclosed cell<div></table>\n<p>Investigators are expected to report next week.\n';
  return `<html><head><title>Blast at a fuel depot</title>\n<body><header>Site header and menu</header><div class="main">${unit.repeat(repeats)}<aside hidden>Hidden rail</aside></body`;
}

/**
 * The elements the parser builds for `html`, counted on parse5's plain tree (jsdom's parser, scripting
 * off as jsdom runs it): the same count as jsdom's DOM without building one, which cost about a second
 * for the 1 700 elements of the page below.
 */
function elementCount(html: string): number {
  let n = 0;
  const stack: DefaultTreeAdapterTypes.ParentNode[] = [parse(html, { scriptingEnabled: false })];
  for (let node = stack.pop(); node; node = stack.pop()) {
    for (const c of node.childNodes) if ('tagName' in c) (n++, stack.push(c));
  }
  return n;
}

/** Parses made while `read` runs. */
function parsesOf(read: () => unknown): number {
  const before = htmlParses();
  read();
  return htmlParses() - before;
}

test('a malformed page whose Readability pick is short is parsed once, and read by the whole-body walk', () => {
  const html = malformedPage(171);
  const elements = elementCount(html);
  assert.ok(elements > 1_600 && elements <= MAX_READABILITY_ELEMENTS, `${elements} elements: under the cap, so Readability runs`);
  let doc: ReturnType<typeof intakeBuffer> | undefined;
  assert.equal(parsesOf(() => (doc = intakeBuffer(utf8(html), 'malformed.html', 'html'))), 1);
  const { text } = doc!;
  // The whole-body walk's text: far more than Readability's pick, without the page header or the hidden rail.
  assert.ok(text.length > 2_000, `${text.length} characters`);
  assert.match(text, /^Blast at a fuel depot\n\nThe depot supplies fuel to three provinces\n\n/);
  // Every table cell, each its own paragraph (the paragraphs in the re-opened link are teasers, dropped).
  assert.equal(text.split('\n\nUnclosed cell').length - 1, 171);
  assert.doesNotMatch(text, /Site header|Hidden rail/);
  assert.equal(doc!.notices, undefined);
  assert.equal(checkRegionInvariants(doc!), null);
});

test('every way of reading a page costs one parse: Readability kept, too large for Readability, no content', () => {
  const prose = '<p>Gunmen opened fire on a market in the north of the city on Friday, killing four people, police said. Witnesses said the attackers fled on motorcycles.</p>';
  assert.equal(parsesOf(() => extractHtml(`<html><body><article>${prose.repeat(4)}</article></body></html>`, 'a.html', 100)), 1);
  // In blocks of 500, so that no element has more children than MAX_READABILITY_CHILDREN: the element count decides.
  const wide = `<html><body>${`<div>${'<p>A line of text.</p>'.repeat(500)}</div>`.repeat(Math.ceil((MAX_READABILITY_ELEMENTS + 1) / 500))}</body></html>`;
  let notices: string[] = [];
  assert.equal(parsesOf(() => (notices = extractHtml(wide, 'wide.html', 100).notices)), 1);
  assert.deepEqual(notices, [`a page over ${MAX_READABILITY_ELEMENTS} elements: its whole body read without Readability`]);
  // Negative: a page with no text is refused after one parse, not two.
  assert.equal(parsesOf(() => assert.throws(() => extractHtml('<html><body><nav>Home</nav><p>Hi.</p></body></html>', 'empty.html', 100), /no article text/)), 1);
});

test('parses grow with pages, not with their size: six malformed pages of growing size cost six parses', () => {
  let parses = 0;
  for (let k = 1; k <= 6; k++) parses += parsesOf(() => intakeBuffer(utf8(malformedPage(17 * k)), 'm.html', 'html'));
  assert.equal(parses, 6);
});

test('elementsNamed finds what querySelectorAll finds, in the same order', () => {
  const html =
    '<html><body><div id=a><H1>One</H1><p>x<b>y</b></p><svg><a id=s></a><foreignObject><p id=f>in svg</p></foreignObject></svg>' +
    '<table><tr><td><div>cell</div></td></tr></table><math><mi>x</mi></math></div><h2>Two</h2><p>z</p><FOOTER>f</FOOTER></body></html>';
  const doc = new JSDOM(html).window.document;
  const lists: string[][] = [['h1', 'h2'], ['p'], ['a'], ['div', 'p', 'td'], ['foreignObject'], ['foreignobject'], ['FOOTER'], ['H1', 'svg'], ['mi'], ['img', 'video'], ['*']];
  for (const root of [doc, doc.getElementById('a')!, doc.body]) {
    for (const names of lists) {
      const expected = Array.from(root.querySelectorAll(names.join(',')));
      assert.deepEqual(elementsNamed(root, names), expected, `${names.join(',')} under ${root.nodeName}`);
    }
  }
  // Negative: only descendants, never the root itself; nothing for a name absent from the page.
  assert.deepEqual(elementsNamed(doc.getElementById('a')!, ['div']).map((e) => e.textContent), ['cell']);
  assert.deepEqual(elementsNamed(doc, ['article']), []);
});

test('head metadata found without the selector engine: the first time[pubdate], a time in an article, a canonical link in any case', () => {
  const body = '<p>Police said four people were killed in the attack on Friday, and the wounded were taken to the city hospital.</p>'.repeat(3);
  const read = (head: string, pre = ''): ReturnType<typeof extractHtml>['meta'] =>
    extractHtml(`<html><head>${head}</head><body>${pre}<article>${body}</article></body></html>`, 'https://example.org/news/1', 100).meta;
  assert.equal(read('<link rel="Alternate CANONICAL" href="/news/one">').url, 'https://example.org/news/one');
  assert.equal(read('<link rel="canonicalx" href="/x">').url, null);
  assert.equal(read('', '<time datetime="2024-01-02">a</time><article><time datetime="2024-03-04">b</time></article><time pubdate datetime="2024-05-06">c</time>').published?.slice(0, 10), '2024-05-06');
  assert.equal(read('', '<time datetime="2024-01-02">a</time><article><time datetime="2024-03-04">b</time></article>').published?.slice(0, 10), '2024-03-04');
  assert.equal(read('', '<time datetime="2024-01-02">a</time>').published?.slice(0, 10), '2024-01-02');
  assert.equal(read('<script type="Application/LD+JSON">{"datePublished":"2023-07-08T10:00:00Z"}</script>').published?.slice(0, 10), '2023-07-08');
  // Negative: JSON-LD under another type is not read.
  assert.equal(read('<script type="application/json">{"datePublished":"2023-07-08T10:00:00Z"}</script>').published, null);
});
