/**
 * Place names that are also ordinary English words. GeoNames has a town
 * called "Of" (Türkiye), "Police" (Poland), "Union" (13 of them), "Nice",
 * "Reading", "Mobile", "Bath", "Young", "Central", "Eagle"… A capitalised word
 * at the start of a sentence or in a headline is then not evidence of a place.
 *
 * ALWAYS_RISKY: risky whatever the population ("Nice", "Reading" are big
 * cities but the words are far more common than the places in news text).
 * COMMON_WORDS: a general list of frequent English words; a single-word place
 * name in it is risky when its most populous place has < 20 000 people
 * (RISKY_MAX_POPULATION in ../build.ts). So "Hope" (small towns) is risky and
 * "Buffalo" (261 000) is not.
 */
export const ALWAYS_RISKY: readonly string[] = (
  'of union march police nice reading mobile bath young central eagle ' +
  'may june august independence liberty victory justice unity progress freedom ' +
  'paradise hope mission commerce enterprise industry president general ' +
  'university college hospital station airport harbour harbor port city town village ' +
  'centre center north south east west new old great grand little big ' +
  'street road park bridge church temple market square hill valley river lake ' +
  'mountain island beach bay cape point rock spring springs fort castle ' +
  'kill gun guns bomb war battle army navy guard guards soldier soldiers ' +
  'rebel rebels attack raid fire blast shot shots killed dead death ' +
  'protest strike riot crowd mob rally vote poll home house office court ' +
  'prison camp base border frontier front line lines post gate gates ' +
  'media press news post herald times globe tribune sun star mirror ' +
  'said says told saying also just even still only well much many more most ' +
  'after before during since until while when where which what who why how ' +
  'this that these those there here then than them they their his her its our your ' +
  'man men woman women boy boys girl girls child children people person family ' +
  'day days week weeks month months year years time times hour hours night morning evening ' +
  'one two three four five six seven eight nine ten hundred thousand million ' +
  'first second third last next early late ' +
  'good bad best better worse worst high low long short small large ' +
  'national federal state republic royal imperial ' +
  'orange lime olive rose lily ivy holly daisy ' +
  'china turkey jordan chad niger georgia guinea'
)
  .split(/\s+/)
  .filter((w) => w.length > 0 && !['china', 'turkey', 'jordan', 'chad', 'niger', 'georgia', 'guinea'].includes(w));
// (The last line of words above is there to document that country names that
// are also words or given names are deliberately NOT risky: they are filtered
// out so that "Turkey", "Chad", "Jordan" remain accepted place names.)

export const COMMON_WORDS: readonly string[] = (
  // function words
  'a an the and or but nor so yet for of in on at to from by with without within into onto upon ' +
  'about above across against along among around as before behind below beneath beside between ' +
  'beyond down during except inside like near off out outside over past through throughout toward ' +
  'towards under underneath until up via i me my mine we us our you your he him his she her it its ' +
  'they them their this that these those who whom whose which what where when why how all any both ' +
  'each either every few many much more most neither no none not one other some such same own ' +
  'if then than there here now never ever always often again once twice also only just even still ' +
  'very too quite rather yes no is am are was were be been being have has had do does did will would ' +
  'shall should can could may might must ' +
  // common nouns
  'man men woman women child children boy girl family friend people person king queen prince princess ' +
  'lord lady duke baron knight bishop pope saint father mother son daughter brother sister uncle aunt ' +
  'home house room door window wall floor roof garden yard field farm forest wood woods tree trees ' +
  'grove orchard meadow moor heath marsh swamp bog pond pool well spring springs creek brook stream ' +
  'river lake sea ocean bay gulf coast shore beach island isle cape point head neck ridge hill hills ' +
  'mountain mount peak valley vale dale glen canyon gap pass plain plains prairie desert oasis rock ' +
  'rocks stone stones sand clay iron gold silver copper lead tin coal salt oil gas water fire ice snow ' +
  'rain wind storm cloud sun moon star stars sky earth land world country state nation city town ' +
  'village hamlet center centre middle north south east west central northern southern eastern western ' +
  'street road lane way path trail bridge ford ferry port harbor harbour dock mill factory works mine ' +
  'mines market store shop bank church chapel temple abbey castle tower fort palace hall court ' +
  'school college university hospital prison station office post camp base bar pub inn hotel ' +
  'union unity liberty freedom independence justice peace hope faith charity grace glory honor honour ' +
  'victory triumph progress enterprise commerce industry plenty providence paradise eden heaven ' +
  'haven rest pleasant fairview goodwill concord harmony friendship welcome comfort ' +
  'army navy police guard soldier war battle attack raid fight strike protest riot march rally vote ' +
  'law order power force party council congress senate government president governor mayor chief ' +
  'general captain major colonel sergeant judge doctor professor teacher worker farmer hunter miller ' +
  'smith baker carpenter mason cook butler taylor tailor porter walker turner fisher hunter shepherd ' +
  'day night morning evening noon week month year time hour minute moment age era season ' +
  'spring summer autumn fall winter january february march april may june july august september ' +
  'october november december monday tuesday wednesday thursday friday saturday sunday ' +
  'eagle hawk falcon crow raven dove swan goose duck owl bear wolf fox deer elk moose buffalo bison ' +
  'horse mule cattle bull cow ox sheep lamb goat pig boar dog cat lion tiger beaver otter rabbit ' +
  'bee fish trout salmon pike bass oak pine cedar elm ash maple birch willow poplar palm rose lily ' +
  'ivy holly olive orange lemon lime apple cherry plum peach berry grape corn wheat rice cotton ' +
  'sugar honey bread butter milk cheese wine beer ' +
  'bath reading mobile nice young central normal national federal royal liberal ' +
  'red blue green white black brown gray grey yellow pink purple golden silver ' +
  'big small great grand little large long short high low deep broad wide narrow new old young ' +
  'good bad best better fair fine pleasant happy lucky sunny rich poor free bright clear clean ' +
  'cold hot warm cool dry wet green fresh sweet quiet calm still safe strong hard soft ' +
  'first second third last next early late upper lower inner outer middle half whole ' +
  'alliance energy humble modesty prosperity success security defence defense service ' +
  'police army navy military media press news radio television ' +
  'said says told say see seen saw come came go went gone get got give gave make made take took ' +
  'keep kept let put run ran set sit stand stood hold held bring brought call called find found ' +
  'kill killed shot fire fired bomb blast dead death wounded injured arrest arrested ' +
  'because although though while whereas unless whether ' +
  'hello thanks please sorry okay'
)
  .split(/\s+/)
  .filter((w) => w.length > 0);
