import type {
  ActorValue,
  Annotations,
  Attested,
  Count,
  DateMention,
  DateValue,
  Doc,
  IncidentKind,
  IncidentReport,
  Location,
  Mention,
  PlaceRef,
  Quantity,
  Region,
  Sentence,
  Span,
  TargetValue,
  VictimValue,
} from '../../model/index.js';
import { applyRoleMentions } from '../role-fields.js';
import { learnedHit } from './learned-triggers.js';
import { detectEvent } from '../../classify/detector.js';
import { documentCountry } from './document-country.js';
import { findCasualties, type CasualtyFact } from '../casualties.js';
import { incidentType } from '../incident-types.js';
import { getGazetteer, RISKY_MAX_POPULATION } from '../../nlp/gazetteer/gazetteer.js';
import { spanIndex } from '../../nlp/span-index.js';
import { findPerpetrators, findTargets, findWeapons } from '../roles.js';
import { EVENT_VERBS, IRREALIS_BEFORE, KIND_PRIORITY, kindsCompatible, PERPETRATOR_NOUNS, TRIGGER_RULES } from '../triggers.js';

export const INCIDENT_STAGE = 'extract.incidents';

/** Trigger rules that are verb phrases (an event told as it happened). */
const VERB_RULES: ReadonlySet<string> = new Set(TRIGGER_RULES.filter((r) => r.pos === 'verb').map((r) => r.name));

/** A short heading line (no final punctuation, few words) introduces no incident: "A terror attack, made in Washington and Kiev". */
const HEADING_MAX_WORDS = 14;
/** Dates governed by a verb of saying are when something was said, not when it happened: "Lavrov said on June 25". */
const STATEMENT_DATE_BEFORE = /\b(?:said|says|stated|announced|declared|told|wrote|reported|added|claimed|warned|confirmed|acknowledged|admitted|revealed|disclosed|in an? [\w\s]{0,20}?(?:perspective|statement|interview|article|report|piece|address))\s+(?:[\w.]+\s+){0,4}$/i;
/** Region kinds that carry reporting; bylines, datelines and captions don't. */
const EVENT_REGIONS: ReadonlySet<Region['kind']> = new Set(['title', 'subtitle', 'body']);
/** Anaphoric mentions of an incident without anchors: "the attack", "these attacks", "the attackers". */
const ANAPHOR_BEFORE = /\b(?:the|this|that|these|those|its|their)\s+(?:[\w-]+\s+){0,2}$/i;
/** Words before a plural trigger that make it generic: "such attacks", "terrorist attacks have long …". */
const GENERIC_BEFORE = /\b(?:such|any|more|future|further|other|similar|many|all|no|possible|repeated|frequent|ongoing)\s+(?:[\w-]+\s+){0,2}$/i;
/** "In a series of related attacks, …": a scene-setting series, no incident of its own. */
const SERIES_BEFORE = /\bseries of\s+(?:[\w-]+\s+){0,2}$/i;
/** A relative clause after a device that tells what the device did, and so where: "devices that ignited at …". */
const DEVICE_RELATIVE = /^\s*,?\s*(?:which|that)\s+(?:had\s+|have\s+|has\s+)?(?:was\s+|were\s+|been\s+)?(?:\w+ly\s+)?(?:ignited|exploded|detonated|went off|blew up|discovered|found|placed|planted|hidden|left)\b/i;
/** How close (in sentences) a bare "the attack" must be to the incident it refers to, when not the main one. */
const ANAPHOR_WINDOW = 1;
/** Kinds that are kinds of attack: a mention of one may refer back to an incident called "the attack". */
const ATTACK_FAMILY: ReadonlySet<IncidentKind> = new Set(['armed_assault', 'bombing', 'suicide_bombing', 'arson', 'hostage_taking', 'assassination', 'sabotage']);
/** How many sentences after an incident's mention an unnamed arrest still belongs to it. */
const ARREST_FOCUS_SENTENCES = 4;
/** Two incident words this close in one sentence, with no comma between, name one incident. */
const SAME_EVENT_GAP_CHARS = 40;
/** How far after a trigger its own time and place may be named. */
const ANCHOR_AFTER_CHARS = 220;
/** How far after a definite mention its attached words may run ("the missile attack on the beach in Sevastopol"). */
const DEFINITE_AFTER_CHARS = 70;
/** How close after a definite mention ("the attack on March 22") its own date must be. */
const DEFINITE_DATE_AFTER_CHARS = 70;

interface Hit {
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
}

interface Draft {
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

/**
 * Find every incident the document reports, and fill each one's fields from
 * the words around its mentions. See docs/fields.md for how each is decided.
 */
export function extractIncidents(doc: Doc, ann: Annotations): IncidentReport[] {
  const text = doc.text;
  const sents = ann.sentences;
  const regions = spanIndex(doc.regions);
  const regionOf = (pos: number): Region['kind'] => regions.containing(pos)[0]?.kind ?? 'body';

  // 1. Trigger hits, sentence by sentence.
  const hits: Hit[] = [];
  const unmatched: { s: Sentence; st: string }[] = [];
  for (const s of sents) {
    const region = regionOf(s.start);
    if (!EVENT_REGIONS.has(region)) continue;
    const st = text.slice(s.start, s.end);
    const taken: Span[] = [];
    const hitsBefore = hits.length;
    for (const rule of TRIGGER_RULES) {
      rule.pattern.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = rule.pattern.exec(st)) !== null) {
        const start = s.start + m.index;
        const end = start + m[0].trimEnd().length;
        if (taken.some((t) => start < t.end && t.start < end)) continue;
        taken.push({ start, end });
        hits.push({ kind: rule.kind, start, end, sentence: s.index, rule: rule.name, reason: rule.reason, mode: 'skip', why: '', seg: { start: s.start, end: s.end }, inTitle: region === 'title', definite: false, exclude: [] });
      }
    }
    // A casualty report with no incident word still reports an incident when
    // it is anchored in time or place: "In March, a major … at the concert hall took the lives of 145 people".
    if (hits.length === hitsBefore) {
      const qs = spanIndex(ann.quantities).inside(s);
      const cas = findCasualties(text, s.start, s.end, qs).filter((c) => c.field === 'killed' && c.quantity.qualifier !== 'vague' && !c.breakdown);
      const anchored = spanIndex(ann.dates).inside(s).some((d) => d.value.precision !== 'unknown') &&
        spanIndex(ann.mentions).inside(s).some((mm) => mm.type === 'FACILITY' || (mm.type === 'PLACE' && mm.place && !mm.place.featureCode.startsWith('PCL')));
      if (cas.length > 0 && anchored) {
        const c = cas[0]!;
        hits.push({ kind: 'attack', start: c.start, end: c.end, sentence: s.index, rule: 'casualty-report', reason: 'a casualty report anchored in time and place', mode: 'skip', why: '', seg: { start: s.start, end: s.end }, inTitle: region === 'title', definite: false, exclude: [] });
      }
    }
    // A title is read too: a coder's one-line note, or a headline over a body that names no event, is the report.
    if (hits.length === hitsBefore) unmatched.push({ s, st });
  }
  // A document the rules find nothing in: the learned event detector and classifier
  // (learned-triggers.ts), for what ACLED codes and no rule names (protests, clashes, abductions,
  // strategic developments), as a coder's one-line note tells it. Where the rules found incidents,
  // the other sentences are their aftermath and background, not new events.
  if (!hits.length) {
    for (const { s, st } of unmatched) {
      const l = learnedHit(st, s.start);
      if (l) hits.push({ kind: l.kind, start: l.start, end: l.end, sentence: s.index, rule: 'learned', reason: l.reason, mode: 'skip', why: '', seg: { start: s.start, end: s.end }, inTitle: regionOf(s.start) === 'title', definite: false, exclude: [] });
    }
  }
  hits.sort((a, b) => a.start - b.start);

  // Segments: within a sentence, each hit owns the text up to the next hit.
  const appositives = new Map<number, Span[]>();
  const appositiveAt = (s: Sentence, pos: number): Span | null => {
    let list = appositives.get(s.index);
    if (!list) appositives.set(s.index, (list = appositivesIn(text, s)));
    return list.find((a) => pos > a.start && pos < a.end) ?? null;
  };
  for (let i = 0; i < hits.length; i++) {
    const h = hits[i]!;
    const s = sents[h.sentence]!;
    const prev = hits[i - 1];
    // "In a series of related attacks, unknown perpetrators bombed …": the series is no incident of its
    // own (IRREALIS_BEFORE), so it does not take the sentence's opening words (its date) from the hit after it.
    const prevIsSeries = !!prev && SERIES_BEFORE.test(text.slice(Math.max(0, prev.start - 40), prev.start));
    let segStart = prev && prev.sentence === h.sentence && !prevIsSeries ? prev.end : s.start;
    // A clause break before the trigger ("…; the car bombing of …", "…, and the bombing of …") starts its segment.
    const lead = text.slice(segStart, h.start);
    // So does a coordinated clause: "…, in which 52 people were killed, and came two months after a man drove a car into …".
    let coord = -1;
    for (const m of lead.matchAll(/,\s+(?:and|but|or|while)\s/g)) coord = m.index!;
    const br = Math.max(lead.lastIndexOf(';'), coord);
    if (br >= 0) segStart += br + 1;
    // An appositive naming another incident ("arrested Salah Abdeslam, the
    // most wanted suspect in the November attacks in Paris, during a raid …
    // on Friday") does not end this hit's clause: its words are set aside and
    // the clause goes on after it.
    let segEnd = s.end;
    const mine = appositiveAt(s, h.start);
    for (let k = i + 1; k < hits.length && hits[k]!.sentence === h.sentence; k++) {
      const ap = appositiveAt(s, hits[k]!.start);
      if (ap && (!mine || ap.start !== mine.start) && ap.start > h.end) {
        h.exclude.push(ap);
        continue;
      }
      segEnd = hits[k]!.start;
      break;
    }
    if (mine) segEnd = Math.min(segEnd, mine.end);
    h.seg = { start: segStart, end: segEnd };
  }

  for (const h of hits) h.definite = ANAPHOR_BEFORE.test(text.slice(Math.max(0, h.start - 40), h.start));
  // 2. Classify each hit: a specific incident, a reference back, or neither.
  const dateline = placeDateline(doc, ann);
  for (const h of hits) classifyHit(text, sents[h.sentence]!, h, ann, regionOf, dateline);
  if (wordCount(text) <= NOTE_MAX_WORDS && !hits.some((h) => h.mode === 'specific')) promoteLeadEvent(text, sents, hits);

  // 3. Group hits into incidents, in document order.
  const drafts: Draft[] = [];
  const byAnchor = new DraftIndex();
  let focus: Draft | null = null;
  let lastSpecificSentence = -10;
  let lastKept: Hit | null = null;
  const main = (): Draft | null => drafts[0] ?? null;
  for (const h of hits) {
    if (h.mode === 'skip') continue;
    const sig = signature(text, h, ann, dateline);
    const before = text.slice(Math.max(0, h.start - 40), h.start);
    const definite = ANAPHOR_BEFORE.test(before);
    // Anaphoric candidates: the incident in focus if it was just mentioned and
    // fits, else the most recent incident of the same kind, else the
    // document's main one. "the drone attacks" never refers to a shooting.
    const antecedent = (ignoreDates = false): Draft | null => {
      const s2 = ignoreDates ? { ...sig, dates: [] } : sig;
      // "the shooting" may refer back to "the attack"; "the drone attacks" may
      // not: strikes, riots, incursions and arrests refer only to their own kind.
      // An arrest that names no one ("60 people had been detained") is a
      // field of the incident in focus, whatever its kind.
      if (h.kind === 'arrest') return focus && h.sentence - lastSpecificSentence <= ARREST_FOCUS_SENTENCES ? focus : main();
      const loose = h.kind === 'attack' || ATTACK_FAMILY.has(h.kind);
      const fits = (d: Draft | null | undefined): d is Draft =>
        !!d && (loose ? draftKindsCompatible(d, h.kind) : d.kinds.some((k) => sameFamily(k.kind, h.kind))) && noClash(d, s2);
      if (fits(focus) && h.sentence - lastSpecificSentence <= ANAPHOR_WINDOW) return focus;
      if (h.kind !== 'attack') {
        for (let k = drafts.length - 1; k >= 0; k--) if (fits(drafts[k])) return drafts[k]!;
      }
      const m = main();
      return fits(m) ? m : null;
    };
    if (h.mode === 'specific') {
      // "a suicide bomber detonated explosives": two incident words in one
      // stretch of a sentence, with no clause break between, name one incident.
      const prevHit = lastKept && lastKept.sentence === h.sentence && lastKept.incident ? lastKept : null;
      // A participle after a comma continues the same event: "a truck bomb exploded …, setting fire to …".
      const gap = prevHit ? text.slice(prevHit.end, h.start) : '';
      const continues = /^[^;:]*,\s*$/.test(gap) && /^\w+ing\b/i.test(text.slice(h.start, h.end));
      const joined = prevHit && (h.start - prevHit.end <= SAME_EVENT_GAP_CHARS || continues) && (continues || !/[,;:]/.test(gap)) &&
        kindsCompatible(prevHit.kind, h.kind) && noClash(prevHit.incident!, sig) ? prevHit.incident! : null;
      // Later in the same sentence, a compatible mention that names nothing clashing tells the same incident
      // further: "In an attack suspected of …, a dynamite bomb exploded near a parked car in Akron"; "placed a
      // stick of dynamite, kerosene, … and a cigarette explosive device at the May Company store". Not across
      // a semicolon, nor after words that set another event beside it ("… came two months after a man drove …").
      const inAttackFamily = (k: IncidentKind): boolean => k === 'attack' || ATTACK_FAMILY.has(k);
      const sameSentence: Draft | null = !joined && prevHit && !h.inTitle && !/[;:]/.test(gap) && !prevHit.definite && !definite && inAttackFamily(prevHit.kind) && inAttackFamily(h.kind) &&
        !/[;]|\b(?:after|before|since|than|like|following|previous|earlier|later|last|similar|unlike|came)\b/i.test(text.slice(h.seg.start <= prevHit.start ? h.seg.start : sents[h.sentence]!.start, h.start)) &&
        kindsCompatible(prevHit.kind, h.kind) && noClash(prevHit.incident!, sig) ? prevHit.incident! : null;
      // A mention whose only anchor is a casualty statement ("Another firebomb thrown into the facility did
      // not explode."), right after the incident in focus and fitting it, goes on telling that incident.
      const casualtyOnly = h.why.startsWith('anchored by casualty figure') && !h.why.includes(', ');
      const continuesFocus: Draft | null = !joined && !sameSentence && casualtyOnly && focus && h.sentence > lastSpecificSentence && h.sentence - lastSpecificSentence <= ANAPHOR_WINDOW &&
        draftKindsCompatible(focus, h.kind) && noClash(focus, sig) ? focus : null;
      let target: Draft | null | undefined = joined ?? sameSentence ?? continuesFocus ?? byAnchor.first(h, sig, (d) => sameIncident(d, h, sig));
      // "The barbaric attack killed at least 144 people": a definite mention
      // with its own figures still refers back when nothing in it clashes.
      // A definite mention that names its own target, facility or city ("the
      // car bombing of …", "the terrorist attack on the Kerch Bridge") is a
      // different incident unless those match.
      const ownNames = sig.facilities.length > 0 || sig.named.length > 0 || hasNamedObject(text, h, ann);
      let refOnly = false;
      if (!target && definite && !ownNames && h.kind !== 'arrest' && h.rule !== 'casualty-report') {
        target = antecedent();
        // "the shooting" still refers back when a date near it is someone
        // else's ("told Putin on Saturday that …"); its date is then not used.
        if (!target) {
          target = antecedent(true);
          refOnly = !!target;
        }
      }
      if (!target) {
        target = newDraft(drafts.length, h);
        drafts.push(target);
      } else if (target.hits.length) h.why += `; same incident as #${target.index + 1}`;
      addHit(target, h, refOnly ? null : sig, !refOnly);
      byAnchor.note(target, h);
      lastKept = h;
      focus = target;
      lastSpecificSentence = h.sentence;
      continue;
    }
    const target = antecedent();
    if (!target) continue;
    h.why += `; refers to incident #${target.index + 1}`;
    addHit(target, h, null, false);
    byAnchor.note(target, h);
    lastKept = h;
    focus = target;
  }

  // 4. Sentences without an incident word that report casualties or
  // perpetrators belong to the incident in focus ("Five suspected terrorists
  // were killed on the spot.").
  const hitSentences = new Set(hits.filter((h) => h.mode !== 'skip').map((h) => h.sentence));
  const bySentence = new Map<number, Draft>();
  for (const d of drafts) for (const h of d.hits) if (!bySentence.has(h.sentence)) bySentence.set(h.sentence, d);
  // Each draft's hit sentences in order, to find the last one before a sentence by bisection.
  const hitSentencesOf = new Map<Draft, number[]>();
  for (const d of drafts) hitSentencesOf.set(d, d.hits.map((x) => x.sentence).sort((a, b) => a - b));
  let cur: Draft | null = null;
  for (const s of sents) {
    const d = bySentence.get(s.index);
    if (d) {
      cur = d;
      continue;
    }
    if (!cur || hitSentences.has(s.index) || !EVENT_REGIONS.has(regionOf(s.start))) continue;
    if (regionOf(s.start) !== 'body') continue;
    // Only the next few sentences after a mention: a new paragraph about something else ends the focus.
    const lastHitSentence = lastBelow(hitSentencesOf.get(cur)!, s.index);
    if (s.index - lastHitSentence > 3) continue;
    const qs = spanIndex(ann.quantities).inside(s);
    const st = text.slice(s.start, s.end);
    if (findCasualties(text, s.start, s.end, qs).length === 0 && !PERPETRATOR_NOUNS.test(st)) continue;
    cur.segs.push({ start: s.start, end: s.end });
  }

  // 5. Fill the fields.
  ALL_HITS.set(ann, hits);
  const docWide = docFacts(doc, ann);
  return drafts.map((d) => buildReport(doc, ann, d, docWide));
}

/**
 * Why a hit set aside by classifyHit may still be a document's one event. A hit skipped for want of
 * an anchor ("Journalists marched through the streets of the capital", "Rioting matatu drivers clash
 * with police") or read as a reference back to an incident that was never told ("Unknown gunmen kill
 * two members of Mungiki sect": an event verb with nothing to refer to) is, in a document that tells
 * no other incident, the event the document reports. Quotations, hypotheticals and headings stay set
 * aside: they report no event whatever else the document holds.
 */
/**
 * How far into a document its one event may be told. News puts the event in the lead (the title and the
 * first sentences) and a coder's note is a few sentences long; an unanchored event word deep in a long
 * article that tells no incident is background ("… the 1989 offensive …"), not the report.
 */
const LEAD_SENTENCES = 4;

/**
 * A report short enough to be about one event: a coder's note, a GTD summary, a wire brief. Only these
 * are read for an unanchored lead event. Counted in words, not sentences: lower-case wire text (MUC-4)
 * splits into few sentences. ACLED notes run 8-79 words (5th-99th percentile of train), GTD summaries
 * 28-157; MUC-4 stories 84-875, and there promoting the first event word of a story that anchors no
 * incident added more wrong fillers than right ones: a long article that anchors nothing is more
 * often analysis.
 */
const NOTE_MAX_WORDS = 160;

/** Words in a text, counted by runs of non-space. */
function wordCount(text: string): number {
  let n = 0;
  for (const _ of text.matchAll(WORD_RUN)) n++;
  return n;
}
const WORD_RUN = /\S+/g;

const LEAD_EVENT_WHYS: readonly string[] = [
  'no time, place, target or actor',
  'generic plural with no time, place or target',
  'definite reference back',
  'an event verb with no anchor of its own',
  'a participle continuing the clause before it',
  'arrest of the incident\'s suspects',
  'the means of an action told before it',
];

/**
 * A document no hit anchors still reports an event when the learned event detector reads the hit's
 * sentence as one (commentary, history and forecasts it reads as no event). The first such hit, in
 * document order, becomes the document's incident: a coder's note or a wire lead tells its event first.
 */
function promoteLeadEvent(text: string, sents: readonly Sentence[], hits: Hit[]): void {
  for (const h of hits) {
    if (h.sentence >= LEAD_SENTENCES) break;
    if (!LEAD_EVENT_WHYS.some((w) => h.why.startsWith(w))) continue;
    const s = sents[h.sentence]!;
    const det = h.rule === 'learned' ? null : detectEvent(text.slice(s.start, s.end));
    if (det && !det.isEvent) continue;
    h.mode = 'specific';
    h.why = `${h.why}; the document tells no other incident and its sentence reports an event${det ? ` (${det.reason})` : ''}`;
    return;
  }
}

/**
 * A target that is only a place name is where, not what: "kidnapped in colombia", "one person was killed
 * in tulcan". The role rules drop place mentions, but lower-case wire text (MUC-4) has none, so the name
 * itself is looked up: a country, or a town of at least RISKY_MAX_POPULATION people (smaller places share
 * their names with common words: "Embassy", "Farm").
 */
function isPlaceName(name: string): boolean {
  const bare = name.replace(LEADING_ARTICLE, '').trim();
  const g = getGazetteer();
  if (g.country(bare)) return true;
  return g.lookup(bare).some((c) => (c.population ?? 0) >= RISKY_MAX_POPULATION);
}
const LEADING_ARTICLE = /^(?:the|in|at)\s+/i;

/** The largest of the ascending `xs` below `limit`, or -1. */
function lastBelow(xs: readonly number[], limit: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid]! < limit) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 ? xs[lo - 1]! : -1;
}

function classifyHit(text: string, s: Sentence, h: Hit, ann: Annotations, regionOf: (p: number) => Region['kind'], dateline: PlaceDateline | null): void {
  const before = text.slice(Math.max(s.start, h.start - 50), h.start);
  const trig = text.slice(h.start, h.end);
  const sentText = text.slice(s.start, s.end);
  const plural = /s$/i.test(trig.split(/\s+/).pop() ?? '') && !/(?:ss|ous|sis)$/i.test(trig);
  const region = regionOf(s.start);
  const isHeading = region !== 'title' && !/[.!?"”:]\s*$/.test(sentText) && sentText.split(/\s+/).length <= HEADING_MAX_WORDS;
  if (/[“"]$/.test(before.trimEnd()) && /^[^“”"]*[”"]/.test(text.slice(h.end, s.end))) {
    h.mode = 'skip';
    h.why = 'inside a quotation';
    return;
  }
  if (IRREALIS_BEFORE.test(before) && h.rule !== 'arrest-verb' && h.rule !== 'arson-verb') {
    h.mode = 'skip';
    h.why = 'hypothetical or future ("will", "could", "to …")';
    return;
  }
  // "…, setting fire to seven wagons": a consequence told by a participle is
  // part of the event before it, never an incident of its own.
  if (/,\s*$/.test(before) && /^\w+ing\b/i.test(trig)) {
    h.mode = 'anaphoric';
    h.why = 'a participle continuing the clause before it';
    return;
  }
  // "Seven attackers died, most of them by detonating explosive vests": a gerund after "by" tells how
  // something already told was done — part of the incident in focus, not one of its own.
  if (/\bby\s+$/i.test(before) && /^\w+ing\b/i.test(trig)) {
    h.mode = 'anaphoric';
    h.why = 'the means of an action told before it ("by detonating …")';
    return;
  }
  const anchors = anchorsOf(text, h, ann, dateline);
  const definite = ANAPHOR_BEFORE.test(before);
  if (h.rule === 'casualty-report') {
    h.mode = 'specific';
    h.why = 'casualty report with date and place';
    return;
  }
  if (h.kind === 'arrest') {
    // An arrest of someone named is an incident of its own; an arrest of "the perpetrators" is a field of the incident in focus.
    h.mode = anchors.person || anchors.pronounPerson ? 'specific' : 'anaphoric';
    h.why = h.mode === 'specific' ? 'arrest of a named person' : 'arrest of the incident\'s suspects';
    return;
  }
  if (isHeading) {
    h.mode = definite ? 'anaphoric' : 'skip';
    h.why = 'heading line';
    return;
  }
  if (plural && GENERIC_BEFORE.test(before)) {
    h.mode = definite ? 'anaphoric' : 'skip';
    h.why = 'generic plural ("such attacks")';
    return;
  }
  if (anchors.strong) {
    h.mode = 'specific';
    h.why = `anchored by ${anchors.what.join(', ')}`;
    return;
  }
  if (EVENT_VERBS.test(before)) {
    h.mode = 'specific';
    h.why = 'an actor carried it out ("launched an …")';
    return;
  }
  if (definite) {
    h.mode = 'anaphoric';
    h.why = 'definite reference back ("the attack")';
    return;
  }
  // "a truck bomb exploded", "Gunmen then opened fire": an event told as it
  // happened, with no time or place of its own, describes the incident in focus.
  if (VERB_RULES.has(h.rule)) {
    h.mode = 'anaphoric';
    h.why = 'an event verb with no anchor of its own: part of the incident in focus';
    return;
  }
  h.mode = 'skip';
  h.why = plural ? 'generic plural with no time, place or target' : 'no time, place, target or actor';
}

interface Anchors {
  strong: boolean;
  what: string[];
  person: Mention | null;
  pronounPerson: boolean;
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
/**
 * A parenthetical of capitalised names after a place: the districts and province that place it, as
 * ACLED's notes and many wires write it ("Litein (Buret, Kericho)", "Mone Yu (105 Maing) village tract",
 * "Kandi (Alibori)"). It is masked when looking for the clause's end, which "(" otherwise marks.
 */
const PLACE_PARENTHETICAL = /\((?=[\p{Lu}\d])[\p{L}\d'’.-]+(?:[ -][\p{L}\d'’.-]+){0,3}(?:,\s*\p{Lu}[\p{L}'’.-]*(?:[ -][\p{L}'’.-]+){0,3}){0,3}\)/gu;

function anchorWindow(text: string, h: Hit): Span {
  // Before the trigger, the window starts after the last relative pronoun or
  // "that": "…, which have spearheaded the incursions" — "From Kiev" earlier in
  // that sentence is where someone lives, not where the incursions were.
  const lead = text.slice(h.seg.start, h.start);
  let start = h.seg.start;
  // So does "after": "gathered … on Friday, a day after a van ran down pedestrians" — Friday is the
  // gathering's day, not the attack's.
  const rel = /.*\b(?:which|who|whom|that|whose|after|since|following)\s/is.exec(lead);
  if (rel) start += rel[0].length;
  // A place's own parenthetical does not end the clause: "in the area of Birira (Djigoue, Poni)".
  const after = text.slice(h.end, h.seg.end).replace(PLACE_PARENTHETICAL, (m) => ' '.repeat(m.length));
  // A definite mention ("the terrorist attack, the evaluation … by Kiev")
  // takes only what is attached to it, up to the first comma; a new mention
  // takes its whole clause ("A suicide bomber killed 22 people, … at
  // Manchester Arena on Monday night").
  const definite = ANAPHOR_BEFORE.test(text.slice(Math.max(0, h.start - 40), h.start));
  // A relative clause right after the trigger is about it ("the attack which
  // bears the imprint of …"); one further on belongs to a later noun ("crowds
  // that had gathered … in Nice") and does not end the clause.
  // But a device's own relative clause tells where it went off: "two incendiary devices that ignited at
  // Alexander's Department Store in Manhattan", "bombs that were discovered in a power station".
  const relAfter = DEVICE_RELATIVE.test(after) ? null : /^\s*,?\s*(?:which|who|whose|that)\b/.exec(after);
  // "while" ends the clause when it sets another clause beside it, not before a gerund: "shot while signing autographs … in Orlando".
  const stop0 = after.search(definite ? CLAUSE_END_DEFINITE : CLAUSE_END);
  // A trigger inside an opening "after" clause ends at its comma: "One year after a truck was driven into
  // the Christmas market on Breitscheidplatz, Berlin on Tuesday unveiled a memorial" — Tuesday is the memorial's.
  const subordinate = /(?:^|[,;]\s*)(?:[\w-]+\s+){0,3}(?:after|since|before|following|until)\s+[^,;]*$/i.test(lead);
  // An aftermath verb starts the sentence's own predicate: "The man who killed 23 people in a racist attack
  // … in August 2019 was sentenced on Friday" — Friday is the sentencing's.
  const aftermath = AFTERMATH_PREDICATE.exec(after);
  const cuts = [stop0, subordinate ? after.indexOf(',') : -1, aftermath ? aftermath.index : -1].filter((x) => x >= 0);
  const stop1 = cuts.length ? Math.min(...cuts) : -1;
  const stop = relAfter ? (stop1 >= 0 ? Math.min(stop1, relAfter[0].length) : relAfter[0].length) : stop1;
  const len = Math.min(stop >= 0 ? stop : after.length, definite ? DEFINITE_AFTER_CHARS : ANCHOR_AFTER_CHARS);
  return { start, end: h.end + len };
}

/** The items of a layer inside a window, less those inside an excluded stretch. */
function windowed<T extends Span>(layer: readonly T[], w: Span, exclude: readonly Span[] = []): T[] {
  const xs = spanIndex(layer).inside(w);
  return exclude.length ? xs.filter((x) => !exclude.some((e) => inSeg(x, e))) : xs;
}

/** An appositive: a stretch between two commas that starts with a determiner. */
const APPOSITIVE = /,\s+(?:the|a|an|his|her|their|its)\s+[^,;()]{3,100}?,/g;
/** A verb that makes the stretch a clause, not an appositive. */
const APPOSITIVE_VERB = /\b(?:was|were|is|are|has|have|had|said|killed|arrested)\b/;

/**
 * The appositives of a sentence (", the most wanted suspect in the November
 * attacks in Paris,"), in text order: stretches between two commas that
 * start with a determiner and have no verb of their own. Found once per
 * sentence; each hit then looks up the one around it, the first that holds it.
 */
function appositivesIn(text: string, s: Span): Span[] {
  const out: Span[] = [];
  const st = text.slice(s.start, s.end);
  APPOSITIVE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = APPOSITIVE.exec(st)) !== null) {
    if (!APPOSITIVE_VERB.test(m[0])) out.push({ start: s.start + m.index, end: s.start + m.index + m[0].length });
    APPOSITIVE.lastIndex = m.index + 1;
  }
  return out;
}

function anchorsOf(text: string, h: Hit, ann: Annotations, dateline: PlaceDateline | null = null): Anchors {
  const what: string[] = [];
  const seg = h.seg;
  const w = anchorWindow(text, h);
  const dates = datesFor(text, h, windowed(ann.dates, w, h.exclude));
  if (dates.length) what.push(`date "${dates[0]!.text}"`);
  const places = windowed(ann.mentions, w, h.exclude).filter((m) => m.type === 'PLACE' && m.place && !m.place.featureCode.startsWith('PCL') && !isOriginOrDirection(text, m));
  if (places.length) what.push(`place "${places[0]!.text}"`);
  else if (datelineCovers(dateline, h)) what.push(`dateline place "${dateline!.mention.text}"`);
  const fac = windowed(ann.mentions, w, h.exclude).filter((m) => m.type === 'FACILITY');
  if (fac.length) what.push(`facility "${fac[0]!.text}"`);
  // "of/on/against" + a named thing right after the trigger: "the terrorist attack on the Kerch Bridge".
  const after = text.slice(h.end, Math.min(seg.end, h.end + 60));
  const named = /^\s+(?:on|of|against|at)\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?[A-Z]/.exec(after);
  if (named) {
    const at = h.end + named[0].length - 1;
    const mm = spanIndex(ann.mentions).containing(at)[0];
    if (mm && !(mm.type === 'PLACE' && mm.place?.featureCode.startsWith('PCL')) && mm.type !== 'NORP') what.push(`named target "${mm.text}"`);
  }
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
function datesFor(text: string, h: Hit, ds: DateMention[]): DateMention[] {
  const definite = ANAPHOR_BEFORE.test(text.slice(Math.max(0, h.start - 40), h.start));
  const inOwnNoun = (d: DateMention): boolean => d.end <= h.start && h.start - d.end <= 14 && /^[\s\w-]*$/.test(text.slice(d.end, h.start)); // "the 2004 school siege"
  return ds.filter((d) => d.value.precision !== 'unknown' && !isStatementDate(text, d) && !isUntilDate(text, d) && (!definite || inOwnNoun(d) || (d.start >= h.end && d.start - h.end <= DEFINITE_DATE_AFTER_CHARS)));
}

/** "was, until 2021, the head of …": a date bounding a state, not an event. */
/** "the bombing of the Nord Stream gas pipeline": a capitalised name right after "of/on/against". */
function hasNamedObject(text: string, h: Hit, ann: Annotations): boolean {
  const after = text.slice(h.end, Math.min(h.seg.end, h.end + 60));
  const named = /^\s+(?:on|of|against|at)\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?[A-Z]/.exec(after);
  if (!named) return false;
  const at = h.end + named[0].length - 1;
  const mm = spanIndex(ann.mentions).containing(at)[0];
  return !!mm && mm.type !== 'NORP' && !(mm.type === 'PLACE' && mm.place?.featureCode.startsWith('PCL'));
}

function isUntilDate(text: string, d: DateMention): boolean {
  return /\b(?:until|till|since|by|before|after)\s+(?:(?!the\b)\w+\s+)?$/i.test(text.slice(Math.max(0, d.start - 25), d.start));
}

/**
 * Who an arrest hit says was arrested: the subject of "X was arrested"
 * (the words since the last clause break), or the name after "the arrest of".
 * "told President Putin on Saturday that 11 people had been detained" — the
 * subject is "11 people", not Putin.
 */
function arresteeOf(text: string, h: Hit, ann: Annotations): { person: Mention | null; pronoun: boolean } {
  const sent = ann.sentences[h.sentence]!;
  if (h.rule === 'arrest' || h.rule === 'arrest-active') {
    const m = spanIndex(ann.mentions).startingIn(h.end, h.end + 25).find((x) => x.type === 'PERSON');
    return { person: m ?? null, pronoun: false };
  }
  const lead = text.slice(sent.start, h.start);
  const br = Math.max(lead.lastIndexOf(','), lead.lastIndexOf(';'), lead.search(/\bthat\s+(?:[\s\S](?!\bthat\b))*$/));
  const subjStart = sent.start + (br >= 0 ? br + 1 : 0);
  const subj = { start: subjStart, end: h.start };
  if (spanIndex(ann.quantities).inside(subj).length) return { person: null, pronoun: false };
  const person = spanIndex(ann.mentions).inside(subj).find((m) => m.type === 'PERSON') ?? null;
  return { person, pronoun: !person && /^\s*(?:He|She)\s/.test(text.slice(subjStart, h.start)) };
}

function isStatementDate(text: string, d: DateMention): boolean {
  return STATEMENT_DATE_BEFORE.test(text.slice(Math.max(0, d.start - 60), d.start));
}

interface Signature {
  dates: DateMention[];
  places: Mention[];
  facilities: Mention[];
  named: Mention[];
}

function signature(text: string, h: Hit, ann: Annotations, dateline: PlaceDateline | null = null): Signature {
  const w = anchorWindow(text, h);
  const own = windowed(ann.mentions, w, h.exclude).filter((m) => m.type === 'PLACE' && m.place);
  const ownCity = own.some((m) => !m.place!.featureCode.startsWith('PCL') && !m.place!.featureCode.startsWith('ADM'));
  return {
    dates: datesFor(text, h, windowed(ann.dates, w, h.exclude)),
    // A lead paragraph's incident with no city of its own happened where the story is filed from.
    places: !ownCity && datelineCovers(dateline, h) ? [...own, dateline!.mention] : own,
    facilities: windowed(ann.mentions, w, h.exclude).filter((m) => m.type === 'FACILITY'),
    named: windowed(ann.mentions, w, h.exclude).filter((m) => (m.type === 'PERSON' || m.type === 'ORG') && m.start >= h.end && m.start - h.end < 40),
  };
}

/** Nothing in the hit's own words contradicts the incident: no other day, no other city. */
function noClash(d: Draft, sig: Signature): boolean {
  if (sig.dates.some((x) => d.dates.some((y) => datesClash(x.value, y.m.value)))) return false;
  const cities = (ms: Mention[]): Mention[] => ms.filter((m) => m.place && !m.place.featureCode.startsWith('PCL') && !m.place.featureCode.startsWith('ADM'));
  const hc = cities(sig.places);
  const dc = cities(d.places);
  if (hc.length && dc.length && !hc.some((x) => dc.some((y) => x.place!.name === y.place!.name))) return false;
  if (sig.facilities.length && d.facilities.length && !sameFacility(sig.facilities, d.facilities)) return false;
  return true;
}

function sameFacility(a: Mention[], b: Mention[]): boolean {
  return a.some((f) => {
    const w = distinctive(f);
    return b.some((g) => distinctive(g).some((x) => w.includes(x)));
  });
}

/** Distinctive words of a facility name: "Crocus City Hall" and "Crocus City concert hall" share "crocus". */
function distinctive(m: Mention): string[] {
  return m.key.split(/\s+/).filter((w) => w.length > 3 && !/^(city|hall|concert|the|centre|center|bridge|church|airport|station|street|square)$/.test(w));
}

/** Distinctive place: a city (not a country or a first-level region). */
function isCityMention(m: Mention): boolean {
  return !!m.place && !m.place.featureCode.startsWith('PCL') && !m.place.featureCode.startsWith('ADM');
}

function cityKey(p: PlaceRef): string {
  return `${p.geonameid}|${p.name}`;
}

function regionKey(p: PlaceRef): string {
  return JSON.stringify([p.admin1Name, p.countryCode]);
}

function dayKey(v: DateValue): string | null {
  return v.precision === 'day' ? `${v.year}-${v.month}-${v.day}` : null;
}

/** A date with year, month and day all known, as a key; null for any other. */
function fullDayKey(v: DateValue): string | null {
  return v.year !== null && v.month !== null && v.day !== null ? `${v.year}-${v.month}-${v.day}` : null;
}

/**
 * The one full date all of `dates` give: 'none' when there are none, 'mixed'
 * when they differ or one is partial. `from` is the state of dates seen
 * before these, so the state can be kept up as dates accrue.
 */
function dayState(dates: readonly DateValue[], from = 'none'): string {
  let state = from;
  for (const v of dates) {
    if (state === 'mixed') return state;
    const k = fullDayKey(v);
    state = k === null || (state !== 'none' && k !== state) ? 'mixed' : k;
  }
  return state;
}

/** What DraftIndex knows of a draft: how much of it is indexed, and the buckets it belongs to now. */
interface DraftEntry {
  facilities: number;
  places: number;
  dates: number;
  titleOnly: boolean;
  cities: string[];
  day: string;
}

/**
 * Drafts by the anchors through which `sameIncident` can join a new mention
 * to them, so that a mention is compared with the few drafts it could join
 * rather than with every draft before it (which made long documents
 * quadratic). `first(h, sig, test)` visits a superset of the drafts for
 * which `sameIncident` holds, in draft order, and stops at the first that
 * passes `test`: the same draft as a scan of all drafts finds. The buckets:
 *  - drafts told so far only in the title (or not specifically),
 *  - drafts sharing a distinctive facility word,
 *  - drafts with a city in a region the mention names,
 *  - drafts dated the same day,
 *  - drafts sharing a city, when the mention is definite or dated (a shared
 *    city alone never joins). When the mention gives one full date, only
 *    drafts with that same date, or with no single full date, can join; the
 *    drafts of that city on other full dates are skipped unread.
 * `note` must be called whenever a hit is added to a draft.
 */
class DraftIndex {
  /** Bucket key → drafts, ascending by index. A draft that has left a bucket stays listed but fails `holds`. */
  private readonly buckets = new Map<string, Draft[]>();
  private readonly entries = new Map<Draft, DraftEntry>();

  private put(key: string, d: Draft): void {
    let list = this.buckets.get(key);
    if (!list) this.buckets.set(key, (list = []));
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid]!.index <= d.index) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0 && list[lo - 1] === d) return;
    list.splice(lo, 0, d);
  }

  /** Whether a listed draft still belongs to the bucket (title-only and date buckets change as drafts grow). */
  private holds(key: string, d: Draft): boolean {
    const e = this.entries.get(d)!;
    if (key === 't') return e.titleOnly;
    if (key.startsWith('cd:')) return key.endsWith(`|${e.day}`);
    if (key.startsWith('cx:')) return e.day === 'none' || e.day === 'mixed';
    return true;
  }

  note(d: Draft, h: Hit): void {
    let e = this.entries.get(d);
    if (!e) this.entries.set(d, (e = { facilities: 0, places: 0, dates: 0, titleOnly: false, cities: [], day: 'none' }));
    if (h.inTitle || h.mode !== 'specific') {
      if (d.hits.length === 1) {
        e.titleOnly = true;
        this.put('t', d);
      }
    } else e.titleOnly = false;
    for (; e.facilities < d.facilities.length; e.facilities++) for (const w of distinctive(d.facilities[e.facilities]!)) this.put(`f:${w}`, d);
    const dayBucket = (city: string): string => (e!.day === 'none' || e!.day === 'mixed' ? `cx:${city}` : `cd:${city}|${e!.day}`);
    const day = e.day;
    for (; e.dates < d.dates.length; e.dates++) {
      const v = d.dates[e.dates]!.m.value;
      const k = dayKey(v);
      if (k) this.put(`d:${k}`, d);
      e.day = dayState([v], e.day);
    }
    if (e.day !== day) for (const city of e.cities) this.put(dayBucket(city), d);
    for (; e.places < d.places.length; e.places++) {
      const p = d.places[e.places]!;
      if (!isCityMention(p)) continue;
      this.put(`r:${regionKey(p.place!)}`, d);
      const city = cityKey(p.place!);
      if (e.cities.includes(city)) continue;
      e.cities.push(city);
      this.put(`c:${city}`, d);
      this.put(dayBucket(city), d);
    }
  }

  /** The buckets that hold every draft `sameIncident` could join the mention to. */
  private bucketsFor(h: Hit, sig: Signature): string[] {
    const keys = ['t'];
    for (const f of sig.facilities) for (const w of distinctive(f)) keys.push(`f:${w}`);
    for (const p of sig.places) if (p.place?.featureCode.startsWith('ADM')) keys.push(`r:${regionKey(p.place)}`);
    for (const x of sig.dates) {
      const k = dayKey(x.value);
      if (k) keys.push(`d:${k}`);
    }
    if (h.definite || sig.dates.length) {
      // A draft on another full date clashes with a mention that gives one full date.
      const day = sig.dates.length ? dayState(sig.dates.map((x) => x.value)) : 'none';
      for (const p of sig.places) {
        if (!isCityMention(p)) continue;
        const city = cityKey(p.place!);
        if (day === 'none' || day === 'mixed') keys.push(`c:${city}`);
        else keys.push(`cd:${city}|${day}`, `cx:${city}`);
      }
    }
    return keys;
  }

  /** The first draft, in draft order, among those the mention could join, that passes `test`. */
  first(h: Hit, sig: Signature, test: (d: Draft) => boolean): Draft | undefined {
    // sameIncident never joins an arrest to an earlier draft.
    if (h.kind === 'arrest') return undefined;
    const lists = [...new Set(this.bucketsFor(h, sig))].flatMap((k) => {
      const list = this.buckets.get(k);
      return list ? [{ key: k, list, at: 0 }] : [];
    });
    let last = -1;
    for (;;) {
      // The next draft in order across the buckets (there are only a few).
      let next: (typeof lists)[number] | null = null;
      for (const l of lists) if (l.at < l.list.length && (!next || l.list[l.at]!.index < next.list[next.at]!.index)) next = l;
      if (!next) return undefined;
      const d = next.list[next.at++]!;
      if (d.index === last || !this.holds(next.key, d)) continue;
      last = d.index;
      if (test(d)) return d;
    }
  }
}

function sameIncident(d: Draft, h: Hit, sig: Signature): boolean {
  if (!draftKindsCompatible(d, h.kind)) return false;
  if (h.kind === 'arrest') return false;
  // A headline summarises the lead: an incident known only from the title is
  // the first fitting incident the body describes.
  if (d.hits.every((x) => x.inTitle || x.mode !== 'specific') && !h.inTitle && noClash(d, { ...sig, facilities: [] })) return true;
  // Another day is another incident, even at the same place.
  const dateClash = sig.dates.some((x) => d.dates.some((y) => datesClash(x.value, y.m.value)));
  if (dateClash) return false;
  // A shared distinctive facility name decides it.
  if (sameFacility(sig.facilities, d.facilities)) return true;
  const cities = (ms: Mention[]): Mention[] => ms.filter((m) => m.place && !m.place.featureCode.startsWith('PCL') && !m.place.featureCode.startsWith('ADM'));
  const hc = cities(sig.places);
  const dc = cities(d.places);
  if (hc.length && dc.length) {
    const sameCity = hc.some((x) => dc.some((y) => x.place!.geonameid === y.place!.geonameid && x.place!.name === y.place!.name));
    if (!sameCity) return false;
    // A city alone does not make a new, indefinite mention ("a man drove a
    // car into pedestrians … in London") the same as an earlier incident
    // there: it must also agree on the date.
    if (!h.definite) return sig.dates.some((x) => d.dates.some((y) => !datesClash(x.value, y.m.value)));
    return true;
  }
  // "the terrorist attacks in Dagestan": a region containing the incident's cities.
  const regions = sig.places.filter((m) => m.place?.featureCode.startsWith('ADM'));
  if (regions.length && dc.length) return regions.some((r) => dc.some((c) => c.place!.admin1Name === r.place!.admin1Name && c.place!.countryCode === r.place!.countryCode));
  if (sig.dates.length && d.dates.length && !dateClash && (hc.length === 0 || dc.length === 0)) return sig.dates.some((x) => d.dates.some((y) => sameDay(x.value, y.m.value)));
  return false;
}

function datesClash(a: DateValue, b: DateValue): boolean {
  if (a.year !== null && b.year !== null && a.year !== b.year) return true;
  if (a.month !== null && b.month !== null && a.month !== b.month) return true;
  if (a.day !== null && b.day !== null && a.day !== b.day) return true;
  return false;
}
function sameDay(a: DateValue, b: DateValue): boolean {
  return a.precision === 'day' && b.precision === 'day' && a.year === b.year && a.month === b.month && a.day === b.day;
}

function draftKindsCompatible(d: Draft, k: IncidentKind): boolean {
  return d.kinds.some((x) => kindsCompatible(x.kind, k));
}

function newDraft(index: number, h: Hit): Draft {
  return { index, kinds: [], anchor: { start: h.seg.start, end: h.seg.end }, hits: [], segs: [], dates: [], places: [], facilities: [], namedTargets: [], inPassing: false };
}

function sameFamily(a: IncidentKind, b: IncidentKind): boolean {
  return a === b || (kindsCompatible(a, b) && a !== 'attack' && b !== 'attack');
}

function addHit(d: Draft, h: Hit, sig: Signature | null, specific: boolean): void {
  h.incident = d;
  d.hits.push(h);
  // Only a mention with its own anchors says what kind of incident it was;
  // "the attacks" later in the text does not.
  if (specific || d.kinds.length === 0) d.kinds.push({ kind: h.kind, span: { start: h.start, end: h.end }, reason: `${h.reason} (${h.why})` });
  d.segs.push(h.seg);
  if (sig) {
    for (const x of sig.dates) d.dates.push({ m: x, seg: h.seg });
    for (const p of sig.places) if (!d.places.some((q) => q.start === p.start)) d.places.push(p);
    for (const f of sig.facilities) if (!d.facilities.some((q) => q.start === f.start)) d.facilities.push(f);
  }
}

function attested<T>(value: T, evidence: Span[], confidence: number, reason: string): Attested<T> {
  return { value, evidence, confidence, stage: INCIDENT_STAGE, reason };
}

/**
 * What every report of a document reads the same way, found once per
 * document rather than once per report (each is a search of the whole
 * document, and long documents have thousands of reports).
 */
interface DocFacts {
  /** Start of the first body region, and the end of its first paragraph (-1: the body is one paragraph). */
  bodyStart: number;
  leadEnd: number;
  /** A date opening the body as a dateline, with the end of its paragraph (-1: none). */
  dateline: { date: DateMention; paraEnd: number } | null;
  places: PlaceCounts;
  /** The document's country, for a report whose clause names no place (document-country.ts). */
  country: Attested<Location> | null;
}

function docFacts(doc: Doc, ann: Annotations): DocFacts {
  const bodyStart = doc.regions.find((r) => r.kind === 'body')?.start ?? 0;
  return { bodyStart, leadEnd: doc.text.indexOf('\n\n', bodyStart), dateline: openingDate(doc, ann), places: placeCounts(ann.mentions), country: documentCountry(doc.text, ann.mentions) };
}

function buildReport(doc: Doc, ann: Annotations, d: Draft, docWide: DocFacts): IncidentReport {
  const text = doc.text;
  // Kind: the most informative kind any mention gave.
  const kinds = [...d.kinds].sort((a, b) => KIND_PRIORITY.indexOf(a.kind) - KIND_PRIORITY.indexOf(b.kind));
  let kind = kinds[0]!.kind;
  // The main weapon first: an attack with rifles in which a building was also
  // set on fire is a firearms attack (GTD codes the primary weapon first).
  const weapons = collectWeapons(text, d).sort((a, b) => weaponRank(a.value) - weaponRank(b.value));
  // "terrorist attacks … with an assault rifle" is an armed assault; with a bomb, a bombing.
  if (kind === 'attack' && weapons.length) {
    const w = weapons[0]!.value;
    if (w === 'Firearms') kind = 'armed_assault';
    else if (w === 'Explosives') kind = 'bombing';
  }
  const typeReason = kinds[0]!.reason + (kind !== kinds[0]!.kind ? `; refined to ${kind} by the weapon` : '');
  const type = attested(incidentType(kind), kinds.filter((k) => k.kind === kinds[0]!.kind).map((k) => k.span), 0.8, typeReason);

  // Date: the most precise date in the incident's own clauses.
  const ranked = [...d.dates].sort((a, b) => precRank(b.m.value.precision) - precRank(a.m.value.precision));
  let date: Attested<DateValue>;
  if (ranked.length) {
    const best = ranked[0]!.m;
    const same = ranked.filter((r) => r.m.iso === best.iso).map((r) => ({ start: r.m.start, end: r.m.end }));
    date = attested(best.value, same, best.relative ? 0.7 : 0.9, `date in the incident's clause: ${best.reason}`);
  } else {
    date =
      relativeToOtherIncident(text, d, ann) ??
      datelineDate(docWide.dateline, d) ??
      casualtyClauseDate(text, d, ann) ??
      attested<DateValue>({ year: null, month: null, day: null, precision: 'unknown' }, [], 0.5, 'the text gives no date for this incident');
  }

  // Places: the most specific named places; regions and countries that only
  // contain them are dropped.
  const locations = buildLocations(text, d, docWide.places);
  if (!locations.length && docWide.country) locations.push(docWide.country);

  const perpetrators: Attested<ActorValue>[] = [];
  const targets: Attested<TargetValue>[] = [];
  const seenSeg = new Set<string>();
  // The first specific hit of each segment, looked up rather than searched for per segment.
  const hitOfSeg = new Map<string, Hit>();
  for (const h of d.hits) if (h.mode === 'specific' && !hitOfSeg.has(`${h.seg.start}:${h.seg.end}`)) hitOfSeg.set(`${h.seg.start}:${h.seg.end}`, h);
  for (const seg of d.segs) {
    const k = `${seg.start}:${seg.end}`;
    if (seenSeg.has(k)) continue;
    seenSeg.add(k);
    for (const p of findPerpetrators(text, seg, ann.mentions)) {
      if (!perpetrators.some((x) => x.value.name === p.value.name)) perpetrators.push(attested(p.value, [{ start: p.start, end: p.end }], p.confidence, p.reason));
    }
    const hit = hitOfSeg.get(k);
    for (const t of findTargets(text, seg, hit ? { start: hit.start, end: hit.end } : null, ann.mentions, ann.dates)) {
      const head = (x: string): string => (x.toLowerCase().split(/\s+/).pop() ?? '').replace(/e?s$/, '');
      if (isPlaceName(t.value.name)) continue;
      if (!targets.some((x) => head(x.value.name) === head(t.value.name))) targets.push(attested(t.value, [{ start: t.start, end: t.end }], t.confidence, t.reason));
    }
  }

  // Casualties from every clause of the incident.
  const facts: CasualtyFact[] = [];
  const seen = new Set<number>();
  for (const seg of d.segs) {
    const qs = spanIndex(ann.quantities).inside(seg).filter((q) => !seen.has(q.start));
    for (const f of findCasualties(text, seg.start, seg.end, qs)) {
      seen.add(f.quantity.start);
      facts.push(f);
    }
  }
  const pick = (field: CasualtyFact['field'], who: CasualtyFact['who']): Attested<Count> | null => {
    const fs = facts.filter((f) => f.field === field && f.who === who && !f.breakdown);
    if (!fs.length) return null;
    // Several statements of one figure: the one stated most often, then the highest
    // (reports update tolls upwards); every statement stays as evidence.
    const byValue = new Map<number, CasualtyFact[]>();
    for (const f of fs) byValue.set(f.quantity.value, [...(byValue.get(f.quantity.value) ?? []), f]);
    const best = [...byValue.entries()].sort((a, b) => b[1].length - a[1].length || b[0] - a[0])[0]!;
    const q = best[1][0]!.quantity;
    const others = [...byValue.keys()].filter((v) => v !== best[0]);
    let reason = best[1][0]!.reason + (others.length ? `; the report also gives ${others.join(', ')}` : '');
    const evidence = best[1].map((f) => ({ start: f.start, end: f.end }));
    // A breakdown that adds up to the total is evidence too: "16 policemen and five civilians".
    const parts = facts.filter((f) => f.field === field && f.breakdown);
    if (parts.length > 1 && parts.reduce((s, f) => s + f.quantity.value, 0) === q.value) {
      evidence.push(...parts.map((f) => ({ start: f.quantity.start, end: f.end })));
      reason += `; breakdown ${parts.map((f) => text.slice(f.quantity.start, f.end)).join(' + ')} adds up`;
    }
    return attested(countOf(q), evidence, best[1].length > 1 ? 0.9 : 0.8, reason);
  };
  const killedVictims = pick('killed', 'victims');
  const killedPerpetrators = pick('killed', 'perpetrators');
  let killedTotal: Attested<Count> | null = null;
  if (killedVictims && killedPerpetrators) {
    const v = killedVictims.value;
    const p = killedPerpetrators.value;
    killedTotal = attested<Count>(
      { value: v.value + p.value, qualifier: v.qualifier === 'exact' && p.qualifier === 'exact' ? 'exact' : 'at_least', low: null, high: null, text: `${v.text} + ${p.text}` },
      [...killedVictims.evidence, ...killedPerpetrators.evidence], Math.min(killedVictims.confidence, killedPerpetrators.confidence),
      'sum: the report counts the attackers killed apart from the other dead',
    );
  } else if (killedVictims || killedPerpetrators) {
    const k = (killedVictims ?? killedPerpetrators)!;
    killedTotal = { ...k, reason: `${k.reason}; the only death figure given` };
  }
  const injured = pick('injured', 'victims') ?? pick('injured', 'perpetrators');
  const arrested = pick('arrested', 'perpetrators');

  // Victims as the text names them: "16 policemen", "five civilians", "one Orthodox priest".
  const victims: Attested<VictimValue>[] = [];
  for (const f of facts) {
    if (f.who !== 'victims' || f.field === 'arrested') continue;
    const np = /^\s*((?:[A-Za-z][\w-]*\s+){0,2}?(?:policem[ae]n|police officers?|officers?|civilians?|soldiers?|servicem[ae]n|children|women|men|worshippers|priests?|journalists?|students|pilgrims|tourists|passengers|guards?|officials?|residents|villagers|peasants|workers|members of [\w\s]+?family))\b/i.exec(text.slice(f.quantity.end, f.end + 40));
    if (!np) continue;
    const start = f.quantity.start;
    const end = f.quantity.end + np[0].length;
    const name = text.slice(start, end);
    if (!victims.some((v) => v.value.name === name)) victims.push(attested({ name }, [{ start, end }], 0.7, `${f.reason}: the people counted`));
  }
  const weaponsAtt = weapons.map((w) => attested(w.value, [{ start: w.start, end: w.end }], w.confidence, w.reason));
  const specific = d.hits.find((h) => h.mode === 'specific') ?? d.hits[0]!;
  const anchorSent = ann.sentences[specific.sentence]!;
  // An incident is reported "in passing" when the report gives it one clause and no figures.
  // The incident a report's lead paragraph opens with is its news, never a mention in passing, even
  // before figures are known ("An armed man took several people hostage … on Friday afternoon").
  const { bodyStart, leadEnd } = docWide;
  const firstSpecific = d.hits.find((h) => h.mode === 'specific');
  const opensLead = d.index === 0 && !!firstSpecific && !firstSpecific.inTitle && firstSpecific.start >= bodyStart && (leadEnd < 0 || firstSpecific.start < leadEnd);
  const inPassing = !opensLead && d.hits.filter((h) => h.mode === 'specific').length <= 1 && d.segs.length <= 1 && !killedTotal && !injured;
  const firstPlace = locations[0]?.value.place.name;
  const facility = d.facilities[0]?.text;
  const label = `${kind.replace(/_/g, ' ')}${facility ? ` — ${facility}` : ''}${firstPlace ? ` — ${firstPlace}` : ''}`;
  const report: IncidentReport = {
    id: `${doc.id.slice(0, 16)}:${d.index}`,
    docId: doc.id,
    index: d.index,
    anchor: { start: anchorSent.start, end: anchorSent.end },
    inPassing,
    type,
    date,
    locations,
    perpetrators,
    targets,
    victims,
    weapons: weaponsAtt,
    killedVictims,
    killedPerpetrators,
    killedTotal,
    injured,
    arrested,
    facilities: dedupeFacilities(d.facilities).map((f) => attested(f.text, [{ start: f.start, end: f.end }], 0.8, `facility named in the incident's clause: ${f.reason}`)),
    label,
  };
  applyRoleMentions(report, doc, ann, d.segs);
  if (kind === 'arrest') {
    const h = specific;
    const sent = ann.sentences[h.sentence]!;
    const isPerson = (m: Mention): boolean => m.type === 'PERSON';
    const near = { start: Math.max(sent.start, h.start - 80), end: Math.min(sent.end, h.end + 60) };
    const who = spanIndex(ann.mentions).inside(near).find(isPerson) ?? spanIndex(ann.mentions).lastEndingBy(sent.start, isPerson);
    if (who) {
      report.targets = [attested({ name: who.key.replace(/\b\w/g, (c) => c.toUpperCase()), gtdTargetType: 'Private Citizens & Property' }, [{ start: who.start, end: who.end }], 0.7, `arrested person: ${who.reason}`)];
      report.arrested = attested<Count>({ value: 1, qualifier: 'exact', low: 1, high: 1, text: text.slice(h.start, h.end) }, [{ start: h.start, end: h.end }], 0.7, 'one named person was arrested');
      report.label = `arrest — ${report.targets[0]!.value.name}`;
    }
  }
  return report;
}

/**
 * "Just days before the Crocus City Hall attack, … launched an incursion": a
 * date given relative to another incident in the same report. Days or hours
 * keep the other incident's month; weeks and longer give no date.
 */
function relativeToOtherIncident(text: string, d: Draft, ann: Annotations): Attested<DateValue> | null {
  for (const h of d.hits) {
    const sent = ann.sentences[h.sentence]!;
    const st = text.slice(sent.start, sent.end);
    const re = /\b(?:just\s+|only\s+|a few\s+)?(?:days|hours)\s+(?:before|after|prior to)\s+the\s+/gi;
    let m: RegExpExecArray | null;
    while ((m = re.exec(st)) !== null) {
      const at = sent.start + m.index + m[0].length;
      const hits = ALL_HITS.get(ann);
      const other = hits && spanIndex(hits).startingIn(at, at + 39).find((o) => o.incident && o.incident !== d);
      const od = other?.incident?.dates[0]?.m;
      if (od && od.value.year !== null && od.value.month !== null) {
        return attested<DateValue>({ year: od.value.year, month: od.value.month, day: null, precision: 'month' }, [{ start: sent.start + m.index, end: other!.end }], 0.6,
          `"${m[0].trim()} …" another incident dated ${od.iso}: same month, day unknown`);
      }
    }
  }
  return null;
}
const ALL_HITS = new WeakMap<Annotations, Hit[]>();

/** Where a new mention's clause ends after its trigger; "while" only when it sets another clause beside it, not before a gerund. */
const CLAUSE_END = /\s(?:because|but|while(?!\s+\w+ing\b)|although|as well as)\b|[;—–(]|\s-\s/;
/** A definite mention takes only what is attached to it, up to the first comma too. */
const CLAUSE_END_DEFINITE = new RegExp(`${CLAUSE_END.source}|,`);

/** The predicate of what came after an incident: its date is not the incident's. */
const AFTERMATH_PREDICATE = /\s(?:was|were|is|are|has been|have been)\s+(?:\w+ly\s+)?(?:sentenced|jailed|convicted|acquitted|charged|indicted|tried|arrested|named|identified|released|buried|honou?red|remembered|mourned|commemorated|extradited|executed)\b/i;

/** A place dateline opening the body ("ORLANDO, Fla. —", "BARCELONA, Spain (Wire) —") and the end of its paragraph. */
interface PlaceDateline {
  mention: Mention;
  paraEnd: number;
}

/**
 * "ORLANDO, Fla. — Christina Grimmie … died after being shot …": wire
 * reports open with the city they are filed from, in capitals, set off by a
 * dash. It places the incidents of that first paragraph that name no city of
 * their own. A dateline in plain case ("Paris — ") counts too when the
 * gazetteer reads it as a city.
 */
const PLACE_DATELINE = /^\s*([A-ZÀ-Þ][\p{L}.' -]{1,40}?)(?:,\s*[\p{L}.]+(?:\s[\p{L}.]+)?)?\s*(?:\([^)\n]{1,30}\)\s*)?(?:[—–]|-(?=\s))\s/u;

function placeDateline(doc: Doc, ann: Annotations): PlaceDateline | null {
  const body = doc.regions.find((r) => r.kind === 'body');
  const start = body ? body.start : 0;
  const m = PLACE_DATELINE.exec(doc.text.slice(start, start + 80));
  if (!m) return null;
  const lead = m.index + m[0].search(/\S/);
  const mention = ann.mentions.find((x) => x.type === 'PLACE' && x.place && x.start === start + lead && !x.place.featureCode.startsWith('PCL') && !x.place.featureCode.startsWith('ADM'));
  if (!mention) return null;
  const pe = doc.text.indexOf('\n\n', mention.end);
  return { mention, paraEnd: pe < 0 ? doc.text.length : pe };
}

function datelineCovers(dl: PlaceDateline | null, h: Hit): boolean {
  return !!dl && !h.inTitle && h.start > dl.mention.end && h.start < dl.paraEnd;
}

/**
 * A dateline: a date opening the body and set off by a colon or a dash
 * ("1/9/1970: Unknown perpetrators set off a firebomb …", "26 August — A
 * suicide bomber …"). It dates the incidents of that first paragraph that
 * have no date of their own.
 */
function datelineDate(opening: DocFacts['dateline'], d: Draft): Attested<DateValue> | null {
  if (!opening) return null;
  const { date: dl, paraEnd } = opening;
  const first = d.hits.find((h) => h.mode === 'specific') ?? d.hits[0]!;
  if (paraEnd >= 0 && first.start > paraEnd) return null;
  return attested(dl.value, [{ start: dl.start, end: dl.end }], 0.8, `dateline: the date opening the report dates its first paragraph (${dl.reason})`);
}

/** The date that opens the body set off by a colon or a dash, and where its paragraph ends. */
function openingDate(doc: Doc, ann: Annotations): DocFacts['dateline'] {
  const body = doc.regions.find((r) => r.kind === 'body');
  const start = body ? body.start : 0;
  const dl = spanIndex(ann.dates).startingIn(start, start + DATELINE_MAX_OFFSET).find((x) => x.value.precision !== 'unknown');
  if (!dl || !DATELINE_SEPARATOR.test(doc.text.slice(dl.end, dl.end + 3))) return null;
  return { date: dl, paraEnd: doc.text.indexOf('\n\n', dl.end) };
}
/**
 * "The names of the twelve people killed on 19 December 2016 are engraved on
 * the steps": a clause of the incident that reports its dead with a date
 * dates it, when no mention of the incident did. The date must follow the
 * casualty words closely ("killed on …", "died in …").
 */
function casualtyClauseDate(text: string, d: Draft, ann: Annotations): Attested<DateValue> | null {
  for (const seg of d.segs) {
    for (const dm of spanIndex(ann.dates).inside(seg)) {
      if (dm.value.precision === 'unknown' || isStatementDate(text, dm)) continue;
      const before = text.slice(Math.max(seg.start, dm.start - 30), dm.start);
      if (!/\b(?:killed|died|dead|wounded|injured|murdered|shot)\s+(?:on|in)\s+(?:the\s+)?$/i.test(before)) continue;
      return attested(dm.value, [{ start: dm.start, end: dm.end }], 0.7, `date of a casualty statement in the incident's clauses (${dm.reason})`);
    }
  }
  return null;
}

/** How far into the body a dateline date may start. */
const DATELINE_MAX_OFFSET = 2;
/** What sets a dateline date off from the report: "1/9/1970: …", "26 August — …". */
const DATELINE_SEPARATOR = /^\s*(?:[:—–]|-\s)/;

function dedupeFacilities(fs: Mention[]): Mention[] {
  const out: Mention[] = [];
  for (const f of fs) if (!out.some((o) => distinctive(o).some((w) => distinctive(f).includes(w)))) out.push(f);
  return out;
}

/** "a flight from Tel Aviv", "travelling towards Crimea": an origin or a direction, not where it happened. */
function isOriginOrDirection(text: string, m: Span): boolean {
  return /\b(?:from|towards?|to|via|through)\s+(?:the\s+)?$/i.test(text.slice(Math.max(0, m.start - 14), m.start));
}

const WEAPON_PRIORITY = ['Explosives', 'Firearms', 'Chemical', 'Vehicle (not to include vehicle-borne explosives, i.e., car or truck bombs)', 'Melee', 'Incendiary'];
function weaponRank(w: string): number {
  const i = WEAPON_PRIORITY.indexOf(w);
  return i < 0 ? WEAPON_PRIORITY.length : i;
}

function precRank(p: DateValue['precision']): number {
  return p === 'day' ? 3 : p === 'month' ? 2 : p === 'year' ? 1 : 0;
}

function countOf(q: Quantity): Count {
  return { value: q.value, qualifier: q.qualifier, low: q.low, high: q.high, text: q.text };
}

function collectWeapons(text: string, d: Draft): { value: string; start: number; end: number; confidence: number; reason: string }[] {
  const out: { value: string; start: number; end: number; confidence: number; reason: string }[] = [];
  const seen = new Set<string>();
  for (const seg of d.segs) {
    for (const w of findWeapons(text, seg)) {
      if (seen.has(w.value)) continue;
      seen.add(w.value);
      out.push(w);
    }
  }
  return out;
}

/** Whether a region or country mention contains a place. */
function contains(outer: PlaceRef, inner: PlaceRef): boolean {
  if (outer.countryCode !== inner.countryCode) return false;
  if (outer.featureCode.startsWith('PCL')) return true;
  return outer.featureCode.startsWith('ADM') ? inner.admin1Name === outer.name || inner.admin1Code === outer.admin1Code : false;
}

/**
 * How a city mention sits in its sentence: "in Akron, Ohio, United States" names the incident's place the
 * way reports do (+2 when the region or country that follows contains it, +1 after "in"); "Alexander's
 * Department Store" is a business named after a person or place (−2); a city followed by a region or
 * country that does not contain it ("El Toro, California" read as El Toro, Spain) is a misreading (null).
 */
function placeFit(text: string, m: Mention, places: Mention[]): number | null {
  let score = 0;
  const next = places.find((p) => p !== m && p.start > m.end && /^,\s*$/.test(text.slice(m.end, p.start)));
  if (next?.place && (next.place.featureCode.startsWith('ADM') || next.place.featureCode.startsWith('PCL'))) {
    if (!contains(next.place, m.place!)) return null;
    score += 2;
  }
  if (/\b(?:in|at|near|outside)\s+(?:the\s+)?$/i.test(text.slice(Math.max(0, m.start - 12), m.start))) score += /\bin\s+$/i.test(text.slice(Math.max(0, m.start - 4), m.start)) ? 1 : 0.5;
  if (/^['’]s?\s+[A-Z]/.test(text.slice(m.end, m.end + 4))) score -= 2;
  return score;
}

/**
 * A city named inside a facility's name, for an incident whose text names only the region: "Covington High
 * School in Louisiana" → Covington, Louisiana; "the Vallejo Police Department in California" → Vallejo. The
 * city must lie in a region (or, with no region, a country) the incident names, so a person's name in a
 * facility ("the Franklin Store") does not become a place.
 */
function cityInFacility(text: string, d: Draft, regions: Mention[], countries: Mention[]): Mention | null {
  const within = regions.length ? regions : countries;
  if (!within.length) return null;
  const gaz = getGazetteer();
  for (const f of d.facilities) {
    const words = [...f.text.matchAll(/[A-Z][\w.'’-]*/g)];
    for (let i = 0; i < Math.min(words.length, 4); i++) {
      for (let n = Math.min(3, words.length - i); n >= 1; n--) {
        const first = words[i]!;
        const last = words[i + n - 1]!;
        const name = f.text.slice(first.index!, last.index! + last[0].length).split(/-/)[0]!.replace(/['’]s?$/, '');
        if (name.length < 3) continue;
        const c = gaz.lookup(name).find((x) => x.kind === 'city' && within.some((r) => contains(r.place!, x)));
        if (!c) continue;
        const start = f.start + first.index!;
        return { type: 'PLACE', text: name, key: name.toLowerCase(), start, end: start + name.length, stage: INCIDENT_STAGE, place: c,
          reason: `gazetteer: a city named in the facility "${f.text}", in ${within.map((r) => r.text).join(', ')} which the text names` };
      }
      // Only the facility's leading words name its town: "Covington High School", "University of Illinois, Champaign-Urbana".
      if (i === 0 && !/^(?:University|College|Bank|Church|State)$/.test(words[0]![0])) break;
    }
  }
  return null;
}

/**
 * A city read by population alone in a country no other place of the
 * document lies in, when the document's other places share another country
 * and the name has readings in several countries: "Westminster" read as a US
 * town in a report whose places are all in one other country is a misreading
 * of a place the gazetteer lacks.
 */
function strayReading(m: Mention, counts: PlaceCounts): boolean {
  // The document's other places: every resolved place mention under another name.
  const own = counts.byKey.get(m.key) ?? EMPTY_PLACE_TALLY;
  const others = (t: (x: PlaceTally) => number): number => t(counts.all) - t(own);
  const inCountry = (cc: string) => (x: PlaceTally): number => x.byCountry.get(cc) ?? 0;
  if (others((x) => x.n) === 0 || others(inCountry(m.place!.countryCode)) > 0) return false;
  let countries = 0;
  for (const cc of counts.all.byCountry.keys()) if (others(inCountry(cc)) > 0) countries++;
  if (countries !== 1) return false;
  // Only against a city of the other country that reads as itself by a wide margin (a capital or a metropolis).
  if (others((x) => x.big) === 0) return false;
  const readings = getGazetteer().lookup(m.text);
  return new Set(readings.map((r) => r.countryCode)).size > 1 || readings.length > 1;
}

/** Resolved place mentions counted: how many, how many per country, how many in a city of a million or more. */
interface PlaceTally {
  n: number;
  byCountry: Map<string, number>;
  big: number;
}

/** The document's resolved place mentions, tallied in all and per name (Mention.key), for strayReading. */
interface PlaceCounts {
  all: PlaceTally;
  byKey: Map<string, PlaceTally>;
}

const EMPTY_PLACE_TALLY: PlaceTally = { n: 0, byCountry: new Map(), big: 0 };
const BIG_CITY_POPULATION = 1_000_000;

function placeCounts(mentions: readonly Mention[]): PlaceCounts {
  const newTally = (): PlaceTally => ({ n: 0, byCountry: new Map(), big: 0 });
  const counts: PlaceCounts = { all: newTally(), byKey: new Map() };
  for (const x of mentions) {
    if (x.type !== 'PLACE' || !x.place) continue;
    let own = counts.byKey.get(x.key);
    if (!own) counts.byKey.set(x.key, (own = newTally()));
    for (const t of [counts.all, own]) {
      t.n++;
      t.byCountry.set(x.place.countryCode, (t.byCountry.get(x.place.countryCode) ?? 0) + 1);
      if ((x.place.population ?? 0) >= BIG_CITY_POPULATION) t.big++;
    }
  }
  return counts;
}

function buildLocations(text: string, d: Draft, counts: PlaceCounts): Attested<Location>[] {
  const places = d.places.filter((m) => m.place && !(!m.place.featureCode.startsWith('PCL') && !m.place.featureCode.startsWith('ADM') && strayReading(m, counts)));
  const isCity = (m: Mention): boolean => !m.place!.featureCode.startsWith('PCL') && !m.place!.featureCode.startsWith('ADM');
  const fit = new Map<Mention, number | null>(places.filter(isCity).map((m) => [m, placeFit(text, m, places)]));
  // Cities the text places in another region or country are misreadings; the rest, best-placed first.
  // A list shares its region: "in Makhachkala and Derbent, Russia" confirms both.
  const byPos = places.filter(isCity).sort((a, b) => b.start - a.start);
  for (const m of byPos) {
    const prev = byPos.find((p) => p.end < m.start && /^\s*(?:,|and|or|, and)\s*$/.test(text.slice(p.end, m.start)));
    const fm = fit.get(m);
    const fp = prev ? fit.get(prev) : undefined;
    if (prev && fm != null && fm >= 2 && fp != null && fp < fm) fit.set(prev, fm);
  }
  let cities = places.filter(isCity).filter((m) => fit.get(m) !== null);
  // Only a city the text confirms ("in Akron, Ohio") moves ahead, and only a business name ("Alexander's
  // Department Store") falls behind; otherwise the text's order stands.
  const bucket = (m: Mention): number => (fit.get(m)! >= 2 ? 0 : fit.get(m)! < 0 ? 2 : 1);
  cities = cities.map((m, i) => ({ m, i })).sort((a, b) => bucket(a.m) - bucket(b.m) || a.i - b.i).map((x) => x.m);
  const regions = places.filter((m) => m.place!.featureCode.startsWith('ADM'));
  if (!cities.length) {
    const f = cityInFacility(text, d, regions, places.filter((m) => m.place!.featureCode.startsWith('PCL')));
    if (f) cities = [f];
  }
  let chosen: Mention[];
  if (cities.length) chosen = cities;
  else if (regions.length) chosen = regions;
  else chosen = places;
  const out: Attested<Location>[] = [];
  const seen = new Set<string>();
  for (const m of chosen) {
    // "a flight from Tel Aviv", "migrants from Tajikistan": an origin, not where it happened.
    const before12 = text.slice(Math.max(0, m.start - 14), m.start);
    if (isOriginOrDirection(text, m)) continue;
    // A country is where it happened only when the text says so ("in
    // Afghanistan"); "Putin blames Ukraine" names an actor.
    if (m.place!.featureCode.startsWith('PCL') && !/\b(?:in|inside|across|throughout|within)\s+(?:the\s+)?$/i.test(before12)) continue;
    const key = `${m.place!.geonameid}:${m.place!.name}`;
    if (seen.has(key)) {
      const prev = out.find((o) => `${o.value.place.geonameid}:${o.value.place.name}` === key);
      prev?.evidence.push({ start: m.start, end: m.end });
      continue;
    }
    seen.add(key);
    const before = text.slice(Math.max(0, m.start - 20), m.start);
    const relation: Location['relation'] = /\b(?:near|outside|close to|on the outskirts of)\s+$/i.test(before) ? 'near' : 'in';
    const context = [...cities, ...regions].filter((x) => x !== m).map((x) => x.text);
    out.push(attested({ place: m.place!, relation }, [{ start: m.start, end: m.end }], relation === 'near' ? 0.6 : 0.85,
      `place named in the incident's clause${relation === 'near' ? ' ("near": the incident was outside it)' : ''}; ${m.reason}${context.length ? `; also named: ${[...new Set(context)].join(', ')}` : ''}`));
  }
  return out;
}

export type { Draft as IncidentDraft };
export type { Sentence };

/** The trigger hits of the last extraction over `ann`, with how each was classified; for debugging aids. */
export function debugHits(ann: Annotations): { rule: string; start: number; end: number; mode: string; why: string; incident: number | null }[] {
  return (ALL_HITS.get(ann) ?? []).map((h) => ({ rule: h.rule, start: h.start, end: h.end, mode: h.mode, why: h.why, incident: h.incident ? h.incident.index : null }));
}
