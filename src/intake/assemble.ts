import type { Region, RegionKind } from '../model/index.js';
import { ENGLISH_FUNCTION_WORDS } from './patterns.js';

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
    for (const piece of part.text.split(/\n[ \t]*\n/)) {
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

/**
 * 'en' when English function words make up a normal share of the tokens,
 * else null. Cheap, and right for the only distinction the pipeline needs:
 * whether its English rules apply.
 */
export function detectLanguage(text: string): string | null {
  const tokens = text.toLowerCase().match(/[\p{L}']+/gu) ?? [];
  if (tokens.length < 20) return null;
  let hits = 0;
  for (const t of tokens) if (ENGLISH_FUNCTION_WORDS.has(t)) hits++;
  return hits / tokens.length >= 0.2 ? 'en' : null;
}
