import type { Attested, Location, Mention, PlaceRef, Span } from '../../model/index.js';
import { INCIDENT_STAGE } from './constants.js';
import { isCountry } from './geo.js';
import type { IncidentResources } from './types.js';

/**
 * The country a document is about, for an incident whose own clause names no place it can resolve:
 * "On 2 March 2020, the Burkinabe air force carried out airstrikes against JNIM in the area of Birira"
 * (a village no gazetteer holds) happened in Burkina Faso. Each kind of evidence has a weight:
 */
const WEIGHTS = {
  /** A place the gazetteer resolved, anywhere in the document. */
  place: 2,
  /** A country named outright ("in Benin", "Kenyan") counts as a place of that country. */
  country: 2,
  /**
   * A demonym on a state body: "Nigerian Army", "Afghan forces", "Burkinabe air force". A state's forces
   * act in their own country far more often than abroad. A demonym on anyone else ("Somali militants"
   * in Kenya, "Fulani herders") names a people, not where the event was, and counts for nothing.
   */
  stateDemonym: 3,
  /** A named actor whose coded events lie in one country ("Boko Haram", "Mungiki"): ActorLexicon.countriesIn (src/resolve/actors.ts). Used only when nothing else is. */
  namedActor: 2,
} as const;

/** The winner must hold at least this share of the weight: a document about two countries gets none. */
const MIN_SHARE = 0.7;

/** Confidence of a country inferred from the document rather than named in the incident's clause. */
const CONFIDENCE = 0.5;

/** Words after a demonym that make it a state body ("Nigerien soldiers", "Kenyan police"). */
const STATE_BODY_AFTER = /^\s+(?:(?:special|security|armed|military|defen[cs]e|government|state|national|air|naval|border|riot|federal)\s+)*(?:army|air ?force|forces?|military|soldiers|troops|police(?:men)?|gendarmes?|gendarmerie|navy|government|authorities|officials|security|commandos|militaries)\b/i;

/** How much of the text after a demonym is read for a state body. */
const STATE_BODY_WINDOW = 60;

interface Tally {
  weight: Map<string, number>;
  evidence: Map<string, Span[]>;
  total: number;
}

function add(t: Tally, code: string, w: number, span: Span): void {
  t.weight.set(code, (t.weight.get(code) ?? 0) + w);
  t.total += w;
  const ev = t.evidence.get(code) ?? [];
  ev.push({ start: span.start, end: span.end });
  t.evidence.set(code, ev);
}

/** The document's country as a country-level location, or null when the text gives none clearly. */
export function documentCountry(text: string, mentions: readonly Mention[], res: Pick<IncidentResources, 'gazetteer' | 'actors'>): Attested<Location> | null {
  const g = res.gazetteer;
  const t: Tally = { weight: new Map(), evidence: new Map(), total: 0 };
  for (const m of mentions) {
    if (m.type === 'PLACE' && m.place) {
      add(t, m.place.countryCode, isCountry(m.place) ? WEIGHTS.country : WEIGHTS.place, m);
    } else if (m.type === 'NORP') {
      const c = g.demonym(m.text);
      if (c && STATE_BODY_AFTER.test(text.slice(m.end, m.end + STATE_BODY_WINDOW))) add(t, c.code, WEIGHTS.stateDemonym, m);
    }
  }
  // Actors last, and only where nothing else speaks: the lexicon knows an actor's country from the
  // countries ACLED train covers, so "Al Shabaab" reads Kenya there, and would misplace a Somali report.
  if (t.total === 0) for (const a of res.actors.countriesIn(text)) {
    const c = g.country(a.country);
    if (c) add(t, c.code, WEIGHTS.namedActor, a);
  }
  let best: string | null = null;
  for (const [code, w] of t.weight) if (best === null || w > t.weight.get(best)!) best = code;
  if (best === null || t.weight.get(best)! < MIN_SHARE * t.total) return null;
  const info = g.country(best);
  if (!info) return null;
  // The country's centre, as ACLED places an event known only to its country (geo precision 3). Merging
  // reads a country as no place (resolve/merge.ts placeRelation): it only vetoes.
  const place: PlaceRef = {
    geonameid: null, name: info.name, featureCode: 'PCLI', lat: info.lat, lon: info.lon,
    countryCode: info.code, countryName: info.name, admin1Code: null, admin1Name: null, population: null,
  };
  const ev = t.evidence.get(best)!;
  const words = [...new Set(ev.map((s) => text.slice(s.start, s.end)))].slice(0, 4).join(', ');
  return {
    value: { place, relation: 'in' },
    evidence: ev.slice(0, 4),
    confidence: CONFIDENCE,
    stage: INCIDENT_STAGE,
    reason: `no place in the incident's clause; the document's country (${Math.round((100 * t.weight.get(best)!) / t.total)}% of its place, demonym and actor evidence: ${words})`,
  };
}
