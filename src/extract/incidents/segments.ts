import type { Sentence, Span } from '../../model/index.js';
import { matchesOf } from '../../nlp/scan.js';
import { isDefinite } from './anchors.js';
import { SERIES_BEFORE_CHARS } from './constants.js';
import { APPOSITIVE, APPOSITIVE_VERB, COORDINATED_CLAUSE, SERIES_BEFORE } from './patterns.js';
import type { Hit } from './types.js';

/**
 * Segments: within a sentence, each hit owns the text up to the next hit. Sets each hit's `seg`, the
 * appositives it sets aside (`exclude`), and whether it is a definite mention.
 */
export function assignSegments(text: string, sents: readonly Sentence[], hits: Hit[]): void {
  const appositives = new Map<number, Span[]>();
  const appositiveAt = (s: Sentence, pos: number): Span | null => {
    let list = appositives.get(s.index);
    if (!list) appositives.set(s.index, (list = appositivesIn(text, s)));
    return list.find((a) => pos > a.start && pos < a.end) ?? null;
  };
  for (let i = 0; i < hits.length; i++) {
    const h = hits[i]!;
    const s = sents[h.sentence]!;
    const segStart = segmentStart(text, s, h, hits[i - 1]);
    // An appositive naming another incident ("arrested Salah Abdeslam, the
    // most wanted suspect in the November attacks in Paris, during a raid …
    // on Friday") does not end this hit's clause: its words are set aside and
    // the clause goes on after it.
    let segEnd = s.end;
    const mine = appositiveAt(s, h.start);
    for (let k = i + 1; k < hits.length && hits[k]!.sentence === h.sentence; k++) {
      const ap = appositiveAt(s, hits[k]!.start);
      if (ap && (!mine || ap.start !== mine.start) && ap.start > h.end) {
        h.exclude.push(ap);
        continue;
      }
      segEnd = hits[k]!.start;
      break;
    }
    if (mine) segEnd = Math.min(segEnd, mine.end);
    h.seg = { start: segStart, end: segEnd };
  }
  for (const h of hits) h.definite = isDefinite(text, h.start);
}

/** Where a hit's segment starts: after the hit before it in its sentence, or after a clause break before it. */
function segmentStart(text: string, s: Sentence, h: Hit, prev: Hit | undefined): number {
  // "In a series of related attacks, unknown perpetrators bombed …": the series is no incident of its
  // own (IRREALIS_BEFORE), so it does not take the sentence's opening words (its date) from the hit after it.
  const prevIsSeries = !!prev && SERIES_BEFORE.test(text.slice(Math.max(0, prev.start - SERIES_BEFORE_CHARS), prev.start));
  let segStart = prev && prev.sentence === h.sentence && !prevIsSeries ? prev.end : s.start;
  // A clause break before the trigger ("…; the car bombing of …", "…, and the bombing of …") starts its segment.
  const lead = text.slice(segStart, h.start);
  // So does a coordinated clause: "…, in which 52 people were killed, and came two months after a man drove a car into …".
  let coord = -1;
  for (const m of matchesOf(lead, COORDINATED_CLAUSE)) coord = m.index;
  const br = Math.max(lead.lastIndexOf(';'), coord);
  if (br >= 0) segStart += br + 1;
  return segStart;
}

/**
 * The appositives of a sentence (", the most wanted suspect in the November
 * attacks in Paris,"), in text order: stretches between two commas that
 * start with a determiner and have no verb of their own. Found once per
 * sentence; each hit then looks up the one around it, the first that holds it.
 * Appositives may overlap (each comma may close one and open the next), so
 * scanning resumes one character after each match's start.
 */
function appositivesIn(text: string, s: Span): Span[] {
  const out: Span[] = [];
  const st = text.slice(s.start, s.end);
  for (const m of matchesOf(st, APPOSITIVE)) {
    if (!APPOSITIVE_VERB.test(m[0])) out.push({ start: s.start + m.index, end: s.start + m.index + m[0].length });
    APPOSITIVE.lastIndex = m.index + 1;
  }
  return out;
}
