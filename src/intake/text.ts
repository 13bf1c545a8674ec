import { isSpace, type RegionKind } from '../model/index.js';
import type { Part } from './assemble.js';
import { numericOrderHint, parseDateLine, splitLeadingDate, splitTrailingDate, type NumericOrder } from './dates.js';
import {
  BARE_URL_BLOCK,
  BOILERPLATE_BLOCK,
  BOILERPLATE_MAX_CHARS,
  BY_PREFIX,
  CAPTION_CREDIT,
  CAPTION_LABEL,
  contactFooterName,
  FOOTER_START,
  HEADLINE_VERBS,
  NAME_PARTICLES,
  NOT_NAME_WORDS,
  ORG_WORDS,
  PUBLISHER_WORDS,
  QUOTE_OPENING_ELLIPSIS,
  WHOLLY_QUOTED,
} from './patterns.js';

/**
 * Layout of plain-text and Markdown reports: the header lines a report
 * opens with (date line, title, subtitle, byline), the body with its
 * headings, quotations and captions, and the footer that is dropped.
 */

/** Layout hint a block carries from Markdown syntax; plain text has none. */
type Hint = 'h1' | 'heading' | 'blockquote' | 'list' | 'code';

export interface Block {
  text: string;
  hint?: Hint;
}

export interface TextMeta {
  title: string | null;
  subtitle: string | null;
  author: string | null;
  publisher: string | null;
  published: string | null;
}

/** How many blocks at the top may belong to the header (date line, title, subtitle, bylines). */
const HEADER_WINDOW = 8;
/** Footers are looked for only this many blocks from the end. */
const FOOTER_WINDOW = 15;
const MAX_TITLE_CHARS = 250;
const MAX_SUBTITLE_CHARS = 320;
const MAX_BYLINE_CHARS = 160;
const MAX_HEADING_CHARS = 120;
const MAX_HEADING_WORDS = 16;
const MAX_CAPTION_CHARS = 600;
/** A paragraph introduced by "...:" is taken as a quotation only when at least this long; shorter ones are usually list items. */
const MIN_INTRODUCED_QUOTE_CHARS = 150;

// ---------------------------------------------------------------------------
// Blocks

/** Plain text: blocks are runs of non-blank lines. */
export function textToBlocks(text: string): Block[] {
  return text
    .split(/\n[ \t]*\n/)
    .map((b) => b.split('\n').map((l) => l.trim()).filter(Boolean).join('\n'))
    .filter(Boolean)
    .map((t) => ({ text: t }));
}

export interface FrontMatter {
  title?: string;
  author?: string;
  date?: string;
}

/**
 * Inline Markdown: images, links, reference links, autolinks, inline HTML, code spans, strikethrough.
 * Each was quadratic or worse on a line of many openers with no closer (recheck; 20 000 "(![)" took
 * 3.9 s): now no scan crosses the next opener, so each character is read from one start at most (a
 * link's text holds no bracket and its address no ']', an autolink and inline HTML end at the next
 * '<', a code span opens at the first backtick of a run) and a strikethrough is at most 1 000 long.
 */
const MD_IMAGE = /!\[([^[\]]*)\]\((?:[^()\]]|\([^()\]]*\))*\)/g;
const MD_LINK = /\[([^[\]]+)\]\((?:[^()\]]|\([^()\]]*\))*\)/g;
const MD_REF_LINK = /\[([^[\]]+)\]\[[^[\]]*\]/g;
const MD_AUTOLINK = /<((?:https?|mailto):[^<>\s]+)>/g;
const MD_INLINE_HTML = /<\/?[a-zA-Z][^<>]*>/g;
const MD_CODE = /(?<!`)(`+)([^`]+?)\1/g;
const MD_STRIKE = /~~(?=\S)([\s\S]{0,1000}?\S)~~/g;

/** Inline Markdown to plain text: links keep their words, emphasis marks go. */
export function stripInlineMarkdown(s: string): string {
  return s
    .replace(MD_IMAGE, '$1')
    .replace(MD_LINK, '$1')
    .replace(MD_REF_LINK, '$1')
    .replace(MD_AUTOLINK, '$1')
    .replace(MD_INLINE_HTML, '')
    .replace(MD_CODE, '$2')
    .replace(/(\*\*|__)(?=\S)([\s\S]*?\S)\1/g, '$2')
    .replace(/(^|[^\w*\\])\*(?=\S)([^*]*?\S)\*(?![\w*])/g, '$1$2')
    .replace(/(^|[^\w\\])_(?=\S)([^_]*?\S)_(?!\w)/g, '$1$2')
    .replace(MD_STRIKE, '$1')
    .replace(/\\([\\`*_{}[\]()#+\-.!>$|~])/g, '$1');
}

/** What `.` in a pattern does not match: a value holding one is no value. */
const LINE_BREAK = /[\n\r\u2028\u2029]/;
/** A front-matter key, its colon and an opening quote: `title: "`. */
const FRONT_KEY = /^(title|author|date)\s*:\s*["']?/i;
/** An ATX heading's opening hashes and the blanks after them: `## `. */
const ATX_OPEN = /^\s{0,3}(#{1,6})\s+/;
const BLANK = /\s/;
/** A list item; the text starts after all the blanks (`(?!\s)`: giving some back can never help, and trying it was quadratic). */
const MD_LIST_ITEM = /^\s{0,3}(?:[-*+]|\d{1,3}[.)])\s+(?!\s)(.*)$/;
/** A byline's separator at one place (sticky): blanks, a bar, bullet, dash or "for", blanks; a blank run is entered at its first blank. */
const BYLINE_SEPARATOR = /(?<!\s)\s*(?:\||•|·|—|–|\s-\s|\bfor\b)\s*/y;
/** A comma and the blanks after it, at one place (sticky). */
const BYLINE_COMMA = /,\s*/y;
/** Names in an author list; blanks before a separator are taken from the first of their run (was quadratic). */
const AUTHOR_SEPARATOR = /(?:(?<!\s)\s+)?(?:,|\band\b|&)\s*/;

/**
 * A front-matter field as `/^(title|author|date)\s*:\s*["']?(.*?)["']?\s*$/i` read it: the value is
 * the rest of the line less its trailing blanks and one closing quote. That pattern was cubic on blank
 * runs (recheck: the lazy value and three blank runs split one run many ways); this reads each once.
 */
export function frontField(line: string): [key: string, value: string] | null {
  const key = FRONT_KEY.exec(line);
  if (!key) return null;
  const rest = line.slice(key[0].length);
  let end = rest.trimEnd().length;
  if (end > 0 && (rest[end - 1] === '"' || rest[end - 1] === "'")) end--;
  const value = rest.slice(0, end);
  return LINE_BREAK.test(value) ? null : [key[1]!, value];
}

/**
 * An ATX heading as `/^\s{0,3}(#{1,6})\s+(.*?)(?:\s+#+)?\s*$/` read it: the text is the rest of the line
 * less its trailing blanks and then a closing run of hashes that a blank sets apart. That pattern was
 * cubic on blank runs (recheck); this reads each once.
 */
export function atxHeading(line: string): { hashes: string; text: string } | null {
  const open = ATX_OPEN.exec(line);
  if (!open) return null;
  const rest = line.slice(open[0].length);
  let end = rest.trimEnd().length;
  let hashes = end;
  while (hashes > 0 && rest[hashes - 1] === '#') hashes--;
  // `rest` starts with no blank (`\s+` took them), so a blank before the closing hashes follows some text.
  if (hashes < end && hashes > 0 && BLANK.test(rest[hashes - 1]!)) end = rest.slice(0, hashes).trimEnd().length;
  const text = rest.slice(0, end);
  return LINE_BREAK.test(text) ? null : { hashes: open[1]!, text };
}

/** YAML front matter ("---" … "---" within the first 60 lines): its title, author and date, and the lines after it. */
function readFrontMatter(all: string[]): { front: FrontMatter; lines: string[] } {
  const front: FrontMatter = {};
  if (all[0]?.trim() !== '---') return { front, lines: all };
  const end = all.findIndex((l, i) => i > 0 && i < 60 && /^(?:---|\.\.\.)\s*$/.test(l));
  if (end <= 0) return { front, lines: all };
  for (const l of all.slice(1, end)) {
    const field = frontField(l);
    if (field && field[1]) front[field[0].toLowerCase() as keyof FrontMatter] = field[1];
  }
  return { front, lines: all.slice(end + 1) };
}

/**
 * Markdown: blocks with hints from headings, quotes and lists, markup
 * stripped, and YAML front matter read for title/author/date.
 */
export function markdownToBlocks(text: string): { blocks: Block[]; front: FrontMatter } {
  const { front, lines } = readFrontMatter(text.split('\n'));
  const blocks: Block[] = [];
  let cur: string[] = [];
  let hint: Hint | undefined;
  let fence: string | null = null;
  const flush = (): void => {
    const t = cur.join('\n').trim();
    if (t) blocks.push(hint ? { text: t, hint } : { text: t });
    cur = [];
    hint = undefined;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const fenceMatch = /^\s*(```|~~~)/.exec(line);
    if (fence) {
      if (fenceMatch && fenceMatch[1] === fence) {
        flush();
        fence = null;
      } else cur.push(line);
      continue;
    }
    if (fenceMatch) {
      flush();
      fence = fenceMatch[1]!;
      hint = 'code';
      continue;
    }
    if (/^\s*$/.test(line)) {
      flush();
      continue;
    }
    const atx = atxHeading(line);
    if (atx) {
      flush();
      cur = [stripInlineMarkdown(atx.text)];
      hint = atx.hashes.length === 1 ? 'h1' : 'heading';
      flush();
      continue;
    }
    const next = lines[i + 1] ?? '';
    if (cur.length === 0 && /^\s{0,3}(?:=+|-+)\s*$/.test(next) && !/^\s*[-*+>]\s/.test(line)) {
      cur = [stripInlineMarkdown(line.trim())];
      hint = next.trim().startsWith('=') ? 'h1' : 'heading';
      flush();
      i++;
      continue;
    }
    if (/^\s{0,3}(?:(?:\*\s*){3,}|(?:-\s*){3,}|(?:_\s*){3,})$/.test(line)) {
      flush();
      continue;
    }
    if (/^\s{0,3}\[[^\]]+\]:\s*\S+/.test(line)) continue;
    const quote = /^\s{0,3}>\s?(.*)$/.exec(line);
    if (quote) {
      if (hint !== 'blockquote') flush();
      hint = 'blockquote';
      const inner = quote[1]!.replace(/^(?:>\s?)+/, '');
      if (inner.trim() === '') flush();
      else cur.push(stripInlineMarkdown(inner.trim()));
      continue;
    }
    const item = MD_LIST_ITEM.exec(line);
    if (item) {
      flush();
      hint = 'list';
      cur.push(stripInlineMarkdown(item[1]!.trim()));
      continue;
    }
    cur.push(stripInlineMarkdown(line.trim()));
  }
  flush();
  return { blocks, front };
}

// ---------------------------------------------------------------------------
// Repairs and boilerplate

/** A paragraph that ends mid-sentence (a small letter or a comma), and one that goes on with a small letter. */
const ENDS_MID_SENTENCE = /[\p{Ll},]$/u;
const STARTS_SMALL = /^\p{Ll}/u;

/**
 * Copy-pasted reports sometimes break a sentence with a blank line
 * ("... to force a\n\ndeal with ..."). Such halves are rejoined so the
 * first half is not mistaken for a heading and the sentence stays whole.
 *
 * A run of halves is joined once, at its end, and each test reads the last
 * half alone (a joined paragraph ends as its last half does): growing the
 * joined string half by half and testing its end flattened it every time,
 * quadratic in the run (25 000 paragraphs of "said," took 2.6 s).
 */
export function rejoinBrokenParagraphs(blocks: Block[]): Block[] {
  const out: Block[] = [];
  let run: string[] | null = null;
  const close = (): void => {
    if (run) out[out.length - 1] = { text: run.join(' ') };
    run = null;
  };
  let last = '';
  for (const b of blocks) {
    const prev = out[out.length - 1];
    if (prev && !prev.hint && !b.hint && ENDS_MID_SENTENCE.test(last) && STARTS_SMALL.test(b.text)) (run ??= [prev.text]).push(b.text);
    else {
      close();
      out.push(b);
    }
    last = b.text;
  }
  close();
  return out;
}

function isBoilerplate(text: string): boolean {
  return text.length <= BOILERPLATE_MAX_CHARS && BOILERPLATE_BLOCK.test(text.replace(/\s+/g, ' '));
}

/**
 * `text.replace(/\s+/g, ' ')` when that is at most `max` characters long, else null. The footer tests
 * read only short blocks; the length of a block's flattened form is counted first, stopping past
 * `max`, so a paragraph of a long report is not flattened only to be found too long (issue 11: the
 * flattening of every block near the end was most of this step's cost).
 */
function flattenedWithin(text: string, max: number): string | null {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    if (!isSpace(text.charCodeAt(i))) n++;
    else if (i === 0 || !isSpace(text.charCodeAt(i - 1))) n++;
    if (n > max) return null;
  }
  return text.replace(/\s+/g, ' ');
}

/** The longest block a footer starts with ("Related articles", "3 comments", a contact line). */
const FOOTER_MAX_CHARS = 200;

/**
 * Remove share bars and cookie lines anywhere, and cut the trailing footer
 * (comments, related links, contact lines). Returns the organisation a
 * contact footer names, as the likely publisher.
 */
export function dropBoilerplate(blocks: Block[]): { blocks: Block[]; publisher: string | null } {
  let kept = blocks.filter((b) => b.hint === 'code' || !isBoilerplate(b.text));
  let publisher: string | null = null;
  const from = Math.max(Math.ceil(kept.length / 2), kept.length - FOOTER_WINDOW, 1);
  for (let i = from; i < kept.length; i++) {
    const t = flattenedWithin(kept[i]!.text, FOOTER_MAX_CHARS);
    if (t !== null && FOOTER_START.test(t)) {
      const contact = contactFooterName(t);
      if (contact !== null) publisher = contact.trim();
      kept = kept.slice(0, i);
      break;
    }
  }
  while (kept.length > 0) {
    const text = kept[kept.length - 1]!.text;
    // A bare address holds no white space, so it is the same flattened or not, and has no length bound.
    const last = flattenedWithin(text, BOILERPLATE_MAX_CHARS);
    const drop = BARE_URL_BLOCK.test(text) || (last !== null && (BOILERPLATE_BLOCK.test(last) || (last.length <= FOOTER_MAX_CHARS && FOOTER_START.test(last))));
    if (drop) kept.pop();
    else break;
  }
  return { blocks: kept, publisher };
}

// ---------------------------------------------------------------------------
// Line classifiers

const HEADLINE_VERB_SET = new Set(HEADLINE_VERBS);

function words(s: string): string[] {
  return s.split(/\s+/).filter(Boolean);
}

/**
 * 2-4 capitalised words, allowing initials and name particles: "Lena Marsh",
 * "Ana de Souza", "J. R. Roe". Headline and label words disqualify.
 */
export function isPersonName(s: string): boolean {
  const ws = words(s.trim());
  if (ws.length < 2 || ws.length > 4 || s.length > 60) return false;
  let capitals = 0;
  for (const [i, w] of ws.entries()) {
    const bare = w.replace(/[’']s$/, '');
    if (NOT_NAME_WORDS.has(bare.toLowerCase()) || ORG_WORDS.has(bare.toLowerCase())) return false;
    if (/^\p{Lu}\.$/u.test(w)) {
      capitals++;
      continue;
    }
    if (NAME_PARTICLES.has(w.toLowerCase()) && i > 0 && i < ws.length - 1 && w === w.toLowerCase()) continue;
    // Names are letters with inner hyphens or apostrophes: "Al-Hadi", "O'Neil", "Jean-Luc".
    if (!/^\p{Lu}[\p{L}\p{M}]*(?:[-'’][\p{L}\p{M}]+)*$/u.test(w)) return false;
    capitals++;
  }
  return capitals >= 2;
}

/**
 * An organisation named in a byline: a short capitalised phrase with no
 * sentence punctuation or headline verb ("Young Guard of Example-Leninists",
 * "Human Rights Watch").
 */
export function isOrgName(s: string): boolean {
  const ws = words(s.trim());
  if (ws.length < 1 || ws.length > 8 || s.length > 90) return false;
  if (!/^[\p{Lu}\d]/u.test(s) || /[.!?:;,]$/.test(s)) return false;
  if (ws.some((w) => HEADLINE_VERB_SET.has(w.toLowerCase()))) return false;
  const content = ws.filter((w) => w.length > 3 || /^\p{Lu}/u.test(w));
  const caps = content.filter((w) => /^[\p{Lu}\d]/u.test(w)).length;
  return content.length > 0 && caps / content.length >= 0.6;
}

function isAuthorList(s: string): boolean {
  const names = s.split(AUTHOR_SEPARATOR).filter(Boolean);
  return names.length > 0 && names.every(isPersonName);
}

/**
 * A trimmed line split at the first place the sticky `sep` matches with text on both sides, as
 * `/^(.+?)SEP(.+)$/` split it (neither part holds a line break, which `.` does not match). Each place is
 * tried once and the line breaks are found once: those patterns read the rest of the line again from
 * every separator and split blank runs two ways (cubic, recheck). At one place a separator matches one
 * way only, so the first place whose parts qualify is the one they chose.
 */
export function splitAtFirst(s: string, sep: RegExp): [string, string] | null {
  let firstBreak = s.length;
  let lastBreak = -1;
  for (let i = 0; i < s.length; i++) {
    if (!LINE_BREAK.test(s[i]!)) continue;
    if (firstBreak === s.length) firstBreak = i;
    lastBreak = i;
  }
  for (let at = 1; at <= firstBreak; at++) {
    sep.lastIndex = at;
    const m = sep.exec(s);
    if (!m) continue;
    const rest = at + m[0].length;
    if (rest < s.length && rest > lastBreak) return [s.slice(0, at), s.slice(rest)];
  }
  return null;
}

/** A byline split at its separator ("Jane Roe | Example News") and at its first usable comma. */
export function splitByline(s: string): { sep: [string, string] | null; comma: [string, string] | null } {
  return { sep: splitAtFirst(s, BYLINE_SEPARATOR), comma: splitAtFirst(s, BYLINE_COMMA) };
}

export interface Byline {
  author: string | null;
  publisher: string | null;
  published: string | null;
}

/**
 * A byline line: "By Jane Roe", "Jane Roe", "Jane Roe | Example News",
 * "By Jane Roe, Associated Press", "Example Group 8 April 2024". Returns
 * null for anything else, including bare dates (those are datelines).
 */
export function parseByline(line: string): Byline | null {
  let s = line.trim();
  if (!s || s.includes('\n') || s.length > MAX_BYLINE_CHARS) return null;
  let published: string | null = null;
  const trailing = splitTrailingDate(s);
  const leading = trailing ? null : splitLeadingDate(s);
  const dated = trailing ?? leading;
  if (dated) {
    published = dated.iso;
    s = dated.rest;
  }
  const hasBy = BY_PREFIX.test(s);
  s = s.replace(BY_PREFIX, '').trim();
  if (!s) return null;

  let who = s;
  let publisher: string | null = null;
  const { sep, comma } = splitByline(s);
  if (sep && (isAuthorList(sep[0]) || hasBy) && isOrgName(sep[1])) {
    who = sep[0];
    publisher = sep[1];
  } else if (comma && PUBLISHER_WORDS.test(comma[1]) && isOrgName(comma[1]) && isAuthorList(comma[0])) {
    who = comma[0];
    publisher = comma[1];
  }
  if (isAuthorList(who)) return { author: who, publisher, published };
  // A bare organisation counts only with a "By" or a date beside it; alone
  // it is indistinguishable from a short headline or a section label.
  if ((hasBy || published) && isOrgName(who)) return { author: who, publisher, published };
  return null;
}

function isSingleLine(b: Block): boolean {
  return !b.text.includes('\n');
}

function wordCount(s: string): number {
  return words(s).length;
}

export function isCaption(text: string): boolean {
  return text.length <= MAX_CAPTION_CHARS && (CAPTION_CREDIT.test(text) || CAPTION_LABEL.test(text));
}

/** A first line that reads as a headline: one line, a few words, not a sentence ending in a period. */
export function isTitleLike(b: Block): boolean {
  if (b.hint === 'h1' || b.hint === 'heading') return true;
  if (b.hint || !isSingleLine(b)) return false;
  const t = b.text;
  if (t.length > MAX_TITLE_CHARS || wordCount(t) < 2) return false;
  if (/[.;,:]$/.test(t) && !/\.\.\.$|…$/.test(t)) return false;
  return /^[\p{Lu}\p{N}"“‘'(]/u.test(t) && !isCaption(t) && !BARE_URL_BLOCK.test(t);
}

function isHeadingLike(b: Block, next: Block | undefined): boolean {
  if (!isSingleLine(b) || b.hint) return false;
  const t = b.text;
  if (t.length > MAX_HEADING_CHARS || wordCount(t) > MAX_HEADING_WORDS) return false;
  if (/[.,;:]$/.test(t) || !/^[\p{Lu}\p{N}"“‘']/u.test(t)) return false;
  // A heading introduces a paragraph longer than itself.
  return !!next && !next.hint && next.text.length > Math.max(t.length * 1.5, 80);
}

// ---------------------------------------------------------------------------
// Layout

/** An outlet's masthead line: an all-capitals name, a bar, a short section name. */
const MASTHEAD = /^([A-Z][A-Z&'.\- ]{2,40}[A-Z])\s*[|•·]\s*[A-Z][\w &-]{1,30}$/;

function titleCase(s: string): string {
  return s.toLowerCase().replace(/\s+/g, ' ').replace(/\b\w/g, (c) => c.toUpperCase());
}

export interface TextLayout {
  parts: Part[];
  meta: TextMeta;
}

export function layoutBlocks(input: Block[], front: FrontMatter = {}): TextLayout {
  const cleaned = dropBoilerplate(rejoinBrokenParagraphs(input));
  const blocks = cleaned.blocks;
  const meta: TextMeta = {
    title: null,
    subtitle: null,
    author: null,
    publisher: cleaned.publisher,
    published: null,
  };
  const parts: Part[] = [];
  // The document's own convention for ambiguous numeric datelines ("03/08/2019"), judged from its text.
  let hint: NumericOrder | null | undefined;
  const order = (): NumericOrder | null => (hint === undefined ? (hint = numericOrderHint(blocks.map((x) => x.text).join('\n'))) : hint);
  let i = 0;
  let sawByline = false;
  for (; i < blocks.length && i < HEADER_WINDOW; i++) {
    const b = blocks[i]!;
    if (b.hint === 'code' || b.hint === 'list' || b.hint === 'blockquote') break;
    const date = isSingleLine(b) ? parseDateLine(b.text, order) : null;
    if (date) {
      meta.published ??= date;
      parts.push({ kind: 'dateline', text: b.text });
      continue;
    }
    if (isCaption(b.text)) break;
    // "THE EVENING COURIER  |  World": the outlet's masthead and section, above the headline.
    const mast = meta.title === null && isSingleLine(b) ? MASTHEAD.exec(b.text.trim()) : null;
    if (mast) {
      meta.publisher ??= titleCase(mast[1]!.trim());
      parts.push({ kind: 'byline', text: b.text });
      continue;
    }
    if (meta.title === null) {
      if (b.hint !== 'heading' && b.hint !== 'h1') {
        const by = parseByline(b.text);
        if (by && (BY_PREFIX.test(b.text) || by.published)) {
          applyByline(meta, by);
          sawByline = true;
          parts.push({ kind: 'byline', text: b.text });
          continue;
        }
      }
      if (isTitleLike(b)) {
        meta.title = b.text;
        parts.push({ kind: 'title', text: b.text });
        continue;
      }
      break;
    }
    const by = b.hint ? null : parseByline(b.text);
    if (by) {
      applyByline(meta, by);
      sawByline = true;
      parts.push({ kind: 'byline', text: b.text });
      continue;
    }
    if (meta.subtitle === null && !sawByline && isSubtitleLike(b, blocks[i + 1])) {
      meta.subtitle = b.text;
      parts.push({ kind: 'subtitle', text: b.text });
      continue;
    }
    break;
  }
  for (; i < blocks.length; i++) {
    const b = blocks[i]!;
    const prev = blocks[i - 1];
    parts.push({ kind: bodyKind(b, prev, blocks[i + 1]), text: b.text });
  }

  if (front.title && !meta.title) meta.title = front.title;
  if (front.author && !meta.author) meta.author = front.author;
  if (front.date && !meta.published) meta.published = parseDateLine(front.date, order) ?? (/^\d{4}-\d{2}-\d{2}/.exec(front.date)?.[0] ?? null);
  return { parts, meta };
}

function applyByline(meta: TextMeta, by: Byline): void {
  meta.author ??= by.author;
  meta.publisher ??= by.publisher;
  meta.published ??= by.published;
}

function isSubtitleLike(b: Block, next: Block | undefined): boolean {
  if (b.hint === 'heading') return true;
  if (b.hint || !isSingleLine(b)) return false;
  const t = b.text;
  if (t.length > MAX_SUBTITLE_CHARS || wordCount(t) < 3 || isCaption(t)) return false;
  if (!/[.!]$/.test(t)) return true;
  // A deck written as a sentence is told from the first paragraph only by
  // what follows it: a byline or date line.
  if (!next || !isSingleLine(next)) return false;
  return parseDateLine(next.text) !== null || parseByline(next.text) !== null;
}

function bodyKind(b: Block, prev: Block | undefined, next: Block | undefined): RegionKind {
  switch (b.hint) {
    case 'h1':
    case 'heading':
      return 'heading';
    case 'blockquote':
      return 'blockquote';
    case 'code':
    case 'list':
      return 'body';
  }
  const t = b.text;
  if (isCaption(t)) return 'caption';
  if (QUOTE_OPENING_ELLIPSIS.test(t) || WHOLLY_QUOTED.test(t)) return 'blockquote';
  if (prev && !prev.hint && /[:,]$/.test(prev.text) && t.length >= MIN_INTRODUCED_QUOTE_CHARS && /^[\p{Lu}"“‘'(]/u.test(t)) {
    return 'blockquote';
  }
  if (isHeadingLike(b, next)) return 'heading';
  return 'body';
}
