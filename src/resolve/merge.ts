import type { DateValue, IncidentKind, IncidentReport, PlaceRef } from '../model/index.js';
import { kindsCompatible } from '../extract/triggers.js';
import { facilityKey } from './facility-places.js';
import { getGazetteer } from '../nlp/gazetteer/index.js';
import { isActorWord } from './actors.js';

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
  /** Places this close count as the same place: a venue "near Moscow" in Krasnogorsk. */
  nearKm: 40,
  /** Places farther apart than this are different incidents whatever else agrees (about 100 km, as analysts join reports). */
  farKm: 100,
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
   *   bombing in "Dagestan" and one in Makhachkala, not for Sagaing's several a day.
   */
  weak?: 'undated' | 'no-place' | 'region';
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

/** Whether two dates can name the same day, given their precision; null when either is unknown. */
export function datesCompatible(a: DateValue, b: DateValue): boolean | null {
  if (a.precision === 'unknown' || b.precision === 'unknown' || a.year === null || b.year === null) return null;
  const da = dayNumber(a);
  const db = dayNumber(b);
  if (da !== null && db !== null) return Math.abs(da - db) <= MERGE_RULES.maxDayGap;
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
  'town', 'area', 'lga', 'division', 'ward', 'sub-county', 'department', 'commune']);

/**
 * The proper names a text gives, lower-cased, without countries and demonyms: "Afghan" ties no
 * two reports of a day in Afghanistan together, "Charlie Hebdo" does. `strict` also drops place
 * names and the names of armed groups and parties: one group carries out many attacks a day.
 */
export function properWords(text: string, strict = false): Set<string> {
  const gaz = getGazetteer();
  const out = new Set<string>();
  for (const w of text.match(PROPER_WORD) ?? []) {
    const k = w.toLowerCase();
    if (NOT_NAMES.has(k) || gaz.demonym(w) || gaz.country(w)) continue;
    if (strict && (gaz.lookup(w).length > 0 || isActorWord(w))) continue;
    out.add(k);
  }
  return out;
}

/** The proper names of what was hit: targets, victims, facilities ("Charlie Hebdo", "Pulse"). Attackers'
 * names are not distinctive: one group carries out many attacks on one day. */
function distinctiveWords(r: IncidentReport): Set<string> {
  return properWords([...r.targets.map((t) => t.value.name), ...r.victims.map((v) => v.value.name), ...(r.facilities ?? []).map((f) => f.value)].join(' '));
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
  for (const x of pa.filter(isCity)) {
    for (const y of pb.filter(isCity)) {
      if (x.geonameid !== null && x.geonameid === y.geonameid) return { rel: 'same', why: `same city ${x.name}` };
      const d = km(x, y);
      if (d !== null && d <= MERGE_RULES.nearKm) return { rel: 'same', why: `${x.name} and ${y.name} are ${Math.round(d)} km apart` };
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
  if (!townsOnBothSides && pa.some((x) => pb.some((y) => x.countryCode === y.countryCode && x.admin1Code !== null && x.admin1Code === y.admin1Code))) return { rel: 'region', why: 'same region' };
  return { rel: 'country', why: 'same country' };
}

function facilityKeys(r: IncidentReport): string[] {
  return [...new Set((r.facilities ?? []).map((f) => facilityKey(f.value)).filter(Boolean))];
}

function kindsOf(r: IncidentReport): IncidentKind[] {
  return [r.type.value.kind];
}

/** What the reports' documents say about them: their publication dates. */
export interface MergeContext {
  publishedA?: string | null;
  publishedB?: string | null;
}

/** An undated report is about a recent event: one dated at most this many days before its publication. */
export const RECENT_DAYS = 10;
/** Two undated reports of one place are one incident only when published this close. */
const BOTH_UNDATED_DAYS = 1;

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

/** Decide whether report `a` (new) and report `b` (stored, from another document) are one incident. */
export function sameIncident(a: IncidentReport, b: IncidentReport, ctx: MergeContext = {}): MergeDecision {
  const reasons: string[] = [];
  if (!kindsOf(a).some((x) => kindsOf(b).some((y) => kindsCompatible(x, y)))) return { same: false, score: 0, reasons: [`kinds differ (${a.type.value.kind} / ${b.type.value.kind})`], veto: true };
  const dc = datesCompatible(a.date.value, b.date.value);
  if (dc === false) return { same: false, score: 0, reasons: ['dates cannot be the same day'], veto: true };
  const place = placeRelation(a, b);
  if (place.rel === 'clash') return { same: false, score: 0, reasons: [place.why], veto: true };
  const fa = facilityKeys(a);
  const fb = facilityKeys(b);
  const sharedFacility = fa.some((k) => fb.includes(k));
  // Two named facilities that differ: two targets, so two incidents, unless a city and the day agree.
  if (fa.length && fb.length && !sharedFacility && !(place.rel === 'same' && dc === true)) {
    return { same: false, score: 0, reasons: ['different named facilities'] };
  }
  const wa = distinctiveWords(a);
  const shared = [...distinctiveWords(b)].filter((w) => wa.has(w));
  let score = 0;
  if (sharedFacility) {
    score += 3;
    reasons.push(`shared facility name (${fa.find((k) => fb.includes(k))})`);
  }
  if (place.rel === 'same') {
    score += 2;
    reasons.push(place.why);
  } else if (place.rel === 'region') {
    score += 1;
    reasons.push(place.why);
  }
  if (dc === true) {
    score += a.date.value.precision === 'day' && b.date.value.precision === 'day' ? 2 : 1;
    reasons.push('dates agree');
  }
  if (a.type.value.kind === b.type.value.kind) {
    score += 1;
    reasons.push(`same kind (${a.type.value.kind})`);
  }
  // One side undated: its publication date says whether the other's date is recent enough.
  let recent = false;
  if (dc === null) {
    const aKnown = a.date.value.precision !== 'unknown';
    const bKnown = b.date.value.precision !== 'unknown';
    if (aKnown && !bKnown) recent = recentEnough(a.date.value, ctx.publishedB);
    else if (bKnown && !aKnown) recent = recentEnough(b.date.value, ctx.publishedA);
    else {
      // Both undated: only reports of one news cycle (published a day apart at most) are
      // taken to be about the same recent event; a week apart, one city has had two.
      const pa = isoDay(ctx.publishedA);
      const pb = isoDay(ctx.publishedB);
      recent = pa !== null && pb !== null && Math.abs(pa - pb) <= BOTH_UNDATED_DAYS;
    }
    if (recent) {
      score += 1;
      reasons.push('one report is undated, and was published within days of the other date');
    }
  }
  // Same day and kind, no place named by one side, and the proper name of what was hit given by
  // both ("Charlie Hebdo"). Without that name a busy day joins every shooting of a country: ACLED
  // codes dozens a day, and the placeless report cannot even say which country it is in.
  const sameDayNoPlace = place.rel === 'unknown' && dc === true && a.date.value.precision === 'day' && b.date.value.precision === 'day' && a.type.value.kind === b.type.value.kind &&
    a.locations.concat(b.locations).length > 0;
  // Without a shared name of what was hit, the caller still needs a shared proper name in the two
  // reports' own words (see MergeDecision.weak 'no-place').
  const noPlaceWeak = sameDayNoPlace && !shared.length;
  if (sameDayNoPlace) reasons.push(shared.length ? `same day and kind; one report names no place; both name ${shared.join(', ')}` : 'same day and kind; one report names no place');
  // A facility alone may join reports with no date; a place needs a date (or a recent publication) too.
  const same =
    (sharedFacility && score >= 3) ||
    (place.rel === 'same' && (dc === true || recent)) ||
    // One side placed only by its province: the same day and kind are not enough (Sagaing has several
    // bombings a day); a name of what was hit, shared by both, is.
    (place.rel === 'region' && dc === true && a.date.value.precision === 'day' && b.date.value.precision === 'day' && a.type.value.kind === b.type.value.kind && shared.length > 0) ||
    sameDayNoPlace;
  // Joins that hold only if nothing else could be meant (see MergeDecision.weak).
  const weak: MergeDecision['weak'] = !same || sharedFacility ? undefined
    : noPlaceWeak ? 'no-place'
    : place.rel === 'same' && dc !== true && recent ? 'undated'
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
  const p2 = (n: number): string => String(n).padStart(2, '0');
  const iso = (t: Date): string => `${t.getUTCFullYear()}-${p2(t.getUTCMonth() + 1)}-${p2(t.getUTCDate())}`;
  const dn = dayNumber(d);
  const month = d.month !== null ? `${d.year}-${p2(d.month)}` : null;
  if (dn !== null) {
    return { lo: iso(new Date((dn - MERGE_RULES.maxDayGap) * 86_400_000)), hi: iso(new Date((dn + MERGE_RULES.maxDayGap) * 86_400_000)), month, year: String(d.year) };
  }
  // A month-precision date matches any day of that month; a year, any date of the year.
  if (month) return { lo: `${month}-01`, hi: `${month}-31`, month, year: String(d.year) };
  return { lo: `${d.year}-01-01`, hi: `${d.year}-12-31`, month: null, year: String(d.year) };
}

export { facilityKeys };
