import type { AnswerCache } from './answer-cache.js';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { TokenInfo } from '../review/index.js';
import type { Store } from '../store/index.js';
import type { LoginLimiter, Principal, RateLimit, Sessions } from './auth.js';

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
  /** The live token's info, or null (the store's verifyToken). */
  verify: (token: string) => Promise<TokenInfo | null>;
  /** Answers to reads under the store's current revision (answer-cache.ts). */
  answers: AnswerCache;
}
