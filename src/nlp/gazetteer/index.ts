/**
 * Place names: the gazetteer (look-up, longest match, countries, demonyms,
 * risky names) and the resolver that chooses one reading per PLACE mention.
 * See docs/places.md.
 */
export type { PlaceCandidate, CountryInfo, Gazetteer } from './gazetteer.js';
export { getGazetteer, gazetteerBuildStats, isRiskyName } from './gazetteer.js';
export { normaliseName } from './normalize.js';
export { resolvePlaces, PLACE_STAGE, SCORING } from './resolve.js';
