/**
 * Fetching from the web, politely and safely: the SSRF guard (guard.ts), the polite fetcher
 * (fetcher.ts), canonical URLs (canonical.ts). See docs/web-intake.md.
 */
export { AddressGuard, parseRanges, refusal, type GuardOptions, type Resolver } from './guard.js';
export { Fetcher, FETCH_DEFAULTS, charsetOf, defaultUserAgent, retryAfterMs, type FetchOptions, type FetchResult, type Validators } from './fetcher.js';
export { canonicalUrl, isTrackingParam } from './canonical.js';
