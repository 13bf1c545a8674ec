/**
 * Dev figures of the event detector, on the dev splits beside the train
 * splits it was trained on: the share of items called an event, per kind.
 * ACLED dev notes and GTD dev summaries should nearly all be events; PolNeAR
 * dev sentences (US political news) mostly not; CASE 2021 snippets of the
 * ACLED classes should be events, those of natural and man-made disasters
 * and diplomacy not.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseCase2021 } from '../eval/case2021.js';
import { readAcled, readGtd, readPolnear, sentencesOf } from './corpora.js';
import type { DetectorSources } from './detector-corpus.js';
import { EVENT_LIKE } from './detector-corpus.js';
import { eventProbability } from './detector.js';
import { subtypeInfo } from './labels.js';
import type { LinearModel } from '../learn/linear.js';

export interface DevRate {
  n: number;
  eventRate: number;
}

function rate(model: LinearModel, threshold: number, texts: string[]): DevRate {
  let yes = 0;
  for (const t of texts) if (eventProbability(model, t) >= threshold) yes++;
  return { n: texts.length, eventRate: texts.length ? Math.round((yes / texts.length) * 1000) / 1000 : 0 };
}

/** The dev file beside a train file (…/train.csv → …/dev.csv; …/train → …/dev). */
function devOf(trainPath: string): string | null {
  const p = trainPath.endsWith('train.csv') ? join(dirname(trainPath), 'dev.csv') : join(dirname(trainPath), 'dev');
  return existsSync(p) ? p : null;
}

function case2021Rates(model: LinearModel, threshold: number, file: string): Record<string, DevRate> {
  const rows = parseCase2021(readFileSync(file, 'utf8'));
  const acled = rows.filter((r) => subtypeInfo(r.label)?.acled).map((r) => r.text);
  const nonViolent = rows.filter((r) => ['NATURAL_DISASTER', 'MAN_MADE_DISASTER', 'DIPLO'].includes(r.label)).map((r) => r.text);
  return { 'case2021-acled-classes': rate(model, threshold, acled), 'case2021-disaster-diplo': rate(model, threshold, nonViolent) };
}

export function detectorDev(model: LinearModel, threshold: number, src: DetectorSources, case2021?: string): Record<string, DevRate> {
  const out: Record<string, DevRate> = {};
  const acled = src.acled ? devOf(src.acled) : null;
  if (acled) {
    const notes = readAcled(acled).map((r) => r.text);
    out['acled-dev-notes'] = rate(model, threshold, notes);
    out['acled-dev-first-sentences'] = rate(model, threshold, notes.map((t) => sentencesOf(t)[0] ?? t));
  }
  const gtd = src.gtd ? devOf(src.gtd) : null;
  if (gtd) {
    const sums = readGtd(gtd).map((g) => g.text);
    out['gtd-dev-first-sentences'] = rate(model, threshold, sums.map((t) => sentencesOf(t)[0] ?? t));
  }
  const polnear = src.polnear ? devOf(src.polnear) : null;
  if (polnear) {
    const ss = readPolnear(polnear).map((s) => s.text);
    out['polnear-dev-sentences'] = rate(model, threshold, ss);
    out['polnear-dev-sentences-not-event-like'] = rate(model, threshold, ss.filter((s) => !EVENT_LIKE.test(s)));
    out['polnear-dev-sentences-event-like'] = rate(model, threshold, ss.filter((s) => EVENT_LIKE.test(s)));
  }
  if (case2021 && existsSync(case2021)) Object.assign(out, case2021Rates(model, threshold, case2021));
  return out;
}
