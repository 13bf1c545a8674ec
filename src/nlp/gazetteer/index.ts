/**
 * Place names: the gazetteer (look-up, longest match, countries, demonyms,
 * risky names) and the resolver that chooses one reading per PLACE mention.
 * See docs/places.md.
 */
export type { PlaceCandidate, CountryInfo, Gazetteer } from './gazetteer.js';
export { loadGazetteerImpl, type GazetteerImpl } from './gazetteer.js';
export { GAZETTEER_FILE } from './data.js';
export { normaliseName } from './normalize.js';
export { resolvePlaces, PLACE_STAGE, SCORING } from './resolve.js';
