import { createRoute, type z } from '@hono/zod-openapi';
import { ErrorSchema } from './schemas.js';

const err = (description: string) => ({ description, content: { 'application/json': { schema: ErrorSchema } } });

/** The failures every route can answer with, described once. */
export const ERRORS = {
  400: err('A parameter or the body is invalid: `error.param` names it'),
  401: err('A token is needed (reads off loopback or with --require-auth; every write)'),
  403: err('The token may not do this (a reader writing), or the CSRF token is missing or wrong'),
  429: err('Too many failed logins from this address: see Retry-After'),
} as const;

export const NOT_FOUND = { 404: err('No such record') } as const;

export const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });

export { createRoute };

/** Writes: a bearer token, or the session cookie (with X-CSRF-Token). */
export const WRITE_SECURITY: { [name: string]: string[] }[] = [{ bearer: [] }, { session: [] }];
