/**
 * Terminal escape sequences, for the two places that must not keep them: intake (stored text and
 * metadata come from the web and other people's files) and the CLI's output. Removing only the ESC
 * byte leaves the sequence's body in the text (`[2J`, `]0;title`), so a sequence goes whole.
 *
 * Start-up path: this module imports nothing (src/cli/output.ts loads it before any command).
 */

/**
 * Escape sequences, removed whole: CSI (`ESC [` parameters, intermediates, a final byte, or its
 * one-byte form 0x9B), the string sequences OSC, DCS, SOS, PM and APC (`ESC ]`, `ESC P`, `ESC X`,
 * `ESC ^`, `ESC _` or their one-byte forms, up to BEL or ST; an unterminated one stops at the end of
 * the line, so a stray `ESC ]` cannot swallow the rest of a document), and the two-byte escapes
 * (`ESC c` resets the terminal). Each alternative is a run of one character class: linear time.
 */
export const ESCAPE_SEQUENCE = /(?:\x1b\[|\x9b)[0-?]*[ -\/]*[@-~]?|(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c\n]*(?:\x07|\x1b\\|\x9c)?|\x1b[ -\/]*[0-~]?/g;

/** Whether `s` may hold a sequence: ESC or one of the one-byte introducers. */
const INTRODUCER = /[\x1b\x90\x98\x9b\x9d\x9e\x9f]/;

/** `s` without escape sequences (everything else kept: control characters are the caller's to judge). */
export function stripEscapeSequences(s: string): string {
  return INTRODUCER.test(s) ? s.replace(ESCAPE_SEQUENCE, '') : s;
}
