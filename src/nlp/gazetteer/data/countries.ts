/**
 * Country names and demonyms added to what `world-countries` gives
 * (name.common, name.official, altSpellings, demonyms.eng). Two-letter ISO
 * codes from altSpellings are NOT indexed (they collide with English words:
 * "IN", "IT", "TO", "NO", "ME", "AM", "IS"); the few codes that English text
 * really uses as names are listed here.
 */
export const COUNTRY_ALIASES: Readonly<Record<string, readonly string[]>> = {
  US: ['US', 'U.S.', 'USA', 'U.S.A.', 'America', 'United States', 'the United States', 'United States of America'],
  GB: ['UK', 'U.K.', 'Britain', 'Great Britain', 'United Kingdom'],
  TR: ['Turkey', 'Türkiye', 'Turkiye'],
  RU: ['Russia', 'Russian Federation'],
  AE: ['UAE', 'U.A.E.', 'Emirates'],
  CD: ['DRC', 'DR Congo', 'Congo-Kinshasa'],
  CG: ['Congo-Brazzaville'],
  CZ: ['Czech Republic', 'Czechia'],
  CI: ['Ivory Coast', "Côte d'Ivoire"],
  MM: ['Burma', 'Myanmar'],
  KP: ['North Korea', 'DPRK'],
  KR: ['South Korea'],
  CN: ['PRC', "People's Republic of China"],
  MK: ['Macedonia', 'North Macedonia'],
  SZ: ['Swaziland', 'Eswatini'],
  TL: ['East Timor', 'Timor-Leste'],
  CV: ['Cape Verde', 'Cabo Verde'],
  VA: ['Vatican', 'Holy See', 'Vatican City'],
  PS: ['Palestine', 'Palestinian territories', 'occupied Palestinian territories'],
  NL: ['Holland', 'the Netherlands'],
  VN: ['Vietnam', 'Viet Nam'],
  LA: ['Laos'],
  SY: ['Syria'],
  IR: ['Iran', 'Persia'],
  MD: ['Moldova'],
  BY: ['Belarus', 'Byelorussia'],
  KG: ['Kyrgyzstan', 'Kirghizia', 'Kyrgyz Republic'],
  BA: ['Bosnia', 'Bosnia-Herzegovina'],
};

/**
 * Demonyms added or overriding `world-countries` (which has e.g. "Tadzhik"
 * for Tajikistan, "Kirghiz" for Kyrgyzstan and gives "American" to both the
 * US and the Northern Mariana Islands). `null` marks words that name a
 * people but no single country, so demonym() answers null for them.
 */
export const DEMONYM_OVERRIDES: Readonly<Record<string, string | null>> = {
  american: 'US',
  tajik: 'TJ',
  tadjik: 'TJ',
  tajikistani: 'TJ',
  kyrgyz: 'KG',
  kirghiz: 'KG',
  kazakh: 'KZ',
  uzbek: 'UZ',
  turkmen: 'TM',
  british: 'GB',
  brit: 'GB',
  english: 'GB',
  scottish: 'GB',
  welsh: 'GB',
  french: 'FR',
  dutch: 'NL',
  indian: 'IN',
  norwegian: 'NO',
  congolese: 'CD',
  dominican: 'DO',
  saudi: 'SA',
  emirati: 'AE',
  israeli: 'IL',
  palestinian: 'PS',
  afghan: 'AF',
  afghani: 'AF',
  pakistani: 'PK',
  filipino: 'PH',
  filipina: 'PH',
  belarusian: 'BY',
  belarussian: 'BY',
  moldovan: 'MD',
  'south korean': 'KR',
  'north korean': 'KP',
  // Peoples, not countries: answer null even if some data lists them.
  chechen: null,
  dagestani: null,
  ingush: null,
  kurdish: null,
  kurd: null,
  tatar: null,
  circassian: null,
  baloch: null,
  pashtun: null,
  uyghur: null,
  uighur: null,
  arab: null,
  korean: null,
  // "Georgian" stays the country GE; "Jordanian" JO etc. come from the data.
};
