/**
 * Errors carry stable codes so scripts and tests can tell failures apart
 * without parsing messages. Add codes, never renumber or reuse them.
 */
export const ErrorCodes = {
  E_INPUT_MISSING: 'the input path does not exist or cannot be opened',
  E_INPUT_EMPTY: 'the input has no content',
  E_INPUT_TOO_LARGE: 'the input is larger than the intake limit',
  E_INPUT_BINARY: 'the input looks like binary data, not text or HTML',
  E_INPUT_ENCODING: 'the input could not be decoded as text',
  E_INPUT_UNSUPPORTED: 'the input has an unsupported file type',
  E_HTML_NO_CONTENT: 'no article text could be extracted from the HTML',
  E_STORE: 'the store failed',
  E_STORE_CORRUPT: 'the store file is damaged or is not a Dossier store; nothing is written to it',
  E_STORE_BUSY: 'another process kept the store locked too long; nothing was written',
  E_STORE_READONLY: 'the store cannot be written (read-only file or folder, or opened for reading)',
  E_OUTPUT: 'the output file was refused or could not be written; nothing was changed',
  E_USAGE: 'the command was called incorrectly',
  E_NOT_FOUND: 'the requested record does not exist',
  E_FETCH: 'a page could not be fetched (network failure, or the server kept failing)',
  E_FETCH_BLOCKED: 'the URL was refused: not http(s), or it points at a private, loopback or metadata address',
  E_FETCH_ROBOTS: 'the site\'s robots.txt does not allow fetching this URL',
  E_FETCH_TOO_LARGE: 'the response is larger than the fetch size cap',
  E_FETCH_TIMEOUT: 'the server took longer than the fetch timeout',
  E_FETCH_HTTP: 'the server answered with an HTTP error status',
  E_FEED: 'a feed or sitemap could not be read',
} as const;

export type ErrorCode = keyof typeof ErrorCodes;

export class DossierError extends Error {
  readonly code: ErrorCode;
  /** The input (path, id) the error is about, when there is one. */
  readonly input: string | undefined;
  constructor(code: ErrorCode, message: string, input?: string) {
    super(input ? `${input}: ${message}` : message);
    this.name = 'DossierError';
    this.code = code;
    this.input = input;
  }
}
