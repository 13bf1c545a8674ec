/**
 * Features for the event classifier and the event detector: lower-cased word
 * unigrams and bigrams (light suffix folding so "shelled/shelling/shells"
 * share a stem), plus one feature per keyword rule that fires. Numbers fold to
 * "<num>". Masking folds a capitalised word that does not start a sentence
 * to "<cap>", so that a model trained on some countries' reports cannot
 * memorise their places, people and groups: `mask: true` folds every such
 * word; `mask: 'names'` only those whose lower-case form is not in the
 * model's lexicon of ordinary words (words seen in lower case in the training
 * text) — "Police", "Foreign Ministry", "Security Council" stay words,
 * "Kisumu", "Tatmadaw", "March" become "<cap>". Chosen by cross-validation
 * grouped by country (docs/eval-acled-classifier.md).
 */
import { ruleHits, type RuleHit } from './rules.js';
import { WordTable } from '../model/index.js';

/** What a word is: the definition scanWords reads off the characters (wordSpans), kept for its test. */
export const WORD = /[A-Za-z][A-Za-z'-]*[A-Za-z]|[A-Za-z]|\d+(?:[.,]\d+)*/g;
// A closing run of quotes is entered at its first quote only (was quadratic on a word of quotes).
const EDGE_QUOTES = /^'+|(?<!')'+$/g;
const SIBILANT_ES = /(?:ss|sh|ch|x)es$/;
/** What may come right before a sentence-initial word: an opening quote or bracket, spaces. */
// A trailing run is entered at its first character only (the lookbehind): tried from each of its characters, it was quadratic.
const OPENERS = /(?<![ \t"'“‘([])[ \t"'“‘([]*$/;
const SENTENCE_END = /(?:^|[.!?:;\n\r])$/;

/** Words that make no unigram feature (their bigrams stay). */
export const STOP: ReadonlySet<string> = new Set(['the', 'a', 'an', 'of', 'in', 'on', 'at', 'to', 'and', 'or', 'for', 'by', 'with', 'from', 'as', 'is', 'was', 'were', 'are', 'be', 'been', 'has', 'have', 'had', 'that', 'this', 'it', 'its', 'their', 'his', 'her', 'which', 'who', 'said', 'says', 'say']);

/** Crude stemmer: enough to merge inflections, not a linguistic analysis. */
export function stem(w: string): string {
  if (w.length <= 4) return w;
  if (w.endsWith("'s")) w = w.slice(0, -2);
  if (w.endsWith('ies') && w.length > 5) return `${w.slice(0, -3)}y`;
  if (w.endsWith('ing') && w.length > 6) return w.slice(0, -3);
  if (w.endsWith('ed') && w.length > 5) return w.slice(0, -2);
  if (w.endsWith('es') && w.length > 5 && SIBILANT_ES.test(w)) return w.slice(0, -2);
  if (w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us')) return w.slice(0, -1);
  return w;
}

/** How text becomes features; a model records the options it was trained with. */
export interface FeatureOptions {
  /** Fold capitalised words that do not start a sentence to "<cap>": all of them, or only names (see above). */
  mask?: boolean | 'names';
  /** Add bigram features (default true). */
  bigrams?: boolean;
  /** Add the first-actor features (default true). */
  actor?: boolean;
  /** Event detector only: add its cue features (detector-features.ts; default true). */
  cues?: boolean;
}

/** True when the word at `at` starts a sentence (or the text). */
function sentenceInitial(text: string, at: number): boolean {
  const before = text.slice(Math.max(0, at - 6), at).replace(OPENERS, '');
  return SENTENCE_END.test(before);
}

/**
 * Stems as small integers (issue 11): every stem a text's words fold to, and every word of the
 * models' word and pair features, gets one number per process, so that the event models look a word
 * up by indexing arrays (fast-features.ts) instead of hashing its string in a map per model, per
 * word and per pair. The markers come first: "<s>" 0, "<num>" 1, "<cap>" 2.
 */
const ID_OF = new Map<string, number>();
const STEM_OF: string[] = [];
/** 1 for a stem in STOP, by number. */
let stopOf = new Uint8Array(1 << 12);
/** Stems numbered before the numbering starts over (memory bound; checked before a text is scanned). */
const IDS_MAX = 300_000;
/** Bumped when the numbering starts over: numbers from an older generation mean nothing. */
let generation = 0;
export const START_ID = 0;
export const NUM_ID = 1;
export const CAP_ID = 2;

export function stemId(s: string): number {
  let id = ID_OF.get(s);
  if (id === undefined) {
    id = STEM_OF.length;
    ID_OF.set(s, id);
    STEM_OF.push(s);
    if (id >= stopOf.length) {
      const grown = new Uint8Array(stopOf.length * 2);
      grown.set(stopOf);
      stopOf = grown;
    }
    stopOf[id] = STOP.has(s) ? 1 : 0;
  }
  return id;
}

/** The stem numbered `id` (in the current generation). */
export const stemString = (id: number): string => STEM_OF[id]!;
export const isStopId = (id: number): boolean => stopOf[id] === 1;
/** How many stems are numbered: every number is below it. */
export const stemCount = (): number => STEM_OF.length;
export const stemGeneration = (): number => generation;

/** Starts the numbering over, as when IDS_MAX stems are numbered; exported for its test (fast-features.test.ts). */
export function restartStemIds(): void {
  ID_OF.clear();
  STEM_OF.length = 0;
  RAW.clear();
  lastScan = null;
  generation++;
  for (const m of ['<s>', '<num>', '<cap>']) stemId(m);
}

/** A text's words as every masking reads them: the stem's number (NUM_ID for a number), and whether the word may be masked. */
interface Scan {
  text: string;
  ids: number[];
  /** Capitalised and not starting a sentence: what `mask` folds (all of them, or the names among them). */
  cap: boolean[];
  /** The stems, spelled out when first asked for (featurize); textScores reads the numbers only. */
  stems: string[] | null;
}

/**
 * The last text scanned. The event detector, the event classifier and its expert each featurise the
 * same sentence in turn, with different masking; the scan below is the same for all three (issue 11).
 */
let lastScan: Scan | null = null;

/** Raw word → its stem's number (lower-cased, edge quotes off): a pure function, kept for the words seen (bounded; cleared when full). */
const RAW = new WordTable(1 << 16);

/** The number of the stem of text[at, end), a word. */
function stemIdAt(text: string, at: number, end: number): number {
  let id = RAW.get(text, at, end);
  if (id < 0) {
    id = stemId(stem(text.slice(at, end).toLowerCase().replace(EDGE_QUOTES, '')));
    if (RAW.full) RAW.clear();
    RAW.set(text, at, end, id);
  }
  return id;
}

restartStemIds();

function scanWords(text: string): Scan {
  if (lastScan?.text === text) return lastScan;
  if (STEM_OF.length > IDS_MAX) restartStemIds();
  const ids: number[] = [];
  const cap: boolean[] = [];
  for (let at = 0, end = 0; (end = wordEnd(text, (at = nextWordStart(text, at)))) > at; at = end) {
    const c = text.charCodeAt(at);
    const num = isDigit(c);
    ids.push(num ? NUM_ID : stemIdAt(text, at, end));
    cap.push(!num && c >= 65 && c <= 90 && !sentenceInitial(text, at));
  }
  return (lastScan = { text, ids, cap, stems: null });
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isLetter = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

/** Where the next match of WORD starts at or after `at` (text.length when none): a letter or a digit. */
export function nextWordStart(text: string, at: number): number {
  while (at < text.length && !isLetter(text.charCodeAt(at)) && !isDigit(text.charCodeAt(at))) at++;
  return at;
}

/**
 * Where the match of WORD that starts at `at` ends, read off the characters (issue 11: the words of
 * every text the event models read, without a match object per word). A letter starts
 * `[A-Za-z][A-Za-z'-]*[A-Za-z]|[A-Za-z]`: the longest run of letters, "'" and "-" cut back to its last
 * letter. A digit starts `\d+(?:[.,]\d+)*`. features.test.ts checks it against WORD itself.
 */
export function wordEnd(text: string, at: number): number {
  if (at >= text.length) return at;
  let i = at + 1;
  if (isLetter(text.charCodeAt(at))) {
    let lastLetter = at;
    for (let c = text.charCodeAt(i); i < text.length && (isLetter(c) || c === 39 || c === 45); c = text.charCodeAt(++i)) if (isLetter(c)) lastLetter = i;
    return lastLetter + 1;
  }
  while (i < text.length && isDigit(text.charCodeAt(i))) i++;
  while (i + 1 < text.length && (text.charCodeAt(i) === 46 || text.charCodeAt(i) === 44) && isDigit(text.charCodeAt(i + 1))) {
    i += 2;
    while (i < text.length && isDigit(text.charCodeAt(i))) i++;
  }
  return i;
}

/** The words WORD matches in `text`, with their offsets, as scanWords reads them: for tests. */
export function wordSpans(text: string): { word: string; index: number }[] {
  const out: { word: string; index: number }[] = [];
  for (let at = 0, end = 0; (end = wordEnd(text, (at = nextWordStart(text, at)))) > at; at = end) out.push({ word: text.slice(at, end), index: at });
  return out;
}

/**
 * Word tokens: stems, "<num>" for numbers, "<cap>" for masked capitalised
 * words. `mask`: false, true (every capitalised word not starting a
 * sentence) or 'names' (those whose stem is not in `lexicon`).
 */
export function tokens(text: string, mask: boolean | 'names' = false, lexicon?: ReadonlySet<string>): string[] {
  const t = sharedTokens(text, mask, lexicon);
  return mask ? (t as string[]) : t.slice();
}

/** `tokens`, without the copy when nothing is masked: the list is the scan's own, to be read and not kept. */
export function sharedTokens(text: string, mask: boolean | 'names' = false, lexicon?: ReadonlySet<string>): readonly string[] {
  const scan = scanWords(text);
  const stems = (scan.stems ??= scan.ids.map(stemString));
  if (!mask) return stems;
  return stems.map((s, i) => (scan.cap[i] && (mask === true || !lexicon?.has(s)) ? '<cap>' : s));
}

/**
 * `sharedTokens` as stem numbers (see stemId), valid until the next text is scanned: what textScores
 * reads (issue 11). The list is the scan's own when nothing is masked, to be read and not kept.
 */
export function sharedTokenIds(text: string, mask: boolean | 'names' = false, lexicon?: ReadonlySet<string>): readonly number[] {
  const { ids, cap } = scanWords(text);
  if (!mask) return ids;
  // Pushed, not mapped: the scan's own list is packed, and an optimised `map` makes a holey one; its
  // readers were compiled again for the other kind (issue 11).
  const out: number[] = [];
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!;
    out.push(cap[i] && (mask === true || !lexicon?.has(STEM_OF[id]!)) ? CAP_ID : id);
  }
  return out;
}

const LOWER_WORD = /\b[a-z][a-z'-]*[a-z]\b/g;

/** Stems seen in lower case at least `minCount` times in `texts`: the ordinary words that `mask: 'names'` keeps. */
export function buildLexicon(texts: Iterable<string>, minCount = 2): string[] {
  const n = new Map<string, number>();
  for (const t of texts) for (const m of t.matchAll(LOWER_WORD)) {
    const s = stem(m[0].replace(EDGE_QUOTES, ''));
    n.set(s, (n.get(s) ?? 0) + 1);
  }
  return [...n.entries()].filter(([, c]) => c >= minCount).map(([s]) => s).sort();
}

export interface Featurized {
  /** Feature names, each once. */
  names: string[];
  hits: RuleHit[];
}

/** The most characters of a snippet the classifier reads: the lead carries the event. */
export const MAX_CHARS = 1200;

export function featurize(text: string, opts: FeatureOptions = {}, lexicon?: ReadonlySet<string>): Featurized {
  const t = text.length > MAX_CHARS ? text.slice(0, MAX_CHARS) : text;
  const toks = tokens(t, opts.mask ?? false, lexicon);
  const names = new Set<string>();
  let prev = '<s>';
  for (const w of toks) {
    if (!STOP.has(w)) names.add(`w:${w}`);
    if (opts.bigrams !== false) names.add(`b:${prev}_${w}`);
    prev = w;
  }
  const hits = ruleHits(t);
  for (const h of hits) names.add(`r:${h.rule.id}`);
  // Who acts matters where the words do not: "captured the town" is a
  // government gain or a non-state one depending on the first actor named.
  const actor = opts.actor === false ? null : firstActor(t);
  if (actor) {
    names.add(`a:${actor}`);
    for (const h of hits) names.add(`x:${h.rule.id}_${actor}`);
  }
  return { names: [...names], hits };
}

const GOV_ACTOR = /\b(?:army|armed forces|government (?:forces|troops|soldiers)|security forces|troops|soldiers|military|police|regime forces|national army|pro-government|state forces|forces loyal to the government)\b/i;
const NON_STATE_ACTOR = /\b(?:rebels?|militants?|insurgents?|jihadists?|fighters|militias?|militiamen|taliban|islamic state|isis|isil|daesh|al-shabaa?b|shabaab|boko haram|houthis?|separatists?|guerrillas?|gunmen|terrorists?|opposition factions|armed groups?|hezbollah|hts|pkk|ypg|sdf)\b/i;

/** The last text's first actor: the classifier and its expert read the same text in turn (issue 11). */
let lastActor: { text: string; actor: 'gov' | 'ns' | null } | null = null;

/** 'gov' or 'ns' for the actor named first in the text, or null. */
export function firstActor(text: string): 'gov' | 'ns' | null {
  if (lastActor?.text !== text) lastActor = { text, actor: actorOf(text) };
  return lastActor.actor;
}

function actorOf(text: string): 'gov' | 'ns' | null {
  const g = GOV_ACTOR.exec(text);
  const n = NON_STATE_ACTOR.exec(text);
  if (!g && !n) return null;
  if (g && (!n || g.index < n.index)) return 'gov';
  return 'ns';
}
