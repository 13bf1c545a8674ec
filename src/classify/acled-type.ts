import { classifyAcled } from './events.js';
import type { LinearModel } from '../learn/linear.js';

/**
 * ACLED's event type and sub-event type for one report, decided once and carried by the report
 * (extract/incidents/report.ts) so that `show`, JSONL and every export agree: the event classifier's
 * when it is sure, else the incident kind's mapping; an attack on forces or fighters is a battle.
 */

/**
 * The event classifier's ACLED sub-event type (src/classify, trained on ACLED notes) replaces the one
 * our incident kind maps to when it is at least this sure: it knows ACLED's whole scope (protests,
 * clashes, strategic developments), the kinds do not. Chosen on ACLED train notes (docs/eval-acled.md).
 */
export const CLASSIFIER_MIN_SCORE = 0.3;

/** The kind's own mapping, the fallback: what src/extract/incident-types.ts maps the incident kind to. */
export interface KindAcledType {
  kind: string;
  acledEvent: string;
  acledSubEvent: string;
}

/** ACLED event type and sub-event type for the text of a report: the classifier's (`model`) when sure enough, else the kind's. */
export function acledTypeFor(kind: KindAcledType, sentence: string, model: LinearModel | null): { event: string; subEvent: string; reason: string } {
  const t = kind;
  const c = sentence ? classifyAcled(sentence, model) : null;
  const base = c && c.score >= CLASSIFIER_MIN_SCORE
    ? { event: c.eventType, subEvent: c.subEventType, reason: `event classifier: ${c.code} (p=${c.score})` }
    : { event: t.acledEvent, subEvent: t.acledSubEvent, reason: `incident kind ${t.kind}` };
  if (base.event === 'Protests' && RIOT_CUES.test(sentence)) {
    return { event: 'Riots', subEvent: 'Violent demonstration', reason: `${base.reason}; the demonstrators did violence (${RIOT_CUES.exec(sentence)![0]}): ACLED codes a riot` };
  }
  if (base.event === 'Violence against civilians' && base.subEvent === 'Attack' && attacksArmedSide(sentence)) {
    return { event: 'Battles', subEvent: 'Armed clash', reason: `${base.reason}; ACLED codes violence against armed forces or fighters as a battle, not violence against civilians` };
  }
  return base;
}

/**
 * Armed people on the receiving end of the violence: the object of an attack verb, or the subject of a
 * passive one ("attacked a police checkpoint", "ambushed an army patrol", "three soldiers were killed").
 * ACLED's codebook keeps violence against civilians for unarmed victims; an attack on forces or fighters
 * is a battle. On ACLED train, of the notes we read as attacks on civilians that this matches, 145 are
 * coded Battles and 54 Violence against civilians.
 */
/** The militants' alternative of ARMED_SIDE, with the name that may precede them. */
const NAMED_MILITANTS = '(?:[A-Z][\\w-]+ )?militants';
const ARMED_SIDE = `(?:police(?:men| officers?| posts?| stations?| patrols?| checkpoints?)?|policem[ae]n|policewom[ae]n|soldiers?|servicem[ae]n|troops|army (?:posts?|patrols?|bases?|convoys?|positions?)|military (?:posts?|patrols?|bases?|convoys?|positions?|personnel|vehicles?)|gendarmes?|gendarmerie|checkpoints?|security (?:forces|posts?|personnel|guards?)|forest guards?|rangers?|commandos?|militiam[ae]n|${NAMED_MILITANTS}|fighters|insurgents|rebels|VDPs?|koglweogos?|dozos?|vigilantes?)`;
const ARMED_OBJECT = new RegExp(`\\b(?:attack(?:ed|s)?|ambush(?:ed|es)?|raid(?:ed|s)?|kill(?:ed|s)?|shot(?: dead)?|fired (?:up)?on|opened fire on|assault(?:ed|s)?|clash(?:ed|es)? with|engaged)\\s+(?:an?\\s+|the\\s+|two\\s+|three\\s+|\\d+\\s+|several\\s+|a group of\\s+)?(?:[\\w-]+\\s+){0,2}?${ARMED_SIDE}\\b`);
/**
 * The subject of a passive verb, for test() only: whether a match exists. The name before "militants"
 * is left out, as it cannot change that ("Al-Shabaab militants were killed" matches at "militants" too,
 * after its space), and it made the pattern quadratic (issue 13: a start at every capital of a
 * hyphenated run, each read to the run's end). ARMED_OBJECT keeps it: there it counts among the words.
 */
export const ARMED_PASSIVE = new RegExp(`\\b${ARMED_SIDE.replace(NAMED_MILITANTS, 'militants')}\\s+(?:were|was|are|is)\\s+(?:\\w+ly\\s+)?(?:killed|attacked|ambushed|wounded|injured|shot)\\b`);

function attacksArmedSide(text: string): boolean {
  return ARMED_OBJECT.test(text) || ARMED_PASSIVE.test(text);
}

/**
 * A report this short is one event's whole account (a coder's note, a brief): the classifier reads all
 * of it, as it was trained on whole notes. "A group of farmers attacked a Fulani camp in Bouka. Three
 * were injured." is an attack, which its anchor sentence alone ("Three were injured.") does not say.
 * A longer document tells several things, and only the report's anchor sentence is its event.
 */
export const WHOLE_NOTE_MAX_WORDS = 160;

/**
 * The text the event classifier reads for a report anchored at `anchor`: the whole note when the
 * document is a note that tells this one incident, else the anchor sentence ("Two days later, a drone
 * strike in Kabul killed ten" is a drone strike even in a note about a suicide bombing).
 */
export function classifiedText(text: string, anchor: { start: number; end: number }, onlyReport: boolean): string {
  return onlyReport && isNote(text) ? text.trim() : text.slice(anchor.start, anchor.end);
}

/**
 * Whether a text is a note (at most WHOLE_NOTE_MAX_WORDS words). Counting stops past the limit, and the
 * last answer is kept: a long document's thousand reports must not each count its words (that made
 * extraction quadratic in the document's length).
 */
function isNote(text: string): boolean {
  if (text === lastText) return lastIsNote;
  let n = 0;
  WORD.lastIndex = 0;
  while (WORD.exec(text) !== null && n <= WHOLE_NOTE_MAX_WORDS) n++;
  WORD.lastIndex = 0;
  lastText = text;
  lastIsNote = n <= WHOLE_NOTE_MAX_WORDS;
  return lastIsNote;
}
const WORD = /\S+/g;
let lastText = '';
let lastIsNote = false;

/**
 * Words of a demonstration turned violent: stones thrown, things burnt, looted or smashed, barricades,
 * clashes, lynching. ACLED codes such an event a riot, with Rioters as its actor (resolve/actors.ts reads
 * the same list); each word is a riot in at least 0.93 of ACLED train's protest and riot notes it occurs in.
 */
export const RIOT_CUES = /\b(?:riot(?:s|ed|ers?|ing|ous)?(?![\s-]*(?:police|gear|squad|control|unit))|mobs?|clash(?:ed|es)?|stoned|stoning|(?:threw|throwing|hurled|hurling)\s+stones|pelt(?:ed|ing)|burn(?:t|ed|ing)|torch(?:ed|ing)|set (?:ablaze|fire)|loot(?:ed|ing|ers)?|destroy(?:ed|ing)|vandali[sz](?:ed|ing|m)|smash(?:ed|ing)|shatter(?:ed|ing)|barricad(?:e|es|ed|ing)|lynch(?:ed|ing)?|rampage|tyres|tires|damag(?:e|ed|ing))\b/i;

