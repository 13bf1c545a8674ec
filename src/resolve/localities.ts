import { normaliseName } from '../nlp/gazetteer/index.js';

/**
 * The localities a report's own sentence places it in: villages, quarters, townships and areas that
 * the gazetteer may not know, so that its place is only the town or district around them ("in the
 * village of Fantou (Botou, Tapoa)" is placed at Botou, as is "in the village of Doubiti").
 */

/** A capitalised name of one to four words, with particles: "Fantou", "Dih Bala", "Porte de Vincennes". */
const NAME = String.raw`([A-Z][\p{L}'’-]+(?:[ ](?:(?:de|du|des|la|le|el|al|di|da)[ ])?[A-Z][\p{L}'’-]+){0,3})`;
/** Nouns for a locality, before "of" or after its name: "the village of Fantou", "Twantay township", "Oe Bo Ward". */
const NOUNS = ['village', 'town', 'city', 'hamlet', 'locality', 'area', 'quarter', 'neighbourhood', 'neighborhood', 'ward', 'district', 'township', 'commune',
  'department', 'sector', 'camp', 'county', 'sub-county', 'constituency', 'division', 'region', 'province', 'state'];
/** The nouns as a pattern, lower-case or capitalised ("ward", "Ward"). */
const LOCALITY_NOUNS = `(?:${NOUNS.map((n) => `[${n[0]}${n[0]!.toUpperCase()}]${n.slice(1)}`).join('|')})`;
const LOCALITY_NOUN = new RegExp(`^${LOCALITY_NOUNS}$`, 'u');
/**
 * Where a sentence names a locality:
 * - a noun, then "of" and the name: "the village of Koumpehoum", "the area of Baraboule";
 * - the name, then a noun: "Twantay township", "Sabari district", "Kunduz city";
 * - a preposition, then the name: "in Pouri near Dassari", "at Oe Bo Ward".
 */
const LOCALITY_PATTERNS: readonly RegExp[] = [
  new RegExp(String.raw`\b${LOCALITY_NOUNS}\s+of\s+(?:the\s+)?${NAME}`, 'gu'),
  new RegExp(String.raw`${NAME}\s+${LOCALITY_NOUNS}\b`, 'gu'),
  new RegExp(String.raw`\b(?:in|near|at|around|outside)\s+(?:the\s+)?${NAME}`, 'gu'),
];
/** Capitalised words that open a phrase but name no locality: "in the Taliban's" is caught by other rules; these never are. */
const NOT_LOCALITIES = new Set(['the', 'a', 'an', 'on', 'in', 'at', 'north', 'south', 'east', 'west', 'central', 'northern', 'southern', 'eastern', 'western', 'january', 'february',
  'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday']);

/** The localities a sentence names, normalised ("Fantou", "dih bala"); a locality noun's own capital ("Ward", "Township") is dropped. */
export function localitiesOf(sentence: string): string[] {
  const out = new Set<string>();
  for (const re of LOCALITY_PATTERNS) {
    for (const m of sentence.matchAll(re)) {
      const words = m[1]!.split(' ').filter((w) => !NOT_LOCALITIES.has(w.toLowerCase()) && !LOCALITY_NOUN.test(w));
      if (words.length) out.add(normaliseName(words.join(' ')));
    }
  }
  return [...out];
}

/**
 * Whether two sentences each name a locality the other does not: "in the Ganon quarter in the town
 * of Parakou" and "in the Banikani quarter in the town of Parakou" are two places in one town; "in
 * Kunduz city" and "in the Nasiriha village of Kunduz city" may be one.
 */
export function localitiesDiffer(a: readonly string[], b: readonly string[]): boolean {
  return a.some((x) => !b.includes(x)) && b.some((y) => !a.includes(y));
}
