import { findModelFile } from '../../learn/model-file.js';
import { loadTaggerFile } from '../../learn/packed.js';
import type { SequenceTagger } from '../../learn/perceptron.js';
import type { RoleMention, RoleName, Sentence } from '../../model/index.js';
import { CompiledFeatures } from './compiled.js';
import { lowerSameLength, sentenceTokens, tokenFeatures, type Vocab } from './features.js';

export const ROLE_STAGE = 'nlp.roles';
export { buildVocab, FEATURE_VERSION, lowerSameLength, sentenceTokens, tokenFeatures, type Vocab } from './features.js';
export { CompiledFeatures, type SentenceIds } from './compiled.js';

const ROLE_NAMES: ReadonlySet<string> = new Set<RoleName>(['PerpInd', 'PerpOrg', 'Target', 'Victim', 'Weapon']);

/** models/roles.json at the repository root; null when there is none. */
export function roleTaggerFile(): string | null {
  return findModelFile('roles.json');
}

/** The role tagger in a model file, read anew on each call (the pipeline context keeps one); null without a file. */
export function loadRoleTagger(path: string | null = roleTaggerFile()): SequenceTagger | null {
  return path ? loadTaggerFile(path) : null;
}

const vocabs = new WeakMap<SequenceTagger, Vocab | null>();

/** The model's word-frequency classes (extra.vocab), as a Map, cached per tagger. */
export function vocabOf(t: SequenceTagger): Vocab | null {
  let v = vocabs.get(t);
  if (v === undefined) {
    const raw = t.extra['vocab'] as Record<string, string> | undefined;
    v = raw ? new Map(Object.entries(raw)) : null;
    vocabs.set(t, v);
  }
  return v;
}

interface Fast {
  feats: CompiledFeatures;
  /** Per label index: the role of a B- or I- label (null for O and non-role labels). */
  role: (string | null)[];
  /** Per label index: the index of the I- label that continues its span (−1 for O). */
  cont: Int32Array;
}

const fasts = new WeakMap<SequenceTagger, Fast>();

/** Feature ids and label tables for a tagger, built once per tagger. */
export function compiledFeatures(t: SequenceTagger): CompiledFeatures {
  return fastOf(t).feats;
}

function fastOf(t: SequenceTagger): Fast {
  let f = fasts.get(t);
  if (!f) {
    const role = t.labels.map((l) => (l === 'O' ? null : l.slice(2)));
    const cont = Int32Array.from(role, (r) => (r === null ? -1 : t.labels.indexOf(`I-${r}`)));
    f = { feats: new CompiledFeatures(t, vocabOf(t)), role, cont };
    fasts.set(t, f);
  }
  return f;
}

/** Tagger margins map to 0..1 through a logistic with this scale. */
const MARGIN_SCALE = 4;

function span(text: string, tokens: readonly { start: number; end: number }[], i: number, j: number, role: string, m: number): RoleMention {
  const start = tokens[i]!.start;
  const end = tokens[j - 1]!.end;
  const confidence = Math.round((1 / (1 + Math.exp(-m / MARGIN_SCALE))) * 1000) / 1000;
  return { start, end, text: text.slice(start, end), role: role as RoleName, confidence, stage: ROLE_STAGE, reason: `tagger: ${role} span (min token margin ${m.toFixed(2)})` };
}

/**
 * Role fillers in the text, sentence by sentence: the BIO tagger's spans.
 * Text is lower-cased first (offsets kept). Confidence is a logistic of the
 * span's smallest per-token margin between the chosen label and the next best.
 */
export function findRoles(text: string, sentences: readonly Sentence[], tagger: SequenceTagger | null): RoleMention[] {
  if (!tagger) return [];
  const fast = fastOf(tagger);
  const lower = lowerSameLength(text);
  const out: RoleMention[] = [];
  for (const s of sentences) {
    const { tokens, words } = sentenceTokens(lower, s.start, s.end);
    const n = tokens.length;
    if (!n) continue;
    const f = fast.feats.sentence(words, s.index);
    const { path, margins } = tagger.tagIds(f.ids, f.offs, n, f.pre);
    let i = 0;
    while (i < n) {
      const y = path[i]!;
      const role = fast.role[y];
      if (role === null || role === undefined) {
        i++;
        continue;
      }
      const cont = fast.cont[y]!;
      let j = i + 1;
      while (j < n && path[j] === cont) j++;
      let m = Infinity;
      for (let k = i; k < j; k++) m = Math.min(m, margins[k]!);
      if (ROLE_NAMES.has(role)) out.push(span(text, tokens, i, j, role, m));
      i = j;
    }
  }
  return out;
}

/**
 * `findRoles` the slow way: feature strings (`tokenFeatures`) and
 * `SequenceTagger.tag`. The reference the fast path is checked against
 * (roles.test.ts, `microbench.js --check`); not for production use.
 */
export function findRolesReference(text: string, sentences: readonly Sentence[], tagger: SequenceTagger | null): RoleMention[] {
  if (!tagger) return [];
  const vocab = vocabOf(tagger);
  const lower = lowerSameLength(text);
  const out: RoleMention[] = [];
  for (const s of sentences) {
    const { tokens, words } = sentenceTokens(lower, s.start, s.end);
    if (!tokens.length) continue;
    const { labels, margins } = tagger.tag(tokenFeatures(words, s.index, vocab));
    let i = 0;
    while (i < labels.length) {
      const l = labels[i]!;
      if (l === 'O') {
        i++;
        continue;
      }
      const role = l.slice(2);
      let j = i + 1;
      while (j < labels.length && labels[j] === `I-${role}`) j++;
      let m = Infinity;
      for (let k = i; k < j; k++) m = Math.min(m, margins[k]!);
      if (ROLE_NAMES.has(role)) out.push(span(text, tokens, i, j, role, m));
      i = j;
    }
  }
  return out;
}
