import type { Annotations, Attested, Doc, IncidentReport, Location, Mention, PlaceRef } from '../model/index.js';
import type { Gazetteer } from '../nlp/gazetteer/index.js';

export const FACILITY_PLACE_STAGE = 'resolve.facility-places';

/**
 * Where a named facility is, as a report states it: "Crocus City Hall in
 * Krasnogorsk". Learned from every stored document, so that another report
 * that only says "the Crocus City concert hall near Moscow" can be placed.
 */
export interface Placement {
  /** Distinctive words of the facility name, lower-case, sorted: "crocus". */
  key: string;
  facility: string;
  place: PlaceRef;
  docId: string;
  /** The words that state it, in that document. */
  evidence: string;
}

/** Generic words that don't identify a facility on their own. */
const GENERIC_FACILITY_WORDS = new Set([
  'city', 'hall', 'concert', 'the', 'centre', 'center', 'bridge', 'church', 'airport', 'station', 'street', 'square', 'mosque',
  'synagogue', 'hotel', 'market', 'school', 'hospital', 'stadium', 'arena', 'building', 'gas', 'pipeline', 'international',
  // Words of roads, schools, offices and camps: "High School", "Garissa road", "police post" name a kind, not one place.
  'road', 'highway', 'high', 'primary', 'secondary', 'college', 'university', 'office', 'offices', 'police', 'post', 'checkpoint',
  'camp', 'village', 'town', 'house', 'court', 'prison', 'base', 'military', 'army', 'barracks', 'junction', 'park', 'national',
  'forest', 'district', 'county', 'state', 'main', 'central', 'public', 'local', 'government', 'headquarters',
  // Kinds of shops, streets, palaces, churches and schools: "Central City Mall" and "Westgate Mall" share
  // only "mall", "Presidential Palace" is in every capital, "Roman Catholic Church" in every town.
  'avenue', 'mall', 'shopping', 'palace', 'presidential', 'catholic', 'roman', 'anglican', 'methodist', 'baptist', 'pentecostal',
  'evangelical', 'cathedral', 'chapel', 'temple', 'masjid', 'basic', 'education', 'teaching', 'referral', 'general', 'regional',
  'refugee', 'girls', 'boys', 'east', 'west', 'north', 'south', 'eastern', 'western', 'northern', 'southern', 'upper', 'lower',
  'timber', 'cattle', 'livestock', 'fish', 'motor', 'parking', 'terminal', 'depot', 'plaza', 'embassy', 'ministry',
]);
/** Facility, then at most this many characters, then the city: "Crocus City Hall in Krasnogorsk". */
const MAX_GAP_CHARS = 4;

/**
 * The key a facility is known by: its distinctive words. `gaz` defaults to the shipped gazetteer for the
 * store's merging, which runs outside the pipeline.
 */
export function facilityKey(name: string, gaz: Gazetteer): string {
  const words = name.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 3);
  // Place names in a facility's name ("Moscow City Crocus Concert hall")
  // say where it is, not which it is.
  const own = words.filter((w) => !GENERIC_FACILITY_WORDS.has(w) && gaz.lookup(w).length === 0);
  // But a name made only of a place and a generic word is distinctive as a
  // whole: "London Bridge", "Westminster Bridge".
  if (!own.length && words.some((w) => !GENERIC_FACILITY_WORDS.has(w)) && words.some((w) => GENERIC_FACILITY_WORDS.has(w))) return [...new Set(words)].sort().join(' ');
  return own.sort().join(' ');
}

function isCity(p: PlaceRef): boolean {
  return !p.featureCode.startsWith('PCL') && !p.featureCode.startsWith('ADM');
}

/** Placements a document states: a facility followed by "in <city>". The placements stage (src/pipeline/stages.ts) runs it. */
export function findPlacements(doc: Doc, ann: Annotations, gaz: Gazetteer): Placement[] {
  const out: Placement[] = [];
  const places = ann.mentions.filter((m) => m.type === 'PLACE' && m.place && isCity(m.place));
  for (const f of ann.mentions) {
    if (f.type !== 'FACILITY') continue;
    const key = facilityKey(f.text, gaz);
    if (!key) continue;
    const p = places.find((m) => m.start > f.end && /^\s+in\s+$/.test(doc.text.slice(f.end, m.start)) && m.start - f.end <= MAX_GAP_CHARS);
    if (!p || out.some((o) => o.key === key)) continue;
    out.push({ key, facility: f.text, place: p.place!, docId: doc.id, evidence: doc.text.slice(f.start, p.end) });
  }
  return out;
}

/**
 * Place a report by a facility another document locates, when the report
 * itself names no city ("near Moscow" only). The added location cites the
 * document it came from; the report's own places stay.
 */
export function applyPlacements(r: IncidentReport, known: readonly Placement[], docTitle: (docId: string) => string, gaz: Gazetteer): boolean {
  if (r.locations.some((l) => isCity(l.value.place) && l.value.relation === 'in')) return false;
  for (const f of r.facilities ?? []) {
    const key = facilityKey(f.value, gaz);
    const hit = known.find((k) => k.docId !== r.docId && k.key === key);
    if (!hit) continue;
    const loc: Attested<Location> = {
      value: { place: hit.place, relation: 'in' },
      evidence: f.evidence,
      confidence: 0.6,
      stage: FACILITY_PLACE_STAGE,
      reason: `"${f.value}" is ${hit.facility} in ${hit.place.name}, as "${hit.evidence}" states in ${docTitle(hit.docId)}`,
    };
    r.locations = [loc, ...r.locations.filter((l) => !(l.value.place.geonameid === hit.place.geonameid && l.value.place.name === hit.place.name))];
    const parts = r.label.split(' — ');
    r.label = [parts[0], f.value, hit.place.name].join(' — ');
    return true;
  }
  return false;
}

export type { Mention };
