import type { IncidentKind, IncidentType } from '../model/index.js';

/**
 * How each of our incident kinds maps onto the coding schemes the field uses.
 * ACLED: event type / sub-event type (ACLED codebook). PLOVER 2.0: event and
 * mode. GTD: attacktype1_txt, or null where GTD does not record the kind
 * (riots, arrests), which keeps those out of the GTD export.
 */
export const INCIDENT_TYPES: Record<IncidentKind, Omit<IncidentType, 'kind'>> = {
  armed_assault: { acledEvent: 'Violence against civilians', acledSubEvent: 'Attack', ploverEvent: 'ASSAULT', ploverMode: 'firearms', gtdAttackType: 'Armed Assault' },
  attack: { acledEvent: 'Violence against civilians', acledSubEvent: 'Attack', ploverEvent: 'ASSAULT', ploverMode: '', gtdAttackType: 'Unknown' },
  bombing: { acledEvent: 'Explosions/Remote violence', acledSubEvent: 'Remote explosive/landmine/IED', ploverEvent: 'ASSAULT', ploverMode: 'explosives', gtdAttackType: 'Bombing/Explosion' },
  suicide_bombing: { acledEvent: 'Explosions/Remote violence', acledSubEvent: 'Suicide bomb', ploverEvent: 'ASSAULT', ploverMode: 'suicide-attack', gtdAttackType: 'Bombing/Explosion' },
  missile_strike: { acledEvent: 'Explosions/Remote violence', acledSubEvent: 'Shelling/artillery/missile attack', ploverEvent: 'FIGHT', ploverMode: 'heavy-weapons', gtdAttackType: 'Bombing/Explosion' },
  shelling: { acledEvent: 'Explosions/Remote violence', acledSubEvent: 'Shelling/artillery/missile attack', ploverEvent: 'FIGHT', ploverMode: 'heavy-weapons', gtdAttackType: 'Bombing/Explosion' },
  drone_strike: { acledEvent: 'Explosions/Remote violence', acledSubEvent: 'Air/drone strike', ploverEvent: 'FIGHT', ploverMode: 'aerial', gtdAttackType: 'Bombing/Explosion' },
  air_strike: { acledEvent: 'Explosions/Remote violence', acledSubEvent: 'Air/drone strike', ploverEvent: 'FIGHT', ploverMode: 'aerial', gtdAttackType: 'Bombing/Explosion' },
  arson: { acledEvent: 'Strategic developments', acledSubEvent: 'Looting/property destruction', ploverEvent: 'COERCE', ploverMode: 'destroy', gtdAttackType: 'Facility/Infrastructure Attack' },
  sabotage: { acledEvent: 'Strategic developments', acledSubEvent: 'Looting/property destruction', ploverEvent: 'COERCE', ploverMode: 'destroy', gtdAttackType: 'Facility/Infrastructure Attack' },
  hostage_taking: { acledEvent: 'Violence against civilians', acledSubEvent: 'Abduction/forced disappearance', ploverEvent: 'ASSAULT', ploverMode: 'abduct', gtdAttackType: 'Hostage Taking (Kidnapping)' },
  assassination: { acledEvent: 'Violence against civilians', acledSubEvent: 'Attack', ploverEvent: 'ASSAULT', ploverMode: 'assassinate', gtdAttackType: 'Assassination' },
  armed_incursion: { acledEvent: 'Battles', acledSubEvent: 'Armed clash', ploverEvent: 'FIGHT', ploverMode: 'small-arms', gtdAttackType: 'Armed Assault' },
  riot: { acledEvent: 'Riots', acledSubEvent: 'Mob violence', ploverEvent: 'PROTEST', ploverMode: 'riot', gtdAttackType: null },
  protest: { acledEvent: 'Protests', acledSubEvent: 'Peaceful protest', ploverEvent: 'PROTEST', ploverMode: 'demonstrate', gtdAttackType: null },
  arrest: { acledEvent: 'Strategic developments', acledSubEvent: 'Arrests', ploverEvent: 'COERCE', ploverMode: 'arrest', gtdAttackType: null },
};

export function incidentType(kind: IncidentKind): IncidentType {
  return { kind, ...INCIDENT_TYPES[kind] };
}

/**
 * GTD target types decided from words in the target's description. The first
 * matching rule wins; order puts the more specific words first.
 * Example: "a traffic police post" → Police; "two synagogues" → Religious; "the Army R.O.T.C.
 * at the University" → Military (before the school words); "a draft board office" → Government (General).
 */
export const TARGET_TYPE_RULES: { pattern: RegExp; type: string; reason: string }[] = [
  { pattern: /\b(church(es)?|cathedral|synagogues?|mosques?|temples?|shrines?|monaster(y|ies)|priests?|imams?|rabbis?|clergy|worshippers|torah|chapel)\b/i, type: 'Religious Figures/Institutions', reason: 'a place of worship or clergy' },
  { pattern: /\b(embass(y|ies)|consulates?|diplomats?)\b/i, type: 'Government (Diplomatic)', reason: 'diplomatic' },
  // Before police, schools and stations: "the Army R.O.T.C. at the University of Miami" and "the Air Force
  // Recruiting Station" are military (GTD codes ROTC, recruiting offices and armories as Military).
  { pattern: /\b(armed forces|armed services|induction cent(?:er|re)s?|soldiers?|troops|military|army|navy|naval|air force|marines?|national guard|armor(y|ies)|armour(y|ies)|r\.?o\.?t\.?c\.?|recruit(ing|ment) (stations?|offices?|booths?|centers?|centres?|trailers?)|reserve (centers?|centres?|buildings?)|barracks|base|servicem[ae]n)\b/i, type: 'Military', reason: 'military' },
  { pattern: /\b(police|policem[ae]n|officers?|patrol|checkpoints?|gendarmes?|sheriff'?s?|squad cars?|patrolm[ae]n)\b/i, type: 'Police', reason: 'police' },
  // The draft apparatus, courts and federal offices: "the Selective Service office", "a draft board", "the County Courthouse".
  { pattern: /\b(selective service|draft (boards?|offices?|records|headquarters)|court ?houses?|courts?|federal (buildings?|offices?)|post office|officials?|government|parliament|ministry|minister|mayor|governor|judges?|politicians?|party office|senators?|congressm[ae]n)\b/i, type: 'Government (General)', reason: 'government' },
  { pattern: /\b(airports?|aircraft|planes?|airliners?|flights?)\b/i, type: 'Airports & Aircraft', reason: 'airport or aircraft' },
  { pattern: /\b(radio stations?|transmitters?|tv stations?|television stations?|telephone (lines?|exchanges?)|telecommunications?)\b/i, type: 'Telecommunication', reason: 'broadcasting or telephone equipment' },
  { pattern: /\b(journalists?|reporters?|newspapers?|broadcasters?|media|publishers?)\b/i, type: 'Journalists & Media', reason: 'media' },
  { pattern: /\b(pipelines?|power (plant|station|lines?|poles?)|transmission (lines?|poles?|towers?)|transformers?|electric(al|ity)? (company|utility|power)|electricity|water (supply|mains?|works)|dam|substations?|gas (lines?|mains?))\b/i, type: 'Utilities', reason: 'utilities' },
  { pattern: /\b(bridges?|railways?|railroads?|rail ?cars?|trains?|metro|subway|buses|bus|(?:train|bus|railway) stations?|roads?)\b/i, type: 'Transportation', reason: 'transport' },
  { pattern: /\b(schools?|universit(y|ies)|students|college|campus|academy)\b/i, type: 'Educational Institution', reason: 'education' },
  { pattern: /\b(tourists?)\b/i, type: 'Tourists', reason: 'tourists' },
  // Charities and civic associations: "the Young Women's Christian Association", "a human relations council".
  { pattern: /\b(community cent(?:er|re)s?|human rights|association|councils?|foundation|charit(y|ies)|red cross|ymca|ywca|naacp)\b/i, type: 'NGO', reason: 'a non-governmental organisation' },
  { pattern: /\b(\w*stores?|banco|trust company|savings (?:&|and) loan|general electric|motors|shops?|markets?|business(es)?|banks?|savings|restaurants?|cafes?|bars?|malls?|concert|hall|venue|factory|factories|plants?|offices?|compan(y|ies)|corporation|hotels?|theat(re|er)s?|cinemas?|clubs?|realty|barbershops?|dealerships?)\b/i, type: 'Business', reason: 'business premises' },
  { pattern: /\b(civilians?|people|residents|crowds?|beach|families|children|women|worshippers|immigrants|migrants|workers|passengers|houses?|homes?|residences?|cars?|automobiles?|vehicles?|apartments?|garages?|intersections?)\b/i, type: 'Private Citizens & Property', reason: 'civilians or private property' },
];

/**
 * GTD weapon types from words in the incident's sentences.
 * Example: "an assault rifle" → Firearms; "set on fire" → Incendiary.
 */
export const WEAPON_RULES: { pattern: RegExp; type: string; reason: string }[] = [
  { pattern: /\b(assault rifles?|rifles?|guns?|gunmen|gunman|gunfire|firearms?|pistols?|kalashnikovs?|ak-47s?|machine[- ]guns?|opened fire|shot dead|shooting|shootings|automatic weapons?)\b/i, type: 'Firearms', reason: 'a firearm is named' },
  { pattern: /\b(bombs?|bombings?|explosives?|explosions?|ieds?|grenades?|missiles?|rockets?|shells?|shelling|detonated|blasts?|car bomb|suicide vests?|mortars?)\b/i, type: 'Explosives', reason: 'an explosive weapon is named' },
  { pattern: /\b(set (?:on )?fire|set alight|arson|torched|firebombs?|molotov|incendiary|petrol bombs?|burned down)\b/i, type: 'Incendiary', reason: 'fire was used' },
  { pattern: /\b(knives|knife|stabb(ed|ing)|machetes?|axes?|swords?)\b/i, type: 'Melee', reason: 'a blade is named' },
  { pattern: /\b(rammed|ramming|drove (?:a|the) (?:truck|lorry|car|van) into)\b/i, type: 'Vehicle (not to include vehicle-borne explosives, i.e., car or truck bombs)', reason: 'a vehicle was used as a weapon' },
  { pattern: /\b(chemical weapons?|sarin|chlorine|nerve agent)\b/i, type: 'Chemical', reason: 'a chemical agent is named' },
];
