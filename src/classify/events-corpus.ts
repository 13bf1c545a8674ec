/**
 * The training examples of the sub-event classifier, from every source, in
 * one shape: text, a CASE code (or a set of allowed codes), a weight, and the
 * cross-validation group. Used by scripts/train-events.ts at train time only.
 *
 * - own snippets (data/training/acled-subtypes.tsv), weight 1;
 * - PLOVER gold records mapped to one ACLED class (plover-map.ts);
 * - ACLED notes: `sub_event_type` → CASE code (labels.ts). Rows without one
 *   (old schema, 2,488 in train; "Other", 90) are skipped, or, with
 *   `partial`, kept as a partial label: "one of the sub-types of its
 *   event_type" ("Other" rows stay out: Strategic developments/Other is not a
 *   CASE class and would teach the family's real classes wrongly);
 * - GTD summaries (optional): attack type → the ACLED sub-types it can be, as
 *   a partial label (a GTD bombing is an IED, a grenade or a shell; a suicide
 *   bombing is SUIC_BOMB).
 */
import { ACLED_SUBTYPES } from './labels.js';
import { readAcled, readGtd, readLabelled, type AcledItem, type GtdItem } from './corpora.js';
import { hashFold } from './cv.js';

export type Source = 'own' | 'plover' | 'acled' | 'gtd';

export interface Example {
  text: string;
  label: string;
  allowed?: readonly string[];
  weight: number;
  source: Source;
  /** Cross-validation group ("kenya", "own-3"…). */
  group: string;
  /** ACLED rows: the gold event type, for event-type accuracy. */
  eventType?: string;
}

/** The 24 ACLED sub-event classes (the CASE codes that have an ACLED name). */
export const ACLED_CODES: readonly string[] = Object.freeze(ACLED_SUBTYPES.filter((s) => s.acled).map((s) => s.code));

const CODES_OF_EVENT = new Map<string, string[]>();
for (const s of ACLED_SUBTYPES) if (s.event) CODES_OF_EVENT.set(s.event, [...(CODES_OF_EVENT.get(s.event) ?? []), s.code]);

/** The CASE codes of an ACLED event type ("Protests" → PEACE_PROTEST, PROTEST_WITH_INTER, FORCE_AGAINST_PROTEST). */
export function codesOfEvent(eventType: string): readonly string[] {
  return CODES_OF_EVENT.get(eventType) ?? [];
}

export interface AcledOptions {
  weight: number;
  /** Class balancing: each row's weight × (rows of its class / mean rows per class)^−balance (0 = none). */
  balance: number;
  /** Keep rows without a sub-event type as partial labels (their event type's sub-types). */
  partial: boolean;
}

export function ownExamples(path: string, folds: number): Example[] {
  return readLabelled(path).map((x) => ({ text: x.text, label: x.label, weight: 1, source: 'own', group: `own-${hashFold(x.text, folds)}` }));
}

export function acledExamples(rows: AcledItem[], o: AcledOptions): Example[] {
  const perClass = new Map<string, number>();
  for (const r of rows) if (r.code) perClass.set(r.code, (perClass.get(r.code) ?? 0) + 1);
  const labelled = [...perClass.values()].reduce((a, b) => a + b, 0);
  const mean = labelled / Math.max(1, perClass.size);
  const out: Example[] = [];
  for (const r of rows) {
    const group = r.group;
    if (r.code) {
      const w = o.balance ? o.weight * ((perClass.get(r.code) ?? 1) / mean) ** -o.balance : o.weight;
      out.push({ text: r.text, label: r.code, weight: w, source: 'acled', group, eventType: r.eventType });
    } else if (o.partial && r.eventType) {
      const allowed = codesOfEvent(r.eventType);
      // An "Other" row of a modern schema has a sub-event type that is none of the codes: leave it out.
      if (allowed.length && r.eventType !== 'Strategic developments') out.push({ text: r.text, label: allowed[0]!, allowed, weight: o.weight, source: 'acled', group, eventType: r.eventType });
    }
  }
  return out;
}

/** What a GTD attack type can be in ACLED sub-types; null where it is too mixed to say. */
export function gtdCodes(g: GtdItem): readonly string[] | null {
  switch (g.attackType) {
    case 'Bombing/Explosion':
      return g.suicide ? ['SUIC_BOMB'] : ['REM_EXPLOS', 'GRENADE', 'ART_MISS_ATTACK'];
    case 'Armed Assault':
      return g.suicide ? null : ['ATTACK', 'ARMED_CLASH'];
    case 'Hostage Taking (Kidnapping)':
      return ['ABDUCT_DISSAP'];
    case 'Facility/Infrastructure Attack':
      return ['PROPERTY_DISTRUCT', 'ATTACK', 'REM_EXPLOS'];
    default:
      return null;
  }
}

export function gtdExamples(file: string, weight: number): Example[] {
  const out: Example[] = [];
  for (const g of readGtd(file)) {
    const allowed = gtdCodes(g);
    if (!allowed) continue;
    out.push({ text: g.text, label: allowed[0]!, ...(allowed.length > 1 ? { allowed } : {}), weight, source: 'gtd', group: `gtd-${g.region}` });
  }
  return out;
}

export { readAcled };
