import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import type { Readable } from 'node:stream';
import { Agent, request } from 'undici';
import { createRequire } from 'node:module';
import { findRepoFile } from '../learn/model-file.js';
import { DossierError } from '../model/index.js';
import { AddressGuard, type Resolver } from './guard.js';

/**
 * Polite fetching: one request at a time per host, spaced by the host interval (or the site's
 * robots.txt Crawl-delay when longer); robots.txt obeyed; an identifying User-Agent; conditional GET;
 * timeouts; retries with backoff on 5xx and 429 (Retry-After honoured); a size cap counted while the
 * body streams in, after decompression, so a compressed bomb is stopped too. Every connection goes
 * through the SSRF guard's connector, and every redirect is checked again.
 */

export interface FetchOptions {
  /** Ranges the SSRF guard lets through (tests: 127.0.0.0/8). */
  allowPrivate?: readonly string[];
  resolve?: Resolver;
  userAgent?: string;
  /** Per attempt, from connect to the last body byte. */
  timeoutMs?: number;
  maxBytes?: number;
  /** Further attempts after a 5xx, a 429 or a dropped connection. */
  retries?: number;
  /** The first backoff; each retry doubles it. */
  backoffMs?: number;
  /** A Retry-After longer than this is not waited for: the fetch fails and says so. */
  maxRetryAfterMs?: number;
  /** Least time between two requests to one host. */
  hostIntervalMs?: number;
  /** Obey robots.txt (default true). */
  robots?: boolean;
  maxRedirects?: number;
}

export interface Validators {
  etag?: string | null;
  lastModified?: string | null;
}

export interface FetchResult {
  /** The URL asked for. */
  requested: string;
  /** Where the content came from, after redirects. */
  url: string;
  redirects: string[];
  status: number;
  /** 304: the validators matched; `bytes` is empty. */
  notModified: boolean;
  bytes: Buffer;
  contentType: string | null;
  /** The charset the Content-Type header declares. */
  charset: string | null;
  etag: string | null;
  lastModified: string | null;
  attempts: number;
  /** Milliseconds spent waiting: for the host's turn, backoffs, and the network. */
  waitMs: number;
}

type Settings = Required<Omit<FetchOptions, 'allowPrivate' | 'resolve' | 'userAgent'>>;

export const FETCH_DEFAULTS: Readonly<Omit<Settings, 'robots'>> = Object.freeze({
  timeoutMs: 20_000, maxBytes: 10 * 1024 * 1024, retries: 3, backoffMs: 1_000, maxRetryAfterMs: 120_000, hostIntervalMs: 1_000, maxRedirects: 10,
});

interface RobotsRules {
  isAllowed(url: string, ua?: string): boolean | undefined;
  getCrawlDelay(ua?: string): number | undefined;
}
/** robots-parser is CommonJS whose typings claim a default export it does not have under Node's ESM. */
const robotsParser = createRequire(import.meta.url)('robots-parser') as (url: string, txt: string) => RobotsRules;

const ROBOTS_MAX_BYTES = 512 * 1024;
/** A Crawl-delay above this is taken as this: a site asking for an hour between pages is not followed that literally. */
const MAX_CRAWL_DELAY_MS = 60_000;
const RETRY_STATUSES = new Set([429, 500, 502, 503, 504]);

let version: string | undefined;
/**
 * `Dossier/0.1.0 (+contact)`. DOSSIER_CONTACT names the operator's page or address, which a site owner
 * reading their logs wants; the project has no public page, so without it the contact is a reserved
 * .invalid name that says it was not set.
 */
export function defaultUserAgent(): string {
  if (version === undefined) {
    const pkg = findRepoFile('package.json');
    version = pkg ? ((JSON.parse(readFileSync(pkg, 'utf8')) as { version?: string }).version ?? '0') : '0';
  }
  const contact = process.env['DOSSIER_CONTACT'] || 'https://dossier.invalid/contact-not-set';
  return `Dossier/${version} (+${contact})`;
}

/** The charset a Content-Type names, lower-case ("text/html; charset=KOI8-R" → koi8-r). */
export function charsetOf(contentType: string | null): string | null {
  const m = contentType ? /;\s*charset\s*=\s*"?([\w.:-]+)/i.exec(contentType) : null;
  return m ? m[1]!.toLowerCase() : null;
}

/** Retry-After as milliseconds from now (seconds or an HTTP date); null when absent or unreadable. */
export function retryAfterMs(value: string | null, now = Date.now()): number | null {
  if (!value) return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const t = Date.parse(value);
  return Number.isNaN(t) ? null : Math.max(0, t - now);
}

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  bytes: Buffer;
}

type Robots = { allowed(url: string): boolean; delayMs: number };

export class Fetcher {
  readonly userAgent: string;
  readonly guard: AddressGuard;
  private readonly o: Settings;
  private readonly agent: Agent;
  private readonly hostTurn = new Map<string, Promise<void>>();
  private readonly hostNext = new Map<string, number>();
  private readonly robotsCache = new Map<string, Promise<Robots>>();
  /** Crawl-delay by host, once its robots.txt is read. */
  private readonly crawlDelay = new Map<string, number>();

  constructor(opts: FetchOptions = {}) {
    this.o = {
      timeoutMs: opts.timeoutMs ?? FETCH_DEFAULTS.timeoutMs, maxBytes: opts.maxBytes ?? FETCH_DEFAULTS.maxBytes, retries: opts.retries ?? FETCH_DEFAULTS.retries,
      backoffMs: opts.backoffMs ?? FETCH_DEFAULTS.backoffMs, maxRetryAfterMs: opts.maxRetryAfterMs ?? FETCH_DEFAULTS.maxRetryAfterMs,
      hostIntervalMs: opts.hostIntervalMs ?? FETCH_DEFAULTS.hostIntervalMs, maxRedirects: opts.maxRedirects ?? FETCH_DEFAULTS.maxRedirects, robots: opts.robots ?? true,
    };
    this.userAgent = opts.userAgent ?? defaultUserAgent();
    this.guard = new AddressGuard({ ...(opts.allowPrivate ? { allowPrivate: opts.allowPrivate } : {}), ...(opts.resolve ? { resolve: opts.resolve } : {}) });
    this.agent = new Agent({ connect: this.guard.connector(this.o.timeoutMs), headersTimeout: this.o.timeoutMs, bodyTimeout: this.o.timeoutMs });
  }

  async close(): Promise<void> {
    await this.agent.close();
  }

  /** GET a URL politely, following redirects (each checked again), with conditional headers when given. */
  async get(url: string, validators: Validators = {}): Promise<FetchResult> {
    const started = Date.now();
    let current = this.guard.checkUrl(url);
    const redirects: string[] = [];
    let attempts = 0;
    for (;;) {
      if (this.o.robots) await this.checkRobots(current);
      const { raw, tries } = await this.withRetries(current, validators);
      attempts += tries;
      const location = header(raw.headers, 'location');
      if (raw.status >= 300 && raw.status < 400 && raw.status !== 304 && location) {
        if (redirects.length >= this.o.maxRedirects) throw new DossierError('E_FETCH', `more than ${this.o.maxRedirects} redirects`, url);
        const next = new URL(location, current).toString();
        redirects.push(next);
        current = this.guard.checkUrl(next);
        continue;
      }
      if (raw.status !== 304 && (raw.status < 200 || raw.status >= 300)) throw new DossierError('E_FETCH_HTTP', `the server answered ${raw.status}`, current.toString());
      const contentType = header(raw.headers, 'content-type');
      return {
        requested: url, url: current.toString(), redirects, status: raw.status, notModified: raw.status === 304, bytes: raw.bytes,
        contentType, charset: charsetOf(contentType), etag: header(raw.headers, 'etag'), lastModified: header(raw.headers, 'last-modified'),
        attempts, waitMs: Date.now() - started,
      };
    }
  }

  /** One URL, retried on 5xx, 429 and dropped connections; a redirect or a final answer comes back. */
  private async withRetries(url: URL, validators: Validators): Promise<{ raw: Raw; tries: number }> {
    for (let attempt = 0; ; attempt++) {
      let raw: Raw | null = null;
      let failure: DossierError | null = null;
      try {
        raw = await this.once(url, validators);
      } catch (e) {
        if (!(e instanceof DossierError) || e.code !== 'E_FETCH') throw e;
        failure = e;
      }
      if (raw && !RETRY_STATUSES.has(raw.status)) return { raw, tries: attempt + 1 };
      const asked = raw ? retryAfterMs(header(raw.headers, 'retry-after')) : null;
      if (asked !== null && asked > this.o.maxRetryAfterMs) {
        throw new DossierError('E_FETCH_HTTP', `the server answered ${raw!.status} and asks to retry after ${Math.round(asked / 1000)} s (more than the ${this.o.maxRetryAfterMs / 1000} s we wait)`, url.toString());
      }
      if (attempt >= this.o.retries) throw failure ?? new DossierError('E_FETCH_HTTP', `the server answered ${raw!.status} after ${attempt + 1} attempts`, url.toString());
      const backoff = this.o.backoffMs * 2 ** attempt * (1 + Math.random() * 0.25);
      const wait = Math.max(asked ?? 0, backoff);
      // The whole host waits: other requests to it must not hammer a server that asked for a pause.
      this.hostNext.set(url.host, Math.max(this.hostNext.get(url.host) ?? 0, Date.now() + wait));
    }
  }

  /** One request, in the host's turn. */
  private once(url: URL, validators: Validators): Promise<Raw> {
    return this.inTurn(url.host, () => this.send(url, validators, this.o.maxBytes));
  }

  /** Run `fn` when the host's previous request has finished and its interval has passed. */
  private async inTurn<T>(host: string, fn: () => Promise<T>): Promise<T> {
    const prev = this.hostTurn.get(host) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((r) => (release = r));
    const chained = prev.then(() => mine);
    this.hostTurn.set(host, chained);
    await prev;
    try {
      const wait = (this.hostNext.get(host) ?? 0) - Date.now();
      if (wait > 0) await sleep(wait);
      return await fn();
    } finally {
      const interval = Math.max(this.o.hostIntervalMs, this.crawlDelay.get(host) ?? 0);
      this.hostNext.set(host, Math.max(this.hostNext.get(host) ?? 0, Date.now() + interval));
      release();
      if (this.hostTurn.get(host) === chained) this.hostTurn.delete(host);
    }
  }

  private async send(url: URL, validators: Validators, maxBytes: number): Promise<Raw> {
    const ctrl = new AbortController();
    const timer = setTimeout(() => ctrl.abort(), this.o.timeoutMs);
    const headers: Record<string, string> = { 'user-agent': this.userAgent, accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,application/rss+xml,application/atom+xml,application/feed+json,text/plain;q=0.8,*/*;q=0.5', 'accept-encoding': 'gzip, deflate, br' };
    if (validators.etag) headers['if-none-match'] = validators.etag;
    if (validators.lastModified) headers['if-modified-since'] = validators.lastModified;
    try {
      const res = await request(url, { dispatcher: this.agent, method: 'GET', headers, signal: ctrl.signal });
      const h = res.headers as Raw['headers'];
      const declared = Number(header(h, 'content-length') ?? NaN);
      const encoded = (header(h, 'content-encoding') ?? 'identity').toLowerCase();
      if (encoded === 'identity' && declared > maxBytes) {
        res.body.destroy();
        throw tooLarge(url, maxBytes, `it declares ${declared} bytes`);
      }
      // An error page or a 304 is not read: dropping it costs the connection, reading it could cost 10 MB.
      const bytes = res.statusCode === 304 || res.statusCode >= 300 ? discard(res.body) : await readCapped(decoded(res.body, encoded, url), maxBytes, url);
      return { status: res.statusCode, headers: h, bytes };
    } catch (e) {
      throw asFetchError(e, url, ctrl.signal.aborted, this.o.timeoutMs);
    } finally {
      clearTimeout(timer);
    }
  }

  /** The robots.txt rules of a URL's origin, fetched once per host (RFC 9309: 4xx allows all; 5xx or unreachable allows nothing). */
  private robotsFor(url: URL): Promise<Robots> {
    let p = this.robotsCache.get(url.host);
    if (!p) {
      const robotsUrl = new URL('/robots.txt', url);
      p = this.fetchRobots(robotsUrl);
      this.robotsCache.set(url.host, p);
    }
    return p;
  }

  private async fetchRobots(robotsUrl: URL): Promise<Robots> {
    let raw: Raw;
    try {
      raw = await this.inTurn(robotsUrl.host, () => this.send(robotsUrl, {}, ROBOTS_MAX_BYTES));
      // robots.txt may redirect once or twice (http → https); follow a few, checked like any URL.
      for (let hops = 0; raw.status >= 300 && raw.status < 400 && header(raw.headers, 'location') && hops < 5; hops++) {
        const next = this.guard.checkUrl(new URL(header(raw.headers, 'location')!, robotsUrl).toString());
        raw = await this.inTurn(next.host, () => this.send(next, {}, ROBOTS_MAX_BYTES));
      }
    } catch (e) {
      if (e instanceof DossierError && (e.code === 'E_FETCH_BLOCKED' || e.code === 'E_FETCH_TOO_LARGE')) throw e;
      return { allowed: () => false, delayMs: 0 };
    }
    if (raw.status >= 500 || raw.status === 429) return { allowed: () => false, delayMs: 0 };
    if (raw.status >= 400 || raw.status >= 300) return { allowed: () => true, delayMs: 0 };
    const robots = robotsParser(robotsUrl.toString(), raw.bytes.toString('utf8'));
    const token = this.userAgent.split('/')[0]!;
    const delay = robots.getCrawlDelay(token);
    const delayMs = delay ? Math.min(delay * 1000, MAX_CRAWL_DELAY_MS) : 0;
    this.crawlDelay.set(robotsUrl.host, delayMs);
    return { allowed: (u) => robots.isAllowed(u, token) !== false, delayMs };
  }

  private async checkRobots(url: URL): Promise<void> {
    if (url.pathname === '/robots.txt') return;
    const robots = await this.robotsFor(url);
    if (!robots.allowed(url.toString())) throw new DossierError('E_FETCH_ROBOTS', `robots.txt of ${url.host} does not allow ${this.userAgent.split('/')[0]} here`, url.toString());
  }
}

function header(h: Raw['headers'], name: string): string | null {
  const v = h[name];
  return Array.isArray(v) ? (v[0] ?? null) : (v ?? null);
}

function tooLarge(url: URL, max: number, why: string): DossierError {
  return new DossierError('E_FETCH_TOO_LARGE', `the response is larger than the ${max}-byte cap (${why})`, url.toString());
}

function decoded(body: Readable, encoding: string, url: URL): Readable {
  if (encoding === 'identity' || encoding === '') return body;
  const z = encoding === 'gzip' || encoding === 'x-gzip' ? createGunzip() : encoding === 'deflate' ? createInflate() : encoding === 'br' ? createBrotliDecompress() : null;
  if (!z) {
    body.destroy();
    throw new DossierError('E_FETCH', `unsupported Content-Encoding "${encoding}"`, url.toString());
  }
  body.on('error', (e) => z.destroy(e));
  return body.pipe(z);
}

/** Read a stream, stopping (and dropping the connection) as soon as it passes the cap. */
async function readCapped(stream: Readable, max: number, url: URL): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let n = 0;
  for await (const chunk of stream) {
    n += (chunk as Buffer).length;
    if (n > max) {
      stream.destroy();
      throw tooLarge(url, max, 'counted while streaming');
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks, n);
}

function discard(stream: Readable): Buffer {
  stream.on('error', () => undefined);
  stream.destroy();
  return Buffer.alloc(0);
}

function asFetchError(e: unknown, url: URL, aborted: boolean, timeoutMs: number): DossierError {
  if (e instanceof DossierError) return e;
  const err = e as Error & { code?: string; cause?: unknown };
  if (err.cause instanceof DossierError) return err.cause;
  if (aborted || err.code === 'UND_ERR_HEADERS_TIMEOUT' || err.code === 'UND_ERR_BODY_TIMEOUT' || err.code === 'UND_ERR_CONNECT_TIMEOUT') {
    return new DossierError('E_FETCH_TIMEOUT', `no complete answer within ${timeoutMs / 1000} s`, url.toString());
  }
  return new DossierError('E_FETCH', `${err.code ? `${err.code}: ` : ''}${err.message}`, url.toString());
}
