import type { FeedParser } from './oracle.js';

/**
 * Dossier's own feed reader (src/watch/feeds.ts), as `dossier watch` runs it on fetched bytes: the
 * charset from the XML declaration, gunzip, then RSS, Atom, JSON Feed or a sitemap. It must answer
 * or refuse with a coded error naming the input, like intake.
 */
export async function dossierFeedReader(): Promise<FeedParser> {
  const { feedText, parseFeedText } = await import('../watch/index.js');
  return (bytes, source) => parseFeedText(feedText(Buffer.from(bytes), source, null), source);
}
