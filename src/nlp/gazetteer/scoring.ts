/**
 * The resolver's scoring (resolve.ts): each reading of a PLACE mention has a
 * feature vector, and its score is w · features. The hand-set constants below
 * are the default weights (HAND_WEIGHTS); weights learned from ACLED train
 * (place-weights.ts, scripts/train-place-weights.ts) replace them where the
 * model file says so. Prior features come first, context features after, so
 * the prior and the context are the two partial sums.
 */

/** Scoring constants, in log10-population units (1.0 = ten times the population). */
export const SCORING = {
  /** Weight of log10(population + 1). */
  POPULATION_WEIGHT: 1.0,
  /** Cities at least this big are world cities (London, Lagos, Karachi). */
  WORLD_CITY_POPULATION: 1_000_000,
  /** A world city's bare name resists weak context for a namesake town. */
  WORLD_CITY_BONUS: 2.0,
  /** National capital (PPLC). */
  CAPITAL_BONUS: 1.5,
  /** Seat of a first-level division (PPLA). */
  ADMIN1_SEAT_BONUS: 1.0,
  /** Seat of a second-level division (PPLA2). */
  ADMIN2_SEAT_BONUS: 0.5,
  /** Section of a populated place (PPLX: a district of a city); rarely what a bare name means. */
  SECTION_PENALTY: -1.0,
  /** A bare name that is a country's name reads as the country ("Georgia", "Jordan"). */
  COUNTRY_READING_BONUS: 2.0,
  /** A region named like a city inside it ("Kharkiv", "Idlib", "Moscow"): the bare name means the city. */
  REGION_SHADOWED_PENALTY: -2.5,
  /** A second-level division named like a town inside it ("Zurmi" LGA and Zurmi town): the bare name means the town. */
  DISTRICT_SHADOWED_PENALTY: -2.5,
  /** A reading found only through an alternate name (GeoNames alternate names). */
  ALT_NAME_PENALTY: -1.0,
  /** Population assumed for a town the data gives none (GeoNames lists towns of at least 500–1000 people, and seats). */
  MIN_TOWN_POPULATION: 500,
  /** The name is written right before a region that contains the reading ("Toledo, Antioquia"), or after a name it contains. */
  HIERARCHY_BONUS: 3.0,
  /** The candidate's country is named in the document (country, demonym, or another place's country). */
  COUNTRY_IN_TEXT_BONUS: 4.0,
  /** The candidate's admin1 region is itself mentioned ("Dagestan"). */
  ADMIN1_IN_TEXT_BONUS: 3.0,
  /** The candidate's admin1 region is the region of another resolved place. */
  ADMIN1_OF_OTHER_PLACE_BONUS: 1.0,
  /** The candidate's admin2 district is itself mentioned ("Oudalan", "Zurmi LGA"). */
  ADMIN2_IN_TEXT_BONUS: 3.0,
  /** The candidate's admin2 district is the district of another resolved place. */
  ADMIN2_OF_OTHER_PLACE_BONUS: 1.0,
  /** Within NEAR_KM of another resolved place. */
  NEAR_BONUS: 2.0,
  NEAR_KM: 300,
  /** Within REGION_KM of another resolved place (and not within NEAR_KM). */
  REGION_BONUS: 1.0,
  REGION_KM: 1000,
  /** A reading leading the next one by this much is taken in the current round. */
  CONFIDENT_MARGIN: 2.0,
  /** Context differences smaller than this count as "no context difference". */
  EPSILON: 1e-6,
} as const;

/** Features of a reading known from the reading and its group alone (prior), in score order. */
export const PRIOR_FEATURES = [
  'logPopulation', 'worldCity', 'capital', 'admin1Seat', 'admin2Seat', 'section',
  'countryReading', 'districtShadowed', 'regionShadowed', 'altName',
] as const;
/** Features of a reading from the rest of the document (context), in score order. */
export const CONTEXT_FEATURES = [
  'countryInText', 'admin1InText', 'admin1OfOtherPlace', 'admin2InText', 'admin2OfOtherPlace',
  'hierarchy', 'near', 'region',
] as const;
export type FeatureName = (typeof PRIOR_FEATURES)[number] | (typeof CONTEXT_FEATURES)[number];
export const FEATURES: readonly FeatureName[] = [...PRIOR_FEATURES, ...CONTEXT_FEATURES];
/** Feature name → index in a feature vector. */
export const F = Object.fromEntries(FEATURES.map((n, i) => [n, i])) as Record<FeatureName, number>;

/** The SCORING constant that is each feature's hand weight. */
const HAND_KEY: Record<FeatureName, keyof typeof SCORING> = {
  logPopulation: 'POPULATION_WEIGHT', worldCity: 'WORLD_CITY_BONUS', capital: 'CAPITAL_BONUS',
  admin1Seat: 'ADMIN1_SEAT_BONUS', admin2Seat: 'ADMIN2_SEAT_BONUS', section: 'SECTION_PENALTY',
  countryReading: 'COUNTRY_READING_BONUS', districtShadowed: 'DISTRICT_SHADOWED_PENALTY',
  regionShadowed: 'REGION_SHADOWED_PENALTY', altName: 'ALT_NAME_PENALTY',
  countryInText: 'COUNTRY_IN_TEXT_BONUS', admin1InText: 'ADMIN1_IN_TEXT_BONUS',
  admin1OfOtherPlace: 'ADMIN1_OF_OTHER_PLACE_BONUS', admin2InText: 'ADMIN2_IN_TEXT_BONUS',
  admin2OfOtherPlace: 'ADMIN2_OF_OTHER_PLACE_BONUS', hierarchy: 'HIERARCHY_BONUS', near: 'NEAR_BONUS', region: 'REGION_BONUS',
};

/** The hand-set constants as a weight vector (FEATURES order). */
export function handWeights(): Float64Array {
  return Float64Array.from(FEATURES, (n) => SCORING[HAND_KEY[n]]);
}
