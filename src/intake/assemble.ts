import type { Region, RegionKind } from '../model/index.js';
import { stripEscapeSequences } from '../model/escapes.js';

/** Blanks ending a line, tried from the start of a run only: `/[ \t]+$/` tried every blank of a long run (recheck: quadratic). */
const TRAILING_BLANKS = /(?<![ \t])[ \t]+$/;

/** One paragraph-level piece of the stored text, before offsets exist. */
export interface Part {
  kind: RegionKind;
  text: string;
}

/**
 * Join parts into the stored text, one paragraph per part separated by a
 * blank line, and record each part's offsets. Offsets are computed here and
 * nowhere else so they always refer to the final string.
 */
export function assemble(parts: Part[]): { text: string; regions: Region[] } {
  let text = '';
  const regions: Region[] = [];
  for (const part of parts) {
    // A part must never contain a blank line itself, or "paragraphs are separated
    // by \n\n" would stop being true of the stored text.
    // An escape sequence can also come from the page's markup (`&#27;[2J`), after decoding: gone whole here too.
    for (const piece of stripEscapeSequences(part.text).split(/\n[ \t]*\n/)) {
      const clean = piece
        .split('\n')
        .map((l) => l.replace(TRAILING_BLANKS, ''))
        .join('\n')
        .trim();
      if (!clean) continue;
      if (text) text += '\n\n';
      regions.push({ kind: part.kind, start: text.length, end: text.length + clean.length });
      text += clean;
    }
  }
  return { text, regions };
}

export { detectLanguage } from './language.js';
