/**
 * Well-known armed groups, state bodies and media, with their aliases. These
 * are facts about the world (names in common use), not answers for any report.
 * Each entry: canonical name, kind, aliases (lower-case).
 */
export interface KnownOrg {
  name: string;
  kind: 'armed_group' | 'state_body' | 'media' | 'party' | 'igo';
  aliases: string[];
}

export const KNOWN_ORGS: KnownOrg[] = [
  { name: 'Islamic State', kind: 'armed_group', aliases: ['islamic state', 'isis', 'isil', 'is', 'daesh', 'islamic state of iraq and the levant', 'islamic state of iraq and syria'] },
  { name: 'Islamic State Khorasan Province', kind: 'armed_group', aliases: ['isis-k', 'iskp', 'is-k', 'isis-khorasan', 'islamic state khorasan', 'islamic state khorasan province', 'islamic state-khorasan'] },
  { name: 'al-Qaeda', kind: 'armed_group', aliases: ['al-qaeda', 'al qaeda', 'al-qaida', 'al qaida', 'qaeda'] },
  { name: 'Taliban', kind: 'armed_group', aliases: ['taliban'] },
  { name: 'Hamas', kind: 'armed_group', aliases: ['hamas'] },
  { name: 'Hezbollah', kind: 'armed_group', aliases: ['hezbollah', 'hizbollah', 'hizballah'] },
  { name: 'Boko Haram', kind: 'armed_group', aliases: ['boko haram'] },
  { name: 'al-Shabaab', kind: 'armed_group', aliases: ['al-shabaab', 'al shabaab', 'shabaab'] },
  { name: 'Kurdistan Workers\' Party', kind: 'armed_group', aliases: ['pkk', "kurdistan workers' party", 'kurdistan workers party'] },
  { name: 'ETA', kind: 'armed_group', aliases: ['eta', 'basque fatherland and liberty'] },
  { name: 'Irish Republican Army', kind: 'armed_group', aliases: ['ira', 'irish republican army', 'provisional ira'] },
  { name: 'FARC', kind: 'armed_group', aliases: ['farc', 'revolutionary armed forces of colombia'] },
  { name: 'Shining Path', kind: 'armed_group', aliases: ['shining path', 'sendero luminoso'] },
  { name: 'Farabundo Marti National Liberation Front', kind: 'armed_group', aliases: ['fmln', 'farabundo marti national liberation front'] },
  { name: 'Wagner Group', kind: 'armed_group', aliases: ['wagner', 'wagner group'] },
  { name: 'Houthis', kind: 'armed_group', aliases: ['houthis', 'houthi', 'ansar allah'] },
  { name: 'Jabhat al-Nusra', kind: 'armed_group', aliases: ['al-nusra front', 'nusra front', 'jabhat al-nusra'] },
  { name: 'Lashkar-e-Taiba', kind: 'armed_group', aliases: ['lashkar-e-taiba', 'let'] },
  { name: 'Tehrik-i-Taliban Pakistan', kind: 'armed_group', aliases: ['ttp', 'pakistani taliban', 'tehrik-i-taliban pakistan'] },
  { name: 'Caucasus Emirate', kind: 'armed_group', aliases: ['caucasus emirate'] },
  { name: 'NATO', kind: 'igo', aliases: ['nato', 'north atlantic treaty organization'] },
  { name: 'United Nations', kind: 'igo', aliases: ['united nations', 'un', 'u.n.'] },
  { name: 'European Union', kind: 'igo', aliases: ['european union', 'eu'] },
  { name: 'Kremlin', kind: 'state_body', aliases: ['kremlin'] },
  { name: 'White House', kind: 'state_body', aliases: ['white house'] },
  { name: 'Pentagon', kind: 'state_body', aliases: ['pentagon'] },
  { name: 'State Duma', kind: 'state_body', aliases: ['duma', 'state duma'] },
  { name: 'Federal Security Service', kind: 'state_body', aliases: ['fsb', 'federal security service'] },
  { name: 'Central Intelligence Agency', kind: 'state_body', aliases: ['cia', 'central intelligence agency'] },
  { name: 'Investigative Committee', kind: 'state_body', aliases: ['investigative committee'] },
  { name: 'The New York Times', kind: 'media', aliases: ['new york times', 'the new york times', 'nyt'] },
  { name: 'Financial Times', kind: 'media', aliases: ['financial times', 'ft'] },
  { name: 'Associated Press', kind: 'media', aliases: ['associated press', 'ap'] },
  { name: 'Reuters', kind: 'media', aliases: ['reuters'] },
  { name: 'Agence France-Presse', kind: 'media', aliases: ['afp', 'agence france-presse'] },
  { name: 'TASS', kind: 'media', aliases: ['tass'] },
  { name: 'RIA Novosti', kind: 'media', aliases: ['ria novosti', 'ria'] },
];

const BY_ALIAS = new Map<string, KnownOrg>();
for (const o of KNOWN_ORGS) for (const a of o.aliases) BY_ALIAS.set(a, o);

/** Longest alias is this many tokens. */
export const KNOWN_ORG_MAX_TOKENS = 7;

export function knownOrg(lowerName: string): KnownOrg | undefined {
  return BY_ALIAS.get(lowerName);
}
