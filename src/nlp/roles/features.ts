import { tokenize, type Token } from '../tokens.js';

/**
 * Features for the role tagger. Every feature reads the lower-cased text, so
 * the tagger behaves the same on MUC-4's lower-cased wire text and on normal
 * text. Settings are recorded in the model's meta file (FEATURE_VERSION).
 */
export const FEATURE_VERSION = 'roles-feats-v3';

/**
 * Word frequency classes from the training text, saved in the model
 * (extra.vocab: words seen ≥ 3 times → 'm', ≥ 30 → 'h'); anything else is
 * rare ('r'). In lower-cased news most rare words are names.
 */
export type Vocab = ReadonlyMap<string, string>;

export function buildVocab(words: Iterable<string>): Record<string, string> {
  const c = new Map<string, number>();
  for (const w of words) c.set(w, (c.get(w) ?? 0) + 1);
  const out: Record<string, string> = {};
  for (const [w, n] of [...c].sort((a, b) => (a[0] < b[0] ? -1 : 1))) if (n >= 3) out[w] = n >= 30 ? 'h' : 'm';
  return out;
}

/** Words that mark the event (or its outcome) a filler takes part in, by stem. */
export const TRIGGERS: readonly [RegExp, string][] = [
  [/^(?:kill|murder|assassinat|massacr|execut|slain|slay|shot|shoot|gunn)/, 'kill'],
  [/^(?:kidnap|abduct|hostage|captiv|seiz)/, 'kidnap'],
  [/^(?:bomb|explo|blast|dynamit|detonat|grenade|mine)/, 'bomb'],
  [/^(?:attack|assault|raid|ambush|hit|struck|strike)/, 'attack'],
  [/^(?:wound|injur|hurt)/, 'wound'],
  [/^(?:burn|fire|set|arson|torch)/, 'burn'],
  [/^(?:destroy|damag|sabotag)/, 'destroy'],
  [/^(?:claim|responsib|perpetrat|carri|commit)/, 'claim'],
  [/^(?:victim|dead|death|bod(?:y|ies)|die)/, 'dead'],
];

/** Weapon words (a lexicon feature; the tagger learns which matter). */
export const WEAPON_WORDS: ReadonlySet<string> = new Set([
  'bomb', 'bombs', 'dynamite', 'explosive', 'explosives', 'grenade', 'grenades', 'rifle', 'rifles', 'machinegun', 'machineguns',
  'gun', 'guns', 'pistol', 'pistols', 'revolver', 'mortar', 'mortars', 'rocket', 'rockets', 'missile', 'missiles', 'mine', 'mines',
  'firearms', 'weapons', 'weapon', 'm-16', 'ak-47', 'fal', 'galil', 'uzi', 'bazooka', 'artillery', 'molotov', 'cocktails', 'charge',
  'charges', 'car-bomb', 'knife', 'knives', 'machete', 'machetes', 'shotgun', 'submachinegun', 'carbine', 'launcher', 'launchers',
]);

/** Person / group heads: the tagger learns how each is used. */
export const GROUP_WORDS: ReadonlySet<string> = new Set([
  'front', 'army', 'movement', 'command', 'commando', 'commandos', 'group', 'groups', 'party', 'organization', 'cartel', 'squad', 'squads',
  'brigade', 'forces', 'force', 'battalion', 'unit', 'units', 'council', 'union', 'alliance', 'guerrillas', 'guerrilla', 'rebels',
]);

export interface TaggerInput {
  /** Tokens of the sentence, offsets into the document text. */
  tokens: Token[];
  /** Lower-cased token texts. */
  words: string[];
}

export function lowerSameLength(text: string): string {
  const l = text.toLowerCase();
  if (l.length === text.length) return l;
  // Some characters change length when lower-cased ("İ"); keep offsets.
  let out = '';
  for (const ch of text) {
    const c = ch.toLowerCase();
    out += c.length === ch.length ? c : ch;
  }
  return out;
}

/** Tokens of one sentence of the lower-cased text. */
export function sentenceTokens(lower: string, start: number, end: number): TaggerInput {
  const tokens = tokenize(lower, start, end);
  // Pushed, not mapped: V8's optimised `map` makes a holey array, its other tiers a packed one, and the
  // tagger's readers of the words were compiled again when the other kind reached them (issue 11).
  const words: string[] = [];
  for (const t of tokens) words.push(t.lower);
  return { tokens, words };
}

export function shape(w: string): string {
  let s = '';
  let last = '';
  for (let i = 0; i < w.length && s.length < 5; i++) {
    const c = w.charCodeAt(i);
    const k = c >= 48 && c <= 57 ? 'd' : (c >= 97 && c <= 122) || c > 127 ? 'a' : w[i]!;
    if (k !== last) s += k;
    last = k;
  }
  return s;
}

/** Memo of word → trigger class and shape: both are pure functions of the word (bounded; cleared when full). */
const WORD_MEMO = new Map<string, { trig: string | null; shape: string }>();
const WORD_MEMO_MAX = 100_000;

export function wordInfo(w: string): { trig: string | null; shape: string } {
  let x = WORD_MEMO.get(w);
  if (!x) {
    let trig: string | null = null;
    for (const [re, name] of TRIGGERS) if (re.test(w)) { trig = name; break; }
    x = { trig, shape: shape(w) };
    if (WORD_MEMO.size >= WORD_MEMO_MAX) WORD_MEMO.clear();
    WORD_MEMO.set(w, x);
  }
  return x;
}

/** A word out of the vocabulary starting with a letter is a rare word ('r'): "ponomaryov"; else not a word ('x'): "1,300", ",". */
const STARTS_WITH_LETTER = /^[a-z]/;

/** A word's frequency class inside a sentence: the vocabulary's class, else 'r' (rare word) or 'x' (not a word). */
export function freqClass(w: string, vocab: Vocab): string {
  return vocab.get(w) ?? (STARTS_WITH_LETTER.test(w) ? 'r' : 'x');
}

/** Sentence-position bucket of the `sb=` feature. */
export function sentBucket(sentIndex: number): string {
  return sentIndex === 0 ? '0' : sentIndex === 1 ? '1' : sentIndex < 4 ? '2-3' : sentIndex < 8 ? '4-7' : '8+';
}

/** How many tokens away a trigger still gives a word its `lt=`/`rt=` context: "killed ... the mayor". */
export const TRIGGER_REACH = 8;
/** A trigger this close is near ('n'), farther within reach far ('f'). */
export const TRIGGER_NEAR = 2;
/**
 * "No trigger yet" positions for the left and right passes: far enough that no token is within reach.
 * The right one is a fixed position, not the sentence end: the trained models were built with it, so
 * sentences of 992 tokens or more get context strings no model holds (kept for compatibility).
 */
export const NO_TRIGGER_LEFT = -100;
export const NO_TRIGGER_RIGHT = 1000;

/**
 * Feature strings for every token of a sentence (the reference definition,
 * used for training; src/nlp/roles/compiled.ts computes the same features as
 * ids for tagging and must be kept in step with this function). `sentIndex` is the
 * sentence's position in the document (early sentences carry the event).
 */
export function tokenFeatures(words: readonly string[], sentIndex: number, vocab: Vocab | null = null): string[][] {
  const n = words.length;
  const fq = (i: number): string => (i < 0 || i >= n ? 's' : vocab ? freqClass(words[i]!, vocab) : '-');
  const info = words.map(wordInfo);
  const trig = info.map((x) => x.trig);
  const w = (i: number): string => (i < 0 ? '<s>' : i >= n ? '</s>' : words[i]!);
  const sb = sentBucket(sentIndex);
  // Nearest trigger to the left and right (within TRIGGER_REACH tokens), with distance bucket.
  const left: (string | null)[] = new Array<string | null>(n).fill(null);
  const right: (string | null)[] = new Array<string | null>(n).fill(null);
  let lastT = NO_TRIGGER_LEFT;
  for (let i = 0; i < n; i++) {
    if (i - lastT <= TRIGGER_REACH) left[i] = `${trig[lastT]}:${i - lastT <= TRIGGER_NEAR ? 'n' : 'f'}`;
    if (trig[i]) lastT = i;
  }
  lastT = NO_TRIGGER_RIGHT;
  for (let i = n - 1; i >= 0; i--) {
    if (lastT - i <= TRIGGER_REACH) right[i] = `${trig[lastT]}:${lastT - i <= TRIGGER_NEAR ? 'n' : 'f'}`;
    if (trig[i]) lastT = i;
  }
  const out: string[][] = new Array<string[]>(n);
  for (let i = 0; i < n; i++) {
    const w0 = words[i]!;
    const p1 = w(i - 1);
    const p2 = w(i - 2);
    const n1 = w(i + 1);
    const n2 = w(i + 2);
    const f = [
      'b',
      `w=${w0}`,
      `p1=${p1}`,
      `p2=${p2}`,
      `n1=${n1}`,
      `n2=${n2}`,
      `p1w=${p1}|${w0}`,
      `wn1=${w0}|${n1}`,
      `p2p1=${p2}|${p1}`,
      `n1n2=${n1}|${n2}`,
      `s3=${w0.slice(-3)}`,
      `s2=${w0.slice(-2)}`,
      `pr3=${w0.slice(0, 3)}`,
      `sh=${info[i]!.shape}`,
      `sb=${sb}`,
    ];
    if (vocab) {
      const q0 = fq(i);
      const qp = fq(i - 1);
      const qn = fq(i + 1);
      f.push(`fq=${q0}`, `fqp=${qp}|${q0}`, `fqn=${q0}|${qn}`, `fq3=${qp}|${q0}|${qn}`);
      if (q0 === 'r') f.push(`fqr-p1=${p1}`, `fqr-n1=${n1}`);
    }
    if (WEAPON_WORDS.has(w0)) f.push('weap');
    if (WEAPON_WORDS.has(n1)) f.push('weap+1');
    if (GROUP_WORDS.has(w0)) f.push('grp');
    if (GROUP_WORDS.has(n1)) f.push('grp+1');
    if (trig[i]) f.push(`trig=${trig[i]}`);
    if (left[i]) f.push(`lt=${left[i]}`);
    if (right[i]) f.push(`rt=${right[i]}`);
    if (left[i] && right[i]) f.push(`lrt=${left[i]}|${right[i]}`);
    out[i] = f;
  }
  return out;
}
