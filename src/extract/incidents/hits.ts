import { isSpace, type Annotations, type IncidentKind, type Region, type Sentence } from '../../model/index.js';
import { detectEvent } from '../../classify/detector.js';
import { scan } from '../../nlp/scan.js';
import { spanIndex } from '../../nlp/span-index.js';
import { findCasualties } from '../casualties.js';
import { TRIGGER_RULES } from '../triggers.js';
import { LEAD_SENTENCES, LEARNED_LEAD_MIN_EVENT, LEARNED_LEAD_MIN_SCORE } from './constants.js';
import { isCountryMention } from './geo.js';
import { learnedHit } from './learned-triggers.js';
import type { Hit, IncidentResources, RegionOf } from './types.js';

/** Region kinds that carry reporting; bylines, datelines and captions don't. */
export const EVENT_REGIONS: ReadonlySet<Region['kind']> = new Set(['title', 'subtitle', 'body']);

/** The trigger hits of the last extraction over an annotation set, for `relativeToOtherIncident` and `debugHits`. */
export const ALL_HITS = new WeakMap<Annotations, Hit[]>();

/**
 * A new, unclassified hit spanning `start`–`end` in sentence `s`; its segment is the sentence until
 * segments.ts narrows it. `scores`: a learned hit's. Every hit has every field from the start, the
 * ones set later (`incident`) and the learned ones included: hits of two or three shapes made V8
 * compile the readers of many hits again, each time a shape first reached them (issue 11).
 */
function newHit(s: Sentence, region: Region['kind'], kind: IncidentKind, start: number, end: number, rule: string, reason: string, scores?: { labelScore: number; eventScore: number }): Hit {
  return {
    kind, start, end, sentence: s.index, rule, reason, mode: 'skip', why: '', seg: { start: s.start, end: s.end }, inTitle: region === 'title', definite: false, exclude: [],
    incident: undefined, labelScore: scores?.labelScore, eventScore: scores?.eventScore,
  };
}

/**
 * Step 1: the trigger hits of a document, sentence by sentence, in document order. Each sentence is scanned
 * with the trigger rules (triggers.ts), the first rule claiming a stretch; a sentence no rule matches may
 * still report an incident by its casualty figure, and a document no rule matches at all is read by the
 * learned event detector.
 */
export function findHits(text: string, sents: readonly Sentence[], ann: Annotations, regionOf: RegionOf, res: IncidentResources): Hit[] {
  const hits: Hit[] = [];
  const unmatched: { s: Sentence; st: string }[] = [];
  for (const s of sents) {
    const region = regionOf(s.start);
    if (!EVENT_REGIONS.has(region)) continue;
    const st = text.slice(s.start, s.end);
    const hitsBefore = hits.length;
    for (const x of scan(st, TRIGGER_RULES, { offset: s.start, firstClaims: true, trimEnd: true, sparse: true })) {
      hits.push(newHit(s, region, x.rule.kind, x.start, x.end, x.rule.name, x.rule.reason));
    }
    if (hits.length === hitsBefore) {
      const c = casualtyReportHit(text, s, ann, region);
      if (c) hits.push(c);
    }
    // A title is read too: a coder's one-line note, or a headline over a body that names no event, is the report.
    if (hits.length === hitsBefore) unmatched.push({ s, st });
  }
  // A document the rules find nothing in: the learned event detector and classifier
  // (learned-triggers.ts), for what ACLED codes and no rule names (protests, clashes, abductions,
  // strategic developments), as a coder's one-line note tells it. Where the rules found incidents,
  // the other sentences are their aftermath and background, not new events.
  if (!hits.length) {
    for (const { s, st } of unmatched) {
      const l = learnedHit(st, s.start, res);
      if (l) hits.push(newHit(s, regionOf(s.start), l.kind, l.start, l.end, 'learned', l.reason, l));
    }
  }
  hits.sort((a, b) => a.start - b.start);
  return hits;
}

/**
 * A casualty report with no incident word still reports an incident when
 * it is anchored in time or place: "In March, a major … at the concert hall took the lives of 145 people".
 */
function casualtyReportHit(text: string, s: Sentence, ann: Annotations, region: Region['kind']): Hit | null {
  // The anchor first: it is two lookups, the casualty rules a dozen patterns, and most sentences have
  // no dated place (issue 11).
  const anchored = spanIndex(ann.dates).inside(s).some((d) => d.value.precision !== 'unknown') &&
    spanIndex(ann.mentions).inside(s).some((mm) => mm.type === 'FACILITY' || (mm.type === 'PLACE' && !!mm.place && !isCountryMention(mm)));
  if (!anchored) return null;
  const qs = spanIndex(ann.quantities).inside(s);
  const cas = findCasualties(text, s.start, s.end, qs).filter((c) => c.field === 'killed' && c.quantity.qualifier !== 'vague' && !c.breakdown);
  if (cas.length === 0) return null;
  const c = cas[0]!;
  return newHit(s, region, 'attack', c.start, c.end, 'casualty-report', 'a casualty report anchored in time and place');
}

/**
 * Words in a text, counted by runs of non-space; with `atMost`, counting stops past it (a caller that
 * asks "is it a short note?" need not count a long article to the end: issue 11).
 */
export function wordCount(text: string, atMost = Infinity): number {
  // What counting the matches of /\S+/g gives, read off the characters: a match object and a string
  // per word were a tenth of what the incident stage allocated (issue 11).
  let n = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const space = isSpace(text.charCodeAt(i));
    if (!space && !inWord && ++n > atMost) break;
    inWord = !space;
  }
  return n;
}

/**
 * Why a hit set aside by classifyHit may still be a document's one event. A hit skipped for want of
 * an anchor ("Journalists marched through the streets of the capital", "Rioting matatu drivers clash
 * with police") or read as a reference back to an incident that was never told ("Unknown gunmen kill
 * two members of Mungiki sect": an event verb with nothing to refer to) is, in a document that tells
 * no other incident, the event the document reports. Quotations, hypotheticals and headings stay set
 * aside: they report no event whatever else the document holds.
 */
export const LEAD_EVENT_WHYS: readonly string[] = [
  'no time, place, target or actor',
  'generic plural with no time, place or target',
  'definite reference back',
  'an event verb with no anchor of its own',
  'a participle continuing the clause before it',
  'arrest of the incident\'s suspects',
  'the means of an action told before it',
];

/**
 * A document no hit anchors still reports an event when the learned event detector reads the hit's
 * sentence as one (commentary, history and forecasts it reads as no event). The first such hit, in
 * document order, becomes the document's incident: a coder's note or a wire lead tells its event first.
 */
export function promoteLeadEvent(text: string, sents: readonly Sentence[], hits: Hit[], res: IncidentResources): void {
  for (const h of hits) {
    if (h.sentence >= LEAD_SENTENCES) break;
    if (!LEAD_EVENT_WHYS.some((w) => h.why.startsWith(w))) continue;
    const s = sents[h.sentence]!;
    // A learned hit has passed the detector already; unanchored, it also needs the classifier to be sure of
    // what happened ("Councillors … agreed to consult residents" reads as an agreement at p=0.20).
    if (h.rule === 'learned' && (h.labelScore ?? 0) < LEARNED_LEAD_MIN_SCORE && (h.eventScore ?? 0) < LEARNED_LEAD_MIN_EVENT) continue;
    const det = h.rule === 'learned' ? null : detectEvent(text.slice(s.start, s.end), res.detector);
    if (det && !det.isEvent) continue;
    h.mode = 'specific';
    h.why = `${h.why}; the document tells no other incident and its sentence reports an event${det ? ` (${det.reason})` : ''}`;
    return;
  }
}

/**
 * A note whose rule hits all read as no event of their own ("The attack was repelled by the army." after
 * "an armed group attacked soldiers in Karimama", where "attacked" is no trigger) gets the learned
 * detector's reading of its other lead sentences: the first sentence with no rule hit that the detector
 * reads as an event. Returns the new hits (unclassified), or none.
 */
export function learnedFallback(text: string, sents: readonly Sentence[], hits: readonly Hit[], regionOf: RegionOf, res: IncidentResources): Hit[] {
  const withHit = new Set(hits.map((h) => h.sentence));
  for (const s of sents.slice(0, LEAD_SENTENCES)) {
    const region = regionOf(s.start);
    if (withHit.has(s.index) || !EVENT_REGIONS.has(region)) continue;
    const l = learnedHit(text.slice(s.start, s.end), s.start, res);
    if (l) return [newHit(s, region, l.kind, l.start, l.end, 'learned', l.reason, l)];
  }
  return [];
}

