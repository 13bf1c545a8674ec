import { cutTail, type ActorValue, type Mention, type Span, type TargetValue } from '../model/index.js';
import { TARGET_TYPE_RULES, WEAPON_RULES } from './incident-types.js';
import { PERPETRATOR_NOUNS } from './triggers.js';
import { spanIndex } from '../nlp/span-index.js';
import { matchesOf } from '../nlp/scan.js';
import { FirstStarts, runEnd } from '../nlp/first-starts.js';

export interface RoleFact<T> extends Span {
  value: T;
  reason: string;
  confidence: number;
}

/** A rule's pattern: a RegExp with the g flag, or code that steps as one (FirstStarts). */
type Stepper = Pick<RegExp, 'lastIndex' | 'exec'>;

/** A named-group rule: the whole pattern's first group is the group's name. */
interface GroupRule {
  readonly name: string;
  readonly pattern: Stepper;
  readonly reason: string;
  readonly confidence: number;
}

/** A perpetrator rule: `group` is the capture group that holds the description. */
interface PerpRule extends GroupRule {
  readonly group: number;
}

/** A capital letter: the rules below skip the rest of a run only after a start at one. */
const CAPITAL = /[A-Z]/;
/** Where "X who perpetrated the attack" may begin: a capital, or a count word ("one of the nephews of …"). */
const WHO_STARTS = /\b(?=[A-Z]|(?:one|two|three|some|several|many|both|each) )/g;
/** A word of "X who perpetrated": a run of [\w-], read to its end. */
const WHO_WORD = /[\w-]+/y;
/** A count word that opens "one of the nephews of X". */
const COUNT_HEAD = /(?:[Oo]ne|[Tt]wo|[Tt]hree|[Ss]ome|[Ss]everal|[Mm]any|[Bb]oth|[Ee]ach) /y;

/**
 * After "X who perpetrated" failed at a capital: every later start in the same [\w-] run reads the
 * same first word to the same end and what follows, so it fails too, except a count word that is
 * the run's last segment ("Foo-One of the sons of …"), which opens the other branch.
 */
function whoResume(text: string, at: number): number {
  if (!CAPITAL.test(text[at]!)) return at + 1;
  const end = runEnd(text, at, WHO_WORD);
  const last = at + text.slice(at, end).lastIndexOf('-') + 1;
  COUNT_HEAD.lastIndex = last;
  return last > at && COUNT_HEAD.test(text) ? last : end;
}

/**
 * "The four captured terrorists were all young migrant laborers from Tajikistan": the head, and the
 * description in its two forms, X from/of/in a capitalised place, or members/citizens of Y. The pattern
 * `\b(?:[Tt]he|…)\s+…(?:were|was)\s+(?:all\s+|…)?((?:young|…|[a-z-]+\s+)?[^.;:]*?(?:from|of|in)\s+[A-Z][^.;:,]*?|(?:members?|…) of [^.;:,]+?)(?=[.;:,]|$)`
 * (g) was quadratic (issue 13): every head of a clause looked for "from X" to the clause's end, and a
 * blank run before the description was given back blank by blank, each time looked through again. A
 * blank run there is now taken whole (`\s+(?!\s)`): a description starting among the blanks finds
 * the same "from X" as after them, and none starts with "members".
 */
const COPULA_HEAD = String.raw`\b(?:[Tt]he|[Aa]ll|[Tt]hese|[Tt]hose)\s+(?:\w+\s+){0,2}?(?:attackers|perpetrators|terrorists|gunmen|assailants|suspects|bombers)\s+(?:were|was)\s+(?!\s)(?:all\s+(?!\s)|reportedly\s+(?!\s)|allegedly\s+(?!\s))?`;
const COPULA_FROM = String.raw`(?:young|local|foreign|[a-z-]+\s+(?!\s))?[^.;:]*?(?:from|of|in)\s+[A-Z][^.;:,]*?`;
const COPULA_MEMBERS = String.raw`(?:members?|citizens?|nationals?|natives?|supporters?) of [^.;:,]+?`;
const COPULA = new RegExp(`${COPULA_HEAD}(${COPULA_FROM}|${COPULA_MEMBERS})(?=[.;:,]|$)`, 'y');
/** The same, members only: where "from X" is known to fail. */
const COPULA_MEMBERS_ONLY = new RegExp(`${COPULA_HEAD}(${COPULA_MEMBERS})(?=[.;:,]|$)`, 'y');
const COPULA_HEAD_ONLY = new RegExp(COPULA_HEAD, 'y');
/** Where a head may begin. */
const COPULA_STARTS = /\b(?:[Tt]he|[Aa]ll|[Tt]hese|[Tt]hose)\s/g;
/** Where a clause ends for "from X": [^.;:] does not cross these. */
const CLAUSE_STOP = /[.;:]/g;

/**
 * The copula rule's matches, as the pattern above gave them (exec with the g flag), each clause's
 * "from X" looked for once: where a head failed, "from X" is missing from its description's start to
 * the clause's end, so a later head whose description starts there (its head holds no [.;:]) can
 * only be "members of Y", which is read no further than the next comma.
 */
class CopulaPattern {
  lastIndex = 0;

  exec(text: string): RegExpExecArray | null {
    let noFromAt = Infinity;
    let clauseEnd = -1;
    for (let from = this.lastIndex; from <= text.length; ) {
      COPULA_STARTS.lastIndex = from;
      const head = COPULA_STARTS.exec(text);
      if (!head) break;
      const at = head.index;
      const known = at >= noFromAt && at <= clauseEnd;
      const re = known ? COPULA_MEMBERS_ONLY : COPULA;
      re.lastIndex = at;
      const m = re.exec(text);
      if (m) {
        this.lastIndex = at + m[0].length;
        return m;
      }
      COPULA_HEAD_ONLY.lastIndex = at;
      if (!known && COPULA_HEAD_ONLY.test(text)) {
        const desc = COPULA_HEAD_ONLY.lastIndex;
        CLAUSE_STOP.lastIndex = desc;
        const stop = CLAUSE_STOP.exec(text)?.index ?? text.length;
        noFromAt = stop === clauseEnd ? Math.min(noFromAt, desc) : desc;
        clauseEnd = stop;
      }
      from = at + 1;
    }
    this.lastIndex = 0;
    return null;
  }
}

/** Words a rule's every match holds, written once for the pattern and its FirstStarts gate (`needs`). */
const WHO_DID = String.raw`who (?:perpetrated|carried out|committed|staged) the`;
const CREDIT = String.raw`(?:credit|responsibility)\b`;
const SUSPECTED = String.raw`(?:suspected|believed|thought|blamed)\b`;

/**
 * Perpetrator descriptions. Patterns, each with an example:
 *  - "The four captured terrorists were all young migrant laborers from Tajikistan" (attackers' noun + copula + description)
 *  - "among the attackers were the sons and two nephews of Magomed Omarov"
 *  - "neo-Nazi forces launched an incursion" (subject of an event verb)
 *  - "the attack was carried out by X" / "X claimed responsibility" is left to the claims stage
 *  - "One of the nephews of Omarov who perpetrated the attack"
 */
export const PERP_RULES: readonly PerpRule[] = [
  {
    name: 'among',
    pattern: /\bamong the (?:attackers|perpetrators|terrorists|gunmen|assailants|suspects) (?:were|was) ([^.;:]+?)(?=[.;:]|, (?:a|an|the|who|which)\b|$)/gi,
    group: 1, reason: 'rule: "among the attackers were …"', confidence: 0.8,
  },
  {
    name: 'copula',
    pattern: new CopulaPattern(),
    group: 1, reason: 'rule: "the attackers were …"', confidence: 0.75,
  },
  {
    name: 'who-perpetrated',
    // Was this pattern as a literal (g), quadratic on a long hyphenated run ("O-O-O-…"): tried at the run's first capital only.
    pattern: new FirstStarts(String.raw`\b((?:[Oo]ne|[Tt]wo|[Tt]hree|[Ss]ome|[Ss]everal|[Mm]any|[Bb]oth|[Ee]ach) of the [a-z]+ of [A-Z][\w-]+(?: [A-Z][\w-]+)?|[A-Z][\w-]+(?: [A-Z][\w-]+)?) ${WHO_DID} (?:attack|bombing|shooting|massacre)`, 'g', WHO_STARTS, whoResume, new RegExp(WHO_DID, 'i')),
    group: 1, reason: 'rule: "X who perpetrated the attack"', confidence: 0.75,
  },
  {
    name: 'event-verb-subject',
    pattern: /(?:^|[,;:]\s*|\b(?:and|when|after|as)\s+)((?:[A-Za-z-]+\s+){0,3}?(?:forces|militants|fighters|gunmen|rebels|insurgents|troops|militias?|groups?|units?|[A-Z][\w-]+))\s+(?:launched|carried out|staged|mounted|committed|perpetrated)\s+(?:an?|the|their)\s+(?:\w+\s+){0,2}?(?:incursions?|attacks?|raids?|bombings?|assaults?|offensive)/g,
    group: 1, reason: 'rule: subject of "launched/carried out … attack"', confidence: 0.7,
  },
  {
    name: 'by',
    pattern: /\b(?:attacks?|bombings?|shootings?|incursions?|massacre)\s+(?:was|were|had been|has been)\s+(?:\w+ly\s+)?(?:carried out|perpetrated|committed|launched|staged)\s+by\s+([^.;:,]+)/gi,
    group: 1, reason: 'rule: "… was carried out by X"', confidence: 0.8,
  },
];

/** A proper group name: capitalised words joined by "of", "for", "and", "the", with an optional "(ABBR)". */
const GROUP_NAME = "((?:[Tt]he\\s+)?[A-Z][\\w'’-]*(?:\\s+(?:of|for|and|de|la|del|the|[A-Z][\\w'’-]*))*\\s+[A-Z][\\w'’-]*(?:\\s+\\([A-Z][A-Za-z-]{1,9}\\))?)";

/** Where a name that opens a match (not after a cue) may begin: a capital, or the "the" before one. */
const NAME_STARTS = /[A-Z]|the\s/g;
/** A name word's characters, read to the run's end. */
const NAME_WORD = /[\w'’-]+/y;
/** A further word of a name: a joining word, or a capitalised word read to its run's end. */
const NAME_LINK = /\s+(?:(?:of|for|and|de|la|del|the)(?=\s)|[A-Z][\w'’-]*)/y;

/**
 * After "X claimed credit" (or "X is suspected") failed at a capital: a start later in the name's
 * words (a capital, or "the" before one) reads a part of what this start read, with the same words
 * after it, and the name takes any number of words; so each would fail too. The next start worth
 * trying is past the last word the name could take. After a "the" before a name, only the next one.
 * Quadratic before (a start at every word of "Ay Ay Ay …", each read to the end).
 */
function nameResume(text: string, at: number): number {
  if (!CAPITAL.test(text[at]!)) return at + 1;
  let end = runEnd(text, at, NAME_WORD);
  for (;;) {
    NAME_LINK.lastIndex = end;
    if (!NAME_LINK.test(text)) return end;
    end = NAME_LINK.lastIndex;
  }
}

/**
 * Named groups that claim or carry out an incident. Each is a group (kind 'group'), so the GTD
 * export's gname comes from it. Examples (our own words):
 *  - "The Northern Liberation Front claimed credit for the bombing"
 *  - "suspected members of the Red Dawn Brigade firebombed …", "a member of the Red Dawn Brigade placed …"
 *  - "a group called Free Valley Resistance claimed …"
 *  - "The Red Dawn Brigade is suspected of planting …"
 */
export const GROUP_RULES: readonly GroupRule[] = [
  { name: 'claimed', pattern: new FirstStarts(`${GROUP_NAME}\\s+(?:(?:later|subsequently|also)\\s+)?(?:claimed|claims|has claimed|took|accepted)\\s+${CREDIT}`, 'g', NAME_STARTS, nameResume, new RegExp(CREDIT, 'i')), reason: 'rule: "X claimed credit/responsibility"', confidence: 0.85 },
  { name: 'members-of', pattern: new RegExp(`\\b(?:[Mm]embers?|[Aa]ctivists?|[Mm]ilitants?|[Ss]upporters?) of (?:an?\\s+(?:[a-z-]+\\s+)?group called\\s+)?${GROUP_NAME}`, 'g'), reason: 'rule: "members of the X"', confidence: 0.75 },
  { name: 'group-called', pattern: new RegExp(`\\b(?:group|organi[sz]ation) (?:called|named|known as)\\s+${GROUP_NAME}`, 'g'), reason: 'rule: "a group called X"', confidence: 0.75 },
  { name: 'suspected', pattern: new FirstStarts(`${GROUP_NAME}\\s+(?:is|was|were|are)\\s+(?:\\w+ly\\s+)?${SUSPECTED}`, 'g', NAME_STARTS, nameResume, new RegExp(SUSPECTED, 'i')), reason: 'rule: "X is suspected of …"', confidence: 0.65 },
];

/** Words that begin a capitalised run but are no group: sentence-initial "Unknown", "Police", "Authorities". */
const NOT_GROUP = /^(?:the\s+)?(?:unknown|unidentified|police|authorities|officials?|witnesses|investigators|he|she|they|it)\b/i;
/** "Members of the X claimed …": the group is X, so the lead-in goes ("Suspected members of the Red Dawn Brigade"). */
const MEMBERS_OF_LEAD = /^(?:(?:[Ss]uspected|[Aa]lleged)\s+)?(?:[Mm]embers?|[Ss]upporters?|[Aa]ctivists?)\s+of\s+/;
/** A leading article, dropped from a group's name ("The Northern Liberation Front"). */
const LEADING_THE = /^[Tt]he\s+/;
/** Words split on whitespace ("Red Dawn Brigade" has three). */
const WHITESPACE = /\s+/;
/** Runs of whitespace, collapsed to one space ("young  migrant\nlaborers"). */
const WHITESPACE_RUN = /\s+/g;
/** People named by kinship or membership are individuals even beside an ORG: "the sons of Magomed Omarov", "members of Rusich". */
const INDIVIDUALS_WORDS = /\b(?:sons?|nephews?|members?|brothers?|men|women|laborers|labourers|workers|migrants)\b/i;
/** Collective nouns that make a perpetrator a group: "neo-Nazi forces", "armed militants". */
const GROUP_WORDS = /\b(forces|militants|fighters|groups?|units?|militias?|rebels|insurgents)\b/i;

/**
 * Each rule's matches in text order, rule after rule: the order these facts have always been listed
 * in (scan's, sorted by rule then start). Its loop, written here: some patterns are FirstStarts.
 */
function ruleMatches<R extends { readonly pattern: Stepper }>(s: string, rules: readonly R[]): { rule: R; match: RegExpExecArray }[] {
  const out: { rule: R; match: RegExpExecArray }[] = [];
  for (const rule of rules) {
    const re = rule.pattern;
    re.lastIndex = 0;
    for (let m = re.exec(s); m; m = re.exec(s)) {
      if (m[0].length === 0) re.lastIndex++;
      else out.push({ rule, match: m });
    }
  }
  return out;
}

function findGroups(text: string, seg: Span): RoleFact<ActorValue>[] {
  const s = text.slice(seg.start, seg.end);
  const out: RoleFact<ActorValue>[] = [];
  for (const { rule, match: m } of ruleMatches(s, GROUP_RULES)) {
    const g = m[1]!;
    // "Members of the X claimed …": the group is X.
    const name = g.replace(MEMBERS_OF_LEAD, '').replace(LEADING_THE, '').trim();
    if (NOT_GROUP.test(name) || name.split(WHITESPACE).length < 2) continue;
    const start = seg.start + m.index + m[0].indexOf(g) + (g.length - name.length);
    out.push({ start, end: start + name.length, value: { name, kind: 'group', origin: null }, reason: rule.reason, confidence: rule.confidence });
  }
  return out;
}

export function findPerpetrators(text: string, seg: Span, mentions: readonly Mention[]): RoleFact<ActorValue>[] {
  const s = text.slice(seg.start, seg.end);
  const out: RoleFact<ActorValue>[] = findGroups(text, seg);
  for (const { rule, match: m } of ruleMatches(s, PERP_RULES)) {
    const g = m[rule.group];
    if (!g) continue;
    const desc = g.trim().replace(WHITESPACE_RUN, ' ');
    if (desc.length < 3) continue;
    const start = seg.start + m.index + m[0].indexOf(g) + (g.length - g.trimStart().length);
    const end = start + g.trim().length;
    const inside = spanIndex(mentions).inside({ start, end });
    const org = inside.find((x) => x.type === 'ORG');
    const person = inside.find((x) => x.type === 'PERSON');
    const place = inside.find((x) => (x.type === 'PLACE' && x.place?.featureCode.startsWith('PCL')) || x.type === 'NORP');
    const origin = place ? (place.place?.countryName ?? place.text) : null;
    const kind: ActorValue['kind'] = org && !INDIVIDUALS_WORDS.test(desc) ? 'group' : GROUP_WORDS.test(desc) ? 'group' : 'individual';
    out.push({
      start, end,
      value: { name: desc, kind, origin },
      reason: rule.reason + (person ? `; names ${person.text}` : '') + (org ? `; names ${org.text}` : ''),
      confidence: rule.confidence,
    });
  }
  return out;
}

/** A trailing parenthesis, closed or cut off, ends no target: "two synagogues (one of which …". */
// Was `/\s*\([^)]*\)?\s*$/` (cubic): a blank run is entered at its first blank, a "(" is tried only as the
// first since the last parenthesis (a later one finds what it finds), and the text up to ")" is read once.
const TRAILING_PARENTHESIS = /(?<!\s)\s*\((?<!\([^()]*\()[^)]*(?:\)\s*)?$/;
/** Trailing commas and spaces left by the list split: "a traffic patrol post, ". */
// Entered at the run's first character only (the lookbehind): tried from each, it was quadratic.
const TRAILING_COMMA_SPACE = /(?<![,\s])[,\s]+$/;
/** A participle the object phrase stopped at ("by" ends it) is no part of the target: "a market used [by soldiers]", "a shop owned [by …]". */
// A blank run is entered at its first blank only (the lookbehind): tried from each blank of a long run, it was quadratic.
const TRAILING_PARTICIPLE = /(?<!\s)\s+(?:used|owned|run|operated|frequented|occupied|housed|guarded|managed|built|located)$/i;
/**
 * Pronouns, relative pronouns and "the country" name no target: "attacked it", "struck the country",
 * "attacked them in Soyapango", "the attack in which five soldiers were killed".
 */
const PRONOUN_TARGET = /^(?:(?:it|them|him|her|us|they|he|she|which|who|whom|whose|that)\b|the country$)/i;
/** A territory is where, not what: "attacked Ukrainian territory". */
const TERRITORY = /\bterritor(?:y|ies)\b/i;
/** A finite verb means a clause was caught, not a target: "the attackers sought …", "it was …". */
const CLAUSE_VERB = /\b(?:sought|said|were|was|is|are|have|has|had|will|would)\b/i;
/** A part of a facility whose own words give no (or only a generic) type: "the Science Building", "Sumner Hall". */
const FACILITY_PART_END = /\b(?:hall|building|offices?|center|centre|library|rink|restroom|gymnasium)\s*$/i;
/** The larger facility after a part of it: "… at California State University", "… of Tamalpais High School". */
// `^(?:\s*,\s*|\s+at\s+)`, not `^\s*(?:,\s*|\s+at\s+)`: the leading blanks split two ways (was quadratic).
const OUTER_FACILITY = /^(?:\s*,\s*|\s+(?:at|of|on the campus of|located within|within)\s+)(?:the\s+)?([A-Z][^,.;]{2,60})/;
/** How far past a target (characters) its larger facility is looked for: the phrase above takes at most ~75. */
const OUTER_FACILITY_WINDOW = 80;
/** A plural ending, dropped to compare heads: "synagogues" / "synagogue", "churches" / "church". */
const PLURAL_END = /e?s$/;

/**
 * A verb that takes the target as its object, and the list after it: "targeted A, B and C". Also the
 * GTD-style verbs: "bombed the Argyle Building", "firebombed a draft board office", "set fire to four
 * buildings", "ambushed a police wagon". Initialisms keep their dots ("R.O.T.C.").
 */
const TARGET_VERB_OBJECT = /\b(?:targeted|targeting|attacked|struck|hit|stormed|bombed|firebombed|fire-bombed|set fire to|burned|burned down|torched|ambushed|shot at|vandalized|ransacked)\s+((?:(?:[A-Z]\.)+|[^.;:])+)/i;
/** A relative clause in the list is no target: "one of which was …", "which housed …". */
const RELATIVE_OF_WHICH = /^(?:one|two|some|all|both) of (?:which|whom)\b/i;
const RELATIVE_WHICH = /^(?:which|who)\b/i;
/** An item ends at a trailing phrase: "a checkpoint during the night", "the post, killing two". */
const ITEM_TRAILING_PHRASE = /(?<!\s)\s+(?:during|in order|killing|leaving|after|before|with)\b/gi;
/**
 * An item less its trailing phrase, as `.replace(/\s+(?:during|…|with)\b.*$/i, '')` cut it (cutTail; a
 * blank run is entered at its first blank).
 */
function withoutTrailingPhrase(s: string): string {
  return cutTail(s, ITEM_TRAILING_PHRASE);
}

/** A word of a target's name after the incident word; initialisms keep their dots ("the Air Force R.O.T.C."). */
const TARGET_WORD = "(?:(?:[A-Z]\\.){2,}|[\\w’'&-]+)";
/**
 * The blanks after a word of the object, where `\\s+` was: the whole run, else the run less its last
 * blank, the two ends `\\s+` could stop at that differ (quadratic as `\\s+`, issue 13: from each blank
 * of a long run the end test read the rest of it; 20 000 blanks took 4.7 s). A shorter stop leaves
 * the object ending among blanks, where the end test reads what follows the run, as at the run less
 * one; so if that one failed, every shorter one does. Same matches and groups.
 */
const WORD_GAP = String.raw`(?:\s*(?:\s(?!\s)|(?<=\s)(?=\s(?!\s))))`;
/**
 * The object right after the incident word: "attack on X", "bombing of X", "detonated a bomb at a factory",
 * "threw a firebomb into the house of …", "placed a bomb in the parking lot of the police department",
 * "a bomb outside of the Army Reserve Building". It ends at punctuation or a word that starts another phrase.
 */
export const OBJECT_AFTER_TRIGGER = new RegExp(`^\\s+(?:on|of|against|at|into|inside|in front of|outside(?: of)?|through|to|in)${WORD_GAP}((?:the${WORD_GAP})?(?:${TARGET_WORD}${WORD_GAP}){0,7}?${TARGET_WORD}?)(?=\\s*[,.;:]|\\s+(?:in|near|on|at|which|that|who|and the|by|with|was|were|has|had|killed|leaving|during|before|after|but)\\b|$)`);
/** The subject of a passive incident verb: "a store owned by Tajik citizens was set on fire", "In Kursk, the office was shelled". */
const PASSIVE_HEAD = /(?:^|[,;]\s*|\b(?:In|in) [A-Z][\w-]+,\s*)(a|an|the|two|three|several)(?=\s)/g;
/** The passive incident verb after the subject, at one place (sticky). */
const PASSIVE_VERB = /\s+(?:was|were|had been|has been)\s+(?:\w+ly\s+)?(?:set on fire|set alight|torched|bombed|attacked|shelled|burned down)/y;
const BLANK = /\s/;
/** Marks a subject does not cross. */
const CLAUSE_MARKS = ',.;';
/** The subject after its determiner and blanks: 2 to 60 characters. */
const SUBJECT_MIN = 2;
const SUBJECT_MAX = 60;

function verbAt(s: string, at: number): number {
  PASSIVE_VERB.lastIndex = at;
  return PASSIVE_VERB.exec(s) ? PASSIVE_VERB.lastIndex : -1;
}

/**
 * Where the subject after a determiner ends (its blanks run from `det` to `run`), as the lazy
 * `\s+[^,.;]{2,60}?` before the verb chose it: first the words after all the blanks, the shortest that
 * the verb follows; else, blanks given back one at a time, the longest. Only the first blank of a run is
 * tried as an end (a later one gives the same verb, and a shorter end is chosen first).
 */
function passiveSubjectEnd(s: string, det: number, run: number): number {
  let mark = run;
  while (mark < s.length && mark < run + SUBJECT_MAX && !CLAUSE_MARKS.includes(s[mark]!)) mark++;
  for (let end = run + SUBJECT_MIN; end <= mark; end++) {
    if (end > run + SUBJECT_MIN && BLANK.test(s[end - 1]!)) continue;
    if (verbAt(s, end) >= 0) return end;
  }
  if (run - det >= SUBJECT_MIN && run < s.length && !CLAUSE_MARKS.includes(s[run]!) && verbAt(s, run + 1) >= 0) return run + 1;
  if (run - det >= SUBJECT_MIN + 2 && verbAt(s, run - 1) >= 0) return run - 1;
  return -1;
}

/**
 * "a store owned by Tajik citizens was set on fire": the match and the subject that
 * `/(?:^|[,;]\s*|\b(?:In|in) [A-Z][\w-]+,\s*)((?:a|an|the|two|three|several)\s+[^,.;]{2,60}?)\s+(?:was|…)\s+(?:\w+ly\s+)?(?:set on fire|…)/`
 * found, in linear time: that pattern split the blank run after the determiner three ways (cubic; 16 000
 * blanks took 18 s).
 */
export function passiveSubject(s: string): { index: number; match: string; subject: string } | null {
  for (const head of s.matchAll(PASSIVE_HEAD)) {
    const det = head.index + head[0].length;
    let run = det;
    while (run < s.length && BLANK.test(s[run]!)) run++;
    const end = passiveSubjectEnd(s, det, run);
    if (end < 0) continue;
    return { index: head.index, match: s.slice(head.index, verbAt(s, end)), subject: s.slice(det - head[1]!.length, end) };
  }
  return null;
}

/** What the target finder reads and the targets found so far. */
interface TargetCtx {
  text: string;
  seg: Span;
  mentions: readonly Mention[];
  dateSpans: readonly Span[];
  out: RoleFact<TargetValue>[];
}

/** The last word of a name, lower-cased and singular: one target named twice shares it. */
function headWord(x: string): string {
  return (x.toLowerCase().split(WHITESPACE).pop() ?? '').replace(PLURAL_END, '');
}

/** Is `t` (starting at `start`) no target: a pronoun, the attackers, a territory, a clause, a place or a date? */
function notATarget(ctx: TargetCtx, start: number, t: string): boolean {
  if (t.length < 3 || PRONOUN_TARGET.test(t)) return true;
  // Not targets: the attackers themselves ("attack of militants"), a territory, a date, a long clause.
  if (PERPETRATOR_NOUNS.test(t) || TERRITORY.test(t) || t.split(WHITESPACE).length > 8) return true;
  if (CLAUSE_VERB.test(t)) return true;
  // "the Russian Belgorod region" names where, not what.
  if (spanIndex(ctx.mentions).startingIn(start, start + t.length).some((x) => x.type === 'PLACE' && x.end >= start + t.length - 1)) return true;
  if (spanIndex(ctx.dateSpans).containing(start).length) return true;
  // A bare place is a location, not a target.
  const asMention = spanIndex(ctx.mentions).startingIn(start, start).find((x) => x.end === start + t.length);
  return !!asMention && (asMention.type === 'PLACE' || asMention.type === 'NORP');
}

/** The GTD target-type rule for target `t` at `start`, or for the larger facility it is part of. */
function targetTypeRule(ctx: TargetCtx, start: number, t: string): (typeof TARGET_TYPE_RULES)[number] | undefined {
  let rule = TARGET_TYPE_RULES.find((r) => r.pattern.test(t));
  // A part of a larger facility takes the facility's type when its own words give none or only a generic
  // one: "the Science Building at California State University", "Sumner Hall at Pomona College", "a men's
  // restroom of Tamalpais High School", "the Ingalls Skating Rink at Yale University".
  if (!rule || FACILITY_PART_END.test(t)) {
    const of = OUTER_FACILITY.exec(ctx.text.slice(start + t.length, Math.min(ctx.seg.end, start + t.length + OUTER_FACILITY_WINDOW)));
    const outer = of ? TARGET_TYPE_RULES.find((r) => r.pattern.test(of[1]!)) : undefined;
    if (outer && outer.type !== 'Private Citizens & Property') rule = outer;
  }
  return rule;
}

/** Add the target at [start, end) unless it is none or already named; the reason says which rule found it. */
function addTarget(ctx: TargetCtx, start: number, end: number, reason: string, confidence: number): void {
  // Trim a trailing relative clause or parenthesis: "two synagogues, one of which …"
  const t = ctx.text.slice(start, end).replace(TRAILING_PARENTHESIS, '').replace(TRAILING_COMMA_SPACE, '').replace(TRAILING_PARTICIPLE, '');
  if (notATarget(ctx, start, t)) return;
  const rule = targetTypeRule(ctx, start, t);
  // One target named twice ("two synagogues" … "Jewish synagogues") is kept once.
  if (ctx.out.some((o) => headWord(o.value.name) === headWord(t))) return;
  ctx.out.push({ start, end: start + t.length, value: { name: t, gtdTargetType: rule?.type ?? 'Unknown' }, reason: `${reason}; type: ${rule ? rule.reason : 'no type word'}`, confidence });
}

/** 1. The objects of "targeted A, B and C" (and the GTD-style verbs), item by item. */
function verbObjectTargets(ctx: TargetCtx, s: string): void {
  const tg = TARGET_VERB_OBJECT.exec(s);
  if (!tg) return;
  const listStart = ctx.seg.start + tg.index + tg[0].length - tg[1]!.length;
  for (const p of splitList(tg[1]!)) {
    if (RELATIVE_OF_WHICH.test(p.text) || RELATIVE_WHICH.test(p.text)) continue;
    // Cut an item at a trailing phrase: "a checkpoint during the night".
    const cut = withoutTrailingPhrase(p.text);
    // A list ends where a clause starts: "…, the attackers sought …".
    if (cut.split(WHITESPACE).length > 6) break;
    addTarget(ctx, listStart + p.offset, listStart + p.offset + cut.length, 'rule: object of "targeted"', 0.8);
  }
}

/**
 * Targets. Patterns, each with an example:
 *  - "The attackers targeted two Orthodox churches, two synagogues, … and a traffic patrol post" (a list after "targeted")
 *  - "the terrorist attack on the Kerch Bridge" / "the bombing of the Nord Stream gas pipeline" (after the trigger)
 *  - "a store owned by Tajik citizens was set on fire" (subject of a passive arson verb)
 *  - "the attack … in the Crocus City concert hall" (a facility named in the incident's clause)
 */
export function findTargets(text: string, seg: Span, trigger: Span | null, mentions: readonly Mention[], dateSpans: readonly Span[] = []): RoleFact<TargetValue>[] {
  const s = text.slice(seg.start, seg.end);
  const ctx: TargetCtx = { text, seg, mentions, dateSpans, out: [] };
  // 1. "targeted A, B and C", "bombed the Argyle Building"
  verbObjectTargets(ctx, s);
  // 2. "attack on X", "bombing of X", "attack against X"
  if (trigger) {
    const on = OBJECT_AFTER_TRIGGER.exec(text.slice(trigger.end, seg.end));
    if (on) {
      const g = on[1]!;
      const start = trigger.end + on[0].length - g.length;
      addTarget(ctx, start, start + g.length, 'rule: object after the incident word', 0.7);
    }
  }
  // 3. "X was set on fire" — the subject of a passive incident verb.
  const pas = passiveSubject(s);
  if (pas) {
    const g = pas.subject;
    const start = seg.start + pas.index + pas.match.indexOf(g);
    addTarget(ctx, start, start + g.length, 'rule: subject of a passive incident verb', 0.75);
  }
  // 4. A facility named in the clause is a target unless something else is.
  if (ctx.out.length === 0 && trigger) {
    const fac = spanIndex(mentions).inside(seg).find((m) => m.type === 'FACILITY');
    if (fac) addTarget(ctx, fac.start, fac.end, 'rule: facility named in the incident clause', 0.6);
  }
  return ctx.out;
}

/** Parentheses inside a list, blanked out (offsets kept): "two synagogues (one of them in Derbent)". */
// A "(" is tried only as the first since the last parenthesis: a later one lies inside what the first
// blanked, or finds no ")" as the first found none (tried from every "(", a run of them was quadratic).
const PARENTHESES = /\((?<!\([^()]*\()[^)]*\)/g;
/** One comma-separated part of a list. */
const COMMA_PART = /[^,]+/g;
/** A part's leading conjunction and spaces: "and a traffic patrol post" → "a traffic patrol post". */
const LEADING_CONJUNCTION = /^\s*(?:and|or)?\s*/;
/** "two synagogues and a post" inside one comma part. */
// A blank run is entered at its first blank only (the lookbehind): tried from each blank of a long run, it was quadratic.
const AND_SPLIT = /(?<!\s)\s+and\s+/;
/** Each " and " the split above removes is assumed five characters long when offsets are counted on. */
const AND_SEPARATOR_LENGTH = 5;

function splitList(list: string): { text: string; offset: number }[] {
  const out: { text: string; offset: number }[] = [];
  // Drop parentheses first but keep offsets: replace them with spaces.
  const masked = list.replace(PARENTHESES, (m) => ' '.repeat(m.length));
  for (const m of matchesOf(masked, COMMA_PART)) {
    let part = m[0];
    let off = m.index;
    // "and a traffic patrol post" → "a traffic patrol post"
    const lead = LEADING_CONJUNCTION.exec(part)![0];
    off += lead.length;
    part = part.slice(lead.length).trimEnd();
    // "two synagogues and a post" inside one comma part
    const andSplit = part.split(AND_SPLIT);
    let o = off;
    for (const a of andSplit) {
      if (a.trim()) out.push({ text: a.trim(), offset: o });
      o += a.length + AND_SEPARATOR_LENGTH;
    }
  }
  return out;
}

/** "weapons" in "nuclear weapons" is about policy, not the incident. */
const NUCLEAR = /\bnuclear\b/i;
/** How far before a weapon word (characters) "nuclear" is looked for: the word and a space or two. */
const NUCLEAR_LOOKBEHIND = 12;

export function findWeapons(text: string, seg: Span): RoleFact<string>[] {
  const s = text.slice(seg.start, seg.end);
  const out: RoleFact<string>[] = [];
  for (const rule of WEAPON_RULES) {
    const re = new RegExp(rule.pattern.source, 'gi');
    const m = re.exec(s);
    if (!m) continue;
    // "weapons" in "nuclear weapons" or "weapons supplied by" are about policy, not the incident.
    if (NUCLEAR.test(s.slice(Math.max(0, m.index - NUCLEAR_LOOKBEHIND), m.index))) continue;
    out.push({ start: seg.start + m.index, end: seg.start + m.index + m[0].length, value: rule.type, reason: `rule: ${rule.reason} ("${m[0]}")`, confidence: 0.8 });
  }
  return out;
}

export { PERPETRATOR_NOUNS };
