/**
 * Word lists the mention finder uses, kept as data so a reader can see why a
 * span was typed the way it was. All entries are lower-case.
 */

/**
 * Capitalised words that start sentences or headings without naming anything.
 * Example: "Already, the attack ..." — "Already" is not a name.
 */
export const NON_NAME_CAPITALS = new Set(
  `a about above according across after afterwards again against all almost already also although always among amid an and
  another any anyone anything are around as at because before being below besides between both but by can could despite
  did do does during each earlier early either even ever every everyone everything except few first following for former
  from further given had has have having he her here hers herself him himself his how however i if immediately in including
  indeed instead into is it its itself just last late later latest least less like many may meanwhile more moreover most
  much must my neither never nevertheless next no none nor not nothing notably now of off often on once one only or other
  others otherwise our ours out over perhaps rather recently second several she should since so some someone something
  soon still such than that the their theirs them themselves then there therefore these they third this those though
  through throughout thus to today together tomorrow too toward towards under unlike until up upon us very was we were what
  whatever when where whereas whether which while who whom whose why will with within without would yesterday yet you your
  similarly nonetheless unfortunately fortunately ultimately finally initially officially reportedly apparently clearly
  certainly obviously overall accordingly consequently furthermore additionally likewise although sources police witnesses
  officials authorities residents experts analysts critics observers reports media workers youth everything nobody
  mr mrs ms dr sir dear breaking update updated read share photo video watch listen subscribe related editor note
  monday tuesday wednesday thursday friday saturday sunday january february march april may june july august september
  october november december`.split(/\s+/).filter(Boolean),
);

/**
 * Titles and roles that precede a person's name. Multi-word titles are matched
 * token by token. Example: "Foreign Minister Sergei Lavrov" → person "Sergei Lavrov".
 */
export const PERSON_TITLES = new Set(
  `mr mr. mrs mrs. ms ms. dr dr. president vice minister premier chancellor secretary chairman chairwoman chairperson governor mayor
  general gen gen. commander colonel col col. major captain lieutenant sergeant officer spokesman spokeswoman spokesperson prime
  deputy director chief leader king queen prince princess pope patriarch imam rabbi father bishop archbishop sheikh senator
  sen sen. ambassador judge prosecutor attorney envoy emir sultan ayatollah cleric head founder billionaire oligarch
  journalist reporter correspondent activist lawyer professor prof prof. analyst commentator blogger lawmaker deputy mp`
    .split(/\s+/)
    .filter(Boolean),
);

/** Words that qualify a title without being part of a name ("Foreign Minister", "Defence Secretary"). */
export const TITLE_MODIFIERS = new Set(
  `foreign defence defense interior justice finance home state prime deputy vice acting former general chief
  attorney first executive supreme interim regional district local federal`.split(/\s+/).filter(Boolean),
);

/**
 * Final words that make a proper name an organisation.
 * Example: "Russian Volunteer Corps", "Socialist Equality Party", "Tajik Ministry of Labor".
 */
export const ORG_HEADS = new Set(
  `party ministry corps legion council committee government army police service services agency bureau front brigade
  brigades battalion regiment division movement organization organisation union association group groups times post news
  channel parliament duma assembly department office forces force guard guards international institute university
  college bank company corporation inc ltd commission court tribunal league federation network board administration
  alliance coalition cabinet senate congress authority authorities command militia militias mujahideen fighters
  brotherhood jihad hamas hezbollah taliban qaeda state caliphate republic telegraph guardian journal herald tribune
  gazette press agency reuters bbc cnn tv television radio foundation fund trust society club centre center site website
  socialists communists democrats republicans nationalists regime junta`
    .split(/\s+/)
    .filter(Boolean),
);

/**
 * Final words that make a proper name a facility or landmark.
 * Example: "Crocus City Hall", "Kerch Bridge", "Kele-Numaz synagogue".
 */
export const FACILITY_HEADS = new Set(
  `hall bridge airport church cathedral mosque synagogue temple stadium station hotel square street avenue road market
  embassy consulate pipeline theatre theater arena school hospital mall centre center building tower palace museum
  base airbase port harbour harbor checkpoint prison camp plant factory dam beach park club cafe restaurant bar
  monastery shrine university campus terminal`
    .split(/\s+/)
    .filter(Boolean),
);

/**
 * Lower-case nouns right after a proper name that show what it names.
 * Example: "the ruling United Russia party" → organisation "United Russia".
 */
export const LOWER_ORG_CUES = new Set(
  `party channel group militia movement organization organisation network newspaper agency outlet broadcaster government
  ministry faction wing battalion brigade unit cell network`.split(/\s+/).filter(Boolean),
);
export const LOWER_FACILITY_CUES = new Set(
  `hall bridge airport church cathedral mosque synagogue stadium station hotel square market embassy pipeline theatre
  theater arena school hospital mall building concert`.split(/\s+/).filter(Boolean),
);
/** Generic words that extend a place name into a region: "Belgorod region", "Kursk oblast". */
// The divisions real notes name after a place: "Nyaung-U Township", "Damboa LGA", "Kiambu sub-county".
export const PLACE_GENERICS = new Set(`region oblast province republic district governorate krai territory county state township lga sub-county village town city commune department prefecture municipality`.split(/\s+/));

/** Lower-case words allowed inside a proper-name run when a capitalised word follows. */
export const NAME_CONNECTORS = new Set(['of', 'de', 'del', 'du', 'des', 'la', 'le', 'al', 'el', 'bin', 'ibn', 'von', 'van', 'der', 'for']);

/**
 * Verbs that show the subject is a person (or at least a speaker); used for
 * single unknown capitalised words. Example: "Biden did just that" is weak,
 * "Malofeev wrote" is strong.
 */
export const SPEECH_VERBS = new Set(
  `said says told wrote writes stated announced declared added explained warned claimed praised denounced continued
  insisted argued noted acknowledged admitted confirmed denied accused blamed urged called tweeted posted replied
  responded commented suggested`.split(/\s+/).filter(Boolean),
);

/**
 * World regions and sub-national areas that are not in the city/country
 * gazetteer but are places all the same.
 */
export const REGION_NAMES = new Set(
  `central asia|middle east|north caucasus|caucasus|south caucasus|persian gulf|gulf|europe|asia|africa|latin america|
  north africa|west africa|east africa|sahel|balkans|levant|scandinavia|eastern europe|western europe|southeast asia|
  south asia|horn of africa|crimea|donbas|donbass|kurdistan|kashmir|gaza strip|west bank|sinai|siberia|far east|
  north america|south america|caspian sea|black sea|baltic|arctic`
    .split('|')
    .map((s) => s.trim())
    .filter(Boolean),
);
