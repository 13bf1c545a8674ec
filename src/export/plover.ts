import { citation, count, reviewedFlag, type ExportItem } from './records.js';
import { isoOfDate } from '../model/index.js';

/**
 * A PLOVER 2.0 event record. Field names follow the PLOVER specification:
 * id, date, actor, recipient, event, mode, context, event_loc, size,
 * event_text, text_info, cite_info.
 */
export interface PloverRecord {
  id: string;
  date: string;
  actor: string;
  recipient: string;
  event: string;
  mode: string;
  context: string[];
  event_loc: { geonameid: number | null; lat: number | null; lon: number | null; country_code: string; place_name: string } | null;
  size: { dead: number | null; injured: number | null; arrested: number | null };
  event_text: string;
  text_info: { start: number; end: number; document_id: string };
  cite_info: { source: string; title: string | null; publisher: string | null; published: string | null; citation: string };
  /** Not PLOVER's: true when a reviewer checked or corrected the event (docs/review.md). */
  reviewed: boolean;
}

/** PLOVER context labels our incident kinds imply. */
const CONTEXTS: Record<string, string[]> = {
  riot: ['political', 'ethnic'],
  arrest: ['crime'],
};

export function ploverRecord(item: ExportItem): PloverRecord {
  const r = item.primary;
  const d = r.date.value;
  const date = isoOfDate(d) ?? '';
  const loc = r.locations[0]?.value.place;
  const doc = item.docs.get(r.docId);
  const dead = count(item, 'killedTotal');
  return {
    id: `dossier-${item.incident.id}`,
    date,
    actor: r.perpetrators[0]?.value.name ?? '',
    recipient: r.targets[0]?.value.name ?? '',
    event: r.type.value.ploverEvent,
    mode: r.type.value.ploverMode,
    context: CONTEXTS[r.type.value.kind] ?? (r.targets.some((t) => t.value.gtdTargetType.startsWith('Religious')) ? ['terrorism', 'religious'] : ['terrorism']),
    event_loc: loc ? { geonameid: loc.geonameid, lat: loc.lat, lon: loc.lon, country_code: loc.countryCode, place_name: loc.name } : null,
    size: { dead, injured: count(item, 'injured'), arrested: count(item, 'arrested') },
    event_text: doc ? doc.text.slice(r.anchor.start, r.anchor.end) : '',
    text_info: { start: r.anchor.start, end: r.anchor.end, document_id: r.docId },
    cite_info: { source: doc?.meta.source ?? '', title: doc?.meta.title ?? null, publisher: doc?.meta.publisher ?? null, published: doc?.meta.published ?? null, citation: citation(item, r) },
    reviewed: reviewedFlag(item) === '1',
  };
}

/** PLOVER ACCUSE mode from the claim's words: condemnation, investigation, or allegation. */
function accuseMode(text: string): 'disapprove' | 'investigate' | 'allege' {
  if (/\b(?:denounc|condemn|criticis|criticiz|deplor)/i.test(text)) return 'disapprove';
  if (/\binvestigat/i.test(text)) return 'investigate';
  return 'allege';
}

/** One ACCUSE record per accusation claim about the incident: who accuses whom, with the claim's words. */
export function accuseRecords(item: ExportItem): PloverRecord[] {
  const base = ploverRecord(item);
  return item.claims
    .filter((c) => c.kind.value === 'accusation')
    .map((c) => {
      const doc = item.docs.get(c.docId);
      const words = doc ? doc.text.slice(c.content.start, c.content.end) : '';
      const cue = doc && c.cue ? doc.text.slice(c.cue.start, c.cue.end) : '';
      return {
        ...base,
        id: `dossier-${item.incident.id}-${c.id}`,
        date: '',
        actor: c.source.value.name,
        recipient: c.targets.find((t) => t.value.role === 'accused')?.value.name ?? c.targets[0]?.value.name ?? '',
        event: 'ACCUSE',
        mode: accuseMode(`${cue} ${words}`),
        context: [...base.context, c.modality.value],
        size: { dead: null, injured: null, arrested: null },
        event_text: words,
        text_info: { start: c.content.start, end: c.content.end, document_id: c.docId },
      };
    });
}
