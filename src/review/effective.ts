import { DossierError, isoOfDate, type Attested, type Count, type IncidentKind, type IncidentReport } from '../model/index.js';
import { INCIDENT_TYPES, incidentType } from '../extract/incident-types.js';
import { headlineCount, primaryReport, type HeadlinePolicy } from '../resolve/index.js';
import { REVIEW_FIELDS, type EffectiveReview, type EvidenceRef, type ReviewAction, type ReviewField, type ReviewRecord, type ReviewedValue } from './types.js';

/**
 * What a review trail adds up to, and how it changes the values everyone shows. Pure functions: the
 * store, the CLI, the exports and the API all call these, so "reviewed" means one thing.
 *
 * Folding a trail:
 *  - an `undo` record removes the effect of the record it names; undoing an undo restores it (the
 *    trail is read newest first, so the latest word wins);
 *  - of the records that stand, a later accept/correct/reject-value of a field replaces an earlier one;
 *  - the records of incidents merged into this one count too, for what they say of reports (rejected
 *    reports) and notes, and for a field this incident's own trail does not review; their
 *    `reject-incident` does not carry over (the reviewer merged them into a live incident).
 */

/** An empty review: nothing reviewed. */
export function emptyReview(): EffectiveReview {
  return { fields: {}, rejectedReports: [], rejected: false, notes: [], reviewed: false };
}

/** Ids of the records an undo (that itself stands) takes back. */
export function undoneIds(records: readonly ReviewRecord[]): Set<number> {
  const undone = new Set<number>();
  for (const r of [...records].sort((a, b) => b.id - a.id)) {
    if (undone.has(r.id)) continue;
    if (r.action.kind === 'undo') undone.add(r.action.recordId);
  }
  return undone;
}

/** The value an accept pinned, or a correction gave (from the record's `after`). */
function recordValue(r: ReviewRecord): string | number | null {
  const a = r.action;
  if (a.kind === 'correct') return a.value;
  if (a.kind === 'accept') {
    const after = r.after as { value?: string | number | null } | null;
    return after && after.value !== undefined ? after.value : null;
  }
  return null;
}

function reviewedValue(r: ReviewRecord & { action: { field: ReviewField } }): ReviewedValue {
  const a = r.action;
  const status = a.kind === 'accept' ? 'accepted' : a.kind === 'correct' ? 'corrected' : 'rejected';
  return {
    field: a.field, value: recordValue(r), status, recordId: r.id, actor: r.actor, at: r.at, reason: r.reason,
    evidence: a.kind === 'correct' ? (a.evidence ?? []) : [],
  };
}

/**
 * The effective review of incident `incidentId` from its trail: its own records, and those of the
 * incidents merged into it (any other incidentId in `records`).
 */
export function foldTrail(incidentId: number, records: readonly ReviewRecord[]): EffectiveReview {
  const out = emptyReview();
  const undone = undoneIds(records);
  const standing = [...records].sort((a, b) => a.id - b.id).filter((r) => !undone.has(r.id) && r.action.kind !== 'undo');
  const own = standing.filter((r) => r.incidentId === incidentId);
  const merged = standing.filter((r) => r.incidentId !== incidentId);
  const rejected = new Set<string>();
  for (const [list, isOwn] of [[own, true], [merged, false]] as const) {
    const fields: EffectiveReview['fields'] = {};
    for (const r of list) {
      const a = r.action;
      if (a.kind === 'accept' || a.kind === 'correct' || a.kind === 'reject-value') fields[a.field] = reviewedValue(r as ReviewRecord & { action: { field: ReviewField } });
      else if (a.kind === 'reject-report') rejected.add(a.reportId);
      else if (a.kind === 'reject-incident' && isOwn) out.rejected = true;
      else if (a.kind === 'note') out.notes.push({ recordId: r.id, actor: r.actor, at: r.at, text: a.text });
    }
    for (const f of REVIEW_FIELDS) if (fields[f] && !out.fields[f]) out.fields[f] = fields[f];
  }
  out.rejectedReports = [...rejected].sort();
  out.notes.sort((a, b) => a.recordId - b.recordId);
  out.reviewed = standing.length > 0;
  return out;
}

/** The reports that count toward the headline: all but the rejected ones (all of them, should none be left). */
export function standingReports(reports: readonly IncidentReport[], review: EffectiveReview): IncidentReport[] {
  if (!review.rejectedReports.length) return [...reports];
  const out = reports.filter((r) => !review.rejectedReports.includes(r.id));
  return out.length ? out : [...reports];
}

/** An incident's headline values, as the automatic pipeline gives them (before any review). */
export type HeadlineValues = Record<ReviewField, string | number | null>;

/** The headline values of an incident's (standing) reports under a policy. */
export function headlineValues(reports: readonly IncidentReport[], policy: HeadlinePolicy, published: (r: IncidentReport) => string | null): HeadlineValues {
  const list = [...reports];
  const p = primaryReport(list);
  const place = p.locations[0]?.value.place;
  return {
    date: isoOfDate(p.date.value),
    country: place?.countryName || null,
    admin1: place?.admin1Name ?? null,
    location: place?.name ?? null,
    type: p.type.value.kind,
    perpetrator: p.perpetrators[0]?.value.name ?? null,
    target: p.targets[0]?.value.name ?? null,
    killed: headlineCount(list, 'killedTotal', policy, published)?.value ?? null,
    injured: headlineCount(list, 'injured', policy, published)?.value ?? null,
    arrested: headlineCount(list, 'arrested', policy, published)?.value ?? null,
  };
}

/** One headline value as shown: the reviewed value when a review stands, else the automatic one. */
export interface ShownValue {
  value: string | number | null;
  automatic: string | number | null;
  /** The review that decides it, or null: automatic. */
  review: ReviewedValue | null;
}

/** Apply a review to headline values: corrections replace, rejections blank, accepts pin. */
export function applyReview(values: HeadlineValues, review: EffectiveReview): Record<ReviewField, ShownValue> {
  const out = {} as Record<ReviewField, ShownValue>;
  for (const f of REVIEW_FIELDS) {
    const rv = review.fields[f] ?? null;
    out[f] = { value: rv ? rv.value : values[f], automatic: values[f], review: rv };
  }
  return out;
}

const KINDS = Object.keys(INCIDENT_TYPES) as IncidentKind[];
const COUNT_FIELDS: readonly ReviewField[] = ['killed', 'injured', 'arrested'];
const ISO_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;
/** Longest text value a correction may give. */
const MAX_TEXT = 300;

export function isReviewField(s: string): s is ReviewField {
  return (REVIEW_FIELDS as readonly string[]).includes(s);
}

/**
 * A correction's value, checked and normalised for its field: a whole number ≥ 0 for counts, an ISO
 * date (year, month or day) for `date`, one of our incident kinds for `type`, short text otherwise.
 * Throws E_USAGE naming the field and the value.
 */
export function checkReviewValue(field: string, raw: unknown): string | number {
  if (!isReviewField(field)) throw new DossierError('E_USAGE', `unknown field "${field}": one of ${REVIEW_FIELDS.join(', ')}`);
  if (COUNT_FIELDS.includes(field)) {
    const n = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : NaN;
    if (!Number.isInteger(n) || n < 0 || n > 1e7) throw new DossierError('E_USAGE', `${field} takes a whole number from 0, not "${String(raw)}"`);
    return n;
  }
  if (typeof raw !== 'string' || !raw.trim()) throw new DossierError('E_USAGE', `${field} takes a non-empty text value, not "${String(raw)}"`);
  const v = raw.trim();
  if (field === 'date') {
    const m = ISO_DATE.exec(v);
    const ok = m && (!m[2] || (Number(m[2]) >= 1 && Number(m[2]) <= 12)) && (!m[3] || validDay(Number(m[1]), Number(m[2]), Number(m[3])));
    if (!ok) throw new DossierError('E_USAGE', `date takes an ISO date like 2024, 2024-03 or 2024-03-22, not "${v}"`);
    return v;
  }
  if (field === 'type') {
    if (!(KINDS as string[]).includes(v)) throw new DossierError('E_USAGE', `type takes one of ${KINDS.join(', ')}, not "${v}"`);
    return v;
  }
  if (v.length > MAX_TEXT) throw new DossierError('E_USAGE', `${field} is longer than ${MAX_TEXT} characters`);
  return v;
}

function validDay(y: number, m: number, d: number): boolean {
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

/** Check an action's shape (fields, values, evidence spans' form); the store checks ids against the data. */
export function checkAction(a: ReviewAction): ReviewAction {
  switch (a.kind) {
    case 'accept':
    case 'reject-value':
      if (!isReviewField(a.field)) throw new DossierError('E_USAGE', `unknown field "${String(a.field)}": one of ${REVIEW_FIELDS.join(', ')}`);
      return { kind: a.kind, field: a.field };
    case 'correct': {
      const value = checkReviewValue(a.field, a.value);
      const evidence = (a.evidence ?? []).map(checkEvidence);
      return { kind: 'correct', field: a.field, value, ...(evidence.length ? { evidence } : {}) };
    }
    case 'note':
      if (typeof a.text !== 'string' || !a.text.trim()) throw new DossierError('E_USAGE', 'a note needs some text');
      return { kind: 'note', text: a.text.trim() };
    case 'merge':
      if (!Number.isInteger(a.other) || a.other <= 0) throw new DossierError('E_USAGE', `merge needs the other incident's numeric id, not "${String(a.other)}"`);
      return a;
    case 'undo':
      if (!Number.isInteger(a.recordId) || a.recordId <= 0) throw new DossierError('E_USAGE', `undo needs a numeric record id, not "${String(a.recordId)}"`);
      return a;
    case 'reject-report':
    case 'split':
      if (typeof a.reportId !== 'string' || !a.reportId) throw new DossierError('E_USAGE', `${a.kind} needs a report id (DOCID:INDEX)`);
      return a;
    case 'reject-incident':
      return a;
    default:
      throw new DossierError('E_USAGE', `unknown review action "${String((a as { kind?: unknown }).kind)}"`);
  }
}

function checkEvidence(e: EvidenceRef): EvidenceRef {
  if (!e || typeof e.docId !== 'string' || !e.docId || !Number.isInteger(e.start) || !Number.isInteger(e.end) || e.start < 0 || e.end <= e.start) {
    throw new DossierError('E_USAGE', `evidence takes DOCID:START-END with 0 ≤ START < END, not ${JSON.stringify(e)}`);
  }
  return { docId: e.docId, start: e.start, end: e.end };
}

/** A reviewed value as an attested one: the review's words (in this report's document only) and reason. */
function attested<T>(rv: ReviewedValue, docId: string, value: T): Attested<T> {
  return {
    value, evidence: rv.evidence.filter((e) => e.docId === docId).map((e) => ({ start: e.start, end: e.end })), confidence: 1, stage: 'review',
    reason: `${rv.status} by ${rv.actor} on ${rv.at.slice(0, 10)}${rv.reason ? `: ${rv.reason}` : ''}`,
  };
}

function countOf(n: number): Count {
  return { value: n, qualifier: 'exact', low: null, high: null, text: String(n) };
}

/**
 * The incident's primary report with the review applied, for the exporters: each corrected field is
 * replaced (stage `review`, reason naming who and why), each rejected one emptied. Counts are applied
 * by the exporters' count() (they are headline figures over all reports, not the primary's).
 */
export function reviewedReport(primary: IncidentReport, review: EffectiveReview): IncidentReport {
  const f = review.fields;
  if (!Object.keys(f).length) return primary;
  const r: IncidentReport = structuredClone(primary);
  // An accepted value pins what the reviewer saw: it changes the report only where the automatic value has moved since.
  const now = primaryValues(primary);
  const has = (k: ReviewField): ReviewedValue | null => (f[k] && f[k].value !== now[k] ? f[k] : null);
  const date = has('date');
  if (date) r.date = attested(date, r.docId, date.value === null ? { year: null, month: null, day: null, precision: 'unknown' as const } : dateValue(String(date.value)));
  const type = has('type');
  if (type && type.value !== null) r.type = attested(type, r.docId, incidentType(type.value as IncidentKind));
  patchPlace(r, f, now);
  const perp = has('perpetrator');
  if (perp) r.perpetrators = perp.value === null ? [] : [attested(perp, r.docId, { name: String(perp.value), kind: r.perpetrators[0]?.value.kind ?? 'unknown', origin: null })];
  const target = has('target');
  if (target) r.targets = target.value === null ? [] : [attested(target, r.docId, { name: String(target.value), gtdTargetType: r.targets[0]?.value.gtdTargetType ?? 'Unknown' })];
  for (const [k, key] of [['killed', 'killedTotal'], ['injured', 'injured'], ['arrested', 'arrested']] as const) {
    const rv = has(k);
    if (rv) r[key] = rv.value === null ? null : attested(rv, r.docId, countOf(Number(rv.value)));
  }
  return r;
}

/** The primary report's own values, for the fields a review can change. */
function primaryValues(p: IncidentReport): Record<ReviewField, string | number | null> {
  const place = p.locations[0]?.value.place;
  return {
    date: isoOfDate(p.date.value), country: place?.countryName || null, admin1: place?.admin1Name ?? null, location: place?.name ?? null, type: p.type.value.kind,
    perpetrator: p.perpetrators[0]?.value.name ?? null, target: p.targets[0]?.value.name ?? null,
    killed: p.killedTotal?.value.value ?? null, injured: p.injured?.value.value ?? null, arrested: p.arrested?.value.value ?? null,
  };
}

function dateValue(iso: string): IncidentReport['date']['value'] {
  const [y, m, d] = iso.split('-').map(Number);
  return { year: y!, month: m ?? null, day: d ?? null, precision: d ? 'day' : m ? 'month' : 'year' };
}

/** Country, admin1 and location corrections onto the first place (a place is made when there is none). */
function patchPlace(r: IncidentReport, f: EffectiveReview['fields'], now: Record<ReviewField, string | number | null>): void {
  const touched = (['country', 'admin1', 'location'] as const).filter((k) => f[k] && f[k].value !== now[k]);
  if (!touched.length) return;
  const first = r.locations[0];
  const place = first ? { ...first.value.place } : {
    geonameid: null, name: '', featureCode: '', lat: null, lon: null, countryCode: '', countryName: '', admin1Code: null, admin1Name: null, population: null,
  };
  let rv: ReviewedValue | null = null;
  for (const k of touched) {
    rv = f[k]!;
    const v = rv.value === null ? null : String(rv.value);
    if (k === 'country') {
      // A two-letter value is an ISO code; anything longer is the country's name.
      if (v && v.length === 2) place.countryCode = v.toUpperCase();
      else { place.countryName = v ?? ''; if (!v) place.countryCode = ''; }
    } else if (k === 'admin1') place.admin1Name = v;
    else { place.name = v ?? ''; place.geonameid = null; place.lat = null; place.lon = null; }
  }
  const loc = attested(rv!, r.docId, { place, relation: first?.value.relation ?? 'in' as const });
  r.locations = [loc, ...r.locations.slice(1)];
}
