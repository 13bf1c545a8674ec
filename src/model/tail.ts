/** What `.` in a pattern does not match. */
const LINE_BREAKS = ['\n', '\r', '\u2028', '\u2029'] as const;

/**
 * `s` cut before the first match of `tail` (a global pattern) that no line break follows, as
 * `s.replace(/TAIL.*$/, '')` cuts it (`.` crosses no line break; `$` is the end of the text). That form
 * reads to the end again from every place the tail could start (quadratic in a long line); this reads
 * the text once for its last line break, then the tail's matches once. Used by the roles' trailing
 * phrase and the dateline's "updated" stamp, each with a tail that enters a blank run at its first blank.
 */
export function cutTail(s: string, tail: RegExp): string {
  let lastBreak = -1;
  for (const b of LINE_BREAKS) lastBreak = Math.max(lastBreak, s.lastIndexOf(b));
  for (const m of s.matchAll(tail)) if (m.index + m[0].length > lastBreak) return s.slice(0, m.index);
  return s;
}
