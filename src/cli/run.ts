import { DossierError } from '../model/errors.js';
import { note } from './output.js';

/** Exit codes of the coded errors (the help text lists them); any other DossierError exits 1. */
export const EXIT: Readonly<Record<string, number>> = { E_USAGE: 2, E_NOT_FOUND: 3, E_STORE: 4, E_STORE_CORRUPT: 4, E_STORE_BUSY: 4, E_STORE_READONLY: 4, E_OUTPUT: 5 };

/** A usage error that knows its command, so its one line can say where that command's help is. */
export class CommandUsageError extends DossierError {
  constructor(
    /** `ingest`, `token create`; null before a command was found. */
    readonly command: string | null,
    message: string,
  ) {
    super('E_USAGE', message);
  }
}

/** Runs `body` for a command: a usage error it throws is tagged with the command's name. */
export async function inCommand(command: string | null, body: () => number | Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (e) {
    if (e instanceof DossierError && e.code === 'E_USAGE' && !(e instanceof CommandUsageError)) throw new CommandUsageError(command, e.message);
    throw e;
  }
}

/** A line break with the blanks around it. The lookbehind starts a match only where a run of blanks starts, so a long run with no newline is scanned once, not once per position (recheck: `\s*\n\s*` was quadratic). */
const LINE_BREAKS = /(?<![^\S\n])[^\S\n]*\n\s*/g;

/** One line: `dossier ingest: unknown option --fast (dossier ingest --help)`. */
export function usageLine(command: string | null, message: string): string {
  const one = message.replace(LINE_BREAKS, ' ');
  return command === null ? `dossier: ${one} (dossier help)` : `dossier ${command}: ${one} (dossier ${command} --help)`;
}

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
    if (e instanceof CommandUsageError) {
      note(`${usageLine(e.command, e.message)}\n`);
      return 2;
    }
    if (e instanceof DossierError) {
      note(e.code === 'E_USAGE' ? `${usageLine(null, e.message)}\n` : `dossier: ${e.message} [${e.code}]\n`);
      return EXIT[e.code] ?? 1;
    }
    if (e instanceof TypeError && (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      note(`${usageLine(null, e.message)}\n`);
      return 2;
    }
    throw e;
  }
}
