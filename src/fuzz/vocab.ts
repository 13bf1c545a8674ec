/**
 * Words the generators build reports from. Random letters never reach the rules that matter (a
 * casualty pattern needs "killed" after a number, a place needs a gazetteer name), so the text
 * generators draw from the words the extraction rules key on, mixed with noise.
 */

export const WORDS: readonly string[] = [
  'killed', 'wounded', 'injured', 'dead', 'died', 'bomb', 'explosion', 'blast', 'attack', 'attacked', 'gunmen',
  'gunman', 'police', 'said', 'says', 'according', 'to', 'the', 'a', 'an', 'of', 'in', 'at', 'on', 'and', 'by',
  'at least', 'more than', 'dozens', 'hundreds', 'people', 'civilians', 'soldiers', 'officers', 'militants',
  'claimed', 'responsibility', 'for', 'suicide', 'bomber', 'car', 'rocket', 'drone', 'strike', 'shelling',
  'hostages', 'kidnapped', 'arrested', 'suspects', 'spokesman', 'ministry', 'interior', 'government',
  'Moscow', 'Kabul', 'Makhachkala', 'Derbent', 'Paris', 'Brussels', 'Manchester', 'Nice', 'Colombo', 'Kerch',
  'Krasnogorsk', 'Christchurch', 'Baghdad', 'Mogadishu', 'Lagos', 'Kyiv', 'Crocus City Hall', 'Islamic State',
  'al-Shabaab', 'Taliban', 'Boko Haram', 'Reuters', 'AFP', 'TASS', 'Mr.', 'Dr.', 'Gen.', 'St.', 'U.S.', 'U.K.',
  'Friday', 'Saturday', 'yesterday', 'last week', 'March', 'June', 'Dec.', '2024', '2019', '22', '1,000',
  'one', 'two', 'three', 'twelve', 'hundred', 'thousand', 'a dozen', 'scores', 'no one', 'nobody', '"', '«', '»',
  '(', ')', '-', '—', '–', '%', '$', '#', '@', 'https://example.org/a', 'e-mail', '\u00a0', '\u200b',
];

/** Sentences a report is made of, so a few well-formed incidents reach every stage. */
export const SENTENCES: readonly string[] = [
  'At least 137 people were killed and 182 wounded when gunmen attacked Crocus City Hall in Krasnogorsk on March 22, 2024.',
  'Islamic State claimed responsibility for the attack, the group said in a statement on Telegram.',
  '"We heard shots and then an explosion," a witness told Reuters.',
  'A suicide bomber killed 22 people at Manchester Arena on May 22, 2017, police said.',
  'Two police officers were wounded in Derbent and a priest was killed, the Interior Ministry said on Sunday.',
  'The attackers, three men from Dagestan, were arrested on Saturday, according to TASS.',
  'No group has claimed the blast, which killed a dozen soldiers near Kabul airport on Thursday.',
  'Mr. Abdeslam, 28, was arrested in Brussels on 18 March 2016 after four months on the run.',
];

/** Russian sentences, for the legacy Cyrillic encodings (windows-1251, KOI8-R). */
export const RUSSIAN: readonly string[] = [
  'В Москве произошёл взрыв, погибли 12 человек, ещё 30 ранены.',
  'Боевики напали на концертный зал «Крокус Сити Холл» 22 марта 2024 года.',
  'Ответственность за нападение взяла на себя группировка, сообщает ТАСС.',
  'В Махачкале и Дербенте были атакованы синагоги и церкви, погибли полицейские.',
];

/** Tokens mutation splices in: markup, entities, encodings' edge bytes and characters that end or break things. */
export const SPLICE_TOKENS: readonly string[] = [
  '<div>', '</div>', '<p>', '</p>', '<br>', '<!--', '-->', '<script>', '</script>', '<style>', '</style>', '<![CDATA[',
  ']]>', '<?xml version="1.0"?>', '<!DOCTYPE html>', '<html>', '<body>', '<head>', '<meta charset="koi8-r">',
  '<meta charset="utf-16">', '<meta charset="x-unknown">', '&amp;', '&', '&#', '&#x110000;', '&#0;', '&#xD800;',
  '&nbsp;', '&bogus;', '<a href="javascript:1">', '<title>', '</title>', '<table><tr><td>', '<template>',
  '<svg><foreignObject>', '<math>', '<textarea>', '<plaintext>', '<noscript>', '"', "'", '<', '>', '=', '\u0000',
  '\r', '\r\n', '\n\n', '\f', '\u000b', '\u001b[31m', '\ufeff', '\u2028', '\u2029', '\u202e', '\ud800', '\udc00',
  '\u0301\u0301\u0301', '---\n', '# ', '```', '[x](http://x)', '* ', '1. ', '> ', '|a|b|\n|-|-|\n', 'killed killed killed',
  '1/1/1/1/1/1', '12:12:12:12', '1,000,000,000,000', '.....', '?!?!?!', ' - - - ', 'Mr. Mr. Mr.',
];
