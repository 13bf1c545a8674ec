import type { ActorValue, Annotations, Attested, Count, IncidentReport, Mention, TargetValue } from '../../../model/index.js';
import { spanIndex } from '../../../nlp/span-index.js';
import { findPerpetrators, findTargets } from '../../roles.js';
import { ARREST_CONFIDENCE, ARREST_PERSON_AFTER_CHARS, ARREST_PERSON_BEFORE_CHARS } from '../constants.js';
import type { Gazetteer } from '../../../nlp/gazetteer/index.js';
import { isPlaceName } from '../geo.js';
import { PLURAL_SUFFIX, WHITESPACE, WORD_INITIAL } from '../patterns.js';
import { attested, type Draft, type Hit } from '../types.js';

/** A target's head word, singular: "police officers" → "officer". Two targets with one head are one. */
function targetHead(x: string): string {
  return (x.toLowerCase().split(WHITESPACE).pop() ?? '').replace(PLURAL_SUFFIX, '');
}

/** Perpetrators and targets from every clause of the incident (roles.ts), each named once. */
export function reportActors(text: string, d: Draft, ann: Annotations, gaz: Gazetteer): { perpetrators: Attested<ActorValue>[]; targets: Attested<TargetValue>[] } {
  const perpetrators: Attested<ActorValue>[] = [];
  const targets: Attested<TargetValue>[] = [];
  const seenSeg = new Set<string>();
  // The first specific hit of each segment, looked up rather than searched for per segment.
  const hitOfSeg = new Map<string, Hit>();
  for (const h of d.hits) if (h.mode === 'specific' && !hitOfSeg.has(`${h.seg.start}:${h.seg.end}`)) hitOfSeg.set(`${h.seg.start}:${h.seg.end}`, h);
  for (const seg of d.segs) {
    const k = `${seg.start}:${seg.end}`;
    if (seenSeg.has(k)) continue;
    seenSeg.add(k);
    for (const p of findPerpetrators(text, seg, ann.mentions)) {
      if (!perpetrators.some((x) => x.value.name === p.value.name)) perpetrators.push(attested(p.value, [{ start: p.start, end: p.end }], p.confidence, p.reason));
    }
    const hit = hitOfSeg.get(k);
    for (const t of findTargets(text, seg, hit ? { start: hit.start, end: hit.end } : null, ann.mentions, ann.dates)) {
      if (isPlaceName(t.value.name, gaz)) continue;
      if (!targets.some((x) => targetHead(x.value.name) === targetHead(t.value.name))) targets.push(attested(t.value, [{ start: t.start, end: t.end }], t.confidence, t.reason));
    }
  }
  return { perpetrators, targets };
}

/**
 * An arrest report is about the person arrested: the person named near the arrest word (or the last one
 * before its sentence) becomes its target, one arrested, and its label.
 */
export function applyArrestee(report: IncidentReport, text: string, ann: Annotations, h: Hit): void {
  const sent = ann.sentences[h.sentence]!;
  const isPerson = (m: Mention): boolean => m.type === 'PERSON';
  const near = { start: Math.max(sent.start, h.start - ARREST_PERSON_BEFORE_CHARS), end: Math.min(sent.end, h.end + ARREST_PERSON_AFTER_CHARS) };
  const who = spanIndex(ann.mentions).inside(near).find(isPerson) ?? spanIndex(ann.mentions).lastEndingBy(sent.start, isPerson);
  if (!who) return;
  report.targets = [attested({ name: who.key.replace(WORD_INITIAL, (c) => c.toUpperCase()), gtdTargetType: 'Private Citizens & Property' }, [{ start: who.start, end: who.end }], ARREST_CONFIDENCE, `arrested person: ${who.reason}`)];
  report.arrested = attested<Count>({ value: 1, qualifier: 'exact', low: 1, high: 1, text: text.slice(h.start, h.end) }, [{ start: h.start, end: h.end }], ARREST_CONFIDENCE, 'one named person was arrested');
  report.label = `arrest — ${report.targets[0]!.value.name}`;
}
