import type { LinearModel } from '../../learn/linear.js';
import type { SequenceTagger } from '../../learn/perceptron.js';
import type { Attested, DateMention, DateValue, IncidentKind, Location, Mention, Region, RoleMention, Span } from '../../model/index.js';
import type { SpanIndex } from '../../nlp/span-index.js';
import type { Gazetteer } from '../../nlp/gazetteer/index.js';
import type { ActorLexicon } from '../../resolve/actors.js';
import { INCIDENT_STAGE } from './constants.js';
import type { PlaceCounts } from './fields/places.js';

/**
 * What the incident stage reads besides the document, from the pipeline context (src/pipeline/context.ts):
 * the stage hands the context itself, whose resources load on first use, so a model no document needs is
 * never read.
 */
export interface IncidentResources {
  readonly gazetteer: Gazetteer;
  /** The event detector (models/event-detector.json); null without one. */
  readonly detector: LinearModel | null;
  /** The event classifier (models/events.json); null without one. */
  readonly eventModel: LinearModel | null;
  /** ACLED's actors (data/lexicons/actors.json): the country a named group says. */
  readonly actors: ActorLexicon;
  /** The role tagger (models/roles.json); null without one. Read only when a document has an incident. */
  readonly roleTagger: SequenceTagger | null;
}

/** One incident word (a trigger) and what the stages decide about it. */
export interface Hit {
  kind: IncidentKind;
  start: number;
  end: number;
  sentence: number;
  rule: string;
  reason: string;
  /** Set by classification. */
  mode: 'specific' | 'anaphoric' | 'skip';
  why: string;
  /** The text stretch whose fields belong to this hit. */
  seg: Span;
  inTitle: boolean;
  /** "the attack", "these incursions": a reference back rather than a new mention. */
  definite: boolean;
  /** Appositives inside the segment that belong to other hits. */
  exclude: Span[];
  incident?: Draft;
  /** A learned hit's event-classifier probability for its label, and the detector's for an event. */
  labelScore?: number;
  eventScore?: number;
}

/** An incident being assembled from the hits that tell it. */
export interface Draft {
  index: number;
  kinds: { kind: IncidentKind; span: Span; reason: string }[];
  anchor: Span;
  hits: Hit[];
  /** Sentences (with the segment of each) whose words describe this incident. */
  segs: Span[];
  dates: { m: DateMention; seg: Span }[];
  places: Mention[];
  facilities: Mention[];
  namedTargets: Mention[];
  arrestee?: Mention;
  inPassing: boolean;
}

/** What a hit's own words name: the anchors by which it is joined to an incident, or kept apart. */
export interface Signature {
  dates: DateMention[];
  places: Mention[];
  facilities: Mention[];
  named: Mention[];
}

/** The anchors a draft's clash and join tests read: dates by value, places by their gazetteer entry, facilities by key. */
export interface AnchorValues {
  dates: readonly { value: DateValue }[];
  places: readonly Pick<Mention, 'place'>[];
  facilities: readonly Pick<Mention, 'key'>[];
}

/**
 * All that joining a new specific mention to an earlier draft reads of the
 * mention (`sameIncident` and DraftIndex's buckets): nothing of its offsets
 * or words. Two mentions with equal views get the same answer from a draft
 * that has not changed between them, which lets DraftIndex remember which
 * drafts a view failed to join.
 */
export interface MentionView extends AnchorValues {
  kind: IncidentKind;
  inTitle: boolean;
  definite: boolean;
}

/** What anchors a hit in time, place or target, as classification reads it. */
export interface Anchors {
  strong: boolean;
  what: string[];
  person: Mention | null;
  pronounPerson: boolean;
}

/** A place dateline opening the body ("ORLANDO, Fla. —", "BARCELONA, Spain (Wire) —") and the end of its paragraph. */
export interface PlaceDateline {
  mention: Mention;
  paraEnd: number;
}

/** The kind of region a document position lies in (title, body, byline …). */
export type RegionOf = (pos: number) => Region['kind'];

/**
 * What every report of a document reads the same way, found once per
 * document rather than once per report (each is a search of the whole
 * document, and long documents have thousands of reports).
 */
export interface DocFacts {
  /** Start of the first body region, and the end of its first paragraph (-1: the body is one paragraph). */
  bodyStart: number;
  leadEnd: number;
  /** A date opening the body as a dateline, with the end of its paragraph (-1: none). */
  dateline: { date: DateMention; paraEnd: number } | null;
  places: PlaceCounts;
  /** The document's country, for a report whose clause names no place (document-country.ts). */
  country: Attested<Location> | null;
  /** How many incidents the document reports: a note that tells one is classified whole. */
  reportCount: number;
  /** The role tagger's fillers in the sentences the incidents' clauses are in (rolesForDrafts). */
  roles: SpanIndex<RoleMention>;
}

/** A value with its evidence, confidence and reason, attested by this stage. */
export function attested<T>(value: T, evidence: Span[], confidence: number, reason: string): Attested<T> {
  return { value, evidence, confidence, stage: INCIDENT_STAGE, reason };
}
