/**
 * `npm run train -- --task actors --data ../shared/eval/acled [--out FILE]`
 *
 * Builds the actor lexicon (src/resolve/actors.ts reads it) from the coded actors of ACLED's
 * train split, by distant supervision: the coded names are facts about the world, and which
 * words in the coders' notes stand for each of them is learned from where they occur.
 *
 *   - Named actors (armed groups, parties, militias with a name): the canonical name without
 *     ACLED's period suffix, its most frequent inter code, and the aliases that the notes of its
 *     events use. Candidate aliases come from the name itself (its parts around " - ", ":", "/",
 *     the name without a parenthesis, an acronym) and from the capitalised words and acronyms of
 *     its events' notes. An alias is kept when it occurs in at least MIN_SUPPORT notes of the
 *     actor's events and at least MIN_PRECISION of the notes it occurs in are the actor's.
 *   - Ethnic and communal militia names ("Fulani" in "Fulani Ethnic Militia (Nigeria)").
 *   - Families that are patterns, not names (Protesters, Rioters, Civilians, Unidentified Armed
 *     Group, Military and Police Forces of a country) are left to src/resolve/actors.ts.
 *
 * Writes data/lexicons/actors.json with a record of the data (path, sha256, rows) and settings.
 * Only names and aliases are written: no text of the notes.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { csvRecords } from '../src/eval/gtd-csv.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** An alias must occur in this many notes of the actor's events. */
export const MIN_SUPPORT = 3;
/** Of the notes an alias occurs in, at least this share must be of the actor's events. */
export const MIN_PRECISION = 0.6;
/** Named actors seen in fewer events are left out (too little evidence for any alias). */
export const MIN_EVENTS = 3;

const PERIOD = /\s*\(\d{4}-(?:\d{4})?\)/g;
/** Families of names that are patterns over any country; not lexicon entries. */
const PATTERN_FAMILY = /^(?:Protesters|Rioters|Civilians|Unidentified|Military Forces of|Police Forces of|Government of|Private Security Forces|Prison Guards|Labou?r Group|Students|Women|Journalists|Health Workers|Refugees|Teachers|Farmers|Fishers|Lawyers|Former Military|Muslim Group|Christian Group)\b/;
const ETHNIC = /^(.+?) (?:Ethnic|Communal) Militia\b/;
const CAP_TOKEN = /\b[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*){0,3}\b/g;
/** Words that open a mention but are not part of the name: "Suspected Al-Shabaab", "The PDP", "Three JNIM". */
const LEADING = /^(?:(?:the|a|an|suspected|presumed|alleged|some|several|two|three|four|five|many|armed|unidentified|local)\s+)+/i;
/** A name of the form "Words (Country)": a family over countries ("Pastoralists (Benin)", "Vigilante Group (Kenya)"). */
const COUNTRY_FAMILY = /^(.+?) \(([A-Z][\w .'-]+)\)$/;
const ACRONYM = /\b[A-Z][A-Z0-9/-]{1,7}\b/g;
const SPLIT_PARTS = /\s+-\s+|:\s+|\//;
/**
 * Words that never make an alias alone: religions, regions and the generic words of
 * organisation names. "Islam" in a note is not JNIM; "Greater Sahara" is a region.
 */
const GENERIC_WORDS = new Set(['islam', 'islamic', 'muslim', 'muslims', 'christian', 'state', 'states', 'group', 'groups', 'party', 'greater', 'sahara',
  'sahel', 'force', 'forces', 'army', 'movement', 'front', 'union', 'council', 'national', 'democratic', 'people', 'peoples', 'support', 'for', 'of', 'and',
  'the', 'local', 'defense', 'defence', 'militia', 'alliance', 'coalition', 'congress', 'organization', 'organisation', 'liberation', 'revolutionary']);
const isGeneric = (alias: string): boolean => alias.toLowerCase().split(/[^\p{L}]+/u).filter(Boolean).every((w) => GENERIC_WORDS.has(w));

/** A family of actors named "Base (Country)", whatever the country. */
export interface LexiconFamily {
  base: string;
  inter: number;
  events: number;
}

export interface LexiconActor {
  name: string;
  inter: number;
  events: number;
  aliases: string[];
  /** First and last event date (ISO) coded with this name: ACLED renames a group over time ("Boko Haram - …"). */
  span: [string, string];
  /**
   * The group ACLED codes this one under, as its associated actor, from a date on (Katiba Macina under
   * JNIM since JNIM was formed): set when at least PARENT_SHARE of its coded events are so.
   */
  parent?: { name: string; since: string };
  /** The country where at least COUNTRY_SHARE of its events happened ("Mungiki Militia" → Kenya), if one. */
  country?: string;
}

/**
 * An actor ACLED names "A and/or B" when a note cannot tell which of two groups acted ("presumed JNIM
 * and/or ISGS militants"). Such a name is no group of its own: its events count for both parts, and
 * src/resolve/actors.ts forms it where a note names two groups joined by "and/or" or "or".
 */
export interface LexiconCompound {
  name: string;
  parts: string[];
  inter: number;
  events: number;
}

/**
 * A unit of a state's forces that ACLED names after the state ("Police Forces of Burkina Faso (2015-)
 * Gendarmerie", "… of Kenya (2013-2022) General Service Unit"): the unit, whether it is military or
 * police, and its coded events over all countries. src/resolve/actors.ts names it where the text does.
 */
export interface LexiconUnit {
  unit: string;
  kind: 'Military' | 'Police';
  events: number;
}
const FORCE_UNIT = /^(Military|Police) Forces of .+?\(\d{4}-(?:\d{4})?\)\s+(.+)$/;

/** A group is coded under a parent when this share of its events have it as the parent's associate. */
const PARENT_SHARE = 0.5;

/** For each named group, the named group whose associate it is in PARENT_SHARE of its events, and since when. */
function parentsOf(records: Record<string, string>[], eventsOf: ReadonlyMap<string, number[]>): Map<string, { name: string; since: string }> {
  const under = new Map<string, Map<string, string[]>>();
  for (const r of records) {
    for (const [a, b] of [['actor1', 'assoc_actor_1'], ['actor2', 'assoc_actor_2']] as const) {
      const parent = canonical(r[a] ?? '');
      if (!eventsOf.has(parent)) continue;
      for (const x of (r[b] ?? '').split(';').map((y) => canonical(y)).filter((y) => eventsOf.has(y))) {
        const m = under.get(x) ?? under.set(x, new Map()).get(x)!;
        (m.get(parent) ?? m.set(parent, []).get(parent)!).push(r.event_date ?? '');
      }
    }
  }
  const out = new Map<string, { name: string; since: string }>();
  for (const [x, m] of under) {
    const [parent, dates] = [...m].sort((p, q) => q[1].length - p[1].length)[0]!;
    if (dates.length >= MIN_EVENTS && dates.length >= PARENT_SHARE * eventsOf.get(x)!.length) out.set(x, { name: parent, since: dates.filter(Boolean).sort()[0] ?? '' });
  }
  return out;
}

/** How ACLED joins the two groups of an uncertain attribution. */
const COMPOUND_JOIN = ' and/or ';

/**
 * An actor names its country when this share of its coded events happened there: Boko Haram's in
 * Nigeria, Mungiki's in Kenya. Al Shabaab (Somalia and Kenya) or JNIM (the Sahel) name none.
 */
const COUNTRY_SHARE = 0.9;

/** The country holding COUNTRY_SHARE of these events, or undefined. */
function dominantCountry(records: Record<string, string>[], evs: readonly number[]): string | undefined {
  const n = new Map<string, number>();
  for (const i of evs) {
    const c = records[i]!.country ?? '';
    if (c) n.set(c, (n.get(c) ?? 0) + 1);
  }
  const [best, count] = [...n].sort((a, b) => b[1] - a[1])[0] ?? ['', 0];
  return best && count >= COUNTRY_SHARE * evs.length ? best : undefined;
}

function canonical(name: string): string {
  return name.replace(PERIOD, '').replace(/\s+/g, ' ').trim();
}

function nameCandidates(name: string): string[] {
  const out = new Set<string>([name]);
  for (const p of name.split(SPLIT_PARTS)) if (p.trim().length > 2) out.add(p.trim());
  out.add(name.replace(/\s*\([^)]*\)/g, '').trim());
  for (const m of name.match(ACRONYM) ?? []) out.add(m);
  return [...out].filter((x) => x.length > 1);
}

/** Whether an acronym's letters are initials of the name's words, in order ("ISGS" of "Islamic State (Greater Sahara)"). */
export function initialsOf(name: string, acronym: string): boolean {
  const initials = name.split(/[^\p{L}]+/u).filter(Boolean).map((w) => w[0]!.toUpperCase()).join('');
  let at = 0;
  for (const ch of acronym.replace(/[^A-Z]/g, '')) {
    at = initials.indexOf(ch, at);
    if (at < 0) return false;
    at++;
  }
  return true;
}

function actorsOf(rec: Record<string, string>): string[] {
  const names: string[] = [];
  for (const k of ['actor1', 'assoc_actor_1', 'actor2', 'assoc_actor_2']) {
    for (const a of (rec[k] ?? '').split(';')) if (a.trim()) names.push(canonical(a));
  }
  return names;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Notes in which each candidate occurs (word-bounded; case-sensitive for acronyms). */
function occurrences(notes: string[], cands: Set<string>): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const c of cands) {
    const re = new RegExp(`(?<![\\w])${escapeRe(c)}(?![\\w])`, /^[A-Z0-9/-]+$/.test(c) ? '' : 'i');
    const hits: number[] = [];
    notes.forEach((n, i) => {
      if (re.test(n)) hits.push(i);
    });
    out.set(c, hits);
  }
  return out;
}

/** State force units coded in at least MIN_EVENTS events, with their most frequent kind. */
function unitsOf(records: Record<string, string>[]): LexiconUnit[] {
  const n = new Map<string, Map<string, number>>();
  for (const r of records) {
    for (const k of ['actor1', 'assoc_actor_1', 'actor2', 'assoc_actor_2']) {
      for (const a of (r[k] ?? '').split(';')) {
        const m = FORCE_UNIT.exec(a.trim());
        if (!m) continue;
        const kinds = n.get(m[2]!) ?? n.set(m[2]!, new Map()).get(m[2]!)!;
        kinds.set(m[1]!, (kinds.get(m[1]!) ?? 0) + 1);
      }
    }
  }
  return [...n].map(([unit, kinds]) => {
    const sorted = [...kinds].sort((a, b) => b[1] - a[1]);
    return { unit, kind: sorted[0]![0] as LexiconUnit['kind'], events: sorted.reduce((t, [, c]) => t + c, 0) };
  }).filter((u) => u.events >= MIN_EVENTS).sort((a, b) => b.events - a.events);
}

/**
 * Candidate aliases of a name: its own parts, and from its events' notes only spellings of the name (a
 * shared word: "Al-Shabaab", "Koglweogos") and acronyms ("ISGS"): a place or person that co-occurs with
 * a group is not the group.
 */
function aliasCandidates(name: string, evs: readonly number[], notes: readonly string[]): Set<string> {
  const cands = new Set(nameCandidates(name));
  const words = new Set(name.toLowerCase().split(/[^\p{L}]+/u).filter((w) => w.length > 3));
  for (const i of evs) {
    for (const m of notes[i]!.match(CAP_TOKEN) ?? []) {
      const c = m.replace(LEADING, '');
      if (c.length > 2 && c.toLowerCase().split(/[^\p{L}]+/u).some((w) => [...words].some((x) => w.length > 3 && (x.startsWith(w.slice(0, 5)) || w.startsWith(x.slice(0, 5)))))) cands.add(c);
    }
    for (const m of notes[i]!.match(ACRONYM) ?? []) if (m.length >= 3 && initialsOf(name, m)) cands.add(m);
  }
  return cands;
}

export function buildLexicon(records: Record<string, string>[]): { actors: LexiconActor[]; compounds: LexiconCompound[]; units: LexiconUnit[]; families: LexiconFamily[]; ethnic: string[] } {
  const notes = records.map((r) => r.notes ?? '');
  const eventsOf = new Map<string, number[]>();
  const compoundEvents = new Map<string, number[]>();
  const inters = new Map<string, Map<string, number>>();
  const ethnic = new Map<string, number>();
  const families = new Map<string, number>();
  const countries = new Set(records.map((r) => r.country ?? '').filter(Boolean));
  records.forEach((r, i) => {
    actorsOf(r).forEach((a) => {
      const m = ETHNIC.exec(a);
      if (m && m[1] !== 'Unidentified') ethnic.set(m[1]!, (ethnic.get(m[1]!) ?? 0) + 1);
      if (PATTERN_FAMILY.test(a) || m) return;
      if (a.includes(COMPOUND_JOIN)) {
        (compoundEvents.get(a) ?? compoundEvents.set(a, []).get(a)!).push(i);
        return;
      }
      const fam = COUNTRY_FAMILY.exec(a);
      if (fam && countries.has(fam[2]!)) {
        families.set(fam[1]!, (families.get(fam[1]!) ?? 0) + 1);
        return;
      }
      (eventsOf.get(a) ?? eventsOf.set(a, []).get(a)!).push(i);
    });
    for (const [k, ik] of [['actor1', 'inter1'], ['actor2', 'inter2']] as const) {
      const a = canonical(r[k] ?? '');
      if (!a || !r[ik]) continue;
      const m = inters.get(a) ?? inters.set(a, new Map()).get(a)!;
      m.set(r[ik]!, (m.get(r[ik]!) ?? 0) + 1);
    }
  });
  // A compound's events are evidence for each of its parts' aliases.
  const partEvents = new Map<string, number[]>();
  for (const [c, evs] of compoundEvents) for (const part of c.split(COMPOUND_JOIN)) (partEvents.get(part) ?? partEvents.set(part, []).get(part)!).push(...evs);
  const actors: LexiconActor[] = [];
  for (const [name, evs] of eventsOf) {
    if (evs.length < MIN_EVENTS) continue;
    const own = new Set([...evs, ...(partEvents.get(name) ?? [])]);
    const cands = aliasCandidates(name, evs, notes);
    const aliases: string[] = [];
    for (const [c, hits] of occurrences(notes, cands)) {
      // A part of several names ("Boko Haram" of its two factions) counts the events of all of them,
      // and goes to each of them that has MIN_SUPPORT events of its own: the resolver tells them
      // apart by the event's date (ACLED renamed the group on a date).
      const sharers = [...eventsOf].filter(([n]) => n.toLowerCase().includes(c.toLowerCase()));
      if (sharers.length && !sharers.some(([n]) => n === name)) continue;
      const pool = sharers.length ? new Set([...own, ...sharers.flatMap(([n, e]) => [...e, ...(partEvents.get(n) ?? [])])]) : own;
      if (hits.filter((h) => own.has(h)).length < MIN_SUPPORT) continue;
      const mine = hits.filter((h) => pool.has(h)).length;
      if (mine >= MIN_SUPPORT && mine / hits.length >= MIN_PRECISION && !isGeneric(c)) aliases.push(c);
    }
    if (!aliases.length) continue;
    const inter = [...(inters.get(name) ?? new Map<string, number>())].sort((a, b) => b[1] - a[1])[0]?.[0];
    const country = dominantCountry(records, evs);
    const dates = evs.map((e) => records[e]!.event_date ?? '').filter(Boolean).sort();
    actors.push({ name, inter: Number(inter ?? 8), events: evs.length, aliases: aliases.sort((a, b) => b.length - a.length), span: [dates[0] ?? '', dates[dates.length - 1] ?? ''], ...(country ? { country } : {}) });
  }
  const parents = parentsOf(records, eventsOf);
  for (const a of actors) if (parents.has(a.name) && actors.some((p) => p.name === parents.get(a.name)!.name)) a.parent = parents.get(a.name)!;
  const named = new Set(actors.map((a) => a.name));
  const compounds: LexiconCompound[] = [...compoundEvents]
    .filter(([c, evs]) => evs.length >= MIN_EVENTS && c.split(COMPOUND_JOIN).every((p) => named.has(p)))
    .map(([name, evs]) => ({ name, parts: name.split(COMPOUND_JOIN), inter: Number([...(inters.get(name) ?? new Map<string, number>())].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 2), events: evs.length }));
  actors.sort((a, b) => b.events - a.events || a.name.localeCompare(b.name));
  const interOf = (base: string): number => {
    const counts = new Map<string, number>();
    for (const [a, m] of inters) if (a.startsWith(`${base} (`)) for (const [k, n] of m) counts.set(k, (counts.get(k) ?? 0) + n);
    return Number([...counts].sort((x, y) => y[1] - x[1])[0]?.[0] ?? 8);
  };
  const fams: LexiconFamily[] = [...families].filter(([, n]) => n >= MIN_EVENTS).map(([base, n]) => ({ base, inter: interOf(base), events: n })).sort((a, b) => b.events - a.events);
  return { actors, compounds, units: unitsOf(records), families: fams, ethnic: [...ethnic].filter(([, n]) => n >= MIN_SUPPORT).map(([e]) => e).sort() };
}

export async function train(args: string[]): Promise<void> {
  const i = args.indexOf('--data');
  const data = resolve(i >= 0 ? args[i + 1]! : join(ROOT, '..', 'shared', 'eval', 'acled'));
  const file = statSync(data).isDirectory() ? join(data, 'train.csv') : data;
  const o = args.indexOf('--out');
  const out = resolve(o >= 0 ? args[o + 1]! : join(ROOT, 'data', 'lexicons', 'actors.json'));
  const bytes = readFileSync(file);
  const records = csvRecords(bytes.toString('utf8'));
  const lex = buildLexicon(records);
  mkdirSync(dirname(out), { recursive: true });
  const meta = {
    task: 'actors',
    description: 'ACLED actor lexicon: named actors with inter codes and aliases learned from where they occur in coders\' notes; ethnic militia names',
    data: { file, sha256: createHash('sha256').update(bytes).digest('hex'), rows: records.length },
    settings: { MIN_SUPPORT, MIN_PRECISION, MIN_EVENTS },
    counts: { actors: lex.actors.length, compounds: lex.compounds.length, units: lex.units.length, aliases: lex.actors.reduce((n, a) => n + a.aliases.length, 0), families: lex.families.length, ethnic: lex.ethnic.length },
    date: new Date().toISOString(),
  };
  writeFileSync(out, `${JSON.stringify({ meta, ...lex }, null, 1)}\n`);
  process.stderr.write(`wrote ${out}: ${meta.counts.actors} actors, ${meta.counts.aliases} aliases, ${meta.counts.ethnic} ethnic names\n`);
}
