import type { IncidentKind, Span } from '../../model/index.js';
import { classifyEvent, labelProbabilities, type RuleHit } from '../../classify/index.js';
import { detectEvent, eventDecision } from '../../classify/detector.js';
import type { LinearModel } from '../../learn/linear.js';
import { matchesOf } from '../../nlp/scan.js';
import type { IncidentResources } from './types.js';

/**
 * Sentences that report an event no trigger rule names: "Residents of Taloqan protested against
 * insecurity", "armed communal groups clashed at Longamani Forest". The event detector
 * (src/classify/detector.ts, trained on ACLED and GTD notes against political news) says whether
 * the sentence reports an event; the event classifier says which ACLED sub-event; this table says
 * which of our kinds carries it. The ACLED export takes the classifier's sub-event type itself
 * (export/acled.ts), so a kind here only needs the right family.
 */
export const LEARNED_KINDS: Readonly<Record<string, { kind: IncidentKind; reason: string }>> = {
  ARMED_CLASH: { kind: 'armed_incursion', reason: 'an armed clash (ACLED battles)' },
  GOV_REGAINS_TERIT: { kind: 'armed_incursion', reason: 'the government retook territory (ACLED battles)' },
  NON_STATE_ACTOR_OVERTAKES_TER: { kind: 'armed_incursion', reason: 'a non-state group took territory (ACLED battles)' },
  AIR_STRIKE: { kind: 'air_strike', reason: 'an air or drone strike' },
  ART_MISS_ATTACK: { kind: 'shelling', reason: 'shelling, artillery or missiles' },
  SUIC_BOMB: { kind: 'suicide_bombing', reason: 'a suicide bombing' },
  REM_EXPLOS: { kind: 'bombing', reason: 'a remote explosive, landmine or IED' },
  GRENADE: { kind: 'bombing', reason: 'a grenade' },
  CHEM_WEAP: { kind: 'bombing', reason: 'a chemical weapon' },
  ATTACK: { kind: 'attack', reason: 'an attack on civilians' },
  SEX_VIOL: { kind: 'attack', reason: 'sexual violence' },
  ABDUCT_DISSAP: { kind: 'hostage_taking', reason: 'an abduction or disappearance' },
  PEACE_PROTEST: { kind: 'protest', reason: 'a peaceful protest or strike' },
  PROTEST_WITH_INTER: { kind: 'protest', reason: 'a protest met with intervention' },
  FORCE_AGAINST_PROTEST: { kind: 'protest', reason: 'force against protesters' },
  VIOL_DEMONSTR: { kind: 'riot', reason: 'a violent demonstration' },
  MOB_VIOL: { kind: 'riot', reason: 'mob violence' },
  ARREST: { kind: 'arrest', reason: 'arrests' },
  PROPERTY_DISTRUCT: { kind: 'arson', reason: 'looting or property destruction' },
  // Strategic developments with no kind of their own ride on 'arrest': the same ACLED family, and out of GTD's scope.
  AGREEMENT: { kind: 'arrest', reason: 'an agreement (a strategic development)' },
  CHANGE_TO_GROUP_ACT: { kind: 'arrest', reason: 'a change to a group (a strategic development)' },
  DISR_WEAP: { kind: 'arrest', reason: 'disrupted weapons use (a strategic development)' },
  HQ_ESTABLISHED: { kind: 'arrest', reason: 'a base established (a strategic development)' },
  NON_VIOL_TERRIT_TRANSFER: { kind: 'arrest', reason: 'territory handed over (a strategic development)' },
};

/** The word the pseudo-trigger sits on: a past-tense or -ing verb, where the event is told. */
const EVENT_VERB = /\b[a-z]{3,}(?:ed|ing)\b/g;
/** "to" right before a word: that word is an infinitive's or a preposition's object, not the event's verb. */
const TO_BEFORE = /\bto\s+$/i;

/** The first event verb of a sentence that does not follow "to". */
function firstEventVerb(sentence: string): RegExpExecArray | null {
  for (const m of matchesOf(sentence, EVENT_VERB)) if (!TO_BEFORE.test(sentence.slice(0, m.index))) return m;
  return null;
}

export interface LearnedHit extends Span {
  kind: IncidentKind;
  reason: string;
  /** The event classifier's probability for its label. */
  labelScore: number;
  /** The event detector's probability that the sentence reports an event. */
  eventScore: number;
}

/**
 * The classifier's reading of a sentence the detector calls an event, restricted to the labels that make
 * an incident: its own label when that is one (LEARNED_KINDS), else the likeliest that is. The classifier
 * also knows labels outside ACLED's scope (organised crime, man-made disasters); "residents severely
 * assaulted two suspected motorbike thieves" reads as crime at 0.10, and as mob violence next.
 */
function inScopeClass(sentence: string, model: LinearModel | null): { label: string; score: number; hits: RuleHit[] } | null {
  const cls = classifyEvent(sentence, model);
  if (!cls) return null;
  if (LEARNED_KINDS[cls.label]) return cls;
  if (!model) return null;
  const { p } = labelProbabilities(sentence, model);
  let best = -1;
  for (let i = 0; i < p.length; i++) if (LEARNED_KINDS[model.labels[i]!] && (best < 0 || p[i]! > p[best]!)) best = i;
  if (best < 0 || p[best]! < IN_SCOPE_FALLBACK_MIN) return null;
  return { label: model.labels[best]!, score: Math.round(p[best]! * 1000) / 1000, hits: cls.hits };
}

/**
 * How sure the classifier must be of the in-scope label it ranks below an out-of-scope one: "floods
 * displaced 5,000 residents" ranks an attack at 0.06 and "police seized 2 tonnes of cannabis" a weapons
 * seizure at 0.07 (no events of ours); "residents severely assaulted two suspected thieves" ranks mob
 * violence at 0.31.
 */
const IN_SCOPE_FALLBACK_MIN = 0.2;

/** An incident the learned models find in a sentence that no trigger rule matched, or null. */
export function learnedHit(sentence: string, offset: number, res: IncidentResources): LearnedHit | null {
  // The decision first: the reason is written only for a sentence that is an event.
  if (!eventDecision(sentence, res.detector).isEvent) return null;
  const det = detectEvent(sentence, res.detector);
  const cls = inScopeClass(sentence, res.eventModel);
  const entry = cls ? LEARNED_KINDS[cls.label] : undefined;
  if (!cls || !entry) return null;
  // The word the classifier's own keyword rule fired on ("attacked", "protest"), one agreeing with its label
  // first, never an infinitive ("took to the streets to protest" sits on "took to the streets"); else the first past-tense or -ing verb that is no infinitive's ("in reaction to devastated
  // farmland, farmers attacked …" sits on "attacked", not on "devastated").
  const free = cls.hits.filter((h) => !TO_BEFORE.test(sentence.slice(0, h.start)));
  const own = free.find((h) => h.rule.label === cls.label);
  const v = own ? null : firstEventVerb(sentence);
  const kw = own ?? (v ? undefined : free[0]);
  const at = kw ? kw.start : v ? v.index : 0;
  const len = kw ? kw.end - kw.start : v ? v[0].length : sentence.length;
  const start = offset + at;
  const end = start + len;
  return { kind: entry.kind, start, end, labelScore: cls.score, eventScore: det.score, reason: `event detector (${det.reason}); classifier ${cls.label} (p=${cls.score}): ${entry.reason}` };
}
