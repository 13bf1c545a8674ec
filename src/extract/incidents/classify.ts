import type { Annotations, Sentence } from '../../model/index.js';
import { EVENT_VERBS, IRREALIS_BEFORE, TRIGGER_RULES } from '../triggers.js';
import { anchorsOf } from './anchors.js';
import { CLASSIFY_BEFORE_CHARS, HEADING_MAX_WORDS } from './constants.js';
import {
  ANAPHOR_BEFORE, BY_END, CLOSE_QUOTE_AHEAD, COMMA_END, FINAL_PUNCTUATION, GENERIC_BEFORE, NOT_PLURAL_END, OPEN_QUOTE_END, PARTICIPLE,
  PLURAL_END, PREPOSITIONAL_TO, WHITESPACE,
} from './patterns.js';
import type { Anchors, Hit, PlaceDateline, RegionOf } from './types.js';

/** Trigger rules that are verb phrases (an event told as it happened). */
const VERB_RULES: ReadonlySet<string> = new Set(TRIGGER_RULES.filter((r) => r.pos === 'verb').map((r) => r.name));

/** What the hit rules read about one hit. `anchors` is found only when a rule asks for it. */
export class HitContext {
  /** The words just before the trigger, within its sentence. */
  readonly before: string;
  readonly trigger: string;
  /** The trigger's last word is a plural: "attacks", "bombings". */
  readonly plural: boolean;
  /** The hit is in a short line with no final punctuation, outside the title: a heading. */
  readonly isHeading: boolean;
  /** A determiner just before the trigger: "the attack". */
  readonly definite: boolean;
  private found: Anchors | null = null;

  constructor(readonly text: string, readonly s: Sentence, readonly h: Hit, private readonly ann: Annotations, regionOf: RegionOf, private readonly dateline: PlaceDateline | null) {
    this.before = text.slice(Math.max(s.start, h.start - CLASSIFY_BEFORE_CHARS), h.start);
    this.trigger = text.slice(h.start, h.end);
    this.plural = PLURAL_END.test(this.trigger.split(WHITESPACE).pop() ?? '') && !NOT_PLURAL_END.test(this.trigger);
    this.isHeading = isHeading(text, s, regionOf);
    this.definite = ANAPHOR_BEFORE.test(this.before);
  }

  /** The hit's anchors in time, place and target (anchors.ts). */
  get anchors(): Anchors {
    return (this.found ??= anchorsOf(this.text, this.h, this.ann, this.dateline));
  }
}

/** Whether each sentence is a heading, found once a sentence: its hits all ask (see isHeading). */
const HEADINGS = new WeakMap<Sentence, boolean>();

/**
 * A short line with no final punctuation, outside the title. Read once a sentence, not once a hit: a
 * fuzzed 196 KB sentence of "the explosion tha" over and over had thousands of hits, and each read the
 * whole sentence again (36 % of a 2.4 s pipeline, fuzz finding 45).
 */
function isHeading(text: string, s: Sentence, regionOf: RegionOf): boolean {
  let v = HEADINGS.get(s);
  if (v === undefined) {
    const sentText = text.slice(s.start, s.end);
    v = regionOf(s.start) !== 'title' && !FINAL_PUNCTUATION.test(sentText) && sentText.split(WHITESPACE).length <= HEADING_MAX_WORDS;
    HEADINGS.set(s, v);
  }
  return v;
}

/** A hit rule: when it applies, the hit's mode and the `why` it records, and the reason the rule exists. */
export interface HitRule {
  readonly name: string;
  readonly when: (c: HitContext) => boolean;
  readonly mode: Hit['mode'];
  readonly why: string | ((c: HitContext) => string);
  readonly reason: string;
}

/**
 * How a hit is classified: a specific incident, a reference back to one ('anaphoric'), or neither
 * ('skip'). The first rule that applies decides; the last always applies. Order matters: a quotation or
 * a hypothetical is set aside whatever anchors it, and anchors make a hit specific only after headings
 * and generic plurals are set aside.
 */
export const HIT_RULES: readonly HitRule[] = [
  {
    name: 'quotation', mode: 'skip', why: 'inside a quotation',
    when: (c) => OPEN_QUOTE_END.test(c.before.trimEnd()) && CLOSE_QUOTE_AHEAD.test(c.text.slice(c.h.end, c.s.end)),
    reason: 'words inside a quotation are what someone said, not an event the report tells',
  },
  {
    name: 'hypothetical', mode: 'skip', why: 'hypothetical or future ("will", "could", "to …")',
    when: (c) => IRREALIS_BEFORE.test(c.before) && !PREPOSITIONAL_TO.test(c.before) && c.h.rule !== 'arrest-verb' && c.h.rule !== 'arson-verb',
    reason: 'a threat, plan or possibility is no event; a passive arrest or arson verb ("was arrested") tells its own tense',
  },
  // "…, setting fire to seven wagons": a consequence told by a participle is
  // part of the event before it, never an incident of its own.
  {
    name: 'participle', mode: 'anaphoric', why: 'a participle continuing the clause before it',
    when: (c) => COMMA_END.test(c.before) && PARTICIPLE.test(c.trigger),
    reason: 'a participle after a comma tells a consequence of the event before it',
  },
  // "Seven attackers died, most of them by detonating explosive vests": a gerund after "by" tells how
  // something already told was done — part of the incident in focus, not one of its own.
  {
    name: 'means', mode: 'anaphoric', why: 'the means of an action told before it ("by detonating …")',
    when: (c) => BY_END.test(c.before) && PARTICIPLE.test(c.trigger),
    reason: 'a gerund after "by" tells how something already told was done',
  },
  {
    name: 'casualty-report', mode: 'specific', why: 'casualty report with date and place',
    when: (c) => c.h.rule === 'casualty-report',
    reason: 'a casualty report is made a hit only when anchored in time and place (hits.ts)',
  },
  // An arrest of someone named is an incident of its own; an arrest of "the perpetrators" is a field of the incident in focus.
  {
    name: 'arrest-named', mode: 'specific', why: 'arrest of a named person',
    when: (c) => c.h.kind === 'arrest' && (!!c.anchors.person || c.anchors.pronounPerson),
    reason: 'the arrest of a named person is an incident of its own',
  },
  {
    name: 'arrest-unnamed', mode: 'anaphoric', why: 'arrest of the incident\'s suspects',
    when: (c) => c.h.kind === 'arrest',
    reason: 'an arrest of "the perpetrators" is a field of the incident in focus',
  },
  {
    name: 'heading-definite', mode: 'anaphoric', why: 'heading line',
    when: (c) => c.isHeading && c.definite,
    reason: 'a heading introduces no incident, but "the attack" in one refers back',
  },
  {
    name: 'heading', mode: 'skip', why: 'heading line',
    when: (c) => c.isHeading,
    reason: 'a short heading line introduces no incident: "A terror attack, made in Washington and Kiev"',
  },
  {
    name: 'generic-plural-definite', mode: 'anaphoric', why: 'generic plural ("such attacks")',
    when: (c) => c.plural && GENERIC_BEFORE.test(c.before) && c.definite,
    reason: 'a generic plural is no incident, but a definite one refers back',
  },
  {
    name: 'generic-plural', mode: 'skip', why: 'generic plural ("such attacks")',
    when: (c) => c.plural && GENERIC_BEFORE.test(c.before),
    reason: '"such attacks", "future attacks" name a kind of incident, not one',
  },
  {
    name: 'anchored', mode: 'specific', why: (c) => `anchored by ${c.anchors.what.join(', ')}`,
    when: (c) => c.anchors.strong,
    reason: 'a date, place, facility, named target or casualty figure of its own makes a mention an incident',
  },
  {
    name: 'actor', mode: 'specific', why: 'an actor carried it out ("launched an …")',
    when: (c) => EVENT_VERBS.test(c.before),
    reason: '"forces launched an incursion": an actor carrying it out makes an indefinite mention an event',
  },
  {
    name: 'definite', mode: 'anaphoric', why: 'definite reference back ("the attack")',
    when: (c) => c.definite,
    reason: '"the attack" with no anchors refers back to an incident told before',
  },
  // "a truck bomb exploded", "Gunmen then opened fire": an event told as it
  // happened, with no time or place of its own, describes the incident in focus.
  {
    name: 'event-verb', mode: 'anaphoric', why: 'an event verb with no anchor of its own: part of the incident in focus',
    when: (c) => VERB_RULES.has(c.h.rule),
    reason: 'an event told as it happened, with no time or place of its own, describes the incident in focus',
  },
  {
    name: 'unanchored-plural', mode: 'skip', why: 'generic plural with no time, place or target',
    when: (c) => c.plural,
    reason: 'a plural with no anchor names incidents in general',
  },
  {
    name: 'unanchored', mode: 'skip', why: 'no time, place, target or actor',
    when: () => true,
    reason: 'a mention with no anchor and no actor tells no incident',
  },
];

/** Classify a hit: the first hit rule that applies sets its mode and why. */
export function classifyHit(text: string, s: Sentence, h: Hit, ann: Annotations, regionOf: RegionOf, dateline: PlaceDateline | null): void {
  const c = new HitContext(text, s, h, ann, regionOf, dateline);
  for (const rule of HIT_RULES) {
    if (!rule.when(c)) continue;
    h.mode = rule.mode;
    h.why = typeof rule.why === 'string' ? rule.why : rule.why(c);
    return;
  }
}
