/**
 * Bare names that news uses for a place whose GeoNames name is longer or
 * different. Kept apart from the exonyms because they are not other-language
 * names. Each is added as another name of the most populous place called
 * `target` (by its own or an alternate name) in that country.
 * [alias, GeoNames name, country]
 */
export const EXTRA_CITY_ALIASES: ReadonlyArray<readonly [string, string, string]> = [
  // In news, a bare "Washington" is the US capital far more often than one of the 17 small towns.
  ['Washington', 'Washington, D.C.', 'US'],
  ['Washington DC', 'Washington, D.C.', 'US'],
  // GeoNames names the city "New York City"; "New York" otherwise only finds the state.
  ['New York', 'New York City', 'US'],
  // The London borough and seat of Parliament ("the attack at Westminster"): GeoNames has it only as a
  // section of London, which the city list omits, so a bare "Westminster" found only the US towns.
  ['Westminster', 'London', 'GB'],
];
