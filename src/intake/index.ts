import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { Doc, DocMeta } from '../model/index.js';
import { DossierError } from '../model/index.js';
import { assemble, detectLanguage, type Part } from './assemble.js';
import { decodeBytes } from './decode.js';
import { metaText } from './meta-text.js';
import { extractHtml } from './html.js';
import { layoutBlocks, markdownToBlocks, parseByline, textToBlocks } from './text.js';

/**
 * Intake: files and folders in, `Doc`s out. Everything a later stage points
 * at is an offset into `Doc.text`, so this stage decides the stored text
 * once and computes every region over that final string.
 */

export interface IntakeLimits {
  /** Larger inputs are refused before they are read. */
  maxBytes: number;
  /** An HTML page must yield at least this much article text. */
  minChars: number;
}

export const INTAKE_LIMITS: IntakeLimits = Object.freeze({ maxBytes: 10 * 1024 * 1024, minChars: 100 });

export interface IntakeOptions {
  /** Override limits (tests use small ones to stay fast). */
  limits?: Partial<IntakeLimits>;
  /** The charset a transport declared (HTTP's Content-Type); it goes before the page's own declaration. */
  charset?: string | null;
}

export type InputFormat = 'html' | 'text' | 'markdown';

export const INPUT_EXTENSIONS: readonly string[] = Object.freeze(['.html', '.htm', '.txt', '.md']);

/** Extensions read as each format; a few common aliases beyond INPUT_EXTENSIONS are accepted when named directly. */
const FORMAT_BY_EXTENSION: Record<string, InputFormat> = {
  '.html': 'html',
  '.htm': 'html',
  '.xhtml': 'html',
  '.txt': 'text',
  '.text': 'text',
  '.md': 'markdown',
  '.markdown': 'markdown',
};

function limitsOf(options?: IntakeOptions): IntakeLimits {
  return { ...INTAKE_LIMITS, ...(options?.limits ?? {}) };
}

/**
 * Recursively expand files/folders into input files (sorted, deterministic).
 * Files named directly are kept whatever their extension (intake reports
 * what it cannot read); inside folders only INPUT_EXTENSIONS are taken and
 * hidden entries are skipped. Missing paths are returned as errors, not thrown.
 */
export function listInputs(paths: string[]): { files: string[]; errors: { path: string; error: DossierError }[] } {
  const files = new Set<string>();
  const errors: { path: string; error: DossierError }[] = [];
  const seenDirs = new Set<string>();
  const walk = (dir: string): void => {
    let real: string;
    try {
      real = realpathSync(dir);
    } catch {
      return;
    }
    // Symlinked folders can loop back on themselves.
    if (seenDirs.has(real)) return;
    seenDirs.add(real);
    let entries: string[];
    try {
      entries = readdirSync(dir);
    } catch (e) {
      errors.push({ path: dir, error: new DossierError('E_INPUT_MISSING', `the folder cannot be read (${(e as Error).message})`, dir) });
      return;
    }
    for (const name of entries.sort()) {
      if (name.startsWith('.')) continue;
      const full = join(dir, name);
      let st;
      try {
        st = statSync(full);
      } catch {
        continue;
      }
      if (st.isDirectory()) walk(full);
      else if (st.isFile() && INPUT_EXTENSIONS.includes(extname(name).toLowerCase())) files.add(full);
    }
  };
  for (const p of paths) {
    let st;
    try {
      st = statSync(p);
    } catch {
      errors.push({ path: p, error: new DossierError('E_INPUT_MISSING', 'no such file or folder', p) });
      continue;
    }
    if (st.isDirectory()) walk(p);
    else files.add(p);
  }
  return { files: [...files].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)), errors };
}

/** Read and parse one file. Throws DossierError naming the path. */
export function intakeFile(path: string, options?: IntakeOptions): Doc {
  const limits = limitsOf(options);
  let size: number;
  try {
    const st = statSync(path);
    if (st.isDirectory()) throw new DossierError('E_INPUT_UNSUPPORTED', 'the path is a folder; use listInputs to expand it', path);
    size = st.size;
  } catch (e) {
    if (e instanceof DossierError) throw e;
    throw new DossierError('E_INPUT_MISSING', 'no such file', path);
  }
  const format = formatFromExtension(path);
  if (format === 'unsupported') {
    throw new DossierError('E_INPUT_UNSUPPORTED', `unsupported file type "${extname(path)}" (accepted: ${INPUT_EXTENSIONS.join(' ')})`, path);
  }
  if (size > limits.maxBytes) {
    throw new DossierError('E_INPUT_TOO_LARGE', `the file has ${size} bytes; the limit is ${limits.maxBytes}`, path);
  }
  if (size === 0) throw new DossierError('E_INPUT_EMPTY', 'the file is empty', path);
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    throw new DossierError('E_INPUT_MISSING', `the file cannot be read (${(e as Error).message})`, path);
  }
  return intakeBuffer(bytes, path, format ?? undefined, options);
}

/** A query or fragment mark. */
const QUERY_MARK = /[?#]/g;
/** What `.` in a pattern does not match. */
const LINE_BREAK = /[\n\r\u2028\u2029]/;

/**
 * The source less its query or fragment, as `source.replace(/[?#].*$/, '')` cut it: from the first mark
 * after the last line break (`.` crosses none). That pattern read to the end from every mark (quadratic).
 */
function withoutQuery(source: string): string {
  let lastBreak = -1;
  for (let i = 0; i < source.length; i++) if (LINE_BREAK.test(source[i]!)) lastBreak = i;
  QUERY_MARK.lastIndex = lastBreak + 1;
  const m = QUERY_MARK.exec(source);
  return m ? source.slice(0, m.index) : source;
}

/** 'unsupported' for a known-foreign extension, null when there is none to go by. */
function formatFromExtension(source: string): InputFormat | 'unsupported' | null {
  // URLs carry queries and fragments; only the path's extension counts.
  const path = withoutQuery(source);
  const ext = extname(path).toLowerCase();
  if (!ext) return null;
  const f = FORMAT_BY_EXTENSION[ext];
  if (f) return f;
  // Web pages are often served from .php/.aspx or extension-less addresses.
  if (/^https?:\/\//i.test(source)) return null;
  return 'unsupported';
}

/** A Markdown link up to its address's scheme; a "[" is tried only as the first since the last bracket (a later one reaches the same "]"). */
const MD_LINK_HEAD = /\[(?<!\[[^[\]]*\[)[^\]]+\]\(https?:(?!\))/g;

/**
 * Whether `/\[[^\]]+\]\(https?:[^)]+\)/` finds a link: a link head with a ")" somewhere after it (the
 * address then ends at the first one). That pattern read to the end from every "[" and every "](http:"
 * (quadratic); this finds the last ")" once.
 */
function hasMarkdownLink(head: string): boolean {
  const lastClose = head.lastIndexOf(')');
  for (const m of head.matchAll(MD_LINK_HEAD)) if (m.index + m[0].length < lastClose) return true;
  return false;
}

/** Guess the format of text whose source gives no usable extension. */
export function sniffFormat(text: string): InputFormat {
  const head = text.slice(0, 4096).trimStart().toLowerCase();
  if (/^(?:<!doctype html|<html|<\?xml[^>]*>\s*<(?:!doctype )?html)/.test(head)) return 'html';
  if (/<(?:head|body|article|div|p)[\s>]/.test(head) && /<\/(?:p|div|body|article)>/.test(head)) return 'html';
  if (/^#{1,6} \S/m.test(head) || hasMarkdownLink(head)) return 'markdown';
  return 'text';
}

/**
 * Same as intakeFile, from bytes already in memory; format is guessed from
 * the extension of `source` or from content when absent.
 */
export function intakeBuffer(bytes: Uint8Array, source: string, format?: InputFormat, options?: IntakeOptions): Doc {
  const limits = limitsOf(options);
  if (bytes.length > limits.maxBytes) {
    throw new DossierError('E_INPUT_TOO_LARGE', `the input has ${bytes.length} bytes; the limit is ${limits.maxBytes}`, source);
  }
  let fmt: InputFormat | null = format ?? null;
  if (!fmt) {
    const byExt = formatFromExtension(source);
    if (byExt === 'unsupported') {
      throw new DossierError('E_INPUT_UNSUPPORTED', `unsupported file type "${extname(source)}" (accepted: ${INPUT_EXTENSIONS.join(' ')})`, source);
    }
    fmt = byExt;
  }
  const looksHtml = fmt === 'html' || (fmt === null && /<(?:html|meta|body|head)[\s>]/i.test(latin1Head(bytes)));
  const text = decodeBytes(bytes, source, looksHtml, options?.charset ?? null);
  // The binary sniff reads only the first 64 KB; a NUL further on is binary all the same, and stored text must hold none.
  if (text.includes('\u0000')) throw new DossierError('E_INPUT_BINARY', 'the input contains NUL bytes', source);
  fmt ??= sniffFormat(text);
  const id = createHash('sha256').update(bytes).digest('hex');
  try {
    return fmt === 'html' ? htmlDoc(id, text, source, limits) : textDoc(id, text, source, fmt);
  } catch (e) {
    if (e instanceof DossierError) throw e;
    // Parsers must not leak their own exceptions: callers handle DossierError only.
    const code = fmt === 'html' ? 'E_HTML_NO_CONTENT' : 'E_INPUT_ENCODING';
    throw new DossierError(code, `the input could not be parsed (${(e as Error).message})`, source);
  }
}

/**
 * Root elements of the feeds `dossier watch` reads (RSS 1 and 2, Atom, news sitemaps): a document
 * that opens with one is a list of links, not a report. Read as a page, Readability took 3–5.5 s
 * over a fuzzed sitemap's thousands of unknown elements and kept its headlines as "article" text.
 */
const FEED_ROOTS = new Set(['rss', 'feed', 'rdf:rdf', 'urlset', 'sitemapindex']);
/** How far into the input the root element is looked for (past an XML declaration, comments and a DTD). */
const FEED_SNIFF_CHARS = 4096;

/**
 * The feed root element the markup opens with, or null. Skips blanks, the XML declaration and other
 * processing instructions, comments and a doctype (its internal subset too) in one scan of the
 * first FEED_SNIFF_CHARS characters, with no regular expression.
 */
export function feedRoot(markup: string): string | null {
  const head = markup.slice(0, FEED_SNIFF_CHARS);
  let i = 0;
  for (;;) {
    while (i < head.length && head.charCodeAt(i) <= 32) i++;
    if (head.charCodeAt(i) !== 60) return null;
    if (head.startsWith('<?', i)) i = head.indexOf('?>', i + 2);
    else if (head.startsWith('<!--', i)) i = head.indexOf('-->', i + 4);
    else if (head.startsWith('<!', i)) {
      // A doctype, with an internal subset in brackets (entity declarations) before its '>'.
      const open = head.indexOf('[', i);
      const close = head.indexOf('>', i);
      i = open >= 0 && open < close ? head.indexOf(']', open) : close;
    } else {
      let j = i + 1;
      while (j < head.length && !' \t\n\r\f/>'.includes(head.charAt(j))) j++;
      const name = head.slice(i + 1, j).toLowerCase();
      return FEED_ROOTS.has(name) ? name : null;
    }
    if (i < 0) return null;
    i = head.indexOf('>', i) + 1;
    if (i === 0) return null;
  }
}

function latin1Head(bytes: Uint8Array): string {
  return new TextDecoder('latin1').decode(bytes.subarray(0, Math.min(bytes.length, 4096)));
}

function baseMeta(source: string, format: InputFormat): DocMeta {
  return {
    title: null,
    subtitle: null,
    author: null,
    publisher: null,
    published: null,
    language: null,
    format,
    source,
    url: /^https?:\/\//i.test(source) ? source : null,
  };
}

function cleanMeta(meta: DocMeta): void {
  meta.title = metaText(meta.title);
  meta.subtitle = metaText(meta.subtitle);
  meta.author = metaText(meta.author);
  meta.publisher = metaText(meta.publisher);
}

function bodyText(text: string, parts: { kind: string; start: number; end: number }[]): string {
  return parts
    .filter((r) => r.kind === 'body' || r.kind === 'heading' || r.kind === 'blockquote')
    .map((r) => text.slice(r.start, r.end))
    .join('\n\n');
}

function textDoc(id: string, text: string, source: string, format: 'text' | 'markdown'): Doc {
  const { blocks, front } = format === 'markdown' ? markdownToBlocks(text) : { blocks: textToBlocks(text), front: {} };
  const layout = layoutBlocks(blocks, front);
  const { text: stored, regions } = assemble(layout.parts);
  if (!stored) throw new DossierError('E_INPUT_EMPTY', 'nothing but boilerplate was found', source);
  const meta = baseMeta(source, format);
  Object.assign(meta, layout.meta);
  meta.language = detectLanguage(bodyText(stored, regions));
  cleanMeta(meta);
  return { id, text: stored, meta, regions };
}

function htmlDoc(id: string, html: string, source: string, limits: IntakeLimits): Doc {
  const feed = feedRoot(html);
  if (feed) {
    throw new DossierError('E_INPUT_UNSUPPORTED', `the input is a feed (<${feed}>), not a page: feeds are read by \`dossier watch\``, source);
  }
  const { meta: hm, body, notices } = extractHtml(html, source, limits.minChars);
  // Metadata is text: markup in a title or an author (a page author's to choose) is dropped here, once.
  hm.title = metaText(hm.title);
  hm.byline = metaText(hm.byline);
  hm.siteName = metaText(hm.siteName);
  const parts: Part[] = [];
  if (hm.title) parts.push({ kind: 'title', text: hm.title });
  const byline = hm.byline && hm.byline.length <= 200 ? hm.byline : null;
  if (byline) parts.push({ kind: 'byline', text: byline });
  parts.push(...body);
  const { text, regions } = assemble(parts);
  const meta = baseMeta(source, 'html');
  meta.title = hm.title;
  meta.publisher = hm.siteName;
  meta.published = hm.published;
  meta.url = hm.url ?? meta.url;
  if (byline) {
    const by = parseByline(byline);
    meta.author = by?.author ?? byline.replace(/^by\s+/i, '');
    meta.publisher ??= by?.publisher ?? null;
  }
  // The text decides before the lang attribute: templates often keep lang="en" on translated pages.
  meta.language = detectLanguage(bodyText(text, regions)) ?? hm.lang;
  cleanMeta(meta);
  return { id, text, meta, regions, ...(notices.length ? { notices } : {}) };
}

export { extractHtmlBody } from './html.js';
export { detectLanguage, languageNotice, READ_LANGUAGES } from './language.js';
export { metaText } from './meta-text.js';
export { decodeBytes } from './decode.js';
export { tokenF1, scoreArticleBodies } from './article-body-score.js';
export { normaliseMetaDate } from './dates.js';
