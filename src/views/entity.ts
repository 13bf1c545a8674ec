import type { Attested, Span } from '../model/index.js';
import { primaryReport } from '../resolve/index.js';
import type { Store, StoredIncident } from '../store/index.js';
import { inSentence } from './words.js';

export interface EntityView {
  id: number;
  type: string;
  name: string;
  key: string;
  geonameid: number | null;
  aliases: string[];
  mentions: { document: string; start: number; end: number; words: string; sentence: string | null }[];
  incidents: { id: number; label: string; as: string[] }[];
  claimsMade: { id: string; kind: string; modality: string; words: string }[];
  claimsReceived: { id: string; kind: string; role: string; source: string; words: string }[];
  relations: { subject: string; predicate: string; object: string; document: string }[];
}

const overlapsAny = (spans: readonly Span[], ms: readonly { start: number; end: number }[]): boolean =>
  spans.some((e) => ms.some((m) => e.start < m.end && m.start < e.end));

/** Everything the store knows about one entity: where it is named, its incidents, claims and relations. */
export async function entityView(store: Store, e: NonNullable<Awaited<ReturnType<Store['getEntity']>>>): Promise<EntityView> {
  const byDoc = new Map<string, { start: number; end: number }[]>();
  for (const m of e.mentionList) byDoc.set(m.docId, [...(byDoc.get(m.docId) ?? []), m]);
  const titles = new Map<string, string>();
  const texts = new Map<string, string>();
  const view: EntityView = { id: e.id, type: e.type, name: e.name, key: e.key, geonameid: e.geonameid, aliases: e.aliases, mentions: [], incidents: [], claimsMade: [], claimsReceived: [], relations: [] };
  for (const docId of byDoc.keys()) {
    const d = await store.getDocument(docId);
    titles.set(docId, d?.meta.title ?? d?.meta.source ?? docId);
    texts.set(docId, d?.text ?? '');
  }
  for (const m of e.mentionList) {
    const sents = (await store.getAnnotations(m.docId))?.sentences ?? [];
    const ctx = { text: texts.get(m.docId) ?? '', sentences: sents };
    view.mentions.push({ document: titles.get(m.docId)!, start: m.start, end: m.end, words: m.text, sentence: inSentence(ctx, m) });
  }
  // Incidents whose fields point at words naming the entity.
  const seen = new Set<number>();
  const idSet = new Set<number>();
  for (const docId of byDoc.keys()) for (const id of await store.incidentIdsOfDocument(docId)) idSet.add(id);
  const incidents: StoredIncident[] = [];
  for (const id of [...idSet].sort((a, b) => a - b)) {
    const inc = await store.getIncident(id);
    if (inc) incidents.push(inc);
  }
  for (const inc of incidents) {
    const as: string[] = [];
    for (const r of inc.reports) {
      const ms = byDoc.get(r.docId);
      if (!ms) continue;
      const fields: [string, Attested<unknown>[]][] = [
        ['perpetrator', r.perpetrators], ['target', r.targets], ['victim', r.victims ?? []], ['place', r.locations], ['facility', r.facilities ?? []],
      ];
      for (const [name, vals] of fields) if (vals.some((v) => overlapsAny(v.evidence, ms))) as.push(name);
    }
    if (as.length && !seen.has(inc.id)) {
      seen.add(inc.id);
      view.incidents.push({ id: inc.id, label: primaryReport(inc.reports).label, as: [...new Set(as)] });
    }
  }
  for (const docId of byDoc.keys()) {
    const ms = byDoc.get(docId)!;
    const t = texts.get(docId) ?? '';
    for (const c of await store.claimsOf(docId)) {
      if (overlapsAny(c.source.evidence, ms)) view.claimsMade.push({ id: c.id, kind: c.kind.value, modality: c.modality.value, words: t.slice(c.content.start, c.content.end) });
      for (const tg of c.targets) {
        if (overlapsAny(tg.evidence, ms)) view.claimsReceived.push({ id: c.id, kind: c.kind.value, role: tg.value.role, source: c.source.value.name, words: t.slice(c.content.start, c.content.end) });
      }
    }
  }
  for (const r of await store.relationsOf(e.id)) {
    view.relations.push({ subject: r.subjectText, predicate: r.predicate, object: r.objectText, document: titles.get(r.docId) ?? (await store.getDocumentMeta(r.docId))?.meta.title ?? r.docId });
  }
  return view;
}

