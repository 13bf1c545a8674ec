import type { Quantity } from '../model/index.js';
import { PERPETRATOR_NOUNS } from './triggers.js';
import { firstAtLeast } from '../nlp/bisect.js';
import { scan, type Scanned } from '../nlp/scan.js';

export type CasualtyField = 'killed' | 'injured' | 'arrested';

export interface CasualtyFact {
  field: CasualtyField;
  /** Whose casualties: the attackers' own, or everyone else's. */
  who: 'victims' | 'perpetrators';
  quantity: Quantity;
  /** Span of the whole phrase ("killed at least 144 people"). */
  start: number;
  end: number;
  reason: string;
  /** True for a breakdown of a total given elsewhere ("among those killed were 16 policemen"). */
  breakdown: boolean;
}

/** Verbs and nouns that say what happened to the people counted. Word → field. */
const CASUALTY_WORDS: Record<string, CasualtyField> = {
  killed: 'killed', dead: 'killed', died: 'killed', killing: 'killed', kills: 'killed', deaths: 'killed', slain: 'killed',
  'shot dead': 'killed', lives: 'killed', fatalities: 'killed', perished: 'killed', massacred: 'killed', murdered: 'killed',
  injured: 'injured', wounded: 'injured', hurt: 'injured', injuring: 'injured', wounding: 'injured', injuries: 'injured',
  hospitalized: 'injured', hospitalised: 'injured', assassinated: 'killed', 'shot and killed': 'killed',
  lynched: 'killed', executed: 'killed', beheaded: 'killed', 'gunned down': 'killed', 'stoned to death': 'killed', 'beaten to death': 'killed',
  'hacked to death': 'killed', 'burnt to death': 'killed', 'burned to death': 'killed', 'stabbed to death': 'killed', slaughtered: 'killed', butchered: 'killed',
  arrested: 'arrested', detained: 'arrested', captured: 'arrested', apprehended: 'arrested', 'taken into custody': 'arrested',
};

// Examples: "killed at least 144 people", "took the lives of at least 145 people",
// "injured nearly 700", "leaving five dead", "assassinated two sailors" (verb before the number).
const VERB_BEFORE =
  /\b(killed|killing|kills|kill|assassinated|murdered|shot and killed|shot dead|shoot dead|shoots dead|gunned down|gun down|guns down|lynched|lynch|executed|beheaded|massacred|slaughtered|butchered|injured|injuring|wounded|wounding|hurt|took the lives of|claimed the lives of|death toll (?:rose to|rises to|has risen to|reached|reaches|climbed to|stood at|of|is|was|at)|toll (?:rose to|rises to|reaches|reached|climbed to|of)|(?:number of (?:people |those )?(?:killed|dead)|death toll)\b[^.;]{0,120}?\b(?:has |had )?(?:risen|rose|climbed|increased|reached) to|arrested|detained|captured)\s*$/i;
// Examples: "21 people were killed", "26 others injured", "21 dead", "five suspected
// terrorists were killed on the spot", "four captured terrorists" (after the number).
const AFTER_NUMBER =
  /^\s*((?:(?!(?:were|was|have|had|are|is|being|and|or|in|on|at|by|after|who|which|that)\b)(?:of them|of the [\w-]+|[\w'-]+)\s+){0,3})(?:(?:were|was|have been|had been|are|is|being|got)\s+)?(?:\w+ly\s+)?(killed|dead|died|injured|wounded|hurt|slain|shot dead|gunned down|lynched|executed|beheaded|massacred|slaughtered|butchered|(?:stoned|beaten|hacked|burnt|burned|stabbed) to death|hospitali[sz]ed|arrested|detained|captured|taken into custody|injuries|fatalities|deaths)\b/i;
// "four captured terrorists", "two wounded policemen": a participle before the noun.
const PARTICIPLE_BEFORE_NOUN = /^\s*(captured|arrested|detained|dead|injured|wounded|killed)\s+(?:\w+\s+){0,2}?(\w+)/i;
const AMONG_VICTIMS = /\bamong (?:those|the|them|the people)?\s*(?:killed|dead|injured|wounded|victims)\b/gi;

/**
 * "among those killed …" with no "." or ";" after it up to the end, as
 * `/\bamong (?:those|…)?\s*(?:killed|…)\b[^.;]*$/i` tested it; that read to the end from every "among"
 * (quadratic), this finds the last stop once.
 */
export function breakdownBefore(s: string): boolean {
  const lastStop = Math.max(s.lastIndexOf('.'), s.lastIndexOf(';'));
  for (const m of s.matchAll(AMONG_VICTIMS)) if (m.index + m[0].length > lastStop) return true;
  return false;
}

/** A character of a word, as `\b` in AMONG_VICTIMS reads one. */
const WORD_CHAR = /\w/;

/**
 * `breakdownBefore` of each stretch from a sentence's start to one of its quantities, with the sentence
 * read once: a fuzzed line of 73 000 zeros read its whole stretch again for each (quadratic, fuzz
 * finding 47). A match of AMONG_VICTIMS holds no "." or ";", so the stretch's answer is whether the
 * sentence's first match after the stretch's last stop ends inside the stretch. A stretch ending in a
 * word character may end a match the whole sentence does not have ("killed" then "5": `\b` holds only at
 * the stretch's end), so it is read as before.
 */
export class SentenceBreakdowns {
  private readonly stops: number[] = [];
  private readonly matches: { start: number; end: number }[] = [];

  constructor(private readonly s: string) {
    for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) === 46 || s.charCodeAt(i) === 59) this.stops.push(i);
    for (const m of s.matchAll(AMONG_VICTIMS)) this.matches.push({ start: m.index, end: m.index + m[0].length });
  }

  /** breakdownBefore(s.slice(0, at)). */
  before(at: number): boolean {
    if (at > 0 && WORD_CHAR.test(this.s[at - 1]!)) return breakdownBefore(this.s.slice(0, at));
    const lastStop = this.stops[firstAtLeast(this.stops, at, (x) => x) - 1] ?? -1;
    const m = this.matches[firstAtLeast(this.matches, lastStop + 1, (x) => x.start)];
    return m !== undefined && m.end <= at;
  }
}

/** Numbers that are never head counts of casualties: money, percentages, ages. */
const NOT_PEOPLE_AFTER = /^\s*(?:%|percent|per cent|rubles?|roubles?|dollars?|euros?|pounds?|years?|km|kilometres?|kilometers?|miles?|metres?|meters?|tons?|kg|hours?|minutes?|days?|weeks?|months?)\b/i;

/**
 * Statements that nobody (or one unnamed person) was harmed, which carry no
 * number the quantity finder can see. Each rule: a pattern (case-insensitive),
 * the figure it states, the fields it sets, and why.
 */
export const NO_NUMBER_RULES: { name: string; pattern: RegExp; value: number; fields: ('killed' | 'injured')[]; reason: string; who?: 'perpetrators' }[] = [
  // "In addition to the assailant, at least 35 people were killed": the attacker died too (a suicide
  // bomber, as GTD counts him in nkill and nkillter). "In addition to two assailants" is read from its number.
  { name: 'in-addition-to-attacker', pattern: /\b[Ii]n addition to (?:the|an?) (?:suicide )?(?:assailant|attacker|bomber|perpetrator|gunman)\b(?!s)/g, value: 1, fields: ['killed'], who: 'perpetrators', reason: '"in addition to the assailant": the attacker was killed too' },
  // "There were no casualties", "caused no casualties", "without casualties": casualties = dead and hurt.
  { name: 'no-casualties', pattern: /\b(?:(?:there|these)\s+(?:were|was)\s+no|(?:caused|causing|with|resulting in|resulted in)\s+no|without(?:\s+any)?)\s+(?:casualties|injuries\s+or\s+(?:fatalities|deaths)|(?:fatalities|deaths)\s+or\s+injuries)\b|\bno\s+casualties\s+(?:were|was|have been)\s+reported\b/gi, value: 0, fields: ['killed', 'injured'], reason: '"no casualties": nobody killed or hurt' },
  // GTD's and wires' wording: "There were no reported casualties", "no casualties were reported", "did not
  // cause any casualties"; "no reported injuries" says nothing of deaths, "no reported deaths" nothing of injuries.
  { name: 'no-reported-casualties', pattern: /\bno\s+reported\s+casualties\b|\bno\s+casualties(?:\s+or\s+(?:injuries|damage))?\s+(?:were|was|have been|had been)\s+reported\b|\b(?:did\s+not|didn't|failed\s+to)\s+(?:cause|result\s+in)\s+(?:any\s+)?casualties\b/gi, value: 0, fields: ['killed', 'injured'], reason: '"no reported casualties": nobody killed or hurt, as far as the report knows' },
  { name: 'no-reported-injuries', pattern: /\bno\s+reported\s+injuries\b|\bno\s+injuries\s+(?:were|have been|had been)\s+reported\b/gi, value: 0, fields: ['injured'], reason: '"no reported injuries"' },
  { name: 'no-reported-deaths', pattern: /\bno\s+reported\s+(?:deaths|fatalities)\b|\bno\s+(?:deaths|fatalities)\s+(?:were|have been|had been)\s+reported\b/gi, value: 0, fields: ['killed'], reason: '"no reported deaths"' },
  // "No one was hurt", "nobody was injured": a report that says nobody was even hurt reports no deaths.
  { name: 'no-one-hurt', pattern: /\b(?:no\s+one|nobody|no\s+people|no\s+persons?)\s+(?:was|were|had been)\s+(?:(?:killed|hurt)\s+or\s+)?(?:injured|hurt|wounded)\b/gi, value: 0, fields: ['killed', 'injured'], reason: '"no one was hurt": nobody hurt, so nobody killed' },
  // "There were no injuries" (deaths not stated).
  { name: 'no-injuries', pattern: /\b(?:there\s+(?:were|was)\s+no|(?:caused|causing|with)\s+no)\s+(?:injuries|wounded)\b/gi, value: 0, fields: ['injured'], reason: '"no injuries"' },
  // "There were no deaths", "no one was killed".
  { name: 'no-deaths', pattern: /\b(?:there\s+(?:were|was)\s+no\s+(?:fatalities|deaths)|(?:no\s+one|nobody)\s+(?:was|were)\s+killed)\b/gi, value: 0, fields: ['killed'], reason: '"no deaths"' },
  // A device that never went off hurt no one: "the bomb was discovered and subsequently removed",
  // "two incendiary devices failed to ignite", "the bomb fizzled out".
  { name: 'device-not-set-off', pattern: /\b(?:was|were)\s+(?:\w+ly\s+)?(?:discovered|found|spotted)\s+(?:\w+\s+){0,4}?and\s+(?:was\s+|were\s+)?(?:\w+ly\s+|later\s+|then\s+)?(?:removed|disarmed|defused|deactivated|dismantled|detonated safely|taken away)\b|\b(?:failed to|did not|didn't)\s+(?:explode|detonate|ignite|go off)\b|\bfizzled(?:\s+out)?\b/gi, value: 0, fields: ['killed', 'injured'], reason: 'the device did not go off, so it hurt no one' },
  // Stopped before it went off, told without "discovered": "The device was dismantled before it inflicted any
  // damage", "the bomb was intercepted and dismantled", "Police discovered and disarmed the time bomb", "the bomb
  // was discovered before it ignited", "The firebomb malfunctioned", "No firebombs were successfully ignited".
  { name: 'device-stopped', pattern: /\b(?:was|were)\s+(?:\w+ly\s+|later\s+|then\s+)?(?:dismantled|deactivated|defused|disarmed|intercepted)\b|\b(?:discovered|found)\s+and\s+(?:\w+ly\s+)?(?:disarmed|defused|dismantled|deactivated|removed)\b|\b(?:discovered|found|removed|disarmed|defused)\s+(?:\w+\s+){0,3}?before\s+(?:it|they)\s+(?:could\s+)?(?:ignited?|exploded?|detonated?|went off|go off)\b|\bmalfunctioned\b|\bno\s+[\w-]+\s+(?:was|were)\s+(?:\w+ly\s+)?(?:ignited|detonated|exploded)\b/gi, value: 0, fields: ['killed', 'injured'], reason: 'the device was stopped before it went off, so it hurt no one' },
  // A failed attempt: "Unknown perpetrators failed in their attempts to bomb the Selective Service office".
  { name: 'attempt-failed', pattern: /\bfailed\s+in\s+(?:their|his|her|its|the)\s+attempts?\s+to\b/gi, value: 0, fields: ['killed', 'injured'], reason: 'the attempt failed, so it hurt no one' },
  // The person attacked came to no harm: "Officer Maloney was able to escape the vehicle unharmed",
  // "escaped without injury", "Tommasi was not injured".
  { name: 'target-unharmed', pattern: /\b(?:escaped|was|were|remained)\s+(?:[\w-]+\s+){0,4}?(?:unharmed|uninjured|unhurt|without\s+(?:any\s+)?injur(?:y|ies))\b|\b(?:was|were)\s+not\s+(?:injured|hurt|harmed|wounded)\b/gi, value: 0, fields: ['killed', 'injured'], reason: 'the person attacked was not hurt, so nobody was killed or hurt' },
  // "Police Officer James Sackett is murdered by a sniper", "Officer Miscannon was killed": one person with a
  // title that marks a victim of an attack (an officer, a judge), named, with a singular verb. Not any named
  // person: "Abaaoud, was killed … when police raided an apartment" is a suspect killed by police.
  { name: 'one-was-killed', pattern: /\b(?:Police Officer|Officer|Patrolman|Policeman|Sergeant|Deputy|Trooper|Judge|Dr\.|Mr\.|Mrs\.)\s+(?:[A-Z]\.\s*|[A-Z][\w'-]+\s+){0,3}?[A-Z][\w'-]+\s+(?:was|is)\s+(?:\w+ly\s+)?(shot and killed|killed|murdered|shot dead|assassinated|slain)\b/g, value: 1, fields: [], reason: 'one person (singular verb) was killed' },
  // "shot and killed Police Officer Kenneth Kaner", "shot and killed Allan W. Daly": one named victim.
  { name: 'killed-named', pattern: /\b(shot and killed|killed|murdered|assassinated)\s+(?:(?:[Pp]olice|Patrolman|Officer|Sergeant|Deputy|Sheriff|Dr\.|Mr\.|Mrs\.|Judge)\s+)*[A-Z][\w'-]+(?:\s+(?:[A-Z]\.|[A-Z][\w'-]+)){1,3}\b(?!\s*(?:,|and)\s+[A-Z])/g, value: 1, fields: [], reason: 'one named victim ("shot and killed Officer X")' },
  // "Both police officers were critically wounded".
  { name: 'both-were', pattern: /\b[Bb]oth\s+(?:[\w-]+\s+){0,2}?[\w-]+\s+were\s+(?:\w+ly\s+)?(killed|injured|wounded|hurt)\b/g, value: 2, fields: [], reason: '"both … were": two people' },
  // "a night watchman was injured", "a police officer was killed" — one unnamed person.
  { name: 'a-person-passive', pattern: /\b[Aa]n?\s+(?!(?:total|number|series|group|lot|few|couple|dozen|score|handful|crowd|mob)\b)(?:[\w-]+\s+){0,2}?[a-z][\w-]*\s+(?:was|is|has been|had been|got)\s+(?:\w+ly\s+)?(killed|injured|wounded|hurt|shot dead|gunned down|lynched|executed|beheaded|(?:stoned|beaten|hacked|burnt|burned|stabbed) to death)\b/g, value: 1, fields: [], reason: 'one unnamed person ("a watchman was injured", "a herder was shot dead")' },
  // "killing a police officer", "injuring a passer-by".
  { name: 'a-person-object', pattern: /\b(killing|killed|kills|kill|shot dead|shoot dead|shoots dead|gunned down|guns down|gun down|lynched|lynch|lynching|executed|beheaded|injuring|injured|wounding|wounded)\s+an?\s+(?!(?:total|number|series|group|lot|few|couple|dozen|score|handful|crowd|mob)\b)(?:[\w-]+\s+){0,2}?[a-z][\w-]*(?<!ing|ly)\b(?!\s+(?:of|and)\b)/g, value: 1, fields: [], reason: 'one unnamed person ("killing a police officer", "killed a civilian", "lynched a suspected thief")' },
];

const NO_NUMBER_GATE = /addition to|casualt|injur|wound|hurt|kill|fatalit|death|explode|detonat|ignite|go off|fizzl|remov|disarm|defus|deactivat|dismantl|taken away|intercept|malfunction|harm|attempt|murder|assassinat|slain|dead|gun|lynch|execut|behead/i;

/** A one-person rule's verb says which field it counts: "was killed" → killed, "was injured" → injured. */
const KILL_VERB = /kill|dead|gun|lynch|execut|behead|death/i;

/** Rule-major order (each rule's matches in text order): the order these facts have always been listed in. */
function byRuleThenStart<R>(a: Scanned<R>, b: Scanned<R>): number {
  return a.ruleIndex - b.ruleIndex || a.start - b.start;
}

function noNumberFacts(text: string, sentStart: number, sentEnd: number): CasualtyFact[] {
  const out: CasualtyFact[] = [];
  const st = text.slice(sentStart, sentEnd);
  // Cheap gate: every rule needs one of these words; most sentences have none.
  if (!NO_NUMBER_GATE.test(st)) return out;
  // Two rules reading one statement ("found and subsequently disarmed") give one fact: the earlier rule's.
  for (const { rule, match: m, start, end } of scan(st, NO_NUMBER_RULES, { offset: sentStart, firstClaims: true, sparse: true }).sort(byRuleThenStart)) {
    // One-person rules take the field from their verb.
    const fields = rule.fields.length ? rule.fields : [KILL_VERB.test(m[1] ?? '') ? 'killed' as const : 'injured' as const];
    const quantity: Quantity = { start, end, stage: 'extract.casualties', reason: `rule ${rule.name}`, text: m[0], value: rule.value, low: rule.value, high: rule.value, qualifier: 'exact' };
    for (const field of fields) out.push({ field, who: rule.who ?? 'victims', quantity, start, end, reason: `rule: ${rule.reason}`, breakdown: false });
  }
  return out;
}

/** "In addition to four assailants, 16 people were killed": the number counts dead attackers. */
const IN_ADDITION_BEFORE = /\b[Ii]n addition to\s+$/;
const ATTACKERS_AFTER = /^\s+(?:suicide\s+)?(?:assailants|attackers|bombers|perpetrators|gunmen|militants)\b/;

/** How far before a number (characters) its verb is looked for: "the death toll has risen to" fits. */
const VERB_BEFORE_WINDOW = 60;
/** How far after a number (characters) its noun and verb are looked for: "suspected terrorists were killed on the spot". */
const AFTER_NUMBER_WINDOW = 80;
/** The verb before a number counts the dead: "killed", "took the lives of", "the death toll rose to". */
const KILLED_VERB = /toll|lives|kill|assassinat|murder|dead|gun|lynch|execut|behead|massacr|slaughter|butcher/;
/** The verb before a number counts the hurt: "injured", "wounding", "hurt". */
const INJURED_VERB = /injur|wound|hurt/;
/** A breakdown of the hurt: "among the injured were …", "among those wounded". */
const INJURED_BREAKDOWN = /injur|wound/;
/** Up to three words after a number, the counted people: "144 people", "five suspected terrorists". */
const NOUN_AFTER = /^\s*((?:\w+\s+){0,2}?\w+)/;
/** Up to two words after a number in a breakdown: "16 policemen", "five civilians". */
const NOUN_AFTER_SHORT = /^\s*((?:\w+\s+){0,1}?\w+)/;
/** The first non-space character: a phrase's span starts there, not at the spaces before it. */
const NON_SPACE = /\S/;
/** Words split on whitespace. */
const WHITESPACE = /\s+/;
/** "Among those killed were 16 policemen": which casualties the breakdown divides. */
const AMONG_WHICH = /\bamong (?:those|the|them|the people)?\s*(killed|dead|injured|wounded|victims)\b/i;

/** A quantity read with the verb before it: "killed at least 144 people". */
function verbBeforeFact(q: Quantity, vb: RegExpExecArray, after: string, breakdown: boolean): CasualtyFact {
  const word = vb[1]!.toLowerCase();
  const field: CasualtyField = KILLED_VERB.test(word) ? 'killed' : INJURED_VERB.test(word) ? 'injured' : 'arrested';
  const nounMatch = NOUN_AFTER.exec(after);
  const noun = nounMatch ? nounMatch[1]! : '';
  const start = q.start - vb[0].length + vb[0].search(NON_SPACE);
  return { field, who: PERPETRATOR_NOUNS.test(noun.split(WHITESPACE).slice(0, 3).join(' ')) ? 'perpetrators' : 'victims', quantity: q, start, end: q.end + (nounMatch ? nounMatch[0].length : 0), reason: `rule: "${vb[1]}" before the number`, breakdown };
}

/** A quantity read with the words after it: "21 people were killed", "four captured terrorists"; null when none fit. */
function afterNumberFact(q: Quantity, after: string, breakdown: boolean): CasualtyFact | null {
  const an = AFTER_NUMBER.exec(after);
  if (an) {
    const word = an[2]!.toLowerCase();
    const field = CASUALTY_WORDS[word] ?? 'killed';
    return { field, who: PERPETRATOR_NOUNS.test(an[1] ?? '') ? 'perpetrators' : 'victims', quantity: q, start: q.start, end: q.end + an[0].length, reason: `rule: number followed by "${an[0].trim()}"`, breakdown };
  }
  const pb = PARTICIPLE_BEFORE_NOUN.exec(after);
  if (pb && PERPETRATOR_NOUNS.test(pb[2]!)) {
    const word = pb[1]!.toLowerCase();
    const field = CASUALTY_WORDS[word] ?? 'killed';
    return { field, who: 'perpetrators', quantity: q, start: q.start, end: q.end + pb[0].length, reason: `rule: "${pb[1]}" before the attackers' noun "${pb[2]}"`, breakdown };
  }
  return null;
}

/**
 * Read the casualty figures in one sentence: which quantities count killed,
 * injured or arrested people, and whether they are the attackers' own.
 */
export function findCasualties(text: string, sentStart: number, sentEnd: number, quantities: readonly Quantity[]): CasualtyFact[] {
  const out: CasualtyFact[] = [];
  let breakdowns: SentenceBreakdowns | null = null;
  for (const q of quantities) {
    if (q.start < sentStart || q.end > sentEnd) continue;
    const before = text.slice(Math.max(sentStart, q.start - VERB_BEFORE_WINDOW), q.start);
    const after = text.slice(q.end, Math.min(sentEnd, q.end + AFTER_NUMBER_WINDOW));
    if (NOT_PEOPLE_AFTER.test(after)) continue;
    const breakdown = (breakdowns ??= new SentenceBreakdowns(text.slice(sentStart, sentEnd))).before(q.start - sentStart);
    const vb = VERB_BEFORE.exec(before);
    let fact: CasualtyFact | null = IN_ADDITION_BEFORE.test(before) && ATTACKERS_AFTER.test(after)
      ? { field: 'killed', who: 'perpetrators', quantity: q, start: q.start, end: q.end, reason: 'rule: "in addition to N assailants": the attackers were killed too', breakdown }
      : vb ? verbBeforeFact(q, vb, after, breakdown) : afterNumberFact(q, after, breakdown);
    // "Among those killed were 16 policemen and five civilians": a breakdown of a total.
    if (!fact && breakdown) {
      const among = AMONG_WHICH.exec(text.slice(sentStart, q.start))!;
      const nounMatch = NOUN_AFTER_SHORT.exec(after);
      const w = among[1]!.toLowerCase();
      fact = { field: INJURED_BREAKDOWN.test(w) ? 'injured' : 'killed', who: 'victims', quantity: q, start: q.start, end: q.end + (nounMatch ? nounMatch[0].length : 0), reason: `rule: breakdown after "among those ${w}"`, breakdown: true };
    }
    if (fact) {
      // Arrests are always of suspects; "who" keeps the people apart from
      // the arrested count, which the record stores on its own.
      if (fact.field === 'arrested') fact.who = 'perpetrators';
      out.push(fact);
    }
  }
  out.push(...noNumberFacts(text, sentStart, sentEnd));
  return out;
}
