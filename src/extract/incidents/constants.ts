/**
 * The incident stage's numbers: how far around a trigger each heuristic reads (windows, in characters or
 * sentences), and how sure each field is (confidences). Each says what it bounds and why.
 */

/** The stage name every value this stage attests carries. */
export const INCIDENT_STAGE = 'extract.incidents';

// ── Windows around a trigger (characters) ──────────────────────────────────────────────────────────

/** How far before a trigger its determiner is read: "the" and up to two words ("these drone attacks"). */
export const DETERMINER_BEFORE_CHARS = 40;
/** How far before the hit before a trigger "series of" is read: "In a series of related attacks, …". */
export const SERIES_BEFORE_CHARS = 40;
/** How far before a trigger (within its sentence) classification reads: "will", "such", "by", a quotation mark. */
export const CLASSIFY_BEFORE_CHARS = 50;
/** How far after a trigger its named object is read: "the attack on the Kerch Bridge". */
export const NAMED_OBJECT_AFTER_CHARS = 60;
/** How far after a trigger a named person or organisation is its own: "the assassination of Darya Dugina". */
export const NAMED_AFTER_CHARS = 40;
/** How far after a trigger its own time and place may be named. */
export const ANCHOR_AFTER_CHARS = 220;
/** How far after a definite mention its attached words may run ("the missile attack on the beach in Sevastopol"). */
export const DEFINITE_AFTER_CHARS = 70;
/** How close after a definite mention ("the attack on March 22") its own date must be. */
export const DEFINITE_DATE_AFTER_CHARS = 70;
/** How close before a trigger a date in its own noun is: "the 2004 school siege". */
export const OWN_NOUN_DATE_GAP_CHARS = 14;
/** Two incident words this close in one sentence, with no comma between, name one incident. */
export const SAME_EVENT_GAP_CHARS = 40;
/** How far after "the arrest of" the arrested person is named. */
export const ARRESTEE_AFTER_CHARS = 25;
/** Around an arrest, where the arrested person is looked for: "… arrested Salah Abdeslam …". */
export const ARREST_PERSON_BEFORE_CHARS = 80;
export const ARREST_PERSON_AFTER_CHARS = 60;
/** How far after "days before the" the other incident's trigger must start. */
export const OTHER_INCIDENT_AFTER_CHARS = 39;

// ── Windows around a date or place (characters) ────────────────────────────────────────────────────

/** How far before a date its verb of saying is read: "Lavrov said on June 25". */
export const STATEMENT_BEFORE_CHARS = 60;
/** How far before a date "until", "since" … is read: "was, until 2021, the head of". */
export const UNTIL_BEFORE_CHARS = 25;
/** How far before a date its casualty words are read: "killed on 19 December 2016". */
export const CASUALTY_DATE_BEFORE_CHARS = 30;
/** How far before a place "from", "towards" … is read: "a flight from Tel Aviv". */
export const ORIGIN_BEFORE_CHARS = 14;
/** How far before a city its preposition is read ("in", "at", "near the"), and "in" alone. */
export const PLACE_PREPOSITION_BEFORE_CHARS = 12;
export const IN_BEFORE_CHARS = 4;
/** How far after a city a possessive is read: "Alexander's Department Store". */
export const POSSESSIVE_AFTER_CHARS = 4;
/** How far before a place "near", "on the outskirts of" is read. */
export const NEAR_BEFORE_CHARS = 20;
/** How far after a casualty figure the people it counts are named: "16 policemen". */
export const VICTIM_NOUN_AFTER_CHARS = 40;
/** How far into the body a dateline date may start. */
export const DATELINE_MAX_OFFSET = 2;
/** How much after a dateline date its separator is read: "1/9/1970: …". */
export const DATELINE_SEPARATOR_CHARS = 3;
/** How much of the body's opening a place dateline is read from: "BARCELONA, Spain (Wire) —". */
export const PLACE_DATELINE_CHARS = 80;

// ── Windows in words and sentences ─────────────────────────────────────────────────────────────────

/** A short heading line (no final punctuation, few words) introduces no incident: "A terror attack, made in Washington and Kiev". */
export const HEADING_MAX_WORDS = 14;
/** How close (in sentences) a bare "the attack" must be to the incident it refers to, when not the main one. */
export const ANAPHOR_WINDOW = 1;
/** How many sentences after an incident's mention an unnamed arrest still belongs to it. */
export const ARREST_FOCUS_SENTENCES = 4;
/** How many sentences after an incident's last mention a casualty or perpetrator sentence still tells it. */
export const FOLLOW_SENTENCES = 3;
/**
 * How far into a document its one event may be told. News puts the event in the lead (the title and the
 * first sentences) and a coder's note is a few sentences long; an unanchored event word deep in a long
 * article that tells no incident is background ("… the 1989 offensive …"), not the report.
 */
export const LEAD_SENTENCES = 4;
/**
 * A report short enough to be about one event: a coder's note, a GTD summary, a wire brief. Only these
 * are read for an unanchored lead event. Counted in words, not sentences: lower-case wire text (MUC-4)
 * splits into few sentences. ACLED notes run 8-79 words (5th-99th percentile of train), GTD summaries
 * 28-157; MUC-4 stories 84-875, and there promoting the first event word of a story that anchors no
 * incident added more wrong fillers than right ones: a long article that anchors nothing is more
 * often analysis.
 */
export const NOTE_MAX_WORDS = 160;
/** A facility's town is among its first words ("Covington High School"): how many are tried as a start … */
export const FACILITY_TOWN_LEAD_WORDS = 4;
/** … and how many words a town's name may run to ("Fort Worth", "Salt Lake City"). */
export const FACILITY_TOWN_MAX_WORDS = 3;
/** A shorter name read inside a facility is too often an initial or an abbreviation to be a town. */
export const FACILITY_TOWN_MIN_CHARS = 3;
/** A city of this many people reads as itself by a wide margin (a capital or a metropolis). */
export const BIG_CITY_POPULATION = 1_000_000;

// ── Confidences ────────────────────────────────────────────────────────────────────────────────────

/** The incident's type, from its trigger words (and weapon). */
export const TYPE_CONFIDENCE = 0.8;
/** A date in the incident's own clause, absolute ("on 22 March 2024") or relative ("on Friday"). */
export const DATE_CONFIDENCE = 0.9;
export const RELATIVE_DATE_CONFIDENCE = 0.7;
/** No date at all: the unknown date is certain only that the text gives none. */
export const NO_DATE_CONFIDENCE = 0.5;
/** "days before the … attack": the other incident's month, day unknown. */
export const OTHER_INCIDENT_MONTH_CONFIDENCE = 0.6;
/** A dateline date, for the incidents of the paragraph it opens. */
export const DATELINE_DATE_CONFIDENCE = 0.8;
/** The date of a casualty statement in the incident's clauses ("killed on 19 December 2016"). */
export const CASUALTY_CLAUSE_DATE_CONFIDENCE = 0.7;
/** A count stated once, or the same count stated more than once. */
export const COUNT_CONFIDENCE = 0.8;
export const REPEATED_COUNT_CONFIDENCE = 0.9;
/** The people a casualty figure counts ("16 policemen"). */
export const VICTIM_CONFIDENCE = 0.7;
/** A place named in the incident's clause, "in" it or only "near" it. */
export const PLACE_IN_CONFIDENCE = 0.85;
export const PLACE_NEAR_CONFIDENCE = 0.6;
/** A facility named in the incident's clause. */
export const FACILITY_CONFIDENCE = 0.8;
/** The one named person an arrest report is about, and the count of one arrested. */
export const ARREST_CONFIDENCE = 0.7;

/**
 * A learned hit with no anchor becomes a note's lead event only when one of the two models is sure: the
 * event classifier of its label (the same 0.3 the ACLED export asks of it), or the detector of an event.
 * "Councillors agreed to consult residents about a new bus route" reads as an event at 0.71 and as an
 * agreement at 0.20: no incident. On a 4,101-note sample of ACLED train the gate costs 0.2 points of
 * found (0.975 -> 0.973); on 924 lead paragraphs of political news (polnear) no lead event is promoted
 * with or without it.
 */
export const LEARNED_LEAD_MIN_SCORE = 0.3;
/** …or the detector at least this sure that the sentence reports an event. */
export const LEARNED_LEAD_MIN_EVENT = 0.9;

