import type { IncidentKind } from '../model/index.js';

/**
 * Words that name an incident. Each rule: a pattern over the sentence text
 * (case-insensitive), the kind it names, whether the match is a noun (which
 * can be definite or plural: "the attacks") or a verb phrase ("was set on
 * fire"), and a reason. Order matters: the first rule that matches a stretch
 * of text claims it, so specific phrases ("missile attack") come before
 * general ones ("attack").
 */
export interface TriggerRule {
  name: string;
  pattern: RegExp;
  kind: IncidentKind;
  pos: 'noun' | 'verb';
  reason: string;
}

export const TRIGGER_RULES: TriggerRule[] = [
  // "the missile attack on the beach", "a missile strike", "rocket attacks"
  { name: 'missile', pattern: /\b(?:missile|rocket|ballistic|cruise missile)\s+(?:attacks?|strikes?)\b/gi, kind: 'missile_strike', pos: 'noun', reason: 'a missile or rocket attack is named' },
  { name: 'drone', pattern: /\bdrone\s+(?:attacks?|strikes?)\b/gi, kind: 'drone_strike', pos: 'noun', reason: 'a drone attack is named' },
  { name: 'airstrike', pattern: /\b(?:air\s?strikes?|air raids?|aerial bombardments?)\b/gi, kind: 'air_strike', pos: 'noun', reason: 'an air strike is named' },
  // "The strikes on Sevastopol beach": strikes only count with "on"/"against" (labour strikes don't).
  { name: 'strike-on', pattern: /\bstrikes?\s+(?=on\b|against\b)/gi, kind: 'missile_strike', pos: 'noun', reason: 'a strike on a place' },
  { name: 'shelling', pattern: /\b(?:shelling|artillery (?:fire|strikes?)|mortar (?:attacks?|fire))\b/gi, kind: 'shelling', pos: 'noun', reason: 'shelling is named' },
  { name: 'suicide-bombing', pattern: /\bsuicide\s+(?:bombings?|bombers?|attacks?|blasts?)\b/gi, kind: 'suicide_bombing', pos: 'noun', reason: 'a suicide attack is named' },
  { name: 'car-bombing', pattern: /\b(?:car|truck|lorry|vehicle)[- ]bomb(?:ings?|s)?\b/gi, kind: 'bombing', pos: 'noun', reason: 'a vehicle bomb is named' },
  { name: 'bombing', pattern: /\b(?:bombings?|bomb attacks?|bomb blasts?|explosions?|blasts?|bombed)\b/gi, kind: 'bombing', pos: 'noun', reason: 'a bombing or explosion is named' },
  { name: 'shooting', pattern: /\b(?:mass shootings?|shootings?|shooting attacks?|gun attacks?|opened fire|shooting spree)\b/gi, kind: 'armed_assault', pos: 'noun', reason: 'a shooting is named' },
  { name: 'arson-verb', pattern: /\b(?:was|were|had been|has been|have been)\s+(?:\w+ly\s+)?(?:set on fire|set alight|set ablaze|torched|burned down|firebombed)\b/gi, kind: 'arson', pos: 'verb', reason: 'something was set on fire' },
  { name: 'arson', pattern: /\b(?:arson(?: attacks?)?|set fire to|firebombing)\b/gi, kind: 'arson', pos: 'noun', reason: 'arson is named' },
  { name: 'hostage', pattern: /\b(?:hostage[- ]taking|took (?:\w+ )?hostages?|kidnappings?|abductions?|were kidnapped|was kidnapped)\b/gi, kind: 'hostage_taking', pos: 'noun', reason: 'a hostage-taking or kidnapping is named' },
  // "the 2004 school siege in Beslan": a hostage siege.
  { name: 'siege', pattern: /\b(?:school |hostage |theatre |theater |hospital )?sieges?\b/gi, kind: 'hostage_taking', pos: 'noun', reason: 'a hostage siege is named' },
  { name: 'assassination', pattern: /\bassassinat(?:ion|ed)\b/gi, kind: 'assassination', pos: 'noun', reason: 'an assassination is named' },
  { name: 'incursion', pattern: /\b(?:incursions?|cross-border raids?|armed raids?)\b/gi, kind: 'armed_incursion', pos: 'noun', reason: 'an armed incursion is named' },
  { name: 'riot', pattern: /\b(?:riots?|rioting|pogroms?|mob attacks?|stormed)\b/gi, kind: 'riot', pos: 'noun', reason: 'a riot is named' },
  { name: 'arrest-verb', pattern: /\b(?:was|were|has|have|had)\s+(?:\w+ly\s+|now\s+|also\s+|since\s+)?(?:been\s+)(?:\w+ly\s+|now\s+|also\s+)?(?:arrested|detained|taken into custody)\b|\b(?:was|were)\s+(?:\w+ly\s+)?(?:arrested|detained)\b/gi, kind: 'arrest', pos: 'verb', reason: 'someone was arrested' },
  { name: 'arrest', pattern: /\b(?:arrests?|detention) of\b/gi, kind: 'arrest', pos: 'noun', reason: 'an arrest is named' },
  { name: 'massacre', pattern: /\b(?:massacres?|slaughter|killing spree|rampage)\b/gi, kind: 'attack', pos: 'noun', reason: 'a massacre is named' },
  { name: 'sabotage', pattern: /\bsabotage\b/gi, kind: 'sabotage', pos: 'noun', reason: 'sabotage is named' },
  // The general word last: "terrorist attack", "the attacks", "attack on".
  { name: 'attack', pattern: /\b(?:(?:terrorist|terror|armed|militant|jihadist|gun|knife|deadly|barbaric)\s+)?attacks?\b(?!\s+(?:helicopters?|dogs?|ads?))/gi, kind: 'attack', pos: 'noun', reason: 'an attack is named' },
];

/** Nouns for the people who carry out an incident. */
export const PERPETRATOR_NOUNS =
  /\b(?:attackers?|terrorists?|gunm[ae]n|militants?|assailants?|perpetrators?|suspects?|bombers?|insurgents?|jihadists?|shooters?|hijackers?|kidnappers?|rioters?|extremists?|fighters?)\b/i;

/** Words before a trigger that make it hypothetical or future, not an event. */
export const IRREALIS_BEFORE = /\b(?:will|would|could|might|may|can|shall|should|must|threat(?:en(?:s|ed)?)? (?:of|to)|plans? (?:to|for)|prevent(?:ing)?|avoid|risk of|fear of|wants? to|aim(?:s|ed)? to|to)\s+(?:\w+\s+){0,2}$/i;

/** Verbs that, with an actor before them, make an indefinite trigger a real event: "forces launched an incursion". */
export const EVENT_VERBS = /\b(?:launched|carried out|staged|mounted|committed|perpetrated|conducted|unleashed|executed)\s+(?:an?|two|three|several)\s+(?:\w+\s+){0,2}$/i;

/** Kind families: kinds in one family may describe the same incident. */
export function kindsCompatible(a: IncidentKind, b: IncidentKind): boolean {
  if (a === b) return true;
  const fam = (k: IncidentKind): string =>
    k === 'riot' ? 'riot' : k === 'arrest' ? 'arrest' : k === 'armed_incursion' ? 'incursion' : ['missile_strike', 'drone_strike', 'air_strike', 'shelling'].includes(k) ? 'strike' : 'attack';
  if (a === 'attack' || b === 'attack') return fam(a) !== 'riot' && fam(b) !== 'riot' && fam(a) !== 'arrest' && fam(b) !== 'arrest';
  return fam(a) === fam(b);
}

/** When several kinds describe one incident, keep the most informative. */
export const KIND_PRIORITY: IncidentKind[] = [
  'suicide_bombing', 'missile_strike', 'drone_strike', 'air_strike', 'shelling', 'hostage_taking', 'assassination', 'bombing',
  'armed_assault', 'armed_incursion', 'arson', 'sabotage', 'riot', 'arrest', 'attack',
];
