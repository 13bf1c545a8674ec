/**
 * Leave-one-region-out figures for the GTD exporter's gname (used by `train --task gtd-groups --cv`):
 * the pipeline runs once on every coded summary; then, for each region_txt, the lexicon is built without
 * that region's rows and gtdGname scores them, for each choice of GNAME_SOURCES. Also the figure with the
 * lexicon built on all rows (in-sample), for comparison.
 */
import type { Claim } from '../src/model/index.js';
import { GNAME_SOURCES, gtdGname, type GnameSources } from '../src/export/gtd.js';
import type { ExportItem } from '../src/export/records.js';
import { intakeBuffer } from '../src/intake/index.js';
import { defaultContext, runPipeline, type PipelineContext } from '../src/pipeline/index.js';
import type { GtdGroupLexicon } from '../src/resolve/gtd-groups.js';
import { primaryReport } from '../src/resolve/index.js';

type Build = (records: Record<string, string>[], use: (i: number) => boolean, cache: Map<string, number[]>) => GtdGroupLexicon;

const VARIANTS: Record<string, GnameSources> = {
  'perpetrator+claim': { sentence: false, document: false, raw: false },
  '+sentence': { sentence: true, document: false, raw: false },
  '+sentence+summary': { sentence: true, document: true, raw: false },
  '+sentence+summary+raw': { sentence: true, document: true, raw: true },
  'perpetrator+claim+raw': { sentence: false, document: false, raw: true },
};

/** The exporter's item for a summary, as the GTD evaluation builds it; null when no incident is found. */
export function itemOf(summary: string, id: string): ExportItem | null {
  const doc = intakeBuffer(Buffer.from(summary), `gtd:${id}`, 'text');
  const st = runPipeline(doc);
  const inScope = st.incidents.filter((r) => r.type.value.gtdAttackType !== null);
  const pool = inScope.length ? inScope : st.incidents;
  if (!pool.length) return null;
  const primary = primaryReport(pool);
  return {
    incident: { id: 0, reports: [primary], sources: 1 },
    primary,
    docs: new Map([[doc.id, { id: doc.id, meta: doc.meta, text: doc.text, ingestedAt: '' }]]),
    policy: 'conservative',
    claims: ((st as { claims?: Claim[] }).claims ?? []).filter((c) => c.incidents.includes(primary.index)),
  };
}

const same = (a: string, b: string): boolean => a.trim().toLowerCase() === b.trim().toLowerCase();

export function gnameCv(records: Record<string, string>[], build: Build): void {
  const coded = records.map((r, i) => ({ r, i })).filter(({ r }) => (r.gname ?? '').trim() && (r.summary ?? '').trim());
  const items = new Map(coded.map(({ r, i }) => [i, itemOf(r.summary!, r.eventid ?? String(i))]));
  const cache = new Map<string, number[]>();
  const hits: Record<string, number> = Object.fromEntries(Object.keys(VARIANTS).map((k) => [k, 0]));
  const perRegion: Record<string, string> = {};
  // Each fold's lexicon goes in a context of its own.
  const score = (subset: typeof coded, tally: Record<string, number>, ctx: PipelineContext): void => {
    for (const { r, i } of subset) {
      const it = items.get(i);
      for (const [k, v] of Object.entries(VARIANTS)) if (same(it ? gtdGname(it, v, ctx).value : 'Unknown', r.gname!)) tally[k]!++;
    }
  };
  for (const region of [...new Set(records.map((r) => r.region_txt ?? ''))].sort()) {
    const held = coded.filter(({ r }) => (r.region_txt ?? '') === region);
    const ctx = defaultContext().derive({ gtdGroups: build(records, (i) => (records[i]!.region_txt ?? '') !== region, cache) });
    const t: Record<string, number> = Object.fromEntries(Object.keys(VARIANTS).map((k) => [k, 0]));
    score(held, t, ctx);
    for (const k of Object.keys(hits)) hits[k]! += t[k]!;
    perRegion[region] = `${held.length} coded, default ${held.length ? (t[variantName(GNAME_SOURCES)]! / held.length).toFixed(3) : '-'}`;
  }
  const inSample: Record<string, number> = Object.fromEntries(Object.keys(VARIANTS).map((k) => [k, 0]));
  score(coded, inSample, defaultContext().derive({ gtdGroups: build(records, () => true, cache) }));
  for (const k of Object.keys(VARIANTS)) process.stderr.write(`gname ${k}: leave-one-region-out ${(hits[k]! / coded.length).toFixed(3)}, in-sample ${(inSample[k]! / coded.length).toFixed(3)} (${coded.length} coded)\n`);
  for (const [region, line] of Object.entries(perRegion)) process.stderr.write(`  ${region}: ${line}\n`);
}

function variantName(v: GnameSources): string {
  return Object.entries(VARIANTS).find(([, x]) => x.sentence === v.sentence && x.document === v.document && x.raw === v.raw)?.[0] ?? '+sentence+summary';
}
