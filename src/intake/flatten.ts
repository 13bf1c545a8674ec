/**
 * Pages nested too deep for the DOM. jsdom spends time proportional to an element's depth on every
 * node it inserts (it walks the ancestors to clear cached queries), and parse5 walks the stack of
 * open elements for many start tags, so parsing grows with the square of the depth: 4 000 nested
 * divs took 4 s and overflowed the stack, 3 700 unclosed <nav>s (a fuzzed page of 214 KB) took
 * 45 s. No news page nests more than a few dozen elements. A page whose markup nests deeper than
 * MAX_MARKUP_DEPTH is flattened before it is parsed: every tag that can nest inside its own kind
 * is dropped, and the paragraph-level tags that cannot (p, li, h1–h6, br) are kept, so the text
 * still reads in paragraphs. Both passes are one linear scan, with no regular expression.
 */

/** Deeper markup than this is flattened. Readability already gives up past 150 (html.ts). */
export const MAX_MARKUP_DEPTH = 400;

/** Elements with no end tag. */
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr', 'keygen', 'frame', 'image']);
/** Formatting elements: the HTML parser's adoption agency handles their end tags. */
const FORMATTING = new Set(['a', 'b', 'big', 'code', 'em', 'font', 'i', 'nobr', 's', 'small', 'strike', 'strong', 'tt', 'u']);
/** Elements an unclosed twin closes (a second <p> ends the first), so they do not deepen the tree. */
const SELF_CLOSING_KIN = new Set(['p', 'li', 'dt', 'dd', 'option', 'optgroup', 'rb', 'rt', 'rp', 'colgroup', 'caption']);
/**
 * A table's parts, by level: a section (the parser implies a <tbody>), a row, a cell. A part closes the
 * open part of its level or below in the innermost table, and brings the levels above it that are not
 * open, so each table inside a cell is four deep (table, tbody, tr, td): 395 `<table><tr><td>` in a
 * fuzzed 77 KB page were counted 395 deep, not flattened, and jsdom built them 1 580 deep (1.7–2.4 s).
 * Outside a table the parser ignores them.
 */
const TABLE_PART_LEVEL: ReadonlyMap<string, number> = new Map([['tbody', 1], ['thead', 1], ['tfoot', 1], ['tr', 2], ['td', 3], ['th', 3]]);
/**
 * What a table holds outside its cells without the parser moving it: its parts, and the few elements
 * the table mode inserts where they stand. Any other element there is "foster-parented": inserted
 * before the table, into the table's parent. jsdom finds the table's place among its siblings for each
 * such insertion, so a page of many sibling tables each holding one is quadratic: a fuzzed 112 KB page
 * of 3 100 `<table><tr>… </p>` (each stray </p> makes an empty <p>) took 13 s, and 196 KB 30 s. Such a
 * page is flattened past MAX_FOSTERED.
 */
const FOSTER_FREE = new Set(['table', 'tbody', 'thead', 'tfoot', 'tr', 'td', 'th', 'caption', 'colgroup', 'col', 'script', 'style', 'template', 'input', 'form']);
/** More elements moved out of tables than this and the page is flattened. */
export const MAX_FOSTERED = 200;
/**
 * Past this sum of characters times their depth (deepText) the page is flattened. The 78 real pages
 * we have (article-extraction, samples, fixtures) reach at most 2.0 million (646 000 characters,
 * shallow); the fuzzed page that set it, 19 million.
 */
export const MAX_DEEP_TEXT = 6_000_000;
/** The part a level brings when it is not open: `<td>` straight after `<table>` is in an implied <tbody> and <tr>. */
const IMPLIED_PART = ['', 'tbody', 'tr'];
/**
 * Elements whose content is raw text up to their end tag, as jsdom's parser reads them: their content
 * is never markup. Not <noscript>: with scripting disabled (Dossier never runs a page's scripts) its
 * content is parsed as markup, so 1 866 unclosed <noscript>s nest 1 866 deep. Read as raw text, the
 * first one hid the rest from the depth count: a fuzzed 338 KB page took 4.4–4.8 s in jsdom (each
 * text append walked the whole ancestor chain), and is flattened now.
 */
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes', 'plaintext']);
/** What the linear reading (markupText) skips to its end tag: the raw-text elements, and <noscript>, whose content the DOM reading removes too (html.ts). */
const SKIPPED_IN_TEXT = new Set([...RAW_TEXT, 'noscript']);
/** Dropped tags that stood for a block: each becomes a paragraph break (a <p>), so paragraphs do not run together. */
const FLAT_BLOCK = new Set([
  'div', 'section', 'article', 'main', 'header', 'footer', 'aside', 'nav', 'blockquote', 'table', 'tr', 'td', 'th', 'ul', 'ol', 'dl', 'dt',
  'dd', 'pre', 'figure', 'figcaption', 'form', 'fieldset', 'address', 'details', 'summary', 'center', 'caption',
]);
/**
 * The paragraph-level tags a flattened page keeps. Each is closed before the next opens: left to the
 * parser, they nest after all. A heading is a "special" element, so an <li> does not close an <li>
 * above one, and nothing closes a heading but its own end tag: a fuzzed 196 KB page of 1 072
 * unclosed `<li><h2>` pairs stayed 1 077 deep when flattened, and took 2.5–2.7 s in jsdom (each text
 * append walked the ancestors; issue 13, finding 36).
 */
const FLAT_PARAGRAPH = new Set(['p', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
/**
 * Tags a flattened page keeps: none deepens the tree (the paragraph-level ones are closed in turn).
 * The raw-text elements are kept too, so their content stays text: a fuzzed 170 KB page whose unclosed
 * `<textarea>` made the rest of it text lost the tag when flattened, and its rest became 718-deep
 * markup (2.0–2.5 s; fuzz finding 48).
 */
const FLAT_KEEP = new Set(['html', 'head', 'body', 'meta', 'link', 'p', 'br', 'hr', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', ...RAW_TEXT]);

const NON_SPACE = /\S/;

interface Tag {
  /** Lower-case name, '' for a comment, doctype or stray '<'. */
  name: string;
  end: boolean;
  /** Index just past the tag's '>', or past the comment. */
  next: number;
}

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function nameEnd(html: string, i: number): number {
  let j = i;
  while (j < html.length) {
    const c = html.charCodeAt(j);
    if (c === 62 || c === 47 || isSpace(c)) break;
    j++;
  }
  return j;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 12;
}

/**
 * The index just past the '>' that ends a tag opened before `from`. As in the HTML tokenizer, a
 * quote opens a value only right after '=' (`<nav class=a"b>` ends at its '>'), and a quoted value
 * may hold '>'.
 */
function tagClose(html: string, from: number): number {
  let j = from;
  while (j < html.length) {
    const c = html.charCodeAt(j++);
    if (c === 62) return j;
    if (c !== 61) continue;
    while (j < html.length && isSpace(html.charCodeAt(j))) j++;
    const q = html.charCodeAt(j);
    if (q === 34 || q === 39) {
      const e = html.indexOf(q === 34 ? '"' : "'", j + 1);
      if (e < 0) return html.length;
      j = e + 1;
    }
  }
  return html.length;
}

/**
 * Where "</" not followed by a letter stops being read, as the tokenizer reads it: "</>" is nothing,
 * and anything else is a comment up to the next '>' (a bogus comment), which swallows any tag inside
 * it. Read as a stray '<', "</ access restricted</div>" closed the <div> the parser leaves open: a
 * fuzzed page of 1 517 `<div><article><h1>…</ …</div>` was counted 5 deep and built 3 368 deep by
 * jsdom, 10.8 s (issue 13, finding 39).
 */
function bogusEndTagClose(html: string, start: number): number {
  if (html.charCodeAt(start) === 62) return start + 1;
  const e = html.indexOf('>', start);
  return e < 0 ? html.length : e + 1;
}

/** Read the tag at `i` (html[i] is '<'). */
function readTag(html: string, i: number): Tag {
  if (html.startsWith('<!--', i)) {
    const e = html.indexOf('-->', i + 4);
    return { name: '', end: false, next: e < 0 ? html.length : e + 3 };
  }
  const end = html.charCodeAt(i + 1) === 47;
  const start = end ? i + 2 : i + 1;
  if (!isLetter(html.charCodeAt(start))) {
    // "<!doctype", "<?xml", "</" before a non-letter (bogusEndTagClose), or a '<' that opens nothing.
    const c = html.charCodeAt(i + 1);
    if (c === 33 || c === 63) return { name: '', end: false, next: tagClose(html, i + 1) };
    if (end && start < html.length) return { name: '', end: false, next: bogusEndTagClose(html, start) };
    return { name: '', end: false, next: i + 1 };
  }
  const ne = nameEnd(html, start);
  return { name: html.slice(start, ne).toLowerCase(), end, next: tagClose(html, ne) };
}

/** Where a raw-text element's content ends: at its end tag, or the end of the input. */
function rawTextEnd(html: string, from: number, name: string): number {
  const lower = `</${name}`;
  for (let i = html.indexOf('</', from); i >= 0; i = html.indexOf('</', i + 2)) {
    if (html.slice(i, i + lower.length).toLowerCase() === lower) return i;
  }
  return html.length;
}

/**
 * Visit each tag in order (raw-text content skipped), stopping when `visit` returns false. An
 * estimate of the parser's view: good enough to tell a page nested thousands deep from a real one.
 */
function scanTags(html: string, visit: (t: Tag, at: number) => boolean, rawText: ReadonlySet<string> = RAW_TEXT): void {
  for (let i = html.indexOf('<'); i >= 0 && i < html.length; ) {
    const t = readTag(html, i);
    if (!visit(t, i)) return;
    let next = t.next;
    if (t.name && !t.end && rawText.has(t.name)) next = rawTextEnd(html, next, t.name);
    i = html.indexOf('<', next);
  }
}

/** What a walk of the markup reports; each returns false to stop the walk. */
interface NestingVisitor {
  /** An element opened: the depth after it. */
  opened?(depth: number): boolean;
  /** An element the parser moves out of a table (see FOSTER_FREE). */
  fostered?(): boolean;
  /** A run of characters between tags (and after the last), at the depth it stands. */
  text?(chars: number, depth: number): boolean;
}

/**
 * Walks the markup's tags as the parser nests them, telling `v` what it meets. An end tag closes the
 * innermost open element of its name and everything opened inside it, and an end tag with no open
 * element of its name is ignored (3 700 `<nav>…</a></div>` stay 3 700 deep).
 */
function walkNesting(html: string, v: NestingVisitor): void {
  const open: string[] = [];
  let textFrom = 0;
  let stopped = false;
  scanTags(html, (t, at) => {
    if (v.text && at > textFrom && !v.text(at - textFrom, open.length)) return !(stopped = true);
    textFrom = t.next;
    if (!t.name) return true;
    if (v.fostered && inTableContext(open) && (t.end ? t.name === 'p' : !FOSTER_FREE.has(t.name)) && !v.fostered()) return !(stopped = true);
    if (VOID.has(t.name) || SELF_CLOSING_KIN.has(t.name)) return true;
    if (!t.end) return !openElement(open, t.name) || !v.opened || v.opened(open.length) || !(stopped = true);
    const i = open.lastIndexOf(t.name);
    // A formatting element's end tag (</a>, </b>…) runs the parser's adoption agency, which leaves the
    // blocks opened inside it open: only the element itself leaves the stack. Closing everything above
    // it read 1 127 unclosed <ul>s inside unclosed <a>s as 221 deep (a fuzzed 93 KB page, 4.5 s in jsdom).
    if (i >= 0 && FORMATTING.has(t.name)) open.splice(i, 1);
    else if (i >= 0) open.length = i;
    return true;
  });
  if (!stopped && v.text && html.length > textFrom) v.text(html.length - textFrom, open.length);
}

/** The deepest nesting of the markup, as the parser nests it (walkNesting). Stops counting past `limit`, so the stack it searches stays short. */
export function markupDepth(html: string, limit = Infinity): number {
  let max = 0;
  walkNesting(html, {
    opened: (d) => {
      max = Math.max(max, d);
      return max <= limit;
    },
  });
  return max;
}

/** Elements the parser moves out of a table (walkNesting), counted up to `limit` (then it stops). */
export function fosteredElements(html: string, limit = Infinity): number {
  let n = 0;
  walkNesting(html, { fostered: () => ++n <= limit });
  return n;
}

/**
 * The page's characters, each weighted by the depth it stands at, summed up to `limit` (then it
 * stops). jsdom walks a text node's ancestors at each append to it, and Readability reads the text
 * of every element on the way down, so the cost of a page grows with its text times its depth: a
 * fuzzed 196 KB page of 108 unclosed `<div>`s and then 170 KB of text with no tag took 2.5–3 s,
 * though 112 deep is well under MAX_MARKUP_DEPTH. Such a page is flattened past MAX_DEEP_TEXT.
 */
export function deepText(html: string, limit = Infinity): number {
  let sum = 0;
  walkNesting(html, {
    text: (chars, depth) => {
      sum += chars * depth;
      return sum <= limit;
    },
  });
  return sum;
}

/** Whether the parser is in a table and outside its cells: the innermost open element is a table, a section or a row. */
function inTableContext(open: readonly string[]): boolean {
  const top = open[open.length - 1];
  return top === 'table' || (top !== undefined && (TABLE_PART_LEVEL.get(top) ?? 3) < 3);
}

/** Opens an element on the stack as the parser would; false when the parser ignores the tag. */
function openElement(open: string[], name: string): boolean {
  const level = TABLE_PART_LEVEL.get(name);
  const table = open.lastIndexOf('table');
  if (level === undefined) {
    // "<table><table>": a table outside a cell of the one open closes it first.
    if (name === 'table' && table >= 0 && !open.slice(table + 1).some((n) => TABLE_PART_LEVEL.get(n) === 3)) open.length = table;
    open.push(name);
    return true;
  }
  if (table < 0) return false;
  // Keep the parts above this level that are open, imply those that are not, and close the rest.
  let keep = table + 1;
  for (let l = 1; l < level; l++) {
    if (TABLE_PART_LEVEL.get(open[keep] ?? '') !== l) open.splice(keep, open.length - keep, IMPLIED_PART[l]!);
    keep++;
  }
  open.length = keep;
  open.push(name);
  return true;
}

/** Start tags in the markup, as the parser reads them, counted up to `limit` (then it stops). */
export function startTags(html: string, limit = Infinity): number {
  let n = 0;
  scanTags(html, (t) => {
    if (t.name && !t.end) n++;
    return n <= limit;
  });
  return n;
}

/** Whether the tag at `at` is a comment, a declaration or a processing instruction ("<!--", "<!x", "<?"). */
function isDeclaration(html: string, at: number, t: Tag): boolean {
  const c = html.charCodeAt(at + 1);
  return t.name === '' && (c === 33 || c === 63);
}

/** Comments, declarations and processing instructions in the markup, counted up to `limit` (then it stops). */
export function markupDeclarations(html: string, limit = Infinity): number {
  let n = 0;
  scanTags(html, (t, at) => {
    if (isDeclaration(html, at, t)) n++;
    return n <= limit;
  });
  return n;
}

/**
 * The page without its comments, declarations and processing instructions, the first doctype kept:
 * none holds text. Those before the root element or after it are children of the document itself,
 * and jsdom checks all of a document's children at each insertion (quadratic): a mutated feed of
 * 19 487 bogus `<!ENTITY …>` declarations (291 KB) took 13–14 s to parse. One scan.
 */
export function withoutDeclarations(html: string): string {
  const out: string[] = [];
  let copied = 0;
  let doctype = false;
  scanTags(html, (t, at) => {
    if (!isDeclaration(html, at, t)) return true;
    if (!doctype && html.slice(at, at + 9).toLowerCase() === '<!doctype') {
      doctype = true;
      return true;
    }
    out.push(html.slice(copied, at));
    copied = t.next;
    return true;
  });
  out.push(html.slice(copied));
  return out.join('');
}

/** The page with every tag outside FLAT_KEEP removed (their text stays), so nothing nests. */
export function flattenMarkup(html: string): string {
  const out: string[] = [];
  let copied = 0;
  // Whether text came since the last break: 20 000 nested divs make one paragraph break, not 20 000 empty paragraphs.
  let textSince = false;
  // The paragraph-level element open in the output, closed before the next one opens (see FLAT_PARAGRAPH).
  let open: string | null = null;
  const closeOpen = (): void => {
    if (open) out.push(`</${open}>`);
    open = null;
  };
  scanTags(html, (t, at) => {
    if (t.name && FLAT_KEEP.has(t.name)) {
      if (!FLAT_PARAGRAPH.has(t.name)) return true;
      const before = html.slice(copied, at);
      out.push(before);
      if (!textSince && NON_SPACE.test(before)) textSince = true;
      copied = at;
      if (t.end) {
        if (t.name === open) open = null;
      } else {
        closeOpen();
        open = t.name;
      }
      return true;
    }
    const kept = html.slice(copied, at);
    out.push(kept);
    if (!textSince && NON_SPACE.test(kept)) textSince = true;
    // A dropped block still ends a paragraph; a dropped inline tag keeps words apart.
    if (t.name && FLAT_BLOCK.has(t.name)) {
      if (textSince) {
        closeOpen();
        out.push('<p>');
        open = 'p';
      }
      textSince = false;
    } else if (t.name && kept) out.push(' ');
    copied = t.next;
    return true;
  });
  out.push(html.slice(copied));
  return out.join('');
}

/** Raw-text elements whose content a page over the size cap loses first: code, never prose. */
const CODE_RAW_TEXT = new Set(['script', 'style']);
/** A script that holds metadata (JSON-LD), kept when scripts are dropped: the head's date and author are read from it. */
const LD_JSON_TYPE = /type\s*=\s*["']?application\/ld\+json/i;

/**
 * The page without the contents of its scripts and styles (the tags stay, empty; JSON-LD is kept):
 * what a large page is measured by before it is judged too large for the DOM (html.ts). One scan.
 */
export function withoutCode(html: string): string {
  const out: string[] = [];
  let copied = 0;
  scanTags(html, (t, at) => {
    if (!t.name || t.end || !CODE_RAW_TEXT.has(t.name) || LD_JSON_TYPE.test(html.slice(at, t.next))) return true;
    out.push(html.slice(copied, t.next));
    copied = rawTextEnd(html, t.next, t.name);
    return true;
  });
  out.push(html.slice(copied));
  return out.join('');
}

/** Tags that end a paragraph in the linear reading (markupText): the blocks, and the paragraph-level tags flattening keeps. */
const TEXT_BREAK = new Set([...FLAT_BLOCK, 'p', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'br', 'hr', 'body', 'head', 'html', 'title']);
/** Raw-text elements whose content is not prose (a <title> is read as the title). */
const NOT_PROSE = new Set([...SKIPPED_IN_TEXT].filter((n) => n !== 'title' && n !== 'plaintext'));

/**
 * A page's text without a DOM: one scan of its tags, each paragraph the text between two breaking
 * tags (character references still to decode), scripts, styles and the other raw-text elements
 * skipped, the <title> apart. What a page too large for jsdom and Readability is read by (html.ts):
 * linear, with no regular expression, at the cost of Readability's choice of the article.
 */
export function markupText(html: string): { title: string | null; paragraphs: string[] } {
  const paragraphs: string[] = [];
  let title: string | null = null;
  let buf: string[] = [];
  let copied = 0;
  const flush = (): void => {
    const p = buf.join('');
    if (NON_SPACE.test(p)) paragraphs.push(p);
    buf = [];
  };
  scanTags(html, (t, at) => {
    buf.push(html.slice(copied, at));
    copied = t.next;
    if (!t.name) return true;
    if (TEXT_BREAK.has(t.name)) flush();
    else buf.push(' ');
    if (!t.end && SKIPPED_IN_TEXT.has(t.name)) {
      const end = rawTextEnd(html, t.next, t.name);
      if (t.name === 'title') title ??= html.slice(t.next, end);
      // <plaintext> has no end: the rest of the page is its text.
      if (NOT_PROSE.has(t.name) || t.name === 'title') copied = end;
    }
    return true;
  }, SKIPPED_IN_TEXT);
  buf.push(html.slice(copied));
  flush();
  return { title, paragraphs };
}
