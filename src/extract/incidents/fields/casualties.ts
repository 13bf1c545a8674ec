import type { Annotations, Attested, Count, Quantity, VictimValue } from '../../../model/index.js';
import { spanIndex } from '../../../nlp/span-index.js';
import { findCasualties, type CasualtyFact } from '../../casualties.js';
import { COUNT_CONFIDENCE, REPEATED_COUNT_CONFIDENCE, VICTIM_CONFIDENCE, VICTIM_NOUN_AFTER_CHARS } from '../constants.js';
import { VICTIM_NOUN_PHRASE } from '../patterns.js';
import { attested, type Draft } from '../types.js';

/** The casualty fields of a report. */
export interface CasualtyFields {
  killedVictims: Attested<Count> | null;
  killedPerpetrators: Attested<Count> | null;
  killedTotal: Attested<Count> | null;
  injured: Attested<Count> | null;
  arrested: Attested<Count> | null;
  victims: Attested<VictimValue>[];
}

function countOf(q: Quantity): Count {
  return { value: q.value, qualifier: q.qualifier, low: q.low, high: q.high, text: q.text };
}

/** Casualties from every clause of the incident: the dead, wounded and arrested, and the victims as the text names them. */
export function reportCasualties(text: string, d: Draft, ann: Annotations): CasualtyFields {
  const facts: CasualtyFact[] = [];
  const seen = new Set<number>();
  for (const seg of d.segs) {
    const qs = spanIndex(ann.quantities).inside(seg).filter((q) => !seen.has(q.start));
    for (const f of findCasualties(text, seg.start, seg.end, qs)) {
      seen.add(f.quantity.start);
      facts.push(f);
    }
  }
  const killedVictims = pickCount(text, facts, 'killed', 'victims');
  const killedPerpetrators = pickCount(text, facts, 'killed', 'perpetrators');
  return {
    killedVictims,
    killedPerpetrators,
    killedTotal: killedTotalOf(killedVictims, killedPerpetrators),
    injured: pickCount(text, facts, 'injured', 'victims') ?? pickCount(text, facts, 'injured', 'perpetrators'),
    arrested: pickCount(text, facts, 'arrested', 'perpetrators'),
    victims: victimsOf(text, facts),
  };
}

/**
 * One casualty field from the facts. Several statements of one figure: the one stated most often, then the
 * highest (reports update tolls upwards); every statement stays as evidence.
 */
function pickCount(text: string, facts: readonly CasualtyFact[], field: CasualtyFact['field'], who: CasualtyFact['who']): Attested<Count> | null {
  const fs = facts.filter((f) => f.field === field && f.who === who && !f.breakdown);
  if (!fs.length) return null;
  const byValue = new Map<number, CasualtyFact[]>();
  for (const f of fs) byValue.set(f.quantity.value, [...(byValue.get(f.quantity.value) ?? []), f]);
  const best = [...byValue.entries()].sort((a, b) => b[1].length - a[1].length || b[0] - a[0])[0]!;
  const q = best[1][0]!.quantity;
  const others = [...byValue.keys()].filter((v) => v !== best[0]);
  let reason = best[1][0]!.reason + (others.length ? `; the report also gives ${others.join(', ')}` : '');
  const evidence = best[1].map((f) => ({ start: f.start, end: f.end }));
  // A breakdown that adds up to the total is evidence too: "16 policemen and five civilians".
  const parts = facts.filter((f) => f.field === field && f.breakdown);
  if (parts.length > 1 && parts.reduce((s, f) => s + f.quantity.value, 0) === q.value) {
    evidence.push(...parts.map((f) => ({ start: f.quantity.start, end: f.end })));
    reason += `; breakdown ${parts.map((f) => text.slice(f.quantity.start, f.end)).join(' + ')} adds up`;
  }
  return attested(countOf(q), evidence, best[1].length > 1 ? REPEATED_COUNT_CONFIDENCE : COUNT_CONFIDENCE, reason);
}

/** All the dead: victims and attackers summed when the report counts them apart, else the one figure given. */
function killedTotalOf(killedVictims: Attested<Count> | null, killedPerpetrators: Attested<Count> | null): Attested<Count> | null {
  if (killedVictims && killedPerpetrators) {
    const v = killedVictims.value;
    const p = killedPerpetrators.value;
    return attested<Count>(
      { value: v.value + p.value, qualifier: v.qualifier === 'exact' && p.qualifier === 'exact' ? 'exact' : 'at_least', low: null, high: null, text: `${v.text} + ${p.text}` },
      [...killedVictims.evidence, ...killedPerpetrators.evidence], Math.min(killedVictims.confidence, killedPerpetrators.confidence),
      'sum: the report counts the attackers killed apart from the other dead',
    );
  }
  if (killedVictims || killedPerpetrators) {
    const k = (killedVictims ?? killedPerpetrators)!;
    return { ...k, reason: `${k.reason}; the only death figure given` };
  }
  return null;
}

/** Victims as the text names them: "16 policemen", "five civilians", "one Orthodox priest". */
function victimsOf(text: string, facts: readonly CasualtyFact[]): Attested<VictimValue>[] {
  const victims: Attested<VictimValue>[] = [];
  for (const f of facts) {
    if (f.who !== 'victims' || f.field === 'arrested') continue;
    const np = VICTIM_NOUN_PHRASE.exec(text.slice(f.quantity.end, f.end + VICTIM_NOUN_AFTER_CHARS));
    if (!np) continue;
    const start = f.quantity.start;
    const end = f.quantity.end + np[0].length;
    const name = text.slice(start, end);
    if (!victims.some((v) => v.value.name === name)) victims.push(attested({ name }, [{ start, end }], VICTIM_CONFIDENCE, `${f.reason}: the people counted`));
  }
  return victims;
}
