import type { IncidentKind, IncidentReport, Location } from '../model/index.js';
import { MONTH_NAMES } from '../model/index.js';
import { count, type ExportItem } from './records.js';

/**
 * ACLED's `notes`, written by Dossier: one sentence made from the incident's coded values — when,
 * who, did what, to whom, where, with what toll — ending with the sources it comes from. Nothing is
 * copied from a report's text but the values the pipeline extracted (a perpetrator's or target's words).
 */

/** The row values the note reuses (decided once in acledRow). */
export interface NoteValues {
  date: string;
  actor1: string;
  actor2: string;
  fatalities: number;
  sources: string[];
}

/** What each kind of incident is, as a verb phrase taking its targets (`%` stands for them). */
const VERBS: Record<IncidentKind, { withTarget: string; alone: string }> = {
  armed_assault: { withTarget: 'attacked %', alone: 'carried out an armed attack' },
  attack: { withTarget: 'attacked %', alone: 'carried out an attack' },
  bombing: { withTarget: 'bombed %', alone: 'set off an explosive device' },
  suicide_bombing: { withTarget: 'carried out a suicide bombing targeting %', alone: 'carried out a suicide bombing' },
  missile_strike: { withTarget: 'struck % with missiles', alone: 'carried out a missile strike' },
  drone_strike: { withTarget: 'struck % with drones', alone: 'carried out a drone strike' },
  air_strike: { withTarget: 'carried out an air strike on %', alone: 'carried out an air strike' },
  shelling: { withTarget: 'shelled %', alone: 'carried out shelling' },
  arson: { withTarget: 'set fire to %', alone: 'set fires' },
  hostage_taking: { withTarget: 'took % hostage', alone: 'took hostages' },
  assassination: { withTarget: 'assassinated %', alone: 'carried out an assassination' },
  armed_incursion: { withTarget: 'launched an armed incursion against %', alone: 'launched an armed incursion' },
  riot: { withTarget: 'rioted against %', alone: 'rioted' },
  protest: { withTarget: 'protested against %', alone: 'demonstrated' },
  arrest: { withTarget: 'arrested %', alone: 'made arrests' },
  sabotage: { withTarget: 'sabotaged %', alone: 'carried out sabotage' },
};

/** At most this many targets or places are named in a note; more are "and others". */
const MAX_LISTED = 3;

export function acledNote(item: ExportItem, v: NoteValues): string {
  const r = item.primary;
  const doc = item.docs.get(r.docId)?.text ?? '';
  const what = `${who(r, v.actor1, doc)} ${whatPhrase(r, v.actor2, doc)} ${wherePhrase(r.locations.map((l) => l.value))}`;
  const toll = tollPhrase(item, v.fatalities);
  const by = v.sources.length ? `, according to ${listed(v.sources, v.sources.length)}` : ', source unknown';
  return `${whenPhrase(r, item, v.date)}, ${what}${toll}${by}.`.replace(WHITESPACE, ' ');
}
const WHITESPACE = /\s+/g;

/** "On 23 June 2024", "In June 2024", "In 2024"; an undated report: "On or before 27 June 2024 (date not reported)". */
function whenPhrase(r: IncidentReport, item: ExportItem, rowDate: string): string {
  const d = r.date.value;
  if (d.precision === 'day' && d.year !== null && d.month !== null && d.day !== null) return `On ${d.day} ${MONTH_NAMES[d.month - 1]} ${d.year}`;
  if (d.precision === 'month' && d.year !== null && d.month !== null) return `In ${MONTH_NAMES[d.month - 1]} ${d.year}`;
  if (d.precision === 'year' && d.year !== null) return `In ${d.year}`;
  const published = item.docs.get(r.docId)?.meta.published;
  if (published) return `On or before ${humanDay(published)} (date not reported; coded ${humanDay(rowDate)})`;
  return 'On an unreported date';
}

function humanDay(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return y && m && d ? `${d} ${MONTH_NAMES[m - 1]} ${y}` : iso;
}

/**
 * The perpetrators as the report names them (one named inside another's words is left out: "Gunmen" beside
 * "Unknown gunmen"), else the ACLED actor (a conventional one, "Protesters (Kenya)", as a common noun),
 * else "unidentified perpetrators".
 */
function who(r: IncidentReport, actor1: string, doc: string): string {
  const names = distinctNames(r.perpetrators.map((p) => p.value.name)).map((n) => midSentence(n, doc));
  if (names.length) return listed(names, MAX_LISTED);
  if (actor1) return withoutParenthetical(actor1)?.toLowerCase() ?? actor1;
  return 'unidentified perpetrators';
}
/**
 * An ACLED actor without its closing parenthetical ("Military Forces of Nigeria (2015-2023)" →
 * "Military Forces of Nigeria"), or null when it has none. Scanned by hand: the pattern
 * /\s*\([^)]*\)$/ was quadratic on a long run of whitespace before a ")" (the ReDoS check).
 */
export function withoutParenthetical(s: string): string | null {
  if (!s.endsWith(')')) return null;
  const open = s.indexOf('(', s.lastIndexOf(')', s.length - 2) + 1);
  return open < 0 ? null : s.slice(0, open).trimEnd();
}

function whatPhrase(r: IncidentReport, actor2: string, doc: string): string {
  const verb = VERBS[r.type.value.kind];
  const objects = r.targets.length ? r.targets.map((t) => t.value.name) : r.victims.map((x) => x.value.name);
  if (!objects.length && actor2 && r.type.value.kind !== 'protest') objects.push(withoutParenthetical(actor2)?.toLowerCase() ?? actor2);
  const unique = distinctNames(objects).map((n) => midSentence(n, doc));
  return unique.length ? verb.withTarget.replace('%', listed(unique, MAX_LISTED)) : verb.alone;
}

/** Names without repeats, leaving out one that another contains ("Gunmen" in "Unknown gunmen"). */
function distinctNames(names: string[]): string[] {
  const lower = [...new Set(names)].map((n) => ({ n, l: n.toLowerCase() }));
  return lower.filter((a) => !lower.some((b) => b !== a && b.l.length > a.l.length && b.l.includes(a.l))).map((a) => a.n);
}

/**
 * A name as it reads inside a sentence: the capital a sentence start gave it goes ("Gunmen stormed" →
 * "gunmen") when its first word is written in lower case elsewhere in the document or is a common
 * opening word; a proper name keeps its capitals.
 */
function midSentence(name: string, doc: string): string {
  const first = name.split(' ', 1)[0] ?? '';
  const lower = first.toLowerCase();
  if (first === lower || !/^\p{Lu}\p{Ll}*$/u.test(first)) return name;
  if (COMMON_OPENINGS.has(lower) || writtenLower(doc, lower)) return lower + name.slice(first.length);
  return name;
}
/** Whether `word` (lower case) occurs in the text as a word of its own, written in lower case. */
function writtenLower(text: string, word: string): boolean {
  for (let i = text.indexOf(word); i >= 0; i = text.indexOf(word, i + 1)) {
    if (!LETTER.test(text[i - 1] ?? ' ') && !LETTER.test(text[i + word.length] ?? ' ')) return true;
  }
  return false;
}
const LETTER = /\p{L}/u;
const COMMON_OPENINGS = new Set(['unknown', 'unidentified', 'suspected', 'armed', 'a', 'an', 'the', 'two', 'three', 'four', 'five', 'several', 'some', 'many', 'dozens', 'hundreds']);

/** "in Makhachkala and Derbent (Dagestan, Russia)", "near Djibo (Sahel, Burkina Faso)", "in Russia"; none: "at an unreported location". */
function wherePhrase(locs: Location[]): string {
  if (!locs.length) return 'at an unreported location';
  const first = locs[0]!;
  const names = [...new Set(locs.map((l) => l.place.name))];
  const context = [first.place.admin1Name, first.place.countryName].filter((x): x is string => !!x && !names.includes(x));
  return `${first.relation === 'near' ? 'near' : 'in'} ${listed(names, MAX_LISTED)}${context.length ? ` (${context.join(', ')})` : ''}`;
}

/** ", killing 11 people and injuring 26"; ", with no reported fatalities"; a vague figure says how it was coded. */
function tollPhrase(item: ExportItem, fatalities: number): string {
  const injured = count(item, 'injured');
  const vague = item.primary.killedTotal ?? item.primary.killedVictims;
  const dead = fatalities > 0
    ? vague?.value.qualifier === 'vague' ? `killing an unspecified number of people ("${vague.value.text}", coded as ${fatalities})` : `killing ${fatalities} ${fatalities === 1 ? 'person' : 'people'}`
    : '';
  const hurt = injured ? `injuring ${injured}` : '';
  const arrested = item.primary.type.value.kind === 'arrest' ? null : count(item, 'arrested');
  const arrests = arrested ? `${arrested} arrest${arrested === 1 ? '' : 's'}` : '';
  if (dead && hurt) return `, ${dead} and ${hurt}${arrests ? `, with ${arrests}` : ''}`;
  if (dead) return `, ${dead}${arrests ? `, with ${arrests}` : ''}`;
  return `${hurt ? `, ${hurt}` : ''}, with no reported fatalities${arrests ? ` and ${arrests}` : ''}`;
}

function listed(xs: string[], max: number): string {
  const shown = xs.slice(0, max);
  const more = xs.length > max ? [`${xs.length - max} others`] : [];
  const all = [...shown, ...more];
  if (all.length <= 1) return all.join('');
  // "a church and a synagogue as well as a police post": items that hold an "and" of their own.
  const last = all.some((x) => x.includes(' and ')) ? 'as well as' : 'and';
  return `${all.slice(0, -1).join(', ')} ${last} ${all[all.length - 1]}`;
}
