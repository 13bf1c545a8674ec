import type { Mention, MentionType, Sentence } from '../model/index.js';
import type { Gazetteer } from './gazetteer/index.js';
import { knownOrg, KNOWN_ORG_MAX_TOKENS } from './lexicon/groups.js';
import {
  FACILITY_HEADS,
  LOWER_FACILITY_CUES,
  LOWER_ORG_CUES,
  NAME_CONNECTORS,
  NON_NAME_CAPITALS,
  ORG_HEADS,
  PERSON_TITLES,
  PLACE_GENERICS,
  REGION_NAMES,
  SPEECH_VERBS,
  TITLE_MODIFIERS,
} from './lexicon/names.js';
import { placeTaggerOn, placeTaggerType, type PlaceTagger } from './place-tagger.js';
import { tokenize, type Token } from './tokens.js';

export const MENTION_STAGE = 'nlp.mentions';

/** Longest proper-name run we consider one name; longer runs are headings or titles of works. */
const MAX_RUN_TOKENS = 8;
/** Confidence of each typing rule; the best rule for a name wins document-wide. */
const CONF = {
  knownOrg: 0.95,
  orgHead: 0.85,
  lowerCue: 0.85,
  title: 0.9,
  place: 0.8,
  placeWithPreposition: 0.9,
  demonym: 0.85,
  acronym: 0.6,
  multiWordDefault: 0.55,
  speechVerb: 0.7,
  surname: 0.75,
  containsPlace: 0.5,
} as const;

interface Candidate {
  start: number;
  end: number;
  text: string;
  key: string;
  type: MentionType | null;
  confidence: number;
  reason: string;
  countryCode?: string | null;
}

/**
 * Find people, organisations, places, facilities and nationality words.
 *
 * Pass 1 collects runs of capitalised words in each sentence (with "of",
 * "al", "bin" … allowed inside) and types each run by the first rule that
 * fits: a known organisation, an organisation or facility head word, a title
 * before a person, a gazetteer place, a demonym, a cue word after the name.
 * Pass 2 makes the document consistent: a name keeps its best-supported type
 * everywhere, and a lone surname ("Omarov") joins the person whose full name
 * ("Magomed Omarov") appears in the document.
 */
export function findMentions(text: string, sentences: readonly Sentence[], res: MentionResources): Mention[] {
  const scan: Scan = { text, out: [], gaz: res.gazetteer, tagger: res.placeTagger };
  for (const s of sentences) if (mayHoldName(text, s.start, s.end)) scanSentence(scan, tokenize(text, s.start, s.end));
  return consolidate(scan.out, res.gazetteer);
}

/**
 * Whether text[start, end) has a character a name can begin with. A run starts only at a name token
 * (isNameToken), whose first character is an upper-case letter: an ASCII capital, or a letter past
 * ASCII (its case is read by the tokenizer). A sentence without one holds no run, and is not
 * tokenized: a text written all in lower case (a coder's note, a transcript, MUC-4's reports) has no
 * sentence to read here.
 */
function mayHoldName(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 65 && c <= 90) || c >= 128) return true;
  }
  return false;
}

/** What the mention finder reads besides the text, from the pipeline context. */
export interface MentionResources {
  gazetteer: Gazetteer;
  /** The learned place tagger's settings (place-tagger.ts): the rules unless models/place-tagger.json says otherwise. */
  placeTagger: PlaceTagger;
}

/** A document being scanned: its text, the candidates found so far, and the resources the typing rules read. */
interface Scan {
  text: string;
  out: Candidate[];
  gaz: Gazetteer;
  tagger: PlaceTagger;
}

function isNameToken(t: Token): boolean {
  return t.isWord && (t.cap || t.allCaps);
}

function scanSentence(scan: Scan, toks: Token[]): void {
  const text = scan.text;
  let i = 0;
  while (i < toks.length) {
    const t = toks[i]!;
    if (!isNameToken(t)) {
      i++;
      continue;
    }
    // Gather the run [i, j).
    let j = i + 1;
    while (j < toks.length && j - i < MAX_RUN_TOKENS) {
      const n = toks[j]!;
      // A capitalised function word, weekday or month ends the name: "Vladimir Putin On Saturday".
      if (isNameToken(n) && adjacent(text, toks[j - 1]!, n) && (!(NON_NAME_CAPITALS.has(n.lower) && !n.allCaps) || monthAsSurname(toks, j))) {
        j++;
        continue;
      }
      // "St Anthony's Shrine": a possessive inside a facility name.
      const n2 = toks[j + 1];
      if (n.lower === "'s" && n2 && isNameToken(n2) && FACILITY_HEADS.has(n2.lower)) {
        j += 2;
        continue;
      }
      // Connectors inside names: "Freedom of Russia Legion", "Osama bin Laden".
      // "for" joins only organisation names: "Committee for State Security", not "Ukraine for Crimean Bridge".
      const forOk = n.lower !== 'for' || ORG_HEADS.has(toks[j - 1]!.lower);
      if (!n.cap && forOk && NAME_CONNECTORS.has(n.lower) && j + 1 < toks.length && isNameToken(toks[j + 1]!) && n.lower !== 'and') {
        j += 2;
        continue;
      }
      break;
    }
    typeRun(scan, toks, i, j);
    i = j;
  }
}

/** Months that are also surnames: "Theresa May", "Brian June" (not "Sunday May 5"). */
/**
 * Capitalised words that GeoNames also lists as towns but that in news text
 * name a feast or a region's people and language: "a Christmas market" is no
 * visit to Christmas, Florida; "Catalan officials" are not from Çatalan,
 * Türkiye (names are matched without diacritics). Country demonyms come from
 * the gazetteer; these are the sub-national and cultural ones it lacks.
 */
const NOT_PLACE_WORDS: ReadonlySet<string> = new Set([
  'christmas', 'easter', 'thanksgiving', 'halloween', 'ramadan', 'eid', 'diwali', 'hanukkah', 'passover', 'advent', 'lent', 'pentecost',
  'catalan', 'basque', 'galician', 'andalusian', 'bavarian', 'flemish', 'walloon', 'corsican', 'breton', 'sicilian', 'sardinian',
  'scottish', 'welsh', 'cornish', 'texan', 'californian', 'floridian', 'chechen', 'dagestani', 'kurdish', 'tatar', 'kashmiri',
  'punjabi', 'bengali', 'tamil', 'baloch', 'pashtun', 'uyghur', 'tibetan', 'crimean', 'palestinian', 'kosovar', 'quebecois',
  // Peoples named like towns somewhere: "Fula" and "Fulani" herders are people, not Fula, Guinea.
  'fula', 'fulani', 'hausa', 'maasai', 'tuareg', 'mossi',
]);

const SURNAME_MONTHS: ReadonlySet<string> = new Set(['may', 'june', 'april', 'august']);

/** A token starting with a digit after a month word makes it a date, not a surname: "May 5th". */
const STARTS_WITH_DIGIT = /^\d/;
/** The gap allowed between two words of one name: up to two spaces or tabs ("Vladimir  Putin"), no comma or newline. */
const NAME_GAP = /^[ \t]{0,2}$/;
/** A hyphen tokenised with spaces around it joins the key back: "al - Shabaab" → "al-shabaab". */
const SPACED_HYPHEN = / - /g;
/** Lower-case words that make "X <word> <facility cue>" a facility: "the Nord Stream gas pipeline". */
const FACILITY_MODIFIER = /^(?:gas|oil|power|railway|road|rail|police|army|military|concert|shopping|bus|train|metro|border|water|nuclear)$/;
/** An opening quote between a cue word and a name: the party “Just Russia”. */
const OPENING_QUOTE = /^["“'‘]$/;
/** Prepositions that make a gazetteer name a place with more confidence: "in Kherson", "near Avdiivka". */
const PLACE_PREPOSITION = /^(in|near|at|from|to|outside|into|across|of)$/;

/** A month word after a given name, with no day or year after it, continues the name. */
function monthAsSurname(toks: Token[], j: number): boolean {
  const n = toks[j]!;
  const prev = toks[j - 1]!;
  const next = toks[j + 1];
  if (!SURNAME_MONTHS.has(n.lower) || n.allCaps || prev.allCaps || NON_NAME_CAPITALS.has(prev.lower)) return false;
  return !(next && (next.isNumber || STARTS_WITH_DIGIT.test(next.text)));
}

/** Two tokens belong to one name only when separated by plain spaces (not a comma or line break). */
function adjacent(text: string, a: Token, b: Token): boolean {
  const gap = text.slice(a.end, b.start);
  return NAME_GAP.test(gap);
}

function keyOf(toks: Token[], a: number, b: number): string {
  const parts: string[] = [];
  for (let k = a; k < b; k++) parts.push(toks[k]!.lower);
  return parts.join(' ').replace(SPACED_HYPHEN, '-');
}

function candidate(text: string, toks: Token[], a: number, b: number, type: MentionType | null, confidence: number, reason: string): Candidate {
  const start = toks[a]!.start;
  const end = toks[b - 1]!.end;
  return { start, end, text: text.slice(start, end), key: keyOf(toks, a, b), type, confidence, reason };
}

/** Type the run toks[a, b), possibly splitting it, and push candidates. */
function typeRun(scan: Scan, toks: Token[], a: number, b: number): void {
  // Leading words that are capitalised only because they start a sentence or
  // a heading ("The", "Already", "According") are not part of the name.
  while (a < b && NON_NAME_CAPITALS.has(toks[a]!.lower) && !knownOrg(keyOf(toks, a, b))) a++;
  // Trailing connectors left by the split above.
  while (b > a && NAME_CONNECTORS.has(toks[b - 1]!.lower)) b--;
  if (a >= b) return;
  const run: Run = { text: scan.text, out: scan.out, gaz: scan.gaz, tagger: scan.tagger, toks, a, b };
  // The first typing step that claims the run wins; the order is the order of precedence.
  if (typeKnownOrg(run) || typeTitled(run) || typeDivision(run) || typeCompassPart(run) || typeOfPlace(run) || typeByHeadOrCue(run) || typePlace(run) || typeUnknownDivision(run)) return;
  typeFallback(run);
}

/** A run being typed: tokens toks[a, b) of the sentence, in the scan its candidates go to. */
interface Run extends Scan {
  toks: Token[];
  a: number;
  b: number;
}

/** Push a candidate for toks[a, b) of the run. */
function push(r: Run, a: number, b: number, type: MentionType | null, confidence: number, reason: string): Candidate {
  const c = candidate(r.text, r.toks, a, b, type, confidence, reason);
  // The learned place tagger (place-tagger.ts), off unless models/place-tagger.json says to use it.
  if (placeTaggerOn(r.tagger)) c.type = placeTaggerType(r.tagger, { toks: r.toks, a, b, text: c.text, type, reason, readings: r.gaz.lookup(c.key) });
  r.out.push(c);
  return c;
}

/** Step 1: a known organisation, matched as the longest alias from the left; the rest is typed on its own. */
function typeKnownOrg(r: Run): boolean {
  const { toks, a, b } = r;
  for (let n = Math.min(KNOWN_ORG_MAX_TOKENS, b - a); n >= 1; n--) {
    const org = knownOrg(keyOf(toks, a, a + n));
    if (org && (n > 1 || toks[a]!.allCaps || org.aliases[0]!.length > 3 || toks[a]!.text.length > 3)) {
      // "the United Nations" yes; a lone "Is"/"Let" only when written in capitals.
      if (n === 1 && org.aliases.includes(toks[a]!.lower) && toks[a]!.lower.length <= 3 && !toks[a]!.allCaps) return false;
      const c = push(r, a, a + n, 'ORG', CONF.knownOrg, `lexicon: known organisation "${org.name}" (${org.kind})`);
      c.key = org.name.toLowerCase();
      // A following org/facility head extends it ("Islamic State group" stays the org).
      if (a + n < b) typeRun(r, toks, a + n, b);
      return true;
    }
  }
  return false;
}

/** Step 2: titles split a run: "Russian Foreign Minister Sergei Lavrov" → PERSON "Sergei Lavrov". */
function typeTitled(r: Run): boolean {
  const { toks, a, b } = r;
  for (let k = a; k < b; k++) {
    if (!PERSON_TITLES.has(toks[k]!.lower)) continue;
    // The title may be followed by "of X" ("Head of Dagestan Republic Sergei Melikov").
    let nameStart = k + 1;
    while (nameStart < b && (PERSON_TITLES.has(toks[nameStart]!.lower) || TITLE_MODIFIERS.has(toks[nameStart]!.lower))) nameStart++;
    if (nameStart < b && toks[nameStart]!.lower === 'of') {
      // Consume the organisation or place after "of": up to the last two tokens, which form the name.
      const ofEnd = Math.max(nameStart + 2, b - 2);
      if (ofEnd < b) {
        typeRun(r, toks, nameStart + 1, ofEnd);
        nameStart = ofEnd;
      } else return false;
    }
    let titleStart = k;
    while (titleStart > a && TITLE_MODIFIERS.has(toks[titleStart - 1]!.lower)) titleStart--;
    if (nameStart >= b) return false; // a title with no name after it ("the President")
    if (titleStart > a) typeRun(r, toks, a, titleStart);
    const title = keyOf(toks, titleStart, nameStart);
    push(r, nameStart, b, 'PERSON', CONF.title, `rule: name after the title "${title}"`);
    return true;
  }
  return false;
}

/**
 * Step 2b: a division written with the word for its level, whose head word is also an organisation word:
 * "Kaduna State", "Wukari Local Government", "Makueni County" name the state, LGA or county, not a
 * body. The whole run must be a division the gazetteer knows under that name; "Islamic State" and
 * "Lagos State Government" are none and stay organisations.
 */
function typeDivision(r: Run): boolean {
  const { toks, a, b, gaz } = r;
  if (b - a < 2 || !ORG_HEADS.has(toks[b - 1]!.lower)) return false;
  if (!gaz.lookup(keyOf(toks, a, b)).some((c) => c.kind === 'admin1' || c.kind === 'admin2')) return false;
  const prev = toks[a - 1];
  const prepositional = prev !== undefined && PLACE_PREPOSITION.test(prev.lower);
  push(r, a, b, 'PLACE', prepositional ? CONF.placeWithPreposition : CONF.place, `gazetteer: division named with the word for its level "${toks[b - 1]!.text}"`);
  return true;
}

/** Compass words that name a part of a division: Kenya's sub-counties, Nigeria's LGAs, Burkina's departments. */
const COMPASS_PARTS: ReadonlySet<string> = new Set(['north', 'south', 'east', 'west', 'central', 'northeast', 'northwest', 'southeast', 'southwest', 'upper', 'lower']);

/**
 * Step 2b: "<division> North|South|East|West|Central", a part of a division named by its compass point
 * ("Nyamira North district", "Kuria West sub-county", "Kiambu East"): the gazetteer has the division, not
 * its parts, so the place is the division's name and the compass word is left out of it. Not a person or
 * a thing named after a place ("David North", "Lagos Central Mosque": the run goes on after the compass
 * word), and only for a division or a town the gazetteer knows in full.
 */
function typeCompassPart(r: Run): boolean {
  const { toks, a, b, gaz } = r;
  if (b - a < 2 || !COMPASS_PARTS.has(toks[b - 1]!.lower)) return false;
  const base = keyOf(toks, a, b - 1);
  if (gaz.longestMatch(toksLower(toks, a, b - 1), 0) !== b - 1 - a || gaz.isRiskyName(base) || gaz.demonym(base)) return false;
  if (!gaz.lookup(base).some((c) => c.kind === 'admin1' || c.kind === 'admin2')) return false;
  const prev = toks[a - 1];
  const prepositional = prev !== undefined && PLACE_PREPOSITION.test(prev.lower);
  push(r, a, b - 1, 'PLACE', prepositional ? CONF.placeWithPreposition : CONF.place, `gazetteer: the ${toks[b - 1]!.text} part of the division "${base}"`);
  return true;
}

/**
 * Step 2c: "<name> of <place>" is a part of that place or a thing in it, not one name: "Oju Local Government
 * Area of Benue State" (two places), "the police HQ of Gardez city", "PD11 of Herat". The place after "of"
 * is typed on its own, and so are the words before it. Names headed by an organisation or facility word
 * ("University of Nairobi", "Central Bank of Nigeria", "Governor of Kaduna") are one name: the place in
 * them is the organisation's, not where anything happened.
 */
function typeOfPlace(r: Run): boolean {
  const { toks, a, b, gaz } = r;
  // A lower-case facility or organisation word after the run makes it one name: "Abbey Gate of Kabul airport".
  const next = toks[b];
  if (next && !next.cap && (LOWER_FACILITY_CUES.has(next.lower) || LOWER_ORG_CUES.has(next.lower))) return false;
  for (let k = a + 1; k < b - 1; k++) {
    if (toks[k]!.lower !== 'of') continue;
    const heads = [toks[a]!.lower, toks[k - 1]!.lower];
    if (heads.some((w) => ORG_HEADS.has(w) || FACILITY_HEADS.has(w) || PERSON_TITLES.has(w)) || knownOrg(keyOf(toks, a, b))) return false;
    // The place must be a name, not a common word that is also a hamlet: "Armed Commandos of Liberation".
    const tail = keyOf(toks, k + 1, b);
    if (gaz.longestMatch(toksLower(toks, k + 1, b), 0) !== b - k - 1 || gaz.demonym(tail) || gaz.isRiskyName(tail)) return false;
    typeRun(r, toks, a, k);
    typeRun(r, toks, k + 1, b);
    return true;
  }
  return false;
}

/** Step 3: organisation and facility head words ending the run, and lower-case cue words around it. */
function typeByHeadOrCue(r: Run): boolean {
  const { toks, a, b, gaz } = r;
  const last = toks[b - 1]!;
  const next = toks[b];
  if (b - a >= 2 && ORG_HEADS.has(last.lower)) {
    push(r, a, b, 'ORG', CONF.orgHead, `rule: ends with the organisation word "${last.text}"`);
    return true;
  }
  if (b - a >= 2 && FACILITY_HEADS.has(last.lower)) {
    push(r, a, b, 'FACILITY', CONF.orgHead, `rule: ends with the facility word "${last.text}"`);
    return true;
  }
  // A lower-case cue right after the name: "the United Russia party", "Crocus City concert hall".
  if (next && !next.cap && LOWER_ORG_CUES.has(next.lower) && !gaz.demonym(keyOf(toks, a, b))) {
    push(r, a, b, 'ORG', CONF.lowerCue, `rule: followed by "${next.text}"`);
    return true;
  }
  return typeByFacilityCue(r) || typeByCueBefore(r);
}

/** Step 3, facilities: "the Nord Stream gas pipeline", "Crocus City concert hall". */
function typeByFacilityCue(r: Run): boolean {
  const { toks, a, b, gaz } = r;
  const next = toks[b];
  // One lower-case modifier before the facility word: "the Nord Stream gas pipeline".
  const next2 = toks[b + 1];
  if (next && next2 && !next.cap && next.isWord && !LOWER_FACILITY_CUES.has(next.lower) && !NAME_CONNECTORS.has(next.lower) && !next2.cap && LOWER_FACILITY_CUES.has(next2.lower) && FACILITY_MODIFIER.test(next.lower)) {
    push(r, a, b + 2, 'FACILITY', CONF.lowerCue, `rule: followed by "${next.text} ${next2.text}"`);
    return true;
  }
  if (next && !next.cap && LOWER_FACILITY_CUES.has(next.lower) && !gaz.demonym(keyOf(toks, a, b))) {
    let e = b + 1;
    // "concert hall": take a second cue word too.
    if (toks[e] && LOWER_FACILITY_CUES.has(toks[e]!.lower)) e++;
    if (gaz.lookup(keyOf(toks, a, b)).length === 0 || b - a > 1) {
      push(r, a, e, 'FACILITY', CONF.lowerCue, `rule: followed by the facility word "${toks[e - 1]!.text}"`);
      return true;
    }
  }
  return false;
}

/** Step 3, cues before the name: the party “Just Russia”. */
function typeByCueBefore(r: Run): boolean {
  const { toks, a, b } = r;
  const prev = toks[a - 1];
  // A lower-case cue right before a quoted name: the party “Just Russia”.
  if (prev && !prev.cap && LOWER_ORG_CUES.has(prev.lower)) {
    push(r, a, b, 'ORG', CONF.lowerCue, `rule: preceded by "${prev.text}"`);
    return true;
  }
  const prev2 = toks[a - 2];
  if (prev && OPENING_QUOTE.test(prev.text) && prev2 && !prev2.cap && LOWER_ORG_CUES.has(prev2.lower)) {
    push(r, a, b, 'ORG', CONF.lowerCue, `rule: quoted name after "${prev2.text}"`);
    return true;
  }
  return false;
}

/** Step 4: places — the whole run, or a place followed by a generic ("Belgorod region"); demonyms; names containing a place. */
function typePlace(r: Run): boolean {
  const { toks, a, b, gaz } = r;
  const next = toks[b];
  const prev = toks[a - 1];
  const whole = keyOf(toks, a, b);
  if (REGION_NAMES.has(whole)) {
    push(r, a, b, 'PLACE', CONF.place, 'lexicon: world region');
    return true;
  }
  const demo = b - a === 1 ? gaz.demonym(whole) : null;
  if (demo) {
    push(r, a, b, 'NORP', CONF.demonym, `gazetteer: demonym of ${demo.name}`).countryCode = demo.code;
    return true;
  }
  const placeLen = b - a === 1 && NOT_PLACE_WORDS.has(whole) ? 0 : gaz.longestMatch(toksLower(toks, a, b), 0);
  if (placeLen === b - a) {
    let e = b;
    if (next && PLACE_GENERICS.has(next.lower) && gaz.lookup(`${whole} ${next.lower}`).length > 0) e = b + 1;
    const prepositional = prev !== undefined && PLACE_PREPOSITION.test(prev.lower);
    const risky = b - a === 1 && gaz.isRiskyName(whole);
    if (risky && !prepositional) return true;
    push(r, a, e, 'PLACE', prepositional ? CONF.placeWithPreposition : CONF.place,
      `gazetteer: place name${prepositional ? ` after "${prev!.text}"` : ''}`);
    return true;
  }
  // A demonym or place starting a longer run that is not itself a name we
  // know: split it off ("Russian Belgorod" → NORP + place).
  if (b - a >= 2 && gaz.demonym(toks[a]!.lower)) {
    typeRun(r, toks, a, a + 1);
    typeRun(r, toks, a + 1, b);
    return true;
  }
  // A place starting a longer unknown name makes an organisation, weakly
  // ("Moscow City Crocus …"). But a one-word place followed by one more word
  // is a first name and a surname: "Vladimir Putin", "Ilya Ponomaryov",
  // "David North".
  const firstAndSurname = b - a === 2 && placeLen === 1 && !toks[a + 1]!.allCaps && !gaz.lookup(toks[a + 1]!.lower).length;
  if (placeLen > 0 && placeLen < b - a && !firstAndSurname && isNotablePlace(gaz, keyOf(toks, a, a + placeLen))) {
    push(r, a, b, 'ORG', CONF.containsPlace, 'rule: proper name containing a place name');
    return true;
  }
  return false;
}

/**
 * Step 4b: a name the gazetteer lacks, written with a division or settlement word: "in Chaki Wardak
 * district", "Pandanguo village", "Rift Valley Province". It is a place (with no reading), not a person,
 * so "Wardak" later in "…, Wardak" is not read as that person's surname. A name after a title or with an
 * organisation word was typed before this step.
 */
function typeUnknownDivision(r: Run): boolean {
  const { toks, a, b } = r;
  const next = toks[b];
  const lowerGeneric = next !== undefined && next.isWord && !next.cap && PLACE_GENERICS.has(next.lower);
  const capGeneric = b - a >= 2 && PLACE_GENERICS.has(toks[b - 1]!.lower);
  if (!lowerGeneric && !capGeneric) return false;
  push(r, a, lowerGeneric ? b + 1 : b, 'PLACE', CONF.place, `rule: a name before the division word "${lowerGeneric ? next!.text : toks[b - 1]!.text}"`);
  return true;
}

/** Steps 5–6: acronyms, names containing a nationality word, unknown names (mostly people), lone words. */
function typeFallback(r: Run): void {
  const { toks, a, b, gaz } = r;
  // 5. Acronyms: "NATO", "FSB".
  if (b - a === 1 && toks[a]!.allCaps) {
    push(r, a, b, 'ORG', CONF.acronym, 'rule: acronym');
    return;
  }
  // "Great Russian chauvinism": a run with a nationality word in it is not a person.
  for (let k = a; k < b; k++) {
    const dm = gaz.demonym(toks[k]!.lower);
    if (dm) {
      push(r, a, b, 'NORP', CONF.containsPlace, `rule: proper name containing the demonym "${toks[k]!.text}"`).countryCode = dm.code;
      return;
    }
  }
  // 6. Unknown multi-word proper names in news are mostly people.
  if (b - a >= 2 && b - a <= 4) {
    push(r, a, b, 'PERSON', CONF.multiWordDefault, 'rule: unknown two-to-four-word proper name');
    return;
  }
  if (b - a === 1) {
    // A single unknown capitalised word: a person only with a cue; otherwise
    // left untyped for pass 2 (it may be the surname of a named person).
    const after = toks[b];
    const after2 = toks[b + 1];
    const speaks = (after && SPEECH_VERBS.has(after.lower)) || (after?.lower === "'s" && after2 && !after2.cap);
    push(r, a, b, speaks ? 'PERSON' : null, speaks ? CONF.speechVerb : 0,
      speaks ? `rule: subject of "${after!.text}"` : 'unknown single capitalised word');
  }
}

/** Population above which a place inside a name marks an organisation ("United Russia"), not a first name. */
const NOTABLE_PLACE_POPULATION = 100_000;

function isNotablePlace(gaz: Gazetteer, name: string): boolean {
  return gaz.lookup(name).some((p) => p.kind !== 'city' || (p.population ?? 0) >= NOTABLE_PLACE_POPULATION);
}

function toksLower(toks: Token[], a: number, b: number): string[] {
  const out: string[] = [];
  for (let k = a; k < b; k++) out.push(toks[k]!.lower);
  return out;
}

/** Pass 2: one type per name across the document; surnames join full names. */
function consolidate(cands: Candidate[], gaz: Gazetteer): Mention[] {
  const best = new Map<string, Candidate>();
  for (const c of cands) {
    if (!c.type) continue;
    const b = best.get(c.key);
    if (!b || c.confidence > b.confidence) best.set(c.key, c);
  }
  // Surname (and given-name-less) index of people: "omarov" → "magomed omarov".
  const surname = new Map<string, string>();
  for (const [key, c] of best) {
    if (c.type !== 'PERSON') continue;
    const parts = key.split(' ');
    if (parts.length >= 2) surname.set(parts[parts.length - 1]!, key);
  }
  const out: Mention[] = [];
  for (const c of cands) {
    let type = c.type;
    let key = c.key;
    let reason = c.reason;
    let confidence = c.confidence;
    const b = best.get(c.key);
    if (b && b.type !== type && b.confidence > confidence) {
      reason = `${reason}; document: "${b.text}" typed ${b.type} by ${b.reason}`;
      type = b.type;
      confidence = b.confidence;
    }
    const full = surname.get(c.key);
    // A lone surname of a person named in the document is that person, unless
    // it is plainly used as a place ("in Tarrant" would stay a place).
    // Never a country ("Russia" is not short for "Great Russia").
    if (full && c.key.indexOf(' ') < 0 && type !== 'NORP' && !gaz.country(c.key) && (type === null || type === 'PERSON' || confidence < CONF.placeWithPreposition)) {
      type = 'PERSON';
      key = full;
      reason = `rule: surname of "${best.get(full)!.text}" named in the document`;
      confidence = CONF.surname;
    }
    if (!type) continue;
    const m: Mention = { start: c.start, end: c.end, text: c.text, type, key, confidence, stage: MENTION_STAGE, reason };
    if (c.countryCode) m.countryCode = c.countryCode;
    out.push(m);
  }
  out.sort((x, y) => x.start - y.start);
  return out;
}
