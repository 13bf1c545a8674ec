import { normaliseName } from '../nlp/gazetteer/index.js';
import { FirstStarts, runEnd } from '../nlp/first-starts.js';

/**
 * The localities a report's own sentence places it in: villages, quarters, townships and areas that
 * the gazetteer may not know, so that its place is only the town or district around them ("in the
 * village of Fantou (Botou, Tapoa)" is placed at Botou, as is "in the village of Doubiti").
 */

/** A capitalised name of one to four words, with particles: "Fantou", "Dih Bala", "Porte de Vincennes". */
const NAME = String.raw`([A-Z][\p{L}'’-]+(?:[ ](?:(?:de|du|des|la|le|el|al|di|da)[ ])?[A-Z][\p{L}'’-]+){0,3})`;
/** Nouns for a locality, before "of" or after its name: "the village of Fantou", "Twantay township", "Oe Bo Ward". */
const NOUNS = ['village', 'town', 'city', 'hamlet', 'locality', 'area', 'quarter', 'neighbourhood', 'neighborhood', 'ward', 'township', 'commune', 'sector', 'camp'];
/**
 * Nouns for a division that holds localities: "Mandalay district", "Yangon Region". A sentence's
 * divisions count only when it names no finer locality: "in Amarapura town (Amarapura township,
 * Mandalay district, Mandalay region)" is in Amarapura, not in Mandalay; "in Sabari district, Khost"
 * is in Sabari.
 */
const DIVISION_NOUNS = ['district', 'department', 'county', 'sub-county', 'constituency', 'division', 'region', 'province', 'state'];
/** Nouns as a pattern, lower-case or capitalised ("ward", "Ward"). */
const nounPattern = (nouns: readonly string[]): string => `(?:${nouns.map((n) => `[${n[0]}${n[0]!.toUpperCase()}]${n.slice(1)}`).join('|')})`;
const ANY_NOUN = nounPattern([...NOUNS, ...DIVISION_NOUNS]);
const ANY_NOUN_WORD = new RegExp(`^${ANY_NOUN}$`, 'u');
const DIVISION_NOUN_WORD = new RegExp(`^${nounPattern(DIVISION_NOUNS)}$`, 'u');
/** Where a name before its noun may begin. */
const CAPITALS = /[A-Z]/g;
/** A name word's characters, read to the run's end. */
const NAME_CHARS = /[\p{L}'’-]+/uy;
/**
 * After a name before its noun failed at a capital: a later capital of the same word ends the word
 * where it ends and reads the same words after it, so it fails too.
 */
const nameWordEnd = (text: string, at: number): number => runEnd(text, at, NAME_CHARS);

/**
 * Where a sentence names a locality (group 1: the noun, when there is one; group 2: the name):
 * - a noun, then "of" and the name: "the village of Koumpehoum", "the area of Baraboule";
 * - the name, then a noun: "Twantay township", "Sabari district", "Kunduz city";
 * - a preposition, then the name: "in Pouri near Dassari", "at Oe Bo Ward".
 */
export const LOCALITY_PATTERNS: readonly { re: Pick<RegExp, 'lastIndex' | 'exec'>; noun: 1 | 2 | null; name: 1 | 2 }[] = [
  { re: new RegExp(String.raw`\b(${ANY_NOUN})\s+of\s+(?:the\s+)?${NAME}`, 'gu'), noun: 1, name: 2 },
  // Quadratic as a pattern (issue 13: a start at every capital of "N-N-N-…", each read to the run's end).
  { re: new FirstStarts(String.raw`${NAME}\s+(${ANY_NOUN})\b`, 'gu', CAPITALS, nameWordEnd), noun: 2, name: 1 },
  { re: new RegExp(String.raw`\b(?:in|near|at|around|outside)\s+(?:the\s+)?${NAME}`, 'gu'), noun: null, name: 1 },
];
/** Capitalised words that open a phrase but name no locality. */
const NOT_LOCALITIES = new Set(['the', 'a', 'an', 'on', 'in', 'at', 'north', 'south', 'east', 'west', 'central', 'northern', 'southern', 'eastern', 'western', 'january', 'february',
  'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday']);

/**
 * The localities a sentence names, normalised ("fantou", "dih bala"): its finer localities, or when
 * it names none, its divisions. A noun's own capital ("Ward", "Township") is no part of a name.
 */
export function localitiesOf(sentence: string): string[] {
  const fine = new Set<string>();
  const divisions = new Set<string>();
  for (const p of LOCALITY_PATTERNS) {
    // exec's loop, not matchAll (which clones a RegExp): the same matches (none is empty).
    p.re.lastIndex = 0;
    for (let m = p.re.exec(sentence); m; m = p.re.exec(sentence)) {
      const words = m[p.name]!.split(' ').filter((w) => !NOT_LOCALITIES.has(w.toLowerCase()) && !ANY_NOUN_WORD.test(w));
      if (!words.length) continue;
      const noun = p.noun === null ? null : m[p.noun]!;
      (noun && DIVISION_NOUN_WORD.test(noun) ? divisions : fine).add(normaliseName(words.join(' ')));
    }
  }
  return [...(fine.size ? fine : divisions)];
}

/**
 * Whether two sentences each name a locality the other does not: "in the Ganon quarter in the town
 * of Parakou" and "in the Banikani quarter in the town of Parakou" are two places in one town; "in
 * Kunduz city" and "in the Nasiriha village of Kunduz city" may be one.
 */
export function localitiesDiffer(a: readonly string[], b: readonly string[]): boolean {
  return a.some((x) => !b.includes(x)) && b.some((y) => !a.includes(y));
}
