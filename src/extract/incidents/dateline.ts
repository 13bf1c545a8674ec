import type { Annotations, Doc } from '../../model/index.js';
import { spanIndex } from '../../nlp/span-index.js';
import { DATELINE_MAX_OFFSET, DATELINE_SEPARATOR_CHARS, PLACE_DATELINE_CHARS } from './constants.js';
import { isCityMention } from './geo.js';
import { DATELINE_SEPARATOR, NON_SPACE, PLACE_DATELINE } from './patterns.js';
import type { DocFacts, Hit, PlaceDateline } from './types.js';

/**
 * "ORLANDO, Fla. — Christina Grimmie … died after being shot …": wire
 * reports open with the city they are filed from, in capitals, set off by a
 * dash. It places the incidents of that first paragraph that name no city of
 * their own. A dateline in plain case ("Paris — ") counts too when the
 * gazetteer reads it as a city.
 */
export function placeDateline(doc: Doc, ann: Annotations): PlaceDateline | null {
  const body = doc.regions.find((r) => r.kind === 'body');
  const start = body ? body.start : 0;
  const m = PLACE_DATELINE.exec(doc.text.slice(start, start + PLACE_DATELINE_CHARS));
  if (!m) return null;
  const lead = m.index + m[0].search(NON_SPACE);
  const mention = ann.mentions.find((x) => x.type === 'PLACE' && x.start === start + lead && isCityMention(x));
  if (!mention) return null;
  const pe = doc.text.indexOf('\n\n', mention.end);
  return { mention, paraEnd: pe < 0 ? doc.text.length : pe };
}

/** Whether a place dateline places a hit: a body hit in the dateline's paragraph. */
export function datelineCovers(dl: PlaceDateline | null, h: Hit): boolean {
  return !!dl && !h.inTitle && h.start > dl.mention.end && h.start < dl.paraEnd;
}

/** The date that opens the body set off by a colon or a dash ("1/9/1970: …"), and where its paragraph ends. */
export function openingDate(doc: Doc, ann: Annotations): DocFacts['dateline'] {
  const body = doc.regions.find((r) => r.kind === 'body');
  const start = body ? body.start : 0;
  const dl = spanIndex(ann.dates).startingIn(start, start + DATELINE_MAX_OFFSET).find((x) => x.value.precision !== 'unknown');
  if (!dl || !DATELINE_SEPARATOR.test(doc.text.slice(dl.end, dl.end + DATELINE_SEPARATOR_CHARS))) return null;
  return { date: dl, paraEnd: doc.text.indexOf('\n\n', dl.end) };
}
