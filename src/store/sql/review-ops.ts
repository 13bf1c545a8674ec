import { createHash, randomBytes } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import { DossierError, type IncidentReport } from '../../model/index.js';
import { publishedOf } from '../../resolve/index.js';
import { searchText } from '../../resolve/resolver.js';
import { applyReview, foldTrail, headlineValues, standingReports, undoneIds } from '../../review/effective.js';
import { ROLES, type EffectiveReview, type EvidenceRef, type ReviewAction, type ReviewRecord, type Role, type TokenInfo } from '../../review/types.js';
import type { DB } from './schema.js';
import type { TextRows } from './backend.js';
import { insertRecord, joinInto, keepApart, now, recordChange, redirectOf, refreshFlags, reportsOf, trailOf } from './review-sql.js';

/**
 * A reviewer's action, applied in the caller's write transaction: checked against the data, recorded
 * (who, when, before, after, why), then applied to the clusters when it is a merge or a split.
 *
 * Tunables:
 */
/** Longest actor name and reason kept. */
const MAX_ACTOR = 100;
const MAX_REASON = 2000;
/** A token's last use is written at most this often (a write per API request would serialise reads). */
const LAST_USED_EVERY_MS = 60_000;
/** Longest token name. */
const MAX_TOKEN_NAME = 64;

/** What an action is checked and recorded against: the incident's reports and its current review. */
interface Subject {
  id: number;
  reports: IncidentReport[];
  trail: ReviewRecord[];
  review: EffectiveReview;
}

async function liveIncident(db: Kysely<DB>, id: number, what = 'incident'): Promise<void> {
  if (await db.selectFrom('incidents').select('id').where('id', '=', id).executeTakeFirst()) return;
  const to = await redirectOf(db, id);
  if (to !== null) throw new DossierError('E_NOT_FOUND', `${what} ${id} was merged into incident ${to}: use ${to}`);
  throw new DossierError('E_NOT_FOUND', `no ${what} with ID ${id}`);
}

async function subjectOf(db: Kysely<DB>, id: number): Promise<Subject> {
  await liveIncident(db, id);
  const trail = await trailOf(db, id);
  return { id, reports: await reportsOf(db, id), trail, review: foldTrail(id, trail) };
}

/** The headline values as shown now (reviews applied), for a record's `before`. */
async function shownNow(db: Kysely<DB>, s: Subject): Promise<ReturnType<typeof applyReview>> {
  const reports = standingReports(s.reports, s.review);
  const docIds = [...new Set(reports.map((r) => r.docId))];
  const docs = docIds.length ? await db.selectFrom('documents').select(['id', 'published']).where('id', 'in', docIds).execute() : [];
  const pub = publishedOf(new Map(docs.map((d) => [d.id, { meta: { published: d.published } }])));
  return applyReview(headlineValues(reports, 'conservative', pub), s.review);
}

export function checkBy(by: { actor: string; reason?: string | null }): { actor: string; reason: string | null } {
  const actor = typeof by.actor === 'string' ? by.actor.trim() : '';
  if (!actor || actor.length > MAX_ACTOR) throw new DossierError('E_USAGE', `a review needs who made it (1 to ${MAX_ACTOR} characters), not "${String(by.actor)}"`);
  const reason = typeof by.reason === 'string' && by.reason.trim() ? by.reason.trim() : null;
  if (reason && reason.length > MAX_REASON) throw new DossierError('E_USAGE', `the reason is longer than ${MAX_REASON} characters`);
  return { actor, reason };
}

/** Append one record for `action` (already shape-checked) and apply it. */
export async function addReview(db: Kysely<DB>, text: TextRows, id: number, action: ReviewAction, by: { actor: string; reason: string | null }): Promise<ReviewRecord> {
  const s = await subjectOf(db, id);
  let rec: ReviewRecord;
  switch (action.kind) {
    case 'accept':
    case 'correct':
    case 'reject-value': {
      const shown = (await shownNow(db, s))[action.field];
      const before = { value: shown.value, status: shown.review?.status ?? 'automatic' };
      const value = action.kind === 'accept' ? shown.value : action.kind === 'correct' ? action.value : null;
      const status = action.kind === 'accept' ? 'accepted' : action.kind === 'correct' ? 'corrected' : 'rejected';
      let act: ReviewAction = action;
      if (action.kind === 'correct' && action.evidence) {
        const evidence: EvidenceRef[] = [];
        for (const e of action.evidence) evidence.push(await checkEvidence(db, e));
        act = { ...action, evidence };
      }
      rec = await insertRecord(db, id, act, by, before, { value, status });
      break;
    }
    case 'reject-report':
      checkRejectReport(s, action.reportId);
      rec = await insertRecord(db, id, action, by, { report: action.reportId, counted: true }, { report: action.reportId, counted: false });
      break;
    case 'reject-incident':
      rec = await insertRecord(db, id, action, by, { rejected: s.review.rejected }, { rejected: true });
      break;
    case 'note':
      rec = await insertRecord(db, id, action, by, null, { text: action.text });
      break;
    case 'merge':
      rec = await merge(db, text, s, action.other, action, by);
      break;
    case 'split':
      rec = await split(db, text, s, action.reportId, action, by);
      break;
    case 'undo':
      rec = await undo(db, s, action.recordId, action, by);
      break;
  }
  const deleted = action.kind === 'reject-incident' && !s.review.rejected;
  await recordChange(db, id, deleted ? 'deleted' : 'reviewed');
  await refreshFlags(db, id);
  return rec;
}

function checkRejectReport(s: Subject, reportId: string): void {
  if (!s.reports.some((r) => r.id === reportId)) throw new DossierError('E_NOT_FOUND', `report ${reportId} is not a report of incident ${s.id}`);
  if (s.review.rejectedReports.includes(reportId)) throw new DossierError('E_USAGE', `report ${reportId} is already rejected`);
  const left = s.reports.filter((r) => r.id !== reportId && !s.review.rejectedReports.includes(r.id));
  if (!left.length) throw new DossierError('E_USAGE', `report ${reportId} is the last report of incident ${s.id} that counts: reject the incident instead (not an incident)`);
}

/** Shortest document id prefix accepted for evidence (report ids show the first 16 characters). */
const MIN_DOC_PREFIX = 8;

/** An evidence span checked against its document; a unique id prefix is completed to the full id. */
async function checkEvidence(db: Kysely<DB>, e: EvidenceRef): Promise<EvidenceRef> {
  let d = await db.selectFrom('documents').select(['id', 'text']).where('id', '=', e.docId).executeTakeFirst();
  if (!d && e.docId.length >= MIN_DOC_PREFIX && /^[0-9a-f]+$/.test(e.docId)) {
    const rows = await db.selectFrom('documents').select(['id', 'text']).where('id', '>=', e.docId).where('id', '<', `${e.docId}g`).limit(2).execute();
    if (rows.length === 1) d = rows[0];
  }
  if (!d) throw new DossierError('E_NOT_FOUND', 'no stored document with this id (evidence)', e.docId);
  if (e.end > d.text.length) throw new DossierError('E_USAGE', `evidence ${e.start}-${e.end} runs past the document's end (${d.text.length} characters)`, e.docId);
  return { docId: d.id, start: e.start, end: e.end };
}

async function merge(db: Kysely<DB>, text: TextRows, s: Subject, other: number, action: ReviewAction, by: { actor: string; reason: string | null }): Promise<ReviewRecord> {
  if (other === s.id) throw new DossierError('E_USAGE', `an incident cannot be merged into itself (${other})`);
  await liveIncident(db, other, 'incident to merge');
  const theirs = (await reportsOf(db, other)).map((r) => r.id);
  const rec = await insertRecord(db, s.id, action, by, { incident: other, reports: theirs }, { into: s.id, reports: [...s.reports.map((r) => r.id), ...theirs] });
  // A reviewer's merge overrides an earlier split between the two.
  await db.deleteFrom('incident_apart').where((eb) => eb.or([eb.and([eb('a', '=', s.id), eb('b', '=', other)]), eb.and([eb('a', '=', other), eb('b', '=', s.id)])])).execute();
  await joinInto(db, text, s.id, other, rec.id);
  return rec;
}

async function split(db: Kysely<DB>, text: TextRows, s: Subject, reportId: string, action: ReviewAction, by: { actor: string; reason: string | null }): Promise<ReviewRecord> {
  const report = s.reports.find((r) => r.id === reportId);
  if (!report) throw new DossierError('E_NOT_FOUND', `report ${reportId} is not a report of incident ${s.id}`);
  const left = s.reports.filter((r) => r.id !== reportId && !s.review.rejectedReports.includes(r.id));
  if (!left.length) throw new DossierError('E_USAGE', `report ${reportId} is the only report of incident ${s.id} that counts: there is nothing to split it from`);
  const { id: fresh } = await db.insertInto('incidents').values({ created_at: now() }).returning('id').executeTakeFirstOrThrow();
  const newId = Number(fresh);
  const rec = await insertRecord(db, s.id, action, by, { incidentId: s.id, report: reportId }, { incidentId: newId, report: reportId });
  await db.updateTable('reports').set({ incident_id: newId }).where('id', '=', reportId).execute();
  await rebuildText(db, text, [s.id, newId]);
  await keepApart(db, s.id, newId);
  await recordChange(db, newId, 'created');
  await refreshFlags(db, newId);
  return rec;
}

/** An incident's search words and sort date again from its reports (after a report left it). */
async function rebuildText(db: Kysely<DB>, text: TextRows, ids: number[]): Promise<void> {
  for (const id of ids) {
    const reports = await reportsOf(db, id);
    await db.deleteFrom('incident_text').where(text.textRowsOf(id)).execute();
    const docs = new Map((await db.selectFrom('documents').select(['id', 'text']).where('id', 'in', [...new Set(reports.map((r) => r.docId)), '']).execute()).map((d) => [d.id, d.text]));
    for (const r of reports) {
      const body = searchText({ text: docs.get(r.docId) ?? '' } as Parameters<typeof searchText>[0], r);
      await text.insertText(db, id, body).execute();
    }
    const min = await db.selectFrom('reports').select((eb) => eb.fn.min<string | null>('date_iso').as('d')).where('incident_id', '=', id).executeTakeFirst();
    await db.updateTable('incidents').set({ sort_date: min?.d ?? '9999' }).where('id', '=', id).execute();
  }
}

async function undo(db: Kysely<DB>, s: Subject, recordId: number, action: ReviewAction, by: { actor: string; reason: string | null }): Promise<ReviewRecord> {
  const target = s.trail.find((r) => r.id === recordId);
  if (!target) {
    const exists = await db.selectFrom('review_records').select('incident_id').where('id', '=', recordId).executeTakeFirst();
    const why = exists ? `record ${recordId} belongs to incident ${Number(exists.incident_id)}, not to incident ${s.id}` : `no review record with ID ${recordId}`;
    throw new DossierError(exists ? 'E_USAGE' : 'E_NOT_FOUND', why);
  }
  if (target.action.kind === 'merge') throw new DossierError('E_USAGE', `record ${recordId} is a merge, which cannot be undone: split its reports out instead`);
  if (target.action.kind === 'split') throw new DossierError('E_USAGE', `record ${recordId} is a split, which cannot be undone: merge incident ${(target.after as { incidentId: number }).incidentId} back instead`);
  if (undoneIds(s.trail).has(recordId)) throw new DossierError('E_USAGE', `record ${recordId} is already undone`);
  return insertRecord(db, s.id, action, by, { record: recordId, action: target.action, standing: true }, { record: recordId, standing: false });
}

// -- tokens: only a token's SHA-256 is stored; the token itself is shown once, when made.

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

function tokenInfo(r: Selectable<DB['tokens']>): TokenInfo {
  return { id: Number(r.id), name: r.name, role: r.role as Role, createdAt: r.created_at, revokedAt: r.revoked_at, lastUsedAt: r.last_used_at };
}

export function checkToken(name: string, role: string): void {
  if (typeof name !== 'string' || !name.trim() || name.length > MAX_TOKEN_NAME || /\s/.test(name)) {
    throw new DossierError('E_USAGE', `a token's name is 1 to ${MAX_TOKEN_NAME} characters without spaces, not "${String(name)}"`);
  }
  if (!(ROLES as readonly string[]).includes(role)) throw new DossierError('E_USAGE', `unknown role "${role}": one of ${ROLES.join(', ')}`);
}

export async function createToken(db: Kysely<DB>, name: string, role: Role): Promise<{ token: string; info: TokenInfo }> {
  if (await db.selectFrom('tokens').select('id').where('name', '=', name).where('revoked_at', 'is', null).executeTakeFirst()) {
    throw new DossierError('E_USAGE', `a live token is already named "${name}": revoke it first, or pick another name`, name);
  }
  const token = `dsr_${randomBytes(32).toString('base64url')}`;
  const row = { hash: hashToken(token), name, role, created_at: now(), revoked_at: null, last_used_at: null };
  const { id } = await db.insertInto('tokens').values(row).returning('id').executeTakeFirstOrThrow();
  return { token, info: { id: Number(id), name, role, createdAt: row.created_at, revokedAt: null, lastUsedAt: null } };
}

/** The live token's info; its last use is written when `touch` is given and the last one is over a minute old. */
export async function verifyToken(db: Kysely<DB>, token: string, touch: ((id: number, at: string) => Promise<void>) | null): Promise<TokenInfo | null> {
  if (typeof token !== 'string' || !token) return null;
  const r = await db.selectFrom('tokens').selectAll().where('hash', '=', hashToken(token)).where('revoked_at', 'is', null).executeTakeFirst();
  if (!r) return null;
  const info = tokenInfo(r);
  const at = now();
  if (touch && (!info.lastUsedAt || Date.parse(at) - Date.parse(info.lastUsedAt) > LAST_USED_EVERY_MS)) {
    await touch(info.id, at).catch(() => undefined);
    info.lastUsedAt = at;
  }
  return info;
}

export async function listTokens(db: Kysely<DB>): Promise<TokenInfo[]> {
  return (await db.selectFrom('tokens').selectAll().orderBy('id').execute()).map((r) => tokenInfo(r));
}

export async function revokeToken(db: Kysely<DB>, name: string): Promise<boolean> {
  const res = await db.updateTable('tokens').set({ revoked_at: now() }).where('name', '=', name).where('revoked_at', 'is', null).executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}
