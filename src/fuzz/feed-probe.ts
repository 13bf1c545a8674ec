import { createRequire } from 'node:module';
import { DossierError } from '../model/index.js';
import type { FeedParser } from './oracle.js';

/**
 * Stand-in for Dossier's feed reader until the web-intake branch lands it (see the FEED PARSER
 * HOOK in oracle.ts): the feed library itself, with its own typed errors (DetectError, ParseError,
 * MalformedError) counted as refusals. Any other exception, a blown stack or a hang is a finding
 * the feed reader must guard against.
 */
const requireCjs = createRequire(import.meta.url);

export function feedsmithProbe(): FeedParser {
  const lib = requireCjs('feedsmith') as { parseFeed: (s: string) => unknown; DetectError: ErrorConstructor; ParseError: ErrorConstructor; MalformedError: ErrorConstructor };
  const typed = [lib.DetectError, lib.ParseError, lib.MalformedError];
  const decoder = new TextDecoder('utf-8', { fatal: false });
  return (bytes, source) => {
    try {
      return lib.parseFeed(decoder.decode(bytes));
    } catch (e) {
      if (typed.some((t) => e instanceof t)) throw new DossierError('E_INPUT_UNSUPPORTED', `not a feed (${(e as Error).message})`, source);
      throw e;
    }
  };
}
