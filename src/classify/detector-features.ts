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
import { featurize, stem, type FeatureOptions } from './features.js';
import type { RuleHit } from './rules.js';

const WORDS = /[A-Za-z][A-Za-z'-]*[A-Za-z]/g;
// A lookbehind, not "[a-z]{3,}ed$": that was tried from every letter of a long word (recheck: quadratic).
const PAST_ED = /(?<=[a-z]{3})ed$/;
const ING = /(?<=[a-z]{3})ing$/;
const DIGITS = /\d/;
// Blanks after the closing marks read by their own run, not split with the run before them (was quadratic).
const QUESTION = /\?\s*(?:["'”’)]+\s*)?$/;
const QUOTE_MARK = /["“”]|''/;
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

/** The cue features of a text (names start with "d:", "p:" or "g:"). */
export function cueFeatures(text: string): string[] {
  const out = new Set<string>();
  let n = 0;
  for (const m of text.matchAll(WORDS)) {
    n++;
    const w = m[0].toLowerCase();
    if (IRREGULAR_PAST.has(w) || PAST_ED.test(w)) {
      out.add('d:past');
      out.add(`p:${stem(w)}`);
    } else if (ING.test(w)) out.add(`g:${stem(w)}`);
    if (MODALS.has(w)) out.add('d:modal');
    if (FIRST_PERSON.has(w)) out.add('d:first-person');
    if (SECOND_PERSON.has(w)) out.add('d:second-person');
    if (GENERIC.has(w)) out.add('d:generic');
    if (FUTURE.has(w)) out.add('d:irrealis');
  }
  out.add(`d:${lengthBucket(n)}`);
  if (!out.has('d:past')) out.add('d:no-past');
  if (DIGITS.test(text)) out.add('d:number');
  if (QUESTION.test(text)) out.add('d:question');
  if (QUOTE_MARK.test(text)) out.add('d:quote');
  return [...out];
}

export function detectorFeatures(text: string, opts: FeatureOptions = DETECTOR_FEATURES, lexicon?: ReadonlySet<string>): { names: string[]; hits: RuleHit[] } {
  const f = featurize(text, opts, lexicon);
  return { names: opts.cues === false ? f.names : [...f.names, ...cueFeatures(text)], hits: f.hits };
}
