import type { IncidentKind } from '../model/index.js';

/**
 * Words that name an incident. Each rule: a pattern over the sentence text
 * (case-insensitive), the kind it names, whether the match is a noun (which
 * can be definite or plural: "the attacks") or a verb phrase ("was set on
 * fire"), and a reason. Order matters: the first rule that matches a stretch
 * of text claims it, so specific phrases ("missile attack") come before
 * general ones ("attack").
 */
export interface TriggerRule {
  name: string;
  pattern: RegExp;
  kind: IncidentKind;
  pos: 'noun' | 'verb';
  reason: string;
}

export const TRIGGER_RULES: TriggerRule[] = [
  // "the missile attack on the beach", "a missile strike", "rocket attacks"
  { name: 'missile', pattern: /\b(?:missile|rocket|ballistic|cruise missile)\s+(?:attacks?|strikes?)\b/gi, kind: 'missile_strike', pos: 'noun', reason: 'a missile or rocket attack is named' },
  { name: 'drone', pattern: /\bdrone\s+(?:attacks?|strikes?)\b/gi, kind: 'drone_strike', pos: 'noun', reason: 'a drone attack is named' },
  { name: 'airstrike', pattern: /\b(?:air\s?strikes?|air raids?|aerial bombardments?)\b/gi, kind: 'air_strike', pos: 'noun', reason: 'an air strike is named' },
  // "The strikes on Sevastopol beach": strikes only count with "on"/"against" (labour strikes don't).
  { name: 'strike-on', pattern: /\bstrikes?\s+(?=on\b|against\b)/gi, kind: 'missile_strike', pos: 'noun', reason: 'a strike on a place' },
  { name: 'shelling', pattern: /\b(?:shelling|artillery (?:fire|strikes?)|mortar (?:attacks?|fire))\b/gi, kind: 'shelling', pos: 'noun', reason: 'shelling is named' },
  { name: 'suicide-bombing', pattern: /\bsuicide\s+(?:bombings?|bombers?|attacks?|blasts?)\b/gi, kind: 'suicide_bombing', pos: 'noun', reason: 'a suicide attack is named' },
  // GTD-style incendiary attacks, named by the device or the act: "firebombed a draft board office",
  // "set off a firebomb at …", "threw two Molotov cocktails into …", "setting a fire at the store",
  // "an incendiary device was discovered at …". Before the bombing rules: an incendiary bomb is arson.
  { name: 'incendiary-verb', pattern: /\b(?:fire-?bomb(?:ed|ing)|(?:set|sets|setting)\s+(?:off\s+)?(?:an?\s+|the\s+|two\s+|several\s+)?(?:fire-?bombs?|fires?|incendiary (?:devices?|bombs?))|set fire\b|(?:threw|thrown|tossed|hurled|placed|planted|ignited|lit|dropped)\s+(?:\w+\s+){0,2}?(?:fire-?bombs?|molotov cocktails?|incendiary (?:devices?|bombs?)|gasoline bombs?|petrol bombs?))/gi, kind: 'arson', pos: 'verb', reason: 'an incendiary device was used or a fire was set' },
  { name: 'incendiary-noun', pattern: /\b(?:incendiary (?:devices?|bombs?)|incendiaries|fire-?bombs?|molotov cocktails?|gasoline bombs?|petrol bombs?)\b/gi, kind: 'arson', pos: 'noun', reason: 'an incendiary device is named' },
  // Bombings told by what was done with the device: "detonated a bomb at …", "placed twenty sticks of
  // dynamite in …", "threw a stick of dynamite at …", "set off an explosive device". An attempt (a bomb
  // found and defused) is still a bombing in GTD's coding.
  // Also the gerund ("suspected of placing a bomb at …") and devices fixed to something ("taped a bomb to a
  // police car", "connected a bomb to the engine of …", "wired to a car").
  { name: 'bomb-verb', pattern: /\b(?:detonat(?:ed|ing)|explod(?:ed|ing)|set(?:ting)? off|plant(?:ed|ing)|plac(?:ed|ing)|threw|throwing|thrown|toss(?:ed|ing)|hurl(?:ed|ing)|taped|wired|strapped|attached|connected|hid|concealed)\s+(?:[\w-]+\s+){0,4}?(?:bombs?|explosives?|explosive (?:devices?|charges?)|dynamite|(?:hand ?)?grenades?|handgrenades?)\b/gi, kind: 'bombing', pos: 'verb', reason: 'a bomb was set off or placed' },
  // "blowing up a transmitter", "blew up the car"; "attempted to bomb the substation", "failed in their
  // attempts to bomb …" (GTD codes attempts; the "to" is not irrealis after an attempt).
  { name: 'blow-up', pattern: /\b(?:blew up|blowing up|blown up|(?:attempt(?:ed|s|ing)?|tried|trying|failed)\s+(?:[\w-]+\s+){0,3}?to (?:fire-?)?bomb)\b/gi, kind: 'bombing', pos: 'verb', reason: 'something was blown up, or a bombing was attempted' },
  // "a dynamite bomb exploded near …", "a pipe bomb", "two sticks of dynamite"; "a ticking time bomb" is a figure of speech.
  { name: 'bomb-noun', pattern: /\b(?:booby[- ]trap(?:ped|s)?|(?:hand ?)?grenades?|handgrenades?|(?:dynamite|pipe|fragmentation|nail|letter|parcel|mail)\s+bombs?|(?<!ticking\s)time bombs?|explosive devices?|explosive charges?|sticks? of dynamite|bombs?\s+(?:exploded|went off|detonated))\b/gi, kind: 'bombing', pos: 'noun', reason: 'a bomb is named by its kind or went off' },
  { name: 'car-bombing', pattern: /\b(?:car|truck|lorry|vehicle)[- ]bomb(?:ings?|s)?\b/gi, kind: 'bombing', pos: 'noun', reason: 'a vehicle bomb is named' },
  // "in a bombing campaign": a campaign names a set of incidents, not one (see also IRREALIS_BEFORE for "a series of").
  { name: 'bombing', pattern: /\b(?:bombings?|bomb attacks?|bomb blasts?|explosions?|blasts?|bombed)\b(?!\s+(?:campaign|spree|wave)s?\b)/gi, kind: 'bombing', pos: 'noun', reason: 'a bombing or explosion is named' },
  { name: 'shooting', pattern: /\b(?:mass shootings?|shootings?|shooting attacks?|gun attacks?|shooting spree)\b/gi, kind: 'armed_assault', pos: 'noun', reason: 'a shooting is named' },
  // "fired a shot into the building", "fired two shots at …", "shot at a patrol car", "sniper fire".
  // Also "firing two shots at", "ambushed a police wagon", "shot the officer three times", "shot two
  // transformers", "was murdered by a sniper"; not "was shot" (a suspect shot by police during an arrest) (GTD codes an ambush or a shooting as an armed assault).
  { name: 'shots-fired', pattern: /\b(?:fir(?:ed|ing)\s+(?:[\w-]+\s+){0,2}?(?:shots?|rounds?|bullets?|shotgun blasts?)|fired (?:in)?to|shot at|sniper (?:fire|attacks?)|shot and (?:killed|wounded)|ambush(?:ed|es)?|(?<!(?:police|officers|troops|forces|soldiers|agents|guards)\s)shot\s+(?:the|a|an|two|three|four|five|several|him|her|them)\b|murdered by a sniper|(?<!(?:police|officers|troops|forces|soldiers|agents|guards)\s)shot\s+dead\s+(?:the|a|an|two|three|four|five|several)\b)\b/gi, kind: 'armed_assault', pos: 'verb', reason: 'shots were fired at someone or something' },
  { name: 'arson-verb', pattern: /\b(?:was|were|had been|has been|have been)\s+(?:\w+ly\s+)?(?:set on fire|set alight|set ablaze|torched|burned down|firebombed)\b/gi, kind: 'arson', pos: 'verb', reason: 'something was set on fire' },
  // "burned a sacred Torah scroll", "ignited a fire in the library", "set a school building on fire".
  { name: 'burn-verb', pattern: /\b(?:(?:burned|burnt|torched)(?=\s+(?:down\s+)?(?:a|an|the|two|three|several|his|her|their)\b)|(?:ignited|started|lit)\s+(?:a\s+)?fires?|set\s+(?:[\w'-]+\s+){1,6}?(?:on fire|ablaze|alight))\b/gi, kind: 'arson', pos: 'verb', reason: 'something was set on fire' },
  { name: 'arson', pattern: /\b(?:arson(?: attacks?)?|set fire to|firebombing)\b/gi, kind: 'arson', pos: 'noun', reason: 'arson is named' },
  { name: 'hostage', pattern: /\b(?:hostage[- ]taking|(?:took|taken|taking|held|holding|seized)\s+(?:[\w-]+\s+){0,3}?hostages?\b|kidnappings?|abductions?|kidnapped|abducted)\b/gi, kind: 'hostage_taking', pos: 'noun', reason: 'a hostage-taking or kidnapping is named' },
  // "the 2004 school siege in Beslan": a hostage siege.
  { name: 'siege', pattern: /\b(?:school |hostage |theatre |theater |hospital )?sieges?\b/gi, kind: 'hostage_taking', pos: 'noun', reason: 'a hostage siege is named' },
  { name: 'assassination', pattern: /\bassassinat(?:ion|ed)\b/gi, kind: 'assassination', pos: 'noun', reason: 'an assassination is named' },
  { name: 'incursion', pattern: /\b(?:incursions?|cross-border raids?)\b/gi, kind: 'armed_incursion', pos: 'noun', reason: 'an armed incursion is named' },
  // The lookbehinds follow "stormed" (same test, "stormed" being fixed): before it they ran at every word of the text (degree 3).
  { name: 'riot', pattern: /\b(?:riots?|rioting|pogroms?|mob attacks?|mobs? (?:storm(?:s|ed)?|attack(?:s|ed)?|ransack(?:s|ed)?)|stormed(?<!(?:police|officers|troops|forces|commandos|soldiers|agents)\sstormed)(?<!\b(?:man|men|woman|attackers?|gunm[ae]n|assailants?|militants?|terrorists?|driver|suspects?|he|she|they)\b[^.;,]{0,60}stormed)|forced their way into)\b/gi, kind: 'riot', pos: 'noun', reason: 'a riot is named' },
  { name: 'arrest-verb', pattern: /\b(?:was|were|has|have|had)\s+(?:\w+ly\s+|now\s+|also\s+|since\s+)?(?:been\s+)(?:\w+ly\s+|now\s+|also\s+)?(?:arrested|detained|taken into custody)\b|\b(?:was|were)\s+(?:\w+ly\s+)?(?:arrested|detained)\b/gi, kind: 'arrest', pos: 'verb', reason: 'someone was arrested' },
  // "Police arrested a 23-year-old man": an active arrest by the authorities.
  { name: 'arrest-active', pattern: /\b(?:police|officers|authorities|security forces|troops|investigators|agents)\s+(?:have\s+|had\s+|later\s+)?(?:arrested|detained)\b/gi, kind: 'arrest', pos: 'verb', reason: 'the authorities arrested someone' },
  // "a man drove a car into pedestrians": a vehicle used as a weapon.
  { name: 'ramming', pattern: /\b(?:drove|rammed|ploughed|plowed|smashed)\s+(?:a|his|the|an)\s+(?:[\w-]+\s+)?(?:car|truck|lorry|van|vehicle|bus)\s+(?:into|through)\b/gi, kind: 'attack', pos: 'verb', reason: 'a vehicle was driven into people' },
  // "A van drove into crowds of pedestrians", "a lorry ploughed into a crowded Christmas market", "a van ran
  // down pedestrians", "pedestrians mown down": the vehicle is the subject, and the people (or the crowded
  // place) it hit are named. A vehicle driven "into a wall" or "through the night" names no victims, so no incident.
  { name: 'ramming-crowd', pattern: /\b(?:(?:drove|drives|driven|driving|ploughed|ploughs|ploughing|plowed|plows|rammed|rams|ramming|smashed|careered|careening|veered)\s+(?:(?:a|his|the|an|its)\s+(?:[\w-]+\s+)?(?:car|truck|lorry|van|vehicle|bus)\s+)?(?:into|through)\s+(?:a\s+|the\s+)?(?:[\w-]+\s+){0,2}?(?:crowds?|pedestrians|people|shoppers|tourists|worshippers|revellers|passers-by|(?:Christmas |street |food )?market(?: stalls)?|stalls)|(?:ran|run|running|mowed|mown|mowing)\s+(?:down|over)\s+(?:[\w-]+\s+){0,2}?(?:pedestrians|people|crowds?|shoppers|tourists|passers-by|worshippers)|(?:pedestrians|people|crowds?|shoppers|passers-by)\s+(?:were\s+|being\s+)?mown down)\b/gi, kind: 'attack', pos: 'verb', reason: 'a vehicle was driven into people' },
  // "A gunman … killed 49 people", "the 49 people killed by a gunman at …": a killing told through its
  // perpetrator's noun. "opened fire" as a verb phrase: "a man approached her … and opened fire". The who-clause
  // ends before a blank run, never inside one (the first verb is the same), so the run is read once, not per step.
  { name: 'gunman-killed', pattern: /\bgunm[ae]n\b(?:\s+(?:who|which)\b[^.;]{0,80}?(?<!\s))?\s+(?:kill|killed|kills|killing|shot|shoots|murdered|wounded)\b|\b(?:killed|shot(?: dead)?|murdered|wounded)\s+by\s+(?:a|the|an)\s+(?:lone\s+|masked\s+)?gunm[ae]n\b|\bopened fire\b/gi, kind: 'armed_assault', pos: 'verb', reason: 'a gunman killed or shot people' },
  // "died after being shot while signing autographs", "was shot dead outside her home": a victim's death by
  // gunfire told from the victim's side. Not "was shot dead by police" (a suspect's end, part of an incident).
  { name: 'shot-victim', pattern: /\b(?:died|dies|killed)\s+after\s+being\s+(?:shot|stabbed)\b|\b(?:was|were)\s+shot\s+(?:dead|and killed)\b(?!\s+by\s+(?:police|officers|troops|soldiers|security forces|armed officers))/gi, kind: 'armed_assault', pos: 'verb', reason: 'someone was shot dead' },
  // "Two masked gunmen armed with assault rifles stormed the offices": attackers storming a place is an
  // assault, not a riot (see the riot rule, which leaves these to this one).
  { name: 'stormed-by-attackers', pattern: /\bstormed\b(?<=\b(?:men|gunm[ae]n|attackers?|militants?|terrorists?|assailants?|they)\b[^.;,]{0,60}stormed)/gi, kind: 'attack', pos: 'verb', reason: 'attackers stormed a place' },
  // "a man armed with an assault-style rifle attacked the Pulse nightclub", "stabbed PC Keith Palmer": the
  // verbs, with an attacker before them ("critics attacked the plan" names no attacker).
  { name: 'attacked-verb', pattern: /\b(?:attacked|stabbed|knifed|hacked)\b(?<=\b(?:man|men|woman|gunm[ae]n|attackers?|assailants?|militants?|terrorists?|suspects?|he|they)\b[^.;]{0,80}(?:attacked|stabbed|knifed|hacked))/gi, kind: 'attack', pos: 'verb', reason: 'an attacker attacked or stabbed someone' },
  { name: 'arrest', pattern: /\b(?:arrests?|detention) of\b/gi, kind: 'arrest', pos: 'noun', reason: 'an arrest is named' },
  { name: 'massacre', pattern: /\b(?:massacres?|slaughter|killing spree|rampage)\b/gi, kind: 'attack', pos: 'noun', reason: 'a massacre is named' },
  { name: 'sabotage', pattern: /\bsabotage\b/gi, kind: 'sabotage', pos: 'noun', reason: 'sabotage is named' },
  // The general word last: "terrorist attack", "the attacks", "attack on".
  { name: 'attack', pattern: /\b(?:(?:terrorist|terror|armed|militant|jihadist|gun|knife|deadly|barbaric)\s+)?attacks?\b(?!\s+(?:helicopters?|dogs?|ads?|campaign)\b)/gi, kind: 'attack', pos: 'noun', reason: 'an attack is named' },
];

/** Nouns for the people who carry out an incident. */
export const PERPETRATOR_NOUNS =
  /\b(?:attackers?|terrorists?|gunm[ae]n|militants?|assailants?|perpetrators?|suspects?|bombers?|insurgents?|jihadists?|shooters?|hijackers?|kidnappers?|rioters?|extremists?|fighters?)\b/i;

/** Words before a trigger that make it hypothetical or future, not an event. An attempt is an event
 * ("attempted to firebomb a church": GTD codes attempted attacks), so "to" after "attempted"/"tried" is not irrealis.
 * "In a series of related attacks, unknown perpetrators bombed …": a series names a set of incidents, not one;
 * the verb that follows tells the incident itself, so the trigger after "series of" is no event of its own. */
export const IRREALIS_BEFORE = /\bseries of\s+(?:[\w-]+\s+){0,2}$|\b(?:will|would|could|might|may|can|shall|should|must|threat(?:en(?:s|ed)?)? (?:of|to)|plans? (?:to|for)|prevent(?:ing)?|avoid|risk of|fear of|wants? to|aim(?:s|ed)? to|(?<!\b(?:attempted|attempting|attempts|tried|trying)\s)to)\s+(?:\w+\s+){0,2}$/i;

/** Verbs that, with an actor before them, make an indefinite trigger a real event: "forces launched an incursion". */
export const EVENT_VERBS = /\b(?:launched|carried out|staged|mounted|committed|perpetrated|conducted|unleashed|executed)\s+(?:an?|two|three|several)\s+(?:\w+\s+){0,2}$/i;

/** In src/model with the kinds it relates: resolution uses it too, and must not import extraction. */
export { kindsCompatible } from '../model/index.js';

/** When several kinds describe one incident, keep the most informative. */
export const KIND_PRIORITY: IncidentKind[] = [
  'suicide_bombing', 'missile_strike', 'drone_strike', 'air_strike', 'shelling', 'hostage_taking', 'assassination', 'bombing',
  'armed_assault', 'armed_incursion', 'arson', 'sabotage', 'riot', 'protest', 'arrest', 'attack',
];
