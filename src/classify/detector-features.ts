/**
 * Features of the event detector: the classifier's features (masked words and
 * bigrams, keyword rules) plus a few cues of how a sentence speaks about what
 * happened — a report of one event is usually in the past tense, names
 * numbers of people, and has no modal verb, no first or second person, no
 * question mark; commentary and forecasts have the opposite.
 *
 * The stemmer folds "killed" and "kill" together; the detector keeps the
 * difference as `p:STEM` (a past-tense form of the word) and `g:STEM` (an
 * -ing form), so "attacked" and "attacks" read differently.
 */
import { featurize, nextWordStart, stem, wordEnd, type FeatureOptions } from './features.js';
import type { RuleHit } from './rules.js';
import { WordTable } from '../model/index.js';

// A lookbehind, not "[a-z]{3,}ed$": that was tried from every letter of a long word (recheck: quadratic).
const PAST_ED = /(?<=[a-z]{3})ed$/;
const ING = /(?<=[a-z]{3})ing$/;
const DIGITS = /\d/;
// Blanks after the closing marks read by their own run, not split with the run before them (was quadratic).
const QUESTION = /\?\s*(?:["'”’)]+\s*)?$/;
const QUOTE_MARK = /["“”]|''/;
/** The cues of a whole text, in the order they are added. */
const TEXT_CUES: readonly (readonly [RegExp, string])[] = [[DIGITS, 'd:number'], [QUESTION, 'd:question'], [QUOTE_MARK, 'd:quote']];
/** Irregular past tenses frequent in event reports. */
const IRREGULAR_PAST = new Set(['was', 'were', 'fled', 'shot', 'fought', 'threw', 'took', 'hit', 'blew', 'broke', 'stole', 'began', 'led', 'held', 'burnt', 'struck', 'set', 'went', 'came', 'left', 'beat', 'caught', 'drove', 'ran', 'seized', 'slew', 'stabbed', 'stormed', 'met', 'gave', 'made', 'sent', 'told', 'saw', 'found', 'lost', 'overran', 'rode', 'sought', 'spread', 'swept', 'withdrew', 'won', 'rose', 'fell']);
const MODALS = new Set(['could', 'would', 'may', 'might', 'should', 'must', 'will', "won't", "wouldn't", "couldn't", 'can', "can't", 'cannot', 'shall']);
const FIRST_PERSON = new Set(['i', 'we', 'our', 'us', 'my', 'me', 'ours']);
const SECOND_PERSON = new Set(['you', 'your', 'yours']);
const GENERIC = new Set(['often', 'usually', 'regularly', 'frequently', 'generally', 'typically', 'increasingly', 'always', 'never', 'sometimes', 'every', 'annual', 'yearly', 'monthly', 'recent', 'years', 'decade', 'decades']);
const FUTURE = new Set(['expected', 'plans', 'planned', 'planning', 'threatened', 'threatens', 'warned', 'warns', 'urged', 'urges', 'promised', 'promises', 'likely', 'unlikely', 'if', 'unless', 'whether']);

/** Options the detector model is trained and read with. */
export const DETECTOR_FEATURES: FeatureOptions = Object.freeze({ mask: true, actor: false });

function lengthBucket(n: number): string {
  if (n <= 6) return 'len:short';
  if (n <= 15) return 'len:mid';
  if (n <= 35) return 'len:long';
  return 'len:very-long';
}

/**
 * Raw word → the cue names it adds, in the order cueFeatures adds them: a pure function of the word,
 * kept for the words seen (bounded; cleared when full). Matching WORDS, lower-casing each word and
 * testing it against two expressions and five sets cost the detector as much as its word features
 * (issue 11: 29 ms per pass over the MUC-4 pipeline's sentences). CUES holds an index into
 * CUE_LISTS, where the words without a cue share the first entry.
 */
const CUES = new WordTable(1 << 15);
const NO_CUES: readonly string[] = [];
const CUE_LISTS: (readonly string[])[] = [NO_CUES];

/** The cue names a lower-cased word adds, in the order cueFeatures adds them. */
export function cuesOfWord(w: string): string[] {
  const out: string[] = [];
  if (IRREGULAR_PAST.has(w) || PAST_ED.test(w)) out.push('d:past', `p:${stem(w)}`);
  else if (ING.test(w)) out.push(`g:${stem(w)}`);
  if (MODALS.has(w)) out.push('d:modal');
  if (FIRST_PERSON.has(w)) out.push('d:first-person');
  if (SECOND_PERSON.has(w)) out.push('d:second-person');
  if (GENERIC.has(w)) out.push('d:generic');
  if (FUTURE.has(w)) out.push('d:irrealis');
  return out;
}

/** The cues of the whole text, added after its words' (a figure, a question, a quotation). */
export function textCues(text: string): string[] {
  const out: string[] = [];
  // One loop over a list, not a branch each: a question, rare, was first met after V8 had optimised
  // the detector's features, and they were compiled again (issue 11).
  for (const [pattern, cue] of TEXT_CUES) if (pattern.test(text)) out.push(cue);
  return out;
}

function wordCues(text: string, at: number, end: number): readonly string[] {
  const k = CUES.get(text, at, end);
  if (k >= 0) return CUE_LISTS[k]!;
  const out = cuesOfWord(text.slice(at, end).toLowerCase());
  if (CUES.full) {
    CUES.clear();
    CUE_LISTS.length = 1;
  }
  if (!out.length) CUES.set(text, at, end, 0);
  else if (CUES.set(text, at, end, CUE_LISTS.length)) CUE_LISTS.push(out);
  return out;
}

/**
 * The cue features of a text (names start with "d:", "p:" or "g:"). Its words are the matches of
 * /[A-Za-z][A-Za-z'-]*[A-Za-z]/g: the words features.ts reads (WORD) that start with a letter and
 * have two characters or more (detector.test.ts checks it against that expression).
 */
export function cueFeatures(text: string): string[] {
  const out = new Set<string>();
  let n = 0;
  for (let at = 0, end = 0; (end = wordEnd(text, (at = nextWordStart(text, at)))) > at; at = end) {
    // Digits (48–57) sort below letters.
    if (end - at < 2 || text.charCodeAt(at) < 65) continue;
    n++;
    for (const c of wordCues(text, at, end)) out.add(c);
  }
  out.add(`d:${lengthBucket(n)}`);
  if (!out.has('d:past')) out.add('d:no-past');
  for (const c of textCues(text)) out.add(c);
  return [...out];
}

export function detectorFeatures(text: string, opts: FeatureOptions = DETECTOR_FEATURES, lexicon?: ReadonlySet<string>): { names: string[]; hits: RuleHit[] } {
  const f = featurize(text, opts, lexicon);
  return { names: opts.cues === false ? f.names : [...f.names, ...cueFeatures(text)], hits: f.hits };
}
