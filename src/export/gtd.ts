import type { Attested, IncidentReport, Location, PlaceRef, TargetValue } from '../model/index.js';
import { classifyTargetType, targetTypeText } from '../classify/target-type.js';
import type { Span } from '../model/index.js';
import { gtdGroupMentions, gtdGroupOf, type GtdGroupMention, type GtdGroups } from '../resolve/gtd-groups.js';
import { defaultContext, type PipelineContext } from '../pipeline/context.js';
import { citation, claimedOf, count, reviewedFlag, type ExportItem } from './records.js';
import { MONTH_NAMES } from '../model/index.js';
import { countryOfName, GTD_REGIONS, gtdRegion } from './countries.js';
import { GTD_ATTACK_TYPES, GTD_CLAIM_MODES, GTD_COUNTRIES, GTD_TARGET_TYPES, GTD_WEAPON_TYPES, gtdCode } from './gtd-codes.js';
import { gtdCities, gtdEventId } from './gtd-ids.js';
import { gtdCorp, gtdCriteria, gtdHostages, gtdMoreAttackTypes, gtdPerpetratorCount, gtdPerpetratorsCaptured, gtdProperty, gtdSuccess, gtdSuicide, gtdTargetSubtype } from './gtd-fields.js';

/**
 * GTD codebook columns we fill, in codebook order. Conventions (GTD codebook):
 * imonth/iday 0 when unknown, approxdate set when the day is not exact,
 * nkill counts every death including attackers, nkillter the attackers only,
 * unknown counts left blank, claimed -9 when unknown, text fields "Unknown".
 */
export const GTD_COLUMNS = [
  'eventid', 'iyear', 'imonth', 'iday', 'approxdate', 'country', 'country_txt', 'region', 'region_txt', 'provstate', 'city',
  'latitude', 'longitude', 'specificity', 'vicinity', 'summary', 'crit1', 'crit2', 'crit3', 'doubtterr', 'multiple', 'success', 'suicide',
  'attacktype1', 'attacktype1_txt', 'attacktype2', 'attacktype2_txt', 'attacktype3', 'attacktype3_txt',
  'targtype1', 'targtype1_txt', 'targsubtype1', 'targsubtype1_txt', 'corp1', 'target1', 'natlty1', 'natlty1_txt',
  'targtype2', 'targtype2_txt', 'target2', 'targtype3', 'targtype3_txt', 'target3',
  'gname', 'nperps', 'nperpcap', 'claimed', 'claimmode', 'claimmode_txt',
  'weaptype1', 'weaptype1_txt', 'weaptype2', 'weaptype2_txt', 'weaptype3', 'weaptype3_txt',
  'nkill', 'nkillter', 'nwound', 'property', 'ishostkid', 'scite1', 'scite2', 'scite3', 'related',
  // Not GTD's: 1 when a reviewer checked or corrected the incident (docs/review.md).
  'reviewed',
  // Not GTD's: the incident's stable Dossier id, whole (eventid carries only its last three digits),
  // so a row joins back to `dossier show ID` and the API.
  'dossier_id',
] as const;
export type GtdColumn = (typeof GTD_COLUMNS)[number];
export type GtdRow = Record<GtdColumn, string>;

const MONTHS = MONTH_NAMES;

/** US territories GTD files under country "United States", with the territory as provstate. */
const GTD_US_TERRITORIES: Record<string, string> = { PR: 'Puerto Rico', GU: 'Guam', VI: 'U.S. Virgin Islands', AS: 'American Samoa', MP: 'Northern Mariana Islands' };
/** New York City's boroughs: GTD's city is "New York City" for each. */
const NYC_BOROUGHS = new Set(['manhattan', 'brooklyn', 'queens', 'bronx', 'the bronx', 'staten island']);

/**
 * A place as GTD codes it: country_txt, provstate, city, following the
 * codebook's conventions — US territories are "United States" with the
 * territory as provstate ("Rio Piedras, Puerto Rico" → United States / Puerto
 * Rico / Rio Piedras); a New York borough is the city "New York City";
 * Washington, D.C. is the city "Washington" in "District of Columbia";
 * "Unknown" where the text names no city or region.
 */
/** The words the report's first place is written with ("Urumqi" where GeoNames has "Ürümqi"). */
function writtenPlace(item: ExportItem): string | null {
  const l = item.primary.locations[0];
  const e = l?.evidence[0];
  const text = item.docs.get(item.primary.docId)?.text;
  return e && text ? text.slice(e.start, e.end) : null;
}

/** Lower-case ASCII letters of a name: "Ürümqi" → "urumqi", "Łódź" → "lodz". */
function asciiKey(name: string): string {
  return name.normalize('NFD').replace(COMBINING_MARKS, '').replace(STROKED_L, 'l').toLowerCase().replace(NON_LETTERS, '');
}
const COMBINING_MARKS = /[\u0300-\u036f]/g;
const STROKED_L = /[łŁ]/g;
const NON_LETTERS = /[^a-z]/g;

/**
 * GTD writes a city as its source writes it, in plain letters: "Urumqi", "Lodz", where GeoNames has
 * "Ürümqi", "Łódź". The text's spelling replaces the gazetteer's when the two differ only in accents.
 */
function asWritten(name: string, written: string | null): string {
  if (!written || written === name || NON_ASCII.test(written)) return name;
  return asciiKey(written) === asciiKey(name) ? written : name;
}
const NON_ASCII = /[^\x20-\x7e]/;

export function gtdPlace(loc: PlaceRef | undefined, written: string | null = null): { country: string; provstate: string; city: string } {
  if (!loc) return { country: 'Unknown', provstate: 'Unknown', city: 'Unknown' };
  const isCountry = loc.featureCode.startsWith('PCL');
  const isRegion = loc.featureCode.startsWith('ADM');
  const territory = GTD_US_TERRITORIES[loc.countryCode];
  let country = territory ? 'United States' : loc.countryName;
  let provstate = territory ?? loc.admin1Name ?? (isRegion ? loc.name : 'Unknown');
  if (isCountry && !territory) provstate = 'Unknown';
  // GTD codes "Peshawar district" as the city Peshawar: a district reading names its town.
  let city = !isCountry && (!isRegion || loc.featureCode === 'ADM2') ? asWritten(loc.name, written) : 'Unknown';
  if (loc.countryCode === 'US' && NYC_BOROUGHS.has(city.toLowerCase())) city = 'New York City';
  // GTD writes US "Saint" towns with "St.": GeoNames' "Saint Paul", "East Saint Louis" are GTD's "St. Paul", "East St. Louis".
  if (loc.countryCode === 'US') city = city.replace(/\bSaint\s+/g, 'St. ');
  if (loc.countryCode === 'US' && /^washington,? d\.?c\.?$/i.test(city)) {
    city = 'Washington';
    provstate = 'District of Columbia';
  }
  if (!country) country = 'Unknown';
  return { country, provstate, city };
}

/** Whether GTD records this incident at all: attacks yes; riots, arrests, legislation no. */
export function inGtdScope(item: ExportItem): boolean {
  return item.primary.type.value.gtdAttackType !== null;
}

/**
 * GTD's attack type for a report. A kind that names it ("bombing", "hostage taking") gives it. An attack
 * told only as an attack ("Assailants attacked soldiers in Maungdaw", "an assailant stabbed a police
 * officer") takes it from the weapon, as GTD's codebook defines the types by their means: explosives
 * make a bombing, fire a facility attack, and firearms, blades or no weapon named an armed assault.
 * On gtd-modern train, 486 of the 879 summaries we read as a bare attack are coded Armed Assault, 143
 * Bombing/Explosion (most of these name the explosive), 73 Unarmed Assault, 49 Facility/Infrastructure.
 */
export function gtdAttackType(r: IncidentReport): string {
  const t = r.type.value.gtdAttackType;
  if (t && t !== 'Unknown') return t;
  if (t === null) return 'Unknown';
  const weapons = new Set(r.weapons.map((w) => w.value));
  for (const [weapon, type] of ATTACK_TYPE_BY_WEAPON) if (weapons.has(weapon)) return type;
  return 'Armed Assault';
}

/** The weapon that decides a bare attack's GTD type, in order of precedence. */
const ATTACK_TYPE_BY_WEAPON: readonly (readonly [string, string])[] = [
  ['Explosives', 'Bombing/Explosion'],
  ['Incendiary', 'Facility/Infrastructure Attack'],
];

/**
 * GTD's nkill and nwound from a report's figures. A report that counts the wounded and names no dead
 * tells a toll without deaths ("Five soldiers were injured in the attack"): GTD codes 0 killed, and so do
 * we; likewise 0 wounded beside a death toll that names no wounded. A report that counts neither leaves
 * both unknown (blank): GTD's unknown stays unknown.
 */
export function gtdToll(killed: number | null, wounded: number | null): { killed: number | null; wounded: number | null } {
  if (killed === null && wounded !== null && wounded > 0) return { killed: 0, wounded };
  if (wounded === null && killed !== null && killed > 0) return { killed, wounded: 0 };
  return { killed, wounded };
}

/** A GTD value with where it came from. */
export interface GtdSourced {
  value: string;
  reason: string;
}

/**
 * GTD's targtype1_txt for a report. The rule-based type of the first target when the target finder
 * found a typed one ("a police checkpoint" → Police); else the target-type classifier's label for the
 * summary (or, in a long document, the anchor sentence) when its probability reaches the model's
 * threshold (src/classify/target-type.ts); else "Unknown".
 */
/**
 * The target-type classifier outranks the rule type when its probability beats the rules' own measured
 * precision: where the rules type a target on gtd-modern train they are right 63.2% of the time, so a
 * classifier at least 0.65 sure is the better bet. Set from that train figure, not tuned on dev.
 */
export const TARGET_CLASSIFIER_OVERRIDE = 0.65;

/** GTD's target type for a report; the classifier is the context's (the shipped model unless a trainer gives one). */
export function gtdTargetType(item: ExportItem, ctx: Pick<PipelineContext, 'targetType'> = defaultContext()): GtdSourced {
  const r = item.primary;
  const t = r.targets[0]?.value;
  const text = item.docs.get(r.docId)?.text;
  const guess = text ? classifyTargetType(targetTypeText(text, r.anchor), ctx.targetType) : null;
  // A confident classifier outranks the rule type: where the rules type a target, they are right 63.2% of
  // the time on gtd-modern train and the cross-validated classifier 69.6% (the rules read one noun phrase,
  // the classifier the whole account: "a village chief" is Government (General) to GTD, Private to a rule).
  if (guess && guess.score >= TARGET_CLASSIFIER_OVERRIDE) return { value: guess.label, reason: guess.reason };
  if (t && t.gtdTargetType && t.gtdTargetType !== 'Unknown') return { value: t.gtdTargetType, reason: `target "${t.name}": rule type` };
  if (guess?.sure) return { value: guess.label, reason: guess.reason };
  return { value: 'Unknown', reason: guess ? `no typed target; ${guess.reason}` : 'no typed target' };
}

/** Where gname may come from beyond the named perpetrator and claimant (each chosen by leave-one-region-out CV). */
export interface GnameSources {
  /** A lexicon group named in the report's anchor sentence, outside its targets and victims. */
  sentence: boolean;
  /** A lexicon group named anywhere in a short document (a summary), outside the report's targets and victims. */
  document: boolean;
  /** The perpetrator's or claimant's own words when the lexicon knows no group in them. */
  raw: boolean;
}

/** Chosen by leave-one-region-out CV on gtd-modern train (docs/eval-gtd.md). */
export const GNAME_SOURCES: GnameSources = Object.freeze({ sentence: true, document: true, raw: true });
/** A document up to this many characters is one summary: any group it names may be the perpetrator. */
const GNAME_DOC_CHARS = 1500;

const overlapsAny = (m: Span, spans: readonly Span[]): boolean => spans.some((s) => m.start < s.end && s.start < m.end);

/** The first lexicon group named in the text of these spans. */
function groupIn(groups: GtdGroups, text: string, spans: readonly Span[]): GtdGroupMention | null {
  for (const s of spans) {
    const m = gtdGroupMentions(groups, text, s)[0];
    if (m) return m;
  }
  return null;
}

/**
 * GTD's gname for a report: the canonical GTD name (src/resolve/gtd-groups.ts) of a group named as the
 * perpetrator, else of the group that claimed responsibility (unchallenged), else — as GNAME_SOURCES
 * says — of a group named in the anchor sentence or the summary outside the targets and victims;
 * "Unknown" when none. The lexicon is the context's (the shipped one unless cross-validation gives one).
 */
export function gtdGname(item: ExportItem, opts: GnameSources = GNAME_SOURCES, ctx: Pick<PipelineContext, 'gtdGroups'> = defaultContext()): GtdSourced {
  const r = item.primary;
  const groups = ctx.gtdGroups;
  const text = item.docs.get(r.docId)?.text ?? '';
  const perps = r.perpetrators.filter((p) => p.value.kind === 'group');
  for (const p of perps) {
    const g = groupIn(groups, text, p.evidence) ?? gtdGroupOf(groups, p.value.name);
    if (g) return { value: g.name, reason: `perpetrator "${p.value.name}": ${g.reason}` };
  }
  const cl = claimedOf(item);
  const claimant = cl.claimed === '1' && cl.unchallenged && cl.group ? cl.group : null;
  const byClaim = claimant ? gtdGroupOf(groups, claimant) : null;
  if (byClaim) return { value: byClaim.name, reason: `claimed by "${claimant}": ${byClaim.reason}` };
  const victims = [...r.targets, ...r.victims].flatMap((t) => t.evidence);
  const free = (ms: GtdGroupMention[]): GtdGroupMention | undefined => ms.find((m) => !overlapsAny(m, victims));
  const inSentence = opts.sentence ? free(gtdGroupMentions(groups, text, r.anchor)) : undefined;
  if (inSentence) return { value: inSentence.name, reason: `named in the incident's sentence: ${inSentence.reason}` };
  const inDoc = opts.document && text.length <= GNAME_DOC_CHARS ? free(gtdGroupMentions(groups, text)) : undefined;
  if (inDoc) return { value: inDoc.name, reason: `named in the summary: ${inDoc.reason}` };
  const raw = perps[0]?.value.name ?? claimant;
  if (opts.raw && raw) return { value: raw, reason: 'perpetrator or claimant as written (no GTD group in the lexicon)' };
  return { value: 'Unknown', reason: 'no GTD group named as perpetrator or claimant' };
}

/**
 * The GTD rows of an export item: one per city of a coordinated attack in several cities (gtdCities),
 * else one. `linked` lists the eventids of the incidents the texts link to this one (claims of
 * linkage): with the item's other cities they make each row's `related`, and `multiple` is 1.
 */
export function gtdRows(item: ExportItem, linked: readonly string[] = []): GtdRow[] {
  const parts = Math.max(1, gtdCities(item.primary, docText(item)).length);
  const ids = Array.from({ length: parts }, (_, i) => gtdEventId(item.primary, item.incident.id, i));
  return ids.map((id, i) => gtdRow(item, i, [...ids.filter((x) => x !== id), ...linked.filter((x) => !ids.includes(x))]));
}

/**
 * One GTD row: part `part` of the item (its city's row; 0 for the first or only one), with the eventids
 * of the related rows. The incident's figures go on the first row only: the reports give them for the
 * attack as a whole, and repeating them on each city's row would count them once per city.
 */
export function gtdRow(item: ExportItem, part = 0, related: readonly string[] = []): GtdRow {
  const r = item.primary;
  const cities = gtdCities(r, docText(item));
  const loc = cities[part] ?? r.locations[0];
  const place = gtdPlace(loc?.value.place, part === 0 ? writtenPlace(item) : null);
  const targets = targetsAt(item, loc, cities.length > 1);
  const attack = gtdAttackType(r);
  const more = gtdMoreAttackTypes(item, r, attack);
  // A city's row of a coordinated attack types its own first target; a single row reads the whole report.
  const tt1 = cities.length > 1 ? typeOfTarget(targets[0]) : gtdTargetType(item).value;
  const gname = gtdGname(item).value;
  const cl = claimedOf(item);
  return {
    ...dateColumns(item, part, related),
    ...placeColumns(loc?.value, place),
    summary: summary(item, loc?.value, targets, part),
    ...gtdCriteria(item, r, gname),
    multiple: related.length ? '1' : '0',
    success: gtdSuccess(item, r),
    suicide: gtdSuicide(item, r),
    ...typed('attacktype', [attack, ...more], GTD_ATTACK_TYPES),
    ...targetColumns(item, targets, tt1, loc?.value.place.countryCode ?? null),
    gname,
    nperps: gtdPerpetratorCount(r),
    nperpcap: part === 0 ? gtdPerpetratorsCaptured(item) : '-99',
    claimed: cl.claimed,
    claimmode: cl.claimed === '1' ? gtdCode(GTD_CLAIM_MODES, cl.mode) : '',
    claimmode_txt: cl.claimed === '1' ? cl.mode : '',
    ...typed('weaptype', [...new Set(r.weapons.map((w) => w.value))], GTD_WEAPON_TYPES, 'Unknown'),
    ...tollColumns(item, part),
    property: gtdProperty(item, r),
    ishostkid: gtdHostages(item, r),
    ...citeColumns(item),
    reviewed: reviewedFlag(item),
    dossier_id: String(item.incident.id),
  };
}

/** The text of the item's primary report's document ('' when it is missing). */
function docText(item: ExportItem): string {
  return item.docs.get(item.primary.docId)?.text ?? '';
}

function dateColumns(item: ExportItem, part: number, related: readonly string[]): Pick<GtdRow, 'eventid' | 'iyear' | 'imonth' | 'iday' | 'approxdate' | 'related'> {
  const d = item.primary.date.value;
  const mo = d.precision === 'day' || d.precision === 'month' ? d.month ?? 0 : 0;
  const da = d.precision === 'day' ? d.day ?? 0 : 0;
  return {
    eventid: gtdEventId(item.primary, item.incident.id, part),
    iyear: d.year === null ? '' : String(d.year),
    imonth: String(mo),
    iday: String(da),
    approxdate: d.precision === 'month' ? `${MONTHS[(d.month ?? 1) - 1]} ${d.year}` : d.precision === 'year' ? String(d.year) : '',
    related: related.join(', '),
  };
}

/**
 * Place columns. GTD's specificity: 1 a town with its coordinates, 3 a second-level division's centre,
 * 4 a first-level division's, 5 no place below the country (coordinates left blank, as GTD does);
 * vicinity 1 for "near" a place.
 */
function placeColumns(loc: Location | undefined, place: { country: string; provstate: string; city: string }): Pick<GtdRow, 'country' | 'country_txt' | 'region' | 'region_txt' | 'provstate' | 'city' | 'latitude' | 'longitude' | 'specificity' | 'vicinity'> {
  const p = loc?.place;
  const gtd = p ? GTD_COUNTRIES[GTD_US_TERRITORIES[p.countryCode] ? 'US' : p.countryCode] : undefined;
  const region = p ? gtdRegion(p.countryCode) : null;
  const fc = p?.featureCode ?? '';
  const specificity = !p || fc.startsWith('PCL') ? '5' : fc === 'ADM1' ? '4' : fc.startsWith('ADM') ? '3' : '1';
  const coords = specificity !== '5' && p?.lat != null && p.lon != null;
  return {
    country: gtd ? String(gtd[0]) : '',
    country_txt: gtd ? gtd[1] : place.country,
    region: region === null ? '' : String(region),
    region_txt: region === null ? '' : GTD_REGIONS[region] ?? '',
    provstate: place.provstate,
    city: place.city,
    latitude: coords ? String(p!.lat) : '',
    longitude: coords ? String(p!.lon) : '',
    specificity,
    vicinity: loc?.relation === 'near' ? '1' : '0',
  };
}

/** Numbered GTD type columns (attacktype1..3, weaptype1..3) with their `_txt` twins; a missing first type is `fallback`. */
function typed<P extends 'attacktype' | 'weaptype'>(prefix: P, values: string[], table: Record<string, number>, fallback = 'Unknown'): Record<`${P}${1 | 2 | 3}` | `${P}${1 | 2 | 3}_txt`, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < 3; i++) {
    const v = values[i] ?? (i === 0 ? fallback : '');
    out[`${prefix}${i + 1}`] = gtdCode(table, v);
    out[`${prefix}${i + 1}_txt`] = v;
  }
  return out as Record<`${P}${1 | 2 | 3}` | `${P}${1 | 2 | 3}_txt`, string>;
}

/**
 * The targets of a city's row: in a coordinated attack, each target goes with the place named nearest to
 * it in the text ("a church and a synagogue in Derbent and a police post in Makhachkala"); a row no target
 * goes with keeps them all. A single place has all the report's targets.
 */
function targetsAt(item: ExportItem, loc: Attested<Location> | undefined, split: boolean): TargetValue[] {
  const r = item.primary;
  if (!split || !loc) return r.targets.map((t) => t.value);
  const dist = (a: Span[], b: Span[]): number => Math.min(Infinity, ...a.flatMap((x) => b.map((y) => Math.abs(x.start - y.start))));
  const mine = r.targets.filter((t) => {
    const nearest = [...r.locations].sort((a, b) => dist(t.evidence, a.evidence) - dist(t.evidence, b.evidence))[0];
    return nearest?.value.place.name === loc.value.place.name;
  });
  return (mine.length ? mine : r.targets).map((t) => t.value);
}

function typeOfTarget(t: TargetValue | undefined): string {
  return t && t.gtdTargetType ? t.gtdTargetType : 'Unknown';
}

function targetColumns(item: ExportItem, targets: TargetValue[], type1: string, countryCode: string | null): Pick<GtdRow, 'targtype1' | 'targtype1_txt' | 'targsubtype1' | 'targsubtype1_txt' | 'corp1' | 'target1' | 'natlty1' | 'natlty1_txt' | 'targtype2' | 'targtype2_txt' | 'target2' | 'targtype3' | 'targtype3_txt' | 'target3'> {
  const [t1, t2, t3] = targets;
  const sub = gtdTargetSubtype(type1, t1);
  const nat = nationalityOf(t1, countryCode);
  const second = (t: TargetValue | undefined): [string, string, string] => (t ? [gtdCode(GTD_TARGET_TYPES, typeOfTarget(t)), typeOfTarget(t), t.name] : ['', '', '']);
  const [tt2, tt2txt, target2] = second(t2);
  const [tt3, tt3txt, target3] = second(t3);
  return {
    targtype1: gtdCode(GTD_TARGET_TYPES, type1), targtype1_txt: type1, targsubtype1: sub.code, targsubtype1_txt: sub.text,
    corp1: gtdCorp(t1), target1: t1?.name ?? 'Unknown', natlty1: nat.code, natlty1_txt: nat.name,
    targtype2: tt2, targtype2_txt: tt2txt, target2, targtype3: tt3, targtype3_txt: tt3txt, target3,
  };
}

/**
 * GTD `natlty1`: a nationality the target's words name ("Tajik citizens", "a Chinese engineer"), else the
 * country where it happened (GTD's coders code local targets so).
 */
function nationalityOf(t: TargetValue | undefined, countryCode: string | null): { code: string; name: string } {
  const named = t ? t.name.split(WORDS).map((w) => (w && CAPITAL.test(w) ? countryOfName(w) : null)).find((c) => c) : null;
  const cc = named ?? countryCode;
  const gtd = cc ? GTD_COUNTRIES[cc] : undefined;
  return gtd ? { code: String(gtd[0]), name: gtd[1] } : { code: '', name: '' };
}
const WORDS = /[^\p{L}-]+/u;
const CAPITAL = /^\p{Lu}/u;

/** nkill, nkillter, nwound: on the first row only (see gtdRow). */
function tollColumns(item: ExportItem, part: number): Pick<GtdRow, 'nkill' | 'nkillter' | 'nwound'> {
  if (part > 0) return { nkill: '', nkillter: '', nwound: '' };
  const toll = gtdToll(count(item, 'killedTotal'), count(item, 'injured'));
  const nkillter = count(item, 'killedPerpetrators');
  const num = (n: number | null): string => (n === null ? '' : String(n));
  return { nkill: num(toll.killed), nkillter: num(nkillter ?? (toll.killed !== null ? 0 : null)), nwound: num(toll.wounded) };
}

function citeColumns(item: ExportItem): Pick<GtdRow, 'scite1' | 'scite2' | 'scite3'> {
  const cites = item.incident.reports.map((rep) => citation(item, rep)).filter(Boolean);
  return { scite1: cites[0] ?? '', scite2: cites[1] ?? '', scite3: cites[2] ?? '' };
}

/**
 * A one-sentence summary in the GTD style, made from the coded fields of one row: "6/23/2024: Armed men
 * carried out an armed assault targeting a synagogue in Derbent, Russia. …". A city's row of a coordinated
 * attack says it is one part and where the figures are.
 */
function summary(item: ExportItem, loc: Location | undefined, targets: TargetValue[], part: number): string {
  const r = item.primary;
  const d = r.date.value;
  const date = d.precision === 'day' ? `${d.month}/${d.day}/${d.year}` : d.precision === 'month' ? `${d.month}/${d.year}` : d.precision === 'year' ? String(d.year) : 'Date unknown';
  const where = loc ? ` ${loc.relation === 'near' ? 'near' : 'in'} ${loc.place.name}${loc.place.countryName && loc.place.countryName !== loc.place.name ? `, ${loc.place.countryName}` : ''}` : '';
  const p0 = r.perpetrators[0]?.value.name;
  const who = p0 ? p0.charAt(0).toUpperCase() + p0.slice(1) : 'Unknown perpetrators';
  const what = r.type.value.kind.replace(/_/g, ' ');
  const target = targets.length ? ` targeting ${targets.map((t) => t.name).join(', ')}` : '';
  const cities = gtdCities(r, docText(item));
  const coordinated = cities.length > 1 ? ` This was one of ${cities.length} coordinated attacks (${cities.map((c) => c.value.place.name).join(', ')}).` : '';
  let cas = '';
  if (part === 0) {
    const k = count(item, 'killedTotal');
    const w = count(item, 'injured');
    cas = k !== null || w !== null ? ` ${k ?? 'An unknown number of'} people were killed and ${w ?? 'an unknown number'} injured${cities.length > 1 ? ' in all the attacks' : ''}.` : '';
  } else {
    cas = ' Casualties are given for all the attacks on the first of them.';
  }
  return `${date}: ${who} carried out an ${what}${target}${where}.${coordinated}${cas}`.replace(/ an ([^aeiou])/i, ' a $1');
}
export function toCsv(rows: Record<string, string>[], columns: readonly string[]): string {
  return [columns.join(','), ...rows.map((r) => csvLine(r, columns))].join('\n') + '\n';
}

/** One CSV line (no line end) of a row's values in column order, quoted where needed. */
export function csvLine(row: Record<string, string>, columns: readonly string[]): string {
  const esc = (v: string): string => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return columns.map((c) => esc(row[c] ?? '')).join(',');
}
