import type { OpenAPIHono } from '@hono/zod-openapi';
import type { ReviewStore, TokenInfo } from '../review/index.js';
import type { Store } from '../store/index.js';
import type { LoginLimiter, Principal, RateLimit, Sessions } from './auth.js';
import { ApiError } from './errors.js';

export interface ServerOptions {
  store: Store;
  /** The address the server binds: reads need a token unless it is a loopback address. */
  host: string;
  /** Reads need a token even on a loopback address. */
  requireAuth?: boolean;
  /** The built web app (index.html and its assets); null: none (the API only). */
  webDir?: string | null;
  loginLimit?: RateLimit;
  /** Files per upload request (each within the intake limit of 10 MB). */
  maxUploadFiles?: number;
}

export type Env = { Variables: { principal: Principal | null } };
export type App = OpenAPIHono<Env>;

/** What every route module is given. */
export interface Ctx {
  store: Store;
  opts: ServerOptions;
  sessions: Sessions;
  limiter: LoginLimiter;
  readsNeedAuth: boolean;
  /** Moved on by every write through this server: caches keyed on it are never stale after one. */
  generation: { n: number };
  /** The live token's info, or null (the store's verifyToken). */
  verify: (token: string) => Promise<TokenInfo | null>;
}

/** The store's review methods (src/review/types.ts), or a 501 on a store that lacks them. */
export function reviewStore(store: Store): ReviewStore {
  const s = store as Store & Partial<ReviewStore>;
  if (typeof s.reviewOf !== 'function') throw new ApiError(501, 'E_NOT_AVAILABLE', 'this store does not support review yet');
  return s as Store & ReviewStore;
}

/** Whether the store has the review methods (listings mark review state only then). */
export function hasReview(store: Store): store is Store & ReviewStore {
  return typeof (store as Store & Partial<ReviewStore>).reviewsOf === 'function';
}
