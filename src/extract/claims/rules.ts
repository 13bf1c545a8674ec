/**
 * Claim rules as data. Each rule says what it matches and why; the claim
 * finder (index.ts) applies them. Patterns are matched per sentence unit.
 */
import type { ClaimKind, Modality } from '../../model/index.js';
import { FirstStarts, runEnd } from '../../nlp/first-starts.js';

/** Words and phrases that make a statement hedged. Matched case-insensitively on word boundaries. */
export const HEDGES: { pattern: RegExp; why: string }[] = [
  { pattern: /\b(?:most |very |highly )?likely\b/i, why: '"likely": a probability, not an assertion' },
  { pattern: /\bunlikely\b/i, why: '"unlikely"' },
  { pattern: /\beverything (?:about [^.]{0,60})?indicates\b/i, why: '"everything indicates": an inference' },
  { pattern: /\bit is (?:logical|reasonable|safe) to (?:assume|conclude|suppose)\b/i, why: '"it is logical to assume": an inference' },
  { pattern: /\bif true\b/i, why: '"if true": conditional on an unverified report' },
  { pattern: /\bsuggests?\b/i, why: '"suggests": an inference from evidence' },
  { pattern: /\b(?:probably|possibly|apparently|presumably|allegedly|reportedly|perhaps|seemingly)\b/i, why: 'hedging adverb' },
  { pattern: /\b(?:may|might|could) (?:have )?(?:been|be)\b/i, why: 'modal of possibility' },
  { pattern: /\bcannot rule out\b|\bcan(?:'|no)t be ruled out\b/i, why: '"cannot rule out": a possibility' },
  { pattern: /\b(?:appears?|seems?) to\b/i, why: '"appears to", "seems to"' },
  { pattern: /\ball but evident\b/i, why: '"all but evident": an inference stated as near-certain' },
];

/** Standalone patterns that make a claim without a verb of saying. */
export interface PatternRule {
  name: string;
  kind: ClaimKind;
  /** A pattern (exec from the start), or code that answers as one (FirstStarts). */
  pattern: Pick<RegExp, 'exec' | 'test'>;
  /** Who asserts it: the document's author, or the actor matched by the `source` group. */
  source: 'author' | 'group';
  /** Where the targets are: the `targets` named group (split on "and"/","), or the subject before the match. */
  targets: 'group' | 'subject' | 'none';
  /** Fixed modality, or null to decide from hedges/negation. */
  modality: Modality | null;
  why: string;
}

/** A capitalised name: "ISIS-K", "the Islamic State group" is caught by its capitalised words. */
const NAME = String.raw`[A-Z][\w*’'.-]*(?: (?:of |al-|de )?[A-Z][\w*’'.-]*){0,5}`;

/*
 * Three rules were quadratic (issue 13): a match could begin at every word of one run, or at every
 * "denial of … by" of one clause, and read it to its end from each. They are FirstStarts now: the
 * same first match, tried from a run's first start only. Why the skipped starts fail, beside each.
 */

/** Where a claimant's name may begin. */
const CAPITALS = /[A-Z]/g;
/** A name word's characters (NAME's), read to the run's end. */
const NAME_CHARS = /[\w*’'.-]+/y;
/** After a failed start: later capitals of the same word end it where it ends and fail alike. */
const nameWordEnd = (text: string, at: number): number => runEnd(text, at, NAME_CHARS);

/** Where "denials of involvement by X" may begin. */
const DENIAL_STARTS = /\bdenial/gi;
/** The cue itself, at a start (sticky). */
const DENIAL_CUE = /denials? of (?:any )?(?:involvement|responsibility|complicity) by /iy;
/** Where a denier's name cannot go on: a stop or a semicolon. */
const DENIER_END = /[.;]/g;

/**
 * After "denials of involvement by X" failed past its cue: X found no end before the next stop, and
 * a later cue before that stop has a part of the same stretch to look in. Else the next start.
 */
function denialResume(text: string, at: number): number {
  DENIAL_CUE.lastIndex = at;
  if (!DENIAL_CUE.test(text)) return at + 1;
  DENIER_END.lastIndex = DENIAL_CUE.lastIndex;
  return DENIER_END.exec(text)?.index ?? text.length;
}

/** Where "X were behind the" may begin: a word boundary before [\w-]. */
const WORD_STARTS = /\b(?=[\w-])/g;
/** A word of X: a run of [\w-], read to its end. */
const WORD_CHARS = /[\w-]+/y;
/** "the " or "some " at the end of a run: it may open X with a word more than the run's first start takes. */
const ARTICLE_AT_END = /(?<!\w)(?:the|some)$/i;

/**
 * After "X were behind the" failed at a start: a later start in the same [\w-] run reads the same
 * first word to the same end and the same words after it, so it fails too; except "the" or "some"
 * ending the run before a space ("x-the A B C D were behind"), which opens X with one word more.
 */
function involvedResume(text: string, at: number): number {
  const end = runEnd(text, at, WORD_CHARS);
  if (text[end] !== ' ') return end;
  const art = ARTICLE_AT_END.exec(text.slice(at + 1, end));
  return art ? at + 1 + art.index : end;
}

/** Words a rule's every match holds, written once for the pattern and its FirstStarts gate (`needs`). */
const INVOLVED = String.raw`(?:involved in|behind|responsible for)`;
const RESPONSIBILITY = String.raw`responsibility\b`;

export const PATTERN_RULES: PatternRule[] = [
  {
    name: 'no-claim',
    kind: 'no_claim',
    pattern: /\bno (?:organi[sz]ation|group|one|party|militant group|faction)s?\b[^.;]{0,40}?\b(?:has|have|had)? ?(?:yet )?claimed responsibility\b/i,
    source: 'author', targets: 'none', modality: 'negated',
    why: 'the explicit absence of a claim of responsibility',
  },
  {
    name: 'claimed-responsibility',
    kind: 'responsibility',
    pattern: new FirstStarts(String.raw`(?<source>${NAME}(?: \([^)]{1,30}\))?) (?:has |have |had )?(?:quickly |later |officially |reportedly )?(?:claimed|claims|claiming) (?:the )?${RESPONSIBILITY}`, '', CAPITALS, nameWordEnd, new RegExp(RESPONSIBILITY, 'i')),
    source: 'group', targets: 'none', modality: null,
    why: '"X claimed responsibility for …": a claim of responsibility by X',
  },
  {
    name: 'responsibility-noun',
    kind: 'responsibility',
    pattern: new RegExp(String.raw`\b(?:a |the )?claim of responsibility (?:by|from) (?<source>${NAME})(?=[,.;]| for| on| in)`),
    source: 'group', targets: 'none', modality: null,
    why: '"a claim of responsibility by X"',
  },
  {
    name: 'denial-noun',
    kind: 'denial',
    pattern: new FirstStarts(String.raw`\bdenials? of (?:any )?(?:involvement|responsibility|complicity) by (?<source>[^.;]+?)(?= have| has| had| were| was| are| is|[.;,])`, 'i', DENIAL_STARTS, denialResume),
    source: 'group', targets: 'none', modality: null,
    why: '"denials of involvement by X and Y": each of X, Y denies',
  },
  {
    name: 'imprint',
    kind: 'accusation',
    pattern: /\b(?:bears?|bore|carries|had|has|have|bearing) the (?:imprint|hallmarks?|stamp|fingerprints|signature|marks) of (?<targets>[^.;]+?)(?= all over| written|[.;]|$)/i,
    source: 'author', targets: 'group', modality: null,
    why: '"bears the imprint of X": the author blames X',
  },
  {
    name: 'made-in',
    kind: 'accusation',
    pattern: /\b(?:attack|bombing|massacre|provocation|operation)s?,? made in (?<targets>[A-Z][\w.]+(?:(?:,| and) [A-Z][\w.]+)*)/,
    source: 'author', targets: 'group', modality: null,
    why: '"an attack made in X and Y": the author says X and Y produced it',
  },
  {
    name: 'involvement-by',
    kind: 'accusation',
    pattern: /\b(?:suggests?|indicates?|points? to|proves?|shows?|demonstrates?|reveals?) (?:the )?(?:direct |clear |obvious |possible )?(?:involvement|complicity|participation|hand) (?:by|of) (?<targets>[^.;]+?)(?=[.;]|$)/i,
    source: 'author', targets: 'group', modality: null,
    why: '"suggests direct involvement by X": an inference blaming X',
  },
  {
    name: 'were-involved',
    kind: 'accusation',
    pattern: new FirstStarts(String.raw`\b(?<targets>(?:the |some )?[\w-]+(?: [\w-]+){0,3}?) (?:were|was|are|is) (?:directly |indirectly |also )?${INVOLVED} (?:inciting |organi[sz]ing |the )`, 'i', WORD_STARTS, involvedResume, new RegExp(INVOLVED, 'i')),
    source: 'author', targets: 'group', modality: null,
    why: '"X were involved in the attack": the author blames X',
  },
  {
    name: 'on-behalf-of',
    kind: 'accusation',
    pattern: /\bacted (?:as [\w\s]{1,20} )?on behalf of (?<targets>[^.;,]+?)(?=[.;,]|$)/i,
    source: 'author', targets: 'group', modality: null,
    why: '"the attackers acted on behalf of X": the author blames X',
  },
  {
    name: 'in-the-interests',
    kind: 'accusation',
    pattern: /\b(?:attack|bombing|assault|attacks)\b[^.;]{0,60}\b(?:was|were) in the interests? of (?<targets>(?:the )?[A-Z][\w.]*(?: [A-Z][\w.]*){0,3})/,
    source: 'author', targets: 'group', modality: null,
    why: '"the attack was in the interests of X": the author blames X',
  },
];

/** Content words that make a reported statement a linkage of incidents. */
export const LINKAGE_RE = /\b(?:were|was|are|is|been) (?:likely |probably |possibly |closely |directly )?(?:synchroni[sz]ed|coordinated|linked|connected|related)\b|\bsynchroni[sz]ed\b|\bpart of (?:the same|a single|one) (?:plan|campaign|operation)\b/i;
/** Content words that make a reported statement an accusation (PLOVER ACCUSE). */
export const ACCUSATION_RE = /\b(?:behind (?:the|this|these)|responsible for|orchestrated|masterminded|(?:were|was) (?:directly )?involved|helped (?:to )?(?:incite|organi[sz]e|plan)|accus\w+|blam\w+|by the "?Anglo-Saxons|opened up against)\b/i;
/** Media source words. */
export const MEDIA_RE = /\b(?:media|newspapers?|press|times|post|journal|agency|agencies|channel|television|tv|radio|news|reports?|tass|ria|reuters|ap|afp|bbc|cnn|guardian|telegraph|gazette|herald|tribune|izvestia|kommersant|wsws|world socialist web site)\b/i;
/** Unnamed sources: a determiner or quantifier and a common noun. */
export const UNNAMED_RE = /^(?:the |a |an |one |some |many |several |two |three |all |most |other |local |western |russian |unnamed |anonymous )?(?:[a-z-]+ ){0,4}(?:sources?|officials?|witness(?:es)?|residents?|groups?|immigrants?|figures|reports?|experts?|analysts?|observers?|people|media|diplomats?|activists?|man|woman|survivors?|police)\b/i;
