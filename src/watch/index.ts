/**
 * Web intake's orchestration: URLs into documents (web-ingest.ts), feeds and sitemaps read
 * (feeds.ts), and followed (watcher.ts). See docs/web-intake.md.
 */
export { ingestUrl, ingestUrls, parseUrlList, formatOfContentType, SaveLock, tally, type ItemHint, type UrlEvent } from './web-ingest.js';
export { parseFeedText, feedText, type FeedItem, type FeedKind, type ParsedFeed } from './feeds.js';
export { Watcher, parseDuration, parseEvery, MAX_ITEM_ATTEMPTS, type WatchEvent, type WatchOptions, type WatchSummary } from './watcher.js';
