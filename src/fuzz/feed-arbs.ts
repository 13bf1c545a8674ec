import fc from 'fast-check';
import { paragraphArb, sentenceArb } from './text-arbs.js';

/**
 * Feeds: RSS 2.0, Atom, JSON Feed and news sitemaps, well-formed and broken (unclosed elements,
 * CDATA inside CDATA, entity bombs in a DTD, dates in every format, HTML escaped and raw).
 */

const DATES = ['Fri, 22 Mar 2024 18:00:00 +0300', '2024-03-22T15:00:00Z', '2024-03-22', '22/03/2024', 'yesterday', '', 'Mon, 31 Feb 2024 99:99:99 GMT', '9'.repeat(40), '-0001-01-01T00:00:00Z'];
const LINKS = ['https://example.org/a', 'http://127.0.0.1/x', '/relative', 'javascript:alert(1)', '', 'https://例え.テスト/記事', 'https://example.org/a?x=1&amp;y=2'];

const itemArb = fc.record({
  title: sentenceArb,
  link: fc.constantFrom(...LINKS),
  date: fc.constantFrom(...DATES),
  body: paragraphArb,
  escaped: fc.boolean(),
  closed: fc.oneof({ arbitrary: fc.constant(true), weight: 6 }, { arbitrary: fc.constant(false), weight: 1 }),
});
type Item = typeof itemArb extends fc.Arbitrary<infer T> ? T : never;

function xmlText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
}

function content(i: Item): string {
  return i.escaped ? xmlText(`<p>${i.body}</p>`) : `<![CDATA[<p>${i.body}</p>]]>`;
}

const rssItem = (i: Item): string =>
  `<item><title>${xmlText(i.title)}</title><link>${i.link}</link><pubDate>${i.date}</pubDate><description>${content(i)}</description>${i.closed ? '</item>' : ''}`;
const atomEntry = (i: Item): string =>
  `<entry><title>${xmlText(i.title)}</title><link href="${i.link}"/><published>${i.date}</published><updated>${i.date}</updated><content type="html">${content(i)}</content>${i.closed ? '</entry>' : ''}`;
const sitemapUrl = (i: Item): string =>
  `<url><loc>${i.link}</loc><news:news><news:publication_date>${i.date}</news:publication_date><news:title>${xmlText(i.title)}</news:title></news:news>${i.closed ? '</url>' : ''}`;

/** A DTD whose entities expand exponentially ("billion laughs"), and one naming an external file. */
const DTDS = [
  '',
  '<!DOCTYPE r [<!ENTITY a "lol"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>',
  '<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>',
];

const xmlFeedArb = fc
  .record({
    kind: fc.constantFrom('rss', 'atom', 'sitemap'),
    items: fc.array(itemArb, { maxLength: 8 }),
    dtd: fc.constantFrom(...DTDS),
    bomb: fc.constantFrom('', '&d;', '&x;'),
    decl: fc.constantFrom('<?xml version="1.0" encoding="UTF-8"?>', '<?xml version="1.0" encoding="windows-1251"?>', '', '<?xml'),
  })
  .map((r) => {
    const bomb = r.bomb ? `<title>${r.bomb}</title>` : '';
    if (r.kind === 'rss') return `${r.decl}${r.dtd}<rss version="2.0"><channel><title>News</title>${bomb}${r.items.map(rssItem).join('')}</channel></rss>`;
    if (r.kind === 'atom') return `${r.decl}${r.dtd}<feed xmlns="http://www.w3.org/2005/Atom"><title>News</title>${bomb}${r.items.map(atomEntry).join('')}</feed>`;
    return `${r.decl}${r.dtd}<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">${r.items.map(sitemapUrl).join('')}</urlset>`;
  });

const jsonFeedArb = fc
  .record({ items: fc.array(itemArb, { maxLength: 8 }), junk: fc.option(fc.json()), truncate: fc.nat({ max: 20 }) })
  .map((r) => {
    const feed = {
      version: 'https://jsonfeed.org/version/1.1',
      title: 'News',
      items: r.items.map((i, n) => ({ id: String(n), url: i.link, title: i.title, content_html: `<p>${i.body}</p>`, date_published: i.date })),
      ...(r.junk !== null ? { _junk: r.junk } : {}),
    };
    const s = JSON.stringify(feed);
    // Sometimes cut short: a truncated download.
    return r.truncate === 0 ? s.slice(0, Math.floor(s.length / 2)) : s;
  });

/** Feeds as text, named by their kind. */
export const FEED_ARBS: Record<string, fc.Arbitrary<string>> = { 'feed-xml': xmlFeedArb, 'feed-json': jsonFeedArb };
