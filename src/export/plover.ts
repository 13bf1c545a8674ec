import type { ActorValue, Claim, DateValue, TargetValue } from '../model/index.js';
import { isoOfDate } from '../model/index.js';
import { countryCodes, countryOfName } from './countries.js';
import { sourceName } from './common.js';
import { citation, count, reviewedFlag, type ExportItem } from './records.js';

/**
 * PLOVER 2.0 event records (JSON Lines), written from the PLOVER specification's JSON fields:
 * `actor` and `recipient` are lists of actor objects (a compound actor is one record with several
 * members), `event`, `mode` and `context` are lists, actor and place codes are ISO 3166 alpha-3,
 * `event_loc` carries the geocoded place as `resolved_place` (GeoNames field names), and `cite_info`
 * the text's `url`, `title`, `publication` and `language`. The schema we check every record against is
 * src/export/plover-2.0.schema.json; the fields beyond the specification (`date_precision`,
 * `modality`, `text_info.document_id`) are declared there.
 */
export interface PloverActor {
  actor_text: string;
  /** ISO 3166 alpha-3 of the actor's country, when known. */
  code?: string;
  /** PLOVER primary sector code (GOV, MIL, COP, REB, UAF, CVL, REL, …), when the words tell it. */
  sector?: string;
}

export interface PloverRecord {
  id: string;
  date: string;
  /** How `date` was decided: the report's day, month or year (first day written), else the report's publication or ingestion day. */
  date_precision: 'day' | 'month' | 'year' | 'reported' | 'ingested';
  actor: PloverActor[];
  recipient: PloverActor[];
  event: string[];
  mode: string[];
  context: string[];
  quad_code: 1 | 2 | 3 | 4;
  event_loc: { text: string; resolved_place: ResolvedPlace } | null;
  size: { dead: number | null; injured: number | null; arrested: number | null };
  event_text: string[];
  text_info: { start: number; end: number; document_id: string };
  cite_info: { url: string | null; title: string | null; publication: string; language: string | null; citation: string; coder: string; codebook: string; published: string | null };
  /** ACCUSE records: the claim's modality (asserted, hedged, reported, negated). */
  modality?: string;
  /** Not PLOVER's: true when a reviewer checked or corrected the event (docs/review.md). */
  reviewed: boolean;
}

export interface ResolvedPlace {
  geonameid: number | null;
  name: string;
  latitude: number | null;
  longitude: number | null;
  feature_code: string;
  country_code: string;
  cc3: string | null;
  admin1_name: string | null;
  admin2_name: string | null;
}

/** PLOVER 2.0's event categories. FIGHT of earlier drafts is folded into ASSAULT. */
export const PLOVER_EVENTS = ['AGREE', 'CONSULT', 'SUPPORT', 'CONCEDE', 'COOPERATE', 'AID', 'RETREAT', 'REQUEST', 'ACCUSE', 'REJECT', 'THREATEN', 'PROTEST', 'SANCTION', 'MOBILIZE', 'COERCE', 'ASSAULT'] as const;

/** PLOVER's quad categories: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict. */
const QUAD: Record<string, 1 | 2 | 3 | 4> = {
  AGREE: 1, CONSULT: 1, SUPPORT: 1, CONCEDE: 1, COOPERATE: 2, AID: 2, RETREAT: 2,
  REQUEST: 3, ACCUSE: 3, REJECT: 3, THREATEN: 3, SANCTION: 3, PROTEST: 4, MOBILIZE: 4, COERCE: 4, ASSAULT: 4,
};

/** PLOVER context labels our incident kinds imply. */
const CONTEXTS: Record<string, string[]> = {
  riot: ['political', 'ethnic'],
  protest: ['political'],
  arrest: ['crime'],
};

export const PLOVER_CODEBOOK = 'plover-2.0';

export function ploverRecord(item: ExportItem): PloverRecord {
  const r = item.primary;
  const loc = r.locations[0];
  const doc = item.docs.get(r.docId);
  const cc = loc?.value.place.countryCode ?? null;
  const event = r.type.value.ploverEvent === 'FIGHT' ? 'ASSAULT' : r.type.value.ploverEvent;
  const text = doc ? doc.text.slice(r.anchor.start, r.anchor.end) : '';
  return {
    id: `dossier-${item.incident.id}`,
    ...ploverDate(r.date.value, item),
    actor: r.perpetrators.map((p) => actorOf(p.value, cc, event)),
    recipient: r.targets.map((t) => recipientOf(t.value, cc)),
    event: [event],
    mode: r.type.value.ploverMode ? [r.type.value.ploverMode] : [],
    context: CONTEXTS[r.type.value.kind] ?? (r.targets.some((t) => t.value.gtdTargetType.startsWith('Religious')) ? ['terrorism', 'religious'] : ['terrorism']),
    quad_code: QUAD[event] ?? 4,
    event_loc: loc ? { text: loc.evidence[0] && doc ? doc.text.slice(loc.evidence[0].start, loc.evidence[0].end) : loc.value.place.name, resolved_place: resolvedPlace(loc.value.place) } : null,
    size: { dead: count(item, 'killedTotal'), injured: count(item, 'injured'), arrested: count(item, 'arrested') },
    event_text: text ? [text] : [],
    text_info: { start: r.anchor.start, end: r.anchor.end, document_id: r.docId },
    cite_info: citeInfo(item, r.docId, citation(item, r)),
    reviewed: reviewedFlag(item) === '1',
  };
}

/**
 * PLOVER's date is a day (YYYY-MM-DD, required). A month or year is written as its first day, with
 * `date_precision` saying so; an undated report takes its publication day, else the day it was stored.
 */
function ploverDate(d: DateValue, item: ExportItem): Pick<PloverRecord, 'date' | 'date_precision'> {
  const iso = isoOfDate(d);
  if (iso && d.precision === 'day') return { date: iso, date_precision: 'day' };
  if (iso && d.precision === 'month') return { date: `${iso}-01`, date_precision: 'month' };
  if (iso && d.precision === 'year') return { date: `${iso}-01-01`, date_precision: 'year' };
  const doc = item.docs.get(item.primary.docId);
  if (doc?.meta.published) return { date: doc.meta.published, date_precision: 'reported' };
  return { date: (doc?.ingestedAt ?? new Date(0).toISOString()).slice(0, 10), date_precision: 'ingested' };
}

function resolvedPlace(p: ExportItem['primary']['locations'][number]['value']['place']): ResolvedPlace {
  return {
    geonameid: p.geonameid, name: p.name, latitude: p.lat, longitude: p.lon, feature_code: p.featureCode,
    country_code: p.countryCode, cc3: countryCodes(p.countryCode)?.iso3 ?? null, admin1_name: p.admin1Name, admin2_name: p.admin2Name ?? null,
  };
}

function citeInfo(item: ExportItem, docId: string, cite: string): PloverRecord['cite_info'] {
  const m = item.docs.get(docId)?.meta;
  const url = m?.url ?? (m && URL_LIKE.test(m.source) ? m.source : null);
  return {
    url, title: m?.title ?? null, publication: m ? sourceName(m) : '', language: m?.language ?? null, citation: cite,
    coder: 'Dossier', codebook: PLOVER_CODEBOOK, published: m?.published ?? null,
  };
}
const URL_LIKE = /^https?:\/\//i;

/** Sector words, first match wins: what the actor's words say it is (PLOVER primary sector codes). */
const SECTOR_WORDS: readonly { words: RegExp; sector: string }[] = [
  { words: /\b(?:police|policem[ae]n|officers?|gendarme|constables?)\b/i, sector: 'COP' },
  { words: /\b(?:soldiers?|troops?|army|military|armed forces|air force|navy|servicem[ae]n)\b/i, sector: 'MIL' },
  { words: /\b(?:rebels?|insurgents?|militants?|jihadists?|guerrillas?|militias?|separatists?|terrorists?)\b/i, sector: 'REB' },
  { words: /\b(?:gunmen|armed men|assailants?|attackers?|bombers?|unknown|unidentified)\b/i, sector: 'UAF' },
  { words: /\b(?:protesters?|demonstrators?|students?|rioters?|crowds?|mob)\b/i, sector: 'CVL' },
  { words: /\b(?:church(?:es)?|mosques?|synagogues?|temples?|priests?|imams?|rabbis?|clergy)\b/i, sector: 'REL' },
  { words: /\b(?:journalists?|reporters?|newspapers?|broadcasters?)\b/i, sector: 'JRN' },
  { words: /\b(?:schools?|teachers?|universit(?:y|ies))\b/i, sector: 'EDU' },
  { words: /\b(?:government|ministry|officials?|mayor|governor|parliament)\b/i, sector: 'GOV' },
];

/** PLOVER sectors of GTD target types, for a target whose words name no sector. */
const SECTOR_BY_TARGET_TYPE: Record<string, string> = {
  Police: 'COP', Military: 'MIL', 'Religious Figures/Institutions': 'REL', 'Government (General)': 'GOV', 'Government (Diplomatic)': 'GOV',
  'Educational Institution': 'EDU', 'Journalists & Media': 'JRN', Business: 'BUS', 'Private Citizens & Property': 'CVL',
  'Terrorists/Non-State Militia': 'REB', NGO: 'SOC',
};

function sectorOfWords(words: string): string | undefined {
  return SECTOR_WORDS.find((s) => s.words.test(words))?.sector;
}

/** An ISO alpha-3 code for a country named or coded ("Tajikistan", "RU"). */
function iso3Of(nameOrCode: string | null): string | undefined {
  if (!nameOrCode) return undefined;
  const code = nameOrCode.length === 2 ? nameOrCode : countryOfName(nameOrCode);
  return code ? countryCodes(code)?.iso3 : undefined;
}

function actorOf(a: ActorValue, countryCode: string | null, event: string): PloverActor {
  const sector = sectorOfWords(a.name) ?? (a.kind === 'state' ? 'MIL' : a.kind === 'group' ? 'REB' : event === 'ASSAULT' ? 'UAF' : undefined);
  const code = iso3Of(a.origin) ?? iso3Of(countryCode);
  return { actor_text: a.name, ...(code ? { code } : {}), ...(sector ? { sector } : {}) };
}

function recipientOf(t: TargetValue, countryCode: string | null): PloverActor {
  const sector = sectorOfWords(t.name) ?? SECTOR_BY_TARGET_TYPE[t.gtdTargetType];
  const code = iso3Of(countryCode);
  return { actor_text: t.name, ...(code ? { code } : {}), ...(sector ? { sector } : {}) };
}

/** PLOVER ACCUSE mode from the claim's words: condemnation, investigation, or allegation. */
const DISAPPROVE_WORDS = /\b(?:denounc|condemn|criticis|criticiz|deplor)/i;
const INVESTIGATE_WORDS = /\binvestigat/i;

function accuseMode(text: string): 'disapprove' | 'investigate' | 'allege' {
  if (DISAPPROVE_WORDS.test(text)) return 'disapprove';
  if (INVESTIGATE_WORDS.test(text)) return 'investigate';
  return 'allege';
}

/** One ACCUSE record per accusation claim about the incident: who accuses whom, with the claim's words, dated by its report. */
export function accuseRecords(item: ExportItem): PloverRecord[] {
  const base = ploverRecord(item);
  const cc = item.primary.locations[0]?.value.place.countryCode ?? null;
  return item.claims.filter((c) => c.kind.value === 'accusation').map((c) => accuseRecord(item, base, c, cc));
}

function accuseRecord(item: ExportItem, base: PloverRecord, c: Claim, cc: string | null): PloverRecord {
  const doc = item.docs.get(c.docId);
  const words = doc ? doc.text.slice(c.content.start, c.content.end) : '';
  const cue = doc && c.cue ? doc.text.slice(c.cue.start, c.cue.end) : '';
  const accused = c.targets.find((t) => t.value.role === 'accused') ?? c.targets[0];
  const published = doc?.meta.published ?? null;
  return {
    ...base,
    id: `dossier-${item.incident.id}-${c.id}`,
    date: published ?? (doc?.ingestedAt ?? new Date(0).toISOString()).slice(0, 10),
    date_precision: published ? 'reported' : 'ingested',
    actor: [{ actor_text: c.source.value.name, ...(sectorOfWords(c.source.value.name) ? { sector: sectorOfWords(c.source.value.name)! } : {}) }],
    recipient: accused ? [actorOf({ name: accused.value.name, kind: 'unknown', origin: null }, cc, 'ACCUSE')] : [],
    event: ['ACCUSE'],
    mode: [accuseMode(`${cue} ${words}`)],
    quad_code: 3,
    size: { dead: null, injured: null, arrested: null },
    event_text: words ? [words] : [],
    text_info: { start: c.content.start, end: c.content.end, document_id: c.docId },
    cite_info: citeInfo(item, c.docId, base.cite_info.citation),
    modality: c.modality.value,
  };
}
