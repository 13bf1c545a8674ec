/**
 * Word lists for the attribution finder, kept as data with the reason each
 * list exists. Forms are lower-cased; curly apostrophes are made straight by
 * the tokenizer before lookup.
 */

export interface CueVerb {
  /** Every inflected form that can head a cue. */
  forms: string[];
  /** Verbs of speech attribute a statement; verbs of evaluation ("praised X as") attribute a characterisation; 'other' is a cue found by the learned model outside this list. */
  family: 'speech' | 'report' | 'cognition' | 'evaluation' | 'accusation' | 'denial' | 'evidence' | 'other';
  /** Forms that need a following complement ("that", a quote, a colon or a comma) to count, because they are common in other senses. */
  needsComplement?: boolean;
  /** Verbs whose object is the addressee before the content: "told reporters that …". */
  addressee?: boolean;
  why: string;
}

export const CUE_VERBS: CueVerb[] = [
  { forms: ['say', 'says', 'said', 'saying'], family: 'speech', why: 'the commonest verb of reported speech' },
  { forms: ['tell', 'tells', 'told', 'telling'], family: 'speech', addressee: true, why: 'speech with an addressee: "told a newspaper"' },
  { forms: ['add', 'adds', 'added', 'adding'], family: 'speech', needsComplement: true, why: 'continues a statement; "added" alone is also arithmetic' },
  { forms: ['write', 'writes', 'wrote', 'writing'], family: 'speech', needsComplement: true, why: 'written statements; "writing" is also a noun' },
  { forms: ['tweet', 'tweets', 'tweeted', 'tweeting'], family: 'speech', why: 'statements on social media' },
  { forms: ['note', 'notes', 'noted', 'noting'], family: 'speech', needsComplement: true, why: '"noted that"; "notes" is also a noun' },
  { forms: ['explain', 'explains', 'explained', 'explaining'], family: 'speech', needsComplement: true, why: 'speech verb' },
  { forms: ['continue', 'continues', 'continued'], family: 'speech', needsComplement: true, why: '"He continued, \\"…\\"" — only with a quote or colon' },
  { forms: ['declare', 'declares', 'declared', 'declaring'], family: 'speech', needsComplement: true, why: 'speech verb' },
  { forms: ['stated', 'states'], family: 'speech', needsComplement: true, why: '"state" is mostly a noun; the inflected forms with a complement are speech' },
  { forms: ['announce', 'announces', 'announced', 'announcing'], family: 'speech', why: 'official statements' },
  { forms: ['argue', 'argues', 'argued', 'arguing'], family: 'speech', needsComplement: true, why: 'speech verb' },
  { forms: ['insist', 'insists', 'insisted', 'insisting'], family: 'speech', needsComplement: true, why: 'speech verb' },
  { forms: ['reply', 'replies', 'replied', 'respond', 'responds', 'responded'], family: 'speech', needsComplement: true, why: 'answers; "responded to" without a complement is an action' },
  { forms: ['recall', 'recalls', 'recalled'], family: 'speech', needsComplement: true, why: 'speech verb' },
  { forms: ['emphasize', 'emphasizes', 'emphasized', 'emphasise', 'emphasised', 'stress', 'stresses', 'stressed'], family: 'speech', needsComplement: true, why: 'speech verb' },
  { forms: ['remark', 'remarked', 'observe', 'observed', 'observes', 'mention', 'mentioned', 'quip', 'quipped', 'joked', 'boasted', 'gloated', 'gloats'], family: 'speech', needsComplement: true, why: 'speech verb' },
  { forms: ['warn', 'warns', 'warned', 'warning'], family: 'speech', needsComplement: true, addressee: true, why: 'speech verb; "warned" may take an addressee' },
  { forms: ['promise', 'promised', 'promises', 'vow', 'vowed', 'vows', 'pledge', 'pledged', 'pledges'], family: 'speech', needsComplement: true, why: 'commitments are statements (future content is fine as a claim)' },
  { forms: ['ask', 'asks', 'asked'], family: 'speech', needsComplement: true, addressee: true, why: 'questions: "asked whether …"' },
  { forms: ['report', 'reports', 'reported', 'reporting'], family: 'report', needsComplement: true, why: 'a source reporting something; "reports" is also a noun' },
  { forms: ['indicate', 'indicates', 'indicated'], family: 'report', needsComplement: true, why: '"media reports indicate that …"' },
  { forms: ['reveal', 'reveals', 'revealed', 'disclose', 'disclosed', 'confirm', 'confirms', 'confirmed', 'documented', 'documents'], family: 'report', needsComplement: true, why: 'reporting verbs' },
  { forms: ['acknowledge', 'acknowledges', 'acknowledged', 'admit', 'admits', 'admitted', 'conceded', 'concedes'], family: 'report', needsComplement: true, why: 'a statement against the speaker\'s interest' },
  { forms: ['show', 'shows', 'showed', 'found', 'finds'], family: 'evidence', needsComplement: true, why: 'polls, studies and figures "show"/"found" that …' },
  { forms: ['claim', 'claims', 'claimed', 'claiming', 'allege', 'alleges', 'alleged', 'assert', 'asserts', 'asserted', 'contend', 'contends', 'contended', 'maintain', 'maintains', 'maintained'], family: 'speech', needsComplement: true, why: 'contested statements' },
  { forms: ['suggest', 'suggests', 'suggested'], family: 'cognition', needsComplement: true, why: '"suggested that"; also the author\'s inference "suggests direct involvement"' },
  { forms: ['believe', 'believes', 'believed', 'think', 'thinks', 'thought', 'predicted', 'predicts', 'predict', 'estimated', 'estimates', 'concluded', 'concludes', 'agreed', 'agree', 'agrees', 'hope', 'hopes', 'hoped', 'fear', 'fears', 'feared'], family: 'cognition', needsComplement: true, why: 'beliefs attributed to a source' },
  { forms: ['accuse', 'accuses', 'accused', 'accusing', 'blame', 'blames', 'blamed', 'blaming'], family: 'accusation', why: 'PLOVER ACCUSE' },
  { forms: ['deny', 'denies', 'denied', 'denying'], family: 'denial', why: 'denials of involvement' },
  { forms: ['praise', 'praises', 'praised', 'hailed', 'denounce', 'denounces', 'denounced', 'described', 'describes', 'called', 'calls', 'branded', 'labelled', 'labeled', 'condemned', 'condemns', 'criticized', 'criticised'], family: 'evaluation', needsComplement: true, why: '"praised X as \\"…\\"", "denounced X as \\"…\\"": a characterisation in the source\'s words' },
];

/** form → verb entry. */
export const CUE_FORMS: ReadonlyMap<string, CueVerb> = new Map(CUE_VERBS.flatMap((v) => v.forms.map((f) => [f, v] as const)));

/** Words between a source and its verb that PolNeAR (and we) keep in the cue: "has also said". */
export const CUE_PREFIX = new Set([
  'has', 'have', 'had', 'also', 'later', 'previously', 'repeatedly', 'often', 'again', 'recently', 'publicly', 'privately',
  'first', 'once', 'further', 'flatly', 'openly', 'explicitly', 'emphatically', 'instantly', 'quickly', 'reportedly',
  'would', 'will', 'had', 'did', 'does', 'do', 'not', 'never', 'always', 'then', 'even', 'still', 'already', 'just', 'only',
]);

/** Auxiliaries/negation among CUE_PREFIX: needed to tell "not said" (negated) and future "will say". */
export const NEGATORS = new Set(['not', 'never', "n't", 'no']);

/** Time words that may stand between a source and its verb without belonging to either: "Trump on Tuesday said". */
export const TIME_WORDS = new Set([
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'today', 'yesterday', 'tonight',
  'late', 'early', 'earlier', 'last', 'this', 'week', 'month', 'year', 'night', 'morning', 'afternoon', 'evening', 'on',
]);

/** Pronouns and relative pronouns that are a whole source on their own. */
export const PRONOUN_SOURCES = new Set(['he', 'she', 'they', 'we', 'i', 'you', 'it', 'who', 'which', 'that']);

/**
 * Words that end a source noun phrase when scanning backwards from the cue:
 * clause words, verbs, most prepositions. "of", "for", "at" stay inside
 * ("a spokesman for the ministry", "a professor at Yale").
 */
export const SOURCE_STOP = new Set([
  'is', 'was', 'were', 'are', 'be', 'been', 'being', 'am', 'do', 'does', 'did', 'will', 'would', 'can', 'could', 'should',
  'may', 'might', 'must', 'shall', 'not', 'when', 'where', 'while', 'because', 'if', 'as', 'since', 'after', 'before', 'than',
  'then', 'but', 'or', 'so', 'to', 'in', 'on', 'with', 'by', 'from', 'about', 'into', 'over', 'under', 'against', 'through',
  'what', 'how', 'why', 'whether', 'although', 'though', 'unless', 'until', 'once', 'also', 'has', 'have', 'had', 'there',
  'here', 'him', 'them', 'us', 'me', 'this', 'these', 'those', 'said', 'says', 'told', 'not', 'no', 'yes',
  'like', 'unlike', 'during', 'without', 'within', 'per', 'via', 'among', 'between', 'toward', 'towards', 'upon', 'whom',
]);

/** Sentence-initial connectives stripped from the front of a source: "But the ministry said". */
export const LEADING_CONNECTIVES = new Set([
  'but', 'and', 'however', 'meanwhile', 'still', 'yet', 'so', 'now', 'then', 'instead', 'indeed', 'also', 'earlier', 'later',
  'moreover', 'furthermore', 'nevertheless', 'nonetheless', 'thus', 'hence', 'notably', 'similarly', 'likewise', 'finally',
  'first', 'second', 'third', 'separately', 'previously', 'already', 'even', 'again', 'or', 'in', 'at', 'on',
]);

/**
 * Set phrases in which "say"/"said" does not attribute anything. Each is sticky and begins with \b
 * and an ASCII letter: nonAttributive (index.ts) tries them only where a word begins.
 */
export const NON_ATTRIBUTIVE: RegExp[] = [
  /\bthat said\s*,/iy,
  /\bhaving said that\b/iy,
  /\bneedless to say\b/iy,
  /\bthat is to say\b/iy,
  /\bto say (?:nothing|the least)\b/iy,
  /\bso to say\b/iy,
  /\bthe said\b/iy,
  /\bsaid to be\b/iy,
];

/** Verbs of evaluation that take "X as \"…\"". */
export const AS_VERBS = new Set(['praise', 'praises', 'praised', 'hailed', 'denounce', 'denounces', 'denounced', 'described', 'describes', 'called', 'calls', 'branded', 'labelled', 'labeled', 'condemned', 'condemns', 'criticized', 'criticised']);
