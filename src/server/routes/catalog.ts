import { z } from '@hono/zod-openapi';
import { claimsWithWords, entityView, incidentConflicts, quotesWithWords } from '../../views/index.js';
import type { App, Ctx } from '../context.js';
import { decodeCursor, encodeCursor } from '../cursor.js';
import { notFound } from '../errors.js';
import { createRoute, ERRORS, json, NOT_FOUND } from '../route.js';
import { ClaimsQuery, ConflictsQuery, EntitiesQuery, EntityId, LooseObject, QuotesQuery } from '../schemas.js';

const list = (key: string, description: string) => json(z.object({ [key]: z.array(LooseObject), next: z.string().nullable() }), description);

const entitiesRoute = createRoute({
  method: 'get', path: '/api/entities', tags: ['entities'], summary: 'Entities (people, groups, places…), most mentioned first',
  request: { query: EntitiesQuery }, responses: { 200: list('entities', 'A page of entities'), ...ERRORS },
});
const entityRoute = createRoute({
  method: 'get', path: '/api/entities/{id}', tags: ['entities'], summary: "An entity's mentions, incidents, claims made and received, relations",
  request: { params: EntityId }, responses: { 200: json(LooseObject, 'The entity'), ...ERRORS, ...NOT_FOUND },
});
const claimsRoute = createRoute({
  method: 'get', path: '/api/claims', tags: ['claims'], summary: 'Claims across the store (who claimed, denied or accused what), each with its words',
  request: { query: ClaimsQuery }, responses: { 200: list('claims', 'A page of claims'), ...ERRORS },
});
const quotesRoute = createRoute({
  method: 'get', path: '/api/quotes', tags: ['claims'], summary: 'Quotes across the store, each with its words',
  request: { query: QuotesQuery }, responses: { 200: list('quotes', 'A page of quotes'), ...ERRORS },
});
const conflictsRoute = createRoute({
  method: 'get', path: '/api/conflicts', tags: ['incidents'], summary: 'Incidents whose reports give different figures or dates, with the words of each',
  request: { query: ConflictsQuery }, responses: { 200: list('conflicts', 'A page of incidents with conflicts'), ...ERRORS },
});

/** A page of an in-memory list, by offset (the store returns these lists whole). */
function pageOf<T>(items: T[], cursor: string | undefined, limit: number): { items: T[]; next: string | null } {
  const at = decodeCursor(cursor, 'offset')?.n ?? 0;
  return { items: items.slice(at, at + limit), next: at + limit < items.length ? encodeCursor({ s: 'offset', n: at + limit }) : null };
}

/** Incidents read per step while looking for conflicts. */
const SCAN_PAGE = 200;

export function registerCatalog(app: App, ctx: Ctx): void {
  const { store } = ctx;
  app.openapi(entitiesRoute, async (c) => {
    const q = c.req.valid('query');
    const p = pageOf(await store.listEntities(q.type ? { type: q.type } : {}), q.cursor, q.limit);
    return c.json({ entities: p.items as unknown as Record<string, unknown>[], next: p.next }, 200);
  });

  app.openapi(entityRoute, async (c) => {
    const { id } = c.req.valid('param');
    const e = await store.getEntity(id);
    if (!e) throw notFound(`no entity with id ${id}`);
    return c.json((await entityView(store, e)) as unknown as Record<string, unknown>, 200);
  });

  app.openapi(claimsRoute, async (c) => {
    const q = c.req.valid('query');
    const p = pageOf(await store.listClaims({ ...(q.source ? { source: q.source } : {}), ...(q.kind ? { kind: q.kind } : {}) }), q.cursor, q.limit);
    return c.json({ claims: (await claimsWithWords(store, p.items)) as unknown as Record<string, unknown>[], next: p.next }, 200);
  });

  app.openapi(quotesRoute, async (c) => {
    const q = c.req.valid('query');
    const p = pageOf(await store.listQuotes(q.speaker ? { speaker: q.speaker } : {}), q.cursor, q.limit);
    return c.json({ quotes: (await quotesWithWords(store, p.items)) as unknown as Record<string, unknown>[], next: p.next }, 200);
  });

  app.openapi(conflictsRoute, async (c) => {
    const q = c.req.valid('query');
    let after = decodeCursor(q.cursor, 'id')?.id ?? null;
    const rows: Record<string, unknown>[] = [];
    let done = false;
    // The store flags incidents whose reports disagree: only those are read, in id order, until a page
    // of them is found (the flag and findConflicts agree; the words of each value come from the texts).
    while (rows.length < q.limit && !done) {
      const page = await store.incidentPage({ hasConflicts: true }, after, SCAN_PAGE);
      let i = 0;
      for (; i < page.incidents.length && rows.length < q.limit; i++) {
        const inc = page.incidents[i]!;
        after = inc.id;
        const row = await incidentConflicts(store, inc);
        if (row) rows.push(row as unknown as Record<string, unknown>);
      }
      done = i === page.incidents.length && page.next === null;
    }
    return c.json({ conflicts: rows, next: done || after === null ? null : encodeCursor({ s: 'id', id: after }) }, 200);
  });
}
