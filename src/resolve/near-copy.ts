import type { Claim, IncidentReport, Region, Span } from '../model/index.js';
import { kindsCompatible } from '../model/index.js';
import { neverOne } from './merge.js';
import { localitiesDiffer, localitiesOf } from './localities.js';
import { hashedWords } from './word-hashes.js';

/**
 * Near copies of a stored document: a repost on a blog, the same article
 * with one sentence added, or an update of it with new figures.
 *
 * A document's *sketch* is a sample of its 5-word shingles: those whose hash
 * is 0 modulo SAMPLE_MOD. The sample is the same for any text that holds the
 * shingle, so the share of one sketch found in another estimates how much of
 * the shorter text the longer one contains. A SimHash (what this replaced)
 * compares whole texts: one added paragraph of a short report moves it past
 * any threshold, while two figures changed in a long one move it by no more
 * than a header does.
 *
 * Whether a near copy is a *repost* or an *update* is decided by what the two
 * report (see `factsChanged`), never by the text alone.
 */

/** Words per shingle: a changed figure touches at most this many shingles. */
export const SHINGLE_WORDS = 5;
/** One shingle in SAMPLE_MOD is kept: about 250 samples for a 1,000-word article. */
export const SAMPLE_MOD = 4;
/** Below this many words a text is too short to call a copy of another (coders' one-line notes share their phrasing). */
export const MIN_COPY_WORDS = 40;
/**
 * Share of the shorter text's sampled shingles the longer one must hold. An
 * update that changes two figures of a 300-word report keeps about 0.95; an
 * added sentence keeps 1.0; two reports of one event by different writers share
 * well under 0.3.
 */
export const MIN_CONTAINMENT = 0.8;
/** Stored samples per document used to find candidates (its smallest hashes, so a copy's lookup hits them). */
export const INDEX_SAMPLES = 16;
/** Word overlap of two anchor sentences that makes a report of an update the same report of its original. */
export const MIN_ANCHOR_OVERLAP = 0.5;
/**
 * A text of at most this many words is a short note, wholly its facts: a copy of one that changes its
 * day or its locality ("On 7 July 2021, in Thingangyun township, an explosion occurred at the
 * Township Electricity Power Corporation Office" → "On 9 July 2021, in Tamwe township, ...") is a
 * coder's template reused for another event, not a revision. A long article revised by a day is.
 */
export const SHORT_NOTE_WORDS = 150;

const WORD_RE = /[\p{L}\p{N}]+/gu;

function fnv(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** The sorted, distinct sampled shingle hashes of a text; empty when it is shorter than MIN_COPY_WORDS. */
export function sketch(text: string): Uint32Array {
  const wh = hashedWords(text).hashes;
  if (wh.length < MIN_COPY_WORDS) return new Uint32Array(0);
  // Sampled hashes into a typed array, sorted numerically there and deduplicated in place: the same
  // sorted distinct list as a Set and an array sort, without a boxed number per sample (issue 11).
  const buf = new Uint32Array(Math.max(0, wh.length - SHINGLE_WORDS + 1));
  let n = 0;
  for (let i = 0; i + SHINGLE_WORDS <= wh.length; i++) {
    let h = 0x9e3779b9;
    for (let k = 0; k < SHINGLE_WORDS; k++) h = Math.imul(h ^ wh[i + k]!, 0x5bd1e995) >>> 0;
    h = (h ^ (h >>> 15)) >>> 0;
    if (h % SAMPLE_MOD === 0) buf[n++] = h;
  }
  const sorted = buf.subarray(0, n).sort();
  let m = 0;
  for (let i = 0; i < n; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) sorted[m++] = sorted[i]!;
  return sorted.slice(0, m);
}

/** |a ∩ b| / min(|a|, |b|) over two sorted sketches: how much of the shorter text the other holds. */
export function containment(a: Uint32Array, b: Uint32Array): number {
  if (!a.length || !b.length) return 0;
  let i = 0;
  let j = 0;
  let shared = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      shared++;
      i++;
      j++;
    } else if (a[i]! < b[j]!) i++;
    else j++;
  }
  return shared / Math.min(a.length, b.length);
}

/** The samples a document is indexed under: its INDEX_SAMPLES smallest. */
export function indexSamples(s: Uint32Array): number[] {
  return [...s.subarray(0, INDEX_SAMPLES)];
}

export function sketchToBuffer(s: Uint32Array): Buffer {
  return Buffer.from(s.buffer, s.byteOffset, s.byteLength);
}

export function sketchFromBuffer(b: Buffer | null): Uint32Array {
  if (!b || !b.length) return new Uint32Array(0);
  // Copy: a Buffer's byteOffset need not be 4-aligned.
  const copy = new Uint8Array(b);
  return new Uint32Array(copy.buffer, 0, copy.byteLength >> 2);
}

/** Region kinds that carry the reporting: what a repost shares (not title, byline, caption or footer). */
export const BODY_REGION_KINDS: readonly string[] = ['body', 'blockquote', 'heading'];

/** One side of a near-copy comparison: a document's text, layout and what was extracted from it. */
export interface CopySide {
  text: string;
  regions: readonly Region[];
  reports: readonly IncidentReport[];
  claims: readonly Claim[];
}

interface Word {
  start: number;
  end: number;
  hash: number;
}

function bodyWords(side: Pick<CopySide, 'text' | 'regions'>): Word[] {
  const body = side.regions.filter((r) => BODY_REGION_KINDS.includes(r.kind));
  const parts = body.length ? body : [{ start: 0, end: side.text.length }];
  const out: Word[] = [];
  for (const p of parts) {
    const re = new RegExp(WORD_RE.source, 'gu');
    const slice = side.text.slice(p.start, p.end).toLowerCase();
    for (let m = re.exec(slice); m; m = re.exec(slice)) out.push({ start: p.start + m.index, end: p.start + m.index + m[0].length, hash: fnv(m[0]) });
  }
  return out;
}

function shingleHash(words: readonly Word[], i: number): number {
  let h = 0x9e3779b9;
  for (let k = 0; k < SHINGLE_WORDS; k++) h = Math.imul(h ^ words[i + k]!.hash, 0x5bd1e995) >>> 0;
  return (h ^ (h >>> 15)) >>> 0;
}

function shingles(words: readonly Word[]): Set<number> {
  const out = new Set<number>();
  for (let i = 0; i + SHINGLE_WORDS <= words.length; i++) out.add(shingleHash(words, i));
  return out;
}

/** The words of one side that no shingle shared with the other covers: what was changed or added. */
function changedWords(words: readonly Word[], other: Set<number>): Word[] {
  const shared = new Uint8Array(words.length);
  for (let i = 0; i + SHINGLE_WORDS <= words.length; i++) {
    if (other.has(shingleHash(words, i))) shared.fill(1, i, i + SHINGLE_WORDS);
  }
  // (A text shorter than one shingle shares nothing: all its words count as changed.)
  return words.filter((_, i) => !shared[i]);
}

/** Every span a stated fact rests on: each attested value's evidence, and each claim's words. */
function evidenceSpans(side: CopySide): Span[] {
  const out: Span[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (Array.isArray(o.evidence)) out.push(...(o.evidence as Span[]));
      for (const [k, x] of Object.entries(o)) if (k !== 'evidence' && k !== 'anchor') walk(x);
    }
  };
  walk(side.reports);
  walk(side.claims.map((c) => ({ ...c, content: undefined, cue: undefined })));
  for (const c of side.claims) {
    out.push(c.content);
    if (c.cue) out.push(c.cue);
  }
  return out;
}

function touches(words: readonly Word[], spans: readonly Span[]): boolean {
  if (!words.length || !spans.length) return false;
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  const maxEnd: number[] = [];
  sorted.forEach((s, i) => maxEnd.push(Math.max(s.end, i ? maxEnd[i - 1]! : 0)));
  for (const w of words) {
    // Spans starting before the word ends; one of them reaching past its start overlaps it.
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid]!.start < w.end) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0 && maxEnd[lo - 1]! > w.start) return true;
  }
  return false;
}

/**
 * Whether a near copy reports other facts than the document it copies: some word that one side
 * changed or added lies in the evidence of a fact on that side (a figure, a date, a place, an actor,
 * a claim). "at least 21" → "at least 40" is an update; an added sentence that states nothing the
 * extractors take, or another header and footer, is not. The words, not the resolved values, are
 * compared: a repost a week later resolves "on Thursday" to another day, yet says the same thing.
 */
export function factsChanged(a: CopySide, b: CopySide): boolean {
  const wa = bodyWords(a);
  const wb = bodyWords(b);
  return touches(changedWords(wa, shingles(wb)), evidenceSpans(a)) || touches(changedWords(wb, shingles(wa)), evidenceSpans(b));
}

/** Word-set overlap (Jaccard) of two sentences. */
export function wordOverlap(a: string, b: string): number {
  return setOverlap(wordSet(a), wordSet(b));
}

/** A sentence's distinct words, lower-cased. */
function wordSet(text: string): Set<string> {
  return new Set(text.toLowerCase().match(WORD_RE) ?? []);
}

/** Jaccard overlap of two word sets. */
function setOverlap(wa: ReadonlySet<string>, wb: ReadonlySet<string>): number {
  if (!wa.size || !wb.size) return 0;
  let shared = 0;
  for (const w of wa) if (wb.has(w)) shared++;
  return shared / (wa.size + wb.size - shared);
}

const countWords = (text: string): number => text.match(WORD_RE)?.length ?? 0;

/** Whether a short note's report and its copy's tell another day (both at day precision) or other localities (`localitiesDiffer`). */
function otherEvent(a: IncidentReport, aWords: string, b: IncidentReport, bWords: string): boolean {
  const [x, y] = [a.date.value, b.date.value];
  if (x.precision === 'day' && y.precision === 'day' && (x.year !== y.year || x.month !== y.month || x.day !== y.day)) return true;
  return localitiesDiffer(localitiesOf(aWords), localitiesOf(bWords));
}

/**
 * An update's reports paired with its original's: each report goes with the original report whose
 * anchor sentence it mostly repeats (word overlap at least MIN_ANCHOR_OVERLAP), of a compatible kind,
 * one to one. A paired report joins that report's incident even when its figures or date now clash:
 * the article itself says it is the same incident, revised. But not across countries, more than
 * 100 km or more than a couple of days (`neverOne`), nor in a short note (SHORT_NOTE_WORDS) across
 * a changed day or locality: a coder's note copied for another event is another event. Returns report
 * index → incident.
 */
export function pairUpdate(
  mine: readonly IncidentReport[], myText: string,
  theirs: readonly { report: IncidentReport; incident: number }[], theirText: string,
): Map<number, { incident: number; overlap: number }> {
  const used = new Set<number>();
  const out = new Map<number, { incident: number; overlap: number }>();
  const short = Math.max(countWords(myText), countWords(theirText)) <= SHORT_NOTE_WORDS;
  // Each anchor's words read once: an update of 500 reports against an original of 500 built both
  // sets for each of 250 000 pairs (fuzz finding 46).
  const theirSets = new Map<number, Set<string>>();
  for (const r of mine) {
    const words = myText.slice(r.anchor.start, r.anchor.end);
    let mySet: Set<string> | null = null;
    let best: { incident: number; overlap: number } | null = null;
    for (const [j, t] of theirs.entries()) {
      if (used.has(t.incident) || !kindsCompatible(r.type.value.kind, t.report.type.value.kind) || neverOne(r, t.report)) continue;
      const theirWords = theirText.slice(t.report.anchor.start, t.report.anchor.end);
      if (short && otherEvent(r, words, t.report, theirWords)) continue;
      mySet ??= wordSet(words);
      let theirSet = theirSets.get(j);
      if (!theirSet) theirSets.set(j, (theirSet = wordSet(theirWords)));
      const overlap = setOverlap(mySet, theirSet);
      if (overlap >= MIN_ANCHOR_OVERLAP && (!best || overlap > best.overlap)) best = { incident: t.incident, overlap };
    }
    if (!best) continue;
    used.add(best.incident);
    out.set(r.index, best);
  }
  return out;
}
