import type { Context } from 'hono';
import { DossierError, type ErrorCode } from '../model/index.js';

/**
 * What the API answers when a request fails: `{error: {code, message, param?}}`, with an HTTP status
 * that says whose fault it is. Codes are the CLI's (src/model/errors.ts) where one fits, plus the
 * few only HTTP has.
 */
export type ApiErrorCode =
  | ErrorCode
  | 'E_BAD_PARAM'
  | 'E_AUTH_REQUIRED'
  | 'E_FORBIDDEN'
  | 'E_CSRF'
  | 'E_RATE_LIMITED'
  | 'E_TOO_LARGE'
  | 'E_NOT_AVAILABLE';

export interface ErrorBody {
  error: { code: ApiErrorCode; message: string; param?: string };
}

type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 500 | 501 | 503;

export class ApiError extends Error {
  constructor(
    readonly status: ErrorStatus,
    readonly code: ApiErrorCode,
    message: string,
    readonly param?: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export function badParam(param: string, message: string): ApiError {
  return new ApiError(400, 'E_BAD_PARAM', `${param}: ${message}`, param);
}

export function notFound(what: string): ApiError {
  return new ApiError(404, 'E_NOT_FOUND', what);
}

/** The HTTP status of a DossierError from the store or intake. */
export function statusOf(e: DossierError): ErrorStatus {
  switch (e.code) {
    case 'E_NOT_FOUND':
      return 404;
    case 'E_USAGE':
      return 400;
    case 'E_INPUT_TOO_LARGE':
      return 413;
    case 'E_INPUT_UNSUPPORTED':
      return 415;
    case 'E_INPUT_MISSING':
    case 'E_INPUT_EMPTY':
    case 'E_INPUT_BINARY':
    case 'E_INPUT_ENCODING':
    case 'E_HTML_NO_CONTENT':
      return 422;
    case 'E_STORE_BUSY':
    case 'E_STORE_READONLY':
      return 503;
    default:
      return 500;
  }
}

export function errorBody(code: ApiErrorCode, message: string, param?: string): ErrorBody {
  return { error: { code, message, ...(param !== undefined ? { param } : {}) } };
}

/** The one error handler: coded errors keep their code; anything else is a 500 that says little. */
export function onError(err: Error, c: Context): Response {
  if (err instanceof ApiError) {
    for (const [k, v] of Object.entries(err.headers)) c.header(k, v);
    return c.json(errorBody(err.code, err.message, err.param), err.status);
  }
  if (err instanceof DossierError) return c.json(errorBody(err.code, err.message), statusOf(err));
  const status = (err as { status?: number }).status;
  // Hono's own HTTPException (a body too large, a malformed body).
  if (status === 413) return c.json(errorBody('E_TOO_LARGE', err.message || 'the request body is too large'), 413);
  if (typeof status === 'number' && status >= 400 && status < 500) return c.json(errorBody('E_BAD_PARAM', err.message || 'bad request'), status as 400);
  process.stderr.write(`dossier serve: ${err.stack ?? err.message}\n`);
  return c.json(errorBody('E_STORE', 'internal error'), 500);
}
