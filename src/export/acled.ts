import type { Attested, Count, DateValue, IncidentReport, PlaceRef } from '../model/index.js';
import { headlineCount, publishedOf } from '../resolve/index.js';
import { acledActors } from '../resolve/actors.js';
import { defaultContext, type PipelineContext } from '../pipeline/context.js';
import { reviewedCount, reviewedFlag, type ExportItem } from './records.js';
import { addDays, pad2 } from '../model/index.js';

/**
 * ACLED columns we fill, in the order of ACLED's own exports. Conventions (ACLED codebook):
 * - every event has a day; time_precision says how sure it is: 1 the day, 2 within a week
 *   (or "as reported on"), 3 only the month;
 * - geo_precision: 1 the named town, 2 near it or only its district, 3 only the province;
 * - fatalities are never blank: 0 when no death is reported; vague counts follow FATALITY_WORDS.
 */
export const ACLED_COLUMNS = [
  'event_id_cnty', 'event_date', 'year', 'time_precision', 'event_type', 'sub_event_type',
  'actor1', 'assoc_actor_1', 'inter1', 'actor2', 'assoc_actor_2', 'inter2',
  'country', 'admin1', 'admin2', 'location', 'latitude', 'longitude', 'geo_precision', 'source', 'notes', 'fatalities',
  // Not ACLED's: 1 when a reviewer checked or corrected the event (docs/review.md).
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

function fatalitiesOf(item: ExportItem, r: IncidentReport): number {
  const doc = item.docs.get(r.docId);
  const coded = doc ? codedFatalities(doc.text) : null;
  if (coded !== null) return coded;
  const pub = publishedOf(item.docs);
  const total = headlineCount(item.incident.reports, 'killedTotal', item.policy, pub);
  if (total) return total.value;
  return acledFatalities(r.killedTotal ?? r.killedVictims) + (r.killedTotal ? 0 : acledFatalities(r.killedPerpetrators));
}

/** An ACLED row for an export item; `ctx` gives the actor lexicon (the shipped one by default). */
export function acledRow(item: ExportItem, seq: number, ctx: Pick<PipelineContext, 'actors'> = defaultContext()): AcledRow {
  const r = item.primary;
  const loc = r.locations[0]?.value;
  const place = loc?.place;
  const doc = item.docs.get(r.docId);
  const { date, precision } = acledDate(r.date.value, doc?.meta.published ?? null);
  const type = acledType(r);
  const actors = acledActorColumns(doc?.text ?? '', r, type.event, place?.countryName ?? '', date, ctx);
  return {
    event_id_cnty: `${place?.countryCode ?? 'XX'}${seq}`,
    event_date: date,
    year: date.slice(0, 4),
    time_precision: precision,
    event_type: type.event,
    sub_event_type: type.subEvent,
    ...actors,
    country: place?.countryName ?? '',
    admin1: place?.admin1Name ?? (place?.featureCode === 'ADM1' ? place.name : ''),
    admin2: place?.admin2Name ?? '',
    location: place && !place.featureCode.startsWith('PCL') ? place.name : '',
    latitude: place?.lat === null || place?.lat === undefined ? '' : String(place.lat),
    longitude: place?.lon === null || place?.lon === undefined ? '' : String(place.lon),
    geo_precision: acledGeoPrecision(place, loc?.relation),
    source: doc?.meta.publisher ?? doc?.meta.source ?? '',
    notes: doc ? doc.text.slice(r.anchor.start, r.anchor.end) : '',
    fatalities: String(reviewedCount(item, 'killedTotal') ?? fatalitiesOf(item, r)),
    reviewed: reviewedFlag(item),
  };
}
