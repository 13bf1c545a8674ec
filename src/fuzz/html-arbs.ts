import fc from 'fast-check';
import { paragraphArb, sentenceArb, wordArb } from './text-arbs.js';

/**
 * HTML: random trees of the tags intake treats specially (blocks, skipped elements, tables, links),
 * with unclosed tags, entities, script and style, head metadata (Open Graph, JSON-LD), and the shapes
 * that have made HTML intake slow or deep before: deep nesting, wide sibling lists, huge attributes.
 */

const TAGS = [
  'div', 'p', 'span', 'a', 'b', 'i', 'em', 'strong', 'article', 'section', 'main', 'header', 'footer', 'nav', 'aside', 'h1', 'h2',
  'h3', 'ul', 'ol', 'li', 'table', 'tr', 'td', 'th', 'tbody', 'blockquote', 'pre', 'figure', 'figcaption', 'time', 'br', 'hr', 'img',
  'script', 'style', 'noscript', 'template', 'svg', 'math', 'iframe', 'textarea', 'select', 'option', 'form', 'button', 'font', 'center',
  'marquee', 'dl', 'dt', 'dd', 'address', 'details', 'summary', 'object', 'embed', 'title', 'meta', 'link', 'frameset', 'plaintext', 'xmp',
];

const ENTITIES = [
  '&amp;', '&lt;', '&gt;', '&quot;', '&nbsp;', '&mdash;', '&#8220;', '&#x201D;', '&#0;', '&#x110000;', '&#xD800;', '&#99999999999;',
  '&', '&#', '&#x', '&amp', '&bogus;', '&AElig', '&notin;', '&NotNestedGreaterGreater;', '&#128512;',
];

const ATTR_NAMES = ['class', 'id', 'style', 'href', 'src', 'hidden', 'aria-hidden', 'role', 'itemprop', 'lang', 'dir', 'datetime', 'data-x', 'name', 'content', 'property', 'type'];
const ATTR_VALUES = ['article-body', 'content', 'share', 'related', 'true', 'navigation', 'banner', 'ar', 'rtl', '2024-03-22T10:00:00Z', 'javascript:alert(1)', 'x" y="z', '', "'"];

const attrArb: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom(...ATTR_NAMES), fc.oneof(fc.constantFrom(...ATTR_VALUES), fc.string({ maxLength: 20 })), fc.constantFrom('"', "'", ''))
  .map(([n, v, q]) => ` ${n}=${q}${v}${q}`);

const inlineArb: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: wordArb, weight: 4 },
  { arbitrary: sentenceArb, weight: 3 },
  { arbitrary: fc.constantFrom(...ENTITIES), weight: 2 },
  { arbitrary: fc.constantFrom('<!-- c -->', '<!--', '<![CDATA[x]]>', '<?php echo 1 ?>', '</', '<', '>', '</p>', '</div>', '<br/>'), weight: 1 },
);

interface TreeArbs { node: string }

/** Random trees: elements with attributes and children, sometimes left unclosed. */
const tree = fc.letrec<TreeArbs>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', maxDepth: 6 },
    inlineArb,
    fc
      .record({
        tag: fc.constantFrom(...TAGS),
        attrs: fc.array(attrArb, { maxLength: 3 }),
        children: fc.array(tie('node'), { maxLength: 5 }),
        closed: fc.oneof({ arbitrary: fc.constant(true), weight: 5 }, { arbitrary: fc.constant(false), weight: 1 }),
      })
      .map((e) => `<${e.tag}${e.attrs.join('')}>${e.children.join(' ')}${e.closed ? `</${e.tag}>` : ''}`),
  ),
}));

const headArb: fc.Arbitrary<string> = fc
  .record({
    title: fc.option(sentenceArb),
    charset: fc.option(fc.constantFrom('utf-8', 'windows-1251', 'koi8-r', 'utf-16', 'iso-8859-1', 'bogus', '')),
    published: fc.option(fc.constantFrom('2024-03-22T10:00:00Z', '22 March 2024', '2024-02-30', 'yesterday', '0000-00-00', '1e308', '')),
    ldJson: fc.option(fc.oneof(fc.json(), fc.constantFrom('{"@type":"NewsArticle","author":{"name":"Jane Roe"},"datePublished":"2024-03-22"}', '{"author":[null,{"name":1}]}', '{broken'))),
    og: fc.array(fc.tuple(fc.constantFrom('og:title', 'og:site_name', 'article:published_time', 'author', 'og:url', 'description'), wordArb), { maxLength: 4 }),
  })
  .map((h) =>
    [
      h.charset !== null ? `<meta charset="${h.charset}">` : '',
      h.title !== null ? `<title>${h.title}</title>` : '',
      h.published !== null ? `<meta property="article:published_time" content="${h.published}">` : '',
      h.ldJson !== null ? `<script type="application/ld+json">${h.ldJson}</script>` : '',
      ...h.og.map(([k, v]) => `<meta property="${k}" content="${v}">`),
    ].join(''),
  );

/** A page: doctype, head metadata, then a body of random trees and article-like paragraphs. */
export const htmlPageArb: fc.Arbitrary<string> = fc
  .record({
    doctype: fc.boolean(),
    head: headArb,
    article: fc.array(paragraphArb.map((p) => `<p>${p}</p>`), { maxLength: 10 }),
    noise: fc.array(tree.node, { maxLength: 8 }),
    wrap: fc.constantFrom('article', 'div', 'main', 'section', 'td', 'li', 'blockquote', 'font'),
    closeHtml: fc.boolean(),
  })
  .map((r) => {
    const body = `<${r.wrap}>${r.article.join('\n')}</${r.wrap}>${r.noise.join('\n')}`;
    return `${r.doctype ? '<!DOCTYPE html>' : ''}<html><head>${r.head}</head><body>${body}${r.closeHtml ? '</body></html>' : ''}`;
  });

/** The shapes that stress a DOM walk: deep nesting (10k+), wide sibling lists, huge attributes, unterminated raw text. */
export const htmlShapeArb: fc.Arbitrary<string> = fc.oneof(
  fc
    .record({ tag: fc.constantFrom('div', 'b', 'span', 'p', 'li', 'blockquote', 'a', 'font', 'section', 'table', 'svg', 'template', 'ul'), depth: fc.integer({ min: 10_000, max: 40_000 }), closed: fc.boolean(), text: paragraphArb })
    .map((r) => `<html><body>${`<${r.tag}>`.repeat(r.depth)}${r.text}${r.closed ? `</${r.tag}>`.repeat(r.depth) : ''}</body></html>`),
  fc
    .record({ tag: fc.constantFrom('p', 'div', 'li', 'br', 'tr', 'span'), count: fc.integer({ min: 1_000, max: 12_000 }), text: sentenceArb })
    .map((r) => `<html><body><article>${`<${r.tag}>${r.text}</${r.tag}>`.repeat(r.count)}</article></body></html>`),
  fc
    .record({ name: fc.constantFrom('class', 'style', 'data-x', 'href', 'content'), size: fc.integer({ min: 10_000, max: 400_000 }), quoted: fc.boolean(), text: paragraphArb })
    .map((r) => `<html><head><meta ${r.name}="${'x '.repeat(r.size / 2)}${r.quoted ? '"' : ''}></head><body><p ${r.name}="${'a'.repeat(r.size)}">${r.text}</p></body></html>`),
  fc
    .record({ tag: fc.constantFrom('script', 'style', 'textarea', 'title', 'xmp', 'noscript', 'iframe', 'plaintext'), text: paragraphArb, closed: fc.boolean() })
    .map((r) => `<html><body><p>${r.text}</p><${r.tag}>${r.text}</p><!--${r.closed ? `</${r.tag}>` : ''}<p>${r.text}</p></body></html>`),
  fc
    .record({ entity: fc.constantFrom(...ENTITIES), count: fc.integer({ min: 100, max: 50_000 }) })
    .map((r) => `<html><body><p>${r.entity.repeat(r.count)}</p></body></html>`),
);
