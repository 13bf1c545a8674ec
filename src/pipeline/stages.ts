import { findRelations, RELATION_STAGE, type Relation } from '../extract/relations/index.js';
import type { Annotations, Doc, IncidentReport, LayerName } from '../model/index.js';
import { splitSentences, SENTENCE_STAGE } from '../nlp/sentences.js';
import { findMentions, MENTION_STAGE } from '../nlp/mentions.js';
import { findDates, DATE_STAGE } from '../nlp/dates.js';
import { findQuantities, QUANTITY_STAGE } from '../nlp/quantities.js';
import { resolvePlaces, PLACE_STAGE } from '../nlp/gazetteer/index.js';
import { extractIncidents, INCIDENT_STAGE, MAX_REPORTS_PER_DOC, reportsLeftOut } from '../extract/incidents/index.js';
import { findClaims, CLAIM_STAGE } from '../extract/claims/index.js';
import type { Claim, Quote } from '../model/claim.js';
import { findPlacements, FACILITY_PLACE_STAGE, type Placement } from '../resolve/facility-places.js';
import { defaultContext, type PipelineContext, type ResourceName } from './context.js';
import { classifyState, EVENT_CLASS_STAGE } from './event-class.js';

export interface PipelineState {
  doc: Doc;
  ann: Annotations;
  incidents: IncidentReport[];
  /** Statements attributed to a source, and direct quotations (src/extract/claims). */
  claims: Claim[];
  quotes: Quote[];
  /** Relations the text states between entities ("X, a local official from the Y party"). */
  relations: Relation[];
  /** Where the document says a named facility is ("Crocus City Hall in Krasnogorsk"), for placing other reports (src/resolve/facility-places.ts). */
  placements: Placement[];
  /** The document's ACLED sub-event class (CASE 2021 codes), set by the event-class stage. */
  eventClass?: { label: string; score: number; reason: string };
  /** What the pipeline left out of a document too large for it in full (MAX_REPORTS_PER_DOC); absent when nothing. */
  notices?: string[];
}

/** A layer of the state a stage may read or write: an annotation layer, or one of the state's own results. */
export type StageLayer = LayerName | 'claims' | 'quotes' | 'relations' | 'placements' | 'eventClass';

/**
 * A stage declares what it needs (the layers it reads), what it adds (the layers it writes, new or
 * changed in place), like a spaCy component, and what it uses (the context's resources it reads: their
 * data files make PIPELINE_VERSION). stage-contract.test.ts fails when a declaration lies.
 */
export interface Stage {
  name: string;
  needs: StageLayer[];
  adds: StageLayer[];
  uses: ResourceName[];
  run(state: PipelineState, ctx: PipelineContext): void;
}

/**
 * The stage order, in one place. Each comment says why a stage sits where it does.
 */
export const STAGES: Stage[] = [
  // Sentences first: every later stage works sentence by sentence.
  { name: SENTENCE_STAGE, needs: [], adds: ['sentences'], uses: [], run: (s) => { s.ann.sentences = splitSentences(s.doc); } },
  // Dates before quantities: the quantity finder skips numbers inside the dates this stage found ("June 23").
  { name: DATE_STAGE, needs: [], adds: ['dates'], uses: [], run: (s) => { s.ann.dates = findDates(s.doc.text, s.doc.meta.published); } },
  { name: QUANTITY_STAGE, needs: ['dates'], adds: ['quantities'], uses: [], run: (s) => { s.ann.quantities = findQuantities(s.doc.text, s.ann.dates); } },
  // Mentions need sentences: a capitalised first word is judged by its position. The context is handed
  // down whole: the place tagger's model is read only when a document has a run to decide.
  { name: MENTION_STAGE, needs: ['sentences'], adds: ['mentions'], uses: ['gazetteer', 'placeTagger'], run: (s, ctx) => { s.ann.mentions = findMentions(s.doc.text, s.ann.sentences, ctx); } },
  // Places resolve after all mentions are known: the reading must fit the whole document. It sets each place mention's place in place.
  { name: PLACE_STAGE, needs: ['mentions'], adds: ['mentions'], uses: ['gazetteer', 'placeWeights'], run: (s, ctx) => {
    resolvePlaces(s.ann.mentions, { gazetteer: ctx.gazetteer, weights: ctx.placeWeights, recorder: ctx.options.placeRecorder ?? null });
  } },
  // Placements after places: a facility is placed by the resolved city named right after it.
  { name: FACILITY_PLACE_STAGE, needs: ['mentions'], adds: ['placements'], uses: ['gazetteer'], run: (s, ctx) => { s.placements = findPlacements(s.doc, s.ann, ctx.gazetteer); } },
  // Incidents after every annotation layer: they read them all. The context is handed down whole: the
  // event detector and classifier are read only when a document needs them. The role tagger runs inside
  // this stage, on the sentences the incidents' clauses are in, once they are known: its fillers fill
  // only those clauses' fields, and tagging every sentence first cost a quarter of the pipeline (issue 11).
  { name: INCIDENT_STAGE, needs: ['sentences', 'mentions', 'dates', 'quantities'], adds: ['incidents', 'roles'], uses: ['gazetteer', 'detector', 'eventModel', 'actors', 'roleTagger'], run: (s, ctx) => {
    const found = extractIncidents(s.doc, s.ann, ctx);
    s.incidents = found.reports;
    s.ann.roles = found.roles;
    const left = reportsLeftOut(s.ann);
    if (left) s.notices = [`${MAX_REPORTS_PER_DOC + left} incident reports found: the first ${MAX_REPORTS_PER_DOC} kept`];
  } },
  // Event class after incidents: it labels the document and each incident's anchor sentence (on the incident itself).
  { name: EVENT_CLASS_STAGE, needs: ['incidents'], adds: ['eventClass', 'incidents'], uses: ['eventModel'], run: (s, ctx) => { classifyState(s, ctx.eventModel); } },
  // Relations after mentions and places: both ends must be typed mentions.
  { name: RELATION_STAGE, needs: ['sentences', 'mentions'], adds: ['relations'], uses: [], run: (s) => { s.relations = findRelations(s.doc.text, s.ann.sentences, s.ann.mentions); } },
  // Claims after incidents: a claim points at the incident reports its content concerns, and never changes them.
  { name: CLAIM_STAGE, needs: ['sentences', 'mentions', 'dates', 'incidents'], adds: ['claims', 'quotes'], uses: ['attribution'], run: (s, ctx) => {
    const r = findClaims(s.doc, s.ann, s.incidents, ctx.attribution);
    s.claims = r.claims;
    s.quotes = r.quotes;
  } },
];

/**
 * Bump when a stage's code changes what the pipeline produces (a new rule, a fixed bug). PIPELINE_VERSION
 * (version.ts) is derived from it, the data files the stages' resources are read from, and the stage
 * names; pipeline-version.test.ts fails when the output changes and it does not.
 * 2: intake decodes Cyrillic and UTF-16 legacy encodings, keeps metadata as text, names languages, and a
 *    language the rules do not read is stored without extraction (issue 13): stored documents of
 *    revision 1 differ, so `dossier reprocess` takes them.
 * 3: the `roles` layer holds the role tagger's fillers in the sentences the incidents' clauses are in,
 *    not in every sentence (issue 11): the reports are the same, the stored layer is smaller.
 */
export const OUTPUT_REVISION = 3;

/** An empty state for a document: every layer empty. */
export function newState(doc: Doc): PipelineState {
  return { doc, ann: { sentences: [], mentions: [], dates: [], quantities: [], roles: [] }, incidents: [], claims: [], quotes: [], relations: [], placements: [] };
}

/** Stages whose needs no earlier stage adds, as messages (empty when the order is sound). */
export function orderErrors(stages: readonly Stage[]): string[] {
  const have = new Set<StageLayer>();
  const errs: string[] = [];
  for (const s of stages) {
    for (const n of s.needs) if (!have.has(n)) errs.push(`${s.name} needs ${n}, which no earlier stage adds`);
    for (const a of s.adds) have.add(a);
  }
  return errs;
}

/**
 * Runs the stages over a document with the context's resources. Before running, it checks that each
 * stage's needs are added by a stage before it (cheap: a few set look-ups per stage); the test-time
 * trace (contract.ts) checks that the declarations are true.
 */
export function runPipeline(doc: Doc, ctx: PipelineContext = defaultContext(), stages: readonly Stage[] = STAGES): PipelineState {
  const errs = orderErrors(stages);
  if (errs.length) throw new Error(`pipeline misconfigured: ${errs.join('; ')}`);
  const state = newState(doc);
  for (const stage of stages) stage.run(state, ctx);
  return state;
}
