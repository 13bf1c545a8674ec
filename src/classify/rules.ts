/**
 * Keyword rules for ACLED sub-event types, kept as data. Each rule names the
 * label it points to and why. Every rule that fires becomes an input feature
 * of the learned model (`r:ID`), so the model learns how far to trust it;
 * a rule with `boost` > 0 also adds that much to its label's score after the
 * model has spoken (a prior the data cannot wash out: the phrases below are
 * near-definitions of their class in the ACLED codebook).
 */
import { firstMatches } from '../nlp/scan.js';
export interface KeywordRule {
  id: string;
  label: string;
  /** Case-insensitive regular expression source. */
  pattern: string;
  reason: string;
  /** Added to the label's logit when the rule fires; 0 = feature only. */
  boost: number;
}

export const KEYWORD_RULES: readonly KeywordRule[] = Object.freeze([
  { id: 'suicide', label: 'SUIC_BOMB', pattern: String.raw`\bsuicide[ -](?:bomb|attack|blast|car|truck|vest|belt|vehicle|explos|assault|operation)|\bblew (?:himself|herself|themselves) up|\bexplosives?[ -](?:vest|belt)|\bs?vbied`, reason: 'a suicide attack is named ("suicide bomber", "blew himself up", "explosive vest")', boost: 2.5 },
  { id: 'grenade', label: 'GRENADE', pattern: String.raw`\bgrenades?\b(?<!rocket[ -]propelled grenades?)(?<!stun grenades?)(?! launcher)`, reason: 'a grenade is named (not a rocket-propelled or stun grenade)', boost: 1.5 },
  { id: 'chemical', label: 'CHEM_WEAP', pattern: String.raw`\bchlorine\b|\bsarin\b|nerve agent|mustard gas|(?:toxic|poison(?:ous)?) (?:gas|chemical)|chemical (?:weapon|attack|munition|agent|strike)`, reason: 'a chemical agent or chemical weapon is named', boost: 2.5 },
  { id: 'air', label: 'AIR_STRIKE', pattern: String.raw`\bair[ -]?strikes?\b|\bair[ -]?raids?\b|\bwar[ -]?planes?\b|\bfighter jets?\b|\bjets?\b|\bdrones? (?:strike|attack)|\bdrone\b|\bgunships?\b|\bbombing raids?\b|\bbarrel bombs?\b|\baircraft\b|\bair force\b|\bhelicopters?\b|\bsorties?\b|\bbombers?\b`, reason: 'aircraft or air attacks are named', boost: 0 },
  { id: 'artillery', label: 'ART_MISS_ATTACK', pattern: String.raw`\bshell(?:ing|ed|s)?\b|\bartillery\b|\bmortars?\b|\brockets?\b|\bmissiles?\b|\bkatyusha|\bhowitzers?\b|\bprojectiles?\b|\bcannons?\b|\btank fire\b`, reason: 'artillery, mortars, rockets or missiles are named', boost: 0 },
  { id: 'remote', label: 'REM_EXPLOS', pattern: String.raw`\bieds?\b|improvised explosive|roadside bomb|(?:land|ground) ?mines?|\bcar bomb|\bbomb (?:exploded|went off|blast|explosion|attack)|explosive device|magnetic bomb|sticky bomb|\blimpet\b|\bbomb (?:placed|planted|hidden)|\bbomb(?:s|ed)?\b|\bbooby[ -]trap|\b(?:planted|laid|laying|planting|stepped on|stepping on|struck|hit|triggered|detonated) (?:a |an |the |two |three |several )?(?:land)?mines?\b|\bmine (?:attack|blast|explosion)s?\b|\bexplosions? (?:occurred|took place|went off|hit|rocked|was heard|were heard|ripped)|\bthere (?:was|were) (?:an? |two |three |several )?explosions?\b|\b(?:handmade|homemade|home-made|hand-made|improvised) (?:bomb|explosive|mine|device)|\bdetonat`, reason: 'a planted or remotely detonated bomb (IED, landmine, car bomb, an unexplained explosion) is named', boost: 0 },
  { id: 'disrupt', label: 'DISR_WEAP', pattern: String.raw`\bdefus|\bcaches?\b|\bdisarm|\bdefuse|bomb disposal|bomb squad|\b(?:seized|recovered|found|discovered|confiscated|intercepted|captured) (?:a |an |the )?(?:large |huge )?(?:quantit|amount|cache|weapons|arms|ammunition|explosives|rifles|pistols|guns|firearms|rounds|bombs|grenades|packages|devices)|controlled explosion|\bintercepted\b|\bunexploded\b|\bsuspicious (?:package|object|device)|\bammunition\b.{0,40}\b(?:found|seized|recovered|discovered)`, reason: 'weapons or explosives were seized, found or defused', boost: 0.5 },
  { id: 'arrest', label: 'ARREST', pattern: String.raw`\barrest(?:ed|s)?\b|\bdetain(?:ed|s)?\b|taken into custody|\bapprehended\b|\brounded up\b`, reason: 'an arrest or detention is reported', boost: 0 },
  { id: 'protest', label: 'PEACE_PROTEST', pattern: String.raw`\bprotest|\bdemonstrat|\brall(?:y|ied|ies)\b|\bmarch(?:ed|es)?\b|\bsit-ins?\b|\bon strike\b|\bhunger strike|\bvigil\b|\btook to the streets\b|\bplacards?\b|\bchant`, reason: 'a protest, rally or march is named', boost: 0 },
  { id: 'force', label: 'FORCE_AGAINST_PROTEST', pattern: String.raw`tear ?gas|rubber bullets|water cannon|live (?:fire|ammunition|rounds)|(?:fired|opened fire|shot) (?:on|at|into) (?:the )?(?:protesters|demonstrators|crowd)|\bviolently (?:dispers|suppress|broke)|crack(?:ed)? ?down`, reason: 'force used on protesters is named (tear gas, live fire, rubber bullets)', boost: 0 },
  { id: 'disperse', label: 'PROTEST_WITH_INTER', pattern: String.raw`\bdispers|\bbroke up\b|\bbreak up\b|\bunauthori[sz]ed\b|\bunsanctioned\b|\bcleared\b`, reason: 'a protest was dispersed or not authorised', boost: 0 },
  { id: 'riot', label: 'VIOL_DEMONSTR', pattern: String.raw`\briot(?:s|ed|ers|ing)?\b|(?:threw|pelted|hurled|throwing|pelting) (?:stones|rocks|bottles|petrol bombs|molotov)|\bstone[ -]pelting\b|\bturned violent\b|\bstormed\b|\bsmash(?:ed|ing)?\b|\bfirecrackers?\b|\bpetrol bombs?\b|\bmolotov|\bclash(?:ed|es)? with (?:the )?(?:police|security forces|riot police)`, reason: 'rioting or stone-throwing by demonstrators is named', boost: 0 },
  { id: 'mob', label: 'MOB_VIOL', pattern: String.raw`\bmobs?\b|\blynch|\bvigilant|\bangry (?:crowd|residents|villagers)|mob justice|jungle justice`, reason: 'a mob, lynching or vigilantes are named', boost: 0.5 },
  { id: 'natural', label: 'NATURAL_DISASTER', pattern: String.raw`\bearthquake|\bflood|\bcovid|\bcoronavirus|\bpandemic|\bcyclone|\btyphoon|\bhurricane|\bvolcan|\btsunami|\blandslide|\bdrought|\boutbreak|\bwildfire|\btorrential|\bepidemic|\bcholera|\bebola|\binfection|\btornado|\bmonsoon|\bavalanche|\bheavy rain|\beruption\b|\bvolcano erupted\b|\bstorms?\b(?! corps)|\bvirus`, reason: 'a natural hazard or epidemic is named', boost: 1.0 },
  { id: 'manmade', label: 'MAN_MADE_DISASTER', pattern: String.raw`\b(?:plant|factory|warehouse|refinery|mine|depot|tank|cylinder|boiler|furnace|pipeline)s? (?:explo|blast|fire|collaps|leak)|\bcrash(?:ed|es)?\b|\bcollaps|\bderail|\bcapsiz|\bgas leak|\bchemical spill|\bspill\b|\bfire broke out|\bblaze\b|\bplunged\b|\baccident|\bcollided|\btoxins?\b|\bcontaminated|\badulterated|\bpoisoning\b|\bsank\b|\btanker\b|\blost control\b|\bafter (?:consuming|drinking|eating)\b|\bderailed|\bexplosion at (?:a|the) (?:plant|factory|mine|warehouse)`, reason: 'an accident, crash, collapse, spill or industrial blast is named', boost: 0.5 },
  { id: 'claim', label: 'ATTRIB', pattern: String.raw`claim(?:ed|s|ing)? (?:the )?responsibility|\bclaimed (?:the|an|a) (?:attack|bombing|killing|assassination)|\bblam(?:ed|es|ing|e)\b|\bden(?:ied|ies|y) (?:any )?(?:involvement|responsibility|role)|\b(?:was|were|is|are) (?:not )?responsible for|\baccus(?:ed|es|ing|ations?) .{0,40}\b(?:of being behind|behind|responsible)`, reason: 'responsibility is claimed, denied or blamed', boost: 1.5 },
  { id: 'diplo', label: 'DIPLO', pattern: String.raw`\bsanctions?\b|\bdiplomat|\bambassador|\bembass|\bconsulate|\bforeign minist|\bforeign ministry|\bforeign office|\bstate department|\bsummit\b|\bbilateral\b|\bexpel|\bsummoned\b|\bsecurity council\b|\bcounterpart`, reason: 'diplomatic actors or measures are named', boost: 0 },
  { id: 'agreement', label: 'AGREEMENT', pattern: String.raw`\bcease-?fire|\btruce\b|\bpeace (?:deal|agreement|accord|talks|negotiations|process|pact)|\bagreement\b|\baccord\b|\bprisoner (?:swap|exchange)|\bcessation of hostilities|\bnegotiations?\b|\bagreed\b`, reason: 'a ceasefire, truce or agreement is named', boost: 0 },
  { id: 'abduct', label: 'ABDUCT_DISSAP', pattern: String.raw`\bkidnap|\babduct|\bhostages?\b|\bdisappear|\bwhereabouts\b|\bransom\b|\bmissing\b`, reason: 'a kidnapping, abduction or disappearance is named', boost: 0.5 },
  { id: 'sexual', label: 'SEX_VIOL', pattern: String.raw`\brap(?:e|ed|es|ing|ist)\b|\bsexual(?:ly)?\b|\bmolest|\bgroped\b|\bindecent`, reason: 'sexual violence is named', boost: 1.5 },
  { id: 'base', label: 'HQ_ESTABLISHED', pattern: String.raw`\b(?:set up|sets up|setting up|established?|establishing|built|building|installed|opened) (?:a |an |the |its |their )?(?:new |sixth |fifth |fourth |third |second |first |temporary |military |forward |fortified |permanent )*(?:observation (?:post|point)|base|post|headquarters|outpost|position|camp|command (?:post|centre|center)|military point|checkpoints?)`, reason: 'a base, post or headquarters was set up', boost: 1.0 },
  { id: 'regain', label: 'GOV_REGAINS_TERIT', pattern: String.raw`\brecaptur|\bregain|\bretook\b|\bretak(?:e|en|ing)\b|\bliberat|\brestored control|\bpushed .{0,40}\bout of\b|\bdrove .{0,40}\bout of\b|\bdriven .{0,40}\bout of\b|\bcleared .{0,30}\bof\b|\bexpell`, reason: 'territory was retaken', boost: 0 },
  { id: 'seize', label: 'NON_STATE_ACTOR_OVERTAKES_TER', pattern: String.raw`\bseiz(?:ed|e|es|ing) (?:control|the|a)\b|\btook (?:full )?control\b|\btaken (?:full )?control\b|\btake control\b|\bcaptur(?:ed|e|es|ing)\b|\boverr(?:an|un)\b|\badvanc|\bunder (?:their|its) control\b|\bfell to\b|\bin control of\b`, reason: 'territory was taken', boost: 0 },
  { id: 'transfer', label: 'NON_VIOL_TERRIT_TRANSFER', pattern: String.raw`\bwithdr[ae]w(?:n|al)?\b|\bhand(?:ed|ing|s)? (?:over|back|control)|\bwithout (?:a fight|resistance|firing|fighting)|\bpull(?:ed|s|ing)? out\b|\bunopposed\b|\btransferred\b|\bceded\b|\bsurrendered\b|\bevacuat`, reason: 'a withdrawal or handover is named', boost: 0 },
  { id: 'group', label: 'CHANGE_TO_GROUP_ACT', pattern: String.raw`\bdefect|\bdeploy|\bredeploy|\bformed\b|\bformation of\b|\breinforce|\bmerg|\bmobili[sz]|\bswitched sides\b|\bdisband|\bnew (?:unit|group|battalion|brigade|wing)|\bfortif|\bjoined (?:the )?(?:rebels|government|army|group)|\bpledged allegiance`, reason: 'a change in an armed group or its deployment is named', boost: 0 },
  { id: 'crime', label: 'ORG_CRIME', pattern: String.raw`\bsmuggl|\bcounterfeit|\bdrugs?\b|\bnarcotic|\bcocaine|\bheroin|\bhashish|\bcannabis|\bmarijuana|\bgangs?\b|\bfraud|\btraffick|\brobber|\bextortion|\bcartel|\bmafia|\blaunder|\bfake (?:currency|notes|goods)|\bpoach|\bsyndicate|\btheft|\bthieves|\bburglar`, reason: 'organised crime (smuggling, fraud, gangs, drugs) is named', boost: 0 },
  { id: 'loot', label: 'PROPERTY_DISTRUCT', pattern: String.raw`\bloot|\bvandal|\btorch(?:ed|ing)?\b|\bset (?:on )?fire\b|\bset ablaze\b|\bburn(?:ed|t|ing)? down\b|\bransack|\barson|\bdemolish|\bdestroy(?:ed|ing)? (?:property|shops|houses|homes|crops|vehicles)|\bdamaged\b|\bafire\b`, reason: 'looting, arson or destruction of property is named', boost: 0 },
  { id: 'civilians', label: 'ATTACK', pattern: String.raw`\bgunmen\b|\bopened fire on\b|\bshot dead\b|\bgunned down\b|\bvillagers\b|\bcivilians?\b|\bstabbed\b|\bmassacre|\bhacked\b|\bmachetes?\b|\bassailants?\b|\bkilled .{0,20}\b(?:farmers|residents|worshippers|passengers|villagers)`, reason: 'armed violence against civilians is named', boost: 0 },
  { id: 'clash', label: 'ARMED_CLASH', pattern: String.raw`\bclash|\bfighting\b|\bgun ?battle|\bfire ?fight|\bexchange of fire|\bexchanged (?:heavy )?(?:gun)?fire|\bencounter\b|\bambush|\bcombat\b|\bbattle|\brepel|\bfought\b|\boffensive\b|\battacked .{0,40}\b(?:base|position|checkpoint|forces|troops|soldiers|post|convoy|patrol|outpost)`, reason: 'fighting between armed groups is named', boost: 0 },
]);

export interface RuleHit {
  rule: KeywordRule;
  /** Offsets of the first match in the text the rules read. */
  start: number;
  end: number;
  text: string;
}

/**
 * The rules' patterns, compiled once: as written (lower case, matched against lower-cased text, which is
 * markedly faster in V8 than the `i` flag) and case-insensitive (for a text whose lower-casing changes
 * its length). Each list is read in sweeps of its alternation (scan.ts's firstMatches): one pass over a
 * sentence finds every rule's first match, where 28 passes, or a pass per run of four rules that might
 * match, did (issue 11).
 */
let compiled: { lower: { pattern: RegExp }[]; anyCase: { pattern: RegExp }[] } | null = null;

function compiledRules(): NonNullable<typeof compiled> {
  compiled ??= {
    lower: KEYWORD_RULES.map((rule) => ({ pattern: new RegExp(rule.pattern) })),
    anyCase: KEYWORD_RULES.map((rule) => ({ pattern: new RegExp(rule.pattern, 'i') })),
  };
  return compiled;
}

/**
 * The last text's hits. The event detector, the event classifier and the classifier's expert each read
 * the same sentence in turn, and the 28 patterns over it were the largest cost of all three (issue 11).
 * Callers get a copy of the list; the hits themselves are never changed by anyone.
 */
let lastText: string | null = null;
let lastHits: RuleHit[] = [];

/** Every rule that fires on `text`, with its first match (offsets into `text`). */
export function ruleHits(text: string): RuleHit[] {
  if (text !== lastText) {
    lastHits = matchRules(text);
    lastText = text;
  }
  return lastHits.slice();
}

function matchRules(text: string): RuleHit[] {
  const out: RuleHit[] = [];
  const lower = text.toLowerCase();
  // Lower-casing can change lengths (rare letters such as "İ"); then offsets would drift, so match case-insensitively instead.
  const same = lower.length === text.length;
  const { lower: lowerRules, anyCase } = compiledRules();
  const firsts = same ? firstMatches(lower, lowerRules) : firstMatches(text, anyCase);
  firsts.forEach((m, k) => {
    if (m) out.push({ rule: KEYWORD_RULES[k]!, start: m.index, end: m.index + m[0].length, text: text.slice(m.index, m.index + m[0].length) });
  });
  return out;
}
