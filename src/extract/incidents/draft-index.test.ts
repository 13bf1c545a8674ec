import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { DateMention, DateValue, IncidentKind, Mention, PlaceRef } from '../../model/index.js';
import { DraftIndex } from './draft-index.js';
import { sameIncident } from './group.js';
import type { Draft, Hit, MentionView } from './types.js';

// Invented places: two towns of one region, a third elsewhere, and the region itself.
function place(geonameid: number, name: string, featureCode: string, admin1Name: string): PlaceRef {
  return { geonameid, name, featureCode, lat: 0, lon: 0, countryCode: 'ZZ', countryName: 'Zedland', admin1Code: admin1Name.slice(0, 2), admin1Name, population: 1000 };
}
const PLACES = [place(1, 'Quenvald', 'PPLA', 'North'), place(2, 'Harrowgate', 'PPL', 'North'), place(3, 'Tolmere', 'PPL', 'South'), place(4, 'North', 'ADM1', 'North')];
const DATES: DateValue[] = [
  { year: 2024, month: 3, day: 22, precision: 'day' },
  { year: 2024, month: 3, day: 23, precision: 'day' },
  { year: 2024, month: 3, day: null, precision: 'month' },
];
const FACILITIES = ['quenvald arena', 'harrowgate station'];
const KINDS: IncidentKind[] = ['attack', 'bombing', 'armed_assault', 'riot', 'arrest'];

let offset = 0;
function viewOf(kind: IncidentKind, inTitle: boolean, definite: boolean, places: number[], dates: number[], facilities: number[]): MentionView {
  return {
    kind,
    inTitle,
    definite,
    places: places.map((i) => ({ place: PLACES[i]! })),
    dates: dates.map((i) => ({ value: DATES[i]! })),
    facilities: facilities.map((i) => ({ key: FACILITIES[i]! })),
  };
}

/** Adds a mention with this view to a draft as grouping does (addHit), then tells the index. */
function tell(index: DraftIndex, d: Draft, v: MentionView): void {
  const start = (offset += 10);
  const h = { kind: v.kind, start, end: start + 5, inTitle: v.inTitle, definite: v.definite, mode: 'specific' } as Hit;
  d.hits.push(h);
  d.kinds.push({ kind: v.kind, span: { start, end: start + 5 }, reason: 'test' });
  for (const x of v.dates) d.dates.push({ m: { value: x.value, start, end: start + 1 } as DateMention, seg: { start, end: start + 5 } });
  for (const p of v.places) d.places.push({ ...p, start: (offset += 1), end: offset + 1 } as Mention);
  for (const f of v.facilities) d.facilities.push({ ...f, start: (offset += 1), end: offset + 1 } as Mention);
  index.note(d, h);
}

function newDraft(drafts: Draft[]): Draft {
  const d: Draft = { index: drafts.length, kinds: [], anchor: { start: 0, end: 0 }, hits: [], segs: [], dates: [], places: [], facilities: [], namedTargets: [], inPassing: false };
  drafts.push(d);
  return d;
}

test('fuzz finding 40: a mention that joins nothing, repeated, is compared with each draft once, not with all before it', () => {
  // A mutated 05-paris-later.md: one heading, "# Paris attacks: de", 9 773 times over, made 10 177 drafts
  // that joined nothing; each new mention was compared with every draft before it (36 s).
  const index = new DraftIndex();
  const drafts: Draft[] = [];
  // In the title, naming only a region: it joins a draft with a town of that region, and these have none.
  const v = viewOf('attack', true, false, [3], [], []);
  let calls = 0;
  for (let i = 0; i < 2_000; i++) {
    const found = index.first(v, (d) => (calls++, sameIncident(d, v)));
    assert.equal(found, undefined);
    tell(index, newDraft(drafts), v);
  }
  assert.ok(calls < 2 * 2_000, `${calls} comparisons for 2 000 mentions`);
  // A draft told something since is read again: told of a town in the region, the eighth now joins.
  tell(index, drafts[7]!, viewOf('attack', false, false, [0], [], []));
  assert.equal(index.first(v, (d) => sameIncident(d, v)), drafts[7]);
});

test('the remembered searches find the first joining draft a scan of all drafts finds', () => {
  const mention = fc.record({
    kind: fc.constantFrom(...KINDS),
    inTitle: fc.boolean(),
    definite: fc.boolean(),
    places: fc.uniqueArray(fc.nat(PLACES.length - 1), { maxLength: 2 }),
    dates: fc.uniqueArray(fc.nat(DATES.length - 1), { maxLength: 2 }),
    facilities: fc.uniqueArray(fc.nat(FACILITIES.length - 1), { maxLength: 1 }),
    // Where a mention that joins nothing goes: a new draft, or (as a reference back would) an earlier one.
    elsewhere: fc.nat(),
  });
  fc.assert(
    fc.property(fc.array(mention, { minLength: 1, maxLength: 60 }), (steps) => {
      const index = new DraftIndex();
      const drafts: Draft[] = [];
      for (const s of steps) {
        const v = viewOf(s.kind, s.inTitle, s.definite, s.places, s.dates, s.facilities);
        const found = index.first(v, (d) => sameIncident(d, v));
        const scan = s.kind === 'arrest' ? undefined : drafts.find((d) => sameIncident(d, v));
        assert.equal(found?.index, scan?.index);
        const target = found ?? (drafts.length && s.elsewhere % 3 === 0 ? drafts[s.elsewhere % drafts.length]! : newDraft(drafts));
        tell(index, target, v);
      }
    }),
    { numRuns: 400, seed: 40 },
  );
});
