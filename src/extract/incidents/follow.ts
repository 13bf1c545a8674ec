import type { Annotations, Sentence } from '../../model/index.js';
import { spanIndex } from '../../nlp/span-index.js';
import { findCasualties } from '../casualties.js';
import { PERPETRATOR_NOUNS } from '../triggers.js';
import { FOLLOW_SENTENCES } from './constants.js';
import { EVENT_REGIONS } from './hits.js';
import type { Draft, Hit, RegionOf } from './types.js';

/**
 * Step 4. Sentences without an incident word that report casualties or
 * perpetrators belong to the incident in focus ("Five suspected terrorists
 * were killed on the spot."). Adds them to that draft's segments.
 */
export function addFollowingSentences(text: string, sents: readonly Sentence[], ann: Annotations, hits: readonly Hit[], drafts: readonly Draft[], regionOf: RegionOf): void {
  const hitSentences = new Set(hits.filter((h) => h.mode !== 'skip').map((h) => h.sentence));
  const bySentence = new Map<number, Draft>();
  for (const d of drafts) for (const h of d.hits) if (!bySentence.has(h.sentence)) bySentence.set(h.sentence, d);
  // Each draft's hit sentences in order, to find the last one before a sentence by bisection.
  const hitSentencesOf = new Map<Draft, number[]>();
  for (const d of drafts) {
    // Pushed, not mapped: V8's optimised `map` makes a holey array and its other tiers a packed one,
    // and this function was compiled again when the other kind reached its `sort` (issue 11).
    const xs: number[] = [];
    for (const h of d.hits) xs.push(h.sentence);
    hitSentencesOf.set(d, xs.sort((a, b) => a - b));
  }
  let cur: Draft | null = null;
  for (const s of sents) {
    const d = bySentence.get(s.index);
    if (d) {
      cur = d;
      continue;
    }
    if (!cur || hitSentences.has(s.index) || !EVENT_REGIONS.has(regionOf(s.start))) continue;
    if (regionOf(s.start) !== 'body') continue;
    // Only the next few sentences after a mention: a new paragraph about something else ends the focus.
    const lastHitSentence = lastBelow(hitSentencesOf.get(cur)!, s.index);
    if (s.index - lastHitSentence > FOLLOW_SENTENCES) continue;
    const qs = spanIndex(ann.quantities).inside(s);
    const st = text.slice(s.start, s.end);
    if (findCasualties(text, s.start, s.end, qs).length === 0 && !PERPETRATOR_NOUNS.test(st)) continue;
    cur.segs.push({ start: s.start, end: s.end });
  }
}

/** The largest of the ascending `xs` below `limit`, or -1. */
function lastBelow(xs: readonly number[], limit: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid]! < limit) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 ? xs[lo - 1]! : -1;
}
