/**
 * Who is logged in. The token itself never reaches script: the login answer sets an HttpOnly cookie,
 * and /api/session says whose it is, with the CSRF token writes must carry.
 */
import { useEffect, useState } from 'preact/hooks';
import { ApiError, getJson, send, setCsrf } from './api.js';
import type { Session } from './types.js';

/** What /api/login and /api/session answer. */
interface SessionAnswer {
  authenticated: boolean;
  name: string | null;
  role: Session['role'] | null;
  csrf: string | null;
  reads_need_auth: boolean;
}

let session: Session | null = null;
let loaded = false;
/**
 * Bumped by every login and logout. The session asked for when the app opens can answer after a
 * quick login (on a loaded server it did, in the browser tests): asked before the cookie was set, it
 * says "nobody", and it must not undo the login. An answer to a question older than the last login or
 * logout is dropped.
 */
let changes = 0;
const listeners = new Set<(s: Session | null) => void>();

function set(s: Session | null): void {
  session = s;
  loaded = true;
  setCsrf(s?.csrf ?? null);
  for (const l of listeners) l(s);
}

export async function refreshSession(): Promise<void> {
  const asked = changes;
  try {
    const s = await getJson<SessionAnswer>('/api/session');
    if (asked !== changes) return;
    set(s.authenticated && s.name && s.role ? { name: s.name, role: s.role, csrf: s.csrf ?? undefined } : null);
  } catch (e) {
    if (asked !== changes) return;
    if (e instanceof ApiError && (e.status === 401 || e.status === 404)) set(null);
    else throw e;
  }
}

export async function login(token: string): Promise<Session> {
  const s = await send<SessionAnswer>('POST', '/api/login', { token });
  if (!s.name || !s.role) throw new Error('the server did not say who logged in');
  const got: Session = { name: s.name, role: s.role, csrf: s.csrf ?? undefined };
  changes++;
  set(got);
  return got;
}

export async function logout(): Promise<void> {
  await send('POST', '/api/logout');
  changes++;
  set(null);
}

export function canWrite(s: Session | null): boolean {
  return s?.role === 'reviewer' || s?.role === 'admin';
}

export function useSession(): { session: Session | null; loaded: boolean } {
  const [s, setS] = useState(session);
  useEffect(() => {
    listeners.add(setS);
    const asked = changes;
    if (!loaded) void refreshSession().catch(() => asked === changes && set(null));
    return () => void listeners.delete(setS);
  }, []);
  return { session: s, loaded };
}
