import type { Annotations, IncidentKind, Sentence } from '../../model/index.js';
import { kindsCompatible } from '../triggers.js';
import { hasNamedObject, isDefinite, signature } from './anchors.js';
import { datesClash, sameDay } from './calendar.js';
import { ANAPHOR_WINDOW, ARREST_FOCUS_SENTENCES, SAME_EVENT_GAP_CHARS } from './constants.js';
import { DraftIndex } from './draft-index.js';
import { isCityMention, isRegionMention, sameFacility } from './geo.js';
import { CLAUSE_PUNCTUATION, COMMA_ONLY_GAP, OTHER_EVENT_WORDS, PARTICIPLE, STRONG_CLAUSE_PUNCTUATION } from './patterns.js';
import type { AnchorValues, Draft, Hit, MentionView, PlaceDateline, Signature } from './types.js';

/** Kinds that are kinds of attack: a mention of one may refer back to an incident called "the attack". */
const ATTACK_FAMILY: ReadonlySet<IncidentKind> = new Set(['armed_assault', 'bombing', 'suicide_bombing', 'arson', 'hostage_taking', 'assassination', 'sabotage']);

function inAttackFamily(k: IncidentKind): boolean {
  return k === 'attack' || ATTACK_FAMILY.has(k);
}

/** Step 3: group the classified hits into incidents, in document order. */
export function groupHits(text: string, sents: readonly Sentence[], ann: Annotations, hits: readonly Hit[], dateline: PlaceDateline | null): Draft[] {
  const g = new Grouper(text, sents, ann, dateline);
  for (const h of hits) g.add(h);
  return g.drafts;
}

/** The grouping state as hits are read in order: the drafts so far, the one in focus, and the last hit kept. */
class Grouper {
  readonly drafts: Draft[] = [];
  private readonly byAnchor = new DraftIndex();
  private focus: Draft | null = null;
  private lastSpecificSentence = -10;
  private lastKept: Hit | null = null;

  constructor(private readonly text: string, private readonly sents: readonly Sentence[], private readonly ann: Annotations, private readonly dateline: PlaceDateline | null) {}

  add(h: Hit): void {
    if (h.mode === 'skip') return;
    const sig = signature(this.text, h, this.ann, this.dateline);
    if (h.mode === 'specific') {
      this.addSpecific(h, sig, isDefinite(this.text, h.start));
      return;
    }
    const target = this.antecedent(h, sig);
    if (!target) return;
    h.why += `; refers to incident #${target.index + 1}`;
    addHit(target, h, null, false);
    this.byAnchor.note(target, h);
    this.lastKept = h;
    this.focus = target;
  }

  private addSpecific(h: Hit, sig: Signature, definite: boolean): void {
    const view = mentionView(h, sig);
    let target: Draft | null | undefined = this.continued(h, sig, definite) ?? this.byAnchor.first(view, (d) => sameIncident(d, view));
    // "The barbaric attack killed at least 144 people": a definite mention
    // with its own figures still refers back when nothing in it clashes.
    // A definite mention that names its own target, facility or city ("the
    // car bombing of …", "the terrorist attack on the Kerch Bridge") is a
    // different incident unless those match.
    const ownNames = sig.facilities.length > 0 || sig.named.length > 0 || hasNamedObject(this.text, h, this.ann);
    let refOnly = false;
    if (!target && definite && !ownNames && h.kind !== 'arrest' && h.rule !== 'casualty-report') {
      target = this.antecedent(h, sig);
      // "the shooting" still refers back when a date near it is someone
      // else's ("told Putin on Saturday that …"); its date is then not used.
      if (!target) {
        target = this.antecedent(h, sig, true);
        refOnly = !!target;
      }
    }
    if (!target) {
      target = newDraft(this.drafts.length, h);
      this.drafts.push(target);
    } else if (target.hits.length) h.why += `; same incident as #${target.index + 1}`;
    addHit(target, h, refOnly ? null : sig, !refOnly);
    this.byAnchor.note(target, h);
    this.lastKept = h;
    this.focus = target;
    this.lastSpecificSentence = h.sentence;
  }

  /** The incident a specific mention goes on telling: the one of the mention before it in its sentence, or the one in focus. */
  private continued(h: Hit, sig: Signature, definite: boolean): Draft | null {
    const last = this.lastKept;
    const prevHit = last && last.sentence === h.sentence && last.incident ? last : null;
    if (prevHit) {
      const gap = this.text.slice(prevHit.end, h.start);
      const d = this.joined(prevHit, h, gap, sig) ?? this.sameSentence(prevHit, h, gap, sig, definite);
      if (d) return d;
    }
    // A mention whose only anchor is a casualty statement ("Another firebomb thrown into the facility did
    // not explode."), right after the incident in focus and fitting it, goes on telling that incident.
    const casualtyOnly = h.why.startsWith('anchored by casualty figure') && !h.why.includes(', ');
    const focus = this.focus;
    return casualtyOnly && focus && h.sentence > this.lastSpecificSentence && h.sentence - this.lastSpecificSentence <= ANAPHOR_WINDOW &&
      draftKindsCompatible(focus, h.kind) && noClash(focus, sig) ? focus : null;
  }

  /**
   * "a suicide bomber detonated explosives": two incident words in one
   * stretch of a sentence, with no clause break between, name one incident.
   */
  private joined(prevHit: Hit, h: Hit, gap: string, sig: Signature): Draft | null {
    // A participle after a comma continues the same event: "a truck bomb exploded …, setting fire to …".
    const continues = COMMA_ONLY_GAP.test(gap) && PARTICIPLE.test(this.text.slice(h.start, h.end));
    return (h.start - prevHit.end <= SAME_EVENT_GAP_CHARS || continues) && (continues || !CLAUSE_PUNCTUATION.test(gap)) &&
      kindsCompatible(prevHit.kind, h.kind) && noClash(prevHit.incident!, sig) ? prevHit.incident! : null;
  }

  /**
   * Later in the same sentence, a compatible mention that names nothing clashing tells the same incident
   * further: "In an attack suspected of …, a dynamite bomb exploded near a parked car in Akron"; "placed a
   * stick of dynamite, kerosene, … and a cigarette explosive device at the May Company store". Not across
   * a semicolon, nor after words that set another event beside it ("… came two months after a man drove …").
   */
  private sameSentence(prevHit: Hit, h: Hit, gap: string, sig: Signature, definite: boolean): Draft | null {
    const from = h.seg.start <= prevHit.start ? h.seg.start : this.sents[h.sentence]!.start;
    return !h.inTitle && !STRONG_CLAUSE_PUNCTUATION.test(gap) && !prevHit.definite && !definite && inAttackFamily(prevHit.kind) && inAttackFamily(h.kind) &&
      !OTHER_EVENT_WORDS.test(this.text.slice(from, h.start)) &&
      kindsCompatible(prevHit.kind, h.kind) && noClash(prevHit.incident!, sig) ? prevHit.incident! : null;
  }

  /**
   * Anaphoric candidates: the incident in focus if it was just mentioned and
   * fits, else the most recent incident of the same kind, else the
   * document's main one. "the drone attacks" never refers to a shooting.
   */
  private antecedent(h: Hit, sig: Signature, ignoreDates = false): Draft | null {
    const s2 = ignoreDates ? { ...sig, dates: [] } : sig;
    const main = this.drafts[0] ?? null;
    // "the shooting" may refer back to "the attack"; "the drone attacks" may
    // not: strikes, riots, incursions and arrests refer only to their own kind.
    // An arrest that names no one ("60 people had been detained") is a
    // field of the incident in focus, whatever its kind.
    if (h.kind === 'arrest') return this.focus && h.sentence - this.lastSpecificSentence <= ARREST_FOCUS_SENTENCES ? this.focus : main;
    const loose = inAttackFamily(h.kind);
    const fits = (d: Draft | null | undefined): d is Draft =>
      !!d && (loose ? draftKindsCompatible(d, h.kind) : d.kinds.some((k) => sameFamily(k.kind, h.kind))) && noClash(d, s2);
    if (fits(this.focus) && h.sentence - this.lastSpecificSentence <= ANAPHOR_WINDOW) return this.focus;
    if (h.kind !== 'attack') {
      for (let k = this.drafts.length - 1; k >= 0; k--) if (fits(this.drafts[k])) return this.drafts[k]!;
    }
    return fits(main) ? main : null;
  }
}

/** Nothing in the hit's own words contradicts the incident: no other day, no other city. */
export function noClash(d: Draft, sig: AnchorValues): boolean {
  if (sig.dates.some((x) => d.dates.some((y) => datesClash(x.value, y.m.value)))) return false;
  const hc = sig.places.filter(isCityMention);
  const dc = d.places.filter(isCityMention);
  if (hc.length && dc.length && !hc.some((x) => dc.some((y) => x.place!.name === y.place!.name))) return false;
  if (sig.facilities.length && d.facilities.length && !sameFacility(sig.facilities, d.facilities)) return false;
  return true;
}

/** A specific mention as `sameIncident` reads it: its kind, where it stands, and its anchors' values. */
export function mentionView(h: Hit, sig: Signature): MentionView {
  return {
    kind: h.kind,
    inTitle: h.inTitle,
    definite: h.definite,
    dates: sig.dates.map((x) => ({ value: x.value })),
    places: sig.places.map((p) => ({ place: p.place })),
    facilities: sig.facilities.map((f) => ({ key: f.key })),
  };
}

/** Whether a new specific mention tells an incident already drafted (DraftIndex finds the candidates). */
export function sameIncident(d: Draft, m: MentionView): boolean {
  if (!draftKindsCompatible(d, m.kind)) return false;
  if (m.kind === 'arrest') return false;
  // A headline summarises the lead: an incident known only from the title is
  // the first fitting incident the body describes.
  if (d.hits.every((x) => x.inTitle || x.mode !== 'specific') && !m.inTitle && noClash(d, { ...m, facilities: [] })) return true;
  // Another day is another incident, even at the same place.
  const dateClash = m.dates.some((x) => d.dates.some((y) => datesClash(x.value, y.m.value)));
  if (dateClash) return false;
  // A shared distinctive facility name decides it.
  if (sameFacility(m.facilities, d.facilities)) return true;
  const hc = m.places.filter(isCityMention);
  const dc = d.places.filter(isCityMention);
  if (hc.length && dc.length) {
    const sameCity = hc.some((x) => dc.some((y) => x.place!.geonameid === y.place!.geonameid && x.place!.name === y.place!.name));
    if (!sameCity) return false;
    // A city alone does not make a new, indefinite mention ("a man drove a
    // car into pedestrians … in London") the same as an earlier incident
    // there: it must also agree on the date.
    if (!m.definite) return m.dates.some((x) => d.dates.some((y) => !datesClash(x.value, y.m.value)));
    return true;
  }
  // "the terrorist attacks in Dagestan": a region containing the incident's cities.
  const regions = m.places.filter(isRegionMention);
  if (regions.length && dc.length) return regions.some((r) => dc.some((c) => c.place!.admin1Name === r.place!.admin1Name && c.place!.countryCode === r.place!.countryCode));
  if (m.dates.length && d.dates.length && !dateClash && (hc.length === 0 || dc.length === 0)) return m.dates.some((x) => d.dates.some((y) => sameDay(x.value, y.m.value)));
  return false;
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
