import type { Annotations, DateMention, Mention, Span } from '../../model/index.js';
import { spanIndex } from '../../nlp/span-index.js';
import { findCasualties } from '../casualties.js';
import { isStatementDate, isUntilDate } from './calendar.js';
import {
  ANCHOR_AFTER_CHARS, ARRESTEE_AFTER_CHARS, DEFINITE_AFTER_CHARS, DEFINITE_DATE_AFTER_CHARS, DETERMINER_BEFORE_CHARS,
  NAMED_AFTER_CHARS, NAMED_OBJECT_AFTER_CHARS, OWN_NOUN_DATE_GAP_CHARS,
} from './constants.js';
import { datelineCovers } from './dateline.js';
import { isCityMention, isCountryMention, isOriginOrDirection } from './geo.js';
import {
  AFTERMATH_PREDICATE, ANAPHOR_BEFORE, CLAUSE_END, CLAUSE_END_DEFINITE, DEVICE_RELATIVE, LAST_THAT_CLAUSE, NAMED_OBJECT_AFTER,
  OWN_NOUN_GAP, PLACE_PARENTHETICAL, PRONOUN_SUBJECT, RELATIVE_AFTER, RELATIVE_LEAD, SUBORDINATE_LEAD,
} from './patterns.js';
import type { Anchors, Hit, PlaceDateline, Signature } from './types.js';

/** A determiner before the trigger at `pos` makes it a reference back: "the attack", "these drone attacks". */
export function isDefinite(text: string, pos: number): boolean {
  return ANAPHOR_BEFORE.test(text.slice(Math.max(0, pos - DETERMINER_BEFORE_CHARS), pos));
}

function inSeg(x: Span, seg: Span): boolean {
  return x.start >= seg.start && x.end <= seg.end;
}

/**
 * The part of a hit's segment where its own time and place are named: the
 * words before the trigger in its clause ("On the evening of June 23, terrorist
 * attacks …", "In Blagoveshchensk, a store …") and the words after it up to a
 * relative clause or a clause break ("the attack which bears the imprint of …
 * in Kiev" does not place the attack in Kiev).
 */
export function anchorWindow(text: string, h: Hit): Span {
  // Before the trigger, the window starts after the last relative pronoun or
  // "that": "…, which have spearheaded the incursions" — "From Kiev" earlier in
  // that sentence is where someone lives, not where the incursions were.
  const lead = text.slice(h.seg.start, h.start);
  let start = h.seg.start;
  // So does "after": "gathered … on Friday, a day after a van ran down pedestrians" — Friday is the
  // gathering's day, not the attack's.
  const rel = RELATIVE_LEAD.exec(lead);
  if (rel) start += rel[0].length;
  // A place's own parenthetical does not end the clause: "in the area of Birira (Djigoue, Poni)".
  const after = text.slice(h.end, h.seg.end).replace(PLACE_PARENTHETICAL, (m) => ' '.repeat(m.length));
  // A definite mention ("the terrorist attack, the evaluation … by Kiev")
  // takes only what is attached to it, up to the first comma; a new mention
  // takes its whole clause ("A suicide bomber killed 22 people, … at
  // Manchester Arena on Monday night").
  const definite = isDefinite(text, h.start);
  // A relative clause right after the trigger is about it ("the attack which
  // bears the imprint of …"); one further on belongs to a later noun ("crowds
  // that had gathered … in Nice") and does not end the clause.
  // But a device's own relative clause tells where it went off: "two incendiary devices that ignited at
  // Alexander's Department Store in Manhattan", "bombs that were discovered in a power station".
  const relAfter = DEVICE_RELATIVE.test(after) ? null : RELATIVE_AFTER.exec(after);
  // "while" ends the clause when it sets another clause beside it, not before a gerund: "shot while signing autographs … in Orlando".
  const stop0 = after.search(definite ? CLAUSE_END_DEFINITE : CLAUSE_END);
  // A trigger inside an opening "after" clause ends at its comma: "One year after a truck was driven into
  // the Christmas market on Breitscheidplatz, Berlin on Tuesday unveiled a memorial" — Tuesday is the memorial's.
  const subordinate = SUBORDINATE_LEAD.test(lead);
  // An aftermath verb starts the sentence's own predicate: "The man who killed 23 people in a racist attack
  // … in August 2019 was sentenced on Friday" — Friday is the sentencing's.
  // Its place (search), not its match: reading a rare match's index was first done after V8 had
  // optimised this function, and it was compiled again (issue 11).
  const aftermath = after.search(AFTERMATH_PREDICATE);
  const cuts = [stop0, subordinate ? after.indexOf(',') : -1, aftermath].filter((x) => x >= 0);
  const stop1 = cuts.length ? Math.min(...cuts) : -1;
  const stop = relAfter ? (stop1 >= 0 ? Math.min(stop1, relAfter[0].length) : relAfter[0].length) : stop1;
  const len = Math.min(stop >= 0 ? stop : after.length, definite ? DEFINITE_AFTER_CHARS : ANCHOR_AFTER_CHARS);
  return { start, end: h.end + len };
}

/** The items of a layer inside a window, less those inside an excluded stretch. */
export function windowed<T extends Span>(layer: readonly T[], w: Span, exclude: readonly Span[] = []): T[] {
  const xs = spanIndex(layer).inside(w);
  return exclude.length ? xs.filter((x) => !exclude.some((e) => inSeg(x, e))) : xs;
}

/**
 * "the bombing of the Nord Stream gas pipeline", "the terrorist attack on the Kerch Bridge": the mention
 * of a capitalised name right after "of/on/against/at", when it is a target (no country, no people).
 */
export function namedObjectAfter(text: string, h: Hit, ann: Annotations): Mention | null {
  const after = text.slice(h.end, Math.min(h.seg.end, h.end + NAMED_OBJECT_AFTER_CHARS));
  const named = NAMED_OBJECT_AFTER.exec(after);
  if (!named) return null;
  const at = h.end + named[0].length - 1;
  const mm = spanIndex(ann.mentions).firstContaining(at);
  return mm && mm.type !== 'NORP' && !(mm.type === 'PLACE' && isCountryMention(mm)) ? mm : null;
}

/** "the bombing of the Nord Stream gas pipeline": a capitalised name right after "of/on/against". */
export function hasNamedObject(text: string, h: Hit, ann: Annotations): boolean {
  return namedObjectAfter(text, h, ann) !== null;
}

/** What anchors a hit: a date, a place (or the dateline's), a facility, a named target, a casualty figure; for an arrest, who. */
export function anchorsOf(text: string, h: Hit, ann: Annotations, dateline: PlaceDateline | null = null): Anchors {
  const what: string[] = [];
  const seg = h.seg;
  const w = anchorWindow(text, h);
  const dates = datesFor(text, h, windowed(ann.dates, w, h.exclude));
  if (dates.length) what.push(`date "${dates[0]!.text}"`);
  const places = windowed(ann.mentions, w, h.exclude).filter((m) => m.type === 'PLACE' && !!m.place && !isCountryMention(m) && !isOriginOrDirection(text, m));
  if (places.length) what.push(`place "${places[0]!.text}"`);
  else if (datelineCovers(dateline, h)) what.push(`dateline place "${dateline!.mention.text}"`);
  const fac = windowed(ann.mentions, w, h.exclude).filter((m) => m.type === 'FACILITY');
  if (fac.length) what.push(`facility "${fac[0]!.text}"`);
  // "of/on/against" + a named thing right after the trigger: "the terrorist attack on the Kerch Bridge".
  const mm = namedObjectAfter(text, h, ann);
  if (mm) what.push(`named target "${mm.text}"`);
  const qs = spanIndex(ann.quantities).inside(seg);
  const cas = findCasualties(text, seg.start, seg.end, qs).filter((c) => !c.breakdown && c.quantity.qualifier !== 'vague');
  if (cas.length) what.push(`casualty figure "${text.slice(cas[0]!.start, cas[0]!.end)}"`);
  let person: Mention | null = null;
  let pronounPerson = false;
  if (h.kind === 'arrest') {
    const r = arresteeOf(text, h, ann);
    person = r.person;
    pronounPerson = r.pronoun;
  }
  return { strong: what.length > 0, what, person, pronounPerson };
}

/**
 * The dates that time a hit. A definite reference ("in connection with the
 * attack") takes only a date right after it ("the attack on March 22"): a date
 * before it belongs to the clause's own verb ("Police arrested a man on
 * Tuesday … in connection with the attack").
 */
export function datesFor(text: string, h: Hit, ds: DateMention[]): DateMention[] {
  const definite = isDefinite(text, h.start);
  // "the 2004 school siege"
  const inOwnNoun = (d: DateMention): boolean => d.end <= h.start && h.start - d.end <= OWN_NOUN_DATE_GAP_CHARS && OWN_NOUN_GAP.test(text.slice(d.end, h.start));
  return ds.filter((d) => d.value.precision !== 'unknown' && !isStatementDate(text, d) && !isUntilDate(text, d) && (!definite || inOwnNoun(d) || (d.start >= h.end && d.start - h.end <= DEFINITE_DATE_AFTER_CHARS)));
}

/**
 * Who an arrest hit says was arrested: the subject of "X was arrested"
 * (the words since the last clause break), or the name after "the arrest of".
 * "told President Putin on Saturday that 11 people had been detained" — the
 * subject is "11 people", not Putin.
 */
export function arresteeOf(text: string, h: Hit, ann: Annotations): { person: Mention | null; pronoun: boolean } {
  const sent = ann.sentences[h.sentence]!;
  if (h.rule === 'arrest' || h.rule === 'arrest-active') {
    const m = spanIndex(ann.mentions).startingIn(h.end, h.end + ARRESTEE_AFTER_CHARS).find((x) => x.type === 'PERSON');
    return { person: m ?? null, pronoun: false };
  }
  const lead = text.slice(sent.start, h.start);
  const br = Math.max(lead.lastIndexOf(','), lead.lastIndexOf(';'), lead.search(LAST_THAT_CLAUSE));
  const subjStart = sent.start + (br >= 0 ? br + 1 : 0);
  const subj = { start: subjStart, end: h.start };
  if (spanIndex(ann.quantities).inside(subj).length) return { person: null, pronoun: false };
  const person = spanIndex(ann.mentions).inside(subj).find((m) => m.type === 'PERSON') ?? null;
  return { person, pronoun: !person && PRONOUN_SUBJECT.test(text.slice(subjStart, h.start)) };
}

/** What a hit's own words name (its anchor window): dates, places, facilities, and names right after it. */
export function signature(text: string, h: Hit, ann: Annotations, dateline: PlaceDateline | null = null): Signature {
  const w = anchorWindow(text, h);
  const own = windowed(ann.mentions, w, h.exclude).filter((m) => m.type === 'PLACE' && m.place);
  const ownCity = own.some(isCityMention);
  return {
    dates: datesFor(text, h, windowed(ann.dates, w, h.exclude)),
    // A lead paragraph's incident with no city of its own happened where the story is filed from.
    places: !ownCity && datelineCovers(dateline, h) ? [...own, dateline!.mention] : own,
    facilities: windowed(ann.mentions, w, h.exclude).filter((m) => m.type === 'FACILITY'),
    named: windowed(ann.mentions, w, h.exclude).filter((m) => (m.type === 'PERSON' || m.type === 'ORG') && m.start >= h.end && m.start - h.end < NAMED_AFTER_CHARS),
  };
}
