/**
 * Document-level checks of place readings, used by the resolver (resolve.ts):
 *
 * - Words inside an organisation's name are not places: in "Islamic State of Iraq and the Levant"
 *   neither "Iraq" nor "Levant" (Levant, Maine) names where anything happened. Known organisations
 *   come from the lexicon (lexicon/groups.ts); a PLACE mention is such a word when it sits, at the
 *   same character offset, inside one of the aliases of a known organisation mentioned just before it.
 * - A world-region word ("Levant", "Sahel", "Crimea", "Kashmir") reads only as a country or a
 *   first-level division of that name, never as a town or district named after it.
 * - A stray reading: a town or division whose country nothing else in the text names, while the
 *   text is about another country (STRAY.MIN_VOTES independent mentions: places, country names,
 *   demonyms; one town or division is enough against a small town, a district or an alternate
 *   name). "Spera district" in a report about Afghanistan is not Spera, Italy: the gazetteer lacks
 *   the Afghan district, and no reading beats a wrong one. The resolver then falls back on the
 *   name's next reading, if it has one that is no stray.
 */
import type { Mention } from '../../model/index.js';
import { knownOrg } from '../lexicon/groups.js';
import { REGION_NAMES } from '../lexicon/names.js';
import type { RefCandidate } from './gazetteer.js';
import { normaliseName } from './normalize.js';
import { spanIndex } from '../span-index.js';

/** How far before a place word an organisation's name may start. */
const ORG_REACH = 80;

/** The organisation mention whose full name contains this place mention, if any. */
export function enclosingOrg(m: Mention, mentions: readonly Mention[]): Mention | null {
  const word = m.text.toLowerCase();
  // Only the mentions starting within reach before it, looked up: scanning every mention for every place was quadratic.
  for (const o of spanIndex(mentions).startingIn(m.start - ORG_REACH, m.start - 1)) {
    if (o.type !== 'ORG') continue;
    const org = knownOrg(o.key);
    if (!org) continue;
    const head = o.text.toLowerCase();
    const at = m.start - o.start;
    for (const alias of org.aliases) {
      if (alias.length >= at + word.length && alias.startsWith(head) && alias.slice(at, at + word.length) === word) return o;
    }
  }
  return null;
}

/** Whether a mention's name is a world region ("the Levant", "Sahel"). */
export function isRegionWord(m: Mention): boolean {
  let key = normaliseName(m.text);
  if (key.startsWith('the ')) key = key.slice(4);
  return REGION_NAMES.has(key);
}

/** The readings a world-region word may have: countries and first-level divisions only. */
export function regionReadings(cands: readonly RefCandidate[]): RefCandidate[] {
  return cands.filter((rc) => rc.cand.kind === 'country' || rc.cand.kind === 'admin1');
}

/** Country code → number of distinct mentions (other than the given group) that name it. */
export type CountryVotes = (cc: string, exceptGroup: number) => number;

export interface StrayVerdict {
  stray: boolean;
  /** The country the text is about, and how many mentions say so. */
  main?: { cc: string; votes: number };
  why?: string;
}

export const STRAY = {
  /** The text names another country at least this many times… */
  MIN_VOTES: 2,
  /** …or names a town or division of it at least once, against a weak reading: a small town, a district, an alternate name. */
  MIN_VOTES_WEAK: 1,
  /** A town smaller than this is a weak reading. */
  WEAK_POPULATION: 20_000,
  /** A town this big (or a national capital) is named for itself, whatever the text is about. */
  MAX_POPULATION: 500_000,
} as const;

/**
 * Whether a chosen reading is a stray in a text about another country (see the module comment).
 * `votes` counts every mention of a country (places, country names, demonyms); `placeVotes` only
 * towns and divisions, which place a story more firmly than "French" or "US forces" do.
 */
export function strayReading(rc: RefCandidate, group: number, votes: CountryVotes, placeVotes: CountryVotes, countries: readonly string[]): StrayVerdict {
  const c = rc.cand;
  if (c.kind === 'country') return { stray: false };
  // A capital or a big city is named for itself, unless reached only through an alternate name ("Molotov" for Perm).
  if (c.kind === 'city' && !rc.alt && (c.featureCode === 'PPLC' || (c.population ?? 0) >= STRAY.MAX_POPULATION)) return { stray: false };
  if (votes(c.countryCode, group) > 0) return { stray: false };
  const weak = rc.alt || c.kind === 'admin2' || (c.kind === 'city' && (c.population ?? 0) < STRAY.WEAK_POPULATION);
  let main: { cc: string; votes: number } | undefined;
  for (const cc of countries) {
    if (cc === c.countryCode) continue;
    const v = votes(cc, group);
    const firm = v >= STRAY.MIN_VOTES || (weak && placeVotes(cc, group) >= STRAY.MIN_VOTES_WEAK);
    if (firm && (!main || v > main.votes)) main = { cc, votes: v };
  }
  if (!main) return { stray: false };
  const what = rc.alt ? 'an alternate name of a place' : weak ? 'a small place' : 'a place';
  return { stray: true, main, why: `${what} in ${c.countryCode}, which nothing else in the text names, while the text names ${main.cc} (${main.votes}×)` };
}
