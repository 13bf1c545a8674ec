/**
 * Everything a command prints goes through here, so no command can forget what a terminal needs.
 *
 * Documents come from the web and from other people's files: their titles and text may hold terminal
 * escape codes (`\x1b[2J` clears the screen, `\x1b]8;;URL\x07` makes a hidden link, `\r` overwrites
 * what was printed). Human-readable output (`text`, `error`) is always cleaned with `terminalSafe`,
 * also when piped, because a pipe often ends in a terminal (`| less -R`, `| tee`). JSON (`json`)
 * escapes every control character, so the data is kept and nothing reaches a terminal raw. Data
 * (`data`: CSV, JSON Lines from `export`) is written byte for byte to a file or a pipe, and cleaned
 * only when stdout is itself a terminal. A test (commands.test.ts) checks that no other module in
 * src/cli writes to process.stdout or process.stderr.
 *
 * Start-up path: this module imports only src/model/escapes.ts, which imports nothing.
 */
import { ESCAPE_SEQUENCE } from '../model/escapes.js';

/** C0 controls but newline and tab, DEL, and C1 controls: what is left once the sequences are gone. */
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/g;
/** In JSON: DEL and C1, which JSON.stringify leaves raw (it escapes C0 only). */
const JSON_RAW_CONTROL = /[\x7f-\x9f]/g;

/** The patterns, for the ReDoS check in output.test.ts. */
export const TERMINAL_PATTERNS: readonly RegExp[] = [ESCAPE_SEQUENCE, CONTROL, JSON_RAW_CONTROL];

/** `s` without escape sequences and control characters (newline and tab kept), fit for a terminal. */
export function terminalSafe(s: string): string {
  return s.replace(ESCAPE_SEQUENCE, '').replace(CONTROL, '');
}

/** JSON text with every control character escaped (\u007f, \u009b …): the same value, inert on a terminal. */
export function jsonText(value: unknown, indent?: number): string {
  return JSON.stringify(value, null, indent).replace(JSON_RAW_CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Human-readable output on stdout, cleaned. */
export function text(s: string): void {
  process.stdout.write(terminalSafe(s));
}

/** A value as JSON on stdout, with a newline. */
export function json(value: unknown, indent?: number): void {
  process.stdout.write(`${jsonText(value, indent)}\n`);
}

/** Data (CSV, JSON Lines) on stdout: as it is into a file or a pipe, cleaned on a terminal. */
export function data(s: string): void {
  process.stdout.write(process.stdout.isTTY ? terminalSafe(s) : s);
}

/** Human-readable messages on stderr (errors, notes, summaries), cleaned. */
export function note(s: string): void {
  process.stderr.write(terminalSafe(s));
}

/**
 * Dossier's own progress line on stderr, when stderr is a terminal: the caller's `\r\x1b[K` must
 * reach it, so only `line` (which may quote a document) is cleaned.
 */
export function progress(line: string): void {
  process.stderr.write(`\r\x1b[K${terminalSafe(line)}`);
}

/** Whether stderr is a terminal (a progress bar) or a pipe or file (a line per document). */
export function stderrIsTerminal(): boolean {
  return process.stderr.isTTY === true;
}

/** The default width of a table when stdout is not a terminal: none, every cell whole (`dossier incidents | grep` sees whole labels). */
export const PIPED_WIDTH = Infinity;

/** The width to fit tables to: the terminal's columns, or no limit when stdout is a pipe or a file. */
export function outputWidth(): number {
  const cols = process.stdout.isTTY ? process.stdout.columns : undefined;
  return typeof cols === 'number' && cols > 0 ? cols : PIPED_WIDTH;
}
