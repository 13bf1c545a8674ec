/**
 * Layout patterns shared by the text and HTML intake paths.
 *
 * Kept together, each with an example, so that when a page or report is
 * mis-read the rule responsible can be found and adjusted in one place
 * (the way Mozilla Readability keeps its REGEXPS table).
 */

/**
 * A block that starts the trailing footer of a page or post: it and every
 * block after it are dropped when it appears in the tail of the document.
 * Examples: "No comments:", "Post a Comment", "Related articles",
 * "To contact the Example Party visit:", "Leave a reply".
 */
export const FOOTER_START =
  /^(?:no comments?:?|\d+ comments?:?|post a comment|leave a (?:reply|comment)|comments?(?: \(\d+\))?:?|related (?:articles?|stories|posts?|coverage|content|reading)|more (?:from|on) .{1,60}|read more(?: from .{1,60})?:?|you (?:may|might) also like:?|recommended(?: for you)?:?|share this(?: article| story| post| page)?:?(?:\s+\w+(?:\s*\|\s*\w+)*)?|(?:this|the) (?:story|article|report) (?:was|is|has been) (?:first |originally )?(?:published|republished|syndicated)\b.{0,200}|share (?:on|via) \w+|to contact .{1,120}? visit:?|(?:newer|older) posts?|subscribe to:? .{0,60}|labels?:.*|posted by .{1,80})$/i;

/**
 * A short block that is boilerplate wherever it stands (share bars,
 * newsletter prompts, copyright and cookie lines). Examples: "Share this",
 * "Subscribe to our newsletter", "© 2024 Example Media. All rights
 * reserved.", "Advertisement", "Skip to content".
 */
export const BOILERPLATE_BLOCK =
  /^(?:share(?: this(?: article| story| post| page)?)?|adverti[sz]ement|advert|ad|sign in|log in|close|caption|continue reading(?: below)?|image \d+ of \/? ?\d+|(?:this|the) (?:slideshow|video|content|page) requires javascript\.?|.{0,80}\bclick(?:ing)? here\b.{0,80}|\d{1,3}|(?:related|see also|read more|more|watch|listen|read|also read)\s*:\s*.{1,150}|.{0,120}\b(?:sign up|subscribe)\b.{0,120}\bnewsletters?\b.{0,120}|.{0,120}\bnewsletters?\b.{0,80}\b(?:sign up|subscribe)\b.{0,120}|(?:email|e-mail|contact|follow) .{0,160}(?:@\w|\btwitter\b|\bfacebook\b|\binstagram\b).{0,120}|share on (?:facebook|twitter|x|whatsapp|linkedin|email)|tweet|email|print|advertisement|advertising|sponsored(?: content)?|skip to (?:main )?content|subscribe(?: now| today| for free)?|sign up(?: for| to) .{0,80}|(?:get|sign up for) (?:our|the) .{0,40}newsletter.{0,40}|follow us(?: on .{1,60})?|click here.{0,80}|all rights reserved\.?|(?:©|\(c\)|copyright)\s.{0,120}|.{0,120}all rights reserved\.?|.{0,200}\b(?:we use cookies|uses cookies|cookie (?:policy|settings|preferences)|accept (?:all )?cookies)\b.{0,300})$/i;

/**
 * A share bar: nothing but network names and share verbs, in any language's
 * page furniture. Examples: "Facebook Twitter WhatsApp Email",
 * "Whatsapp Facebook Pint Baixar".
 */
export const SHARE_BAR = { test: isShareBar };

/** A share bar's words, each as a sticky pattern that ends at a word boundary. */
const SHARE_WORDS = ['facebook', 'twitter', 'x', 'whatsapp', 'pinterest', 'pint', 'pin it', 'linkedin', 'reddit', 'telegram', 'tumblr', 'messenger', 'vk', 'email', 'e-mail', 'mail', 'print', 'copy link', 'copy', 'share', 'tweet', 'compartir', 'partager', 'teilen', 'baixar', 'download', 'sms']
  .map((w) => new RegExp(`${w}\\b`, 'iy'));
/** The separators after a word. */
const SHARE_SEPARATORS = /[\s|·•,/]*/y;
/** A blank (\s), one character. */
const BLANK_CHAR = /\s/;
/** The longest tail after the words: up to 20 characters, none blank. */
const SHARE_TAIL = 20;

/**
 * Whether a text is a share bar, as `/^(?:(?:facebook|…|sms)\b[\s|·•,/]*){2,}\S{0,20}$/i.test(text)`
 * answered. recheck rated that pattern quadratic (issue 13: the tail tried after every word and every
 * separator); this walks the places a word may start once, each reached with how many words (0, 1 or
 * 2 and more), and the words end where the tail can start: after the last blank, 20 characters from
 * the end at most, which a run of separators reaches if its end does.
 */
function isShareBar(text: string): boolean {
  let afterBlank = text.length;
  while (afterBlank > 0 && !BLANK_CHAR.test(text[afterBlank - 1]!)) afterBlank--;
  const tailFrom = Math.max(text.length - SHARE_TAIL, afterBlank);
  const words = new Map<number, number>([[0, 0]]);
  for (let at = 0; at < text.length; at++) {
    const before = words.get(at);
    if (before === undefined) continue;
    for (const w of SHARE_WORDS) {
      w.lastIndex = at;
      if (!w.test(text)) continue;
      SHARE_SEPARATORS.lastIndex = w.lastIndex;
      SHARE_SEPARATORS.test(text);
      const end = SHARE_SEPARATORS.lastIndex;
      const count = Math.min(before + 1, 2);
      if (count === 2 && end >= tailFrom) return true;
      words.set(end, Math.max(words.get(end) ?? 0, count));
    }
  }
  return false;
}

/**
 * A standalone timestamp line left in a page body: "Published 1 day ago",
 * "Updated 5:27 am CST, Wednesday, November 20, 2019".
 */
export const TIMESTAMP_LINE = /^(?:(?:first )?published|posted|updated|last updated|modified)\b.{0,80}(?:\d{4}|\bago|\d:\d\d)\W{0,3}$/i;

/** Longest block BOILERPLATE_BLOCK may remove; longer blocks are treated as prose. */
export const BOILERPLATE_MAX_CHARS = 400;

/**
 * A block that is only a web address, left over after a footer such as
 * "To contact ... visit:". Example: "example.org/contact".
 */
export const BARE_URL_BLOCK = /^(?:https?:\/\/)?(?:www\.)?[\w-]+(?:\.[\w-]+)+(?:\/\S*)?$/i;

/** A contact footer's head, with and without its article. */
const CONTACT_HEAD_THE = /^to contact the /i;
const CONTACT_HEAD = /^to contact /i;
/** Its tail, at the end of the line. */
const CONTACT_TAIL = / visit:?$/i;
/** A line break, which `.` does not cross. */
const LINE_BREAK = /[\n\r\u2028\u2029]/;
/** Between the organisation and another one: the first from the organisation's second character on. */
const CONTACT_AND = / and /gi;

/**
 * The organisation named in a "To contact X visit" footer, or null when the line is none. Example:
 * "To contact the Example Post and the Workers Party visit:" → "Example Post". The same answer as
 * group 1 of /^to contact (?:the )?(.+?)(?: and (?:the )?.+?)? visit:?$/i, found by code because that
 * pattern was quadratic (the lazy name stopped at every character to read to the end): the name is
 * what lies before the tail, cut at the first " and " that leaves a character before the tail.
 */
export function contactFooterName(line: string): string | null {
  const tail = CONTACT_TAIL.exec(line);
  if (!tail || LINE_BREAK.test(line)) return null;
  // "the " is taken when a name is left after it (the pattern's greedy optional), else it is the name.
  for (const head of [CONTACT_HEAD_THE, CONTACT_HEAD]) {
    const h = head.exec(line);
    const body = h ? line.slice(h[0].length, tail.index) : '';
    if (!body) continue;
    CONTACT_AND.lastIndex = 1;
    const and = CONTACT_AND.exec(body);
    return and && and.index + and[0].length < body.length ? body.slice(0, and.index) : body;
  }
  return null;
}

/**
 * A photo caption: ends with a bracketed or parenthesised credit, or begins
 * with a "Photo:" label. Examples: "Mourners gather outside the hall.
 * [AP Photo/Jane Roe]", "Smoke rises over the port (Photo: Reuters)",
 * "Photo: Police at the scene".
 */
export const CAPTION_CREDIT =
  /(?:\[[^\][]{0,160}\b(?:photo|image|picture|credit|file|video|screenshot|getty|reuters|afp|ap|epa)\b[^\][]{0,160}\]|\((?:[^()]{0,60}\b)?(?:photo|image|picture|credit|getty images|file photo|screenshot)\b[^()]{0,160}\))\s*$/i;
export const CAPTION_LABEL = /^(?:photo|image|picture|pictured|above|top|caption|file photo)\s*(?::|\||—|–|-)\s*\S/i;

/**
 * A block introduced as a quotation in plain text: it starts with an
 * ellipsis ("...marks the beginning of ...") or is wholly enclosed in
 * quotation marks.
 */
export const QUOTE_OPENING_ELLIPSIS = /^(?:\.\.\.|…)\s*\S/;
export const WHOLLY_QUOTED = /^["“«„][^"”»]{40,}["”»][.)]?$/;

/** "By Jane Roe", "by JANE ROE": the prefix of a byline. */
export const BY_PREFIX = /^by\s+/i;

/** Words that may sit inside a personal name without a capital: "Ana de Souza", "Omar al Hadi". */
export const NAME_PARTICLES = new Set([
  'de', 'da', 'do', 'dos', 'das', 'del', 'della', 'di', 'du', 'van', 'von', 'der', 'den', 'ter',
  'la', 'le', 'al', 'el', 'bin', 'ibn', 'ben', 'y', 'e',
]);

/**
 * Verbs that headlines and captions use; a line containing one is a
 * sentence or headline, not a name: "Gunmen Storm Village", "Three Killed".
 */
export const HEADLINE_VERBS = [
  'says', 'say', 'said', 'kill', 'kills', 'killed', 'attack', 'attacks', 'attacked', 'arrest', 'arrests',
  'arrested', 'die', 'dies', 'died', 'dead', 'injured', 'wounded', 'hurt', 'storm', 'storms', 'stormed',
  'bomb', 'bombs', 'bombed', 'fire', 'fires', 'fired', 'shot', 'shoot', 'shoots', 'clash', 'clashes',
  'protest', 'protests', 'condemn', 'condemns', 'claim', 'claims', 'claimed', 'warn', 'warns', 'vows',
  'hit', 'hits', 'seize', 'seizes', 'seized', 'flee', 'flees', 'fled', 'burn', 'burns', 'burned',
  'charged', 'charges', 'jailed', 'sentenced', 'held', 'detained', 'missing', 'rises', 'rise', 'falls',
];

/**
 * Capitalised words that show a line is a headline or label, not a
 * person's name: "Police Arrest Three", "Breaking News", "Live Updates".
 */
export const NOT_NAME_WORDS = new Set([
  // function words and pronouns
  'the', 'a', 'an', 'and', 'or', 'of', 'in', 'on', 'at', 'to', 'for', 'with', 'from', 'by', 'as', 'into',
  'after', 'before', 'over', 'under', 'amid', 'against', 'about', 'near', 'not', 'no', 'new', 'is', 'are',
  'was', 'were', 'be', 'been', 'has', 'have', 'had', 'will', 'would', 'can', 'could', 'may', 'this', 'that',
  'these', 'those', 'it', 'its', 'we', 'our', 'they', 'their', 'he', 'she', 'his', 'her', 'who', 'what',
  'how', 'why', 'when', 'where', 'more', 'most', 'all', 'least', 'up', 'out', 'down',
  ...HEADLINE_VERBS,
  // labels and common nouns on title-case lines
  'police', 'army', 'government', 'ministry', 'news', 'update', 'updates', 'breaking', 'live', 'video',
  'photo', 'photos', 'opinion', 'analysis', 'editorial', 'comment', 'comments', 'home', 'menu', 'search',
  'contact', 'about', 'share', 'subscribe', 'advertisement', 'staff', 'reporter', 'correspondent', 'editor',
  'writer', 'desk', 'team', 'press', 'agency', 'party', 'city', 'hall', 'street', 'war', 'attack', 'dead',
  'people', 'report', 'reports', 'statement', 'world',
  // calendar words: "June Monday" is not a name
  'january', 'february', 'march', 'april', 'june', 'july', 'august', 'september', 'october',
  'november', 'december', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday',
]);

/**
 * Head words of organisation names; a line with one is an organisation,
 * not a person: "Human Rights Watch", "Northern Workers Committee".
 */
export const ORG_WORDS = new Set([
  'watch', 'committee', 'council', 'group', 'union', 'front', 'ministry', 'agency', 'rights', 'international',
  'organisation', 'organization', 'association', 'federation', 'institute', 'foundation', 'society', 'movement',
  'brigade', 'brigades', 'forces', 'guard', 'league', 'network', 'center', 'centre', 'office', 'service',
  'services', 'department', 'bureau', 'commission', 'coalition', 'alliance', 'authority', 'university', 'club',
  'company', 'corporation', 'inc', 'ltd', 'bank', 'fund', 'project', 'campaign', 'collective', 'editors',
  'editorial', 'board', 'desk', 'staff', 'news', 'media', 'times', 'post', 'journal', 'tribune', 'herald',
]);

/**
 * Words whose presence marks a byline's second part as a publisher:
 * "By Jane Roe, Associated Press", "Jane Roe | Example News".
 */
export const PUBLISHER_WORDS =
  /\b(?:press|news|agency|times|post|herald|journal|tribune|gazette|guardian|telegraph|reuters|afp|ap|bbc|cnn|network|media|tv|radio|service|daily|weekly|magazine|review|online|wire)\b/i;

/**
 * Common English function words; their share of a text's tokens is a cheap
 * and robust English detector (news prose runs well above 25%).
 */
export const ENGLISH_FUNCTION_WORDS = new Set([
  'the', 'of', 'and', 'to', 'in', 'a', 'is', 'that', 'for', 'it', 'as', 'was', 'with', 'be', 'by', 'on',
  'not', 'he', 'this', 'are', 'or', 'his', 'from', 'at', 'which', 'but', 'have', 'an', 'had', 'they',
  'were', 'their', 'has', 'been', 'its', 'who', 'will', 'would', 'there', 'also', 'after', 'into', 'than',
  'them', 'these', 'said', 'we', 'our', 'she', 'her', 'more', 'other',
]);
