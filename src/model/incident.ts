import type { DateValue, PlaceRef } from './doc.js';
import type { Span } from './span.js';

/**
 * An attested value: what a stage decided, the words that support it, how
 * sure it is, and why. Every field of an incident report is one of these, so a
 * reader can always get from a value back to the text.
 */
export interface Attested<T> {
  value: T;
  evidence: Span[];
  /** 0..1: the stage's confidence that the value is right for this incident. */
  confidence: number;
  stage: string;
  reason: string;
}

/** Our own incident kinds; every export type is derived from one of these. */
export type IncidentKind =
  | 'armed_assault'
  | 'bombing'
  | 'suicide_bombing'
  | 'missile_strike'
  | 'drone_strike'
  | 'air_strike'
  | 'shelling'
  | 'arson'
  | 'hostage_taking'
  | 'assassination'
  | 'armed_incursion'
  | 'riot'
  /** A demonstration or strike, peaceful or met with force (ACLED protests; GTD does not record them). */
  | 'protest'
  | 'arrest'
  | 'sabotage'
  | 'attack';

export interface IncidentType {
  kind: IncidentKind;
  acledEvent: string;
  acledSubEvent: string;
  ploverEvent: string;
  ploverMode: string;
  /** GTD attacktype1_txt, or null when GTD does not record this kind. */
  gtdAttackType: string | null;
  /** CASE 2021 / ACLED sub-event code from the event classifier (src/classify), e.g. "SUIC_BOMB". */
  acledSubEventCode?: string;
  /** The event classifier's label and probability for the anchor sentence. */
  classifier?: { label: string; score: number };
}

export interface Count {
  /** Best single figure: the lower bound of "at least 21", the number of "five". */
  value: number;
  qualifier: 'exact' | 'at_least' | 'at_most' | 'about' | 'vague';
  low: number | null;
  high: number | null;
  /** The words as written: "at least 144". */
  text: string;
}

export interface ActorValue {
  name: string;
  /** 'individual' for people and unnamed persons ("four captured terrorists"), 'group' for organisations. */
  kind: 'individual' | 'group' | 'state' | 'unknown';
  /** Nationality or origin when the text gives it ("from Tajikistan"). */
  origin: string | null;
}

export interface TargetValue {
  name: string;
  /** GTD targtype1_txt. */
  gtdTargetType: string;
}

/** People harmed: "16 policemen and five civilians", "a priest". */
export interface VictimValue {
  name: string;
}

export interface Location {
  /** Most specific place named for the incident. */
  place: PlaceRef;
  /** Relation to the place when the text qualifies it, e.g. "near". */
  relation: 'in' | 'near';
}

/**
 * One incident as one document reports it. A document yields one report per
 * incident it mentions; incidents across documents are clusters of reports.
 */
export interface IncidentReport {
  /** `${docId}:${index}` — stable for the same document content and pipeline version. */
  id: string;
  docId: string;
  index: number;
  /** The sentence that introduces the incident. */
  anchor: Span;
  /** True when the document only refers to the incident in passing. */
  inPassing: boolean;
  type: Attested<IncidentType>;
  date: Attested<DateValue>;
  locations: Attested<Location>[];
  perpetrators: Attested<ActorValue>[];
  targets: Attested<TargetValue>[];
  /** The people killed or hurt, as the text names them. */
  victims: Attested<VictimValue>[];
  /** GTD weapon types; each value's evidence is the words naming the weapon. */
  weapons: Attested<string>[];
  /** Deaths other than the attackers'. */
  killedVictims: Attested<Count> | null;
  /** Attackers killed. */
  killedPerpetrators: Attested<Count> | null;
  /** Every death, attackers included, when the text gives a total (or the sum of the two above). */
  killedTotal: Attested<Count> | null;
  injured: Attested<Count> | null;
  arrested: Attested<Count> | null;
  /** Named facilities where it happened ("Crocus City Hall"): distinctive names that tie reports together. */
  facilities: Attested<string>[];
  /** A short label made from the trigger and place, e.g. "attack — Crocus City Hall". */
  label: string;
}

/** Kind families: kinds in one family may describe the same incident (extraction groups by it, resolution merges by it). */
export function kindsCompatible(a: IncidentKind, b: IncidentKind): boolean {
  if (a === b) return true;
  const fam = (k: IncidentKind): string =>
    k === 'riot' || k === 'protest' ? 'riot' : k === 'arrest' ? 'arrest' : k === 'armed_incursion' ? 'incursion' : ['missile_strike', 'drone_strike', 'air_strike', 'shelling'].includes(k) ? 'strike' : 'attack';
  if (a === 'attack' || b === 'attack') return fam(a) !== 'riot' && fam(b) !== 'riot' && fam(a) !== 'arrest' && fam(b) !== 'arrest';
  return fam(a) === fam(b);
}
