import { z } from '@hono/zod-openapi';
import { writeExport, type ExportFormat } from '../../export/index.js';
import type { HeadlinePolicy } from '../../resolve/index.js';
import type { Store } from '../../store/index.js';
import type { App, Ctx } from '../context.js';
import { filterOf, type ApiFilter } from '../filters.js';
import { createRoute, ERRORS, json } from '../route.js';
import { ChangeSchema, ChangesQuery, ExportQuery, PointsQuery, StatsQuery } from '../schemas.js';

const changesRoute = createRoute({
  method: 'get', path: '/api/changes', tags: ['sync'], summary: 'The changes feed: incidents created, updated, reviewed, merged or deleted after a sequence number',
  request: { query: ChangesQuery },
  responses: { 200: json(z.object({ changes: z.array(ChangeSchema), last_seq: z.number().int(), more: z.boolean() }), 'Changes, oldest first'), ...ERRORS },
});

const exportRoute = createRoute({
  method: 'get', path: '/api/export', tags: ['export'], summary: 'The incidents the filters keep, as GTD or ACLED CSV, PLOVER or Dossier JSON lines, or GeoJSON, streamed',
  request: { query: ExportQuery },
  responses: {
    200: {
      description: 'The export, streamed record by record',
      content: { 'text/csv': { schema: z.string() }, 'application/x-ndjson': { schema: z.string() }, 'application/geo+json': { schema: z.string() } },
    },
    ...ERRORS,
  },
});

const Bucket = z.object({ key: z.string(), incidents: z.number().int(), killed: z.number().int() });
const statsRoute = createRoute({
  method: 'get', path: '/api/stats', tags: ['incidents'], summary: 'Counts of the incidents the filters keep, by day, month, country and type (for charts)',
  request: { query: StatsQuery },
  responses: {
    200: json(z.object({
      incidents: z.number().int(), killed: z.number().int(), injured: z.number().int(),
      by_day: z.array(Bucket), by_month: z.array(Bucket), by_country: z.array(Bucket.extend({ name: z.string().nullable() })), by_type: z.array(Bucket),
    }).openapi('Stats'), 'The counts'),
    ...ERRORS,
  },
});

const pointsRoute = createRoute({
  method: 'get', path: '/api/points', tags: ['incidents'],
  summary: 'Every incident the filters keep as a compact point for a map or timeline: [id, lat, lon, date, killed], highest id first, capped at `limit`',
  request: { query: PointsQuery },
  responses: {
    200: json(z.object({
      points: z.array(z.tuple([z.number().int(), z.number().nullable(), z.number().nullable(), z.string().nullable(), z.number().nullable()]))
        .openapi({ description: '[incident_id, lat, lon, date (ISO, year, month or day precision), killed (conservative headline)]; lat and lon to 5 decimals, null when the place is unknown' }),
      truncated: z.boolean().openapi({ description: 'True when more incidents match than `limit`: the points are the highest ids' }),
    }).openapi('Points'), 'The points'),
    ...ERRORS,
  },
});

const MEDIA: Record<ExportFormat, string> = {
  gtd: 'text/csv; charset=utf-8', acled: 'text/csv; charset=utf-8', plover: 'application/x-ndjson; charset=utf-8', jsonl: 'application/x-ndjson; charset=utf-8',
  geojson: 'application/geo+json; charset=utf-8',
};
const EXTENSION: Record<ExportFormat, string> = { gtd: 'csv', acled: 'csv', plover: 'jsonl', jsonl: 'jsonl', geojson: 'geojson' };
/** Text gathered before it is handed to the connection. */
const CHUNK_CHARS = 64 * 1024;

/**
 * The export as a byte stream with backpressure: writeExport reads the store a page at a time, and
 * before each page this waits until the client has taken what was sent, so memory holds about one
 * page whatever the size of the export or the speed of the client. A client that goes away stops it.
 */
export function exportStream(store: Store, format: ExportFormat, policy: HeadlinePolicy, filter: ApiFilter): ReadableStream<Uint8Array> {
  const enc = new TextEncoder();
  let ctl!: ReadableStreamDefaultController<Uint8Array>;
  let parts: string[] = [];
  let size = 0;
  let cancelled = false;
  let wake: (() => void) | null = null;
  const stream = new ReadableStream<Uint8Array>({
    start: (c) => void (ctl = c),
    pull: () => { wake?.(); wake = null; },
    cancel: () => { cancelled = true; wake?.(); wake = null; },
  }, new ByteLengthQueuingStrategy({ highWaterMark: 1024 * 1024 }));
  const flush = (): void => {
    if (!parts.length || cancelled) return;
    ctl.enqueue(enc.encode(parts.join('')));
    parts = [];
    size = 0;
  };
  const write = (t: string): void => {
    parts.push(t);
    if ((size += t.length) >= CHUNK_CHARS) flush();
  };
  const drained = async (): Promise<void> => {
    flush();
    // Let the event loop run between pages. On SQLite every read is synchronous, so without this an
    // export ran from its first page to its last in one go: 50 concurrent exports were served one
    // after another (the last waited for all the others before its headers went out), and keep-alive
    // connections idle past their timeout meanwhile were reset under the requests sent on them.
    await new Promise<void>((r) => setImmediate(r));
    while (!cancelled && (ctl.desiredSize ?? 1) <= 0) await new Promise<void>((r) => (wake = r));
    if (cancelled) throw new ExportCancelled();
  };
  const paced = new Proxy(store, {
    get(target, prop, receiver) {
      const v = Reflect.get(target, prop, receiver) as unknown;
      if (prop === 'incidentPage') return async (...args: Parameters<Store['incidentPage']>) => (await drained(), target.incidentPage(...args));
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
  void (async () => {
    try {
      await writeExport(paced, format, policy, filter, write);
      flush();
      if (!cancelled) ctl.close();
    } catch (e) {
      if (e instanceof ExportCancelled || cancelled) return;
      process.stderr.write(`dossier serve: export failed: ${(e as Error).message}\n`);
      ctl.error(e);
    }
  })();
  return stream;
}

class ExportCancelled extends Error {}

type Stats = z.infer<typeof statsRoute.responses[200]['content']['application/json']['schema']>;

/** The store's aggregates (SQL over each incident's stored headline), in the API's names. */
async function statsOf(store: Store, filter: ApiFilter): Promise<Stats> {
  const s = await store.incidentStats(filter);
  // Day keys are kept as they were (by_day): the timeline reads months and days.
  return { incidents: s.incidents, killed: s.killed, injured: s.injured, by_day: s.byDay, by_month: s.byMonth, by_country: s.byCountry, by_type: s.byType };
}

const deg = (x: number | null): number | null => (x === null ? null : Math.round(x * 1e5) / 1e5);

export function registerFeed(app: App, ctx: Ctx): void {
  const { store } = ctx;
  app.openapi(changesRoute, async (c) => {
    const q = c.req.valid('query');
    const changes = await store.changesSince(q.after, q.limit);
    return c.json({ changes, last_seq: changes.length ? changes[changes.length - 1]!.seq : q.after, more: changes.length === q.limit }, 200);
  });

  app.openapi(exportRoute, (c) => {
    const { format, policy, ...rest } = c.req.valid('query');
    const filter = filterOf(rest);
    const ext = EXTENSION[format];
    return c.body(exportStream(store, format, policy, filter), 200, {
      'Content-Type': MEDIA[format],
      'Content-Disposition': `attachment; filename="dossier-${format}.${ext}"`,
      'Cache-Control': 'no-store',
    }) as never;
  });

  app.openapi(pointsRoute, async (c) => {
    const { limit, ...rest } = c.req.valid('query');
    const { points, truncated } = await store.incidentPoints(filterOf(rest), limit);
    // Five decimals are a metre: more digits only make the answer longer (a third of it for the synthetic bench places).
    for (const p of points) [p[1], p[2]] = [deg(p[1]), deg(p[2])];
    return c.json({ points, truncated }, 200);
  });

  // Kept per request under the store's revision with every other read (answer-cache.ts).
  app.openapi(statsRoute, async (c) => c.json(await statsOf(store, filterOf(c.req.valid('query'))), 200));
}
