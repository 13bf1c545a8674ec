import { z } from '@hono/zod-openapi';
import { writeExport, type ExportFormat } from '../../export/index.js';
import type { HeadlinePolicy } from '../../resolve/index.js';
import type { Store, StoredIncident } from '../../store/index.js';
import type { App, Ctx } from '../context.js';
import { filterOf, type ApiFilter } from '../filters.js';
import { createRoute, ERRORS, json } from '../route.js';
import { ChangeSchema, ChangesQuery, ExportQuery, StatsQuery } from '../schemas.js';
import { incidentSummaries } from '../../views/index.js';

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

interface Tally {
  incidents: number;
  killed: number;
}
type Stats = z.infer<typeof statsRoute.responses[200]['content']['application/json']['schema']>;

/** Counts by walking the incidents a page at a time (memory flat; the rows are the listing's). */
async function statsOf(store: Store, filter: ApiFilter): Promise<Stats> {
  const day = new Map<string, Tally>();
  const month = new Map<string, Tally>();
  const country = new Map<string, Tally & { name: string | null }>();
  const type = new Map<string, Tally>();
  const total = { incidents: 0, killed: 0, injured: 0 };
  const add = <T extends Tally>(m: Map<string, T>, key: string, killed: number, init: () => T): void => {
    const t = m.get(key) ?? init();
    t.incidents++;
    t.killed += killed;
    m.set(key, t);
  };
  let after: number | null = null;
  do {
    const page: { incidents: StoredIncident[]; next: number | null } = await store.incidentPage(filter, after, 500);
    for (const r of await incidentSummaries(store, page.incidents, 'conservative')) {
      if (r.rejected) continue;
      const k = r.killed ?? 0;
      total.incidents++;
      total.killed += k;
      total.injured += r.injured ?? 0;
      add(day, r.date && r.date.length === 10 ? r.date : 'unknown', k, () => ({ incidents: 0, killed: 0 }));
      add(month, r.date && r.date.length >= 7 ? r.date.slice(0, 7) : 'unknown', k, () => ({ incidents: 0, killed: 0 }));
      add(country, r.place?.country_code ?? 'unknown', k, () => ({ incidents: 0, killed: 0, name: r.place?.country ?? null }));
      add(type, r.type.kind, k, () => ({ incidents: 0, killed: 0 }));
    }
    after = page.next;
  } while (after !== null);
  const byKey = <T extends Tally>(m: Map<string, T>) => [...m].map(([key, t]) => ({ key, ...t })).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const byCount = <T extends Tally>(m: Map<string, T>) => byKey(m).sort((a, b) => b.incidents - a.incidents);
  return { ...total, by_day: byKey(day), by_month: byKey(month), by_country: byCount(country), by_type: byCount(type) };
}

/** How long a computed stats answer is reused for the same filters (a chart redraws often). */
const STATS_TTL_MS = 10_000;

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

  const cache = new Map<string, { at: number; stats: Promise<Stats> }>();
  app.openapi(statsRoute, async (c) => {
    const filter = filterOf(c.req.valid('query'));
    // Any write through this server (a review, an upload) moves the generation on, so a chart never shows stale counts after one.
    const key = `${ctx.generation.n}:${JSON.stringify(filter)}`;
    const hit = cache.get(key);
    if (hit && Date.now() - hit.at < STATS_TTL_MS) return c.json(await hit.stats, 200);
    if (cache.size > 100) cache.clear();
    const stats = statsOf(store, filter);
    cache.set(key, { at: Date.now(), stats });
    stats.catch(() => cache.delete(key));
    return c.json(await stats, 200);
  });
}
