/**
 * The analyst's workbench server (issue 12): `dossier serve` answers the JSON API under /api/ and
 * serves the built web app at /. See docs/api.md.
 */
export { createApp, CSP, API_VERSION } from './app.js';
export { startServer, type RunningServer } from './serve.js';
export type { ServerOptions } from './context.js';
export { isLoopback, DEFAULT_LOGIN_LIMIT, type RateLimit } from './auth.js';
