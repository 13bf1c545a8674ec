import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { HeadlinePolicy } from '../../resolve/index.js';
import type { IncidentChange } from '../../review/index.js';
import type { Store, StoredIncident } from '../../store/index.js';
import { incidentDetail, incidentSummaries, incidentSummaryTexts } from '../../views/index.js';

/** What c.json answers with. */
const JSON_TYPE = 'application/json';
import type { App, Ctx } from '../context.js';
import { decodeCursor, encodeCursor } from '../cursor.js';
import { ApiError, notFound } from '../errors.js';
import { countIncidents, filterOf, type ApiFilter } from '../filters.js';
import { createRoute, ERRORS, json, NOT_FOUND, WRITE_SECURITY } from '../route.js';
import { DetailQuery, IncidentId, IncidentListQuery, IncidentListSchema, LooseObject, ReviewBody } from '../schemas.js';

const listRoute = createRoute({
  method: 'get', path: '/api/incidents', tags: ['incidents'],
  summary: 'Incidents, filtered, sorted, a page at a time',
  request: { query: IncidentListQuery },
  responses: { 200: json(IncidentListSchema, 'A page of incidents and the cursor to the next'), ...ERRORS },
});

const detailRoute = createRoute({
  method: 'get', path: '/api/incidents/{id}', tags: ['incidents'],
  summary: 'One incident: every report, every value with its evidence, sources, conflicts, claims, links and review',
  request: { params: IncidentId, query: DetailQuery },
  responses: { 200: json(LooseObject, 'The incident'), 308: { description: 'The incident was merged into another: Location names it' }, ...ERRORS, ...NOT_FOUND },
});

const historyRoute = createRoute({
  method: 'get', path: '/api/incidents/{id}/history', tags: ['review'],
  summary: "The incident's audit trail, oldest first",
  request: { params: IncidentId },
  responses: { 200: json(z.object({ incident_id: z.number().int(), history: z.array(LooseObject) }), 'The trail'), 308: { description: 'Merged into another incident' }, ...ERRORS, ...NOT_FOUND },
});

const reviewRoute = createRoute({
  method: 'post', path: '/api/incidents/{id}/review', tags: ['review'],
  summary: 'Append a review action (reviewer or admin)',
  security: WRITE_SECURITY,
  request: { params: IncidentId, body: { required: true, content: { 'application/json': { schema: ReviewBody } } } },
  responses: { 201: json(z.object({ record: LooseObject, review: LooseObject }), 'The audit record, and the review it adds up to'), 308: { description: 'Merged into another incident' }, ...ERRORS, ...NOT_FOUND },
});

/** An id merged into another answers with a redirect there; an unknown one with 404. */
async function liveOr404(c: Context, store: Store, id: number, suffix = ''): Promise<StoredIncident | Response> {
  const inc = await store.getIncident(id);
  if (inc) return inc;
  const to = await store.redirectOf(id);
  if (to !== null) {
    const qs = new URL(c.req.url).search;
    return c.redirect(`/api/incidents/${to}${suffix}${qs}`, 308);
  }
  throw notFound(`no incident with id ${id}`);
}

export function registerIncidents(app: App, ctx: Ctx): void {
  const { store } = ctx;
  app.openapi(listRoute, async (c) => {
    const q = c.req.valid('query');
    const filter = filterOf(q);
    if (q.since !== undefined) return c.json(await sinceList(store, filter, q.since, q.limit, q.cursor, q.policy), 200);
    let ids: number[];
    let next: string | null;
    const order = q.sort.startsWith('-') ? 'desc' : 'asc';
    // A cursor names its ordering (id, -id, date, -date): one from another ordering is refused.
    if (q.sort.endsWith('id')) {
      const page = await store.incidentIdPage(filter, decodeCursor(q.cursor, 'id', q.sort)?.id ?? null, q.limit, order);
      ids = page.ids;
      next = page.next === null ? null : encodeCursor({ s: 'id', id: page.next, o: q.sort });
    } else {
      const k = decodeCursor(q.cursor, 'date', q.sort);
      const page = await store.incidentIdPageByDate(filter, k ? { date: k.date, id: k.id } : null, q.limit, order);
      ids = page.ids;
      next = page.next === null ? null : encodeCursor({ s: 'date', ...page.next, o: q.sort });
    }
    // The rows are JSON texts already (the stored summaries): the answer is written around them, as
    // c.json would write { incidents, next, total }, without parsing and writing each row again.
    const rows = await incidentSummaryTexts(store, ids, q.policy);
    const total = q.with_total ? `,"total":${await countIncidents(store, filter)}` : '';
    return c.body(`{"incidents":[${rows.join(',')}],"next":${JSON.stringify(next)}${total}}`, 200, { 'Content-Type': JSON_TYPE }) as never;
  });

  app.openapi(detailRoute, async (c) => {
    const { id } = c.req.valid('param');
    const inc = await liveOr404(c, store, id);
    if (inc instanceof Response) return inc as never;
    return c.json(await incidentDetail(store, inc, c.req.valid('query').policy), 200);
  });

  app.openapi(historyRoute, async (c) => {
    const { id } = c.req.valid('param');
    const inc = await liveOr404(c, store, id, '/history');
    if (inc instanceof Response) return inc as never;
    return c.json({ incident_id: id, history: (await store.historyOf(id)) as unknown as Record<string, unknown>[] }, 200);
  });

  app.openapi(reviewRoute, async (c) => {
    const { id } = c.req.valid('param');
    const inc = await liveOr404(c, store, id, '/review');
    if (inc instanceof Response) return inc as never;
    const { reason, ...action } = c.req.valid('json');
    const principal = c.get('principal');
    if (!principal) throw new ApiError(401, 'E_AUTH_REQUIRED', 'a reviewer token is needed');
    const record = await store.addReview(id, action, { actor: principal.name, reason: reason ?? null });
    return c.json({ record: record as unknown as Record<string, unknown>, review: (await store.reviewOf(id)) as unknown as Record<string, unknown> }, 201);
  });
}

const FEED_PAGE = 5000;

/** The first sequence number after an ISO time (a walk of the feed: the feed has no index on time). */
async function seqAfterTime(store: Store, iso: string): Promise<number> {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) throw new ApiError(400, 'E_BAD_PARAM', `since: "${iso}" is not a time`, 'since');
  let after = 0;
  for (;;) {
    const page = await store.changesSince(after, FEED_PAGE);
    const hit = page.find((ch) => Date.parse(ch.at) > t);
    if (hit) return hit.seq - 1;
    if (page.length < FEED_PAGE) return page.length ? page[page.length - 1]!.seq : after;
    after = page[page.length - 1]!.seq;
  }
}

/**
 * `since`: the changes after a sequence number (or a time), a page of `limit` at a time, with the
 * incidents they touched that still exist and match the filters. Merges and deletions come as
 * changes only: the client drops those ids (a merge names the incident they now live in).
 */
async function sinceList(store: Store, filter: ApiFilter, since: string, limit: number, cursor: string | undefined, policy: HeadlinePolicy) {
  const from = decodeCursor(cursor, 'since')?.seq ?? (/^\d+$/.test(since) ? Number(since) : await seqAfterTime(store, since));
  const changes: IncidentChange[] = await store.changesSince(from, limit);
  const ids = [...new Set(changes.filter((ch) => ch.kind !== 'merged' && ch.kind !== 'deleted').map((ch) => ch.incidentId))];
  // A syncing client must hear of rejections too: the row says `rejected`.
  filter = { ...filter, excludeRejected: false };
  const filtered = Object.keys(filter).length > 1;
  const live: StoredIncident[] = [];
  for (const id of ids) {
    // One keyset probe per id tells whether it is live and matches the filters, with the store's own SQL.
    const inc = filtered ? (await store.incidentPage(filter, id - 1, 1)).incidents.find((i) => i.id === id) : await store.getIncident(id);
    if (inc) live.push(inc);
  }
  const last = changes.length ? changes[changes.length - 1]!.seq : from;
  return {
    incidents: await incidentSummaries(store, live, policy),
    changes,
    last_seq: last,
    next: changes.length === limit ? encodeCursor({ s: 'since', seq: last }) : null,
  };
}
