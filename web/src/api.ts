/**
 * The workbench's only way to the server: same-origin fetches of /api/… . Reads are plain GETs; every
 * write carries the CSRF header the server checks against its cookie, and goes with the HttpOnly
 * session cookie the login set. Errors come back as ApiError with the server's message, so a view can
 * say what went wrong in words.
 */
import type { Filters } from '../../src/web/index.js';

export class ApiError extends Error {
  constructor(readonly status: number, message: string, readonly code?: string, readonly body?: unknown) {
    super(message);
  }
}

/** The CSRF token: given by the login and /api/session answers, and kept in a readable cookie too. */
let csrfToken: string | null = null;
const CSRF_COOKIE = /(?:^|;\s*)dossier_csrf=([^;]+)/;

export function setCsrf(token: string | null): void {
  csrfToken = token;
}

function csrf(): string | null {
  const m = document.cookie.match(CSRF_COOKIE);
  return csrfToken ?? (m ? decodeURIComponent(m[1]!) : null);
}

async function failure(res: Response): Promise<ApiError> {
  let message = `${res.status} ${res.statusText}`;
  let code: string | undefined;
  let body: { error?: string | { message?: string; code?: string }; message?: string; code?: string } | undefined;
  try {
    body = (await res.json()) as typeof body & object;
    const e = body.error;
    if (typeof e === 'string') message = e;
    else if (e?.message) message = e.message;
    else if (body.message) message = body.message;
    code = (typeof e === 'object' ? e?.code : undefined) ?? body.code;
  } catch {
    // Not JSON: the status line says enough.
  }
  return new ApiError(res.status, message, code, body);
}

/** Called when a read is refused for want of a token (a server bound off loopback, or --require-auth). */
let authRequired: () => void = () => undefined;
export function onAuthRequired(f: () => void): void {
  authRequired = f;
}

export async function getJson<T>(path: string, params?: Record<string, string | number | boolean | undefined | null>): Promise<T> {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params ?? {})) if (v !== undefined && v !== null && v !== '' && v !== false) q.set(k, String(v));
  const url = q.size ? `${path}?${q}` : path;
  const res = await fetch(url, { headers: { accept: 'application/json' }, credentials: 'same-origin' });
  if (res.status === 401 && path !== '/api/session') authRequired();
  if (!res.ok) throw await failure(res);
  return (await res.json()) as T;
}

export async function send<T>(method: 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const token = csrf();
  if (token) headers['x-csrf-token'] = token;
  const res = await fetch(path, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) });
  if (!res.ok) throw await failure(res);
  const text = await res.text();
  return (text ? JSON.parse(text) : {}) as T;
}

/** A multipart POST (an upload), with the CSRF header like every write. */
export async function sendForm<T>(path: string, data: FormData): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  const token = csrf();
  if (token) headers['x-csrf-token'] = token;
  const res = await fetch(path, { method: 'POST', headers, credentials: 'same-origin', body: data });
  if (!res.ok) throw await failure(res);
  return (await res.json()) as T;
}

/** The list's query parameters for a set of filters (the names /api/incidents takes). */
export function filterParams(f: Filters & { bbox?: [number, number, number, number] }): Record<string, string | undefined> {
  return {
    country: f.country,
    type: f.type,
    actor: f.actor,
    text: f.q,
    from: f.from,
    to: f.to,
    reviewed: f.reviewed === 'yes' ? 'true' : f.reviewed === 'no' ? 'false' : undefined,
    has_conflicts: f.conflicts ? 'true' : undefined,
    bbox: f.bbox?.join(','),
  };
}
