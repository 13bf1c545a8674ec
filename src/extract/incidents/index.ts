import type { Annotations, Doc, IncidentReport, Region, RoleMention, Sentence } from '../../model/index.js';
import { findRoles } from '../../nlp/roles/index.js';
import { spanIndex } from '../../nlp/span-index.js';
import { classifyHit } from './classify.js';
import { NOTE_MAX_WORDS } from './constants.js';
import { placeDateline } from './dateline.js';
import { addFollowingSentences } from './follow.js';
import { groupHits } from './group.js';
import { ALL_HITS, findHits, learnedFallback, promoteLeadEvent, wordCount } from './hits.js';
import { buildReport, docFacts } from './report.js';
import { assignSegments } from './segments.js';
import type { Draft, Hit, IncidentResources, RegionOf } from './types.js';

/**
 * The incident stage, by step:
 *  1. hits.ts      trigger hits per sentence (the trigger rules of ../triggers.ts, run by src/nlp/scan.ts),
 *                  casualty reports, and the learned detector for a document the rules find nothing in;
 *  2. segments.ts  the stretch of text each hit owns; classify.ts, the hit rules that make a hit a specific
 *                  incident, a reference back, or neither (anchors.ts: what anchors a hit);
 *  3. group.ts     hits grouped into incidents (draft-index.ts finds the candidates);
 *  4. follow.ts    sentences after a mention that tell its casualties or perpetrators;
 *  5. report.ts    each incident's report, field by field (fields/).
 * Patterns live in patterns.ts, windows and confidences in constants.ts, date and place helpers in
 * calendar.ts and geo.ts.
 */
export { INCIDENT_STAGE } from './constants.js';

/**
 * Incident reports one document yields at most; the rest are left out, with a notice
 * (reportsLeftOut). Each report costs about 1.2 ms to resolve and save on the shared 2-core
 * machine, so a fuzzed 196 KB repetition of a sample that yielded 1 435 reports took 2.2 s (1.2 s
 * of it saving). A news report or statement tells a few incidents, a chronology a few hundred.
 */
export const MAX_REPORTS_PER_DOC = 500;

/** How many reports past MAX_REPORTS_PER_DOC a document's extraction left out, by its annotations. */
const LEFT_OUT = new WeakMap<Annotations, number>();
export function reportsLeftOut(ann: Annotations): number {
  return LEFT_OUT.get(ann) ?? 0;
}

/**
 * Find every incident the document reports, and fill each one's fields from
 * the words around its mentions. See docs/fields.md for how each is decided.
 * `res`: the gazetteer, models and actor lexicon, from the pipeline context.
 */
export function extractIncidents(doc: Doc, ann: Annotations, res: IncidentResources): IncidentExtraction {
  const text = doc.text;
  const sents = ann.sentences;
  const regions = spanIndex(doc.regions);
  const regionOf = (pos: number): Region['kind'] => regions.firstContaining(pos)?.kind ?? 'body';

  // 1. Trigger hits, sentence by sentence.
  let hits = findHits(text, sents, ann, regionOf, res);
  const dateline = placeDateline(doc, ann);
  classifyAll(text, sents, hits, ann, regionOf, dateline);

  // 2b. A note that tells no incident yet: its lead event, then the learned detector's reading of its
  // other lead sentences (hits.ts).
  const isNote = wordCount(text, NOTE_MAX_WORDS) <= NOTE_MAX_WORDS;
  if (isNote && !hits.some((h) => h.mode === 'specific')) promoteLeadEvent(text, sents, hits, res);
  if (isNote && !hits.some((h) => h.mode === 'specific')) {
    const extra = learnedFallback(text, sents, hits, regionOf, res);
    if (extra.length) {
      hits = [...hits, ...extra].sort((a, b) => a.start - b.start);
      classifyAll(text, sents, hits, ann, regionOf, dateline);
      promoteLeadEvent(text, sents, hits, res);
    }
  }

  // 3. Group hits into incidents, in document order; the first MAX_REPORTS_PER_DOC are kept.
  const grouped = groupHits(text, sents, ann, hits, dateline);
  const drafts = grouped.length > MAX_REPORTS_PER_DOC ? grouped.slice(0, MAX_REPORTS_PER_DOC) : grouped;
  LEFT_OUT.set(ann, grouped.length - drafts.length);

  // 4. Sentences without an incident word that report casualties or
  // perpetrators belong to the incident in focus ("Five suspected terrorists
  // were killed on the spot.").
  addFollowingSentences(text, sents, ann, hits, drafts, regionOf);

  // 5. Fill the fields; the role tagger reads only the sentences the incidents' clauses are in.
  ALL_HITS.set(ann, hits);
  const roles = rolesForDrafts(text, sents, drafts, res);
  const docWide = docFacts(doc, ann, drafts.length, res, spanIndex(roles));
  return { reports: drafts.map((d) => buildReport(doc, ann, d, docWide, res)), roles };
}

/** What the incident stage finds: the reports, and the role tagger's fillers it read them from. */
export interface IncidentExtraction {
  reports: IncidentReport[];
  /** The `roles` layer: the tagger's fillers in every sentence an incident's clauses touch, in text order. */
  roles: RoleMention[];
}

/**
 * The role tagger's fillers fill a report's fields only inside its clauses (role-fields.ts), and the
 * tagger reads one sentence at a time, so only the sentences the drafts' segments touch are tagged:
 * 5 % of MUC-4's train text, where tagging every sentence was a quarter of the pipeline's CPU (issue
 * 11). A document with no incident is not tagged at all.
 */
function rolesForDrafts(text: string, sents: readonly Sentence[], drafts: readonly Draft[], res: IncidentResources): RoleMention[] {
  if (!drafts.length) return [];
  const index = spanIndex(sents);
  const wanted = new Set<Sentence>();
  for (const d of drafts) for (const seg of d.segs) for (const s of index.overlapping(seg)) wanted.add(s);
  if (!wanted.size) return [];
  return findRoles(text, [...wanted].sort((a, b) => a.start - b.start), res.roleTagger);
}

/** Step 1b and 2: each hit's segment, then whether it is a specific incident, a reference back, or neither. */
function classifyAll(text: string, sents: readonly Sentence[], hits: Hit[], ann: Annotations, regionOf: RegionOf, dateline: ReturnType<typeof placeDateline>): void {
  for (const h of hits) h.exclude = [];
  assignSegments(text, sents, hits);
  for (const h of hits) classifyHit(text, sents[h.sentence]!, h, ann, regionOf, dateline);
}

export type { Draft as IncidentDraft, IncidentResources };
export type { Sentence };

/** The trigger hits of the last extraction over `ann`, with how each was classified; for debugging aids. */
export function debugHits(ann: Annotations): { rule: string; start: number; end: number; mode: string; why: string; incident: number | null }[] {
  return (ALL_HITS.get(ann) ?? []).map((h) => ({ rule: h.rule, start: h.start, end: h.end, mode: h.mode, why: h.why, incident: h.incident ? h.incident.index : null }));
}
