/**
 * Relation rules as data. Each rule names the words that must stand between
 * (or around) two mentions, the relation it reads from them, why, and an
 * example. The relation finder (index.ts) applies them to consecutive
 * mentions of a sentence; nothing here runs on its own.
 *
 * Shape of the text a rule sees, for mentions A then B in a sentence:
 *
 *     …before… [A] …gap… [B] …after…
 *
 * `gap` is the text between A and B with any nationality (NORP) mention in
 * it replaced by the placeholder `§`; `before` is the text just in front of A
 * (back to the previous mention or the sentence start); `after` is the text
 * just behind B. Every regex here is compiled once, at load.
 */
import type { MentionType } from '../../model/index.js';

export type Predicate =
  | 'member_of'
  | 'leader_of'
  | 'founder_of'
  | 'official_of'
  | 'relative_of'
  | 'spokesperson_of'
  | 'based_in'
  | 'affiliated_with';

/** What a role word says about a person's tie to an organisation or place. */
export type RoleClass = 'leader' | 'official' | 'founder' | 'spokes' | 'member' | 'affiliate';

/**
 * Role words and the class each belongs to. Multi-word roles are matched as
 * written. Example: "the chairman of X" → leader; "a spokesman for X" → spokes.
 */
export const ROLE_WORDS: Record<RoleClass, readonly string[]> = {
  leader: [
    'head', 'heads', 'leader', 'leaders', 'chairman', 'chairwoman', 'chairperson', 'chair', 'president', 'chief',
    'commander', 'director', 'governor', 'mayor', 'emir', 'boss', 'ringleader', 'secretary general', 'secretary-general',
    'general secretary', 'first secretary', 'chief executive', 'ceo', 'editor-in-chief', 'editor in chief',
  ],
  official: [
    'secretary', 'treasurer', 'official', 'officials', 'functionary', 'minister', 'representative', 'coordinator',
    'organiser', 'organizer', 'ideologue', 'ideologist', 'commissar', 'envoy', 'adviser', 'advisor', 'aide', 'officer',
    'staffer', 'employee', 'editor', 'manager',
  ],
  founder: ['founder', 'founders', 'co-founder', 'co-founders', 'cofounder'],
  spokes: ['spokesman', 'spokeswoman', 'spokesperson', 'press secretary', 'press officer', 'official representative'],
  member: [
    'member', 'members', 'militant', 'militants', 'fighter', 'fighters', 'activist', 'activists', 'volunteer', 'cadre',
    'operative', 'politician', 'lawmaker', 'legislator', 'deputy', 'mp', 'councillor', 'councilor', 'councilman',
    'candidate', 'senator',
  ],
  affiliate: ['figure', 'supporter', 'supporters', 'ally', 'associate', 'sympathiser', 'sympathizer', 'loyalist', 'veteran'],
};

/** Role word (lower-case) → its class. */
export const ROLE_CLASS: ReadonlyMap<string, RoleClass> = new Map(
  (Object.entries(ROLE_WORDS) as [RoleClass, readonly string[]][]).flatMap(([c, ws]) => ws.map((w) => [w, c] as const)),
);

/**
 * Modifiers that keep a leader word meaning "the leader" ("top commander",
 * "political leader"); any other modifier ("police chief", "deputy head",
 * "regional governor") makes the person an official instead.
 */
export const LEADER_KEEPING_MODIFIERS = new Set([
  'top', 'supreme', 'overall', 'longtime', 'long-time', 'former', 'acting', 'interim', 'party', 'political', 'spiritual',
  'military', 'new', 'current', 'then', 'self-proclaimed', 'self-styled', 'de', 'facto', 'local', 'founding',
]);

/** Modifiers that always make a leader word an official's post. Example: "deputy head". */
export const DEPUTY_MODIFIERS = new Set(['deputy', 'vice', 'vice-', 'assistant', 'associate', 'junior', 'second']);

/**
 * Modifiers naming another body between an organisation or place and a role:
 * "Moscow opposition leader X" leads the opposition, not Moscow. No relation.
 */
export const OTHER_BODY = /\b(?:opposition|rebel|rebels|separatist|insurgent|protest|student|students|union|trade|youth|church|tribal|clan|community|gang|cartel)\b/i;

/** Kinship nouns for relative_of. Example: "the sons and two nephews of X". */
export const KIN_WORDS = [
  'son', 'sons', 'daughter', 'daughters', 'brother', 'brothers', 'sister', 'sisters', 'father', 'mother', 'parents',
  'wife', 'husband', 'widow', 'widower', 'nephew', 'nephews', 'niece', 'nieces', 'cousin', 'cousins', 'uncle', 'uncles',
  'aunt', 'aunts', 'grandson', 'grandsons', 'granddaughter', 'granddaughters', 'grandfather', 'grandmother',
  'son-in-law', 'sons-in-law', 'daughter-in-law', 'brother-in-law', 'brothers-in-law', 'sister-in-law',
  'father-in-law', 'mother-in-law', 'stepson', 'stepdaughter', 'stepfather', 'stepmother', 'relative', 'relatives',
  'child', 'children', 'twin', 'twins', 'half-brother', 'half-sister',
] as const;

/** Sub-units named between a role and its organisation: "the secretary of the local branch of X". */
const SUBUNIT_NOUNS = [
  'branch', 'branches', 'district', 'districts', 'wing', 'wings', 'cell', 'cells', 'unit', 'units', 'office', 'offices',
  'chapter', 'chapters', 'division', 'divisions', 'department', 'departments', 'faction', 'factions', 'committee',
  'committees', 'section', 'sections', 'region', 'regions', 'ward', 'wards', 'board', 'council', 'bureau',
  'directorate', 'administration', 'municipality', 'municipalities', 'village', 'villages', 'organisation',
  'organization', 'apparatus', 'headquarters', 'youth wing',
];

/** Lower-case nouns allowed right after an organisation name ("the X party"). */
const ORG_CUE_NOUNS = ['party', 'group', 'movement', 'channel', 'militia', 'network', 'organisation', 'organization', 'battalion', 'brigade', 'faction', 'unit', 'wing', 'newspaper', 'outlet'];

/** Characters of the word lists that are special in a pattern, escaped: the hyphen of "co-founder", a dot. */
const PATTERN_SPECIAL = /[-.]/g;
/** A space inside a multi-word entry ("youth wing") matches any whitespace between the words. */
const SPACE = / /g;

/** The words as one alternation, longest first so "first secretary" wins over "secretary". */
const alt = (ws: readonly string[]): string =>
  [...ws].sort((a, b) => b.length - a.length).map((w) => w.replace(PATTERN_SPECIAL, (c) => `\\${c}`).replace(SPACE, String.raw`\s+`)).join('|');

/** Function words and verbs that never sit inside a role phrase or a name's lead-in. */
const STOP = String.raw`(?:who|which|that|whose|whom|when|where|while|with|by|to|at|on|in|into|for|from|of|as|after|before|and|or|but|nor|is|was|were|are|be|been|being|has|have|had|said|says|told|not|also|then|than|this|these|those|his|her|their|its|our|the|a|an|one|some|it|he|she|they|we|i|you|if|because|since|until)\b`;
/** A lower-case word that is not a stop word; `§` is a nationality mention ("the § Azov Brigade"). */
const WORD = String.raw`(?:(?!${STOP})[a-z][a-z'’-]*[a-z]|(?!${STOP})[a-z]|§+)`;
/** Same, without the nationality placeholder: used where a nationality would change the reading. */
const PLAIN_WORD = String.raw`(?!${STOP})[a-z][a-z'’-]*[a-z]`;
export const ROLE_ALT = alt([...ROLE_CLASS.keys()]);
export const KIN_ALT = alt(KIN_WORDS);
const NUM = String.raw`(?:two|three|four|five|six|seven|eight|nine|ten|several|\d+)`;
const SUB_ALT = alt(SUBUNIT_NOUNS);
const CUE_ALT = alt(ORG_CUE_NOUNS);

/** A role phrase: up to three modifiers and a role word. Groups: mods, role. */
const ROLE = String.raw`(?<mods>(?:${WORD}\s+){0,3})(?<role>${ROLE_ALT})`;
/** Determiners before a role: "a", "the", "one of the", "another". */
const DET = String.raw`(?:(?:a|an|the|one\s+of\s+the|another|its|their)\s+)?`;
/** Prepositions between a role and its organisation. Group: prep. */
const PREP = String.raw`(?<prep>of|from|for|in|at|with|within)\s+`;
/** A sub-unit: "one of the districts of", "the local branch of". Group: sub. */
const SUB = String.raw`(?:(?<sub>(?:(?:one|two|three|some|several)\s+of\s+)?(?:the|a|its)\s+(?:${WORD}\s+){0,2}(?:${SUB_ALT}))\s+(?:of|in)\s+)?`;
/** Lower-case words in front of an organisation name: "the openly reactionary and religious ". Must end in a space or an opening quote. */
const LEAD = String.raw`(?:(?:the|a|an)\s+)?(?:${WORD}(?:\s+(?:and|or)\s+${WORD})?,?\s+){0,4}["“‘']?`;
/** An optional cue noun after the organisation name: "the X party". */
const CUE = String.raw`(?:\s+(?:${CUE_ALT}))?`;

/** Which of the pair is the subject. */
export type Order = 'subject-first' | 'object-first';

export interface PairRule {
  name: string;
  /** A fixed predicate, or 'by-role' to read it from the `role` group (see predicateForRole in index.ts). */
  predicate: Predicate | 'by-role';
  order: Order;
  /** Types the subject mention may have. Person-only roles also take a weakly typed ORG (confidence ≤ 0.6). */
  subjectTypes: readonly MentionType[];
  /** Whole-gap regex (anchored). Named groups: role, mods, prep, sub, detail. */
  gap: RegExp;
  /** Regex on the text before the first mention, anchored at its end. Groups as for gap. */
  before?: RegExp;
  /** Regex on the text after the second mention, anchored at its start. Its match extends the evidence. */
  after?: RegExp;
  /** When set, the `after` regex is only a condition (it closes an apposition) and does not extend the evidence. */
  afterIsGuard?: boolean;
  confidence: number;
  why: string;
  example: string;
}

const PERSON: readonly MentionType[] = ['PERSON'];
const PERSON_OR_ORG: readonly MentionType[] = ['PERSON', 'ORG'];

/** After a name set off by commas, the apposition must close: a comma, a bracket, the end, or a verb. */
const CLOSES = /^\s*(?:[,;:.)!?]|$)/;

/** "Head of ", "the spokesman for the ": a title ending in "of"/"for", right before the organisation. */
const TITLE_OF = new RegExp(String.raw`(?:^|[\s(“"‘])(?:(?:the|a|an)\s+)?(?<mods>(?:${PLAIN_WORD}\s+){0,2})(?<role>${ROLE_ALT})\s+(?<prep>of|for)\s+(?:the\s+)?["“‘']?$`, 'i');

export const PAIR_RULES: readonly PairRule[] = [
  {
    name: 'appositive-role',
    predicate: 'by-role', order: 'subject-first', subjectTypes: PERSON_OR_ORG,
    gap: new RegExp(String.raw`^\s*,\s+${DET}${ROLE}\s+${PREP}${SUB}${LEAD}$`),
    confidence: 0.85,
    why: 'an apposition gives the person a role in the organisation',
    example: 'Ruslan Gadzhiev, a district councillor from the governing Civic Dawn party',
  },
  {
    name: 'copular-role',
    predicate: 'by-role', order: 'subject-first', subjectTypes: PERSON_OR_ORG,
    gap: new RegExp(String.raw`^(?:\s+|\s*,\s+who\s+)(?:(?:is|was|has\s+been|had\s+been|became|becomes|remains|remained|served\s+as|serves\s+as)\s+)(?:(?:now|then|once|also|still|later|previously|formerly|briefly)\s+)?${DET}${ROLE}\s+${PREP}${SUB}${LEAD}$`),
    confidence: 0.8,
    why: '"X is/was the <role> of Y"',
    example: 'Gadzhiev was the treasurer of the regional branch of Civic Dawn',
  },
  {
    name: 'org-role-before-name',
    predicate: 'by-role', order: 'object-first', subjectTypes: PERSON_OR_ORG,
    gap: new RegExp(String.raw`^(?:['’]s)?${CUE}\s+(?<mods>(?:${PLAIN_WORD}\s+){0,2})(?<role>${ROLE_ALT})(?:\s*,)?\s+$`, 'i'),
    confidence: 0.85,
    why: 'an organisation or place, a role word, then the name: "Y leader X"',
    example: 'Green Harbour Movement leader Oleg Tarasov',
  },
  {
    name: 'role-of-org-then-name',
    predicate: 'by-role', order: 'object-first', subjectTypes: PERSON_OR_ORG,
    before: TITLE_OF,
    gap: new RegExp(String.raw`^["”’']?${CUE}\s+$`),
    confidence: 0.85,
    why: 'a title naming the organisation or place, then the name: "Head of Y X"',
    example: 'Head of Tomsk Region Andrei Volkov',
  },
  {
    name: 'role-of-org-comma-name',
    predicate: 'by-role', order: 'object-first', subjectTypes: PERSON_OR_ORG,
    before: TITLE_OF,
    gap: new RegExp(String.raw`^["”’']?${CUE}\s*,\s+$`),
    after: CLOSES, afterIsGuard: true,
    confidence: 0.8,
    why: 'a title naming the organisation, then the name set off by commas: "the spokesman for Y, X,"',
    example: 'the spokesman for the Northern Shield Battalion, Viktor Sokol, said',
  },
  {
    name: 'appositive-org-role',
    predicate: 'by-role', order: 'subject-first', subjectTypes: PERSON_OR_ORG,
    gap: /^\s*,\s+(?:a|an|the)\s+["“‘']?$/,
    after: new RegExp(String.raw`^["”’']?(?:['’]s)?${CUE}\s+(?<mods>(?:${PLAIN_WORD}\s+){0,2})(?<role>${ROLE_ALT})\b`, 'i'),
    confidence: 0.8,
    why: 'an apposition "X, the Y <role>"',
    example: 'Oleg Tarasov, the Green Harbour Movement leader,',
  },
  {
    name: 'founded',
    predicate: 'founder_of', order: 'subject-first', subjectTypes: PERSON,
    gap: new RegExp(String.raw`^(?:\s+|\s*,\s+who\s+)(?:(?:has|had|once|later|then)\s+)?(?:co-?founded|founded|set\s+up|established)\s+${LEAD}$`),
    confidence: 0.8,
    why: '"X founded Y"',
    example: 'Pavel Lunin founded the Rassvet channel',
  },
  {
    name: 'founded-by',
    predicate: 'founder_of', order: 'object-first', subjectTypes: PERSON,
    // `(?:\s*,\s+|\s+)`, not `\s*,?\s+`: a blank run was split two ways there (quadratic, issue 13); the same runs match.
    gap: new RegExp(String.raw`^${CUE}(?:\s*,\s+|\s+)(?:(?:which|that)\s+)?(?:(?:was|is|had\s+been|has\s+been)\s+)?(?:co-?founded|founded|set\s+up|established)\s+(?:(?<detail>in\s+\d{4})\s+)?by\s+(?:the\s+)?(?:${PLAIN_WORD}\s+){0,3}$`),
    confidence: 0.8,
    why: '"Y, founded by X"',
    example: 'the Rassvet channel, founded by the investor Pavel Lunin',
  },
  {
    name: 'joined',
    predicate: 'member_of', order: 'subject-first', subjectTypes: PERSON_OR_ORG,
    gap: new RegExp(String.raw`^(?:\s+|\s*,\s+who\s+)(?:(?:has|had|later|then|also)\s+)?joined\s+${LEAD}$`),
    confidence: 0.7,
    why: '"X joined Y"',
    example: 'Anna Belova joined Civic Dawn',
  },
  {
    name: 'place-based',
    predicate: 'based_in', order: 'object-first', subjectTypes: PERSON_OR_ORG,
    gap: new RegExp(String.raw`^\s*[-–‐]\s*based\s+(?:${WORD}\s+){0,3}["“‘']?$`),
    confidence: 0.85,
    why: '"the Y-based X"',
    example: 'the Novosibirsk-based Northern Shield Battalion',
  },
  {
    name: 'appositive-place-based',
    predicate: 'based_in', order: 'subject-first', subjectTypes: PERSON_OR_ORG,
    gap: /^\s*,\s+(?:a|an|the)\s+$/,
    after: /^\s*[-–‐]\s*based\b/,
    confidence: 0.8,
    why: '"X, a Y-based …"',
    example: 'Viktor Sokol, a Riga-based blogger',
  },
  {
    name: 'based-in',
    predicate: 'based_in', order: 'subject-first', subjectTypes: PERSON_OR_ORG,
    // `(?:city\s*)?`, not `city?\s*`: without the noun, the blanks after "in" split two ways (was quadratic).
    gap: /^(?:\s*,\s+|\s+)(?:(?:which|that|who)\s+(?:is|was|are|were|has\s+been|had\s+been)\s+|(?:is|was|are|were)\s+)?(?:now\s+)?(?:based|headquartered|located)\s+in\s+(?:the\s+)?(?:(?:city|town|village|capital|region)\s*)?(?:of\s+)?$/,
    confidence: 0.8,
    why: '"X, based in Z" / "X is headquartered in Z"',
    example: 'The Northern Shield Battalion, based in Kharkiv',
  },
  {
    name: 'lives-in',
    predicate: 'based_in', order: 'subject-first', subjectTypes: PERSON,
    gap: /^(?:\s*,\s+who\s+|\s+)(?:(?:has|had|now|still)\s+)*(?:lived|lives|been\s+living|is\s+living|was\s+living|resides|resided|settled)\s+(?:(?:permanently|mostly|openly)\s+)?in\s+(?:the\s+)?$/,
    after: /^\s*,?\s*(?<detail>(?:since|for)\s+(?:(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+)?(?:\d{4}|(?:the\s+)?(?:last\s+|past\s+)?(?:two|three|four|five|six|seven|eight|nine|ten|several|many|\d+)\s+years))?/,
    confidence: 0.75,
    why: '"X, who has lived in Z since …"',
    example: 'Stepan Orlov, who has lived in Riga since 2019',
  },
  {
    name: 'appositive-kin',
    predicate: 'relative_of', order: 'subject-first', subjectTypes: PERSON,
    gap: new RegExp(String.raw`^(?:\s*,\s+|\s+(?:is|was)\s+)(?:(?:the|a|an|one\s+of\s+the)\s+)?(?<detail>(?:(?:eldest|elder|younger|youngest|older|oldest|late|only|twin|adopted|estranged|former)\s+)?(?:${KIN_ALT}))\s+of\s+$`),
    confidence: 0.85,
    why: '"X, the son of Y"',
    example: 'Ali Bekov, the younger brother of Timur Bekov',
  },
  {
    name: 'possessive-kin',
    predicate: 'relative_of', order: 'object-first', subjectTypes: PERSON,
    gap: new RegExp(String.raw`^['’]s\s+(?<detail>(?:(?:eldest|elder|younger|youngest|older|oldest|late|only|twin|adopted|estranged|former)\s+)?(?:${KIN_ALT}))(?:\s*,)?\s+$`),
    confidence: 0.85,
    why: '"Y\'s son X"',
    example: "Timur Bekov's brother Ali Bekov",
  },
  {
    name: 'kin-of-then-name',
    predicate: 'relative_of', order: 'object-first', subjectTypes: PERSON,
    before: new RegExp(String.raw`(?:^|\s)(?:the|a)\s+(?<detail>(?:(?:eldest|elder|younger|youngest|older|oldest|late|only)\s+)?(?:${KIN_ALT}))\s+of\s+$`),
    gap: /^\s*,\s+$/,
    after: CLOSES, afterIsGuard: true,
    confidence: 0.8,
    why: '"the son of Y, X,"',
    example: 'the brother of Timur Bekov, Ali Bekov,',
  },
];

/**
 * Continuation of a role: "X was the head of Y and the secretary of Z" gives
 * X a role in Z too. Tried on the gap after an object that a role rule found.
 */
export const COORDINATED_ROLE = new RegExp(String.raw`^(?:\s*,)?\s+(?:and|as\s+well\s+as)\s+(?:(?:also|later|then)\s+)?${DET}${ROLE}\s+${PREP}${SUB}${LEAD}$`);

/**
 * Unnamed relatives in front of a named person: "the sons and two nephews of X".
 * Groups: phrase (the words as written), detail (without a leading "the").
 */
export const UNNAMED_KIN = new RegExp(
  String.raw`(?:^|[^\w’'-])(?<phrase>(?:(?:the|one\s+of\s+the|${NUM}\s+of\s+the|all\s+(?:the\s+)?)\s+|${NUM}\s+)(?<rest>(?:${NUM}\s+)?(?:${KIN_ALT})(?:\s*(?:,|,?\s+and)\s+(?:${NUM}\s+)?(?:${KIN_ALT}))*))\s+of\s+$`,
  'i',
);

/**
 * "the Afghanistan-based group X": the tokenizer keeps "Afghanistan-based" one
 * word, so the place is not a mention here. It is taken when the same name is
 * a PLACE mention elsewhere in the document. Group: place.
 */
export const HYPHEN_BASED_BEFORE = new RegExp(String.raw`(?:^|[\s(“"‘])(?<place>\p{Lu}[\p{L}’'.]*(?:[ -]\p{Lu}[\p{L}’'.]*){0,2})[-‐]based\s+(?:(?:${WORD}|\([^()]{1,30}\))\s+){0,3}["“‘']?$`, 'u');
/** "X, a Riga-based blogger": the same, as an apposition after the subject. Group: place. */
export const HYPHEN_BASED_AFTER = /^\s*,\s+(?:a|an|the)\s+(?<place>\p{Lu}[\p{L}’'.]*(?:[ -]\p{Lu}[\p{L}’'.]*){0,2})[-‐]based\b/u;

/** Sentences without any of these words are skipped before any pair is tried. */
export const TRIGGER = new RegExp(String.raw`\b(?:${ROLE_ALT}|${KIN_ALT}|based|founded|co-founded|set\s+up|established|joined|lived|lives|living|resides|resided|settled|headquartered|located)\b`, 'i');

/** Object types each predicate accepts. */
export const OBJECT_TYPES: Record<Predicate, readonly MentionType[]> = {
  member_of: ['ORG'],
  affiliated_with: ['ORG'],
  leader_of: ['ORG', 'PLACE', 'FACILITY'],
  official_of: ['ORG', 'PLACE', 'FACILITY'],
  founder_of: ['ORG', 'FACILITY'],
  spokesperson_of: ['ORG', 'PLACE', 'FACILITY'],
  relative_of: ['PERSON'],
  based_in: ['PLACE'],
};

/** Predicates whose subject is a person; a weakly typed ORG (≤ WEAK_ORG) is read as a mistyped person. */
export const PERSON_PREDICATES = new Set<Predicate>(['leader_of', 'founder_of', 'official_of', 'spokesperson_of', 'relative_of']);
export const WEAK_ORG = 0.6;
