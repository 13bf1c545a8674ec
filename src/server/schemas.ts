import { z } from '@hono/zod-openapi';
import { EXPORT_FORMATS } from '../export/index.js';
import { HEADLINE_POLICIES } from '../resolve/index.js';
import { REVIEW_FIELDS, ROLES } from '../review/index.js';

/**
 * Every request's parameters and bodies, and the responses' shapes, as zod schemas: the server
 * validates each request against them and /api/openapi.json is generated from them, so the document
 * and the checks cannot disagree. Query objects are strict: an unknown parameter (a typo such as
 * `contry`) is a 400 that names it rather than a filter silently ignored.
 */

const DATE = /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/;
const BBOX = /^-?\d+(\.\d+)?,-?\d+(\.\d+)?,-?\d+(\.\d+)?,-?\d+(\.\d+)?$/;
const SINCE = /^(\d+|\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?)$/;

const q = (name: string, description: string, example?: string) => ({ param: { name, in: 'query' as const }, description, ...(example ? { example } : {}) });

/** `true`/`false` (or 1/0) as a query parameter. */
const bool = (name: string, description: string) =>
  z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1').optional().openapi(q(name, description, 'true'));

const text = (name: string, description: string, example?: string, max = 200) => z.string().min(1).max(max).optional().openapi(q(name, description, example));

export const Policy = z.enum(HEADLINE_POLICIES as ['conservative', 'latest', 'range']).default('conservative')
  .openapi(q('policy', 'How headline figures are chosen from the reports (docs/formats.md)', 'conservative'));

/** The filters every incident read shares (list, export, stats). */
export const FilterFields = {
  from: z.string().regex(DATE, 'a date like 2024, 2024-03 or 2024-03-22').optional().openapi(q('from', 'Inclusive lower date bound, at year, month or day precision', '2024-03')),
  to: z.string().regex(DATE, 'a date like 2024, 2024-03 or 2024-03-22').optional().openapi(q('to', 'Inclusive upper date bound (2024-06 keeps 30 June)', '2024-06')),
  country: text('country', 'Country name or ISO 3166-1 alpha-2 code', 'RU'),
  admin1: text('admin1', 'First-level administrative division (province, state, oblast)', 'Moscow Oblast'),
  type: text('type', 'Our kind, or an ACLED, GTD or PLOVER type name, case-insensitive', 'bombing'),
  actor: text('actor', "Part of a perpetrator's or target's name, case-insensitive", 'shabaab'),
  text: text('text', "Words that must occur in the incident's text", 'concert hall', 500),
  bbox: z.string().regex(BBOX, 'west,south,east,north in degrees').optional().openapi(q('bbox', "A report's first place inside this box: west,south,east,north", '30,40,50,60')),
  has_conflicts: bool('has_conflicts', "Only incidents whose reports disagree (true) or agree (false)"),
  reviewed: bool('reviewed', 'Only incidents a reviewer has (true) or has not (false) acted on'),
  include_rejected: bool('include_rejected', 'Keep incidents a reviewer rejected as not an incident (left out by default)'),
};

export const IncidentListQuery = z.strictObject({
  ...FilterFields,
  policy: Policy,
  sort: z.enum(['date', '-date', 'id', '-id']).default('date')
    .openapi(q('sort', 'Order: by date (an incident\'s earliest report date) or id; a leading - reverses (newest first). Undated incidents come last either way', '-date')),
  limit: z.coerce.number().int().min(1).max(500).default(50).openapi(q('limit', 'Incidents per page (1–500)', '50')),
  cursor: z.string().min(1).max(400).optional().openapi(q('cursor', 'The `next` of the previous page (opaque)')),
  with_total: bool('with_total', 'Also count every incident the filters keep (costs a pass over them)'),
  since: z.string().regex(SINCE, 'a changes-feed sequence number or an ISO 8601 timestamp').optional()
    .openapi(q('since', 'Only incidents changed after this sequence number (or time), with merges and deletions', '0')),
});

export const ExportQuery = z.strictObject({
  ...FilterFields,
  policy: Policy,
  format: z.enum(EXPORT_FORMATS).openapi(q('format', 'gtd and acled are CSV; plover and jsonl are JSON lines; geojson is an RFC 7946 FeatureCollection (docs/formats.md)', 'jsonl')),
});

export const StatsQuery = z.strictObject({ ...FilterFields });

export const IncidentId = z.object({
  id: z.string().regex(/^\d{1,15}$/, 'a numeric incident id').transform(Number).openapi({ param: { name: 'id', in: 'path' }, example: '12' }),
});
export const EntityId = z.object({
  id: z.string().regex(/^\d{1,15}$/, 'a numeric entity id').transform(Number).openapi({ param: { name: 'id', in: 'path' }, example: '3' }),
});
export const DocumentId = z.object({
  id: z.string().regex(/^[0-9a-f]{64}$/, 'a document id: 64 hex digits').openapi({ param: { name: 'id', in: 'path' }, example: 'a3f1…' }),
});

export const DetailQuery = z.strictObject({ policy: Policy });

const page = {
  limit: z.coerce.number().int().min(1).max(1000).default(100).openapi(q('limit', 'Items per page', '100')),
  cursor: z.string().min(1).max(400).optional().openapi(q('cursor', 'The `next` of the previous page (opaque)')),
};

export const EntitiesQuery = z.strictObject({
  type: z.string().min(1).max(40).transform((v) => v.toLowerCase()).optional()
    .openapi(q('type', 'Entity type: person, armed_group, organisation, state_body, media, party, place, facility (case-insensitive)', 'armed_group')),
  ...page,
});
export const ClaimsQuery = z.strictObject({
  source: text('source', "Part of the claim's source name or entity key", 'Islamic State'),
  kind: z.enum(['responsibility', 'denial', 'accusation', 'linkage', 'reported_fact', 'no_claim']).optional().openapi(q('kind', 'Claim kind', 'responsibility')),
  ...page,
});
export const QuotesQuery = z.strictObject({ speaker: text('speaker', "Part of the speaker's name", 'Putin'), ...page });
export const ConflictsQuery = z.strictObject({ ...page, limit: z.coerce.number().int().min(1).max(200).default(50).openapi(q('limit', 'Incidents per page', '50')) });
export const ChangesQuery = z.strictObject({
  after: z.coerce.number().int().min(0).default(0).openapi(q('after', 'The last sequence number the client has seen', '0')),
  limit: z.coerce.number().int().min(1).max(5000).default(1000).openapi(q('limit', 'Changes per page', '1000')),
});

const EvidenceRef = z.object({ docId: z.string().regex(/^[0-9a-f]{64}$/), start: z.number().int().min(0), end: z.number().int().min(0) })
  .refine((e) => e.end > e.start, { message: 'end must be after start' });
const Field = z.enum(REVIEW_FIELDS);

/** A reviewer's action (src/review/types.ts ReviewAction) and the reason for it. */
export const ReviewBody = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('accept'), field: Field, reason: z.string().max(2000).optional() }),
  z.strictObject({ kind: z.literal('correct'), field: Field, value: z.union([z.string().min(1).max(500), z.number()]), evidence: z.array(EvidenceRef).max(20).optional(), reason: z.string().max(2000).optional() }),
  z.strictObject({ kind: z.literal('reject-value'), field: Field, reason: z.string().max(2000).optional() }),
  z.strictObject({ kind: z.literal('reject-report'), reportId: z.string().min(1).max(200), reason: z.string().max(2000).optional() }),
  z.strictObject({ kind: z.literal('reject-incident'), reason: z.string().max(2000).optional() }),
  z.strictObject({ kind: z.literal('merge'), other: z.number().int().positive(), reason: z.string().max(2000).optional() }),
  z.strictObject({ kind: z.literal('split'), reportId: z.string().min(1).max(200), reason: z.string().max(2000).optional() }),
  z.strictObject({ kind: z.literal('note'), text: z.string().min(1).max(5000), reason: z.string().max(2000).optional() }),
  z.strictObject({ kind: z.literal('undo'), recordId: z.number().int().positive(), reason: z.string().max(2000).optional() }),
]).openapi('ReviewAction');

export const LoginBody = z.strictObject({ token: z.string().min(1).max(400) }).openapi('Login');

// Responses.
export const ErrorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), param: z.string().optional() }),
}).openapi('Error');

export const IncidentSummarySchema = z.object({
  incident_id: z.number().int(),
  label: z.string(),
  date: z.string().nullable(),
  date_precision: z.string(),
  type: z.object({ kind: z.string(), acled_event: z.string(), acled_sub_event: z.string(), plover_event: z.string(), gtd_attack_type: z.string().nullable() }),
  place: z.object({
    name: z.string(), admin1: z.string().nullable(), country: z.string().nullable(), country_code: z.string().nullable(),
    lat: z.number().nullable(), lon: z.number().nullable(), relation: z.string(),
  }).nullable(),
  killed: z.number().nullable(),
  injured: z.number().nullable(),
  arrested: z.number().nullable(),
  sources: z.number().int(),
  reports: z.number().int(),
  conflicts: z.number().int(),
  contradictions: z.number().int(),
  reviewed: z.boolean(),
  rejected: z.boolean(),
}).openapi('IncidentSummary');

export const ChangeSchema = z.object({
  seq: z.number().int(), at: z.string(), incidentId: z.number().int(),
  kind: z.enum(['created', 'updated', 'reviewed', 'merged', 'deleted']), into: z.number().int().nullable(),
}).openapi('IncidentChange');

export const IncidentListSchema = z.object({
  incidents: z.array(IncidentSummarySchema),
  next: z.string().nullable().openapi({ description: 'Pass as `cursor` for the next page; null on the last page' }),
  total: z.number().int().optional(),
  changes: z.array(ChangeSchema).optional().openapi({ description: 'With `since`: the changes in this page, merges and deletions included' }),
  last_seq: z.number().int().optional().openapi({ description: 'With `since`: the sequence number to pass as `since` next time' }),
}).openapi('IncidentList');

/** Large nested records (reports with evidence) are described loosely; docs/formats.md has their fields. */
export const LooseObject = z.looseObject({});

export const RoleSchema = z.enum(ROLES as ['reader', 'reviewer', 'admin']);
export const SessionSchema = z.object({
  authenticated: z.boolean(),
  name: z.string().nullable(),
  role: RoleSchema.nullable(),
  csrf: z.string().nullable().openapi({ description: 'Echo in X-CSRF-Token on every write made with the session cookie' }),
  reads_need_auth: z.boolean(),
}).openapi('Session');
