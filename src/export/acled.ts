import type { Attested, Count, DateValue, IncidentReport, PlaceRef } from '../model/index.js';
import { publishedOf } from '../resolve/index.js';
import { acledActors } from '../resolve/actors.js';
import { defaultContext, type PipelineContext } from '../pipeline/context.js';
import { reviewedCount, reviewedFlag, type ExportItem } from './records.js';
import { addDays, pad2 } from '../model/index.js';
import { countryCodes } from './countries.js';
import { lastChangeUnix, roundCoord, sourceNames } from './common.js';
import { acledNote } from './acled-notes.js';

/**
 * ACLED's columns, in the order of ACLED's own exports. Conventions (ACLED codebook):
 * - every event has a day; time_precision says how sure it is: 1 the day, 2 within a week
 *   (or "as reported on"), 3 only the month;
 * - geo_precision: 1 the named town, 2 near it or only its district, 3 only the province;
 * - fatalities are never blank: 0 when no death is reported; vague counts follow FATALITY_WORDS.
 * How each value is decided: docs/formats.md.
 */
export const ACLED_COLUMNS = [
  'event_id_cnty', 'event_date', 'year', 'time_precision', 'disorder_type', 'event_type', 'sub_event_type',
  'actor1', 'assoc_actor_1', 'inter1', 'actor2', 'assoc_actor_2', 'inter2', 'interaction', 'civilian_targeting',
  'iso', 'region', 'country', 'admin1', 'admin2', 'admin3', 'location', 'latitude', 'longitude', 'geo_precision',
  'source', 'source_scale', 'notes', 'fatalities', 'tags', 'timestamp',
  // Not ACLED's, after ACLED's own columns: 1 when a reviewer checked or corrected the event (docs/review.md).
  'reviewed',
] as const;
export type AcledRow = Record<(typeof ACLED_COLUMNS)[number], string>;

/**
 * ACLED's figures for counts without a number: "several", "a few", "many" deaths are coded 10,
 * "dozens" 12, "hundreds" 100 (ACLED codebook, fatalities). Keyed by the vague word as written.
 */
export const FATALITY_WORDS: readonly { pattern: RegExp; value: number; reason: string }[] = [
  { pattern: /\bhundreds\b/i, value: 100, reason: 'ACLED codes "hundreds" as 100' },
  { pattern: /\bdozens\b/i, value: 12, reason: 'ACLED codes "dozens" as 12' },
  { pattern: /\b(?:several|many|scores|numerous|some|a few|multiple)\b/i, value: 10, reason: 'ACLED codes "several"/"many" as 10' },
];

/** ACLED's fatality figure for a count: the number as written, or the codebook's figure for a vague word. */
export function acledFatalities(c: Attested<Count> | null | undefined): number {
  if (!c) return 0;
  if (c.value.qualifier === 'vague') {
    for (const w of FATALITY_WORDS) if (w.pattern.test(c.value.text)) return w.value;
  }
  return c.value.value;
}

/**
 * A coder's own word on the figure: "Fatalities coded as 0 (VoJ reported 1)". ACLED notes say so
 * when the coded figure departs from what a source claimed; the statement is the coding.
 */
const CODED_AS = /\bfatalit(?:y|ies)\s+(?:(?:is|are|was|were)\s+)?coded\s+as\s+(\d+)/i;

/** The figure a note's text says was coded, if it says so. */
export function codedFatalities(text: string): number | null {
  const m = CODED_AS.exec(text);
  return m ? Number(m[1]) : null;
}

/** ACLED event type and sub-event type of a report: decided at extraction and carried by the report (src/classify/acled-type.ts). */
export function acledType(r: IncidentReport): { event: string; subEvent: string; reason: string } {
  return { event: r.type.value.acledEvent, subEvent: r.type.value.acledSubEvent, reason: r.type.reason };
}


/** ACLED's event_date and time_precision for a date at our precision. */
export function acledDate(d: DateValue, published: string | null): { date: string; precision: string } {
  if (d.precision === 'day' && d.year !== null && d.month !== null && d.day !== null) return { date: `${d.year}-${pad2(d.month)}-${pad2(d.day)}`, precision: '1' };
  if (d.precision === 'month' && d.year !== null && d.month !== null) return { date: `${d.year}-${pad2(d.month)}-01`, precision: '3' };
  if (d.precision === 'year' && d.year !== null) return { date: `${d.year}-01-01`, precision: '3' };
  // No date in the text: the day before the report.
  return { date: published ? daysBefore(published, UNDATED_LAG_DAYS) : '', precision: published ? UNDATED_TIME_PRECISION : '' };
}

/**
 * A report that gives no date for its event is dated this many days before its publication. The daily
 * press tells the previous day's events ("Unknown gunmen kill two members of …", published the next
 * morning); ACLED's coders date such an event from its report, and a note is written from such reports.
 */
export const UNDATED_LAG_DAYS = 1;

/**
 * ACLED's time_precision for a date taken from the report rather than the text. ACLED's codebook allows
 * 2 (within a week), but its coders write 1 when the source's own date fixes the day: on ACLED train,
 * 8,186 of the 8,875 notes that state no date are coded 1, 644 are 2. So 1.
 */
const UNDATED_TIME_PRECISION = '1';

/** The ISO day `n` days before an ISO date (the date itself when it does not parse). */
function daysBefore(iso: string, n: number): string {
  return addDays(iso, -n);
}

/** ACLED's geo_precision for the place a report names. */
export function acledGeoPrecision(place: PlaceRef | undefined, relation: 'in' | 'near' | undefined): string {
  if (!place) return '';
  if (place.featureCode.startsWith('PCL') || place.featureCode === 'ADM1') return '3';
  if (relation === 'near' || place.featureCode.startsWith('ADM')) return '2';
  return '1';
}

/** ACLED's inter code for an actor kind: 1 state forces, 2 rebel groups, 8 other (unknown kinds are left blank). */
function interOf(kind: string | undefined): string {
  if (kind === 'state') return '1';
  if (kind === 'group') return '2';
  return '';
}

/**
 * ACLED's actor columns for a report whose ACLED event type is `event`, in `country`, on `eventDate` (the
 * row's, which is the report's when the text gives none), read with the context's actor lexicon.
 */
export function acledActorColumns(text: string, r: IncidentReport, event: string, country: string, eventDate?: string, ctx: Pick<PipelineContext, 'actors'> = defaultContext()): Pick<AcledRow, 'actor1' | 'assoc_actor_1' | 'inter1' | 'actor2' | 'assoc_actor_2' | 'inter2'> {
  const { actor1, actor2, assoc1, assoc2 } = acledActors(ctx.actors, text, { ...r, type: { ...r.type, value: { ...r.type.value, acledEvent: event } } }, country, eventDate);
  return {
    actor1: actor1?.name ?? r.perpetrators[0]?.value.name ?? '',
    assoc_actor_1: assoc1?.name ?? '',
    inter1: actor1 ? String(actor1.inter) : interOf(r.perpetrators[0]?.value.kind),
    actor2: actor2?.name ?? r.targets[0]?.value.name ?? r.victims[0]?.value.name ?? '',
    assoc_actor_2: assoc2?.name ?? '',
    inter2: actor2 ? String(actor2.inter) : '',
  };
}

/**
 * ACLED's fatalities: a note's own "Fatalities coded as N"; else each report's figure as ACLED codes it
 * (vague words by FATALITY_WORDS; the total, or victims and attackers added), and of those the lowest
 * (ACLED codes conservatively) or, under --policy latest, the latest report's; 0 when no report gives one.
 */
export function fatalitiesOf(item: ExportItem, r: IncidentReport): number {
  const doc = item.docs.get(r.docId);
  const coded = doc ? codedFatalities(doc.text) : null;
  if (coded !== null) return coded;
  const pub = publishedOf(item.docs);
  const figures = item.incident.reports
    .filter((x) => x.killedTotal || x.killedVictims || x.killedPerpetrators)
    .map((x) => ({ r: x, n: x.killedTotal ? acledFatalities(x.killedTotal) : acledFatalities(x.killedVictims) + acledFatalities(x.killedPerpetrators) }));
  if (!figures.length) return 0;
  if (item.policy === 'latest') return [...figures].sort((a, b) => (pub(b.r) ?? '').localeCompare(pub(a.r) ?? ''))[0]!.n;
  return Math.min(...figures.map((f) => f.n));
}

/** An ACLED row for an export item; `ctx` gives the actor lexicon (the shipped one by default). */
export function acledRow(item: ExportItem, ctx: Pick<PipelineContext, 'actors'> = defaultContext()): AcledRow {
  const r = item.primary;
  const loc = r.locations[0]?.value;
  const place = loc?.place;
  const doc = item.docs.get(r.docId);
  const { date, precision } = acledDate(r.date.value, doc?.meta.published ?? null);
  const type = acledType(r);
  const actors = acledActorColumns(doc?.text ?? '', r, type.event, place?.countryName ?? '', date, ctx);
  const codes = countryCodes(place?.countryCode);
  // A reviewer's figure stands over the automatic one (docs/review.md).
  const fatalities = reviewedCount(item, 'killedTotal') ?? fatalitiesOf(item, r);
  const sources = sourceNames(item);
  const changed = lastChangeUnix(item);
  return {
    event_id_cnty: `${codes?.iso3 ?? UNKNOWN_COUNTRY}${item.incident.id}`,
    event_date: date,
    year: date.slice(0, 4),
    time_precision: precision,
    disorder_type: disorderType(type.event, type.subEvent),
    event_type: type.event,
    sub_event_type: type.subEvent,
    ...actors,
    interaction: interaction(actors.inter1, actors.inter2),
    civilian_targeting: civilianTargeting(type.event, actors.inter2),
    iso: codes?.isoNumeric == null ? '' : String(codes.isoNumeric),
    region: codes?.acledRegion ?? '',
    country: place?.countryName ?? '',
    admin1: place?.admin1Name ?? (place?.featureCode === 'ADM1' ? place.name : ''),
    admin2: place?.admin2Name ?? '',
    admin3: '',
    location: place && !place.featureCode.startsWith('PCL') ? place.name : '',
    latitude: place?.lat == null ? '' : String(roundCoord(place.lat, ACLED_COORD_DIGITS)),
    longitude: place?.lon == null ? '' : String(roundCoord(place.lon, ACLED_COORD_DIGITS)),
    geo_precision: acledGeoPrecision(place, loc?.relation),
    source: sources.join('; '),
    source_scale: sourceScale(item, place?.countryCode ?? null),
    notes: acledNote(item, { date, actor1: actors.actor1, actor2: actors.actor2, fatalities, sources }),
    fatalities: String(fatalities),
    tags: type.event === 'Protests' || type.event === 'Riots' ? 'crowd size=no report' : '',
    timestamp: changed === null ? '' : String(changed),
    reviewed: reviewedFlag(item),
  };
}

/** event_id_cnty's country part when the incident has no country: ACLED has none for that, so a code no country has. */
export const UNKNOWN_COUNTRY = 'XXX';
/** ACLED writes coordinates to four decimals (about 11 m). */
const ACLED_COORD_DIGITS = 4;

/**
 * ACLED's disorder type from its event type: battles, explosions and violence against civilians are
 * political violence; protests are demonstrations, and excessive force against protesters both; a
 * violent demonstration is a demonstration, mob violence political violence; strategic developments
 * are their own.
 */
export function disorderType(event: string, subEvent: string): string {
  if (event === 'Protests') return subEvent === 'Excessive force against protesters' ? 'Political violence; Demonstrations' : 'Demonstrations';
  if (event === 'Riots') return subEvent === 'Violent demonstration' ? 'Demonstrations' : 'Political violence';
  if (event === 'Strategic developments') return 'Strategic developments';
  return event ? 'Political violence' : '';
}

/**
 * ACLED's interaction: the two inter codes as one number, the lower first (State forces 1 against
 * civilians 7: 17); an actor alone is its code followed by 0 (protesters alone: 60).
 */
export function interaction(inter1: string, inter2: string): string {
  const codes = [inter1, inter2].filter((c) => c && c !== '0').map(Number).sort((a, b) => a - b);
  if (!codes.length) return '';
  return codes.length === 1 ? `${codes[0]}0` : `${codes[0]}${codes[1]}`;
}

/** ACLED's civilian_targeting: violence against civilians, and explosions or riots whose second actor is civilians (inter 7). */
export function civilianTargeting(event: string, inter2: string): string {
  if (event === 'Violence against civilians') return 'Civilian targeting';
  if ((event === 'Explosions/Remote violence' || event === 'Riots') && inter2 === '7') return 'Civilian targeting';
  return '';
}

/** Hosts of new media (social networks, messaging channels, blogs): ACLED's "New media" scale. */
const NEW_MEDIA_HOSTS = /(?:^|\.)(?:t\.me|telegram\.(?:org|me)|twitter\.com|x\.com|facebook\.com|youtube\.com|tiktok\.com|vk\.com|instagram\.com|blogspot\.com|wordpress\.com|substack\.com|medium\.com)$/i;

/**
 * ACLED's source_scale from each report's URL: New media for social networks, channels and blogs; National
 * for a publisher under the event country's own domain (.ru for Russia); International under another
 * country's domain. A source whose scale its address does not tell (a .com site, a file) adds nothing;
 * several scales are joined as ACLED joins them ("National-International").
 */
export function sourceScale(item: ExportItem, countryCode: string | null): string {
  const scales: string[] = [];
  for (const d of item.docs.values()) {
    const s = scaleOf(d.meta.url ?? d.meta.source, countryCode);
    if (s && !scales.includes(s)) scales.push(s);
  }
  return scales.sort((a, b) => SCALE_ORDER.indexOf(a) - SCALE_ORDER.indexOf(b)).join('-');
}
const SCALE_ORDER = ['New media', 'Subnational', 'National', 'Regional', 'International'];

function scaleOf(address: string, countryCode: string | null): string | null {
  let host: string;
  try {
    host = new URL(address).hostname.toLowerCase();
  } catch {
    return null;
  }
  if (NEW_MEDIA_HOSTS.test(host)) return 'New media';
  const tld = host.slice(host.lastIndexOf('.') + 1);
  if (tld.length !== 2) return null;
  const cc = tld === 'uk' ? 'gb' : tld;
  return countryCode && cc === countryCode.toLowerCase() ? 'National' : 'International';
}
