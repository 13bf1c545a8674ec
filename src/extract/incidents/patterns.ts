/**
 * Every pattern the incident stage reads text with, compiled once at module load. Each says why it exists
 * and gives an example of what it matches. Patterns with the `g` flag are run only through `matchesOf` or
 * `scan` (src/nlp/scan.ts), which reset `lastIndex` before every run, or through `replace` (which does too);
 * the rest are used with `test`, `exec`, `search` and `split`, which keep no state without `g`.
 */

// ── Mentions and their determiners ─────────────────────────────────────────────────────────────────

/** Anaphoric mentions of an incident without anchors: "the attack", "these attacks", "the attackers". */
export const ANAPHOR_BEFORE = /\b(?:the|this|that|these|those|its|their)\s+(?:[\w-]+\s+){0,2}$/i;
/** Words before a plural trigger that make it generic: "such attacks", "terrorist attacks have long …". */
export const GENERIC_BEFORE = /\b(?:such|any|more|future|further|other|similar|many|all|no|possible|repeated|frequent|ongoing)\s+(?:[\w-]+\s+){0,2}$/i;
/** "In a series of related attacks, …": a scene-setting series, no incident of its own. */
export const SERIES_BEFORE = /\bseries of\s+(?:[\w-]+\s+){0,2}$/i;
/** A trigger's last word ends in "s": a plural ("the attacks"), unless NOT_PLURAL_END says otherwise. */
export const PLURAL_END = /s$/i;
/** Endings in "s" that are no plural: "mass", "dangerous", "crisis". */
export const NOT_PLURAL_END = /(?:ss|ous|sis)$/i;
/** A run of whitespace, to split text into words: "the  car bombing" → the, car, bombing. */
export const WHITESPACE = /\s+/;
/** The first non-space character: where "  ORLANDO" really starts. */
export const NON_SPACE = /\S/;
/** An -ing form opening a trigger: "setting fire to …", "detonating explosive vests". */
export const PARTICIPLE = /^\w+ing\b/i;

// ── Classification (classify.ts) ───────────────────────────────────────────────────────────────────

/** A sentence ending as a sentence does; a heading has none of these: "A terror attack, made in Washington and Kiev". */
export const FINAL_PUNCTUATION = /[.!?"”:]\s*$/;
/** An opening quotation mark just before a trigger: `said "the attack`. */
export const OPEN_QUOTE_END = /[“"]$/;
/** A closing quotation mark later in the sentence with no opening one before it: `attack was a crime" …`. */
export const CLOSE_QUOTE_AHEAD = /^[^“”"]*[”"]/;
/** Text ending with a comma: "…, setting fire to seven wagons" continues the clause before. */
export const COMMA_END = /,\s*$/;
/** Text ending with "by": "most of them by detonating explosive vests" tells how. */
export const BY_END = /\bby\s+$/i;

// ── Segments (segments.ts) ─────────────────────────────────────────────────────────────────────────

/** A coordinated clause: "…, in which 52 people were killed, and came two months after …". */
export const COORDINATED_CLAUSE = /,\s+(?:and|but|or|while)\s/g;
/** An appositive: a stretch between two commas that starts with a determiner (", the most wanted suspect in …,"). */
// Was `\s+[^,;()]{3,100}?,` (the blank run split two ways, cubic): one blank, 3+ characters before the
// comma, then the rest of the run and at most 100 more. Same matches (src/extract/incidents/patterns.test.ts).
export const APPOSITIVE = /,\s+(?:the|a|an|his|her|their|its)\s(?=[^,;()]{3})\s*(?!\s)[^,;()]{0,100},/g;
/** A verb that makes the stretch a clause, not an appositive: ", the man was arrested,". */
export const APPOSITIVE_VERB = /\b(?:was|were|is|are|has|have|had|said|killed|arrested)\b/;

// ── Anchor windows (anchors.ts) ────────────────────────────────────────────────────────────────────

/** The lead up to the last relative pronoun, "that" or "after": "…, which have spearheaded the incursions". */
// Anchored: a match from any position exists only if one from the start does (`.*` takes any lead), so the
// `^` changes no match and spares a scan to the end from every position (quadratic).
export const RELATIVE_LEAD = /^.*\b(?:which|who|whom|that|whose|after|since|following)\s/is;
/** A relative clause right after the trigger: "the attack which bears the imprint of …". */
// `\s*(?:,\s*)?`, not `\s*,?\s*`: without a comma the two blank runs split one run two ways (quadratic).
export const RELATIVE_AFTER = /^\s*(?:,\s*)?(?:which|who|whose|that)\b/;
/** A relative clause after a device that tells what the device did, and so where: "devices that ignited at …". */
export const DEVICE_RELATIVE = /^\s*(?:,\s*)?(?:which|that)\s+(?:had\s+|have\s+|has\s+)?(?:was\s+|were\s+|been\s+)?(?:\w+ly\s+)?(?:ignited|exploded|detonated|went off|blew up|discovered|found|placed|planted|hidden|left)\b/i;
/** An opening subordinate clause holding the trigger: "One year after a truck was driven into the market". */
export const SUBORDINATE_LEAD = /(?:^|[,;]\s*)(?:[\w-]+\s+){0,3}(?:after|since|before|following|until)\s+[^,;]*$/i;
/**
 * A parenthetical of capitalised names after a place: the districts and province that place it, as
 * ACLED's notes and many wires write it ("Litein (Buret, Kericho)", "Mone Yu (105 Maing) village tract",
 * "Kandi (Alibori)"). It is masked when looking for the clause's end, which "(" otherwise marks.
 */
// Words part at a blank only: a word already takes "-", so a "[ -]" separator split "A---A" many ways (degree 4).
export const PLACE_PARENTHETICAL = /\((?=[\p{Lu}\d])[\p{L}\d'’.-]+(?: [\p{L}\d'’.-]+){0,3}(?:,\s*\p{Lu}[\p{L}'’.-]*(?: [\p{L}'’.-]+){0,3}){0,3}\)/gu;
/** Where a new mention's clause ends after its trigger; "while" only when it sets another clause beside it, not before a gerund. */
export const CLAUSE_END = /\s(?:because|but|while(?!\s+\w+ing\b)|although|as well as)\b|[;—–(]|\s-\s/;
/** A definite mention takes only what is attached to it, up to the first comma too. */
export const CLAUSE_END_DEFINITE = new RegExp(`${CLAUSE_END.source}|,`);
/** The predicate of what came after an incident: its date is not the incident's ("… was sentenced on Friday"). */
export const AFTERMATH_PREDICATE = /\s(?:was|were|is|are|has been|have been)\s+(?:\w+ly\s+)?(?:sentenced|jailed|convicted|acquitted|charged|indicted|tried|arrested|named|identified|released|buried|honou?red|remembered|mourned|commemorated|extradited|executed)\b/i;
/** "of/on/against/at" + a capitalised name right after a trigger: "the terrorist attack on the Kerch Bridge". */
export const NAMED_OBJECT_AFTER = /^\s+(?:on|of|against|at)\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?[A-Z]/;
/** Only words between a date and its trigger: "the 2004 school siege" (the date is in the trigger's own noun). */
export const OWN_NOUN_GAP = /^[\s\w-]*$/;
/** The last "that" clause of a lead, where an arrest's subject starts: "told Putin … that 11 people had been detained". */
export const LAST_THAT_CLAUSE = /\bthat\s+(?:[\s\S](?!\bthat\b))*$/;
/** A pronoun subject of an arrest: "He was arrested on Monday". */
export const PRONOUN_SUBJECT = /^\s*(?:He|She)\s/;

// ── Dates (calendar.ts, fields/dates.ts) ───────────────────────────────────────────────────────────

/** Dates governed by a verb of saying are when something was said, not when it happened: "Lavrov said on June 25". */
export const STATEMENT_DATE_BEFORE = /\b(?:said|says|stated|announced|declared|told|wrote|reported|added|claimed|warned|confirmed|acknowledged|admitted|revealed|disclosed|in an? [\w\s]{0,20}?(?:perspective|statement|interview|article|report|piece|address))\s+(?:[\w.]+\s+){0,4}$/i;
/** "was, until 2021, the head of …": a date bounding a state, not an event. */
export const UNTIL_BEFORE = /\b(?:until|till|since|by|before|after)\s+(?:(?!the\b)\w+\s+)?$/i;
/** "Just days before the Crocus City Hall attack": a date given relative to another incident. */
export const RELATIVE_TO_OTHER_INCIDENT = /\b(?:just\s+|only\s+|a few\s+)?(?:days|hours)\s+(?:before|after|prior to)\s+the\s+/gi;
/** Casualty words right before a date: "the twelve people killed on 19 December 2016". */
export const CASUALTY_VERB_BEFORE_DATE = /\b(?:killed|died|dead|wounded|injured|murdered|shot)\s+(?:on|in)\s+(?:the\s+)?$/i;
/** What sets a dateline date off from the report: "1/9/1970: …", "26 August — …". */
export const DATELINE_SEPARATOR = /^\s*(?:[:—–]|-\s)/;
/**
 * "ORLANDO, Fla. — Christina Grimmie … died after being shot …": wire reports open with the city they are
 * filed from, set off by a dash ("BARCELONA, Spain (Wire) —", "Paris — ").
 */
export const PLACE_DATELINE = /^\s*([A-ZÀ-Þ][\p{L}.' -]{1,40}?)(?:,\s*[\p{L}.]+(?:\s[\p{L}.]+)?)?\s*(?:\([^)\n]{1,30}\)\s*)?(?:[—–]|-(?=\s))\s/u;

// ── Places (geo.ts, fields/places.ts) ──────────────────────────────────────────────────────────────

/** "a flight from Tel Aviv", "travelling towards Crimea": an origin or a direction, not where it happened. */
export const ORIGIN_BEFORE = /\b(?:from|towards?|to|via|through)\s+(?:the\s+)?$/i;
/** A leading article or preposition on a target's name: "the Embassy", "in colombia". */
export const LEADING_ARTICLE = /^(?:the|in|at)\s+/i;
/** Generic words of facility names, which say nothing of which facility: "Crocus City concert hall" → "crocus". */
export const GENERIC_FACILITY_WORD = /^(city|hall|concert|the|centre|center|bridge|church|airport|station|street|square)$/;
/** Only a comma between a city and what follows: "Akron, Ohio". Sticky: run at the city's end, it ends where the next place must start. */
export const COMMA_GAP = /,\s*/y;
/** A preposition of place before a city: "in Akron", "near the Kharkiv …". */
export const PLACE_PREPOSITION_BEFORE = /\b(?:in|at|near|outside)\s+(?:the\s+)?$/i;
/** "in" right before a city: the way reports name where something happened ("in Akron"). */
export const IN_BEFORE = /\bin\s+$/i;
/** A possessive after a city: "Alexander's Department Store" is a business, not Alexander. */
export const POSSESSIVE_AFTER = /^['’]s?\s+[A-Z]/;
/** A capitalised word of a facility's name: "Covington", "High", "School". */
export const CAPITALISED_WORD = /[A-Z][\w.'’-]*/g;
/** A hyphen: "Champaign-Urbana" → "Champaign". */
export const HYPHEN = /-/;
/** A possessive ending: "Alexander's" → "Alexander". */
export const POSSESSIVE_END = /['’]s?$/;
/** Facility names whose first word is no town, so the next words are read: "University of Illinois, Champaign-Urbana". */
export const INSTITUTION_LEAD_WORD = /^(?:University|College|Bank|Church|State)$/;
/** Only a list separator between two cities: "in Makhachkala and Derbent, Russia". */
export const LIST_GAP = /^\s*(?:,|and|or|, and)\s*$/;
/** No gap longer than this is a list's separator (", and " with a few blanks): longer ones are not tested against LIST_GAP. */
export const LIST_GAP_MAX_CHARS = 40;
/** A country is where it happened only after these: "in Afghanistan" (not "Putin blames Ukraine"). */
export const COUNTRY_IN_BEFORE = /\b(?:in|inside|across|throughout|within)\s+(?:the\s+)?$/i;
/** "near Kharkiv", "on the outskirts of Kabul": the incident was outside the place. */
export const NEAR_BEFORE = /\b(?:near|outside|close to|on the outskirts of)\s+$/i;

// ── Grouping (group.ts) ────────────────────────────────────────────────────────────────────────────

/** A gap that is only a comma: "a truck bomb exploded …, setting fire to …". */
export const COMMA_ONLY_GAP = /^[^;:]*,\s*$/;
/** A clause break between two mentions: "a bomb exploded, and police said an attack …". */
export const CLAUSE_PUNCTUATION = /[,;:]/;
/** A semicolon or colon: "…; the car bombing of …" is a new clause, never the same stretch. */
export const STRONG_CLAUSE_PUNCTUATION = /[;:]/;
/** Words that set another event beside the one told: "… came two months after a man drove …". */
export const OTHER_EVENT_WORDS = /[;]|\b(?:after|before|since|than|like|following|previous|earlier|later|last|similar|unlike|came)\b/i;

// ── Report fields (fields/*.ts) ────────────────────────────────────────────────────────────────────

/** A trailing plural "s"/"es", to compare target heads: "police officers" and "police officer". */
export const PLURAL_SUFFIX = /e?s$/;
/** The people a casualty figure counts: "16 policemen", "five civilians", "one Orthodox priest". */
export const VICTIM_NOUN_PHRASE = /^\s*((?:[A-Za-z][\w-]*\s+){0,2}?(?:policem[ae]n|police officers?|officers?|civilians?|soldiers?|servicem[ae]n|children|women|men|worshippers|priests?|journalists?|students|pilgrims|tourists|passengers|guards?|officials?|residents|villagers|peasants|workers|members of [\w\s]+?family))\b/i;
/** The first letter of each word, to title-case a name key: "salah abdeslam" → "Salah Abdeslam". */
export const WORD_INITIAL = /\b\w/g;
/** Underscores in a kind name, for its label: "armed_assault" → "armed assault". */
export const UNDERSCORE = /_/g;

/**
 * A "to" the irrealis rule must not read as an infinitive's: the word after it is no verb's base form but
 * a name, a determiner, a number, a past participle or "death" — "in retaliation to Taliban attacks",
 * "beat to death", "in reaction to devastated farmland", "moved to the area where …". Matched against the
 * text before a trigger, like IRREALIS_BEFORE. Case-sensitive: a capital after "to" marks a name.
 */
export const PREPOSITIONAL_TO = /\bto\s+(?:[A-Z][\w'-]*|the|a|an|his|her|their|its|this|that|these|those|\d[\w,.]*|death|[a-z]+ed)\s+(?:[\w-]+\s+){0,1}$|\bto\s+(?:[A-Z][\w'-]*|death|[a-z]+ed)\s+$/;

