/**
 * Page metadata as text. A title, author or site name comes from attributes and elements a page
 * author controls (`<meta property="og:title" content="<script>…">`, `&lt;img onerror=…&gt;` in a
 * <title>), and is shown by every client: the CLI, the web app, exports. Intake stores it as plain
 * text, so no later reader has to remember to escape it: markup is dropped (a script or style with
 * its content), entities are decoded, control characters go, whitespace is collapsed.
 */

import { stripEscapeSequences } from '../model/escapes.js';

/**
 * The start of an element whose content is code, never text. Its end is found by stripCodeElements:
 * the pattern that matched the whole element (`<(script|…)\b[^>]*>[\s\S]*?(?:<\/\1\s*>|$)`) was
 * polynomial (recheck: degree 4, `<SVG>V` repeated).
 */
const CODE_OPEN = /<(script|style|noscript|template|iframe|object|svg|math)\b/gi;
const SPACE = /\s/;
/** A tag, a comment, a CDATA section or a doctype: anything from `<` + letter/!/ / to the next `>`. */
const TAG = /<(?:[a-z!/?][^<>]*)(?:>|$)/gi;
const ENTITY = /&(#\d{1,7}|#x[0-9a-f]{1,6}|[a-z]{2,8});?/gi;
/** C0 and C1 controls, and bidirectional overrides that can disguise a name. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

const MAX_META_CHARS = 2000;


const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', ndash: '–', mdash: '—', hellip: '…', laquo: '«', raquo: '»', lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”', copy: '©', reg: '®', trade: '™', middot: '·', bull: '•' };

/** Character references decoded: numeric ones, and the named ones of NAMED (others stay as written). */
export function decodeEntities(s: string): string {
  return s.replace(ENTITY, (m, body: string) => {
    if (body[0] === '#') {
      const cp = body[1] === 'x' || body[1] === 'X' ? Number.parseInt(body.slice(2), 16) : Number.parseInt(body.slice(1), 10);
      return cp > 0 && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff) ? String.fromCodePoint(cp) : '';
    }
    return NAMED[body.toLowerCase()] ?? m;
  });
}

/** Where the end tag `</name>` (any case, blanks before its '>') ending at or after `from` ends, or the end of `s`. */
function endTagEnd(s: string, from: number, name: string): number {
  for (let c = s.indexOf('</', from); c >= 0; c = s.indexOf('</', c + 2)) {
    if (s.slice(c + 2, c + 2 + name.length).toLowerCase() !== name) continue;
    let j = c + 2 + name.length;
    while (j < s.length && SPACE.test(s.charAt(j))) j++;
    if (s.charAt(j) === '>') return j + 1;
  }
  return s.length;
}

/** Each code element (CODE_OPEN, its start tag's '>', its content up to its end tag or the end) replaced by a space: one scan. */
function stripCodeElements(s: string): string {
  const out: string[] = [];
  let from = 0;
  CODE_OPEN.lastIndex = 0;
  for (let m = CODE_OPEN.exec(s); m; m = CODE_OPEN.exec(s)) {
    const gt = s.indexOf('>', CODE_OPEN.lastIndex);
    // No '>' after this start: no later one has one either.
    if (gt < 0) break;
    const end = endTagEnd(s, gt + 1, m[1]!.toLowerCase());
    out.push(s.slice(from, m.index), ' ');
    from = end;
    CODE_OPEN.lastIndex = end;
  }
  out.push(s.slice(from));
  return out.join('');
}

function stripOnce(s: string): string {
  return stripCodeElements(s).replace(TAG, ' ');
}

/**
 * Metadata text with markup removed. Entities are decoded and the result stripped again, so
 * `&lt;script&gt;` cannot come back as a tag; a bare `<` that opens no tag ("5 < 6") stays.
 */
export function metaText(s: string | null | undefined): string | null {
  if (!s) return null;
  // No title or name runs this long; the cap keeps the cleaning linear on a hostile page's attribute.
  let t = s.length > MAX_META_CHARS ? s.slice(0, MAX_META_CHARS) : s;
  for (let i = 0; i < 3; i++) {
    const next = stripOnce(decodeEntities(stripOnce(t)));
    if (next === t) break;
    t = next;
  }
  // Escape sequences whole (CONTROL alone would leave `[2J` of `\x1b[2J`), then the lone controls.
  t = stripEscapeSequences(t).replace(CONTROL, ' ').replace(/\s+/g, ' ').trim();
  return t || null;
}
