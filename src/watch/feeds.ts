import { gunzipSync } from 'node:zlib';
import { parseFeed } from 'feedsmith';
import { DossierError } from '../model/index.js';
import { decodeBytes, normaliseMetaDate } from '../intake/index.js';
import { canonicalUrl } from '../fetch/index.js';

/**
 * Feeds and sitemaps as lists of items. RSS 2.0, RSS 1.0 (RDF), Atom and JSON Feed go through
 * feedsmith, which keeps Atom's `published` apart from `updated` (feeds.test.ts checks it): the date
 * an item gets is when it was published, not when it was last touched. Sitemaps (`<urlset>`, with
 * Google News' `<news:publication_date>`) and sitemap indexes (`<sitemapindex>`) are read here:
 * they are flat lists, and feedsmith does not read them.
 */

export type FeedKind = 'rss' | 'atom' | 'json' | 'rdf' | 'sitemap' | 'sitemapindex';

export interface FeedItem {
  /** What the item is known by across polls: its guid/id, else its canonical URL. */
  key: string;
  url: string;
  /** ISO date, or null when the feed gives none. */
  published: string | null;
  /** Which field the date came from ("published", "pubDate", "news:publication_date" …). */
  dateField: string | null;
  title: string | null;
}

export interface ParsedFeed {
  kind: FeedKind;
  items: FeedItem[];
  /** A sitemap index's child sitemaps. */
  sitemaps: string[];
}

/** Gzip's magic number: sitemaps are often served as .xml.gz files, not gzip-encoded responses. */
const GZIP = [0x1f, 0x8b];
const MAX_GUNZIPPED = 50 * 1024 * 1024;
const XML_ENCODING = /^\s*<\?xml[^>]*encoding\s*=\s*["']([\w.:-]+)["']/i;

type Loose = Record<string, unknown>;
const obj = (v: unknown): Loose | null => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Loose) : null);
const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : null);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** Feed bytes as text: gunzipped when they are a gzip file, in the encoding the XML declares or the server did. */
export function feedText(bytes: Buffer, source: string, charset: string | null): string {
  let b = bytes;
  if (b[0] === GZIP[0] && b[1] === GZIP[1]) {
    try {
      b = gunzipSync(b, { maxOutputLength: MAX_GUNZIPPED });
    } catch (e) {
      throw new DossierError('E_FEED', `a gzip file that does not unpack (${(e as Error).message})`, source);
    }
  }
  const declared = charset ?? XML_ENCODING.exec(b.subarray(0, 200).toString('latin1'))?.[1] ?? null;
  return decodeBytes(b, source, false, declared);
}

function absolute(href: string | null, base: string): string | null {
  if (!href) return null;
  try {
    const u = new URL(href, base);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.toString() : null;
  } catch {
    return null;
  }
}

function item(base: string, url: string | null, id: string | null, date: [string, unknown] | null, title: unknown): FeedItem | null {
  const abs = absolute(url, base);
  if (!abs) return null;
  const published = date ? normaliseMetaDate(str(date[1])) : null;
  return { key: id ?? canonicalUrl(abs), url: abs, published, dateField: published ? date![0] : null, title: str(title) ?? str(obj(title)?.['value']) };
}

/** The first date field an item has, in order of preference. */
function firstDate(it: Loose, fields: [string, (i: Loose) => unknown][]): [string, unknown] | null {
  for (const [name, get] of fields) {
    const v = get(it);
    if (str(v)) return [name, v];
  }
  return null;
}

const dcDate = (i: Loose): unknown => obj(i['dc'])?.['date'] ?? arr(obj(i['dc'])?.['dates'])[0];

function rssItems(feed: Loose, base: string): FeedItem[] {
  return arr(feed['items']).flatMap((raw) => {
    const it = obj(raw) ?? {};
    const guid = obj(it['guid']);
    const guidValue = str(guid?.['value']) ?? str(it['guid']);
    const permalink = guid?.['isPermaLink'] !== false && guidValue && /^https?:\/\//i.test(guidValue) ? guidValue : null;
    const date = firstDate(it, [['pubDate', (i) => i['pubDate']], ['dc:date', dcDate]]);
    const x = item(base, str(it['link']) ?? permalink, guidValue, date, it['title']);
    return x ? [x] : [];
  });
}

function atomItems(feed: Loose, base: string): FeedItem[] {
  return arr(feed['entries']).flatMap((raw) => {
    const it = obj(raw) ?? {};
    const links = arr(it['links']).map(obj).filter((l): l is Loose => l !== null);
    const link = links.find((l) => !l['rel'] || l['rel'] === 'alternate') ?? links[0];
    // `published` is when the entry was first made available; `updated` only when it last changed.
    const date = firstDate(it, [['published', (i) => i['published']], ['dc:date', dcDate]]);
    const x = item(base, str(link?.['href']), str(it['id']), date, it['title']);
    return x ? [x] : [];
  });
}

function jsonItems(feed: Loose, base: string): FeedItem[] {
  return arr(feed['items']).flatMap((raw) => {
    const it = obj(raw) ?? {};
    const date = firstDate(it, [['date_published', (i) => i['date_published']]]);
    const x = item(base, str(it['url']) ?? str(it['external_url']), str(it['id']), date, it['title']);
    return x ? [x] : [];
  });
}

/** Read a feed or a sitemap. Throws E_FEED naming the source when it is neither. */
export function parseFeedText(text: string, source: string): ParsedFeed {
  const head = text.slice(0, 2000);
  if (/<urlset[\s>]/i.test(head)) return { kind: 'sitemap', items: sitemapItems(text, source), sitemaps: [] };
  if (/<sitemapindex[\s>]/i.test(head)) return { kind: 'sitemapindex', items: [], sitemaps: sitemapLocs(text, source) };
  let parsed: { format: string; feed: unknown };
  try {
    parsed = parseFeed(text) as { format: string; feed: unknown };
  } catch (e) {
    throw new DossierError('E_FEED', `not an RSS, Atom or JSON feed, nor a sitemap (${(e as Error).message})`, source);
  }
  const feed = obj(parsed.feed) ?? {};
  if (parsed.format === 'atom') return { kind: 'atom', items: atomItems(feed, source), sitemaps: [] };
  if (parsed.format === 'json') return { kind: 'json', items: jsonItems(feed, source), sitemaps: [] };
  return { kind: parsed.format === 'rdf' ? 'rdf' : 'rss', items: rssItems(feed, source), sitemaps: [] };
}

/**
 * The inside of each `<name>…</name>` element, by a linear scan (a lazy regex over a 10 MB sitemap of
 * unclosed elements would rescan to the end from every opening tag).
 */
function blocks(text: string, name: 'url' | 'sitemap'): string[] {
  const out: string[] = [];
  const lower = text.toLowerCase();
  const close = `</${name}>`;
  let at = 0;
  for (;;) {
    const open = lower.indexOf(`<${name}`, at);
    if (open < 0) return out;
    const after = lower[open + name.length + 1];
    const gt = lower.indexOf('>', open);
    if (gt < 0) return out;
    if (after !== '>' && after !== ' ' && after !== '\n' && after !== '\t' && after !== '\r') {
      at = gt + 1;
      continue;
    }
    const end = lower.indexOf(close, gt);
    if (end < 0) return out;
    out.push(text.slice(gt + 1, end));
    at = end + close.length;
  }
}

const XML_ENTITY = /&(amp|lt|gt|quot|apos|#\d{1,7}|#x[0-9a-f]{1,6});/gi;
const NAMED_ENTITY: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const CDATA = /^\s*<!\[CDATA\[([\s\S]*?)\]\]>\s*$/;

/** The text of the first `<tag>` (namespace prefix as written) in a block, entities and CDATA undone. */
function tagText(block: string, tag: string): string | null {
  const lower = block.toLowerCase();
  const open = lower.indexOf(`<${tag}`);
  if (open < 0) return null;
  const gt = lower.indexOf('>', open);
  const end = gt < 0 ? -1 : lower.indexOf(`</${tag}`, gt);
  if (end < 0) return null;
  const raw = block.slice(gt + 1, end).replace(CDATA, '$1').trim();
  return raw.replace(XML_ENTITY, (_e, n: string) => {
    const named = NAMED_ENTITY[n.toLowerCase()];
    if (named) return named;
    const cp = n[1] === 'x' || n[1] === 'X' ? Number.parseInt(n.slice(2), 16) : Number.parseInt(n.slice(1), 10);
    return cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : '';
  });
}

function sitemapItems(text: string, source: string): FeedItem[] {
  const out: FeedItem[] = [];
  for (const block of blocks(text, 'url')) {
    // A plain sitemap's <lastmod> is when the page last changed, not when it was published: not used.
    const date = firstDate({ d: tagText(block, 'news:publication_date') }, [['news:publication_date', (i) => i['d']]]);
    const x = item(source, tagText(block, 'loc'), null, date, tagText(block, 'news:title'));
    if (x) out.push(x);
  }
  return out;
}

function sitemapLocs(text: string, source: string): string[] {
  return blocks(text, 'sitemap').map((b) => absolute(tagText(b, 'loc'), source)).filter((u): u is string => u !== null);
}
