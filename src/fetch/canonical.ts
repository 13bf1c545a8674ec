/**
 * The key one article is known by, whichever URL reached it: scheme and host lower-cased, default
 * port, fragment and tracking parameters dropped, the rest of the query sorted. Three links to one
 * article (a feed's with utm_source, a redirect's, the page's <link rel=canonical>) give one key.
 */

/** Query parameters that say who sent the reader, never which page it is. */
const TRACKING_EXACT = new Set([
  'fbclid', 'gclid', 'dclid', 'gbraid', 'wbraid', 'msclkid', 'yclid', 'twclid', 'ttclid', 'igshid', 'mc_cid', 'mc_eid', '_ga', '_gl', '_hsenc', '_hsmi',
  'mkt_tok', 'oly_anon_id', 'oly_enc_id', 'vero_id', 'wt_mc', 'ocid', 'cmpid', 'ito', 'ns_mchannel', 'ns_source', 'ns_campaign', 'ns_linkname', 'ns_fee',
  'rss', 'ref_src', 'ref_url', 'share', 'smid', 'sr_share', 'at_medium', 'at_campaign', 'at_custom1', 'at_custom2', 'at_custom3', 'at_custom4',
]);
const TRACKING_PREFIX = ['utm_', 'pk_', 'mtm_', 'piwik_', 'hmb_', 'at_'];

export function isTrackingParam(name: string): boolean {
  const n = name.toLowerCase();
  return TRACKING_EXACT.has(n) || TRACKING_PREFIX.some((p) => n.startsWith(p));
}

/** The canonical key of a URL; the input itself when it does not parse. */
export function canonicalUrl(raw: string): string {
  let u: URL;
  try {
    u = new URL(raw.trim());
  } catch {
    return raw.trim();
  }
  u.hash = '';
  const kept = [...u.searchParams].filter(([k]) => !isTrackingParam(k)).sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0));
  u.search = '';
  for (const [k, v] of kept) u.searchParams.append(k, v);
  // "/news/1/" and "/news/1" are one page on nearly every news site; the root keeps its slash.
  if (u.pathname.length > 1 && u.pathname.endsWith('/')) u.pathname = u.pathname.replace(/\/+$/, '');
  return u.toString();
}
