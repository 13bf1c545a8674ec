import type {
  Annotations,
  Attested,
  Claim,
  ClaimKind,
  ClaimSource,
  ClaimTarget,
  DateMention,
  Doc,
  IncidentReport,
  Mention,
  Modality,
  Quote,
  Span,
} from '../../model/index.js';
import { findAttributions, quoteLayout, type Attribution, type FindOptions, type QuoteLayout } from '../attribution/index.js';
import { ACCUSATION_RE, HEDGES, LINKAGE_RE, MEDIA_RE, PATTERN_RULES, UNNAMED_RE, type PatternRule } from './rules.js';
import { spanIndex } from '../../nlp/span-index.js';
import { firstMatches, matchesOf } from '../../nlp/scan.js';

export const CLAIM_STAGE = 'extract.claims';

/** Regions where claims are looked for: not titles of the page furniture, bylines or captions. */
const CLAIM_REGIONS = new Set(['body', 'blockquote', 'heading', 'subtitle']);
const PRONOUNS = new Set(['he', 'she', 'they', 'him', 'her']);
const FIRST_PERSON = new Set(['we', 'i', 'us']);
/** Incident nouns: a content naming one refers to the document's incident of that kind. */
const INCIDENT_NOUN = /\b(?:attacks?|bombings?|strikes?|riots?|massacre|shooting|explosion|assault|incursions?|slaughter|terror)\b/i;
/**
 * How far (characters, either side of its content) a claim reaches for the
 * incidents it concerns by their place or facility name. Three times the
 * longest report in the evaluation corpora (34 000 characters), so every
 * incident of a report is in reach. In a compilation of many reports, a
 * claim naming "Kabul" concerned every incident in Kabul from the first page
 * to the last: the links grew with the square of the document (25 million
 * in 9.5 MB), and with them time and memory.
 */
const CLAIM_INCIDENT_REACH = 100_000;

export interface ClaimsResult {
  claims: Claim[];
  quotes: Quote[];
}

interface Draft {
  kind: ClaimKind;
  source: ClaimSource;
  sourceSpan: Span | null;
  targets: { name: string; role: ClaimTarget['role']; span: Span; key: string | null }[];
  modality: Modality;
  modalityWhy: string;
  modalityEvidence: Span[];
  cue: Span | null;
  content: Span;
  reason: string;
  confidence: number;
}

/** A content that reports a claim of responsibility is typed by the pattern rules, not as a reported fact. */
const CLAIMS_RESPONSIBILITY = /claimed responsibility|claim(?:ed|s)? (?:the )?responsibility/i;

/** A quotation found, before it is numbered. */
type QuoteDraft = Omit<Quote, 'id' | 'docId' | 'index'>;

/** What the claim finder reads once per document. */
interface ClaimCtx {
  doc: Doc;
  ann: Annotations;
  /** The attributions whose cue lies in a claim region, in text order. */
  atts: Attribution[];
  author: ClaimSource;
  inRegion: (s: Span) => boolean;
  /** The text's quotations and sentence units, found once (attribution's quoteLayout). */
  layout: QuoteLayout;
}

/**
 * Claims and quotes of one document. Attributions (who says what) are typed
 * into claims; a few standalone patterns add claims without a verb of
 * saying ("no organization has claimed responsibility", the author's
 * "bears the imprint of NATO"). Narration without a source or a pattern
 * never becomes a claim. `attribution`: the attribution finder's options,
 * from the pipeline context (the rules alone unless it gives a model).
 */
export function findClaims(doc: Doc, ann: Annotations, incidents: IncidentReport[], attribution: FindOptions = {}): ClaimsResult {
  const text = doc.text;
  const regions = spanIndex(doc.regions);
  const inRegion = (s: Span): boolean => {
    if (!doc.regions.length) return true;
    const r = regions.firstContaining(s.start);
    return !r || CLAIM_REGIONS.has(r.kind);
  };
  const layout = quoteLayout(text, ann.sentences);
  const atts = findAttributions(text, ann.sentences, attribution, layout).filter((a) => inRegion(a.cue));
  const ctx: ClaimCtx = { doc, ann, atts, author: authorSource(doc, ann.mentions), inRegion, layout };
  // 1. Attributions → claims and quotes, in text order.
  const { drafts, quotes } = attributionDrafts(ctx);
  // 2. Standalone patterns.
  drafts.push(...standalonePatternDrafts(ctx));
  // 3. Order, de-duplicate (an attribution and a pattern on the same content), number.
  return { claims: numberClaims(ctx, drafts, incidents), quotes: numberQuotes(doc, quotes) };
}

/** An attribution's claim kind and why, or null when it makes no claim of its own. */
function attributionKind(text: string, a: Attribution, src: ClaimSource): [ClaimKind, string] | null {
  if (a.shape === 'evaluation_as' || a.shape === 'words_of') return null; // a characterisation or a cited text is a quote, not a claim
  if (a.family === 'cognition' && src.kind === 'author') return null;
  if (src.kind === 'author' && a.family !== 'accusation') return null; // the author's own statements are narration unless they accuse
  const content = text.slice(a.content.start, a.content.end);
  // The author-pattern rules type this content themselves, with this attribution's source.
  if (PATTERN_RULES.some((r) => r.source === 'author' && r.kind === 'accusation' && r.pattern.test(content))) return null;
  const cueText = text.slice(a.cue.start, a.cue.end).toLowerCase();
  if (a.family === 'denial') return ['denial', `cue "${cueText}" denies`];
  if (a.family === 'accusation') return ['accusation', `cue "${cueText}" accuses`];
  if (LINKAGE_RE.test(content)) return ['linkage', `content links events ("${LINKAGE_RE.exec(content)![0]}")`];
  if (CLAIMS_RESPONSIBILITY.test(content)) return null; // handled by the pattern rules
  if (a.family === 'speech' && ACCUSATION_RE.test(content)) return ['accusation', `content blames ("${ACCUSATION_RE.exec(content)![0]}")`];
  return ['reported_fact', `a statement on ${src.name}'s authority`];
}

/** Claims and quotes from the attributions, in text order; a pronoun source is the last speaker named. */
function attributionDrafts(ctx: ClaimCtx): { drafts: Draft[]; quotes: QuoteDraft[] } {
  const text = ctx.doc.text;
  const drafts: Draft[] = [];
  const quotes: QuoteDraft[] = [];
  // Quotation spans of the whole text, found once: every attribution looks for those inside its content.
  const allQuotes = ctx.layout.quotes;
  let lastSpeaker: ClaimSource | null = null;
  for (const a of ctx.atts) {
    const src = resolveSource(text, a, ctx.ann.mentions, lastSpeaker, ctx.author);
    if (!src) continue;
    if (src.kind !== 'author' && src.kind !== 'publisher') lastSpeaker = src;
    // Quotes: every quotation inside the content (or the whole content when it is a quoted block).
    for (const q of quotesIn(text, a, allQuotes)) {
      quotes.push({
        text: q,
        speaker: att(src, a.source ? [a.source] : [a.cue], 0.8, `speaker of a quotation: ${a.reason}`),
        cue: a.cue,
        citation: citationOf(text, a.content),
      });
    }
    const typed = attributionKind(text, a, src);
    if (!typed) continue;
    const [kind, why] = typed;
    const mod = modalityOf(text, a.content, a, src);
    drafts.push({
      kind, source: src, sourceSpan: a.source, targets: targetsIn(text, a.content, ctx.ann.mentions, kind === 'linkage' ? 'linked' : kind === 'accusation' ? 'accused' : 'subject'),
      modality: mod.value, modalityWhy: mod.why, modalityEvidence: mod.evidence, cue: a.cue, content: a.content,
      reason: `${a.reason}; ${why}`, confidence: a.source ? 0.75 : 0.5,
    });
  }
  return { drafts, quotes };
}

/** Claims the standalone patterns make, per sentence unit: the first match of each rule, not overlapping an earlier rule's. */
function standalonePatternDrafts(ctx: ClaimCtx): Draft[] {
  const { doc, ann, atts } = ctx;
  const text = doc.text;
  const drafts: Draft[] = [];
  const contents = spanIndex(atts.map((a) => ({ start: a.content.start, end: a.content.end + 1, a })));
  const voicedBy = (x: Span): Attribution | undefined => {
    const ok = (a: Attribution): boolean => !!a.source && a.content.start <= x.start && x.end <= a.content.end + 1 && a.family !== 'evaluation';
    // The content of an attribution that holds a non-empty span holds its first position.
    return x.end > x.start ? contents.containing(x.start).map((c) => c.a).find(ok) : atts.find(ok);
  };
  for (const u of ctx.layout.units) {
    if (!ctx.inRegion(u)) continue;
    const s = text.slice(u.start, u.end);
    const claimedBy: Span[] = [];
    const firsts = patternMatches(s);
    for (let r = 0; r < PATTERN_RULES.length; r++) {
      const rule = PATTERN_RULES[r]!;
      const m = firsts[r];
      if (!m) continue;
      if (rule.kind === 'responsibility' && firsts[0]) continue;
      const mSpan: Span = { start: u.start + m.index, end: u.start + m.index + m[0].length };
      if (claimedBy.some((c) => c.start < mSpan.end && mSpan.start < c.end)) continue;
      claimedBy.push(mSpan);
      drafts.push(...patternDrafts(doc, ann, rule, m, u, mSpan, voicedBy(mSpan), ctx.author));
    }
  }
  return drafts;
}

/** The pattern rules whose pattern is a regular expression, by their places in PATTERN_RULES. */
const REGEX_RULES: readonly { index: number; pattern: RegExp }[] = PATTERN_RULES.flatMap((r, index) => (r.pattern instanceof RegExp ? [{ index, pattern: r.pattern }] : []));
/** The other pattern rules' places in PATTERN_RULES: their patterns run their own exec. */
const OTHER_RULES: readonly number[] = PATTERN_RULES.flatMap((r, index) => (r.pattern instanceof RegExp ? [] : [index]));

/**
 * Each pattern rule's first match in `s` (what its pattern's exec gives), by the rule's place. The
 * regular expressions are read in sweeps (scan.ts firstMatches): most units match none, and one test
 * of their alternation answers for all of them (issue 11); the other rules run their own exec.
 */
function patternMatches(s: string): (RegExpExecArray | null)[] {
  const found = firstMatches(s, REGEX_RULES);
  // Filled, not mapped from the rules: an optimised `map` makes a holey array and the other tiers a
  // packed one, and this function was compiled again when the other kind reached it (issue 11).
  const out = new Array<RegExpExecArray | null>(PATTERN_RULES.length).fill(null);
  for (let k = 0; k < REGEX_RULES.length; k++) out[REGEX_RULES[k]!.index] = found[k]!;
  for (const k of OTHER_RULES) out[k] = PATTERN_RULES[k]!.pattern.exec(s);
  return out;
}

/** The drafts in text order, one per kind, source and content start, numbered and tied to their incidents. */
function numberClaims(ctx: ClaimCtx, drafts: Draft[], incidents: IncidentReport[]): Claim[] {
  const { doc, ann } = ctx;
  const text = doc.text;
  drafts.sort((x, y) => x.content.start - y.content.start || x.kind.localeCompare(y.kind));
  const seen = new Set<string>();
  const claims: Claim[] = [];
  const id16 = doc.id.slice(0, 16);
  const lookup = new IncidentLookup(incidents);
  for (const d of drafts) {
    const key = `${d.kind}|${d.source.name.toLowerCase()}|${d.content.start}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const index = claims.length;
    const srcEv = d.sourceSpan ? [d.sourceSpan] : d.cue ? [d.cue] : [d.content];
    claims.push({
      id: `${id16}:c${index}`,
      docId: doc.id,
      index,
      kind: att(d.kind, [d.cue ?? d.content], d.confidence, d.reason),
      source: att(d.source, srcEv, d.confidence, d.source.kind === 'author' ? 'the document\'s author asserts it (no other source in the sentence)' : `source span "${text.slice(srcEv[0]!.start, srcEv[0]!.end)}"`),
      targets: d.targets.map((t) => att({ name: t.name, role: t.role, entityKey: t.key }, [t.span], 0.6, `target of the ${d.kind}`)),
      incidents: lookup.incidentsFor(text, d.content, ann.mentions),
      modality: att(d.modality, d.modalityEvidence.length ? d.modalityEvidence : [d.content], d.confidence, d.modalityWhy),
      date: statementDate(ann.dates, d),
      cue: d.cue,
      content: d.content,
    });
  }
  return claims;
}

/** The quotes in text order, one per start, numbered. */
function numberQuotes(doc: Doc, quotes: QuoteDraft[]): Quote[] {
  quotes.sort((x, y) => x.text.start - y.text.start);
  const id16 = doc.id.slice(0, 16);
  const qOut: Quote[] = [];
  const qSeen = new Set<number>();
  for (const q of quotes) {
    if (qSeen.has(q.text.start)) continue;
    qSeen.add(q.text.start);
    const index = qOut.length;
    qOut.push({ id: `${id16}:q${index}`, docId: doc.id, index, ...q });
  }
  return qOut;
}

function att<T>(value: T, evidence: Span[], confidence: number, reason: string): Attested<T> {
  return { value, evidence, confidence, stage: CLAIM_STAGE, reason };
}

function authorSource(doc: Doc, mentions: Mention[]): ClaimSource {
  const name = doc.meta.author ?? doc.meta.publisher ?? 'the author';
  const kind: ClaimSource['kind'] = doc.meta.author ? 'author' : doc.meta.publisher ? 'publisher' : 'author';
  const m = mentions.find((x) => x.text.toLowerCase() === name.toLowerCase());
  return { name, kind, entityKey: m?.key ?? null };
}

/** Asterisks of markdown emphasis, dropped from names ("**Reuters**"). */
const ASTERISKS = /\*/g;
/** Trailing commas and spaces after a source: "the ministry, ". */
// A trailing run is entered at its first character only (the lookbehind): tried from each of its characters, it was quadratic.
const TRAILING_COMMA_SPACE = /(?<![,\s])[,\s]+$/;
/** A preposition right before the source makes it an object, not a subject: "about the attack … indicates". */
const PREPOSITION_BEFORE = /\b(?:in|of|about|on|at|from|with|to)\s+$/i;
/** How far before a source (characters) its preposition is looked for: the longest, "about", and a space or two. */
const PREPOSITION_LOOKBEHIND = 8;
/** An adverb caught as a source: "Notably said …". */
const ADVERB = /^\w+ly$/i;
/** The evidence as speaker is the author's inference: "everything indicates", "all the evidence suggests". */
const EVIDENCE_AS_SOURCE = /^(?:everything|all this|all the evidence|all these facts)$/;
/** Words that are no source of their own: "it said", "which said" (the last speaker), "you say". */
const NON_SOURCE_WORD = /^(?:it|who|which|that|this|you)$/;
/** A PERSON mention that names an institution is an organisation: "the Ministry of Defence". */
const INSTITUTION_WORD = /\b(?:ministry|government|office|council|party|committee|department)\b/i;
/** A source in lower case is unnamed: "officials", "local residents". */
const LOWERCASE_START = /^[a-z]/;
/** A source after a determiner: "the Kremlin", "a spokesman". */
const LEADING_DETERMINER = /^(?:the|a|an)\s/i;
/** A determined source with one of these words is an organisation: "the government", "the Kremlin". */
const ORGANISATION_WORD = /\b(?:government|ministry|house|party|army|police|kremlin|service)\b/i;

/** The source of an attribution as an entity; pronouns go to the last speaker; "we" to the author. */
function resolveSource(text: string, a: Attribution, mentions: Mention[], last: ClaimSource | null, author: ClaimSource): ClaimSource | null {
  if (!a.source) return null;
  let raw = text.slice(a.source.start, a.source.end).replace(ASTERISKS, '').replace(TRAILING_COMMA_SPACE, '').trim();
  // The object of a preposition is no subject: "everything about the attack in the country's capital indicates".
  if (a.shape !== 'according_to' && a.shape !== 'words_of' && PREPOSITION_BEFORE.test(text.slice(Math.max(0, a.source.start - PREPOSITION_LOOKBEHIND), a.source.start))) return null;
  if (ADVERB.test(raw)) return null;
  // Keep the head of an appositive as the name: "the YGBL, condemning the riot" → "the YGBL".
  const comma = raw.indexOf(',');
  if (comma > 0) raw = raw.slice(0, comma).trim();
  const lower = raw.toLowerCase();
  if (EVIDENCE_AS_SOURCE.test(lower)) return author;
  if (FIRST_PERSON.has(lower)) return author;
  if (PRONOUNS.has(lower)) {
    if (last && (last.kind === 'person' || lower === 'they')) return last;
    const prev = spanIndex(mentions).lastEndingBy(a.source.start, (m) => m.type === 'PERSON');
    return prev ? { name: prev.text, kind: 'person', entityKey: prev.key } : null;
  }
  if (NON_SOURCE_WORD.test(lower)) {
    if (lower === 'who' || lower === 'which') return last;
    return null;
  }
  const inside = spanIndex(mentions).inside(a.source).filter((m) => m.type === 'PERSON' || m.type === 'ORG');
  // Prefer the last named entity of the head ("Russian Foreign Minister Sergei Lavrov").
  const head = inside.filter((m) => m.type === 'PERSON')[0] ?? inside[0];
  if (MEDIA_RE.test(raw) && (!head || head.type !== 'PERSON')) return { name: raw, kind: 'media', entityKey: head?.key ?? null };
  if (head) {
    const person = head.type === 'PERSON' && !INSTITUTION_WORD.test(head.text);
    return { name: raw, kind: person ? 'person' : 'organisation', entityKey: head.key };
  }
  if (UNNAMED_RE.test(raw) || LOWERCASE_START.test(raw)) return { name: raw, kind: 'unnamed', entityKey: null };
  if (LEADING_DETERMINER.test(raw)) return { name: raw, kind: ORGANISATION_WORD.test(raw) ? 'organisation' : 'unnamed', entityKey: null };
  // A capitalised name the mention finder missed ("Malofeev").
  const key = raw.toLowerCase();
  const m = namesOf(mentions).find(key);
  return { name: raw, kind: m?.type === 'ORG' ? 'organisation' : 'person', entityKey: m?.key ?? null };
}

/**
 * The mentions of a document by the names a source may use for them: the
 * mention's own words (lower-cased), and each tail of its key after a space
 * ("omarov" for "magomed omarov"). `find(name)` is the first mention, in
 * document order, called so; built once per document rather than scanning
 * every mention for every source.
 */
class MentionNames {
  private readonly first = new Map<string, number>();

  constructor(private readonly mentions: readonly Mention[]) {
    mentions.forEach((x, i) => {
      this.note(x.text.toLowerCase(), i);
      for (let at = x.key.indexOf(' '); at >= 0; at = x.key.indexOf(' ', at + 1)) this.note(x.key.slice(at + 1), i);
    });
  }

  private note(name: string, i: number): void {
    if (!this.first.has(name)) this.first.set(name, i);
  }

  find(name: string): Mention | undefined {
    const i = this.first.get(name);
    return i === undefined ? undefined : this.mentions[i];
  }
}

const NAMES = new WeakMap<readonly Mention[], MentionNames>();

function namesOf(mentions: readonly Mention[]): MentionNames {
  let n = NAMES.get(mentions);
  if (!n) NAMES.set(mentions, (n = new MentionNames(mentions)));
  return n;
}

/** How far before the cue or content (characters) hedges are looked for: the cue clause ("may have been behind"). */
const HEDGE_LOOKBEHIND = 60;

function modalityOf(text: string, content: Span, a: Attribution | null, src: ClaimSource): { value: Modality; why: string; evidence: Span[] } {
  // Look in the content and in the words just before it (the cue clause) for hedges.
  const from = a ? Math.min(a.cue.start, content.start) : content.start;
  const from2 = Math.max(0, from - HEDGE_LOOKBEHIND);
  const scope = text.slice(from2, content.end);
  if (a?.negated) return { value: 'negated', why: 'the cue is negated or not yet made', evidence: [a.cue] };
  for (const h of HEDGES) {
    const m = h.pattern.exec(scope);
    if (m) return { value: 'hedged', why: `hedge: ${h.why}`, evidence: [{ start: from2 + m.index, end: from2 + m.index + m[0].length }] };
  }
  if (a && (a.family === 'report' || a.family === 'according' || a.family === 'evidence' || src.kind === 'media')) {
    return { value: 'reported', why: 'reported at second hand (a report, figures or media)', evidence: [a.cue] };
  }
  return { value: 'asserted', why: 'stated without hedge or negation', evidence: a ? [a.cue] : [content] };
}

/** Named targets (mentions) in a span, or split noun phrases when none are named. */
function targetsIn(text: string, s: Span, mentions: Mention[], role: ClaimTarget['role']): Draft['targets'] {
  const out: Draft['targets'] = [];
  for (const m of spanIndex(mentions).inside(s)) {
    if (m.type !== 'ORG' && m.type !== 'PERSON' && m.type !== 'PLACE' && m.type !== 'NORP') continue;
    if (role === 'subject' && m.type === 'PLACE') continue;
    if (out.some((o) => o.key === m.key)) continue;
    out.push({ name: m.text, role, span: { start: m.start, end: m.end }, key: m.key });
  }
  return out;
}

/** Between two targets: a comma (", and") or "and": "NATO, the US and Ukraine". */
// Blanks before the separator are taken from the first of their run only (a match ends before a blank, so the
// next search starts at a run's first blank or none): tried from each blank of a long run, it was quadratic.
const TARGET_SEPARATOR = /(?:(?<!\s)\s+)?(?:,\s*(?:and\s+)?|\band\s+)/g;

/** Split "X and its proxy regime in Y" into named parts, each tied to a mention when it has one. */
function splitTargets(text: string, s: Span, mentions: Mention[], role: ClaimTarget['role']): Draft['targets'] {
  const out: Draft['targets'] = [];
  const str = text.slice(s.start, s.end);
  let pos = 0;
  const parts: Span[] = [];
  for (const m of matchesOf(str, TARGET_SEPARATOR)) {
    if (m.index > pos) parts.push({ start: s.start + pos, end: s.start + m.index });
    pos = m.index + m[0].length;
  }
  if (pos < str.length) parts.push({ start: s.start + pos, end: s.end });
  for (const p of parts) {
    const name = text.slice(p.start, p.end).replace(ASTERISKS, '').trim();
    if (!name) continue;
    // Adjectival pairs: "US and Ukrainian intelligence" → two targets sharing the head noun.
    const inner = spanIndex(mentions).inside(p);
    const key = inner.find((x) => x.type === 'ORG')?.key ?? inner[0]?.key ?? null;
    out.push({ name, role, span: p, key });
  }
  return out;
}

/** A sentence's final stop, left out of a pattern claim's content. */
const FINAL_STOP = /[.:;]$/;
/** Words before a claim of responsibility that say it is relayed: "media reported that X claimed …". */
const RELAY_WORDS = /\b(?:media|reports?|according to|pointing out)\b/i;
/** The author doubts a claim when the next sentence starts "If true, …" … */
const IF_TRUE_NEXT = /^\s*If true\b/i;
/** How far after the sentence (characters) "If true" is looked for: the words and the spaces before them. */
const IF_TRUE_WINDOW = 20;
/** … or the sentence says "have no credibility". */
const NO_CREDIBILITY = /\bhave no credibility\b/i;
/** A claimant's name has a letter: not a stray "(", "—". */
const HAS_LETTER = /[A-Za-z]/;
/** A claimant after "the" is an organisation: "the Islamic State". */
const LEADING_THE = /^(?:the\s)/i;

/** `voiced`: the attribution of the sentence whose content holds the pattern, when another source voices it ("As the WSWS documented, …"). */
function patternDrafts(doc: Doc, ann: Annotations, rule: PatternRule, m: RegExpExecArray, u: Span, mSpan: Span, voiced: Attribution | undefined, author: ClaimSource): Draft[] {
  const text = doc.text;
  const out: Draft[] = [];
  const voicedSrc = voiced ? resolveSource(text, voiced, ann.mentions, null, author) : null;
  const content: Span = { start: u.start, end: u.end - (FINAL_STOP.test(text.slice(u.start, u.end)) ? 1 : 0) };
  const sentence = text.slice(u.start, u.end);
  const group = (name: string): Span | null => {
    const g = m.groups?.[name];
    if (g === undefined) return null;
    const at = m[0].lastIndexOf(g);
    return { start: mSpan.start + at, end: mSpan.start + at + g.length };
  };
  let mod = modalityOf(text, content, null, author);
  if (rule.modality) mod = { value: rule.modality, why: rule.why, evidence: [mSpan] };
  if (rule.source === 'author') {
    const src = voicedSrc && voicedSrc.kind !== 'author' ? voicedSrc : author;
    const tSpan = group('targets');
    const targets = tSpan ? splitTargets(text, trimTargets(text, tSpan), ann.mentions, 'accused') : [];
    if (rule.kind === 'accusation' && !targets.length) return out;
    out.push({
      kind: rule.kind, source: src, sourceSpan: voicedSrc && voiced ? voiced.source : null, targets, modality: mod.value, modalityWhy: mod.why, modalityEvidence: mod.evidence,
      cue: mSpan, content, reason: `pattern ${rule.name}: ${rule.why}${src === author ? '; no other source in the sentence, so the author' : ''}`, confidence: 0.7,
    });
    return out;
  }
  // Group sources: the claimant(s) or denier(s).
  const sSpan = group('source');
  if (!sSpan) return out;
  const parts = splitTargets(text, trimTargets(text, sSpan), ann.mentions, rule.kind === 'denial' ? 'denied_by' : 'claimed_by');
  // Reported at second hand when a media report or another source relays it.
  const relayed = voicedSrc ?? (RELAY_WORDS.test(text.slice(u.start, mSpan.start)) ? { name: 'media', kind: 'media' as const, entityKey: null } : null);
  const doubt = IF_TRUE_NEXT.test(text.slice(u.end, u.end + IF_TRUE_WINDOW)) || NO_CREDIBILITY.test(sentence);
  for (const p of parts) {
    const mention = spanIndex(ann.mentions).inside(p.span).find((x) => x.type === 'ORG' || x.type === 'PERSON' || x.type === 'NORP');
    const name = text.slice(p.span.start, p.span.end).replace(ASTERISKS, '').trim();
    if (!HAS_LETTER.test(name)) continue;
    const kind: ClaimSource['kind'] = mention?.type === 'PERSON' ? 'person' : MEDIA_RE.test(name) && !mention ? 'media' : mention || LEADING_THE.test(name) ? 'organisation' : 'unnamed';
    const src: ClaimSource = { name, kind, entityKey: mention?.key ?? null };
    let modality: Modality = mod.value;
    let why = mod.why;
    if (rule.kind === 'responsibility' && relayed) [modality, why] = ['reported', `relayed by ${relayed.name}: reported at second hand`];
    out.push({
      kind: rule.kind, source: src, sourceSpan: p.span,
      targets: [{ name, role: rule.kind === 'denial' ? 'denied_by' : 'claimed_by', span: p.span, key: mention?.key ?? null }],
      modality, modalityWhy: why + (doubt ? '; the author disputes it' : ''), modalityEvidence: mod.evidence.length ? mod.evidence : [mSpan],
      cue: mSpan, content, reason: `pattern ${rule.name}: ${rule.why}${doubt ? ' (the author doubts it)' : ''}`, confidence: doubt ? 0.6 : 0.75,
    });
  }
  return out;
}

/** A leading "that" ("suggests that NATO …") is blanked out, keeping offsets. */
const LEADING_THAT = /^that /i;
/** Where a target phrase's trailing clause starts: "NATO to destabilise …", "the SBU, which …". */
const TARGET_CLAUSE_CUT = /\s(?:to|in order|who|which|that|with the aim|all over|have|has)\b/;
/** A cut at " in order" is undone: this guard has always kept "in order to …" inside the phrase (after a plain space). */
const CUT_AT_IN = /^ in\b/;
/** A descriptive lead-in before an organisation's name: "the terrorist organisation Hizb ut-Tahrir". */
const ORGANISATION_LEAD = /^(?:the\s+)?(?:[\w-]+\s+)?(?:terrorist\s+)?organi[sz]ation\s+(?=[A-Z])/i;
/** Every character but a line break, masked by NUL so the lead-in is skipped but offsets stay. */
const ANY_CHAR = /./g;
/** The first character that is neither masked nor space: where the name starts. */
const VISIBLE_CHAR = /[^\u0000\s]/;
/** Spaces and punctuation after a target phrase. */
// A trailing run is entered at its first character only (the lookbehind): tried from each of its characters, it was quadratic.
const TRAILING_PUNCT_SPACE = /(?<![\s,;:.])[\s,;:.]+$/;

/** Drop trailing clauses from a target phrase: "NATO and its proxy regime in Kiev. But …". */
function trimTargets(text: string, s: Span): Span {
  let str = text.slice(s.start, s.end).replace(LEADING_THAT, (x) => ' '.repeat(x.length));
  const cut = TARGET_CLAUSE_CUT.exec(str);
  if (cut && cut.index > 0 && !CUT_AT_IN.test(cut[0])) str = str.slice(0, cut.index);
  str = str.replace(ORGANISATION_LEAD, (x) => x.replace(ANY_CHAR, '\u0000'));
  const lead = str.search(VISIBLE_CHAR);
  const end = str.replace(TRAILING_PUNCT_SPACE, '').length;
  return { start: s.start + Math.max(0, lead), end: s.start + end };
}

/** Bisection: the first index of the ascending `xs` at or above `x`. */
function lowerBound(xs: readonly number[], x: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Lower-cased names in order, for the names that equal, begin with or begin a given one. */
class NameList {
  private readonly names: Set<string>;
  private readonly sorted: string[];

  constructor(names: Iterable<string>) {
    this.names = new Set(names);
    this.sorted = [...this.names].sort();
  }

  /** The names n with n === p, n starting with p, or p starting with n, for any p of `ps`. */
  related(ps: Iterable<string>): Set<string> {
    const out = new Set<string>();
    for (const p of ps) {
      for (let k = 0; k <= p.length; k++) if (this.names.has(p.slice(0, k))) out.add(p.slice(0, k));
      let lo = 0;
      let hi = this.sorted.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (this.sorted[mid]! < p) lo = mid + 1;
        else hi = mid;
      }
      for (let i = lo; i < this.sorted.length && this.sorted[i]!.startsWith(p); i++) out.add(this.sorted[i]!);
    }
    return out;
  }
}

/** Reports under one name, ascending by where their anchor starts. */
class ByAnchor {
  private readonly items: { start: number; report: IncidentReport }[] = [];
  private starts: number[] | null = null;

  add(report: IncidentReport): void {
    this.items.push({ start: report.anchor.start, report });
    this.starts = null;
  }

  /** The reports anchored within `reach` characters of `s`. */
  near(s: Span, reach: number): IncidentReport[] {
    if (!this.starts) {
      this.items.sort((a, b) => a.start - b.start);
      this.starts = this.items.map((x) => x.start);
    }
    const out: IncidentReport[] = [];
    for (let i = lowerBound(this.starts, s.start - reach); i < this.items.length && this.items[i]!.start <= s.end + reach; i++) out.push(this.items[i]!.report);
    return out;
  }
}

function addTo<K>(map: Map<K, ByAnchor>, key: K, report: IncidentReport): void {
  let list = map.get(key);
  if (!list) map.set(key, (list = new ByAnchor()));
  list.add(report);
}

/**
 * Incident reports the content of a claim concerns: anchors inside it, named
 * places of the incident, or the incident noun referring back. The reports
 * are indexed once per document (by anchor, place name, region and
 * facility), so each claim looks up its incidents instead of reading every
 * report of the document.
 */
class IncidentLookup {
  private readonly anchors;
  private readonly byName = new Map<string, ByAnchor>();
  private readonly names: NameList;
  /** Region (lower-cased admin1 name) → the first location, in report order, under each place name in it. */
  private readonly byRegion = new Map<string, Map<string, { at: number; report: IncidentReport }>>();
  private readonly regions: NameList;
  private readonly byFacility = new Map<string, ByAnchor>();
  /** The reports not told in passing, in order, and the smallest anchor start among the first k of them. */
  private readonly leads: IncidentReport[];
  private readonly leadMinStart: number[] = [];

  constructor(incidents: readonly IncidentReport[]) {
    this.anchors = spanIndex(incidents.map((r) => ({ start: r.anchor.start, end: r.anchor.end, report: r })));
    let at = 0;
    for (const r of incidents) {
      for (const l of r.locations) {
        const name = l.value.place.name.toLowerCase();
        addTo(this.byName, name, r);
        const admin1 = l.value.place.admin1Name ? l.value.place.admin1Name.toLowerCase() : null;
        if (admin1 !== null) {
          let names = this.byRegion.get(admin1);
          if (!names) this.byRegion.set(admin1, (names = new Map()));
          if (!names.has(name)) names.set(name, { at, report: r });
        }
        at++;
      }
      for (const f of r.facilities) addTo(this.byFacility, f.value.toLowerCase(), r);
    }
    this.names = new NameList(this.byName.keys());
    this.regions = new NameList(this.byRegion.keys());
    this.leads = incidents.filter((r) => !r.inPassing);
    let m = Infinity;
    for (const r of this.leads) this.leadMinStart.push((m = Math.min(m, r.anchor.start)));
  }

  incidentsFor(text: string, content: Span, mentions: Mention[]): number[] {
    const out = new Set<number>();
    const places = new Set(spanIndex(mentions).inside(content).filter((m) => m.type === 'PLACE' || m.type === 'FACILITY').map((m) => m.key));
    for (const a of this.anchors.overlapping(content)) out.add(a.report.index);
    if (places.size) {
      const named = this.names.related(places);
      for (const n of named) for (const r of this.byName.get(n)!.near(content, CLAIM_INCIDENT_REACH)) out.add(r.index);
      // A region name ("Dagestan") stands for the first incident reported there, not every one:
      // the first location, in report order, in a named region and not itself named.
      let first: { at: number; report: IncidentReport } | null = null;
      for (const region of this.regions.related(places)) {
        for (const [name, loc] of this.byRegion.get(region)!) if (!named.has(name) && (!first || loc.at < first.at)) first = loc;
      }
      if (first) out.add(first.report.index);
      for (const p of places) for (const r of this.byFacility.get(p)?.near(content, CLAIM_INCIDENT_REACH) ?? []) out.add(r.index);
    }
    if (!out.size && INCIDENT_NOUN.test(text.slice(content.start, content.end))) {
      // "the attack": the first non-passing incident reported before the content, else the document's first.
      const pick = this.leadBefore(content.start) ?? this.leads[0];
      if (pick) out.add(pick.index);
    }
    return [...out].sort((a, b) => a - b);
  }

  /** The first report not told in passing whose anchor starts at or before `pos`. */
  private leadBefore(pos: number): IncidentReport | undefined {
    let lo = 0;
    let hi = this.leads.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.leadMinStart[mid]! <= pos) hi = mid;
      else lo = mid + 1;
    }
    return this.leads[lo];
  }
}

/** How far after the cue (characters) a statement's date is looked for when the content does not follow it: "said on June 25". */
const DATE_AFTER_CUE = 40;
/** How far before the cue (characters) a statement's date is looked for: "in a March 25 perspective, X wrote". */
const DATE_BEFORE_CUE = 60;

/** A date between the source and the content ("said on June 25 that"), or in "in a March 25 perspective". */
function statementDate(dates: DateMention[], d: Draft): Attested<DateMention['value']> | null {
  if (!d.cue) return null;
  const from = d.sourceSpan ? Math.min(d.sourceSpan.start, d.cue.start) : d.cue.start;
  const to = d.content.start > d.cue.end ? d.content.start : d.cue.end + DATE_AFTER_CUE;
  const dm = spanIndex(dates).inside({ start: Math.max(from, d.cue.start - DATE_BEFORE_CUE), end: to })[0];
  if (!dm) return null;
  return att(dm.value, [{ start: dm.start, end: dm.end }], 0.8, `date "${dm.text}" governs the verb of saying`);
}

/** A line break between cue and content: the content is a paragraph of its own (a block quotation). */
const LINE_BREAK = /\n/;
/**
 * A citation's head, author and opening quotation mark: `(Leon Trotsky, "`, with the blank before it
 * for the citation closing a block quotation, which is cut from the quote. The citation is read by
 * code from its head (citationStart, citationOf): the patterns that read it to the closing bracket at
 * the end were quadratic, each `(` read to the end.
 */
const CITATION_HEAD_AFTER_BLANK = /\s\((?:[A-Z][\w.]+ )+[A-Z]\w+, ["“]/g;
/** A quotation mark that closes a cited work's title. */
const CITATION_CLOSE_QUOTE = /["”]/g;
/** A comma or space before a closing quotation mark is not part of the quotation. */
const COMMA_OR_SPACE = /[,\s]/;
/** Words split on whitespace. */
const WHITESPACE = /\s+/;

/** Quotations inside an attribution's content (marks stripped); a quoted block is one quotation. */
function quotesIn(text: string, a: Attribution, allQuotes: readonly Span[]): Span[] {
  const c = a.content;
  // A block quotation introduced by "In the words of X," / "X warned,": the whole paragraph.
  const block = a.quoted && (a.shape === 'words_of' || (a.content.start > a.cue.end && LINE_BREAK.test(text.slice(a.cue.end, a.content.start))));
  if (block) {
    const citeAt = citationStart(text.slice(c.start, c.end));
    return [{ start: c.start, end: citeAt > 0 ? c.start + citeAt : c.end }];
  }
  const qs = spanIndex(allQuotes).inside({ start: c.start, end: c.end + 1 }).filter((q) => q.end - q.start > 2);
  const strip = (q: Span): Span => {
    let s = q.start + 1;
    let e = q.end - 1;
    while (e > s && COMMA_OR_SPACE.test(text[e - 1]!)) e--;
    return { start: s, end: e };
  };
  // Scare quotes of one or two words ("red lines", "fear") are not quotations of speech, except in "praised X as \"…\"".
  return qs.map(strip).filter((q) => a.shape === 'evaluation_as' || text.slice(q.start, q.end).trim().split(WHITESPACE).length > 2);
}

/** How far past a block quotation's content (characters) its citation may close: the final ")" and ".". */
const CITATION_SLACK = 2;
/** The citation's head, its author group 1: "(Leon Trotsky, \"". */
const CITATION_HEAD = /\(((?:[A-Z][\w.]+ )+[A-Z]\w+), ["“]/g;
/** A comma left at the end of a work's title inside the quotation marks. */
const TRAILING_COMMA = /,$/;

/**
 * Where the citation closing a block quotation begins (its blank), or -1: what
 * s.search(/\s\((?:[A-Z][\w.]+ )+[A-Z][\w]+, ["“][^)]*\)\.?$/) gives. The closing bracket is the
 * last character (or before a final stop) and none lies between it and the head's quotation mark,
 * so the head is looked for after the bracket before it only.
 */
export function citationStart(s: string): number {
  const close = s.endsWith(')') ? s.length - 1 : s.endsWith(').') ? s.length - 2 : -1;
  if (close < 0) return -1;
  CITATION_HEAD_AFTER_BLANK.lastIndex = s.lastIndexOf(')', close - 1) + 1;
  const m = CITATION_HEAD_AFTER_BLANK.exec(s);
  return m ? m.index : -1;
}

/**
 * Author and work of the citation that ends a text, "(Leon Trotsky, \"More on Bonapartism,\" 1938).",
 * as group 1 and 2 of /\(((?:[A-Z][\w.]+ )+[A-Z][\w]+), ["“]([^"”]+?),?["”][^)]*\)\.?\s*$/ read them:
 * the work runs to the first closing quotation mark, and no bracket may lie between that mark and
 * the last one (which ends the text, but for a stop and blanks).
 */
export function endCitation(s: string): { author: string; work: string } | null {
  const t = s.trimEnd();
  const close = t.endsWith(')') ? t.length - 1 : t.endsWith(').') ? t.length - 2 : -1;
  if (close < 0) return null;
  const before = t.lastIndexOf(')', close - 1);
  let quote = -1;
  CITATION_HEAD.lastIndex = 0;
  for (let m = CITATION_HEAD.exec(t); m; m = CITATION_HEAD.exec(t)) {
    const open = CITATION_HEAD.lastIndex;
    // The heads come in text order, so the closing mark found for one serves every head before it.
    if (quote < open) {
      CITATION_CLOSE_QUOTE.lastIndex = open;
      quote = CITATION_CLOSE_QUOTE.exec(t)?.index ?? Infinity;
    }
    if (quote === open || quote <= before || quote >= close) continue;
    // The pattern's lazy title left a comma before the mark out (keeping one character); a comma left then was cut.
    const title = quote - open > 1 && t[quote - 1] === ',' ? t.slice(open, quote - 1) : t.slice(open, quote);
    return { author: m[1]!, work: title.replace(TRAILING_COMMA, '') };
  }
  return null;
}

/** "(Leon Trotsky, \"More on Bonapartism,\" …)" at the end of a block quotation. */
function citationOf(text: string, c: Span): Quote['citation'] {
  return endCitation(text.slice(c.start, Math.min(text.length, c.end + CITATION_SLACK)));
}
