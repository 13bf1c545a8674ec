/**
 * Training examples of the event detector (detector.ts), from:
 *
 * positives ("event")
 * - ACLED train notes: the first sentence of each (the one that carries the
 *   event), the whole note when it has more sentences, and the later
 *   sentences (weights in DetectorConfig);
 * - GTD-modern train summaries: the first sentence and the later ones;
 * - our own snippets of the ACLED classes (data/training/acled-subtypes.tsv)
 *   and our own "event" sentences (data/training/event-sentences.tsv);
 *
 * negatives ("other")
 * - PolNeAR train sentences (US political news, 2016). Some of them report
 *   an event ("…was killed in a police shootout"): a sentence where a
 *   violent or protest verb is used in the past tense (EVENT_LIKE) gets its
 *   own weight (0 = left out);
 * - our own "other" sentences: commentary, forecasts, background, reactions
 *   about violence and politics, and our own snippets of the non-violent
 *   CASE classes (NATURAL_DISASTER, MAN_MADE_DISASTER, DIPLO). ATTRIB and
 *   ORG_CRIME snippets are left out (a claim of responsibility is about an
 *   event; organised crime is sometimes coded by ACLED, sometimes not).
 */
import { readAcled, readGtd, readLabelled, readPolnear, sentencesOf } from './corpora.js';
import { hashFold } from './cv.js';

/** A PolNeAR sentence that may itself report an event: a violent or protest verb in the past tense. */
export const EVENT_LIKE = /\b(?:was|were|been) (?:shot|killed|stabbed|wounded|injured|kidnapped|abducted|arrested|detained|attacked|beaten|bombed|murdered|executed|taken hostage)\b|\b(?:killed|shot dead|opened fire|exploded|detonated|stormed|kidnapped|abducted|clashed|torched|set fire|looted|rioted|marched|rallied|protested|demonstrated against|gunned down|blew (?:himself|herself|themselves) up|shot and killed|took to the streets)\b/i;

export type DetectorKind = 'acled-first' | 'acled-note' | 'acled-later' | 'gtd-first' | 'gtd-later' | 'own-event' | 'own-other' | 'polnear' | 'polnear-event-like';

export interface DetectorExample {
  text: string;
  gold: boolean;
  weight: number;
  kind: DetectorKind;
  /** Cross-validation group: "acled:kenya", "gtd:South Asia", "polnear:nyt", "own:3". */
  group: string;
}

export interface DetectorWeights {
  /** Weight of a whole ACLED note that has more than one sentence. */
  note: number;
  /** Weight of a later sentence of an ACLED note or a GTD summary. */
  later: number;
  /** Weight of an event-like PolNeAR sentence (0 = left out). */
  polnearEventLike: number;
  /** Weight of one of our own sentences. */
  own: number;
}

/** The kinds whose items are scored in cross-validation (one per source and class). */
export const EVAL_KINDS: readonly DetectorKind[] = ['acled-first', 'gtd-first', 'own-event', 'own-other', 'polnear'];

const OWN_NEGATIVE_CODES = new Set(['NATURAL_DISASTER', 'MAN_MADE_DISASTER', 'DIPLO']);
const OWN_SKIPPED_CODES = new Set(['ATTRIB', 'ORG_CRIME']);

export interface DetectorSources {
  acled: string | null;
  gtd: string | null;
  polnear: string | null;
  ownSubtypes: string | null;
  ownSentences: string | null;
}

function splitText(text: string, group: string, first: DetectorKind, w: DetectorWeights, out: DetectorExample[]): void {
  const ss = sentencesOf(text);
  if (!ss.length) return;
  out.push({ text: ss[0]!, gold: true, weight: 1, kind: first, group });
  if (ss.length > 1 && first === 'acled-first' && w.note > 0) out.push({ text, gold: true, weight: w.note, kind: 'acled-note', group });
  if (w.later > 0) for (const s of ss.slice(1)) out.push({ text: s, gold: true, weight: w.later, kind: first === 'acled-first' ? 'acled-later' : 'gtd-later', group });
}

function ownExamples(src: DetectorSources, w: DetectorWeights, out: DetectorExample[]): void {
  const add = (text: string, gold: boolean): void => {
    out.push({ text, gold, weight: w.own, kind: gold ? 'own-event' : 'own-other', group: `own:${hashFold(text, 5)}` });
  };
  if (src.ownSubtypes) {
    for (const x of readLabelled(src.ownSubtypes)) if (!OWN_SKIPPED_CODES.has(x.label)) add(x.text, !OWN_NEGATIVE_CODES.has(x.label));
  }
  if (src.ownSentences) for (const x of readLabelled(src.ownSentences, ['event', 'other'])) add(x.text, x.label === 'event');
}

export function detectorExamples(src: DetectorSources, w: DetectorWeights): DetectorExample[] {
  const out: DetectorExample[] = [];
  if (src.acled) for (const r of readAcled(src.acled)) splitText(r.text, `acled:${r.group}`, 'acled-first', w, out);
  if (src.gtd) for (const g of readGtd(src.gtd)) splitText(g.text, `gtd:${g.region}`, 'gtd-first', w, out);
  if (src.polnear) {
    for (const s of readPolnear(src.polnear)) {
      const like = EVENT_LIKE.test(s.text);
      if (like && w.polnearEventLike <= 0) continue;
      out.push({ text: s.text, gold: false, weight: like ? w.polnearEventLike : 1, kind: like ? 'polnear-event-like' : 'polnear', group: `polnear:${s.outlet}` });
    }
  }
  ownExamples(src, w, out);
  return out;
}

/** Rescales weights so that positives and negatives weigh the same in total. */
export function balanceClasses(xs: DetectorExample[]): DetectorExample[] {
  let pos = 0;
  let neg = 0;
  for (const x of xs) x.gold ? (pos += x.weight) : (neg += x.weight);
  if (!pos || !neg) return xs;
  const mean = (pos + neg) / 2;
  return xs.map((x) => ({ ...x, weight: (x.weight * mean) / (x.gold ? pos : neg) }));
}
