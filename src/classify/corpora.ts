/**
 * Readers for the training corpora of the event classifier and the event
 * detector. They read ../shared data at train time only: nothing here is
 * copied into the repository, and nothing here runs at inference.
 *
 * - ACLED exports (`notes`, `sub_event_type`, `event_type`, `source_dataset`):
 *   each note is cleaned of the coder's bookkeeping (a leading "Agreement:" /
 *   "Property destruction:" tag that names the class, "[size=no report]",
 *   "(coded separately)", "(month of)") so the model learns the report, not
 *   the coder's annotations.
 * - GTD incidents (`summary`, without its leading "MM/DD/YYYY:" date).
 * - PolNeAR articles (US political news 2016): their sentences.
 * - Our own labelled snippets (label<TAB>text).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { csvRecords } from '../eval/gtd-csv.js';
import { splitSentences } from '../nlp/sentences.js';
import { ACLED_SUBTYPES, SUBTYPE_CODES } from './labels.js';
import { ploverToAcled, type PloverRecord } from './plover-map.js';

/** A coder's class tag at the start of a note: "Non-violent activity: On 3 May…" (up to five words). */
const CODER_TAG = /^\s*[A-Z][A-Za-z/-]*(?: [A-Za-z/-]+){0,4}:\s+/;
/**
 * A coder's note opens ("[size=no report]", "(coded separately)"), with the blanks before it, entered
 * at a run's first blank; the note ends at the next closer (removeNotes).
 */
const SIZE_NOTE_OPEN = /(?<!\s)\s*\[size=/gi;
const CODED_NOTE_OPEN = /(?<!\s)\s*\((?:coded|month of|week of)/gi;
const SPACES = /\s+/g;
const GTD_DATE = /^\s*\d{1,2}\/\d{1,2}\/\d{2,4}\s*:\s*/;
const LINE_BREAK = /\r?\n/;
const TEXT_FILE = /\.txt$/i;
const CSV_FILE = /\.csv$/i;
/** A letter (FOUR_WORDS' \p{L}) and a word character (\w, ASCII: a letter outside it is both a letter and \W). */
const LETTER = /\p{L}/u;
const WORD_CHAR = /\w/;
const DATASET_YEAR = /-(?:\d{4}|b)$/;
const DATASET_B = /-b$/;
const PLOVER_FILE = /\.(?:txt|json)$/i;
const BRACES = /[{}]/g;

/**
 * `text` less each note that `open` opens and the next `close` closes, as `.replace(/\s*\[size=[^\]]*\]/gi, '')`
 * (and the "(coded …)" one) removed them. Those patterns were quadratic (issue 13): each unclosed
 * opener read to the end ("[size=" × 22 000), and each blank of a run before a non-note. An opener
 * with no closer after it says no later one has one.
 */
function removeNotes(text: string, open: RegExp, close: string): string {
  let out = '';
  let from = 0;
  open.lastIndex = 0;
  for (let m = open.exec(text); m; m = open.exec(text)) {
    const end = text.indexOf(close, m.index + m[0].length);
    if (end < 0) break;
    out += text.slice(from, m.index);
    from = end + 1;
    open.lastIndex = from;
  }
  return out + text.slice(from);
}

/**
 * A sentence worth using as an example: at least four words with letters, as
 * `/(?:\p{L}+\W+){3,}\p{L}/u.test(s)` said. That pattern was quadratic (issue 13: a start at every
 * letter, and a letter outside ASCII is both \p{L} and \W); this reads it once, with the states it
 * can be in: in the letters of the k-th word (k = 0…3 words done) or in the gap after the k-th (1…3).
 */
export function hasFourWords(s: string): boolean {
  const inWord = [false, false, false, false];
  const inGap = [false, false, false, false];
  for (const ch of s) {
    const letter = LETTER.test(ch);
    const gap = !WORD_CHAR.test(ch);
    if (letter && inGap[3]) return true;
    const word = inWord.map((_, k) => letter && (k === 0 || inWord[k]! || inGap[k]!));
    const after = inGap.map((_, k) => gap && k > 0 && (inGap[k]! || inWord[k - 1]! || (k === 3 && inWord[3]!)));
    for (let k = 0; k < 4; k++) [inWord[k], inGap[k]] = [word[k]!, after[k]!];
  }
  return false;
}

export function cleanAcledNote(notes: string): string {
  return removeNotes(removeNotes(notes, SIZE_NOTE_OPEN, ']'), CODED_NOTE_OPEN, ')').replace(CODER_TAG, '').replace(SPACES, ' ').trim();
}

export function cleanGtdSummary(summary: string): string {
  return summary.replace(GTD_DATE, '').replace(SPACES, ' ').trim();
}

const CODE_OF_ACLED = new Map(ACLED_SUBTYPES.filter((s) => s.acled).map((s) => [s.acled!.toLowerCase(), s.code]));

/** The CASE 2021 code of an ACLED sub-event name ("Air/drone strike" → AIR_STRIKE); null for "Other" and blanks. */
export function acledCode(subEventType: string): string | null {
  return CODE_OF_ACLED.get(subEventType.trim().toLowerCase()) ?? null;
}

/**
 * The cross-validation group of an ACLED row: its extract with the year or
 * "-b" suffix dropped, so one country's extracts stay together
 * ("burkina-2022" → "burkina", "africa-2016-b" → "africa").
 */
export function acledGroup(sourceDataset: string): string {
  const s = sourceDataset.trim().toLowerCase();
  if (DATASET_B.test(s)) return acledGroup(s.slice(0, -2));
  return s.replace(DATASET_YEAR, '') || 'unknown';
}

export interface AcledItem {
  text: string;
  /** CASE code of the sub-event type; null where the row has none (old schema, "Other"). */
  code: string | null;
  eventType: string;
  group: string;
  country: string;
}

/** A CSV path: the file itself, or `split`.csv inside a folder. */
export function csvPath(path: string, split = 'train'): string {
  return statSync(path).isDirectory() ? join(path, `${split}.csv`) : path;
}

export function readAcled(file: string): AcledItem[] {
  const out: AcledItem[] = [];
  for (const r of csvRecords(readFileSync(file, 'utf8'))) {
    const text = cleanAcledNote(r.notes ?? '');
    if (!text) continue;
    out.push({ text, code: acledCode(r.sub_event_type ?? ''), eventType: (r.event_type ?? '').trim(), group: acledGroup(r.source_dataset ?? ''), country: (r.country ?? '').trim() });
  }
  return out;
}

export interface GtdItem {
  text: string;
  attackType: string;
  suicide: boolean;
  region: string;
  country: string;
}

export function readGtd(file: string): GtdItem[] {
  const out: GtdItem[] = [];
  for (const r of csvRecords(readFileSync(file, 'utf8'))) {
    const text = cleanGtdSummary(r.summary ?? '');
    if (!text) continue;
    out.push({ text, attackType: (r.attacktype1_txt ?? '').trim(), suicide: (r.suicide ?? '').trim() === '1', region: (r.region_txt ?? '').trim() || 'unknown', country: (r.country_txt ?? '').trim() });
  }
  return out;
}

/** The sentences of a short text (a note or a summary), trimmed; those of fewer than four words dropped. */
export function sentencesOf(text: string): string[] {
  return splitSentences({ text })
    .map((s) => text.slice(s.start, s.end).trim())
    .filter((s) => hasFourWords(s));
}

export interface PolnearSentence {
  text: string;
  /** The outlet, from the file name ("breitbart", "nyt"…): the cross-validation group. */
  outlet: string;
  file: string;
}

/** The `.txt` files of a PolNeAR split folder (`…/train` or `…/train/text`), sorted. */
export function polnearFiles(dir: string): string[] {
  const textDir = statSync(join(dir, 'text'), { throwIfNoEntry: false })?.isDirectory() ? join(dir, 'text') : dir;
  return readdirSync(textDir).filter((f) => TEXT_FILE.test(f)).sort().map((f) => join(textDir, f));
}

export function readPolnear(dir: string): PolnearSentence[] {
  const out: PolnearSentence[] = [];
  for (const file of polnearFiles(dir)) {
    const name = file.slice(file.lastIndexOf('/') + 1);
    const outlet = name.slice(0, name.indexOf('_')) || 'unknown';
    for (const text of sentencesOf(readFileSync(file, 'utf8'))) out.push({ text, outlet, file: name });
  }
  return out;
}

/** Own labelled lines: label<TAB>text; '#' starts a comment. `labels` limits the labels allowed. */
export function readLabelled(path: string, labels: readonly string[] = SUBTYPE_CODES): { label: string; text: string }[] {
  const out: { label: string; text: string }[] = [];
  for (const line of readFileSync(path, 'utf8').split(LINE_BREAK)) {
    if (!line.trim() || line.startsWith('#')) continue;
    const tab = line.indexOf('\t');
    if (tab < 0) throw new Error(`${path}: line without a tab: ${line.slice(0, 60)}`);
    const label = line.slice(0, tab).trim();
    if (!labels.includes(label)) throw new Error(`${path}: unknown label ${label}`);
    out.push({ label, text: line.slice(tab + 1).trim() });
  }
  return out;
}

/** True for a path that looks like a CSV file or a folder holding train.csv. */
export function isCsvData(path: string): boolean {
  const st = statSync(path, { throwIfNoEntry: false });
  if (!st) return false;
  return st.isDirectory() ? statSync(join(path, 'train.csv'), { throwIfNoEntry: false }) !== undefined : CSV_FILE.test(path);
}

/** PLOVER gold records (a folder or the JSON file) whose event/mode maps clearly to one ACLED class. */
export function readPlover(path: string): { file: string; items: { label: string; text: string }[]; seen: number } {
  const file = statSync(path).isDirectory() ? join(path, readdirSync(path).filter((f) => PLOVER_FILE.test(f)).sort()[0] ?? '') : path;
  const recs = JSON.parse(readFileSync(file, 'utf8')) as PloverRecord[];
  const items: { label: string; text: string }[] = [];
  for (const r of recs) {
    if (!r.text) continue;
    const label = ploverToAcled(r.event, r.mode ?? '', r.context ?? '');
    if (label) items.push({ label, text: r.text.replace(BRACES, '') });
  }
  return { file, items, seen: recs.length };
}
