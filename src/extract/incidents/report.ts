import type { Annotations, Doc, IncidentReport } from '../../model/index.js';
import { acledTypeFor, classifiedText } from '../../classify/acled-type.js';
import type { LinearModel } from '../../learn/linear.js';
import { applyRoleMentions } from '../role-fields.js';
import { FACILITY_CONFIDENCE } from './constants.js';
import { openingDate } from './dateline.js';
import { documentCountry } from './document-country.js';
import { applyArrestee, reportActors } from './fields/actors.js';
import { reportCasualties } from './fields/casualties.js';
import { reportDate } from './fields/dates.js';
import { reportKind } from './fields/kind.js';
import { placeCounts, reportLocations } from './fields/places.js';
import { collectWeapons, weaponsField } from './fields/weapons.js';
import { dedupeFacilities } from './geo.js';
import { UNDERSCORE } from './patterns.js';
import { attested, type DocFacts, type Draft, type IncidentResources } from './types.js';

/** What every report of the document reads the same way (see DocFacts). */
export function docFacts(doc: Doc, ann: Annotations, reportCount: number, res: IncidentResources, roles: DocFacts['roles']): DocFacts {
  const bodyStart = doc.regions.find((r) => r.kind === 'body')?.start ?? 0;
  return { bodyStart, leadEnd: doc.text.indexOf('\n\n', bodyStart), dateline: openingDate(doc, ann), places: placeCounts(ann.mentions), country: documentCountry(doc.text, ann.mentions, res), reportCount, roles };
}

/** Step 5: a draft's report, each field filled by its builder in fields/. */
export function buildReport(doc: Doc, ann: Annotations, d: Draft, docWide: DocFacts, res: IncidentResources): IncidentReport {
  const text = doc.text;
  // The main weapon first: an attack with rifles in which a building was also
  // set on fire is a firearms attack (GTD codes the primary weapon first).
  const weapons = collectWeapons(text, d);
  const { kind, type } = reportKind(d, weapons);
  const date = reportDate(text, d, ann, docWide);
  const locations = reportLocations(text, d, docWide.places, docWide.country, res.gazetteer);
  const { perpetrators, targets } = reportActors(text, d, ann, res.gazetteer);
  const cas = reportCasualties(text, d, ann);
  const specific = d.hits.find((h) => h.mode === 'specific') ?? d.hits[0]!;
  const anchorSent = ann.sentences[specific.sentence]!;
  const firstPlace = locations[0]?.value.place.name;
  const facility = d.facilities[0]?.text;
  const label = `${kind.replace(UNDERSCORE, ' ')}${facility ? ` — ${facility}` : ''}${firstPlace ? ` — ${firstPlace}` : ''}`;
  const anchor = { start: anchorSent.start, end: anchorSent.end };
  const report: IncidentReport = {
    id: `${doc.id.slice(0, 16)}:${d.index}`,
    docId: doc.id,
    index: d.index,
    anchor,
    inPassing: inPassing(d, docWide, !!cas.killedTotal || !!cas.injured),
    type: withAcledType(type, text, anchor, docWide.reportCount === 1, res.eventModel),
    date,
    locations,
    perpetrators,
    targets,
    victims: cas.victims,
    weapons: weaponsField(weapons),
    killedVictims: cas.killedVictims,
    killedPerpetrators: cas.killedPerpetrators,
    killedTotal: cas.killedTotal,
    injured: cas.injured,
    arrested: cas.arrested,
    facilities: dedupeFacilities(d.facilities).map((f) => attested(f.text, [{ start: f.start, end: f.end }], FACILITY_CONFIDENCE, `facility named in the incident's clause: ${f.reason}`)),
    label,
  };
  applyRoleMentions(report, docWide.roles, d.segs);
  if (kind === 'arrest') applyArrestee(report, text, ann, specific);
  return report;
}

/**
 * The report's ACLED event and sub-event type: the event classifier's reading of the note (or of the
 * anchor sentence of a long document) when it is sure, else the kind's mapping (src/classify/acled-type.ts).
 * Carried by the report, so `show`, JSONL and the ACLED export agree.
 */
function withAcledType(type: IncidentReport['type'], text: string, anchor: { start: number; end: number }, onlyReport: boolean, model: LinearModel | null): IncidentReport['type'] {
  const a = acledTypeFor(type.value, classifiedText(text, anchor, onlyReport), model);
  if (a.event === type.value.acledEvent && a.subEvent === type.value.acledSubEvent) return type;
  return { ...type, value: { ...type.value, acledEvent: a.event, acledSubEvent: a.subEvent }, reason: `${type.reason}; ACLED type: ${a.reason}` };
}

/**
 * An incident is reported "in passing" when the report gives it one clause and no figures.
 * The incident a report's lead paragraph opens with is its news, never a mention in passing, even
 * before figures are known ("An armed man took several people hostage … on Friday afternoon").
 */
function inPassing(d: Draft, docWide: DocFacts, hasFigures: boolean): boolean {
  const { bodyStart, leadEnd } = docWide;
  const firstSpecific = d.hits.find((h) => h.mode === 'specific');
  const opensLead = d.index === 0 && !!firstSpecific && !firstSpecific.inTitle && firstSpecific.start >= bodyStart && (leadEnd < 0 || firstSpecific.start < leadEnd);
  return !opensLead && d.hits.filter((h) => h.mode === 'specific').length <= 1 && d.segs.length <= 1 && !hasFigures;
}
