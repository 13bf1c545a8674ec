import type { Annotations, Attested, DateValue } from '../../../model/index.js';
import { matchesOf } from '../../../nlp/scan.js';
import { spanIndex } from '../../../nlp/span-index.js';
import { isStatementDate, precRank, unknownDate } from '../calendar.js';
import {
  CASUALTY_CLAUSE_DATE_CONFIDENCE, CASUALTY_DATE_BEFORE_CHARS, DATE_CONFIDENCE, DATELINE_DATE_CONFIDENCE, NO_DATE_CONFIDENCE,
  OTHER_INCIDENT_AFTER_CHARS, OTHER_INCIDENT_MONTH_CONFIDENCE, RELATIVE_DATE_CONFIDENCE,
} from '../constants.js';
import { ALL_HITS } from '../hits.js';
import { CASUALTY_VERB_BEFORE_DATE, RELATIVE_TO_OTHER_INCIDENT } from '../patterns.js';
import { attested, type DocFacts, type Draft } from '../types.js';

/**
 * Date: the most precise date in the incident's own clauses; else a date relative to another incident,
 * the dateline's, a casualty statement's, or none.
 */
export function reportDate(text: string, d: Draft, ann: Annotations, docWide: DocFacts): Attested<DateValue> {
  const ranked = [...d.dates].sort((a, b) => precRank(b.m.value.precision) - precRank(a.m.value.precision));
  if (ranked.length) {
    const best = ranked[0]!.m;
    const same = ranked.filter((r) => r.m.iso === best.iso).map((r) => ({ start: r.m.start, end: r.m.end }));
    return attested(best.value, same, best.relative ? RELATIVE_DATE_CONFIDENCE : DATE_CONFIDENCE, `date in the incident's clause: ${best.reason}`);
  }
  for (const source of DATE_FALLBACKS) {
    const date = source.find(text, d, ann, docWide);
    if (date) return date;
  }
  return attested<DateValue>(unknownDate(), [], NO_DATE_CONFIDENCE, 'the text gives no date for this incident');
}

/** A source of an incident's date when no mention of it gives one. */
interface DateFallback {
  readonly name: string;
  readonly find: (text: string, d: Draft, ann: Annotations, docWide: DocFacts) => Attested<DateValue> | null;
  readonly reason: string;
}

/** Where the date of an incident no mention dates comes from, tried in order: the first that gives one wins. */
const DATE_FALLBACKS: readonly DateFallback[] = [
  {
    name: 'relative-to-other-incident', find: (text, d, ann) => relativeToOtherIncident(text, d, ann),
    reason: '"days before the … attack": a date told relative to another incident of the report',
  },
  {
    name: 'dateline', find: (_text, d, _ann, docWide) => datelineDate(docWide.dateline, d),
    reason: 'a date opening the body dates the incidents of its first paragraph',
  },
  {
    name: 'casualty-clause', find: (text, d, ann) => casualtyClauseDate(text, d, ann),
    reason: '"the twelve people killed on 19 December 2016": a casualty statement of the incident dates it',
  },
];

/**
 * "Just days before the Crocus City Hall attack, … launched an incursion": a
 * date given relative to another incident in the same report. Days or hours
 * keep the other incident's month; weeks and longer give no date.
 */
function relativeToOtherIncident(text: string, d: Draft, ann: Annotations): Attested<DateValue> | null {
  // Each sentence once, in the order of the hits: a sentence of thousands of hits was read for each (fuzz finding 45).
  for (const i of new Set(d.hits.map((h) => h.sentence))) {
    const sent = ann.sentences[i]!;
    const st = text.slice(sent.start, sent.end);
    for (const m of matchesOf(st, RELATIVE_TO_OTHER_INCIDENT)) {
      const at = sent.start + m.index + m[0].length;
      const hits = ALL_HITS.get(ann);
      const other = hits && spanIndex(hits).startingIn(at, at + OTHER_INCIDENT_AFTER_CHARS).find((o) => o.incident && o.incident !== d);
      const od = other?.incident?.dates[0]?.m;
      if (od && od.value.year !== null && od.value.month !== null) {
        return attested<DateValue>({ year: od.value.year, month: od.value.month, day: null, precision: 'month' }, [{ start: sent.start + m.index, end: other!.end }], OTHER_INCIDENT_MONTH_CONFIDENCE,
          `"${m[0].trim()} …" another incident dated ${od.iso}: same month, day unknown`);
      }
    }
  }
  return null;
}

/**
 * A dateline: a date opening the body and set off by a colon or a dash
 * ("1/9/1970: Unknown perpetrators set off a firebomb …", "26 August — A
 * suicide bomber …"). It dates the incidents of that first paragraph that
 * have no date of their own.
 */
function datelineDate(opening: DocFacts['dateline'], d: Draft): Attested<DateValue> | null {
  if (!opening) return null;
  const { date: dl, paraEnd } = opening;
  const first = d.hits.find((h) => h.mode === 'specific') ?? d.hits[0]!;
  if (paraEnd >= 0 && first.start > paraEnd) return null;
  return attested(dl.value, [{ start: dl.start, end: dl.end }], DATELINE_DATE_CONFIDENCE, `dateline: the date opening the report dates its first paragraph (${dl.reason})`);
}

/**
 * "The names of the twelve people killed on 19 December 2016 are engraved on
 * the steps": a clause of the incident that reports its dead with a date
 * dates it, when no mention of the incident did. The date must follow the
 * casualty words closely ("killed on …", "died in …").
 */
function casualtyClauseDate(text: string, d: Draft, ann: Annotations): Attested<DateValue> | null {
  for (const seg of d.segs) {
    for (const dm of spanIndex(ann.dates).inside(seg)) {
      if (dm.value.precision === 'unknown' || isStatementDate(text, dm)) continue;
      const before = text.slice(Math.max(seg.start, dm.start - CASUALTY_DATE_BEFORE_CHARS), dm.start);
      if (!CASUALTY_VERB_BEFORE_DATE.test(before)) continue;
      return attested(dm.value, [{ start: dm.start, end: dm.end }], CASUALTY_CLAUSE_DATE_CONFIDENCE, `date of a casualty statement in the incident's clauses (${dm.reason})`);
    }
  }
  return null;
}
