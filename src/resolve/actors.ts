import { matchesOf } from '../nlp/scan.js';
import { readFileSync } from 'node:fs';
import { findRepoFile } from '../learn/model-file.js';
import type { IncidentReport, Span } from '../model/index.js';
import { getGazetteer } from '../nlp/gazetteer/index.js';

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
}

interface LexiconFile {
  actors: { name: string; inter: number; events: number; aliases: string[]; country?: string }[];
  families: { base: string; inter: number; events: number }[];
  ethnic: string[];
}

interface Matcher {
  re: RegExp;
  build: (m: RegExpExecArray, country: string) => { name: string; inter: number; reason: string } | null;
}

/** Nouns for a state's forces; the first word list decides military or police. */
const MILITARY_NOUNS = 'soldiers?|troops|army|military|armed forces|security forces|forces|servicem[ae]n|navy|air force|marines|militaries|defen[cs]e forces|security personnel|security operatives';
const POLICE_NOUNS = 'police(?:m[ae]n| officers?| forces?)?|gendarmes?|gendarmerie|constables?|anti-riot police|riot police';
/** Nouns for armed people nobody names. */
const UNIDENTIFIED_NOUNS = '(?:unidentified|unknown|suspected|masked|armed)\\s+(?:gunm[ae]n|armed (?:men|group|individuals)|assailants|attackers|men|persons|individuals|militants)|(?:an?\\s+)?(?:unknown\\s+|unidentified\\s+)?group of (?:armed\\s+)?(?:men|people|youths|individuals)|gunm[ae]n|bandits|armed men|assailants|armed robbers|kidnappers';
/** Nouns after an ethnic name that make it a militia: "Fulani herdsmen", "Pokot raiders". */
const ETHNIC_NOUNS = 'herders?|herdsm[ae]n|pastoralists|militia(?:men)?|youths?|men|gunm[ae]n|raiders|attackers|fighters|community members|clansmen';

const DEMONYM_OR_COUNTRY = "[A-Z][\\w'-]+(?:\\s+[A-Z][\\w'-]+)?";

let cached: { lex: LexiconFile; matchers: Matcher[] } | null = null;


function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The country a word before a force noun names: "Nigerien" → Niger, "Kenyan" → Kenya, "Mali" → Mali. */
function countryOfWord(words: string | undefined): string | null {
  if (!words || !/^[A-Z]/.test(words)) return null;
  const gaz = getGazetteer();
  const parts = words.split(/\s+/);
  for (const w of [words, parts[parts.length - 1]!, parts[0]!]) {
    const c = gaz.demonym(w) ?? gaz.country(w);
    if (c) return c.name;
  }
  return null;
}

function buildMatchers(lex: LexiconFile): Matcher[] {
  const out: Matcher[] = [];
  // Named actors, longest alias first, so "Boko Haram" inside a longer alias does not win.
  const named = lex.actors.flatMap((a) => a.aliases.map((alias) => ({ alias, a }))).sort((x, y) => y.alias.length - x.alias.length);
  for (const { alias, a } of named) {
    const acronym = /^[A-Z0-9/-]+$/.test(alias);
    out.push({ re: new RegExp(`(?<![\\w])${escapeRe(alias)}(?![\\w])`, acronym ? 'g' : 'gi'), build: () => ({ name: a.name, inter: a.inter, reason: `lexicon: "${alias}" names ${a.name} (${a.events} coded events)` }) });
  }
  const forces = (nouns: string, kind: 'Military' | 'Police'): Matcher => ({
    re: new RegExp(`(?:\\b(${DEMONYM_OR_COUNTRY})\\s+)?\\b(?:${nouns})\\b`, 'gi'),
    build: (m, country) => {
      const named = countryOfWord(m[1]);
      const c = named ?? country;
      if (!c) return null;
      return { name: `${kind} Forces of ${c}`, inter: named && named !== country ? 8 : 1, reason: `pattern: a state's ${kind === 'Military' ? 'military' : 'police'} forces${named ? ` (${m[1]} → ${named})` : ' of the event\'s country'}` };
    },
  });
  out.push(forces(POLICE_NOUNS, 'Police'), forces(MILITARY_NOUNS, 'Military'));
  if (lex.ethnic.length) {
    const names = lex.ethnic.map(escapeRe).join('|');
    out.push({ re: new RegExp(`\\b(${names})\\s+(?:${ETHNIC_NOUNS})\\b`, 'g'), build: (m, country) => ({ name: `${m[1]} Ethnic Militia (${country})`, inter: 4, reason: `pattern: an ethnic group's armed men (${m[1]})` }) });
  }
  for (const f of lex.families) {
    const last = f.base.split(' ').pop()!.replace(/s$/, '');
    const head = f.base.split(' ').slice(0, -1).map(escapeRe).join('\\s+');
    out.push({ re: new RegExp(`\\b${head ? `${head}\\s+` : ''}${escapeRe(last)}s?\\b`, 'gi'), build: (_m, country) => ({ name: `${f.base} (${country})`, inter: f.inter, reason: `lexicon family "${f.base} (country)" (${f.events} coded events)` }) });
  }
  out.push({ re: new RegExp(`\\b(?:${UNIDENTIFIED_NOUNS})\\b`, 'gi'), build: (_m, country) => ({ name: `Unidentified Armed Group (${country})`, inter: 3, reason: 'pattern: armed people nobody names' }) });
  return out;
}

function loaded(): { lex: LexiconFile; matchers: Matcher[] } {
  if (!cached) {
    const p = findRepoFile('data', 'lexicons', 'actors.json');
    const lex: LexiconFile = p ? (JSON.parse(readFileSync(p, 'utf8')) as LexiconFile) : { actors: [], families: [], ethnic: [] };
    cached = { lex, matchers: buildMatchers(lex) };
  }
  return cached;
}

/** Every actor the words of a span name, in text order, without overlaps (earlier matchers win). */
export function actorMentions(text: string, span: Span, country: string): AcledActor[] {
  const found: AcledActor[] = [];
  const slice = text.slice(span.start, span.end);
  for (const mt of loaded().matchers) {
    mt.re.lastIndex = 0;
    for (let m = mt.re.exec(slice); m; m = mt.re.exec(slice)) {
      const ev = { start: span.start + m.index, end: span.start + m.index + m[0].length };
      if (found.some((f) => f.evidence && f.evidence.start < ev.end && ev.start < f.evidence.end)) continue;
      const b = mt.build(m, country);
      if (b) found.push({ ...b, evidence: ev });
    }
  }
  return found.sort((a, b) => a.evidence!.start - b.evidence!.start);
}

/** Lexicon aliases of actors bound to one country, as one pattern, with the country of each alias. */
let countryAliases: { pattern: RegExp | null; country: Map<string, string> } | null = null;

/**
 * Named actors in a text whose coded events lie in one country (the lexicon's `country`): "Boko Haram"
 * says Nigeria, "Mungiki" Kenya. Evidence for the document's country where no place is named.
 */
export function actorCountries(text: string): { country: string; start: number; end: number }[] {
  if (!countryAliases) {
    const country = new Map<string, string>();
    for (const a of loaded().lex.actors) if (a.country) for (const al of a.aliases) if (!country.has(al)) country.set(al, a.country);
    const alts = [...country.keys()].sort((x, y) => y.length - x.length).map(escapeRe);
    countryAliases = { pattern: alts.length ? new RegExp(`\\b(?:${alts.join('|')})\\b`, 'g') : null, country };
  }
  const { pattern, country } = countryAliases;
  if (!pattern) return [];
  return [...matchesOf(text, pattern)].map((m) => ({ country: country.get(m[0])!, start: m.index, end: m.index + m[0].length }));
}

const overlaps = (a: Span, spans: readonly Span[]): boolean => spans.some((s) => a.start < s.end && s.start < a.end);

/**
 * ACLED's actor1 and actor2 for a report: the actor inside a perpetrator's words is actor1, one
 * inside a target's or victim's words actor2; otherwise the first actor named is actor1 and the
 * next one actor2. The event type's conventions fill what the text leaves open.
 */
export function acledActors(text: string, r: IncidentReport, country: string): { actor1: AcledActor | null; actor2: AcledActor | null } {
  const all = country ? actorMentions(text, r.anchor, country) : [];
  const perp = r.perpetrators.flatMap((p) => p.evidence);
  const victim = [...r.targets, ...r.victims].flatMap((t) => t.evidence);
  let actor1 = all.find((a) => overlaps(a.evidence!, perp)) ?? null;
  let actor2 = all.find((a) => a !== actor1 && overlaps(a.evidence!, victim)) ?? null;
  const rest = all.filter((a) => a !== actor1 && a !== actor2 && a.name !== actor1?.name && a.name !== actor2?.name);
  actor1 ??= rest.shift() ?? null;
  actor2 ??= rest.find((a) => a.name !== actor1?.name) ?? null;
  const event = r.type.value.acledEvent;
  const convention = (name: string, inter: number, why: string): AcledActor => ({ name: `${name} (${country})`, inter, reason: `ACLED convention: ${why}`, evidence: null });
  if (country && event === 'Protests') actor1 = convention('Protesters', 6, 'a protest\'s actor1 is the protesters of its country');
  else if (country && event === 'Riots' && (!actor1 || actor1.inter !== 5)) actor1 = convention('Rioters', 5, 'a riot\'s actor1 is the rioters of its country');
  // An attack nobody is named for is, in ACLED's coding, an unidentified armed group's.
  if (country && !actor1 && (event === 'Explosions/Remote violence' || event === 'Violence against civilians')) actor1 = convention('Unidentified Armed Group', 3, 'an attack whose perpetrator is not named');
  if (country && event === 'Violence against civilians' && (!actor2 || actor2.inter === 3)) actor2 = convention('Civilians', 7, 'violence against civilians has the civilians of its country as actor2');
  return { actor1, actor2 };
}

let actorWords: Set<string> | null = null;

/** Whether a word is part of a named actor's alias in the lexicon ("Taliban", "Shabaab", "JNIM"). */
export function isActorWord(word: string): boolean {
  if (!actorWords) {
    actorWords = new Set(loaded().lex.actors.flatMap((a) => a.aliases.flatMap((x) => x.toLowerCase().split(/[^\p{L}\p{N}]+/u))).filter((w) => w.length > 2));
    for (const e of loaded().lex.ethnic) actorWords.add(e.toLowerCase());
  }
  return actorWords.has(word.toLowerCase());
}
