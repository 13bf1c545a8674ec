/**
 * The GTD codebook's numbers for the `_txt` columns Dossier fills. Written from the public GTD
 * codebook as we know it; a text value not in a table gets a blank number, never a guessed one.
 */

export const GTD_ATTACK_TYPES: Record<string, number> = {
  Assassination: 1, 'Armed Assault': 2, 'Bombing/Explosion': 3, Hijacking: 4, 'Hostage Taking (Barricade Incident)': 5,
  'Hostage Taking (Kidnapping)': 6, 'Facility/Infrastructure Attack': 7, 'Unarmed Assault': 8, Unknown: 9,
};

export const GTD_TARGET_TYPES: Record<string, number> = {
  Business: 1, 'Government (General)': 2, Police: 3, Military: 4, 'Abortion Related': 5, 'Airports & Aircraft': 6,
  'Government (Diplomatic)': 7, 'Educational Institution': 8, 'Food or Water Supply': 9, 'Journalists & Media': 10, Maritime: 11,
  NGO: 12, Other: 13, 'Private Citizens & Property': 14, 'Religious Figures/Institutions': 15, Telecommunication: 16,
  'Terrorists/Non-State Militia': 17, Tourists: 18, Transportation: 19, Unknown: 20, Utilities: 21, 'Violent Political Party': 22,
};

export const GTD_WEAPON_TYPES: Record<string, number> = {
  Biological: 1, Chemical: 2, Radiological: 3, Nuclear: 4, Firearms: 5, Explosives: 6, 'Fake Weapons': 7, Incendiary: 8, Melee: 9,
  Vehicle: 10, 'Sabotage Equipment': 11, Other: 12, Unknown: 13,
};

export const GTD_CLAIM_MODES: Record<string, number> = {
  Letter: 1, 'Call (pre-incident)': 2, 'Call (post-incident)': 3, 'E-mail': 4, 'Note left at scene': 5, Video: 6,
  'Posted to website, blog, etc.': 7, 'Personal claim': 8, Other: 9, Unknown: 10,
};

/** The number of a `_txt` value in one of the tables above, as a CSV cell ('' when the value has none). */
export function gtdCode(table: Record<string, number>, text: string | null | undefined): string {
  if (!text) return '';
  const n = table[text];
  return n === undefined ? '' : String(n);
}

/**
 * GTD's country numbers and names by ISO alpha-2. GTD names some countries its own way (Bosnia-
 * Herzegovina, Slovak Republic, Ivory Coast, West Bank and Gaza Strip); the name goes with the number
 * so `country` and `country_txt` always agree. A country missing here keeps the gazetteer's name and a
 * blank number.
 */
export const GTD_COUNTRIES: Record<string, readonly [number, string]> = {
  AF: [4, 'Afghanistan'], AL: [5, 'Albania'], DZ: [6, 'Algeria'], AD: [7, 'Andorra'], AO: [8, 'Angola'], AG: [10, 'Antigua and Barbuda'],
  AR: [11, 'Argentina'], AM: [12, 'Armenia'], AU: [14, 'Australia'], AT: [15, 'Austria'], AZ: [16, 'Azerbaijan'], BS: [17, 'Bahamas'],
  BH: [18, 'Bahrain'], BD: [19, 'Bangladesh'], BB: [20, 'Barbados'], BE: [21, 'Belgium'], BZ: [22, 'Belize'], BJ: [23, 'Benin'],
  BM: [24, 'Bermuda'], BT: [25, 'Bhutan'], BO: [26, 'Bolivia'], BA: [28, 'Bosnia-Herzegovina'], BW: [29, 'Botswana'], BR: [30, 'Brazil'],
  BN: [31, 'Brunei'], BG: [32, 'Bulgaria'], BF: [33, 'Burkina Faso'], BI: [34, 'Burundi'], BY: [35, 'Belarus'], KH: [36, 'Cambodia'],
  CM: [37, 'Cameroon'], CA: [38, 'Canada'], CF: [41, 'Central African Republic'], TD: [42, 'Chad'], CL: [43, 'Chile'], CN: [44, 'China'],
  CO: [45, 'Colombia'], KM: [46, 'Comoros'], CG: [47, 'Republic of the Congo'], CR: [49, 'Costa Rica'], HR: [50, 'Croatia'], CU: [51, 'Cuba'],
  CY: [53, 'Cyprus'], CZ: [54, 'Czech Republic'], DK: [55, 'Denmark'], DJ: [56, 'Djibouti'], DM: [57, 'Dominica'], DO: [58, 'Dominican Republic'],
  EC: [59, 'Ecuador'], EG: [60, 'Egypt'], SV: [61, 'El Salvador'], GQ: [62, 'Equatorial Guinea'], ER: [63, 'Eritrea'], EE: [64, 'Estonia'],
  ET: [65, 'Ethiopia'], FK: [66, 'Falkland Islands'], FJ: [67, 'Fiji'], FI: [68, 'Finland'], FR: [69, 'France'], GF: [70, 'French Guiana'],
  PF: [71, 'French Polynesia'], GA: [72, 'Gabon'], GM: [73, 'Gambia'], GE: [74, 'Georgia'], DE: [75, 'Germany'], GH: [76, 'Ghana'],
  GI: [77, 'Gibraltar'], GR: [78, 'Greece'], GL: [79, 'Greenland'], GD: [80, 'Grenada'], GP: [81, 'Guadeloupe'], GT: [83, 'Guatemala'],
  GN: [84, 'Guinea'], GW: [85, 'Guinea-Bissau'], GY: [86, 'Guyana'], HT: [87, 'Haiti'], HN: [88, 'Honduras'], HK: [89, 'Hong Kong'],
  HU: [90, 'Hungary'], IS: [91, 'Iceland'], IN: [92, 'India'], ID: [93, 'Indonesia'], IR: [94, 'Iran'], IQ: [95, 'Iraq'], IE: [96, 'Ireland'],
  IL: [97, 'Israel'], IT: [98, 'Italy'], CI: [99, 'Ivory Coast'], JM: [100, 'Jamaica'], JP: [101, 'Japan'], JO: [102, 'Jordan'],
  KZ: [103, 'Kazakhstan'], KE: [104, 'Kenya'], KW: [106, 'Kuwait'], KG: [107, 'Kyrgyzstan'], LA: [108, 'Laos'], LV: [109, 'Latvia'],
  LB: [110, 'Lebanon'], LS: [111, 'Lesotho'], LR: [112, 'Liberia'], LY: [113, 'Libya'], LT: [115, 'Lithuania'], LU: [116, 'Luxembourg'],
  MO: [117, 'Macau'], MK: [118, 'Macedonia'], MG: [119, 'Madagascar'], MW: [120, 'Malawi'], MY: [121, 'Malaysia'], MV: [122, 'Maldives'],
  ML: [123, 'Mali'], MT: [124, 'Malta'], IM: [125, 'Man, Isle of'], MQ: [127, 'Martinique'], MR: [128, 'Mauritania'], MU: [129, 'Mauritius'],
  MX: [130, 'Mexico'], MD: [132, 'Moldova'], MA: [136, 'Morocco'], MZ: [137, 'Mozambique'], MM: [138, 'Myanmar'], NA: [139, 'Namibia'],
  NP: [141, 'Nepal'], NL: [142, 'Netherlands'], NC: [143, 'New Caledonia'], NZ: [144, 'New Zealand'], NI: [145, 'Nicaragua'], NE: [146, 'Niger'],
  NG: [147, 'Nigeria'], KP: [149, 'North Korea'], NO: [151, 'Norway'], OM: [152, 'Oman'], PK: [153, 'Pakistan'], PS: [155, 'West Bank and Gaza Strip'],
  PA: [156, 'Panama'], PG: [157, 'Papua New Guinea'], PY: [158, 'Paraguay'], PE: [159, 'Peru'], PH: [160, 'Philippines'], PL: [161, 'Poland'],
  PT: [162, 'Portugal'], QA: [164, 'Qatar'], RO: [166, 'Romania'], RU: [167, 'Russia'], RW: [168, 'Rwanda'], SA: [173, 'Saudi Arabia'],
  SN: [174, 'Senegal'], SC: [176, 'Seychelles'], SL: [177, 'Sierra Leone'], SG: [178, 'Singapore'], SK: [179, 'Slovak Republic'], SI: [180, 'Slovenia'],
  SB: [181, 'Solomon Islands'], SO: [182, 'Somalia'], ZA: [183, 'South Africa'], KR: [184, 'South Korea'], ES: [185, 'Spain'], LK: [186, 'Sri Lanka'],
  KN: [189, 'St. Kitts and Nevis'], LC: [190, 'St. Lucia'], MF: [192, 'St. Martin'], SD: [195, 'Sudan'], SR: [196, 'Suriname'], SZ: [197, 'Swaziland'],
  SE: [198, 'Sweden'], CH: [199, 'Switzerland'], SY: [200, 'Syria'], TW: [201, 'Taiwan'], TJ: [202, 'Tajikistan'], TZ: [203, 'Tanzania'],
  TG: [204, 'Togo'], TH: [205, 'Thailand'], TT: [207, 'Trinidad and Tobago'], TN: [208, 'Tunisia'], TR: [209, 'Turkey'], TM: [210, 'Turkmenistan'],
  UG: [213, 'Uganda'], UA: [214, 'Ukraine'], AE: [215, 'United Arab Emirates'], US: [217, 'United States'], UY: [218, 'Uruguay'],
  UZ: [219, 'Uzbekistan'], VU: [220, 'Vanuatu'], VA: [221, 'Vatican City'], VE: [222, 'Venezuela'], VN: [223, 'Vietnam'],
  WF: [225, 'Wallis and Futuna'], EH: [226, 'Western Sahara'], YE: [228, 'Yemen'], CD: [229, 'Democratic Republic of the Congo'],
  ZM: [230, 'Zambia'], ZW: [231, 'Zimbabwe'], TL: [347, 'East Timor'], GB: [603, 'United Kingdom'], RS: [1001, 'Serbia'],
  ME: [1002, 'Montenegro'], XK: [1003, 'Kosovo'], SS: [1004, 'South Sudan'],
};

/**
 * GTD target subtypes (`targsubtype1`) Dossier can tell from a target's words, by target type. Each
 * rule: the words, the subtype's number and text (GTD codebook). The first rule whose words occur in
 * the target wins; a type without a matching rule leaves the subtype blank (unknown), as GTD does.
 */
export const GTD_TARGET_SUBTYPES: Record<string, readonly { words: RegExp; code: number; text: string }[]> = {
  Police: [
    { words: /\b(?:prison|jail|penitentiary)\b/i, code: 26, text: 'Prison/Jail' },
    { words: /\b(?:checkpoint|check-point|post)\b/i, code: 24, text: 'Police Checkpoint' },
    { words: /\b(?:station|headquarters|building|academy|school)\b/i, code: 22, text: 'Police Building (headquarters, station, school)' },
    { words: /\b(?:patrol|convoy|vehicle|car|van)\b/i, code: 23, text: 'Police Patrol (including vehicles and convoys)' },
    { words: /\b(?:police(?:man|men|woman|women)?|officers?|constables?|policemen|personnel|forces)\b/i, code: 25, text: 'Police Security Forces/Officers' },
  ],
  Military: [
    { words: /\b(?:checkpoint|check-point)\b/i, code: 36, text: 'Military Checkpoint' },
    { words: /\b(?:base|barracks|headquarters|camp|outpost|post)\b/i, code: 27, text: 'Military Barracks/Base/Headquarters/Checkpost' },
    { words: /\b(?:patrol|convoy|unit)\b/i, code: 29, text: 'Military Unit/Patrol/Convoy' },
    { words: /\b(?:soldiers?|troops?|servicem[ae]n|officers?|forces|personnel)\b/i, code: 34, text: 'Military Personnel (soldiers, troops, officers, forces)' },
  ],
  'Religious Figures/Institutions': [
    { words: /\b(?:church(?:es)?|mosques?|synagogues?|temples?|shrines?|cathedrals?|monaster(?:y|ies)|chapels?)\b/i, code: 86, text: 'Place of Worship' },
    { words: /\b(?:priests?|imams?|rabbis?|clerics?|bishops?|pastors?|monks?|nuns?)\b/i, code: 85, text: 'Religious Figure' },
  ],
  'Private Citizens & Property': [
    { words: /\b(?:market(?:place)?s?|bazaars?|squares?|plaza)\b/i, code: 74, text: 'Marketplace/Plaza/Square' },
    { words: /\b(?:houses?|homes?|residences?|apartments?)\b/i, code: 76, text: 'House/Apartment/Residence' },
    { words: /\b(?:villages?|towns?|neighbou?rhoods?|suburbs?)\b/i, code: 75, text: 'Village/City/Town/Suburb' },
    { words: /\b(?:wedding|funeral|gathering|procession|crowd|concert)\b/i, code: 78, text: 'Procession/Gathering (funeral, wedding, birthday, religious)' },
    { words: /\b(?:students?)\b/i, code: 70, text: 'Student' },
    { words: /\b(?:farmers?|herders?)\b/i, code: 72, text: 'Farmer' },
    { words: /\b(?:protesters?|demonstrators?)\b/i, code: 83, text: 'Protester' },
    { words: /\b(?:civilians?|people|residents?|villagers?|passers-?by|bystanders?)\b/i, code: 67, text: 'Unnamed Civilian/Unspecified' },
  ],
  'Educational Institution': [
    { words: /\b(?:teachers?|professors?|lecturers?|instructors?)\b/i, code: 46, text: 'Teacher/Professor/Instructor' },
    { words: /\b(?:schools?|universit(?:y|ies)|colleges?|madrasas?)\b/i, code: 47, text: 'School/University/Educational Building' },
  ],
  Transportation: [
    { words: /\b(?:bus station|bus stop)\b/i, code: 101, text: 'Bus Station/Stop' },
    { words: /\b(?:bus(?:es)?)\b/i, code: 99, text: 'Bus (excluding tourists)' },
    { words: /\b(?:trains?|railways?|tracks?|trolley)\b/i, code: 100, text: 'Train/Train Tracks/Trolley' },
    { words: /\b(?:subway|metro)\b/i, code: 102, text: 'Subway' },
    { words: /\b(?:bridges?|tunnels?)\b/i, code: 103, text: 'Bridge/Car Tunnel' },
    { words: /\b(?:highways?|roads?)\b/i, code: 104, text: 'Highway/Road/Toll/Traffic Signal' },
  ],
};
