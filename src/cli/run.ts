import { DossierError } from '../model/index.js';

/** Exit codes of the coded errors (the help text lists them); any other DossierError exits 1. */
export const EXIT: Readonly<Record<string, number>> = { E_USAGE: 2, E_NOT_FOUND: 3, E_STORE: 4, E_STORE_CORRUPT: 4, E_STORE_BUSY: 4, E_STORE_READONLY: 4, E_OUTPUT: 5 };

/**
 * Runs a command as the `dossier` binary does and returns its exit code: a DossierError or a bad
 * option becomes one line on stderr and its code, not a stack trace; anything else is a bug and is
 * rethrown. The binary and the in-process CLI tests both go through here, so they cannot disagree
 * on what an error exits with.
 */
export async function exitCodeOf(command: () => number | Promise<number>): Promise<number> {
  try {
    return await command();
  } catch (e) {
    if (e instanceof DossierError) {
      process.stderr.write(`dossier: ${e.message} [${e.code}]\n`);
      return EXIT[e.code] ?? 1;
    }
    if (e instanceof TypeError && (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`dossier: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}
