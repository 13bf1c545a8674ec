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
import { findAttributions, quoteSpans, quoteUnits, type Attribution } from '../attribution/index.js';
import { ACCUSATION_RE, HEDGES, LINKAGE_RE, MEDIA_RE, PATTERN_RULES, UNNAMED_RE, type PatternRule } from './rules.js';

export const CLAIM_STAGE = 'extract.claims';

/** Regions where claims are looked for: not titles of the page furniture, bylines or captions. */
const CLAIM_REGIONS = new Set(['body', 'blockquote', 'heading', 'subtitle']);
const PRONOUNS = new Set(['he', 'she', 'they', 'him', 'her']);
const FIRST_PERSON = new Set(['we', 'i', 'us']);
/** Incident nouns: a content naming one refers to the document's incident of that kind. */
const INCIDENT_NOUN = /\b(?:attacks?|bombings?|strikes?|riots?|massacre|shooting|explosion|assault|incursions?|slaughter|terror)\b/i;

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

/**
 * Claims and quotes of one document. Attributions (who says what) are typed
 * into claims; a few standalone patterns add claims without a verb of
 * saying ("no organization has claimed responsibility", the author's
 * "bears the imprint of NATO"). Narration without a source or a pattern
 * never becomes a claim.
 */
export function findClaims(doc: Doc, ann: Annotations, incidents: IncidentReport[]): ClaimsResult {
  const text = doc.text;
  const inRegion = (s: Span): boolean => {
    if (!doc.regions.length) return true;
    const r = doc.regions.find((x) => x.start <= s.start && s.start < x.end);
    return !r || CLAIM_REGIONS.has(r.kind);
  };
  const atts = findAttributions(text, ann.sentences).filter((a) => inRegion(a.cue));
  const units = quoteUnits(text, ann.sentences);
  const drafts: Draft[] = [];
  const quotes: Omit<Quote, 'id' | 'docId' | 'index'>[] = [];
  const author = authorSource(doc, ann.mentions);
  let lastSpeaker: ClaimSource | null = null;

  // 1. Attributions → claims and quotes, in text order.
  for (const a of atts) {
    const src = resolveSource(text, a, ann.mentions, lastSpeaker, author);
    if (!src) continue;
    if (src.kind !== 'author' && src.kind !== 'publisher') lastSpeaker = src;
    // Quotes: every quotation inside the content (or the whole content when it is a quoted block).
    for (const q of quotesIn(text, a)) {
      quotes.push({
        text: q,
        speaker: att(src, a.source ? [a.source] : [a.cue], 0.8, `speaker of a quotation: ${a.reason}`),
        cue: a.cue,
        citation: citationOf(text, a.content),
      });
    }
    if (a.shape === 'evaluation_as' || a.shape === 'words_of') continue; // a characterisation or a cited text is a quote, not a claim
    if (a.family === 'cognition' && src.kind === 'author') continue;
    if (src.kind === 'author' && a.family !== 'accusation') continue; // the author's own statements are narration unless they accuse
    const content = text.slice(a.content.start, a.content.end);
    // The author-pattern rules type this content themselves, with this attribution's source.
    if (PATTERN_RULES.some((r) => r.source === 'author' && r.kind === 'accusation' && r.re.test(content))) continue;
    const cueText = text.slice(a.cue.start, a.cue.end).toLowerCase();
    let kind: ClaimKind;
    let why: string;
    if (a.family === 'denial') [kind, why] = ['denial', `cue "${cueText}" denies`];
    else if (a.family === 'accusation') [kind, why] = ['accusation', `cue "${cueText}" accuses`];
    else if (LINKAGE_RE.test(content)) [kind, why] = ['linkage', `content links events ("${LINKAGE_RE.exec(content)![0]}")`];
    else if (/claimed responsibility|claim(?:ed|s)? (?:the )?responsibility/i.test(content)) continue; // handled by the pattern rules
    else if (a.family === 'speech' && ACCUSATION_RE.test(content)) [kind, why] = ['accusation', `content blames ("${ACCUSATION_RE.exec(content)![0]}")`];
    else [kind, why] = ['reported_fact', `a statement on ${src.name}'s authority`];
    const mod = modalityOf(text, a.content, a, src);
    drafts.push({
      kind, source: src, sourceSpan: a.source, targets: targetsIn(text, a.content, ann.mentions, kind === 'linkage' ? 'linked' : kind === 'accusation' ? 'accused' : 'subject'),
      modality: mod.value, modalityWhy: mod.why, modalityEvidence: mod.evidence, cue: a.cue, content: a.content,
      reason: `${a.reason}; ${why}`, confidence: a.source ? 0.75 : 0.5,
    });
  }

  // 2. Standalone patterns.
  for (const u of units) {
    if (!inRegion(u)) continue;
    const s = text.slice(u.start, u.end);
    const claimedBy: Span[] = [];
    for (const rule of PATTERN_RULES) {
      const m = rule.re.exec(s);
      if (!m) continue;
      if (rule.kind === 'responsibility' && PATTERN_RULES[0]!.re.test(s)) continue;
      const mSpan: Span = { start: u.start + m.index, end: u.start + m.index + m[0].length };
      if (claimedBy.some((c) => c.start < mSpan.end && mSpan.start < c.end)) continue;
      claimedBy.push(mSpan);
      drafts.push(...patternDrafts(doc, ann, rule, m, u, mSpan, atts, author));
    }
  }

  // 3. Order, de-duplicate (an attribution and a pattern on the same content), number.
  drafts.sort((x, y) => x.content.start - y.content.start || x.kind.localeCompare(y.kind));
  const seen = new Set<string>();
  const claims: Claim[] = [];
  const id16 = doc.id.slice(0, 16);
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
      incidents: incidentsFor(text, d.content, incidents, ann.mentions),
      modality: att(d.modality, d.modalityEvidence.length ? d.modalityEvidence : [d.content], d.confidence, d.modalityWhy),
      date: statementDate(ann.dates, d),
      cue: d.cue,
      content: d.content,
    });
  }
  quotes.sort((x, y) => x.text.start - y.text.start);
  const qOut: Quote[] = [];
  const qSeen = new Set<number>();
  for (const q of quotes) {
    if (qSeen.has(q.text.start)) continue;
    qSeen.add(q.text.start);
    const index = qOut.length;
    qOut.push({ id: `${id16}:q${index}`, docId: doc.id, index, ...q });
  }
  return { claims, quotes: qOut };
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

/** The source of an attribution as an entity; pronouns go to the last speaker; "we" to the author. */
function resolveSource(text: string, a: Attribution, mentions: Mention[], last: ClaimSource | null, author: ClaimSource): ClaimSource | null {
  if (!a.source) return null;
  let raw = text.slice(a.source.start, a.source.end).replace(/\*/g, '').replace(/[,\s]+$/, '').trim();
  // The object of a preposition is no subject: "everything about the attack in the country's capital indicates".
  if (a.shape !== 'according_to' && a.shape !== 'words_of' && /\b(?:in|of|about|on|at|from|with|to)\s+$/i.test(text.slice(Math.max(0, a.source.start - 8), a.source.start))) return null;
  if (/^\w+ly$/i.test(raw)) return null;
  // Keep the head of an appositive as the name: "the YGBL, condemning the riot" → "the YGBL".
  const comma = raw.indexOf(',');
  if (comma > 0) raw = raw.slice(0, comma).trim();
  const lower = raw.toLowerCase();
  if (/^(?:everything|all this|all the evidence|all these facts)$/.test(lower)) return author;
  if (FIRST_PERSON.has(lower)) return author;
  if (PRONOUNS.has(lower)) {
    if (last && (last.kind === 'person' || lower === 'they')) return last;
    const prev = [...mentions].reverse().find((m) => m.end <= a.source!.start && m.type === 'PERSON');
    return prev ? { name: prev.text, kind: 'person', entityKey: prev.key } : null;
  }
  if (/^(?:it|who|which|that|this|you)$/.test(lower)) {
    if (lower === 'who' || lower === 'which') return last;
    return null;
  }
  const inside = mentions.filter((m) => m.start >= a.source!.start && m.end <= a.source!.end && (m.type === 'PERSON' || m.type === 'ORG'));
  // Prefer the last named entity of the head ("Russian Foreign Minister Sergei Lavrov").
  const head = inside.filter((m) => m.type === 'PERSON')[0] ?? inside[0];
  if (MEDIA_RE.test(raw) && (!head || head.type !== 'PERSON')) return { name: raw, kind: 'media', entityKey: head?.key ?? null };
  if (head) {
    const person = head.type === 'PERSON' && !/\b(?:ministry|government|office|council|party|committee|department)\b/i.test(head.text);
    return { name: raw, kind: person ? 'person' : 'organisation', entityKey: head.key };
  }
  if (UNNAMED_RE.test(raw) || /^[a-z]/.test(raw)) return { name: raw, kind: 'unnamed', entityKey: null };
  if (/^(?:the|a|an)\s/i.test(raw)) return { name: raw, kind: /\b(?:government|ministry|house|party|army|police|kremlin|service)\b/i.test(raw) ? 'organisation' : 'unnamed', entityKey: null };
  // A capitalised name the mention finder missed ("Malofeev").
  const key = raw.toLowerCase();
  const m = mentions.find((x) => x.text.toLowerCase() === key || x.key.endsWith(` ${key}`));
  return { name: raw, kind: m?.type === 'ORG' ? 'organisation' : 'person', entityKey: m?.key ?? null };
}

function modalityOf(text: string, content: Span, a: Attribution | null, src: ClaimSource): { value: Modality; why: string; evidence: Span[] } {
  // Look in the content and in the words just before it (the cue clause) for hedges.
  const from = a ? Math.min(a.cue.start, content.start) : content.start;
  const from2 = Math.max(0, from - 60);
  const scope = text.slice(from2, content.end);
  if (a?.negated) return { value: 'negated', why: 'the cue is negated or not yet made', evidence: [a.cue] };
  for (const h of HEDGES) {
    const m = h.re.exec(scope);
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
  for (const m of mentions) {
    if (m.start < s.start || m.end > s.end) continue;
    if (m.type !== 'ORG' && m.type !== 'PERSON' && m.type !== 'PLACE' && m.type !== 'NORP') continue;
    if (role === 'subject' && m.type === 'PLACE') continue;
    if (out.some((o) => o.key === m.key)) continue;
    out.push({ name: m.text, role, span: { start: m.start, end: m.end }, key: m.key });
  }
  return out;
}

/** Split "X and its proxy regime in Y" into named parts, each tied to a mention when it has one. */
function splitTargets(text: string, s: Span, mentions: Mention[], role: ClaimTarget['role']): Draft['targets'] {
  const out: Draft['targets'] = [];
  const str = text.slice(s.start, s.end);
  const RE = /\s*(?:,\s*(?:and\s+)?|\band\s+)/g;
  let pos = 0;
  const parts: Span[] = [];
  let m: RegExpExecArray | null;
  while ((m = RE.exec(str)) !== null) {
    if (m.index > pos) parts.push({ start: s.start + pos, end: s.start + m.index });
    pos = m.index + m[0].length;
  }
  if (pos < str.length) parts.push({ start: s.start + pos, end: s.end });
  for (const p of parts) {
    let name = text.slice(p.start, p.end).replace(/\*/g, '').trim();
    if (!name) continue;
    // Adjectival pairs: "US and Ukrainian intelligence" → two targets sharing the head noun.
    const inner = mentions.filter((x) => x.start >= p.start && x.end <= p.end);
    const key = inner.find((x) => x.type === 'ORG')?.key ?? inner[0]?.key ?? null;
    name = name.replace(/^the\s+/i, (x) => x);
    out.push({ name, role, span: p, key });
  }
  return out;
}

function patternDrafts(doc: Doc, ann: Annotations, rule: PatternRule, m: RegExpExecArray, u: Span, mSpan: Span, atts: Attribution[], author: ClaimSource): Draft[] {
  const text = doc.text;
  const out: Draft[] = [];
  // The sentence's own attribution, when another source voices the pattern ("As the WSWS documented, …").
  const voiced = atts.find((a) => a.source && a.content.start <= mSpan.start && mSpan.end <= a.content.end + 1 && a.family !== 'evaluation');
  const voicedSrc = voiced ? resolveSource(text, voiced, ann.mentions, null, author) : null;
  const content: Span = { start: u.start, end: u.end - (/[.:;]$/.test(text.slice(u.start, u.end)) ? 1 : 0) };
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
  const relayed = voicedSrc ?? (/\b(?:media|reports?|according to|pointing out)\b/i.test(text.slice(u.start, mSpan.start)) ? { name: 'media', kind: 'media' as const, entityKey: null } : null);
  const doubt = /^\s*If true\b/i.test(text.slice(u.end, u.end + 20)) || /\bhave no credibility\b/i.test(sentence);
  for (const p of parts) {
    const mention = ann.mentions.find((x) => x.start >= p.span.start && x.end <= p.span.end && (x.type === 'ORG' || x.type === 'PERSON' || x.type === 'NORP'));
    const name = text.slice(p.span.start, p.span.end).replace(/\*/g, '').trim();
    if (!/[A-Za-z]/.test(name)) continue;
    const kind: ClaimSource['kind'] = mention?.type === 'PERSON' ? 'person' : MEDIA_RE.test(name) && !mention ? 'media' : mention || /^(?:the\s)/i.test(name) ? 'organisation' : 'unnamed';
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

/** Drop trailing clauses from a target phrase: "NATO and its proxy regime in Kiev. But …". */
function trimTargets(text: string, s: Span): Span {
  let str = text.slice(s.start, s.end).replace(/^that /i, (x) => ' '.repeat(x.length));
  const cut = /\s(?:to|in order|who|which|that|with the aim|all over|have|has)\b/.exec(str);
  if (cut && cut.index > 0 && !/^ in\b/.test(cut[0])) str = str.slice(0, cut.index);
  str = str.replace(/^(?:the\s+)?(?:[\w-]+\s+)?(?:terrorist\s+)?organi[sz]ation\s+(?=[A-Z])/i, (x) => x.replace(/./g, '\u0000'));
  const lead = str.search(/[^\u0000\s]/);
  const end = str.replace(/[\s,;:.]+$/, '').length;
  return { start: s.start + Math.max(0, lead), end: s.start + end };
}

/** Incident reports the content concerns: anchors inside it, named places of the incident, or the incident noun referring back. */
function incidentsFor(text: string, content: Span, incidents: IncidentReport[], mentions: Mention[]): number[] {
  const out = new Set<number>();
  const c = text.slice(content.start, content.end);
  const places = new Set(mentions.filter((m) => m.start >= content.start && m.end <= content.end && (m.type === 'PLACE' || m.type === 'FACILITY')).map((m) => m.key));
  let regionMatched = false;
  const same = (n: string): boolean => [...places].some((p) => p === n || n.startsWith(p) || p.startsWith(n));
  for (const r of incidents) {
    if (r.anchor.start < content.end && content.start < r.anchor.end) out.add(r.index);
    for (const l of r.locations) {
      if (same(l.value.place.name.toLowerCase())) out.add(r.index);
      // A region name ("Dagestan") stands for the first incident reported there, not every one.
      else if (!regionMatched && l.value.place.admin1Name && same(l.value.place.admin1Name.toLowerCase())) {
        out.add(r.index);
        regionMatched = true;
      }
    }
    for (const f of r.facilities) if (places.has(f.value.toLowerCase())) out.add(r.index);
  }
  if (!out.size && INCIDENT_NOUN.test(c)) {
    // "the attack": the latest non-passing incident reported before the content, else the document's first.
    // "the attack": the document's lead incident (its first reported in full).
    const pick = incidents.find((r) => !r.inPassing && r.anchor.start <= content.start) ?? incidents.find((r) => !r.inPassing);
    if (pick) out.add(pick.index);
  }
  return [...out].sort((a, b) => a - b);
}

/** A date between the source and the content ("said on June 25 that"), or in "in a March 25 perspective". */
function statementDate(dates: DateMention[], d: Draft): Attested<DateMention['value']> | null {
  if (!d.cue) return null;
  const from = d.sourceSpan ? Math.min(d.sourceSpan.start, d.cue.start) : d.cue.start;
  const to = d.content.start > d.cue.end ? d.content.start : d.cue.end + 40;
  const dm = dates.find((x) => x.start >= from && x.end <= to && x.start >= d.cue!.start - 60);
  if (!dm) return null;
  return att(dm.value, [{ start: dm.start, end: dm.end }], 0.8, `date "${dm.text}" governs the verb of saying`);
}

/** Quotations inside an attribution's content (marks stripped); a quoted block is one quotation. */
function quotesIn(text: string, a: Attribution): Span[] {
  const c = a.content;
  const block = a.quoted && (a.shape === 'words_of' || (a.content.start > a.cue.end && /\n/.test(text.slice(a.cue.end, a.content.start))));
  if (block) {
    const citeAt = text.slice(c.start, c.end).search(/\s\((?:[A-Z][\w.]+ )+[A-Z][\w]+, ["“][^)]*\)\.?$/);
    return [{ start: c.start, end: citeAt > 0 ? c.start + citeAt : c.end }];
  }
  const qs = quoteSpans(text).filter((q) => q.start >= c.start && q.end <= c.end + 1 && q.end - q.start > 2);
  const strip = (q: Span): Span => {
    let s = q.start + 1;
    let e = q.end - 1;
    while (e > s && /[,\s]/.test(text[e - 1]!)) e--;
    return { start: s, end: e };
  };
  // Scare quotes of one or two words ("red lines", "fear") are not quotations of speech, except in "praised X as \"…\"".
  const kept = qs.map(strip).filter((q) => a.shape === 'evaluation_as' || text.slice(q.start, q.end).trim().split(/\s+/).length > 2);
  if (kept.length) return kept;
  // A block quotation introduced by "In the words of X," / "X warned,": the whole paragraph.
  if (a.quoted && (a.shape === 'words_of' || (a.content.start > a.cue.end && /\n/.test(text.slice(a.cue.end, a.content.start))))) {
    const citeAt = text.slice(c.start, c.end).search(/\s\((?:[A-Z][\w.]+ )+[A-Z][\w]+, ["“][^)]*\)\.?$/);
    return [{ start: c.start, end: citeAt > 0 ? c.start + citeAt : c.end }];
  }
  return [];
}

/** "(Leon Trotsky, \"More on Bonapartism,\" …)" at the end of a block quotation. */
function citationOf(text: string, c: Span): Quote['citation'] {
  const tail = text.slice(c.start, Math.min(text.length, c.end + 2));
  const m = /\(((?:[A-Z][\w.]+ )+[A-Z][\w]+), ["“]([^"”]+?),?["”][^)]*\)\.?\s*$/.exec(tail);
  if (!m) return null;
  return { author: m[1]!, work: m[2]!.replace(/,$/, '') };
}
