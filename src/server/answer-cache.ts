import type { Context, Next } from 'hono';
import type { Store } from '../store/index.js';
import { acceptedEncodings } from './static.js';

/**
 * Answers to reads, kept per request (path, query and encoding) under the store's write revision.
 *
 * The store's revision moves with every committed write, whoever makes it (this server's reviews and
 * uploads, another worker, `dossier ingest` or a queue worker on the same database), so a kept answer
 * is served only while the revision it was made under is still the store's: after any write, every
 * answer is made afresh. Reading the revision costs one primary-key lookup; making a page of 50
 * incidents at 1M costs 5–25 ms (SQLite, a filter walked in date order), and a dashboard asks the same
 * first pages again and again (every analyst who opens it, every chart redraw).
 *
 * Why it is safe: an answer made while a write commits may hold that write's rows, but it is labelled
 * with the revision read before it was made, which the store has then left; it is never served.
 *
 * Clients get an ETag (the revision and the request) and a 304 when they send it back unchanged.
 *
 * Tunables:
 */
/** Bytes of answers kept per server process (least recently used dropped first). */
export const ANSWER_CACHE_BYTES = 64 * 1024 * 1024;
/** A larger answer is not kept (the map's points at their cap are about 1.5 MB gzipped). */
const MAX_ANSWER_BYTES = 8 * 1024 * 1024;

/** The reads kept: every answer of theirs depends on the store and the request alone, not on who asks. */
const KEPT = /^\/api\/(?:incidents(?:\/\d+(?:\/history)?)?|documents\/[^/]+|entities(?:\/\d+)?|claims|quotes|conflicts|stats|points)$/;

interface Kept {
  revision: number;
  status: number;
  headers: [string, string][];
  body: Uint8Array<ArrayBuffer>;
  etag: string;
}

export interface AnswerCacheStats {
  hits: number;
  misses: number;
  notModified: number;
  bytes: number;
  entries: number;
}

export class AnswerCache {
  private readonly kept = new Map<string, Kept>();
  private bytes = 0;
  readonly stats: AnswerCacheStats = { hits: 0, misses: 0, notModified: 0, bytes: 0, entries: 0 };

  constructor(private readonly store: Store, private readonly budget = ANSWER_CACHE_BYTES) {}

  /** The middleware: after authentication (a read that needs a token is refused before), before compression. */
  middleware() {
    return async (c: Context, next: Next): Promise<Response | void> => {
      if (c.req.method !== 'GET' || !KEPT.test(c.req.path)) return next();
      const url = new URL(c.req.url);
      const key = `${acceptedEncodings(c.req.header('accept-encoding')).has('gzip') ? 'gzip' : 'identity'} ${url.pathname}${url.search}`;
      const revision = await this.store.revision();
      const hit = this.kept.get(key);
      if (hit && hit.revision === revision) {
        this.kept.delete(key);
        this.kept.set(key, hit);
        if (c.req.header('if-none-match') === hit.etag) {
          this.stats.notModified++;
          return new Response(null, { status: 304, headers: { ETag: hit.etag, Vary: 'Accept-Encoding' } });
        }
        this.stats.hits++;
        return new Response(hit.body, { status: hit.status, headers: hit.headers });
      }
      this.stats.misses++;
      await next();
      if (c.res.status !== 200 || !c.res.body) return;
      const body = new Uint8Array(await c.res.arrayBuffer());
      const etag = `"r${revision}-${hashOf(key)}"`;
      c.res = new Response(body, c.res);
      c.res.headers.set('ETag', etag);
      if (body.length <= MAX_ANSWER_BYTES) this.keep(key, { revision, status: 200, headers: [...c.res.headers], body, etag });
    };
  }

  private keep(key: string, k: Kept): void {
    const old = this.kept.get(key);
    if (old) this.bytes -= old.body.length;
    this.kept.delete(key);
    this.kept.set(key, k);
    this.bytes += k.body.length;
    for (const [oldest, v] of this.kept) {
      if (this.bytes <= this.budget) break;
      this.kept.delete(oldest);
      this.bytes -= v.body.length;
    }
    this.stats.bytes = this.bytes;
    this.stats.entries = this.kept.size;
  }
}

/** FNV-1a of the request's key, for its ETag. */
function hashOf(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(36);
}
