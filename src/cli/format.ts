import type { Attested, Claim, Count, IncidentReport, Quote, Span } from '../model/index.js';
import { headlineCount, primaryReport, publishedOf, type HeadlinePolicy } from '../resolve/index.js';
import type { Store, StoredDocument, StoredIncident } from '../store/index.js';
import { isoOfDate } from '../model/index.js';
import { inSentence, type EntityView, type TextContext } from '../views/index.js';
import { applyReview, headlineValues, REVIEW_FIELDS, reviewedReport, standingReports, type EffectiveReview, type ReviewedValue } from '../review/index.js';

export { entityView, withWords, quoteWithWords, type EntityView } from '../views/index.js';

export function dateText(r: IncidentReport): string {
  return isoOfDate(r.date.value) ?? 'unknown';
}

export function placeText(r: IncidentReport): string {
  const l = r.locations[0]?.value;
  if (!l) return '';
  const p = l.place;
  const parts = [p.name];
  if (p.admin1Name && p.admin1Name !== p.name) parts.push(p.admin1Name);
  if (p.countryCode && !p.featureCode.startsWith('PCL')) parts.push(p.countryCode);
  return `${l.relation === 'near' ? 'near ' : ''}${parts.join(', ')}`;
}

async function docsFor(store: Store, inc: StoredIncident): Promise<Map<string, StoredDocument>> {
  const m = new Map<string, StoredDocument>();
  for (const r of inc.reports) {
    if (m.has(r.docId)) continue;
    const d = await store.getDocument(r.docId);
    if (d) m.set(r.docId, d);
  }
  return m;
}

const UNDERSCORES = /_/g;

/** A table column: its heading, and how it gives way when the table is wider than the terminal. */
export interface Column {
  head: string;
  /** Figures: right-aligned, and never shortened. */
  numeric?: boolean;
  /** Free text that may be shortened (with …) down to this many characters; absent: never shortened. */
  min?: number;
  /** How much of the room a shortened column keeps, beside the others (default 1). */
  weight?: number;
}

/** Characters as a terminal counts them, near enough: code points, not UTF-16 units. */
const chars = (s: string): number => Array.from(s).length;

function cut(s: string, n: number): string {
  const cs = Array.from(s);
  return cs.length <= n ? s : `${cs.slice(0, Math.max(0, n - 1)).join('')}…`;
}

/** Spaces between columns. */
const GAP = 2;

/**
 * The columns' widths for `width`: each as wide as its widest cell, then, while the table is too wide,
 * the free-text column widest for its weight is narrowed a character at a time, down to its minimum.
 * Figures, dates and ids keep their width: a table narrower than those is left wider than the terminal, whole.
 */
export function columnWidths(columns: readonly Column[], rows: readonly (readonly string[])[], width: number): number[] {
  const widths = columns.map((c, i) => Math.max(chars(c.head), ...rows.map((r) => chars(r[i] ?? ''))));
  let over = widths.reduce((a, b) => a + b, 0) + GAP * (columns.length - 1) - width;
  while (over > 0) {
    let widest = -1;
    const share = (i: number): number => widths[i]! / (columns[i]!.weight ?? 1);
    columns.forEach((c, i) => {
      if (c.min !== undefined && widths[i]! > Math.max(c.min, chars(c.head)) && (widest < 0 || share(i) > share(widest))) widest = i;
    });
    if (widest < 0) break;
    widths[widest]! -= 1;
    over -= 1;
  }
  return widths;
}

/** Rows under their headings, fitted to `width` columns (Infinity: every cell whole). */
export function fitTable(columns: readonly Column[], rows: readonly (readonly string[])[], width: number): string {
  const widths = columnWidths(columns, rows, width);
  const line = (cells: readonly string[]): string =>
    columns
      .map((c, i) => {
        const cell = cut(cells[i] ?? '', widths[i]!);
        const pad = ' '.repeat(Math.max(0, widths[i]! - chars(cell)));
        return c.numeric ? pad + cell : cell + pad;
      })
      .join(' '.repeat(GAP))
      .trimEnd();
  return [line(columns.map((c) => c.head)), ...rows.map(line)].join('\n');
}

/**
 * The columns of `dossier incidents`: the label, place and type give way, never the figures; the label
 * keeps twice the room of the others, since it says the most.
 */
export const INCIDENT_COLUMNS: readonly Column[] = [
  { head: 'ID' },
  { head: 'DATE' },
  { head: 'TYPE', min: 8 },
  { head: 'PLACE', min: 10 },
  { head: 'KILLED', numeric: true },
  { head: 'INJURED', numeric: true },
  { head: 'SRC', numeric: true },
  { head: 'LABEL', min: 12, weight: 2 },
];

/**
 * `dossier incidents` as a table fitted to `width` columns (the terminal's; Infinity when piped, so
 * that `| grep` and `> file` see every cell whole).
 */
export async function incidentsTable(store: Store, incidents: StoredIncident[], policy: HeadlinePolicy, width: number): Promise<string> {
  const rows: string[][] = [];
  // Every document's metadata in a few queries, not one per report (a round trip each on PostgreSQL).
  const metas = await store.getDocumentMetas(incidents.flatMap((i) => i.reports.map((r) => r.docId)));
  const pub = publishedOf(metas);
  const reviews = await store.reviewsOf(incidents.map((i) => i.id));
  for (const inc of incidents) {
    // As reviewed: rejected reports left out, corrected values shown, ✓ after a reviewed incident's id.
    const review = reviews.get(inc.id);
    const counting = review ? standingReports(inc.reports, review) : inc.reports;
    const r = review ? reviewedReport(primaryReport(counting), review) : primaryReport(counting);
    const fig = (f: 'killedTotal' | 'injured', rf: 'killed' | 'injured'): string => {
      const rv = review?.fields[rf];
      if (rv) return rv.value === null ? '' : String(rv.value);
      const h = headlineCount(counting, f, policy, pub);
      return h ? String(h.value) : '';
    };
    rows.push([`${inc.id}${review?.reviewed ? ' ✓' : ''}`, dateText(r), r.type.value.kind.replace(UNDERSCORES, ' '), placeText(r), fig('killedTotal', 'killed'), fig('injured', 'injured'), String(inc.sources), r.label]);
  }
  return fitTable(INCIDENT_COLUMNS, rows, width);
}

/** Every field of one incident, each with the words it came from and where. */
export async function showIncident(store: Store, inc: StoredIncident, policy: HeadlinePolicy): Promise<string> {
  const docs = await docsFor(store, inc);
  const pub = publishedOf(docs);
  const out: string[] = [];
  const primary = primaryReport(inc.reports);
  out.push(`Incident ${inc.id}: ${primary.label}`);
  const n = inc.reports.length;
  const revisions = n > inc.sources ? ` (${inc.sources} independent source${inc.sources > 1 ? 's' : ''}: updates count with the article they revise)` : '';
  out.push(`  reported by ${n} document${n > 1 ? 's' : ''}${revisions}; headline figures by the "${policy}" policy`);
  const review = await store.reviewOf(inc.id);
  const counting = standingReports(inc.reports, review);
  for (const f of ['killedTotal', 'killedVictims', 'killedPerpetrators', 'injured', 'arrested'] as const) {
    const h = headlineCount(counting, f, policy, pub);
    const rv = review.fields[REVIEWED_COUNT[f] ?? 'date'];
    if (REVIEWED_COUNT[f] && rv) out.push(`  ${LABELS[f].padEnd(22)} ${rv.value ?? '(none)'}  ${reviewMark(rv)}${h ? ` (automatic: ${h.value})` : ''}`);
    else if (h) out.push(`  ${LABELS[f].padEnd(22)} ${h.value}${h.low !== h.high ? ` (reports give ${h.low}–${h.high})` : ''}`);
  }
  out.push(...reviewSection(inc.id, review, headlineValues(counting, policy, pub)));
  for (const l of await store.linksOf(inc.id)) {
    const other = await store.getIncident(l.other);
    out.push(`  linked to incident ${l.other}${other ? ` (${primaryReport(other.reports).label})` : ''}: ${l.kind.replace(/_/g, ' ')}${l.claimId ? ` ${l.claimId}` : ''}`);
  }
  const sources = await store.documentSources(inc.reports.map((r) => r.docId));
  for (const r of inc.reports) {
    const d = docs.get(r.docId);
    const text = d?.text ?? '';
    const ctx: ShowCtx = { text, sentences: (await store.getAnnotations(r.docId))?.sentences ?? [] };
    out.push('');
    out.push(`Report ${r.id} — "${d?.meta.title ?? '(untitled)'}"${d?.meta.published ? `, ${d.meta.published}` : ''}${d?.meta.publisher ? `, ${d.meta.publisher}` : d?.meta.author ? `, ${d.meta.author}` : ''}`);
    out.push(`  source: ${d?.meta.source ?? r.docId}${r.inPassing ? '   (mentioned in passing)' : ''}`);
    if (review.rejectedReports.includes(r.id)) out.push('  ✗ rejected by a reviewer: this report does not count toward the incident');
    const original = sources.get(r.docId)?.updateOf ?? null;
    if (original) out.push(`  an update of: ${docs.get(original)?.meta.source ?? (await store.getDocumentMeta(original))?.meta.source ?? original} (the same article with other facts; not an independent source)`);
    for (const loc of sources.get(r.docId)?.alsoAt ?? []) {
      const shared = loc.overlap === null ? `${loc.distance} bits apart` : `${Math.round(loc.overlap * 100)}% of its text shared`;
      out.push(`  also at: ${loc.source} (a repost: the same facts, ${shared}; not an independent source)`);
    }
    out.push(`  sentence [${r.anchor.start}-${r.anchor.end}]: ${quote(text, r.anchor)}`);
    const t = r.type.value;
    field(out, ctx, 'type', `${t.kind} · ACLED ${t.acledEvent} / ${t.acledSubEvent} · PLOVER ${t.ploverEvent}${t.ploverMode ? `/${t.ploverMode}` : ''} · GTD ${t.gtdAttackType ?? '(not recorded by GTD)'}`, r.type);
    field(out, ctx, 'date', `${dateText(r)} (precision: ${r.date.value.precision})`, r.date);
    for (const l of r.locations) {
      const p = l.value.place;
      field(out, ctx, 'place', `${l.value.relation} ${p.name}${p.admin1Name ? `, ${p.admin1Name}` : ''}, ${p.countryName} (${p.countryCode})${p.geonameid ? ` geonameid ${p.geonameid}` : ''}${p.lat !== null ? ` @ ${p.lat},${p.lon}` : ''}`, l);
    }
    for (const p of r.perpetrators) field(out, ctx, 'perpetrator', `${p.value.name} [${p.value.kind}]${p.value.origin ? ` from ${p.value.origin}` : ''}`, p);
    for (const x of r.targets) field(out, ctx, 'target', `${x.value.name} [${x.value.gtdTargetType}]`, x);
    for (const w of r.weapons) field(out, ctx, 'weapon', w.value, w);
    countField(out, ctx, 'killed (victims)', r.killedVictims);
    countField(out, ctx, 'killed (attackers)', r.killedPerpetrators);
    countField(out, ctx, 'killed (total)', r.killedTotal);
    countField(out, ctx, 'injured', r.injured);
    countField(out, ctx, 'arrested', r.arrested);
    out.push(...(await claimsSection(store, r, text)));
  }
  return out.join('\n');
}

/** The review field a headline count answers to. */
const REVIEWED_COUNT: Partial<Record<string, 'killed' | 'injured' | 'arrested'>> = { killedTotal: 'killed', injured: 'injured', arrested: 'arrested' };

/** "✓ reviewed: corrected by alice on 2024-05-01 — why". */
function reviewMark(rv: ReviewedValue): string {
  return `✓ reviewed: ${rv.status} by ${rv.actor} on ${rv.at.slice(0, 10)}${rv.reason ? ` — ${rv.reason}` : ''}`;
}

/** The reviewed values (other than the counts above), the notes, and whether it was rejected. */
function reviewSection(id: number, review: EffectiveReview, automatic: ReturnType<typeof headlineValues>): string[] {
  if (!review.reviewed) return [];
  const out: string[] = [];
  if (review.rejected) out.push('  ✗ NOT AN INCIDENT, a reviewer decided: left out of listings and exports');
  const shown = applyReview(automatic, review);
  for (const f of REVIEW_FIELDS) {
    const v = shown[f];
    if (!v.review || ['killed', 'injured', 'arrested'].includes(f)) continue;
    out.push(`  ${f.padEnd(22)} ${v.value ?? '(none)'}  ${reviewMark(v.review)}${v.automatic !== v.value ? ` (automatic: ${v.automatic ?? 'none'})` : ''}`);
  }
  for (const note of review.notes) out.push(`  note by ${note.actor} on ${note.at.slice(0, 10)}: ${note.text}`);
  out.push(`  review trail: dossier history ${id}`);
  return out;
}

const LABELS = {
  killedTotal: 'killed (all, nkill)',
  killedVictims: 'killed (victims)',
  killedPerpetrators: 'killed (attackers)',
  injured: 'injured',
  arrested: 'arrested/captured',
} as const;

function quote(text: string, s: Span): string {
  return `“${text.slice(s.start, s.end).replace(/\s+/g, ' ')}”`;
}

/** The document's text and sentences, so each piece of evidence is shown in its sentence. */
type ShowCtx = TextContext;

function field(out: string[], ctx: ShowCtx, name: string, value: string, a: Attested<unknown>): void {
  out.push(`  ${name.padEnd(18)} ${value}   (confidence ${a.confidence.toFixed(2)})`);
  for (const e of a.evidence) {
    out.push(`  ${''.padEnd(18)}   ← [${e.start}-${e.end}] ${quote(ctx.text, e)}`);
    const sent = inSentence(ctx, e);
    if (sent) out.push(`  ${''.padEnd(18)}     in: ${sent}`);
  }
  out.push(`  ${''.padEnd(18)}   why: ${a.reason}`);
}

function countField(out: string[], ctx: ShowCtx, name: string, c: Attested<Count> | null): void {
  if (!c) return;
  field(out, ctx, name, `${c.value.value} (${c.value.qualifier.replace('_', ' ')}: "${c.value.text}")`, c);
}

const docText = async (store: Store, id: string, cache: Map<string, string>): Promise<string> => {
  let t = cache.get(id);
  if (t === undefined) {
    t = (await store.getDocument(id))?.text ?? '';
    cache.set(id, t);
  }
  return t;
};

export async function claimsTable(store: Store, claims: Claim[]): Promise<string> {
  if (!claims.length) return 'no claims match';
  const cache = new Map<string, string>();
  for (const c of claims) await docText(store, c.docId, cache);
  return claims
    .map((c) => {
      const t = cache.get(c.docId)!;
      const target = c.targets.map((x) => `${x.value.role}: ${x.value.name}`).join('; ');
      return `${c.id}  ${c.kind.value} (${c.modality.value})  source: ${c.source.value.name} [${c.source.value.kind}]${target ? `  ${target}` : ''}\n    ${quote(t, c.content)}`;
    })
    .join('\n') + `\n${claims.length} claim${claims.length === 1 ? '' : 's'}`;
}

export async function quotesTable(store: Store, quotes: Quote[]): Promise<string> {
  if (!quotes.length) return 'no quotes match';
  const cache = new Map<string, string>();
  for (const q of quotes) await docText(store, q.docId, cache);
  return quotes
    .map((q) => {
      const t = cache.get(q.docId)!;
      const cite = q.citation ? ` (${[q.citation.author, q.citation.work].filter(Boolean).join(', ')})` : '';
      return `${q.id}  ${q.speaker.value.name} [${q.speaker.value.kind}]${q.cue ? ` ${t.slice(q.cue.start, q.cue.end)}` : ''}${cite}\n    ${quote(t, q.text)}`;
    })
    .join('\n') + `\n${quotes.length} quote${quotes.length === 1 ? '' : 's'}`;
}

/** The claims about one report's incident, grouped by kind. */
export async function claimsSection(store: Store, r: IncidentReport, text: string): Promise<string[]> {
  const cs = (await store.claimsOf(r.docId)).filter((c) => c.incidents.includes(r.index));
  if (!cs.length) return [];
  const out = ['  claims:'];
  const kinds = [...new Set(cs.map((c) => c.kind.value))];
  for (const k of kinds) {
    out.push(`    ${k}:`);
    for (const c of cs.filter((x) => x.kind.value === k)) {
      const tg = c.targets.map((x) => `${x.value.role} ${x.value.name}`).join('; ');
      out.push(`      ${c.source.value.name} [${c.source.value.kind}] (${c.modality.value})${tg ? ` — ${tg}` : ''}`);
      out.push(`        ← [${c.content.start}-${c.content.end}] ${quote(text, c.content)}`);
    }
  }
  return out;
}

export function formatEntity(v: EntityView): string {
  const out = [`Entity ${v.id}: ${v.name} [${v.type}]${v.geonameid ? ` geonames:${v.geonameid}` : ''}`, `  key: ${v.key}`, `  also written: ${v.aliases.join('; ')}`];
  out.push(`  mentions (${v.mentions.length}):`);
  for (const m of v.mentions.slice(0, 30)) out.push(`    "${m.document}" [${m.start}-${m.end}] ${m.sentence ?? `“${m.words}”`}`);
  if (v.mentions.length > 30) out.push(`    … and ${v.mentions.length - 30} more`);
  if (v.incidents.length) {
    out.push('  incidents:');
    for (const i of v.incidents) out.push(`    ${i.id}  ${i.label}  (as ${i.as.join(', ')})`);
  }
  if (v.claimsMade.length) {
    out.push('  claims made:');
    for (const c of v.claimsMade) out.push(`    ${c.id} ${c.kind} (${c.modality}): “${c.words.replace(/\s+/g, ' ').slice(0, 160)}”`);
  }
  if (v.claimsReceived.length) {
    out.push('  claims about it:');
    for (const c of v.claimsReceived) out.push(`    ${c.id} ${c.kind}, ${c.role}, by ${c.source}: “${c.words.replace(/\s+/g, ' ').slice(0, 160)}”`);
  }
  if (v.relations.length) {
    out.push('  relations:');
    for (const r of v.relations) out.push(`    ${r.subject} — ${r.predicate.replace(/_/g, ' ')} — ${r.object}   ("${r.document}")`);
  }
  return out.join('\n');
}
