import { AnswerCache } from './answer-cache.js';
import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context, Next } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { getCookie } from 'hono/cookie';
import type { TokenInfo } from '../review/index.js';
import { atLeast, DEFAULT_LOGIN_LIMIT, isLoopback, LoginLimiter, sameSecret, SESSION_COOKIE, Sessions, type Principal } from './auth.js';
import type { App, Ctx, Env, ServerOptions } from './context.js';
import { compressJson } from './compress.js';
import { ApiError, errorBody, onError } from './errors.js';
import { clientAddress, registerAuth } from './routes/auth.js';
import { registerCatalog } from './routes/catalog.js';
import { registerDocuments } from './routes/documents.js';
import { registerFeed } from './routes/feed.js';
import { registerIncidents } from './routes/incidents.js';
import { staticHandler } from './static.js';

/**
 * Every response's security headers. No inline script or style may run: a hostile report's text is
 * only ever JSON the app renders as text, and this makes a slip there inert too. Workers and images
 * from blob:/data: are for the map (MapLibre builds its worker and sprites that way).
 */
export const CSP = [
  "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data: blob:", "font-src 'self'", "connect-src 'self'",
  "worker-src 'self' blob:", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "form-action 'self'",
].join('; ');

const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/** API paths anyone may call: the app must be able to show a login before it has a token. */
const PUBLIC = new Set(['/api/openapi.json', '/api/session', '/api/login', '/api/logout']);

/** How long a verified token is trusted before it is checked again (a revoked token stops within this). */
const TOKEN_CACHE_MS = 5_000;

function tokenVerifier(opts: ServerOptions): Ctx['verify'] {
  const cache = new Map<string, { at: number; info: TokenInfo | null }>();
  return async (token) => {
    const hit = cache.get(token);
    if (hit && Date.now() - hit.at < TOKEN_CACHE_MS) return hit.info;
    const info = await opts.store.verifyToken(token);
    if (cache.size > 1000) cache.clear();
    // Only good tokens are kept: a wrong guess is checked (and counted) every time.
    if (info) cache.set(token, { at: Date.now(), info });
    return info;
  };
}

const BEARER = /^Bearer\s+(\S+)\s*$/i;

/** Who the request is made as: a bearer token, a session cookie, or no one. */
async function identify(c: Context<Env>, ctx: Ctx): Promise<Principal | null> {
  const auth = c.req.header('authorization');
  if (auth !== undefined) {
    const m = BEARER.exec(auth);
    if (!m) throw new ApiError(401, 'E_AUTH_REQUIRED', 'Authorization takes "Bearer TOKEN"', 'Authorization');
    const addr = clientAddress(c);
    ctx.limiter.check(addr);
    const info = await ctx.verify(m[1]!);
    if (!info) {
      ctx.limiter.fail(addr);
      throw new ApiError(401, 'E_AUTH_REQUIRED', 'the token is unknown or revoked', 'Authorization');
    }
    return { name: info.name, role: info.role, via: 'bearer', csrf: null };
  }
  const sid = getCookie(c, SESSION_COOKIE);
  if (!sid) return null;
  const s = ctx.sessions.get(sid);
  const info = s ? await ctx.verify(s.token) : null;
  if (!s || !info) {
    ctx.sessions.close(sid);
    return null;
  }
  return { name: info.name, role: info.role, via: 'session', csrf: s.csrf };
}

/** A write from a page of another site is refused even before its credentials are looked at. */
function checkOrigin(c: Context): void {
  const origin = c.req.header('origin');
  if (origin === undefined) return;
  const host = c.req.header('host');
  let ok = false;
  try {
    ok = host !== undefined && new URL(origin).host === host;
  } catch {
    ok = false;
  }
  if (!ok) throw new ApiError(403, 'E_FORBIDDEN', `a write from another origin (${origin}) is refused`);
}

/** Reads need a token off loopback (or with --require-auth); writes need a reviewer, and a session's CSRF token. */
function authMiddleware(ctx: Ctx) {
  return async (c: Context<Env>, next: Next): Promise<void> => {
    const write = c.req.method !== 'GET' && c.req.method !== 'HEAD';
    if (write) checkOrigin(c);
    const principal = await identify(c, ctx);
    c.set('principal', principal);
    const path = c.req.path;
    if (PUBLIC.has(path)) return next();
    if (!write) {
      if (ctx.readsNeedAuth && !principal) throw new ApiError(401, 'E_AUTH_REQUIRED', 'this server needs a token to read: send Authorization: Bearer TOKEN, or log in');
      return next();
    }
    if (!principal) throw new ApiError(401, 'E_AUTH_REQUIRED', 'a write needs a reviewer or admin token: send Authorization: Bearer TOKEN, or log in');
    if (!atLeast(principal, 'reviewer')) throw new ApiError(403, 'E_FORBIDDEN', `${principal.name} is a ${principal.role}: writing needs a reviewer or admin token`);
    if (principal.via === 'session' && !sameSecret(c.req.header('x-csrf-token') ?? '', principal.csrf ?? '')) {
      throw new ApiError(403, 'E_CSRF', 'a write made with the session cookie needs its CSRF token in X-CSRF-Token (from POST /api/login or GET /api/session)', 'X-CSRF-Token');
    }
    return next();
  };
}

/** Zod's first complaint, as a 400 naming the parameter. */
function validationHook(result: { success: boolean; target: string; error?: { issues: { path: PropertyKey[]; message: string; code: string; keys?: string[] }[] } }, c: Context) {
  if (result.success) return undefined;
  const issue = result.error!.issues[0]!;
  const param = issue.code === 'unrecognized_keys' && issue.keys?.length ? issue.keys[0]! : issue.path.map(String).join('.') || result.target;
  const message = issue.code === 'unrecognized_keys' ? `unknown ${result.target === 'query' ? 'parameter' : 'field'}` : issue.message;
  return c.json(errorBody('E_BAD_PARAM', `${param}: ${message}`, param), 400);
}

export const API_VERSION = '1';

/** The whole server: the API under /api/ and the web app at /. */
export function createApp(opts: ServerOptions): App {
  const ctx: Ctx = {
    store: opts.store, opts, sessions: new Sessions(), limiter: new LoginLimiter(opts.loginLimit ?? DEFAULT_LOGIN_LIMIT),
    readsNeedAuth: opts.requireAuth === true || !isLoopback(opts.host), verify: tokenVerifier(opts),
    answers: new AnswerCache(opts.store),
  };
  const app: App = new OpenAPIHono<Env>({ defaultHook: validationHook as never });
  app.onError(onError);
  app.use('*', async (c, next) => {
    await next();
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) c.res.headers.set(k, v);
  });
  app.use('/api/*', (c, next) => (c.req.path === '/api/documents' ? next() : bodyLimit({ maxSize: 64 * 1024, onError: (cc) => cc.json(errorBody('E_TOO_LARGE', 'the request body is larger than 64 KB'), 413) })(c, next)));
  app.use('/api/*', authMiddleware(ctx));
  // Reads answered again from what was made under the store's current revision (answer-cache.ts):
  // after authentication, so a read that needs a token is refused first; before compression, so a
  // kept answer is kept compressed.
  app.use('/api/*', ctx.answers.middleware());
  // JSON answers are gzipped when the client accepts it (a page of 50 incidents: about 8 times smaller).
  // Not the export: it is streamed with backpressure a page at a time, and gzip would cost a core per
  // ~60 MB of CSV on the server; a client that wants it smaller compresses the file it writes.
  const gzip = compressJson();
  app.use('/api/*', (c, next) => (c.req.path === '/api/export' ? next() : gzip(c, next)));
  registerAuth(app, ctx);
  registerIncidents(app, ctx);
  registerDocuments(app, ctx);
  registerCatalog(app, ctx);
  registerFeed(app, ctx);
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer', description: 'A token from `dossier token create`' });
  app.openAPIRegistry.registerComponent('securitySchemes', 'session', { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE, description: 'From POST /api/login; writes also need X-CSRF-Token' });
  app.doc31('/api/openapi.json', {
    openapi: '3.1.0',
    info: { title: 'Dossier API', version: API_VERSION, description: 'Sourced incidents of political violence: every value points at the words it came from. See docs/api.md.' },
  });
  const web = staticHandler(opts.webDir ?? null);
  app.notFound((c) => (c.req.path.startsWith('/api/') ? c.json(errorBody('E_NOT_FOUND', `no such endpoint: ${c.req.method} ${c.req.path}`), 404) : web(c)));
  return app;
}
