import type { DateMention, DateValue, IncidentKind, IncidentReport, PlaceRef } from '../model/index.js';
import { kindsCompatible } from '../model/index.js';
import { facilityKey } from './facility-places.js';
import type { Gazetteer } from '../nlp/gazetteer/index.js';
import type { ResolveResources } from './resources.js';
import { isActorWord } from './actors.js';
import { localitiesDiffer } from './localities.js';
import { DAY_MS, isoDay as isoDayOf, pad2 } from '../model/index.js';

/**
 * When two reports from different documents describe the same incident.
 * Sameness is decided from positive evidence, and any clash vetoes it:
 *  - veto: incompatible kinds (a riot is not a shooting), dates that
 *    cannot be the same day at their precision, places in different
 *    countries or far apart, different named facilities;
 *  - evidence: a shared distinctive facility name ("Crocus City Hall"),
 *    the same city (or within NEAR_KM: "near Moscow" vs Krasnogorsk), the
 *    same day, the same region.
 * A merge needs a facility, or a place and a compatible date of at least
 * month precision on both sides.
 */
export const MERGE_RULES = {
  /** Reports of one incident may date it a day apart ("late on Friday" / "early on Saturday"). */
  maxDayGap: 1,
  /**
   * Two towns this close are one place when one of them is a metropolis (METRO_POPULATION) or one
   * report says "near": a venue "near Moscow" in Krasnogorsk (20 km); Montrouge and Paris (5 km).
   */
  nearKm: 40,
  /** Places farther apart than this are different incidents whatever else agrees (about 100 km, as analysts join reports). */
  farKm: 100,
  /**
   * A town this populous reaches its suburbs (nearKm): Paris, London, Kabul. Two smaller towns 11 km
   * apart (Pouytenga and Koupéla, 60,000 and 30,000 people) are two places, each with its own incidents.
   */
  metroPopulation: 1_000_000,
  /**
   * Two differently named or numbered towns at most this far apart are one place whatever their size:
   * the gazetteer holds some towns twice ("Aqcha" the town and "Aqcha" the district seat, 0 km).
   */
  sameTownKm: 5,
  /**
   * An update of an article may correct its date by at most this many days ("Thursday" → "Wednesday");
   * two near-identical notes dated 4 and 7 April (air strikes at Djibo) are two events.
   */
  maxCorrectionDays: 2,
} as const;

export interface MergeDecision {
  same: boolean;
  score: number;
  reasons: string[];
  /**
   * The two reports cannot be one incident whatever else is known (kinds of
   * different families, dates that cannot be the same day, places in
   * different countries or far apart). An incident with one such report is
   * no candidate, even when another of its reports would match: an undated
   * report must not bridge two incidents of one city a few days apart.
   */
  veto?: boolean;
  /**
   * Same only if nothing else could be meant, which the caller checks against its other candidates:
   * - 'no-place': same day and kind, one report names no place, no shared name of what was hit;
   *   it joins only through a distinctive proper name both reports' words give ("Charlie Hebdo"),
   *   never a group, a country, a demonym or a place: a placeless report can't say where it is;
   * - 'undated': same place, one report undated but published within days; it joins only when
   *   this is the one incident of the kind there in those days. A follow-up on "the attack in
   *   Barcelona" is about the one attack; Kandahar has had five that week;
   * - 'region': same day and kind in one province, one side naming no town: the same, for one
   *   bombing in "Dagestan" and one in Makhachkala, not for Sagaing's several a day;
   * - 'late': as 'undated', but published more than NEWS_CYCLE_DAYS after the other date: a follow-up
   *   days later ("police shoot dead Las Ramblas van driver") names what it follows up, so it joins
   *   only through a distinctive proper name both reports give, as 'no-place' does. Mombasa has
   *   had another protest in the ten days before an undated "Mombasa youth held a demonstration".
   */
  weak?: 'undated' | 'no-place' | 'region' | 'late';
}

function dayNumber(d: DateValue): number | null {
  if (d.precision !== 'day' || d.year === null || d.month === null || d.day === null) return null;
  return Math.floor(Date.UTC(d.year, d.month - 1, d.day) / 86_400_000);
}

/** Whether two reports are dated to the same day, both at day precision. */
export function sameDay(a: IncidentReport, b: IncidentReport): boolean {
  const x = dayNumber(a.date.value);
  return x !== null && x === dayNumber(b.date.value);
}

/**
 * Whether two dates can name the same day, given their precision; null when either is unknown.
 * `maxGap`: how many days apart two day-precision dates may be (0 when both are written calendar days, see `exactDay`).
 */
export function datesCompatible(a: DateValue, b: DateValue, maxGap: number = MERGE_RULES.maxDayGap): boolean | null {
  if (a.precision === 'unknown' || b.precision === 'unknown' || a.year === null || b.year === null) return null;
  const da = dayNumber(a);
  const db = dayNumber(b);
  if (da !== null && db !== null) return Math.abs(da - db) <= maxGap;
  if (a.year !== b.year) return false;
  if (a.month !== null && b.month !== null && a.month !== b.month) return false;
  return true;
}

function km(a: PlaceRef, b: PlaceRef): number | null {
  if (a.lat === null || a.lon === null || b.lat === null || b.lon === null) return null;
  const r = Math.PI / 180;
  const dLat = (b.lat - a.lat) * r;
  const dLon = (b.lon - a.lon) * r;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * r) * Math.cos(b.lat * r) * Math.sin(dLon / 2) ** 2;
  return 12_742 * Math.asin(Math.min(1, Math.sqrt(h)));
}

const isCity = (p: PlaceRef): boolean => !p.featureCode.startsWith('PCL') && !p.featureCode.startsWith('ADM');
const isCountry = (p: PlaceRef): boolean => p.featureCode.startsWith('PCL');
/** Whether region `r` holds place `p` (a province and a town in it). */
const contains = (r: PlaceRef, p: PlaceRef): boolean =>
  r.featureCode.startsWith('ADM') && r.countryCode === p.countryCode && (r.admin1Code === null || r.admin1Code === p.admin1Code);

/** Capitalised words of at least three letters. */
const PROPER_WORD = /\b[A-Z][\p{L}'-]{2,}/gu;
/** Capitalised words that name no one: months, weekdays, function words, generic nouns. */
const NOT_NAMES = new Set(['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december',
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'the', 'on', 'in', 'at', 'and', 'but', 'after', 'before', 'during', 'police',
  'officials', 'reported', 'fatalities', 'coded', 'around', 'between', 'district', 'province', 'region', 'state', 'township', 'county', 'village', 'city',
  'town', 'area', 'lga', 'division', 'ward', 'sub-county', 'department', 'commune',
  // Month abbreviations ("on 11 Aug", "On Jul 23rd") and generic weapons written as acronyms ("an IED").
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'ied', 'ieds', 'vbied', 'vbieds', 'rpg', 'rpgs']);

/** What may come right before a sentence's first word: the text's start, end punctuation, a colon, a line break, a quote or bracket. */
// Tested only (true or false), so written to accept the same texts with one reading each: a line break is
// taken at the last one of its blank run, and blanks after a quote are read by their own run (was degree 3).
const SENTENCE_START = /^\s*$|[.!?:;]\s*(?:["'“‘(]\s*)?$|\n[^\S\n]*(?:["'“‘(]\s*)?$/u;

/**
 * Two or more capitalised words in a row: "Burkina Faso", "Dawlat Shah district". Found as
 * /\b[A-Z][\p{L}'-]*(?:[ \t]+[A-Z][\p{L}'-]*)+/gu finds them (nameRuns), but that pattern was quadratic: a
 * word may begin after every non-ASCII letter, apostrophe or hyphen of a run ("AéAéAé…"), and from each
 * the run was read to its end. Every start in a run has the same end and the same words after it, so
 * only a run's first start is tried (the search resumes at the run's end).
 */
const NAME_RUN_FIRST = /\b[A-Z][\p{L}'-]*/gu;
/** The capitalised words after a run's first, read from its end. */
const NAME_RUN_REST = /(?:[ \t]+[A-Z][\p{L}'-]*)+/uy;
/** The longest run of words looked up as one name ("Bosnia and Herzegovina" is not one run; "Central African Republic" is). */
const MAX_NAME_WORDS = 4;
/** One word of a run. */
const RUN_WORD = /\S+/gu;
/** A possessive or plural ending that a country name may carry: "Burkina Faso's", "Burkina Fasos" (a lost apostrophe). */
const NAME_ENDING = /'?s$/u;

/** The runs of two or more capitalised words, in text order, as NAME_RUN_FIRST and NAME_RUN_REST find them. */
export function nameRuns(text: string): { index: number; 0: string }[] {
  const out: { index: number; 0: string }[] = [];
  NAME_RUN_FIRST.lastIndex = 0;
  for (let m = NAME_RUN_FIRST.exec(text); m; m = NAME_RUN_FIRST.exec(text)) {
    NAME_RUN_REST.lastIndex = NAME_RUN_FIRST.lastIndex;
    if (!NAME_RUN_REST.test(text)) continue;
    out.push({ index: m.index, 0: text.slice(m.index, NAME_RUN_REST.lastIndex) });
    NAME_RUN_FIRST.lastIndex = NAME_RUN_REST.lastIndex;
  }
  return out;
}

/**
 * Where the words of multi-word country names begin in a text ("Burkina Faso": neither "Burkina" nor
 * "Faso" names anyone, and every report of a day in Burkina Faso gives them), and in `strict` mode, of
 * multi-word place names ("Dawlat Shah": "Shah" ties no report of Dawlat Shah to one of Shah Mansur).
 */
function wordsOfNames(text: string, strict: boolean, gaz: Gazetteer): Set<number> {
  const out = new Set<number>();
  for (const run of nameRuns(text)) {
    const words = [...run[0].matchAll(RUN_WORD)].map((w) => ({ at: run.index + w.index, w: w[0] }));
    for (let i = 0; i < words.length; i++) {
      for (let n = Math.min(MAX_NAME_WORDS, words.length - i); n >= 2; n--) {
        const phrase = words.slice(i, i + n).map((x) => x.w).join(' ');
        const bare = phrase.replace(NAME_ENDING, '');
        if (!(gaz.country(phrase) || gaz.country(bare) || (strict && (gaz.lookup(phrase).length || gaz.lookup(bare).length)))) continue;
        for (const x of words.slice(i, i + n)) out.add(x.at);
        break;
      }
    }
  }
  return out;
}

/**
 * The proper names a text gives, lower-cased, without countries and demonyms: "Afghan" ties no
 * two reports of a day in Afghanistan together, "Charlie Hebdo" does. `strict` (for running text)
 * also drops place names, the names of armed groups and parties (one group carries out many attacks
 * a day), and the first word of a sentence, capitalised whatever it is: "Looting: On 17 November
 * ..." in Benin and "Looting: ..." in Burkina Faso share no name. The gazetteer and the actor lexicon
 * come from `ctx`: the shipped ones by default, as the store merges outside the pipeline.
 */
export function properWords(text: string, strict: boolean, ctx: ResolveResources): Set<string> {
  const gaz = ctx.gazetteer;
  const out = new Set<string>();
  const inNames = wordsOfNames(text, strict, gaz);
  for (const m of text.matchAll(PROPER_WORD)) {
    const w = m[0];
    const k = w.toLowerCase();
    // A country with a lost apostrophe is still the country: "Kenyas two main cities".
    if (NOT_NAMES.has(k) || gaz.demonym(w) || gaz.country(w) || gaz.country(w.replace(NAME_ENDING, '')) || inNames.has(m.index)) continue;
    if (strict && (gaz.lookup(w).length > 0 || isActorWord(ctx.actors, w) || SENTENCE_START.test(text.slice(Math.max(0, m.index - 4), m.index)))) continue;
    out.add(k);
  }
  return out;
}

/** The proper names of what was hit: targets, victims, facilities ("Charlie Hebdo", "Pulse"). Attackers'
 * names are not distinctive: one group carries out many attacks on one day. */
function distinctiveWords(r: IncidentReport, res: ResolveResources): Set<string> {
  return properWords([...r.targets.map((t) => t.value.name), ...r.victims.map((v) => v.value.name), ...(r.facilities ?? []).map((f) => f.value)].join(' '), false, res);
}

/**
 * Whether two towns are one place: the same gazetteer entry, or within sameTownKm, or within nearKm
 * when one is a metropolis or one report says "near" it. Returns the reason, or null.
 */
function oneTown(x: PlaceRef, y: PlaceRef, near: boolean): string | null {
  if (x.geonameid !== null && x.geonameid === y.geonameid) return `same city ${x.name}`;
  const d = km(x, y);
  if (d === null || d > MERGE_RULES.nearKm) return null;
  const metro = Math.max(x.population ?? 0, y.population ?? 0) >= MERGE_RULES.metroPopulation;
  return d <= MERGE_RULES.sameTownKm || metro || near ? `${x.name} and ${y.name} are ${Math.round(d)} km apart` : null;
}

/**
 * Whether both sides name a district (or a place whose district the gazetteer knows) and no district
 * is on both: Myitkyina and Bhamo districts of Kachin are two places, each with its air strikes of the
 * day; "Kachin State" and Bhamo district may be one.
 */
function differentDistricts(pa: readonly PlaceRef[], pb: readonly PlaceRef[]): boolean {
  const da = pa.filter((p) => p.admin2Code);
  const db = pb.filter((p) => p.admin2Code);
  return da.length > 0 && db.length > 0 && !da.some((x) => db.some((y) => x.countryCode === y.countryCode && x.admin1Code === y.admin1Code && x.admin2Code === y.admin2Code));
}

/** Place agreement: 'same' city (or near), 'region', 'country', or 'clash'. */
function placeRelation(a: IncidentReport, b: IncidentReport): { rel: 'same' | 'region' | 'country' | 'clash' | 'unknown'; why: string } {
  const pa = a.locations.map((l) => l.value.place);
  const pb = b.locations.map((l) => l.value.place);
  if (!pa.length || !pb.length) return { rel: 'unknown', why: 'a place is missing' };
  if (!pa.some((x) => pb.some((y) => x.countryCode === y.countryCode))) return { rel: 'clash', why: `different countries (${pa[0]!.countryCode} / ${pb[0]!.countryCode})` };
  // A country alone (named, or the document's country for a clause that names no place) only vetoes:
  // it says nothing about which of the country's incidents a report tells.
  if (pa.every(isCountry) || pb.every(isCountry)) return { rel: 'unknown', why: 'one side names only its country' };
  for (const x of a.locations.filter((l) => isCity(l.value.place))) {
    for (const y of b.locations.filter((l) => isCity(l.value.place))) {
      const why = oneTown(x.value.place, y.value.place, x.value.relation === 'near' || y.value.relation === 'near');
      if (why) return { rel: 'same', why };
    }
  }
  // Far apart: every pair of places with coordinates more than farKm apart, a province counting by
  // its centre, except a town and the province that holds it. Herat city and Laghman province are
  // 600 km apart; Krasnogorsk and "Moscow Oblast" are one.
  const pairs = pa.flatMap((x) => pb.map((y) => [x, y] as const)).filter(([x, y]) => !isCountry(x) && !isCountry(y) && !contains(x, y) && !contains(y, x));
  const dists = pairs.map(([x, y]) => km(x, y)).filter((d): d is number => d !== null);
  if (dists.length && dists.length === pairs.length && dists.every((d) => d > MERGE_RULES.farKm)) {
    return { rel: 'clash', why: `${pairs[0]![0].name} and ${pairs[0]![1].name} are more than ${MERGE_RULES.farKm} km apart` };
  }
  // Same region counts only when one side names no town in it: two towns of one province more than
  // nearKm apart are two places (Sagaing has several bombings a day), not one.
  const townsOnBothSides = pa.some(isCity) && pb.some(isCity);
  if (!townsOnBothSides && !differentDistricts(pa, pb) && pa.some((x) => pb.some((y) => x.countryCode === y.countryCode && x.admin1Code !== null && x.admin1Code === y.admin1Code))) return { rel: 'region', why: 'same region' };
  return { rel: 'country', why: 'same country' };
}

function facilityKeys(r: IncidentReport, gaz: Gazetteer): string[] {
  return [...new Set((r.facilities ?? []).map((f) => facilityKey(f.value, gaz)).filter(Boolean))];
}

function kindsOf(r: IncidentReport): IncidentKind[] {
  return [r.type.value.kind];
}

/** What the reports' documents say about them: their publication dates, and the days their sentences name. */
export interface MergeContext {
  publishedA?: string | null;
  publishedB?: string | null;
  /** For an undated report: the days (see `sentenceDays`) its own sentence names. */
  sentenceDaysA?: readonly SentenceDay[];
  sentenceDaysB?: readonly SentenceDay[];
  /** Whether the report's date is a calendar day written in its own sentence (see `exactDay`). */
  exactA?: boolean;
  exactB?: boolean;
  /** The localities the report's own sentence names (see `localitiesOf`). */
  localitiesA?: readonly string[];
  localitiesB?: readonly string[];
}

/**
 * A day a report's sentence names: `exact` when written as a calendar day ("3 March 2020", "March 3"),
 * not worked out from the publication date ("on Monday", "yesterday").
 */
export interface SentenceDay {
  day: number;
  exact: boolean;
}

const inAnchor = (r: IncidentReport, d: DateMention): boolean => d.start >= r.anchor.start && d.end <= r.anchor.end;

/**
 * The days that a report's anchor sentence names at day precision. An undated report whose
 * sentence says "On 12 March 2020, 2 'Arbakis' were killed following an attack ..." is about
 * that day or the sentence's day is another event's: either way, not about an attack of 3 March.
 * When its sentence names none, the day in force: the last day the document names before it, other
 * than the publication day (`published`, the header's): "On 5 March 2020, 3 soldiers were killed in
 * Kunduz city. In another attack, 1 soldier was killed ..." is about 5 March, not about an attack of
 * the 3rd. A day in force is not written in the report's own sentence, so it is never `exact`.
 */
export function sentenceDays(r: IncidentReport, dates: readonly DateMention[], published?: string | null): SentenceDay[] {
  const own = dates.filter((d) => inAnchor(r, d) && dayNumber(d.value) !== null).map((d) => ({ day: dayNumber(d.value)!, exact: !d.relative }));
  if (own.length) return own;
  const pub = isoDay(published);
  const before = dates.filter((d) => d.end <= r.anchor.start && dayNumber(d.value) !== null && dayNumber(d.value) !== pub).at(-1);
  return before ? [{ day: dayNumber(before.value)!, exact: false }] : [];
}

/**
 * Whether a report's day-precision date is a calendar day written in its own sentence ("On 3 March
 * 2020, ..."), not a relative one ("on Friday", "yesterday"), a dateline or another sentence's. Two
 * such dates a day apart are two days: ACLED codes an attack in Qalat on 2 March and another on 3 March
 * as two events. Relative dates may be a day off ("late on Friday" / "early on Saturday").
 */
export function exactDay(r: IncidentReport, dates: readonly DateMention[]): boolean {
  if (dayNumber(r.date.value) === null) return false;
  return r.date.evidence.some((e) => dates.some((d) => d.start === e.start && d.end === e.end && !d.relative && inAnchor(r, d)));
}

/**
 * An undated report is about a recent event: one dated at most this many days before its publication.
 * A report published on 21 August about "the attack" in Barcelona is about the attack of the 17th.
 */
export const RECENT_DAYS = 10;
/**
 * Two undated reports naming one venue are one incident only when published this close: "Uhuru Park"
 * has had protests in 2007, 2013 and 2016. Two undated reports of one city are never joined on the
 * city alone, however close: the publication dates cannot tell two of its incidents a day apart.
 */
const BOTH_UNDATED_DAYS = 1;
/**
 * An undated report published at most this many days after the other report's date is of the same
 * news cycle: a wire of Saturday evening on a shooting of Saturday. Later, it is a follow-up, which
 * must name what it follows up (MergeDecision.weak 'late'): a report of 21 August on the Barcelona
 * attack of the 17th names "Las Ramblas".
 */
export const NEWS_CYCLE_DAYS = 1;

/** How many days after the dated report's first day the undated one was published; null unless exactly one side is undated. */
function daysAfter(a: IncidentReport, b: IncidentReport, ctx: MergeContext): number | null {
  const aKnown = a.date.value.precision !== 'unknown';
  if (aKnown === (b.date.value.precision !== 'unknown')) return null;
  const p = isoDay(aKnown ? ctx.publishedB : ctx.publishedA);
  const d = firstDay((aKnown ? a : b).date.value);
  return p === null || d === null ? null : p - d;
}

function isoDay(iso: string | null | undefined): number | null {
  if (!iso || !/^\d{4}-\d{2}-\d{2}/.test(iso)) return null;
  return Math.floor(Date.parse(`${iso.slice(0, 10)}T00:00:00Z`) / 86_400_000);
}

/**
 * When one report gives no date, its publication date still bounds it: a
 * report published on 18 August about "the attack" in Barcelona is about an
 * attack of the days before, not one of years ago.
 */
function recentEnough(dated: DateValue, published: string | null | undefined): boolean {
  const p = isoDay(published);
  const d = dayNumber(dated);
  if (p === null) return false;
  if (d !== null) return d <= p && p - d <= RECENT_DAYS;
  // Month precision: the month of publication or the one before it.
  if (dated.precision === 'month' && dated.year !== null && dated.month !== null) {
    const pd = new Date(p * 86_400_000);
    const months = (pd.getUTCFullYear() - dated.year) * 12 + (pd.getUTCMonth() + 1 - dated.month);
    return months >= 0 && months <= 1;
  }
  return false;
}

/** The first day a date can name at its precision: 2024-03 → 1 March 2024. */
function firstDay(d: DateValue): number | null {
  if (d.precision === 'unknown' || d.year === null) return null;
  return Math.floor(Date.UTC(d.year, (d.month ?? 1) - 1, d.day ?? 1) / 86_400_000);
}

/**
 * How the dates of two reports bear on sameness when at least one is undated:
 * - 'after': the undated report was published before the other's date (more than maxDayGap): a
 *   report of 2 March is not about an attack of 5 March, whatever else agrees (a veto);
 * - 'recent': one is undated and was published within RECENT_DAYS after the other's date, and its
 *   own sentence names no other day (`sentenceDays`);
 * - 'cycle': both undated, published at most BOTH_UNDATED_DAYS apart;
 * - 'unknown': a publication date it needs is missing;
 * - 'stale': known, and none of the above.
 */
function undatedRelation(a: IncidentReport, b: IncidentReport, ctx: MergeContext): 'after' | 'recent' | 'cycle' | 'unknown' | 'stale' {
  const aKnown = a.date.value.precision !== 'unknown';
  const bKnown = b.date.value.precision !== 'unknown';
  if (aKnown !== bKnown) {
    const [dated, published, days] = aKnown ? [a.date.value, ctx.publishedB, ctx.sentenceDaysB] : [b.date.value, ctx.publishedA, ctx.sentenceDaysA];
    const p = isoDay(published);
    if (p === null) return 'unknown';
    if (firstDay(dated)! > p + MERGE_RULES.maxDayGap) return 'after';
    // The publication date stands in for the undated report's date only if its sentence names no other day.
    const d = dayNumber(dated);
    const exact = aKnown ? ctx.exactA : ctx.exactB;
    if (d !== null && days?.length && !days.some((x) => Math.abs(x.day - d) <= (x.exact && exact ? 0 : MERGE_RULES.maxDayGap))) return 'stale';
    return recentEnough(dated, published) ? 'recent' : 'stale';
  }
  const pa = isoDay(ctx.publishedA);
  const pb = isoDay(ctx.publishedB);
  if (pa === null || pb === null) return 'unknown';
  return Math.abs(pa - pb) <= BOTH_UNDATED_DAYS ? 'cycle' : 'stale';
}

/** What vetoes two reports being one incident: kinds, dates at their precision, publication before the date, places. */
function vetoOf(a: IncidentReport, b: IncidentReport, dc: boolean | null, undated: ReturnType<typeof undatedRelation> | null, place: { rel: string; why: string }): string | null {
  if (!kindsOf(a).some((x) => kindsOf(b).some((y) => kindsCompatible(x, y)))) return `kinds differ (${a.type.value.kind} / ${b.type.value.kind})`;
  if (dc === false) return 'dates cannot be the same day';
  if (undated === 'after') return 'the undated report was published before the other date';
  if (place.rel === 'clash') return place.why;
  return null;
}

/** The figures of a report that a settled account gives exactly: deaths (all, or of victims) and injured. */
function exactFigures(r: IncidentReport): { killed: number | null; injured: number | null } {
  const exact = (c: IncidentReport['killedTotal']): number | null => (c && c.value.qualifier === 'exact' ? c.value.value : null);
  return { killed: exact(r.killedTotal ?? r.killedVictims), injured: exact(r.injured) };
}

/**
 * The calendar day a report's own sentence writes for it: its date when `exactDay`, or for an undated
 * report the one calendar day its sentence writes ("On 3 March 2020, 1 soldier was killed following an
 * attack ..." left undated by the extraction). Null when there is none.
 */
function writtenDay(r: IncidentReport, exact: boolean | undefined, days: readonly SentenceDay[] | undefined): number | null {
  if (exact) return dayNumber(r.date.value);
  if (r.date.value.precision !== 'unknown') return null;
  const written = [...new Set((days ?? []).filter((d) => d.exact).map((d) => d.day))];
  return written.length === 1 ? written[0]! : null;
}

/**
 * Why two settled accounts of one day are two events: both write the calendar day in their own
 * sentence (`writtenDay`), were published the same day, and give different exact figures, kinds of
 * one family, or localities. A coder's notes of 3 March in Kandahar, "a patrol attacked, killing 2
 * soldiers" and "a military post attacked, killing 15 soldiers", a shooting and a roadside bomb, or
 * schools burned "in the village of Fantou" and "in the village of Doubiti" (both placed at Botou) are
 * two events each. Breaking news dates by weekday ("on Saturday night"), its tolls rise from one
 * report to the next (London Bridge: 6 dead, then 7, on one day) and its places vary ("Las Ramblas",
 * "La Rambla"), so this holds only between settled accounts.
 */
export function settledFactsDiffer(a: IncidentReport, b: IncidentReport, ctx: MergeContext): string | null {
  const da = writtenDay(a, ctx.exactA, ctx.sentenceDaysA);
  if (da === null || da !== writtenDay(b, ctx.exactB, ctx.sentenceDaysB)) return null;
  const pa = isoDay(ctx.publishedA);
  if (pa === null || pa !== isoDay(ctx.publishedB)) return null;
  if (localitiesDiffer(ctx.localitiesA ?? [], ctx.localitiesB ?? [])) return `settled accounts of one day: other localities (${ctx.localitiesA!.join(', ')} / ${ctx.localitiesB!.join(', ')})`;
  const fa = exactFigures(a);
  const fb = exactFigures(b);
  if (fa.killed !== null && fb.killed !== null && fa.killed !== fb.killed) return `settled accounts of one day: ${fa.killed} and ${fb.killed} killed`;
  if (fa.injured !== null && fb.injured !== null && fa.injured !== fb.injured) return `settled accounts of one day: ${fa.injured} and ${fb.injured} injured`;
  const [ka, kb] = [a.type.value.kind, b.type.value.kind];
  if (ka !== 'attack' && kb !== 'attack' && ka !== kb) return `settled accounts of one day: kinds differ (${ka} / ${kb})`;
  return null;
}

/**
 * Why two reports can never be one incident, even when one document is an update of the other:
 * places in different countries or more than farKm apart, or day-precision dates more than
 * maxCorrectionDays apart. Null when nothing rules it out.
 */
export function neverOne(a: IncidentReport, b: IncidentReport): string | null {
  const place = placeRelation(a, b);
  if (place.rel === 'clash') return place.why;
  const da = dayNumber(a.date.value);
  const db = dayNumber(b.date.value);
  if (da !== null && db !== null && Math.abs(da - db) > MERGE_RULES.maxCorrectionDays) return `dates ${Math.abs(da - db)} days apart`;
  return null;
}

/** Decide whether report `a` (new) and report `b` (stored, from another document) are one incident. */
export function sameIncident(a: IncidentReport, b: IncidentReport, res: ResolveResources, ctx: MergeContext = {}): MergeDecision {
  const dc = datesCompatible(a.date.value, b.date.value, ctx.exactA && ctx.exactB ? 0 : MERGE_RULES.maxDayGap);
  const undated = dc === null ? undatedRelation(a, b, ctx) : null;
  const place = placeRelation(a, b);
  const vetoed = vetoOf(a, b, dc, undated, place) ?? settledFactsDiffer(a, b, ctx);
  if (vetoed) return { same: false, score: 0, reasons: [vetoed], veto: true };
  const fa = facilityKeys(a, res.gazetteer);
  const fb = facilityKeys(b, res.gazetteer);
  const sharedFacility = fa.some((k) => fb.includes(k));
  // Two named facilities that differ: two targets, so two incidents, unless a city and the day agree.
  if (fa.length && fb.length && !sharedFacility && !(place.rel === 'same' && dc === true)) {
    return { same: false, score: 0, reasons: ['different named facilities'] };
  }
  const shared = [...distinctiveWords(b, res)].filter((w) => distinctiveWords(a, res).has(w));
  const bothDay = a.date.value.precision === 'day' && b.date.value.precision === 'day';
  const sameKind = a.type.value.kind === b.type.value.kind;
  const reasons: string[] = [];
  let score = 0;
  const add = (n: number, why: string): void => {
    score += n;
    reasons.push(why);
  };
  if (sharedFacility) add(3, `shared facility name (${fa.find((k) => fb.includes(k))})`);
  if (place.rel === 'same') add(2, place.why);
  else if (place.rel === 'region') add(1, place.why);
  if (dc === true) add(bothDay ? 2 : 1, 'dates agree');
  if (sameKind) add(1, `same kind (${a.type.value.kind})`);
  // One side undated: its publication date says whether the other's date is recent enough. Both
  // undated: publication dates are weak evidence, enough for a shared venue only.
  const recent = undated === 'recent';
  if (recent) add(1, 'one report is undated, and was published within days of the other date');
  else if (undated === 'cycle') reasons.push('both reports are undated, and were published within a day');
  // A venue needs time to agree too: the same day, or an undated report published soon after.
  const venueTime = dc === true || recent || undated === 'cycle' || undated === 'unknown';
  // Same day and kind, no place named by one side, and the proper name of what was hit given by
  // both ("Charlie Hebdo"). Without that name a busy day joins every shooting of a country: ACLED
  // codes dozens a day, and the placeless report cannot even say which country it is in.
  const sameDayNoPlace = place.rel === 'unknown' && dc === true && bothDay && sameKind && a.locations.concat(b.locations).length > 0;
  // Without a shared name of what was hit, the caller still needs a shared proper name in the two
  // reports' own words (see MergeDecision.weak 'no-place').
  const noPlaceWeak = sameDayNoPlace && !shared.length;
  if (sameDayNoPlace) reasons.push(shared.length ? `same day and kind; one report names no place; both name ${shared.join(', ')}` : 'same day and kind; one report names no place');
  const same =
    (sharedFacility && score >= 3 && venueTime) ||
    (place.rel === 'same' && (dc === true || recent)) ||
    // One side placed only by its province: the same day and kind are not enough (Sagaing has several
    // bombings a day); a name of what was hit, shared by both, is.
    (place.rel === 'region' && dc === true && bothDay && sameKind && shared.length > 0) ||
    sameDayNoPlace;
  // Joins that hold only if nothing else could be meant (see MergeDecision.weak).
  const weak: MergeDecision['weak'] = !same || sharedFacility ? undefined
    : noPlaceWeak ? 'no-place'
    : place.rel === 'same' && dc !== true && recent ? ((daysAfter(a, b, ctx) ?? 0) > NEWS_CYCLE_DAYS ? 'late' : 'undated')
    : place.rel === 'region' ? 'region'
    : undefined;
  return { same, score, reasons, ...(weak ? { weak } : {}) };
}

/**
 * Which stored date strings may belong to the same incident as this report,
 * for finding candidates without comparing against the whole store: the
 * days within the allowed gap, and the month and year written at coarser
 * precision ("2024-03", "2024").
 */
export function dateBlock(r: IncidentReport): { lo: string; hi: string; month: string | null; year: string } | null {
  const d = r.date.value;
  if (d.precision === 'unknown' || d.year === null) return null;
  const dn = dayNumber(d);
  const month = d.month !== null ? `${d.year}-${pad2(d.month)}` : null;
  if (dn !== null) {
    return { lo: isoDayOf(new Date((dn - MERGE_RULES.maxDayGap) * DAY_MS)), hi: isoDayOf(new Date((dn + MERGE_RULES.maxDayGap) * DAY_MS)), month, year: String(d.year) };
  }
  // A month-precision date matches any day of that month; a year, any date of the year.
  if (month) return { lo: `${month}-01`, hi: `${month}-31`, month, year: String(d.year) };
  return { lo: `${d.year}-01-01`, hi: `${d.year}-12-31`, month: null, year: String(d.year) };
}

export { facilityKeys };
