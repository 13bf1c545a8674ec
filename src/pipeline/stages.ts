import { findRelations, RELATION_STAGE, type Relation } from '../extract/relations/index.js';
import type { Annotations, Doc, IncidentReport, LayerName } from '../model/index.js';
import { splitSentences, SENTENCE_STAGE } from '../nlp/sentences.js';
import { findMentions, MENTION_STAGE } from '../nlp/mentions.js';
import { findRoles, ROLE_STAGE } from '../nlp/roles/index.js';
import { findDates, DATE_STAGE } from '../nlp/dates.js';
import { findQuantities, QUANTITY_STAGE } from '../nlp/quantities.js';
import { resolvePlaces, PLACE_STAGE } from '../nlp/gazetteer/index.js';
import { extractIncidents, INCIDENT_STAGE } from '../extract/incidents/index.js';
import { classifyState, EVENT_CLASS_STAGE } from '../classify/stage.js';
import { findClaims, CLAIM_STAGE } from '../extract/claims/index.js';
import type { Claim, Quote } from '../model/claim.js';

export interface PipelineState {
  doc: Doc;
  ann: Annotations;
  incidents: IncidentReport[];
  /** Statements attributed to a source, and direct quotations (src/extract/claims). */
  claims: Claim[];
  quotes: Quote[];
  /** Relations the text states between entities ("X, a local official from the Y party"). */
  relations: Relation[];
  /** The document's ACLED sub-event class (CASE 2021 codes), set by the event-class stage. */
  eventClass?: { label: string; score: number; reason: string };
}

/** A layer of the state a stage may read or write: an annotation layer, or one of the state's own results. */
export type StageLayer = LayerName | 'claims' | 'quotes' | 'relations' | 'eventClass';

/**
 * A stage declares what it needs (the layers it reads) and what it adds (the layers it writes, new or
 * changed in place), like a spaCy component. stage-contract.test.ts fails when a declaration lies.
 */
export interface Stage {
  name: string;
  needs: StageLayer[];
  adds: StageLayer[];
  run(state: PipelineState): void;
}

/**
 * The stage order, in one place. Each comment says why a stage sits where it does.
 */
export const STAGES: Stage[] = [
  // Sentences first: every later stage works sentence by sentence.
  { name: SENTENCE_STAGE, needs: [], adds: ['sentences'], run: (s) => { s.ann.sentences = splitSentences(s.doc); } },
  // Dates before quantities: the quantity finder skips numbers inside the dates this stage found ("June 23").
  { name: DATE_STAGE, needs: [], adds: ['dates'], run: (s) => { s.ann.dates = findDates(s.doc.text, s.doc.meta.published); } },
  { name: QUANTITY_STAGE, needs: ['dates'], adds: ['quantities'], run: (s) => { s.ann.quantities = findQuantities(s.doc.text, s.ann.dates); } },
  // Mentions need sentences: a capitalised first word is judged by its position.
  { name: MENTION_STAGE, needs: ['sentences'], adds: ['mentions'], run: (s) => { s.ann.mentions = findMentions(s.doc.text, s.ann.sentences); } },
  // Roles after mentions, before incidents: the tagger needs only sentences, and the incident stage merges its spans into each incident's fields.
  { name: ROLE_STAGE, needs: ['sentences'], adds: ['roles'], run: (s) => { s.ann.roles = findRoles(s.doc.text, s.ann.sentences); } },
  // Places resolve after all mentions are known: the reading must fit the whole document. It sets each place mention's place in place.
  { name: PLACE_STAGE, needs: ['mentions'], adds: ['mentions'], run: (s) => { resolvePlaces(s.ann.mentions); } },
  // Incidents after every annotation layer: they read them all.
  { name: INCIDENT_STAGE, needs: ['sentences', 'mentions', 'dates', 'quantities', 'roles'], adds: ['incidents'], run: (s) => { s.incidents = extractIncidents(s.doc, s.ann); } },
  // Event class after incidents: it labels the document and each incident's anchor sentence (on the incident itself).
  { name: EVENT_CLASS_STAGE, needs: ['incidents'], adds: ['eventClass', 'incidents'], run: (s) => { classifyState(s); } },
  // Relations after mentions and places: both ends must be typed mentions.
  { name: RELATION_STAGE, needs: ['sentences', 'mentions'], adds: ['relations'], run: (s) => { s.relations = findRelations(s.doc.text, s.ann.sentences, s.ann.mentions); } },
  // Claims after incidents: a claim points at the incident reports its content concerns, and never changes them.
  { name: CLAIM_STAGE, needs: ['sentences', 'mentions', 'dates', 'incidents'], adds: ['claims', 'quotes'], run: (s) => { const r = findClaims(s.doc, s.ann, s.incidents); s.claims = r.claims; s.quotes = r.quotes; } },
];

/** Bump when a stage changes what it produces; stored reports record it. */
export const PIPELINE_VERSION = 1;

/** An empty state for a document: every layer empty. */
export function newState(doc: Doc): PipelineState {
  return { doc, ann: { sentences: [], mentions: [], dates: [], quantities: [], roles: [] }, incidents: [], claims: [], quotes: [], relations: [] };
}

export function runPipeline(doc: Doc): PipelineState {
  const state = newState(doc);
  const have = new Set<StageLayer>();
  for (const stage of STAGES) {
    for (const n of stage.needs) if (!have.has(n)) throw new Error(`pipeline misconfigured: ${stage.name} needs ${n}`);
    stage.run(state);
    for (const a of stage.adds) have.add(a);
  }
  return state;
}
