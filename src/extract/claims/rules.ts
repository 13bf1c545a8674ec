/**
 * Claim rules as data. Each rule says what it matches and why; the claim
 * finder (index.ts) applies them. Patterns are matched per sentence unit.
 */
import type { ClaimKind, Modality } from '../../model/index.js';

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
  pattern: RegExp;
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
    pattern: new RegExp(String.raw`(?<source>${NAME}(?: \([^)]{1,30}\))?) (?:has |have |had )?(?:quickly |later |officially |reportedly )?(?:claimed|claims|claiming) (?:the )?responsibility\b`),
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
    pattern: /\bdenials? of (?:any )?(?:involvement|responsibility|complicity) by (?<source>[^.;]+?)(?= have| has| had| were| was| are| is|[.;,])/i,
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
    pattern: /\b(?<targets>(?:the |some )?[\w-]+(?: [\w-]+){0,3}?) (?:were|was|are|is) (?:directly |indirectly |also )?(?:involved in|behind|responsible for) (?:inciting |organi[sz]ing |the )/i,
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
