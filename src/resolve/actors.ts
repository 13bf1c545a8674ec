import { matchesOf } from '../nlp/scan.js';
import { RIOT_CUES } from '../classify/acled-type.js';
import { readFileSync } from 'node:fs';
import { findRepoFile } from '../learn/model-file.js';
import type { DateValue, IncidentReport, Span } from '../model/index.js';
import type { Gazetteer } from '../nlp/gazetteer/index.js';
import { isoOfDate } from '../model/index.js';
import { PrefixedNoun } from './prefixed-noun.js';

/**
 * Actors as ACLED codes them: a canonical name, an inter code (1 state forces, 2 rebel groups,
 * 3 political militias, 4 identity militias, 5 rioters, 6 protesters, 7 civilians, 8 other, such
 * as foreign forces) and the words the name was read from.
 *
 * Three sources, tried in this order on the incident's sentence:
 *  1. the lexicon that `npm run train -- --task actors` builds from ACLED's coded actors
 *     (data/lexicons/actors.json): named groups and parties with their aliases;
 *  2. patterns over any country (FORCE_NOUNS, UNIDENTIFIED_NOUNS, ethnic militias, families
 *     such as "Pastoralists (Benin)"), with the country from a demonym or country name before
 *     the noun ("Nigerien soldiers"), else the event's own country;
 *  3. the codebook's conventions by event type: a protest's actor1 is "Protesters (Country)", a
 *     riot's "Rioters (Country)", and violence against civilians has "Civilians (Country)" as actor2.
 */
export interface AcledActor {
  name: string;
  inter: number;
  reason: string;
  /** The words it was read from, when the text names it. */
  evidence: Span | null;
  /** Read from a name (the lexicon's groups, an ethnic name), not from a pattern such as "gunmen" or "soldiers". */
  named?: boolean;
  /** The group the text named, when ACLED codes it as this actor's associate (Katiba Macina under JNIM). */
  associate?: string;
}

interface LexiconActor { name: string; inter: number; events: number; aliases: string[]; span?: [string, string]; country?: string; parent?: { name: string; since: string } }

export interface LexiconFile {
  actors: LexiconActor[];
  /** "A and/or B": ACLED's name when a note cannot tell which of two groups acted. */
  compounds?: { name: string; parts: string[]; inter: number; events: number }[];
  /** Units ACLED names after a state's forces: "Police Forces of Burkina Faso Gendarmerie". */
  units?: { unit: string; kind: 'Military' | 'Police'; events: number }[];
  families: { base: string; inter: number; events: number }[];
  ethnic: string[];
}

/** Words notes use for a unit besides its own name and initials ("gendarmes" for the Gendarmerie). */
const UNIT_WORDS: Readonly<Record<string, string>> = {
  'Gendarmerie': 'gendarmes?|gendarmerie',
  'Forest Guards': 'forest (?:guards?|rangers?)|forestry agents?',
  'Prison Guards': 'prison (?:guards?|warders?|wardens?|officers?)|warders?',
  'Special Forces': 'special forces|commandos?',
  'Afghan Local Police': 'Afghan Local Police|local police|ALP',
};

/** The words that name a unit in a note: its own name (plural or not), its initials, UNIT_WORDS. */
function unitPattern(unit: string): string {
  const own = unit.split(' ').map((w) => escapeRe(w.replace(/s$/, ''))).join('\\s+') + 's?';
  const words = unit.split(' ').filter((w) => /^[A-Z]/.test(w));
  const initials = words.length >= 3 ? `|${words.map((w) => w[0]).join('')}` : '';
  return `${own}${initials}${UNIT_WORDS[unit] ? `|${UNIT_WORDS[unit]}` : ''}`;
}

/** What a mention is read against: the event's country and its date (ISO, as precise as known; '' when unknown). */
export interface MentionContext { country: string; date: string }

interface Matcher {
  /** A pattern with the g flag, or code that steps as one (PrefixedNoun). */
  re: Pick<RegExp, 'lastIndex' | 'exec'>;
  /** Named actors from the lexicon (may be joined into "A and/or B"); patterns are not. */
  named?: boolean;
  build: (m: RegExpExecArray, ctx: MentionContext) => { name: string; inter: number; reason: string; associate?: string } | null;
}

/** Words between two named groups that make ACLED's uncertain attribution: "JNIM and/or ISGS", "ISGS or JNIM". */
const EITHER_JOIN = /^\s*(?:and\/or|or|\/)\s*$/i;

/** Nouns for a state's forces; the first word list decides military or police. */
const MILITARY_NOUNS = 'soldiers?|troops|army|military|armed forces|security forces|forces|servicem[ae]n|navy|air force|marines|militaries|defen[cs]e forces|security personnel|security operatives';
const POLICE_NOUNS = 'police(?:m[ae]n| officers?| forces?)?|gendarmes?|gendarmerie|constables?|anti-riot police|riot police';
/** Nouns for armed people nobody names. */
const UNIDENTIFIED_NOUNS = '(?:unidentified|unknown|suspected|masked|armed)\\s+(?:gunm[ae]n|armed (?:men|group|individuals)|assailants|attackers|men|persons|individuals|militants)|(?:an?\\s+)?(?:unknown\\s+|unidentified\\s+)?group of (?:armed\\s+)?(?:men|people|youths|individuals)|gunm[ae]n|bandits|armed men|assailants|armed robbers|kidnappers';
/** Nouns after an ethnic name that make it a militia: "Fulani herdsmen", "Pokot raiders". */
const ETHNIC_NOUNS = 'herders?|herdsm[ae]n|pastoralists|militia(?:s|men)?|youths?|men|gunm[ae]n|(?:cattle\\s+)?raiders|attackers|fighters|community members|clansmen|warriors|bandits';
/** Verbs after a bare ethnic name that make its people the attackers: "Pokot raid Turkana villages", "Suspected Fulani attack". */
const ETHNIC_VERBS = 'attack(?:s|ed)?|raid(?:s|ed)?|kill(?:s|ed)?|invade[sd]?|ambush(?:es|ed)?|stormed|abduct(?:s|ed)?|shot|clash(?:es|ed)?|battled?|fight|fought';

/**
 * A force noun with the demonym or country before it, group 1: "Nigerien soldiers", "Burkina Faso army".
 * Was `(?:\b([A-Z][\w'-]+(?:\s+[A-Z][\w'-]+)?)\s+)?\b(?:NOUNS)\b` (gi), quadratic on a long hyphenated
 * run; PrefixedNoun gives the same matches by code.
 */
const forceNoun = (nouns: string): PrefixedNoun => new PrefixedNoun({ noun: nouns, ignoreCase: true, moreWords: 1, nameOptional: true, captureNoun: false });


function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The country a word before a force noun names: "Nigerien" → Niger, "Kenyan" → Kenya, "Mali" → Mali. */
function countryOfWord(words: string | undefined, gaz: Gazetteer): string | null {
  if (!words || !/^[A-Z]/.test(words)) return null;
  const parts = words.split(/\s+/);
  for (const w of [words, parts[parts.length - 1]!, parts[0]!]) {
    const c = gaz.demonym(w) ?? gaz.country(w);
    if (c) return c.name;
  }
  return null;
}

/** Days from an ISO date to a span of ISO dates (0 inside it). */
function daysOutside(date: string, span: [string, string]): number {
  const t = Date.parse(date.length === 4 ? `${date}-07-01` : date.length === 7 ? `${date}-15` : date);
  const [a, b] = span.map((d) => Date.parse(d));
  if (Number.isNaN(t) || Number.isNaN(a!) || Number.isNaN(b!)) return Infinity;
  return t < a! ? (a! - t) / 86_400_000 : t > b! ? (t - b!) / 86_400_000 : 0;
}

/** Of the actors an alias names, the one coded nearest the date (by events when no date tells them apart). */
function actorAt(as: readonly LexiconActor[], date: string): LexiconActor {
  if (as.length === 1 || !date) return as[0]!;
  return [...as].sort((x, y) => (x.span ? daysOutside(date, x.span) : Infinity) - (y.span ? daysOutside(date, y.span) : Infinity) || y.events - x.events)[0]!;
}

/**
 * A group the lexicon does not know, named as the text names it before a fighters' noun: "Taliban
 * militants" → Taliban. ACLED names most armed groups by their own name, so the name as written is
 * the best guess for a group train never saw. Inter 2 (rebels) unless the noun says militia (3).
 */
// Was /\b([A-Z][\w'-]+(?:\s+[A-Z][\w'-]+){0,3})\s+(militants?|…)\b/g, quadratic on a long hyphenated run; same matches by code.
const UNKNOWN_GROUP = new PrefixedNoun({ noun: 'militants?|fighters?|rebels?|insurgents?|jihadists?|militia(?:men)?', ignoreCase: false, moreWords: 3, nameOptional: false, captureNoun: true });
/** Raiders nobody names: an ethnic militia in ACLED's coding, unlike gunmen (an unidentified armed group). */
const RAIDERS = /\b(?:cattle\s+)?raiders\b/gi;
/** Capitalised words before a fighters' noun that are no group's name. */
const NOT_A_GROUP_NAME = /^(?:The|A|An|Suspected|Presumed|Alleged|Armed|Islamist|Unidentified|Unknown|Local|Some|Several|Two|Three|Four|Five|Many|Other|Rival|Government|Pro-government|On|In|At|Between|Around|After|Following)$/;

/** The group "Taliban militants" names, or null when the words are a demonym, a country or no name. */
function unknownGroup(words: string, noun: string, gaz: Gazetteer): { name: string; inter: number; reason: string } | null {
  const parts = words.split(/\s+/);
  while (parts.length && NOT_A_GROUP_NAME.test(parts[0]!)) parts.shift();
  const name = parts.join(' ');
  if (!name || countryOfWord(name, gaz)) return null;
  return { name, inter: /^militia/i.test(noun) ? 3 : 2, reason: `pattern: a group the lexicon does not know, named before "${noun}"` };
}

function buildMatchers(lex: LexiconFile, gaz: Gazetteer): Matcher[] {
  const out: Matcher[] = [];
  // Named actors, longest alias first, so "Boko Haram" inside a longer alias does not win. An alias
  // of several actors (a group ACLED renamed) names the one whose coded events span the event's date.
  const byAlias = new Map<string, LexiconActor[]>();
  for (const a of lex.actors) for (const alias of a.aliases) (byAlias.get(alias) ?? byAlias.set(alias, []).get(alias)!).push(a);
  for (const [alias, as] of [...byAlias].sort((x, y) => y[0].length - x[0].length)) {
    const acronym = /^[A-Z0-9/-]+$/.test(alias);
    out.push({ re: new RegExp(`(?<![\\w])${escapeRe(alias)}(?![\\w])`, acronym ? 'g' : 'gi'), named: true, build: (_m, ctx) => {
      const a = actorAt(as, ctx.date);
      const why = `lexicon: "${alias}" names ${a.name} (${a.events} coded events${as.length > 1 ? `, of ${as.length} by date` : ''})`;
      const parent = a.parent && ctx.date >= a.parent.since ? lex.actors.find((p) => p.name === a.parent!.name) : undefined;
      if (parent) return { name: parent.name, inter: parent.inter, associate: a.name, reason: `${why}, coded under ${parent.name} since ${a.parent!.since}` };
      return { name: a.name, inter: a.inter, reason: why };
    } });
  }
  const forces = (nouns: string, kind: 'Military' | 'Police'): Matcher => ({
    re: forceNoun(nouns),
    build: (m, { country }) => {
      const named = countryOfWord(m[1], gaz);
      const c = named ?? country;
      if (!c) return null;
      return { name: `${kind} Forces of ${c}`, inter: named && named !== country ? 8 : 1, reason: `pattern: a state's ${kind === 'Military' ? 'military' : 'police'} forces${named ? ` (${m[1]} → ${named})` : ' of the event\'s country'}` };
    },
  });
  for (const u of lex.units ?? []) {
    out.push({ re: forceNoun(unitPattern(u.unit)), build: (m, { country }) => {
      const named = countryOfWord(m[1], gaz);
      const c = named ?? country;
      return c ? { name: `${u.kind} Forces of ${c} ${u.unit}`, inter: named && named !== country ? 8 : 1, reason: `pattern: a unit of a state's forces (${u.unit}, ${u.events} coded events)` } : null;
    } });
  }
  out.push(forces(POLICE_NOUNS, 'Police'), forces(MILITARY_NOUNS, 'Military'));
  if (lex.ethnic.length) {
    const names = lex.ethnic.map(escapeRe).join('|');
    out.push({ re: new RegExp(`\\b(?:(${names})s?\\s+(?:${ETHNIC_NOUNS}|${ETHNIC_VERBS})|(?<=\\b[Ss]uspected\\s+)(${names})|(?<=\\b(?:between|and)\\s+(?:the\\s+)?)(${names})(?=\\s+(?:and|militias?|ethnic|communities|clans?|tribes?|(?:cattle\\s+)?raiders)\\b))\\b`, 'g'), named: true, build: (m, { country }) => !country ? null : ({ name: `${m[1] ?? m[2] ?? m[3]} Ethnic Militia (${country})`, inter: 4, reason: `pattern: an ethnic group's armed men (${m[1] ?? m[2] ?? m[3]})` }) });
  }
  for (const f of lex.families) {
    const last = f.base.split(' ').pop()!.replace(/s$/, '');
    const head = f.base.split(' ').slice(0, -1).map(escapeRe).join('\\s+');
    out.push({ re: new RegExp(`\\b${head ? `${head}\\s+` : ''}${escapeRe(last)}s?\\b`, 'gi'), build: (_m, { country }) => !country ? null : ({ name: `${f.base} (${country})`, inter: f.inter, reason: `lexicon family "${f.base} (country)" (${f.events} coded events)` }) });
  }
  out.push({ re: UNKNOWN_GROUP, named: true, build: (m) => unknownGroup(m[1]!, m[2]!, gaz) });
  out.push({ re: RAIDERS, build: (_m, { country }) => !country ? null : ({ name: `Unidentified Ethnic Militia (${country})`, inter: 4, reason: 'pattern: raiders nobody names (ACLED train: 61 of 255 notes with "raiders" coded so, the most of any actor)' }) });
  out.push({ re: new RegExp(`\\b(?:${UNIDENTIFIED_NOUNS})\\b`, 'gi'), build: (_m, { country }) => !country ? null : ({ name: `Unidentified Armed Group (${country})`, inter: 3, reason: 'pattern: armed people nobody names' }) });
  return out;
}

/**
 * The actor lexicon with its matchers, and the tables derived from it on first use. The pipeline
 * context loads one (loadActorLexicon) and hands it to whoever reads actors. The gazetteer reads the
 * country in "Nigerien soldiers".
 */
export class ActorLexicon {
  readonly matchers: Matcher[];
  private aliasCountries: { pattern: RegExp | null; country: Map<string, string> } | null = null;
  private words: Set<string> | null = null;

  constructor(readonly lex: LexiconFile, gaz: Gazetteer) {
    this.matchers = buildMatchers(lex, gaz);
  }

  /** Lexicon aliases of actors bound to one country, as one pattern, with the country of each alias. */
  countryAliases(): { pattern: RegExp | null; country: Map<string, string> } {
    if (!this.aliasCountries) {
      const country = new Map<string, string>();
      for (const a of this.lex.actors) if (a.country) for (const al of a.aliases) if (!country.has(al)) country.set(al, a.country);
      const alts = [...country.keys()].sort((x, y) => y.length - x.length).map(escapeRe);
      this.aliasCountries = { pattern: alts.length ? new RegExp(`\\b(?:${alts.join('|')})\\b`, 'g') : null, country };
    }
    return this.aliasCountries;
  }

  /**
   * Named actors in a text whose coded events lie in one country (the lexicon's `country`): "Boko Haram"
   * says Nigeria, "Mungiki" Kenya. Evidence for the document's country where no place is named. A
   * method, so extraction reads it through the lexicon it is given and never imports src/resolve.
   */
  countriesIn(text: string): { country: string; start: number; end: number }[] {
    const { pattern, country } = this.countryAliases();
    if (!pattern) return [];
    return [...matchesOf(text, pattern)].map((m) => ({ country: country.get(m[0])!, start: m.index, end: m.index + m[0].length }));
  }

  /** The words of named actors' aliases (longer than two letters) and the ethnic names, lower-case. */
  actorWords(): Set<string> {
    if (!this.words) {
      this.words = new Set(this.lex.actors.flatMap((a) => a.aliases.flatMap((x) => x.toLowerCase().split(/[^\p{L}\p{N}]+/u))).filter((w) => w.length > 2));
      for (const e of this.lex.ethnic) this.words.add(e.toLowerCase());
    }
    return this.words;
  }
}

/** data/lexicons/actors.json at the repository root; null when there is none. */
export function actorLexiconFile(): string | null {
  return findRepoFile('data', 'lexicons', 'actors.json');
}

/** The lexicon in a file, read anew on each call (the pipeline context keeps one); empty without a file. */
export function loadActorLexicon(gaz: Gazetteer, path: string | null = actorLexiconFile()): ActorLexicon {
  const lex: LexiconFile = path ? (JSON.parse(readFileSync(path, 'utf8')) as LexiconFile) : { actors: [], families: [], ethnic: [] };
  return new ActorLexicon(lex, gaz);
}

/**
 * Every actor the words of a span name, in text order, without overlaps (earlier matchers win).
 * Two named groups joined by "and/or" or "or" are one actor, ACLED's "A and/or B".
 */
export function actorMentions(lexicon: ActorLexicon, text: string, span: Span, country: string | MentionContext): AcledActor[] {
  const ctx = typeof country === 'string' ? { country, date: '' } : country;
  const found: AcledActor[] = [];
  const slice = text.slice(span.start, span.end);
  for (const mt of lexicon.matchers) {
    mt.re.lastIndex = 0;
    for (let m = mt.re.exec(slice); m; m = mt.re.exec(slice)) {
      const ev = { start: span.start + m.index, end: span.start + m.index + m[0].length };
      if (found.some((f) => f.evidence && f.evidence.start < ev.end && ev.start < f.evidence.end)) continue;
      const b = mt.build(m, ctx);
      if (b) found.push({ ...b, evidence: ev, named: mt.named === true });
    }
  }
  found.sort((a, b) => a.evidence!.start - b.evidence!.start);
  return joinEither(lexicon, text, found);
}

/** Named mentions joined by "and/or"/"or" as one actor: the lexicon's compound of the two, else "A and/or B". */
function joinEither(lexicon: ActorLexicon, text: string, found: readonly AcledActor[]): AcledActor[] {
  const out: AcledActor[] = [];
  for (let i = 0; i < found.length; i++) {
    const [a, b] = [found[i]!, found[i + 1]];
    if (b && a.named && b.named && a.name !== b.name && EITHER_JOIN.test(text.slice(a.evidence!.end, b.evidence!.start))) {
      const known = (lexicon.lex.compounds ?? []).find((c) => c.parts.length === 2 && c.parts.includes(a.name) && c.parts.includes(b.name));
      out.push({ name: known?.name ?? `${a.name} and/or ${b.name}`, inter: known?.inter ?? a.inter, reason: `"A and/or B": the note cannot tell which of ${a.name} and ${b.name} acted`, evidence: { start: a.evidence!.start, end: b.evidence!.end }, named: true });
      i++;
      continue;
    }
    out.push(a);
  }
  return out;
}


/** A date as ISO at its precision ("2015-04", "2015"), '' when unknown. */
function isoOf(d: DateValue): string {
  return isoOfDate(d.year === null ? d : { ...d, precision: d.day !== null ? 'day' : d.month !== null ? 'month' : 'year' }) ?? '';
}

const overlaps = (a: Span, spans: readonly Span[]): boolean => spans.some((s) => a.start < s.end && s.start < a.end);

/** Determiners and counts between a cue word and the actor it governs: "attacked a group of", "killed two". */
const FILLER = "(?:(?:the|a|an|its|their|his|her|some|several|many|\\d+|one|two|three|four|five|six|seven|eight|nine|ten|dozens of|group of|members of|suspected|presumed|alleged|unidentified|unknown|armed)\\s+)*";
/**
 * Words right before an actor that make it the one acted on: the object of an event verb ("attacked
 * a police post", "killed two soldiers") or of a preposition of place or opposition ("at a military
 * camp", "clashed with the army").
 */
const TARGET_BEFORE = new RegExp(`\\b(?:at|on|against|targeting|targeted|attack(?:s|ed|ing)?|ambush(?:es|ed|ing)?|kill(?:s|ed|ing)?|abduct(?:s|ed|ing)?|kidnap(?:s|ped|ping)?|shot|shoot(?:s|ing)?|raid(?:s|ed|ing)?|storm(?:s|ed|ing)?|with|hit|struck|wound(?:s|ed|ing)?|injur(?:es|ed|ing)|arrest(?:s|ed|ing)?|disperse[sd]?|flush out|engag(?:e|es|ed|ing)|repel(?:s|led)?|overr(?:an|un)|seiz(?:e|es|ed)|captur(?:e|es|ed))\\s+${FILLER}$`, 'i');
/** Words right after an actor that make it the one acted on: "soldiers were killed", "a military camp", "police post". */
const TARGET_AFTER = /^\s*(?:(?:were|was|are|is|have been|has been|had been)\s+(?:reportedly\s+|allegedly\s+)?(?:killed|wounded|injured|abducted|kidnapped|shot|attacked|ambushed|targeted|captured|beheaded|hit)\b|(?:camps?|bases?|posts?|outposts?|stations?|checkpoints?|check points?|convoys?|vehicles?|patrols?|barracks|positions?|officers? (?:were|was) (?:killed|wounded|injured))\b)/i;
/** Words right before an actor that make it the one who acted: "by suspected Boko Haram", "blamed on", "believed to be". */
const AGENT_BEFORE = new RegExp(`\\b(?:by|suspect(?:s|ed)?|blamed on|attributed to|claimed by|linked to|believed to be|suspected to be|identified as|suspected of being)\\s+${FILLER}$`, 'i');
/** Words right after an actor that make it the one who acted: "Al Shabaab is believed to be responsible", "claimed responsibility". */
const AGENT_AFTER = /^\s*(?:(?:is|are|was|were)\s+(?:believed|suspected|thought|said|alleged)\s+to\s+(?:be|have)\b|(?:is|are|was|were)\s+(?:blamed|responsible)\b|claimed\s+(?:responsibility|the attack))/i;
/** What the one who caused a blast does, right after its name: "the military shelled", "Taliban militants planted". */
const BLAST_VERB_AFTER = /^[^.;]{0,40}?\b(?:shell(?:s|ed|ing)|fire[sd]|firing|launch(?:es|ed|ing)|drop(?:s|ped|ping)|bomb(?:s|ed|ing)|plant(?:s|ed|ing)|detonat(?:es|ed|ing)|carr(?:y|ies|ied) out|conduct(?:s|ed|ing)|struck|strikes?|hurl(?:s|ed|ing)|threw|throws?|attack(?:s|ed|ing)|target(?:s|ed|ing)|us(?:es|ed|ing)|airstrikes?|air strikes?|mortar(?:s|ed)?|artillery|rockets?|grenades?|explosives?|IEDs?|mines?|drones?)\b/i;
/** An actor named only as a source or a modifier is no party to the event: "according to the military", "military-appointed". */
const NOT_A_PARTY_BEFORE = /\b(?:according to|quoting|reported by|sources? (?:in|from|of))\s+(?:the\s+)?$/i;
const NOT_A_PARTY_AFTER = /^(?:-(?!\s)|\s+(?:informants?|informers?|veterans?|regime|government|junta|rule|coup|council|court|tribunal|spokes(?:man|woman|person)|commanders?(?:-in-chief)?|officials?|administration|offices?|hospitals?|owned|appointed|backed|affiliated|security affairs)\b)/i;
/** How much of the text before an actor the cues read. */
const CUE_WINDOW = 60;
/**
 * A named group this near the event's sentence (characters either side) is its actor1 when that
 * sentence names none: a note's "Al Shabaab is believed to be responsible" after the attack.
 */
const NEARBY_CHARS = 400;

type Role = 'agent' | 'target' | 'free' | 'none';

/** Whether an actor's words make it the one who acted, the one acted on, neither said, or no party at all. */
function roleOf(text: string, a: AcledActor, perp: readonly Span[], victim: readonly Span[]): Role {
  const ev = a.evidence!;
  const before = text.slice(Math.max(0, ev.start - CUE_WINDOW), ev.start);
  const after = text.slice(ev.end, ev.end + CUE_WINDOW);
  if (NOT_A_PARTY_BEFORE.test(before) || NOT_A_PARTY_AFTER.test(after)) return 'none';
  if (overlaps(ev, perp) || AGENT_BEFORE.test(before) || AGENT_AFTER.test(after)) return 'agent';
  if (overlaps(ev, victim) || TARGET_BEFORE.test(before) || TARGET_AFTER.test(after)) return 'target';
  return 'free';
}

/** Event types whose victims, when no other side is named, ACLED codes as Civilians (Country) in actor2. */
const CIVILIAN_VICTIM_EVENTS = new Set(['Explosions/Remote violence', 'Riots']);

/** Words for unarmed people or their homes that a blast or a mob hits: "shelled a village", "a woman stepped on a landmine". */
const CIVILIAN_WORDS = /\b(?:civilians?|villagers?|villages?|residents?|passengers?|(?:wo)?m[ae]n|boys?|girls?|child(?:ren)?|farmers?|traders?|worshippers?|houses?|homes?|market|pedestrians?|motorists?|travell?ers?|a person|people)\b/i;

/** A state's forces, which are never a demonstrators' associate. */
const STATE_FORCE = /^(?:Military|Police) Forces of /;

export interface AcledSides {
  actor1: AcledActor | null;
  actor2: AcledActor | null;
  assoc1: AcledActor | null;
  assoc2: AcledActor | null;
}

/**
 * Identity groups ACLED names as associated actors, "Students (Kenya)", and the words for them. A group
 * is read for demonstrators (in the words before the sentence's demonstration verb) and for the civilians
 * hurt (in the victims' words) where its words, so placed, were the coded associate in at least 0.6 of
 * ACLED train's protest and riot notes (violence-against-civilians notes for victims); groups under that
 * ("workers": 0.19, "traders": 0.12) are left out.
 */
const IDENTITY_GROUPS: readonly { family: string; pattern: RegExp; demonstrators: boolean; victims: boolean }[] = [
  { family: 'Health Workers', pattern: /\b(?:doctors?|nurses?|health workers?|medical (?:staff|workers?)|clinical officers?|midwives)\b/i, demonstrators: true, victims: true },
  { family: 'Students', pattern: /\b(?:students?|pupils?|schoolchildren|undergraduates)\b/i, demonstrators: true, victims: false },
  { family: 'Teachers', pattern: /\b(?:teachers?|lecturers?|tutors?)\b/i, demonstrators: true, victims: false },
  { family: 'Farmers', pattern: /\bfarmers?\b/i, demonstrators: true, victims: false },
  { family: 'Journalists', pattern: /\b(?:journalists?|reporters?|media (?:workers?|practitioners))\b/i, demonstrators: true, victims: true },
  { family: 'Muslim Group', pattern: /\bmuslims?\b/i, demonstrators: true, victims: false },
  { family: 'Christian Group', pattern: /\b(?:christians?|worshippers|church(?:goers| members))\b/i, demonstrators: false, victims: true },
];
/** The first verb of a demonstration or a riot: what stands before it says who demonstrated. */
const DEMONSTRATION_VERB = /\b(?:protest\w*|demonstrat\w*|march\w*|strike|striking|went on|riot\w*|block\w*|barricad\w*|storm\w*|rall(?:y|ied)|took to|staged?|gather\w*|burn\w*|set|attack\w*|clash\w*|stoned|pelted|lynch\w*|beat|kill\w*|torch\w*|destroy\w*|held|hold|petition\w*|boycott\w*|sat|occup\w*|invad\w*|picket\w*|walked|downed|vandali\w*|lock\w*|mob|chased?|assault\w*|engag\w*|sit-in|disrupt\w*)\b/i;
/** A note's opening date ("On 5 March 2020, "), which is not its subject. */
const LEADING_DATE = /^\s*(?:On|Around|As reported on|Between)[^,]{0,40},/i;
/**
 * Mob justice: a crowd punishing a suspect, which ACLED codes as rioters with "Vigilante Group (Country)"
 * associated (0.87 of ACLED train's riot notes with these words).
 */
const MOB_JUSTICE = /\b(?:vigilantes?|mob justice|jungle justice|lynch\w*|accused of|(?:suspected|alleged|accused|presumed)\s+(?:\w+\s+)?(?:thie(?:f|ves)|robbers?|criminals?|rapists?|witch(?:es)?|sorcer\w+|kidnappers?|murderers?|burglars?)|thie(?:f|ves)|robbers?)\b/i;

/** Names of the groups nobody names ("Unidentified Armed Group (Kenya)"), which a named one near them replaces. */
const UNIDENTIFIED = 'Unidentified ';

/** A named group near the event's sentence that acts or is blamed, not one acted on. */
function nearbyAgent(lexicon: ActorLexicon, text: string, r: IncidentReport, ctx: MentionContext, perp: readonly Span[], victim: readonly Span[], least: 'agent' | 'free'): AcledActor | null {
  const span = { start: Math.max(0, r.anchor.start - NEARBY_CHARS), end: Math.min(text.length, r.anchor.end + NEARBY_CHARS) };
  const all = actorMentions(lexicon, text, span, ctx);
  const named = all.filter((a) => a.named).map((a) => ({ a, role: roleOf(text, a, perp, victim) }));
  // A blast's unnamed actors (forces) only when the sentence named nobody, and only if they fired or shelled.
  const blast = r.type.value.acledEvent === 'Explosions/Remote violence';
  const fired = blast ? withRoles(text, all.filter((a) => !a.named), r, perp, victim).find((x) => x.role === 'free') : undefined;
  const a = named.find((x) => x.role === 'agent') ?? (least === 'free' ? named.find((x) => x.role === 'free') ?? fired : undefined);
  return a ? { ...a.a, reason: `${a.a.reason}; named near the event's sentence` } : null;
}

/** Each actor with its role; a blast's actor that is not said to fire, shell or plant was hit. */
function withRoles(text: string, all: readonly AcledActor[], r: IncidentReport, perp: readonly Span[], victim: readonly Span[]): { a: AcledActor; role: Role }[] {
  const blast = r.type.value.acledEvent === 'Explosions/Remote violence';
  return all.map((a) => {
    const role = roleOf(text, a, perp, victim);
    return { a, role: blast && role === 'free' && !BLAST_VERB_AFTER.test(text.slice(a.evidence!.end, a.evidence!.end + CUE_WINDOW)) ? 'target' as const : role };
  }).filter((x) => x.role !== 'none');
}

/**
 * ACLED's actor1 and actor2 for a report: actor1 is the one who acts (inside a perpetrator's words,
 * after "by", before the event verb), actor2 the one acted on (a target's or victim's words, the
 * object of the event verb); an actor neither says is actor1 if none acts, else actor2. The event
 * type's conventions fill what the text leaves open.
 */
export function acledActors(lexicon: ActorLexicon, text: string, r: IncidentReport, country: string, eventDate?: string): AcledSides {
  const date = isoOf(r.date.value) || (eventDate ?? '');
  const all = actorMentions(lexicon, text, r.anchor, { country, date });
  const perp = r.perpetrators.flatMap((p) => p.evidence);
  const victim = [...r.targets, ...r.victims].flatMap((t) => t.evidence);
  const roles = withRoles(text, all, r, perp, victim);
  const pick = (role: Role, not?: AcledActor | null): AcledActor | null => roles.find((x) => x.role === role && x.a.name !== not?.name)?.a ?? null;
  let actor1 = pick('agent') ?? pick('free');
  let actor2 = pick('target', actor1) ?? pick('free', actor1) ?? pick('agent', actor1);
  if (!actor1 || actor1.name.startsWith(UNIDENTIFIED)) {
    const near = nearbyAgent(lexicon, text, r, { country, date }, perp, victim, actor1 ? 'agent' : 'free');
    if (near) [actor1, actor2] = [near, actor2 && actor2.name !== near.name ? actor2 : actor1];
  }
  const event = r.type.value.acledEvent;
  const before = actor1;
  const convention = (name: string, inter: number, why: string): AcledActor => ({ name: `${name} (${country})`, inter, reason: `ACLED convention: ${why}`, evidence: null });
  if (country && event === 'Protests' && !RIOT_CUES.test(text.slice(r.anchor.start, r.anchor.end))) actor1 = convention('Protesters', 6, 'a protest\'s actor1 is the protesters of its country');
  else if (country && (event === 'Riots' || (event === 'Protests' && RIOT_CUES.test(text.slice(r.anchor.start, r.anchor.end)))) && (!actor1 || actor1.inter !== 5)) actor1 = convention('Rioters', 5, 'a riot\'s actor1 is the rioters of its country');
  // An attack nobody is named for is, in ACLED's coding, an unidentified armed group's.
  if (country && !actor1 && (event === 'Explosions/Remote violence' || event === 'Violence against civilians' || (event === 'Battles' && actor2))) actor1 = convention('Unidentified Armed Group', 3, 'an attack whose perpetrator is not named');
  // The actor the text named first, displaced by a convention, is the other side (the police of "police
  // dispersed the protesters"), or, when a named group marched or rioted, the demonstrators' associate.
  const displaced = before && actor1 !== before && before.name !== actor1?.name ? before : null;
  const marched = displaced?.named && (actor1?.inter === 5 || actor1?.inter === 6) && displaced.inter !== 2 && !STATE_FORCE.test(displaced.name);
  if (displaced && !marched && !actor2) actor2 = displaced;
  if (country && event === 'Violence against civilians' && (!actor2 || actor2.inter === 3)) actor2 = convention('Civilians', 7, 'violence against civilians has the civilians of its country as actor2');
  // People hurt by a blast or a mob, with no other side named, are civilians (ACLED codes them so in any event type).
  else if (country && !actor2 && CIVILIAN_VICTIM_EVENTS.has(event) && (r.victims.length > 0 || CIVILIAN_WORDS.test(text.slice(r.anchor.start, r.anchor.end)))) actor2 = convention('Civilians', 7, `${event}: the people it hurt, when no other side is named, are civilians`);
  return { actor1, actor2, ...associates(text, r, country, actor1, actor2, marched ? displaced : null) };
}

/**
 * ACLED's associated actors: who the demonstrators or rioters were ("Students (Kenya)", a party whose
 * supporters marched, "Vigilante Group (Kenya)" for mob justice), and who the civilians hurt were.
 */
function associates(text: string, r: IncidentReport, country: string, actor1: AcledActor | null, actor2: AcledActor | null, marched: AcledActor | null): { assoc1: AcledActor | null; assoc2: AcledActor | null } {
  const sentence = text.slice(r.anchor.start, r.anchor.end);
  const family = (base: string, why: string): AcledActor => ({ name: `${base} (${country})`, inter: 0, reason: `associated actor: ${why}`, evidence: null });
  let assoc1: AcledActor | null = null;
  if (actor1?.inter === 5 || actor1?.inter === 6) {
    const verb = DEMONSTRATION_VERB.exec(sentence.replace(LEADING_DATE, (d) => ' '.repeat(d.length)));
    const head = verb ? sentence.slice(0, verb.index) : sentence;
    const who = IDENTITY_GROUPS.find((g) => g.demonstrators && g.pattern.test(head));
    if (marched) assoc1 = marched;
    else if (actor1.inter === 5 && MOB_JUSTICE.test(sentence)) assoc1 = family('Vigilante Group', 'a mob punishing a suspect (mob justice)');
    else if (who) assoc1 = family(who.family, `the demonstrators are ${who.family.toLowerCase()}`);
  }
  let assoc2: AcledActor | null = null;
  if (actor2?.inter === 7) {
    const victims = [...r.victims, ...r.targets].flatMap((v) => v.evidence).map((e) => text.slice(e.start, e.end)).join(' ');
    const who = IDENTITY_GROUPS.find((g) => g.victims && g.pattern.test(victims));
    if (who) assoc2 = family(who.family, `the civilians hurt are ${who.family.toLowerCase()}`);
  }
  const sub = (a: AcledActor | null): AcledActor | null => (a?.associate ? { name: a.associate, inter: a.inter, reason: `associated actor: ${a.name} as the text names it`, evidence: a.evidence } : null);
  // Only on the acting side: a sub-group that was attacked is coded either way (ACLED train: 4 of 20 right).
  return { assoc1: assoc1 ?? sub(actor1), assoc2 };
}

/** Whether a word is part of a named actor's alias in the lexicon ("Taliban", "Shabaab", "JNIM"). */
export function isActorWord(lexicon: ActorLexicon, word: string): boolean {
  return lexicon.actorWords().has(word.toLowerCase());
}
