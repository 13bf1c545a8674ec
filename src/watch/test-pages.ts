/**
 * Pages and feeds the web-intake tests and the fetch benchmark serve from 127.0.0.1: distinct news
 * reports (each its own facts, so none is taken for a repost of another), with or without a date.
 */

const REPORTS: [string, string][] = [
  ['Checkpoint attack in Kandahar', 'Gunmen attacked a police checkpoint in Kandahar, Afghanistan, killing three officers and wounding two others, provincial officials said. The Taliban denied involvement in the attack, which took place shortly after midnight near the main road to Spin Boldak.'],
  ['Market bombing in Maiduguri', 'A suicide bomber blew herself up at a crowded market in Maiduguri, Nigeria, killing at least twelve people, police said. Witnesses said the explosion tore through stalls selling fish and vegetables. No group has claimed responsibility, but Boko Haram has carried out similar attacks in Borno state.'],
  ['Protesters clash with police in Nairobi', 'Thousands of students protested against fee increases in Nairobi, Kenya. Police fired tear gas and arrested forty demonstrators near the university campus. Two students were injured in the clashes, according to the Kenya Red Cross, which treated them at the scene.'],
  ['Rocket strike on Kharkiv', 'A Russian missile struck a residential building in Kharkiv, Ukraine, killing five civilians and injuring eighteen, the regional governor said. Rescue workers searched the rubble through the night. The strike came hours after drones hit an energy facility outside the city.'],
  ['Ambush near Gao', 'Militants ambushed an army convoy near Gao, Mali, killing seven soldiers, the armed forces said in a statement. The attackers used improvised explosive devices before opening fire on the vehicles. An al-Qaeda affiliated group claimed the ambush in a message on social media.'],
  ['Kidnapping in Zamfara', 'Armed bandits abducted twenty-three villagers from Tsafe in Zamfara state, Nigeria, residents said. The gunmen arrived on motorcycles and went from house to house. Police confirmed the abduction and said a rescue operation was under way in the surrounding forest.'],
];

export const REPORT_COUNT = REPORTS.length;

/** An HTML article page; `published` goes into article:published_time when given. */
export function articlePage(i: number, opts: { published?: string; canonical?: string; title?: string } = {}): string {
  const [title, body] = REPORTS[i % REPORTS.length]!;
  const head = [
    `<title>${opts.title ?? title}</title>`,
    opts.published ? `<meta property="article:published_time" content="${opts.published}">` : '',
    opts.canonical ? `<link rel="canonical" href="${opts.canonical}">` : '',
  ].join('');
  const paras = body.split(/(?<=\.) /).map((s) => `<p>${s}</p>`).join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">${head}</head><body><header><nav>Home | World</nav></header><article><h1>${opts.title ?? title}</h1>\n${paras}\n</article><footer>© News</footer></body></html>`;
}

export function rssFeed(items: { url: string; guid?: string; pubDate?: string; title?: string }[]): string {
  const body = items.map((it) => `<item><title>${it.title ?? 'item'}</title><link>${it.url}</link>${it.guid ? `<guid isPermaLink="false">${it.guid}</guid>` : ''}${it.pubDate ? `<pubDate>${it.pubDate}</pubDate>` : ''}</item>`).join('');
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Test news</title><link>http://127.0.0.1/</link><description>Tests</description>${body}</channel></rss>`;
}

export function atomFeed(items: { url: string; id: string; published?: string; updated: string }[]): string {
  const body = items.map((it) => `<entry><title>e</title><id>${it.id}</id><link rel="alternate" href="${it.url}"/>${it.published ? `<published>${it.published}</published>` : ''}<updated>${it.updated}</updated></entry>`).join('');
  return `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Atom test</title><id>urn:test</id><updated>2026-11-30T00:00:00Z</updated>${body}</feed>`;
}

export function jsonFeed(items: { url: string; id: string; date_published?: string; date_modified?: string }[]): string {
  return JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'JSON test', items });
}

export function newsSitemap(items: { url: string; published?: string; lastmod?: string }[]): string {
  const body = items
    .map((it) => `<url><loc>${it.url.replace(/&/g, '&amp;')}</loc>${it.lastmod ? `<lastmod>${it.lastmod}</lastmod>` : ''}${it.published ? `<news:news><news:publication><news:name>T</news:name><news:language>en</news:language></news:publication><news:publication_date>${it.published}</news:publication_date><news:title>t</news:title></news:news>` : ''}</url>`)
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">${body}</urlset>`;
}

export function sitemapIndex(urls: string[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${urls.map((u) => `<sitemap><loc>${u}</loc></sitemap>`).join('')}</sitemapindex>`;
}
