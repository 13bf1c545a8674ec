import type { Kysely, Selectable } from 'kysely';
import type { IncidentReport } from '../../model/index.js';
import { findConflicts } from '../../resolve/index.js';
import { foldTrail, standingReports } from '../../review/effective.js';
import type { ChangeKind, EffectiveReview, ReviewAction, ReviewRecord } from '../../review/types.js';
import { storedHeadline, type SourceCounter, type StoredHeadline } from './headline-sql.js';
import type { DB } from './schema.js';
import type { TextRows } from './backend.js';

/**
 * The review tables as the store and the resolution port both use them: reading trails (an incident's
 * own records and those of the incidents merged into it), the changes feed, redirects, and joining one
 * incident into another. Records are only ever inserted here: nothing updates or deletes one.
 *
 * Tunables:
 */
/** Ids per IN (…) list. */
const IN_BATCH = 500;

type Row = Selectable<DB['review_records']>;

export function recordOf(r: Row): ReviewRecord {
  return {
    id: Number(r.id), incidentId: Number(r.incident_id), actor: r.actor, at: r.at, action: JSON.parse(r.action) as ReviewAction,
    before: JSON.parse(r.before) as unknown, after: JSON.parse(r.after) as unknown, reason: r.reason,
  };
}

export function now(): string {
  return new Date().toISOString();
}

/** Append one record; returns it with its id. */
export async function insertRecord(db: Kysely<DB>, incidentId: number, action: ReviewAction, by: { actor: string; reason: string | null }, before: unknown, after: unknown): Promise<ReviewRecord> {
  const at = now();
  const row = { incident_id: incidentId, actor: by.actor, at, kind: action.kind, action: JSON.stringify(action), before: JSON.stringify(before ?? null), after: JSON.stringify(after ?? null), reason: by.reason };
  const { id } = await db.insertInto('review_records').values(row).returning('id').executeTakeFirstOrThrow();
  return { id: Number(id), incidentId, actor: by.actor, at, action, before: before ?? null, after: after ?? null, reason: by.reason };
}

/** The trails of many incidents: each one's own records and those of the incidents merged into it, oldest first. */
export async function trailsOf(db: Kysely<DB>, ids: readonly number[]): Promise<Map<number, ReviewRecord[]>> {
  const out = new Map<number, ReviewRecord[]>();
  const unique = [...new Set(ids)];
  for (const id of unique) out.set(id, []);
  for (let i = 0; i < unique.length; i += IN_BATCH) {
    const part = unique.slice(i, i + IN_BATCH);
    // Redirects are kept flat (see joinInto), so one lookup finds every incident merged into these.
    const from = await db.selectFrom('incident_redirects').select(['from_id', 'to_id']).where('to_id', 'in', part).execute();
    const owner = new Map<number, number>(part.map((id) => [id, id]));
    for (const r of from) owner.set(Number(r.from_id), Number(r.to_id));
    const rows = await db.selectFrom('review_records').selectAll().where('incident_id', 'in', [...owner.keys()]).orderBy('id').execute();
    for (const r of rows) out.get(owner.get(Number(r.incident_id))!)!.push(recordOf(r));
  }
  return out;
}

/** One incident's trail (see trailsOf), in one lookup: a save reads it for every incident it touches. */
export async function trailOf(db: Kysely<DB>, id: number): Promise<ReviewRecord[]> {
  // A union of two index scans: `incident_id = id OR incident_id IN (…)` was a scan of every record.
  const rows = await db.selectFrom('review_records').selectAll().where('incident_id', '=', id)
    .unionAll(db.selectFrom('review_records as rr').innerJoin('incident_redirects as x', 'x.from_id', 'rr.incident_id').selectAll('rr').where('x.to_id', '=', id))
    .orderBy('id').execute();
  return rows.map(recordOf);
}

export async function reviewsOf(db: Kysely<DB>, ids: readonly number[]): Promise<Map<number, EffectiveReview>> {
  const out = new Map<number, EffectiveReview>();
  for (const [id, trail] of await trailsOf(db, ids)) out.set(id, foldTrail(id, trail));
  return out;
}

/** One entry of the changes feed. */
export async function recordChange(db: Kysely<DB>, incidentId: number, kind: ChangeKind, into: number | null = null): Promise<void> {
  await db.insertInto('incident_changes').values({ at: now(), incident_id: incidentId, kind, into_id: into }).execute();
}

export async function redirectOf(db: Kysely<DB>, id: number): Promise<number | null> {
  const r = await db.selectFrom('incident_redirects').select('to_id').where('from_id', '=', id).executeTakeFirst();
  return r ? Number(r.to_id) : null;
}

export async function reportsOf(db: Kysely<DB>, id: number): Promise<IncidentReport[]> {
  const rows = await db.selectFrom('reports').select('data').where('incident_id', '=', id).orderBy('doc_id').orderBy('idx').execute();
  return rows.map((r) => JSON.parse(r.data) as IncidentReport);
}

/**
 * Recompute an incident's derived flags (the filters' reviewed, rejected and has-conflicts) and its
 * stored headline (headline-sql.ts) from its reports and trail. Conflicts are those of the reports
 * that still count (rejected ones left out).
 */
export async function refreshFlags(db: Kysely<DB>, id: number): Promise<EffectiveReview> {
  const review = foldTrail(id, await trailOf(db, id));
  await db.updateTable('incidents').set(await flagsRow(db, id, await reportsOf(db, id), review)).where('id', '=', id).execute();
  return review;
}

/**
 * An incident's derived flags, headline and list summary, from all its reports (in reportsOf's order)
 * and its review. The summary counts the incident's sources in the database, so the reports must be
 * written first (SqlPort flushes its deferred writes before it calls this).
 */
export async function flagsRow(db: Kysely<DB>, id: number, all: readonly IncidentReport[], review: EffectiveReview, sources?: SourceCounter): Promise<StoredHeadline & { reviewed: number; rejected: number; conflicts: number; h_stale: number }> {
  const reports = standingReports(all, review);
  const conflicts = reports.length > 1 && findConflicts(reports, () => null).length > 0;
  return { reviewed: review.reviewed ? 1 : 0, rejected: review.rejected ? 1 : 0, conflicts: conflicts ? 1 : 0, ...(await storedHeadline(db, id, all, review, sources)), h_stale: 0 };
}

/** Whether a reviewer split these two incidents apart (resolution must not join them again). */
export async function keptApart(db: Kysely<DB>, a: number, b: number): Promise<boolean> {
  const r = await db.selectFrom('incident_apart').select('a').where((eb) => eb.or([eb.and([eb('a', '=', a), eb('b', '=', b)]), eb.and([eb('a', '=', b), eb('b', '=', a)])])).executeTakeFirst();
  return r !== undefined;
}

export async function keepApart(db: Kysely<DB>, a: number, b: number): Promise<void> {
  await db.insertInto('incident_apart').values({ a: Math.min(a, b), b: Math.max(a, b) }).onConflict((oc) => oc.doNothing()).execute();
}

/**
 * Move everything of incident `drop` into `keep` and delete `drop`, leaving a redirect drop → keep
 * (and pointing the redirects that led to `drop` at `keep`, so every chain is one step), a `merged`
 * change, and the kept-apart pairs of `drop` as pairs of `keep`. Used by resolution's joins and by a
 * reviewer's merge alike; `recordId` is the review record that asked for it, if one did.
 */
export async function joinInto(db: Kysely<DB>, text: TextRows, keep: number, drop: number, recordId: number | null): Promise<void> {
  await db.updateTable('reports').set({ incident_id: keep }).where('incident_id', '=', drop).execute();
  await text.moveText(db, drop, keep);
  // Links of `drop` become links of `keep`; one `keep` already has is dropped, as is a link to itself.
  const links = await db.selectFrom('incident_links').selectAll().where((eb) => eb.or([eb('a', '=', drop), eb('b', '=', drop)])).execute();
  await db.deleteFrom('incident_links').where((eb) => eb.or([eb('a', '=', drop), eb('b', '=', drop)])).execute();
  for (const l of links) {
    const a = l.a === drop ? keep : l.a;
    const b = l.b === drop ? keep : l.b;
    if (a !== b) await db.insertInto('incident_links').values({ ...l, a, b }).onConflict((oc) => oc.doNothing()).execute();
  }
  const apart = await db.selectFrom('incident_apart').selectAll().where((eb) => eb.or([eb('a', '=', drop), eb('b', '=', drop)])).execute();
  await db.deleteFrom('incident_apart').where((eb) => eb.or([eb('a', '=', drop), eb('b', '=', drop)])).execute();
  for (const p of apart) {
    const a = Number(p.a) === drop ? keep : Number(p.a);
    const b = Number(p.b) === drop ? keep : Number(p.b);
    if (a !== b) await keepApart(db, a, b);
  }
  const dropped = await db.selectFrom('incidents').select('sort_date').where('id', '=', drop).executeTakeFirst();
  if (dropped) await db.updateTable('incidents').set({ sort_date: dropped.sort_date }).where('id', '=', keep).where('sort_date', '>', dropped.sort_date).execute();
  await db.deleteFrom('incidents').where('id', '=', drop).execute();
  await db.updateTable('incident_redirects').set({ to_id: keep }).where('to_id', '=', drop).execute();
  await db.insertInto('incident_redirects').values({ from_id: drop, to_id: keep, at: now(), record_id: recordId }).execute();
  await recordChange(db, drop, 'merged', keep);
  await refreshFlags(db, keep);
}
