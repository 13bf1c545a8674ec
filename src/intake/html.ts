import { createRequire } from 'node:module';
import type { DOMWindow, JSDOM, VirtualConsole } from 'jsdom';
import type { Readability as ReadabilityClass } from '@mozilla/readability';
import type { RegionKind } from '../model/index.js';
import { DossierError } from '../model/index.js';
import type { Part } from './assemble.js';
import { normaliseMetaDate } from './dates.js';
import {
  deepText, flattenMarkup, fosteredElements, markupDeclarations, markupDepth, markupText, MAX_DEEP_TEXT, MAX_FOSTERED, MAX_MARKUP_DEPTH, startTags, withoutCode, withoutDeclarations,
} from './flatten.js';
import { decodeEntities } from './meta-text.js';
import { parseDateLine } from './dates.js';
import { BARE_URL_BLOCK, BOILERPLATE_BLOCK, BOILERPLATE_MAX_CHARS, FOOTER_START, SHARE_BAR, TIMESTAMP_LINE } from './patterns.js';
import { isCaption } from './text.js';

/**
 * HTML pages: metadata from the page head, article body from Readability's
 * cleaned content, walked block by block so paragraph boundaries survive
 * (Readability's own textContent runs paragraphs together).
 */

export interface HtmlMeta {
  title: string | null;
  byline: string | null;
  published: string | null;
  siteName: string | null;
  lang: string | null;
  url: string | null;
}

export interface HtmlExtraction {
  meta: HtmlMeta;
  /** Body parts in reading order: body, heading, blockquote and caption paragraphs. */
  body: Part[];
  /** How the page was read when it was not read in full (too large for Readability or for a DOM); empty when it was. */
  notices: string[];
}

/**
 * Elements whose text is emitted as one paragraph each. A table row is one
 * paragraph with its cells space-separated, so a results line reads
 * "1 Jane Roe 5040" rather than one number per paragraph.
 */
const BLOCK_TAGS = new Set([
  'P', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'LI', 'BLOCKQUOTE', 'PRE', 'FIGCAPTION', 'DT', 'DD',
  'DIV', 'SECTION', 'ARTICLE', 'HEADER', 'FOOTER', 'MAIN', 'ASIDE', 'NAV', 'UL', 'OL', 'DL', 'TABLE', 'TR',
  'TBODY', 'THEAD', 'TFOOT', 'FIGURE', 'FORM', 'FIELDSET', 'ADDRESS', 'CAPTION', 'DETAILS', 'SUMMARY', 'HR',
]);

/** Elements whose text is never article prose. */
const SKIP_TAGS = new Set([
  'SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'BUTTON', 'INPUT', 'SELECT', 'TEXTAREA', 'IFRAME',
  'OBJECT', 'EMBED', 'CANVAS', 'VIDEO', 'AUDIO', 'MATH',
]);

/**
 * Chrome removed before Readability scores the page. Readability drops most
 * of it on its own, but share bars and "related" rails inside the article
 * container survive its scoring and cost precision. The elements the selectors
 * script, style, noscript, template, nav, form[role="search"], [aria-hidden="true"],
 * [role="navigation"|"banner"|"contentinfo"|"complementary"] and [hidden] match,
 * tested by hand (isChrome): the selector engine took 0.9 s on a page of 10 000 elements.
 */
const CHROME_TAGS = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'NAV']);
const CHROME_ROLES = new Set(['navigation', 'banner', 'contentinfo', 'complementary']);
/** The fallback walk also drops page headers, footers and asides. */
const FALLBACK_CHROME_TAGS = new Set(['HEADER', 'FOOTER', 'ASIDE']);

/**
 * Blanks at the end of a line, and spaces either side of a line break. Each is tried from the start
 * of a run of blanks only (the lookbehind): the patterns they replace ("[ \t]+\n", " *\n *") tried every blank of a run
 * with no line break after it, which is quadratic (recheck; 40 000 blanks in a <pre> took 2.2 s).
 */
const TRAILING_BLANKS = /(?<![ \t])[ \t]+\n/g;
const SPACES_BEFORE_BREAK = /(?<! ) +\n/g;
const SPACES_AFTER_BREAK = /\n +/g;

/** Share of a paragraph's characters inside links above which a short paragraph is a teaser link. */
const LINK_PARAGRAPH_DENSITY = 0.8;
const LINK_PARAGRAPH_MAX_WORDS = 30;

/**
 * Readability's scoring time grows with the square of nesting depth (400
 * nested divs take seconds, 3000 take minutes). Real articles stay far below
 * this; deeper trees skip Readability and use the whole-body walk.
 */
const MAX_READABILITY_DEPTH = 150;

/**
 * Readability's time also grows with the square of the number of children
 * of one element: it rewrites blocks in place, and jsdom finds a child's
 * position by counting its siblings after every change. A page of 7 000
 * sibling paragraphs took 20 s, and a misnested 85 KB page flattened to 1 710
 * sibling list items 2.1–2.6 s (the 1M fuzz run, shard 9); news pages have at
 * most a few hundred children under one element (246 in the article-extraction
 * set). 1 000 is four times that. Wider trees skip Readability and use the
 * whole-body walk.
 */
export const MAX_READABILITY_CHILDREN = 1000;

/**
 * Readability's time also grows with the number of elements: it walks the tree several times and
 * re-parses the body up to four times when its pick is short. A news sitemap read as a page (5 500
 * elements of unknown tags in 228 KB) took 3.7 s, one of 1 370 elements 1.2 s (fuzz). The
 * article-extraction set's largest page has 1 014 elements once scripts, styles and navigation are
 * gone (jsdom's count). A page with more is read by the whole-body walk, with a notice.
 */
export const MAX_READABILITY_ELEMENTS = 2000;

/**
 * Markup handed to jsdom at most. Parsing and Readability take about 1.5 s per MB of prose on the
 * shared 2-core machine, and up to 4 s per MB when words and blanks alternate (jsdom appends each
 * token to a growing text node): one line of 1.6 MB read as HTML took 2.3 s, one of 4.2 MB 10.9 s
 * (fuzz). The article-extraction set's largest page is 247 KB, 191 KB without its scripts and
 * styles. A larger page is measured without its scripts and styles (withoutCode); one still larger
 * is read without a DOM (markupText, one linear scan), with a notice.
 */
export const MAX_DOM_CHARS = 512 * 1024;

/**
 * Start tags handed to jsdom at most. Misnested formatting markup makes its tree building quadratic
 * (the parser's adoption agency moves whole subtrees, and jsdom walks each moved subtree): a mutated
 * 523 KB page of 12 100 start tags (2 558 unclosed `<aside>`s and `<a>`s, stray `</article>`s) took 12–17 s
 * of CPU (fuzz, 2026-12-01). The article-extraction set's pages have at most 1 410 start tags (median
 * 756); 8 000 is more than five times that. A page with more is read without a DOM, like one over MAX_DOM_CHARS, with a notice.
 */
export const MAX_DOM_TAGS = 8_000;

/**
 * Comments and declarations kept at most. A page with more loses them all before jsdom (they hold no
 * text): those outside the root element are the document's own children, which jsdom checks at every
 * insertion, so 19 487 of them took 13–14 s (the 1M fuzz run, shard 13). The article-extraction set's
 * pages have at most 322.
 */
export const MAX_DECLARATIONS = 2_000;

/** Below this, Readability's pick is not trusted and whole-body text is tried. */
const READABILITY_CHAR_THRESHOLD = 500;

/** Median paragraph length under which a run of paragraphs reads as a list of headlines. */
const RAIL_MEDIAN_MAX_CHARS = 140;

/** Headings that open a trailing rail of links rather than more article: "Related stories", "More from ...". */
const TRAILING_RAIL = FOOTER_START;

// jsdom and Readability are loaded on first use: loading jsdom costs most of
// a second, and commands that read no HTML (incidents, show, text ingests)
// should not pay it.
const requireCjs = createRequire(import.meta.url);
let domLib: { JSDOM: typeof JSDOM; VirtualConsole: typeof VirtualConsole; Readability: typeof ReadabilityClass } | null = null;
function lib(): NonNullable<typeof domLib> {
  if (!domLib) {
    const j = requireCjs('jsdom') as { JSDOM: typeof JSDOM; VirtualConsole: typeof VirtualConsole };
    const r = requireCjs('@mozilla/readability') as { Readability: typeof ReadabilityClass };
    fastTagLookups(r.Readability);
    domLib = { JSDOM: j.JSDOM, VirtualConsole: j.VirtualConsole, Readability: r.Readability };
  }
  return domLib;
}

const HTML_NS = 'http://www.w3.org/1999/xhtml';

/**
 * The descendants of `root` a selector list of element names ("h1,h2") matches, in document
 * order, as `querySelectorAll` returns them: names match HTML elements whatever their case, other
 * elements (SVG, MathML) only as written.
 *
 * Readability finds elements by name this way (its `_getAllNodesWithTag`) dozens of times a
 * parse, and up to four parses a page when its pick is short; jsdom's selector engine took half
 * of Readability's time there (a malformed page of 1 700 elements: 1.7 of 4.0 s). One pass over
 * `getElementsByTagName('*')`, which jsdom builds in one walk of its own tree, gives the same list.
 */
export function elementsNamed(root: ParentNode & Node, names: readonly string[]): Element[] {
  const out: Element[] = [];
  // One name: getElementsByTagName matches as the selector does (the parser gives no element a prefix).
  const one = names.length === 1 ? names[0]! : null;
  const all = (root as Element | Document).getElementsByTagName(one ?? '*');
  const lower = new Set(names.map((n) => n.toLowerCase()));
  const exact = new Set(names);
  // The length read once: jsdom looks every read of it up as a named item too (a scan).
  for (let i = 0, n = all.length; i < n; i++) {
    const el = all[i]!;
    if (one !== null || (el.namespaceURI === HTML_NS ? lower : exact).has(el.localName)) out.push(el);
  }
  return out;
}

/** The first element named `name` (elementsNamed) that `test` accepts, in document order. */
function firstNamed(doc: Document, name: string, test: (el: Element) => boolean): Element | null {
  return elementsNamed(doc, [name]).find(test) ?? null;
}

const ASCII_BLANKS = /[ \t\n\r\f]+/;

/** Whether an attribute's value, split at ASCII blanks, holds `token` in any case (the selector `[attr~=token i]`). */
function hasToken(el: Element, attr: string, token: string): boolean {
  const v = el.getAttribute(attr);
  return v !== null && v.split(ASCII_BLANKS).some((t) => t.toLowerCase() === token);
}

/** Whether an element has an <article> ancestor (the selector `article time`). */
function inArticle(el: Element): boolean {
  for (let up = el.parentElement; up; up = up.parentElement) if (up.localName === 'article') return true;
  return false;
}

/** Readability's element lookups by name replaced by elementsNamed (same elements, same order). */
function fastTagLookups(readability: typeof ReadabilityClass): void {
  const proto = readability.prototype as unknown as { _getAllNodesWithTag?: (node: ParentNode & Node, tags: string[]) => ArrayLike<Element> };
  // A later Readability without the method keeps its own lookups: slower, not wrong.
  if (typeof proto._getAllNodesWithTag !== 'function') return;
  proto._getAllNodesWithTag = (node, tags) => elementsNamed(node, tags);
}

function silentConsole(): VirtualConsole {
  // jsdom reports unparsable CSS and the like on the console; pages are full of it.
  return new (lib().VirtualConsole)();
}

/** Pages parsed into a DOM so far in this process (htmlParses), so tests can check a page is parsed once. */
let parses = 0;

/** How many pages this process has parsed into a DOM: each page must cost one parse, whichever way it is read. */
export function htmlParses(): number {
  return parses;
}

/** One window for the whole process; every page is parsed into a document of its own. */
let parserWindow: DOMWindow | null = null;

/**
 * The window pages are parsed in. Each document's selector engine
 * (querySelector) registers focus, key and mouse listeners on its window, to
 * track :focus-visible, and never removes them; on a shared window each
 * listener would keep its document alive. Nothing listens to this window
 * (no script runs, no event is dispatched), so listeners are not registered.
 */
function newParserWindow(): DOMWindow {
  const win = new (lib().JSDOM)('', { virtualConsole: silentConsole() }).window;
  const ignore: DOMWindow['addEventListener'] = () => undefined;
  win.addEventListener = ignore;
  return win;
}

/**
 * Parse a page into a new document, hand it to `use`, then empty it. `use`
 * must copy out what it keeps (strings, not nodes).
 *
 * Not `new JSDOM(html)` per page: a JSDOM document queues its
 * DOMContentLoaded and load steps as promise jobs, and those jobs (holding
 * the document, its window and every interface the window installs, 4-9 MB
 * a news page even after `window.close()`) run only when the event loop is
 * reached. An ingest loop is synchronous, so every page of a batch stayed in
 * memory to the end. DOMParser documents are created complete and queue
 * nothing; they are parsed as JSDOM parses (HTML mode, scripting off,
 * about:blank).
 *
 * The window keeps every attached element that has an id or a name (its
 * named properties, `window.foo`), whichever document the element is in;
 * removing the root element releases them, and with them the page.
 */
function withDom<T>(html: string, use: (doc: Document) => T): T {
  parserWindow ??= newParserWindow();
  parses++;
  const doc = new parserWindow.DOMParser().parseFromString(html, 'text/html');
  try {
    return use(doc);
  } finally {
    doc.documentElement?.remove();
  }
}

function clean(s: string | null | undefined): string | null {
  if (!s) return null;
  const t = s.replace(/\s+/g, ' ').trim();
  return t || null;
}

/** The attributes a <meta> is looked up by, in the order they are tried. */
const META_KEYS = ['property', 'name', 'itemprop'] as const;

/**
 * Each <meta>'s first element per attribute and lower-cased value, from one pass over the page.
 * A query per key and attribute scanned the whole document 45 times; on a fuzzed page of 40 000
 * elements that took 6.6 s.
 */
const metaIndexes = new WeakMap<Document, Map<string, Element>>();
function metaIndex(doc: Document): Map<string, Element> {
  let index = metaIndexes.get(doc);
  if (index) return index;
  index = new Map();
  for (const el of elementsNamed(doc, ['meta'])) {
    for (const attr of META_KEYS) {
      const v = el.getAttribute(attr);
      const k = v === null ? null : `${attr}=${v.toLowerCase()}`;
      if (k !== null && !index.has(k)) index.set(k, el);
    }
  }
  metaIndexes.set(doc, index);
  return index;
}

function metaContent(doc: Document, ...keys: string[]): string | null {
  const index = metaIndex(doc);
  for (const key of keys) {
    const k = key.toLowerCase();
    const el = index.get(`property=${k}`) ?? index.get(`name=${k}`) ?? index.get(`itemprop=${k}`);
    const v = clean(el?.getAttribute('content'));
    if (v) return v;
  }
  return null;
}

function jsonLdValues(doc: Document, key: string): string[] {
  const out: string[] = [];
  const visit = (node: unknown, depth: number): void => {
    if (depth > 6 || node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      for (const n of node) visit(n, depth + 1);
      return;
    }
    const obj = node as Record<string, unknown>;
    const v = obj[key];
    if (typeof v === 'string') out.push(v);
    else if (v && typeof v === 'object') {
      const name = (v as Record<string, unknown>)['name'];
      if (typeof name === 'string') out.push(name);
      else if (Array.isArray(v)) {
        for (const x of v) {
          const n = x && typeof x === 'object' ? (x as Record<string, unknown>)['name'] : x;
          if (typeof n === 'string') out.push(n);
        }
      }
    }
    for (const child of Object.values(obj)) if (child && typeof child === 'object') visit(child, depth + 1);
  };
  // script[type="application/ld+json" i], without the selector engine (elementsNamed).
  for (const script of elementsNamed(doc, ['script']).filter((el) => el.getAttribute('type')?.toLowerCase() === 'application/ld+json')) {
    try {
      visit(JSON.parse(script.textContent ?? ''), 0);
    } catch {
      // Broken JSON-LD is common; the other metadata sources still apply.
    }
  }
  return out;
}

function absoluteUrl(s: string | null): string | null {
  return s && /^https?:\/\/\S+$/i.test(s) ? s : null;
}

/** A relative canonical link ("/news/1") against the page's own URL, when the page came from the web. */
function resolved(href: string | null, source: string): string | null {
  if (!href || /^https?:\/\//i.test(href) || !/^https?:\/\//i.test(source)) return href;
  try {
    return new URL(href, source).toString();
  } catch {
    return null;
  }
}

function readHeadMeta(doc: Document, source: string): HtmlMeta {
  const published =
    normaliseMetaDate(metaContent(doc, 'article:published_time', 'og:published_time', 'datePublished')) ??
    normaliseMetaDate(jsonLdValues(doc, 'datePublished')[0]) ??
    normaliseMetaDate(
      metaContent(doc, 'date', 'pubdate', 'publishdate', 'publish-date', 'dc.date', 'dc.date.issued', 'dcterms.date', 'sailthru.date', 'parsely-pub-date'),
    ) ??
    normaliseMetaDate(
      (firstNamed(doc, 'time', (el) => el.hasAttribute('pubdate')) ??
        firstNamed(doc, 'time', (el) => el.hasAttribute('datetime') && inArticle(el)) ??
        firstNamed(doc, 'time', (el) => el.hasAttribute('datetime')))?.getAttribute('datetime'),
    );
  const langAttr = clean(doc.documentElement?.getAttribute('lang')) ?? metaContent(doc, 'og:locale', 'content-language');
  const lang = langAttr && /^[a-z]{2,3}(?:[-_]|$)/i.test(langAttr) ? langAttr.slice(0, 2).toLowerCase() : null;
  const canonical = firstNamed(doc, 'link', (el) => hasToken(el, 'rel', 'canonical'))?.getAttribute('href') ?? null;
  return {
    title: metaContent(doc, 'og:title', 'twitter:title'),
    byline: metaContent(doc, 'author', 'article:author', 'byl', 'dc.creator', 'parsely-author') ?? clean(jsonLdValues(doc, 'author')[0]),
    published,
    siteName: metaContent(doc, 'og:site_name', 'application-name'),
    lang,
    url: absoluteUrl(resolved(clean(canonical), source)) ?? absoluteUrl(metaContent(doc, 'og:url')),
  };
}

function isElement(n: Node): n is Element {
  return n.nodeType === 1;
}

/**
 * Emit each block element's text as a paragraph. Text outside any inner
 * block (e.g. a div holding text and a p) is flushed as its own paragraph,
 * so nothing is glued across a block boundary.
 */
export function blocksFromElement(root: Element, skip: ((el: Element) => boolean) | null = null): Part[] {
  const parts: (Part & { linked: number })[] = [];
  let buf = '';
  let linked = 0;
  let bufKind: RegionKind = 'body';
  let pre = false;
  const flush = (): void => {
    const t = pre ? buf.replace(TRAILING_BLANKS, '\n').trim() : buf.replace(/[ \t\n\r\f]+/g, ' ').trim();
    if (t) parts.push({ kind: bufKind, text: t, linked: Math.min(1, linked / Math.max(1, buf.trim().length)) });
    buf = '';
    linked = 0;
  };
  // Table cells are short and often linked (names in a results table) yet are
  // content, so they are exempt from the teaser-link rule.
  const walk = (node: Node, kind: RegionKind, inPre: boolean, inLink = false, inCell = false): void => {
    if (node.nodeType === 3) {
      if (!buf) {
        bufKind = kind;
        pre = inPre;
      }
      const v = node.nodeValue ?? '';
      buf += v;
      if (inLink && !inCell) linked += v.trim().length;
      return;
    }
    if (!isElement(node)) return;
    const tag = node.tagName.toUpperCase();
    if (SKIP_TAGS.has(tag) || skip?.(node)) return;
    if (tag === 'BR') {
      buf += '\n';
      return;
    }
    const block = BLOCK_TAGS.has(tag);
    let k = kind;
    if (/^H[1-6]$/.test(tag)) k = 'heading';
    else if (tag === 'BLOCKQUOTE') k = 'blockquote';
    else if (tag === 'FIGCAPTION' || tag === 'CAPTION') k = 'caption';
    if (block) flush();
    else if (tag === 'TD' || tag === 'TH') buf += ' ';
    // Sibling links, not childNodes: a childNodes list, once made, is rebuilt by jsdom on every later
    // change to its element, and Readability moves every child of its pick after this walk.
    for (let child = node.firstChild; child; child = child.nextSibling) walk(child, k, inPre || tag === "PRE", inLink || tag === "A", inCell || tag === "TD" || tag === "TH");
    if (block) flush();
    else if (tag === 'IMG' || tag === 'TD' || tag === 'TH') buf += ' ';
  };
  walk(root, 'body', false);
  flush();
  // Line breaks inside a paragraph (from <br>) are kept as single newlines;
  // a break that would leave a blank line is collapsed.
  // A short paragraph that is all link is a teaser for another page
  // ("Related: ...", a rail of headlines), not part of this article.
  return parts
    .filter((p) => !(p.linked >= LINK_PARAGRAPH_DENSITY && p.text.split(/\s+/).length <= LINK_PARAGRAPH_MAX_WORDS))
    .map((p) => ({ kind: p.kind, text: p.text.replace(SPACES_BEFORE_BREAK, '\n').replace(SPACES_AFTER_BREAK, '\n').replace(/\n{2,}/g, '\n') }));
}

function isBoilerplate(text: string): boolean {
  if (text.length > BOILERPLATE_MAX_CHARS) return false;
  return (
    BOILERPLATE_BLOCK.test(text) ||
    SHARE_BAR.test(text) ||
    BARE_URL_BLOCK.test(text) ||
    TIMESTAMP_LINE.test(text) ||
    parseDateLine(text) !== null
  );
}

/**
 * Drop share/newsletter lines anywhere, and a trailing "Related ..." rail:
 * once such a heading appears in the last third of the article, what
 * follows it is link lists, not reporting.
 */
function trimBody(parts: Part[]): Part[] {
  let out = parts
    .filter((p) => !isBoilerplate(p.text))
    .map((p): Part => (p.kind === 'body' && isCaption(p.text) ? { kind: 'caption', text: p.text } : p));
  const from = Math.max(1, Math.floor(out.length / 2));
  for (let i = from; i < out.length; i++) {
    const p = out[i]!;
    if (p.text.length <= 80 && TRAILING_RAIL.test(p.text) && looksLikeRail(out.slice(i + 1))) {
      out = out.slice(0, i);
      break;
    }
  }
  return out;
}

/** What follows a "More from ..." heading is a rail when it is short headline-sized items, not prose. */
function looksLikeRail(after: Part[]): boolean {
  if (after.length === 0) return true;
  const lengths = after.map((p) => p.text.length).sort((a, b) => a - b);
  return lengths[Math.floor(lengths.length / 2)]! <= RAIL_MEDIAN_MAX_CHARS;
}

/**
 * Why the tree is too large for Readability (MAX_READABILITY_DEPTH, MAX_READABILITY_CHILDREN,
 * MAX_READABILITY_ELEMENTS), or null when it is not.
 */
function tooLargeForReadability(root: Element): string | null {
  const stack: [Element, number][] = [[root, 0]];
  let elements = 0;
  while (stack.length) {
    const [el, d] = stack.pop()!;
    if (d > MAX_READABILITY_DEPTH) return `nested over ${MAX_READABILITY_DEPTH} deep`;
    if (++elements > MAX_READABILITY_ELEMENTS) return `over ${MAX_READABILITY_ELEMENTS} elements`;
    // Sibling links, not `el.children`: jsdom looks every read of a
    // collection's length up as a named item too, a scan of the collection,
    // so iterating an element with 10 000 children took 10 000² steps.
    let children = 0;
    for (let child = el.firstChild; child; child = child.nextSibling) {
      if (++children > MAX_READABILITY_CHILDREN) return `over ${MAX_READABILITY_CHILDREN} children in one element`;
      if (isElement(child)) stack.push([child, d + 1]);
    }
  }
  return null;
}

function textLength(parts: Part[]): number {
  return parts.reduce((n, p) => n + p.text.length, 0);
}

function isChrome(el: Element, extraTags: ReadonlySet<string> | null): boolean {
  const tag = el.tagName.toUpperCase();
  if (CHROME_TAGS.has(tag) || extraTags?.has(tag) || el.hasAttribute('hidden') || el.getAttribute('aria-hidden') === 'true') return true;
  // <meta> and <link> outside the head carry no text, and Readability re-parses the body up to four times
  // (a fuzzed page of 1 200 stray <meta>s took 4 s); the head's are read before this (readHeadMeta).
  if ((tag === 'META' || tag === 'LINK') && el.parentElement?.tagName.toUpperCase() !== 'HEAD') return true;
  const role = el.getAttribute('role');
  return role !== null && (CHROME_ROLES.has(role) || (role === 'search' && tag === 'FORM'));
}

/**
 * Remove the page's chrome (isChrome). One walk of the tree that does not enter what it removes:
 * jsdom walks a removed element's whole subtree, so removing nested matches one by one, as
 * `querySelectorAll(…).forEach(remove)` did, walked each subtree once per enclosing match (3 700
 * nested <nav>s took 23 s).
 */
function removeChrome(doc: Document, extraTags: ReadonlySet<string> | null = null): void {
  const found: Element[] = [];
  let el: Element | null = doc.documentElement;
  while (el) {
    let next: Element | null = null;
    if (isChrome(el, extraTags)) found.push(el);
    else next = el.firstElementChild;
    // Up until an ancestor has a next sibling; never past the root.
    for (let up: Element | null = el; !next && up && up !== doc.documentElement; up = up.parentElement) next = up.nextElementSibling;
    el = next;
  }
  removeEach(doc, found);
}

/**
 * Chrome elements of one parent that are removed by rebuilding its children rather than one at a time.
 * jsdom works out a node's index among its siblings at every removal, counting from the first child
 * once the parent has changed: removing k of a parent's children one by one costs O(k · siblings).
 * A fuzzed page of 6 900 <meta> tags, each after a line break, in the body took 1.6 s of 2 (issue 13,
 * finding 38). Rebuilding takes the parent's first child each time, which costs nothing to find.
 */
const REBUILD_FROM = 16;

/** Remove `nodes` (none inside another), grouped by parent: one by one, or the parent's children rebuilt. */
export function removeEach(doc: Document, nodes: readonly Element[]): void {
  const byParent = new Map<Node, Set<Node>>();
  for (const n of nodes) {
    const p = n.parentNode;
    if (!p) continue;
    let set = byParent.get(p);
    if (!set) byParent.set(p, (set = new Set()));
    set.add(n);
  }
  for (const [parent, gone] of byParent) {
    if (gone.size < REBUILD_FROM) {
      for (const n of gone) parent.removeChild(n);
      continue;
    }
    const kept = doc.createDocumentFragment();
    for (let c = parent.firstChild; c; c = parent.firstChild) {
      if (gone.has(c)) parent.removeChild(c);
      else kept.appendChild(c);
    }
    parent.appendChild(kept);
  }
}

/**
 * The whole-body walk: the body's blocks without any chrome, the page's headers, footers and asides
 * included (FALLBACK_CHROME_TAGS). Chrome is skipped, not removed, so the tree is left as it is for
 * Readability; skipping an element is removing it as far as the walk's text goes (the text either
 * side of it is joined the same way).
 */
function wholeBody(doc: Document): Part[] {
  const body = doc.body;
  return body ? blocksFromElement(body, (el) => isChrome(el, FALLBACK_CHROME_TAGS)) : [];
}

interface PageRead {
  meta: HtmlMeta;
  docTitle: string | null;
  body: Part[];
  /** Set when the page was too large for Readability: the body is the whole-body walk's, and why. */
  wholeBody: string | null;
  /**
   * The whole-body walk's blocks (untrimmed), taken before Readability rewrote the tree, for when
   * Readability's pick is too short; null when the body already is the whole-body walk's or there
   * was no DOM. Taking it on the same parse keeps a page to one parse (htmlParses): the walk used
   * to parse the page again, after Readability had rewritten the first parse's tree.
   */
  fallback: Part[] | null;
}

/** Metadata, the document title and Readability's body of a page (the whole-body walk's when it is too large for Readability). */
function readPage(html: string, source: string): PageRead {
  let parsed = false;
  try {
    return withDom(html, (doc) => {
      parsed = true;
      const meta = readHeadMeta(doc, source);
      const docTitle = clean(doc.title);
      removeChrome(doc);
      const tooLarge = doc.documentElement ? tooLargeForReadability(doc.documentElement) : null;
      if (tooLarge) return { meta, docTitle, body: trimBody(wholeBody(doc)), wholeBody: tooLarge, fallback: null };
      // Before Readability, which rewrites the tree in place.
      const fallback = wholeBody(doc);
      return { meta, docTitle, body: readabilityBody(doc, meta), wholeBody: null, fallback };
    });
  } catch (e) {
    if (parsed) throw e;
    throw new DossierError('E_HTML_NO_CONTENT', `the HTML could not be parsed (${(e as Error).message})`, source);
  }
}

/** Readability's pick of the article (chrome removed), as body parts; fills the metadata it finds that the head lacked. */
function readabilityBody(doc: Document, meta: HtmlMeta): Part[] {
  try {
    const article = new (lib().Readability)<Node>(doc, {
      charThreshold: READABILITY_CHAR_THRESHOLD,
      serializer: (node) => node,
    }).parse();
    if (!article) return [];
    meta.title ??= clean(article.title);
    meta.byline ??= clean(article.byline);
    meta.siteName ??= clean(article.siteName);
    meta.published ??= normaliseMetaDate(article.publishedTime);
    if (!meta.lang && article.lang && /^[a-z]{2}/i.test(article.lang)) meta.lang = article.lang.slice(0, 2).toLowerCase();
    const content = article.content;
    return content && isElement(content) ? trimBody(blocksFromElement(content)) : [];
  } catch {
    // Readability gives up on some malformed trees; the whole-body fallback still applies.
    return [];
  }
}

/** A page too large for a DOM (MAX_DOM_CHARS): its text from one scan of the markup, its title from <title>. */
function scannedPage(html: string): PageRead {
  const { title, paragraphs } = markupText(html);
  const body = paragraphs.map((p): Part => ({ kind: 'body', text: decodeEntities(p).replace(/[ \t\n\r\f]+/g, ' ').trim() }));
  const meta: HtmlMeta = { title: null, byline: null, published: null, siteName: null, lang: null, url: null };
  return { meta, docTitle: title === null ? null : clean(decodeEntities(title)), body: trimBody(body), wholeBody: null, fallback: null };
}

/**
 * The markup a DOM is built from, or why the page is too large for one (MAX_DOM_CHARS, MAX_DOM_TAGS):
 * without its comments and declarations past MAX_DECLARATIONS, flattened past MAX_MARKUP_DEPTH,
 * MAX_FOSTERED or MAX_DEEP_TEXT.
 */
function domMarkup(markup: string): { html: string } | { tooLarge: string } {
  let html = markup.length > MAX_DOM_CHARS ? withoutCode(markup) : markup;
  if (html.length > MAX_DOM_CHARS) return { tooLarge: `a page of ${markup.length} characters (over ${MAX_DOM_CHARS} without scripts and styles)` };
  if (startTags(html, MAX_DOM_TAGS) > MAX_DOM_TAGS) return { tooLarge: `a page of more than ${MAX_DOM_TAGS} tags` };
  if (markupDeclarations(html, MAX_DECLARATIONS) > MAX_DECLARATIONS) html = withoutDeclarations(html);
  // Markup nested thousands deep, many elements moved out of tables, or much text deep down make parsing quadratic (flatten.ts).
  const quadratic = markupDepth(html, MAX_MARKUP_DEPTH) > MAX_MARKUP_DEPTH || fosteredElements(html, MAX_FOSTERED) > MAX_FOSTERED ||
    deepText(html, MAX_DEEP_TEXT) > MAX_DEEP_TEXT;
  return { html: quadratic ? flattenMarkup(html) : html };
}

/**
 * Parse a page and extract metadata and body parts. Throws
 * E_HTML_NO_CONTENT when fewer than `minChars` characters of body are found.
 */
export function extractHtml(markup: string, source: string, minChars: number): HtmlExtraction {
  const notices: string[] = [];
  const dom = domMarkup(markup);
  let page: PageRead;
  if ('tooLarge' in dom) {
    page = scannedPage(markup);
    notices.push(`${dom.tooLarge}: its text read from the markup without Readability`);
  } else {
    page = readPage(dom.html, source);
    if (page.wholeBody) notices.push(`a page ${page.wholeBody}: its whole body read without Readability`);
  }
  const meta = page.meta;
  let body = page.body;
  if (page.fallback && textLength(body.filter((p) => p.kind !== 'caption')) < minChars) {
    const fb = trimBody(page.fallback);
    if (textLength(fb) > textLength(body)) body = fb;
  }
  meta.title ??= page.docTitle;
  if (textLength(body.filter((p) => p.kind !== 'caption')) < minChars) {
    throw new DossierError('E_HTML_NO_CONTENT', `no article text found (fewer than ${minChars} characters)`, source);
  }
  // The title usually opens the content too; it is stored once, as the title region.
  const first = body[0];
  if (first && meta.title && sameText(first.text, meta.title)) body = body.slice(1);
  if (meta.byline) {
    const by = body.findIndex((p, i) => i < 3 && sameText(p.text.replace(/^by\s+/i, ''), meta.byline!.replace(/^by\s+/i, '')));
    if (by >= 0) body = body.filter((_, i) => i !== by);
  }
  return { meta, body, notices };
}

function sameText(a: string, b: string): boolean {
  const norm = (s: string): string => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  return norm(a) === norm(b);
}

/**
 * Body text of a page as intake stores it (body, heading and blockquote
 * paragraphs; no title, byline or captions), for scoring body extraction.
 */
export function extractHtmlBody(html: string, source: string): string {
  const { body } = extractHtml(html, source, 0);
  return body
    .filter((p) => p.kind !== 'caption')
    .map((p) => p.text)
    .join('\n\n');
}
