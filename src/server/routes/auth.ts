import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { getConnInfo } from '@hono/node-server/conninfo';
import { CSRF_COOKIE, SESSION_COOKIE } from '../auth.js';
import type { App, Ctx } from '../context.js';
import { ApiError } from '../errors.js';
import { createRoute, ERRORS, json } from '../route.js';
import { LoginBody, SessionSchema } from '../schemas.js';

const loginRoute = createRoute({
  method: 'post', path: '/api/login', tags: ['auth'],
  summary: 'Exchange a token for a session cookie (HttpOnly, SameSite=Strict) and a CSRF token to echo in X-CSRF-Token',
  request: { body: { required: true, content: { 'application/json': { schema: LoginBody } } } },
  responses: { 200: json(SessionSchema, 'Logged in'), ...ERRORS },
});
const logoutRoute = createRoute({
  method: 'post', path: '/api/logout', tags: ['auth'], summary: 'End the session',
  responses: { 200: json(z.object({ ok: z.boolean() }), 'Logged out'), ...ERRORS },
});
const sessionRoute = createRoute({
  method: 'get', path: '/api/session', tags: ['auth'], summary: 'Who the request is made as, and whether reads need a token',
  responses: { 200: json(SessionSchema, 'The session'), ...ERRORS },
});

/** The client's address, for the login rate limit. */
export function clientAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

export function registerAuth(app: App, ctx: Ctx): void {
  app.openapi(loginRoute, async (c) => {
    const addr = clientAddress(c);
    ctx.limiter.check(addr);
    const { token } = c.req.valid('json');
    const info = await ctx.verify(token);
    if (!info) {
      ctx.limiter.fail(addr);
      throw new ApiError(401, 'E_AUTH_REQUIRED', 'the token is unknown or revoked', 'token');
    }
    ctx.limiter.succeed(addr);
    const old = getCookie(c, SESSION_COOKIE);
    if (old) ctx.sessions.close(old);
    const s = ctx.sessions.open(token);
    const secure = new URL(c.req.url).protocol === 'https:';
    setCookie(c, SESSION_COOKIE, s.id, { httpOnly: true, sameSite: 'Strict', path: '/', secure });
    // The CSRF token in a cookie the page can read too (double submit): a reloaded page finds it without asking.
    setCookie(c, CSRF_COOKIE, s.csrf, { httpOnly: false, sameSite: 'Strict', path: '/', secure });
    return c.json({ authenticated: true, name: info.name, role: info.role, csrf: s.csrf, reads_need_auth: ctx.readsNeedAuth }, 200);
  });

  app.openapi(logoutRoute, (c) => {
    const sid = getCookie(c, SESSION_COOKIE);
    if (sid) ctx.sessions.close(sid);
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    deleteCookie(c, CSRF_COOKIE, { path: '/' });
    return c.json({ ok: true }, 200);
  });

  app.openapi(sessionRoute, (c) => {
    const p = c.get('principal');
    return c.json({ authenticated: p !== null, name: p?.name ?? null, role: p?.role ?? null, csrf: p?.csrf ?? null, reads_need_auth: ctx.readsNeedAuth }, 200);
  });
}
