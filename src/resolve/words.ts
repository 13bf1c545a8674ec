import type { Doc, IncidentReport } from '../model/index.js';

/** The incident's own words, for text search: the document title would match every incident of the document. */
export function searchText(doc: Pick<Doc, 'text'>, r: IncidentReport): string {
  const parts = [r.label, doc.text.slice(r.anchor.start, r.anchor.end)];
  for (const l of r.locations) parts.push(l.value.place.name, l.value.place.admin1Name ?? '', l.value.place.countryName);
  for (const p of r.perpetrators) parts.push(p.value.name);
  for (const t of r.targets) parts.push(t.value.name);
  return parts.join(' \n ');
}

