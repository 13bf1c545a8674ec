import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Role, TokenInfo } from '../review/index.js';
import { ApiError } from './errors.js';

/**
 * Who is asking, and what they may do. Tokens (store.verifyToken) carry a role; a browser logs in
 * once with its token and gets a session cookie (HttpOnly, SameSite=Strict) plus a CSRF token it
 * must echo in X-CSRF-Token on every write. A bearer token in Authorization needs no CSRF token:
 * a browser never sends it on its own.
 */

export interface Principal {
  name: string;
  role: Role;
  via: 'bearer' | 'session';
  /** The session's CSRF token (session only). */
  csrf: string | null;
}

const RANK: Record<Role, number> = { reader: 0, reviewer: 1, admin: 2 };

export function atLeast(p: Principal | null, role: Role): boolean {
  return p !== null && RANK[p.role] >= RANK[role];
}

export const SESSION_COOKIE = 'dossier_session';
export const CSRF_COOKIE = 'dossier_csrf';
/** A session lasts this long after login (the token's revocation ends it sooner: see Sessions.get). */
const SESSION_MS = 12 * 60 * 60 * 1000;
/** Sessions held at most; the oldest goes first (each login from a script would otherwise grow the map). */
const MAX_SESSIONS = 10_000;

interface Session {
  /** The token it was opened with (held in memory only): re-verified on each use, so a revoked token ends it. */
  token: string;
  csrf: string;
  expires: number;
}

/** Server-side sessions, in memory: a restart logs everyone out, which is acceptable for one analyst's server. */
export class Sessions {
  private readonly map = new Map<string, Session>();

  open(token: string): { id: string; csrf: string } {
    const id = randomBytes(32).toString('base64url');
    const csrf = randomBytes(24).toString('base64url');
    if (this.map.size >= MAX_SESSIONS) this.map.delete(this.map.keys().next().value!);
    this.map.set(hashOf(id), { token, csrf, expires: Date.now() + SESSION_MS });
    return { id, csrf };
  }

  /** The live session for a cookie value, or null. */
  get(id: string): Session | null {
    const key = hashOf(id);
    const s = this.map.get(key);
    if (!s) return null;
    if (s.expires < Date.now()) {
      this.map.delete(key);
      return null;
    }
    return s;
  }

  close(id: string): void {
    this.map.delete(hashOf(id));
  }
}

function hashOf(s: string): string {
  return createHash('sha256').update(s).digest('base64url');
}

/** Constant-time comparison of two secrets. */
export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export interface RateLimit {
  /** Failed logins allowed per client address within the window. */
  max: number;
  windowMs: number;
}

export const DEFAULT_LOGIN_LIMIT: RateLimit = { max: 5, windowMs: 60_000 };
/** Client addresses whose failures are remembered at once. */
const MAX_TRACKED = 10_000;

/**
 * Failed logins (and bad bearer tokens) per client address: past `max` within the window, the
 * address is refused with 429 and Retry-After until its oldest failure leaves the window.
 */
export class LoginLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(private readonly limit: RateLimit) {}

  /** Throws 429 when the address has used up its failures. */
  check(addr: string): void {
    const now = Date.now();
    const recent = (this.failures.get(addr) ?? []).filter((t) => t > now - this.limit.windowMs);
    if (recent.length) this.failures.set(addr, recent);
    else this.failures.delete(addr);
    if (recent.length >= this.limit.max) {
      const wait = Math.max(1, Math.ceil((recent[0]! + this.limit.windowMs - now) / 1000));
      throw new ApiError(429, 'E_RATE_LIMITED', `too many failed logins from this address; try again in ${wait} s`, undefined, { 'Retry-After': String(wait) });
    }
  }

  fail(addr: string): void {
    // Many addresses failing at once must not grow the map without bound: the oldest entries go first.
    if (this.failures.size >= MAX_TRACKED && !this.failures.has(addr)) this.failures.delete(this.failures.keys().next().value!);
    const list = this.failures.get(addr) ?? [];
    list.push(Date.now());
    this.failures.set(addr, list);
  }

  succeed(addr: string): void {
    this.failures.delete(addr);
  }
}

/** Whether a bind address is this machine only (reads are then open unless --require-auth). */
export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || h.startsWith('127.');
}

export type VerifyToken = (token: string) => Promise<TokenInfo | null>;
