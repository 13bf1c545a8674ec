import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DATE_RULES, DATE_STAGE, findDates } from './dates.js';
import { scan } from './scan.js';
import type { DateMention } from '../model/index.js';
import { lcg } from '../testing/shuffle.js';

/** Thursday. */
const JUNE = '2024-06-27';
/** Monday. */
const APRIL = '2024-04-08';

function dates(text: string, published: string | null): DateMention[] {
  const out = findDates(text, published);
  for (const d of out) {
    assert.equal(text.slice(d.start, d.end), d.text, 'offsets must slice to the mention text');
    assert.equal(d.stage, DATE_STAGE);
    assert.match(d.reason, /^rule: /);
  }
  return out;
}

/** The only date in text: its text, iso and relative flag. */
function one(text: string, published: string | null): DateMention {
  const out = dates(text, published);
  assert.equal(out.length, 1, `expected one date in ${JSON.stringify(text)}, got ${JSON.stringify(out.map((d) => d.text))}`);
  return out[0]!;
}

function check(text: string, published: string | null, mention: string, iso: string | null, relative = false): DateMention {
  const d = one(text, published);
  assert.equal(d.text, mention, text);
  assert.equal(d.iso, iso, text);
  assert.equal(d.relative, relative, text);
  return d;
}

test('full dates resolve to day precision', () => {
  check('The raid happened on 14 February 2023 near the border.', JUNE, '14 February 2023', '2023-02-14');
  check('Officials met on February 14, 2023, to review it.', JUNE, 'February 14, 2023', '2023-02-14');
  check('Filed 2023-02-14 by the clerk.', JUNE, '2023-02-14', '2023-02-14');
  check('Dated 14/02/2023 in the ledger.', JUNE, '14/02/2023', '2023-02-14');
  check('Dated 02/14/2023 in the ledger.', JUNE, '02/14/2023', '2023-02-14');
  // Ambiguous slash dates default to US month-first order; dotted dates are day first;
  // another date in the same text that shows its order decides.
  check('Dated 03/04/2023 in the ledger.', JUNE, '03/04/2023', '2023-03-04');
  check('Dated 03.04.2023 in the ledger.', JUNE, '03.04.2023', '2023-04-03');
  const both = findDates('Filed 25/12/2022, amended 03/04/2023 in the ledger.', JUNE);
  assert.deepEqual(both.map((d) => d.iso), ['2022-12-25', '2023-04-03']);
  check('The vigil was held on Saturday, March 9, 2024, in the square.', JUNE, 'Saturday, March 9, 2024', '2024-03-09');
  check('Dateline: 3 Sep 2022', JUNE, '3 Sep 2022', '2022-09-03');
  const d = check('The 5th of May 2021 was quiet.', JUNE, '5th of May 2021', '2021-05-05');
  assert.deepEqual(d.value, { year: 2021, month: 5, day: 5, precision: 'day' });
});

test('month and day without year take the publication year, or the year before', () => {
  check('The shelling on June 20 destroyed a school.', JUNE, 'June 20', '2024-06-20');
  check('On the evening of June 20, gunmen opened fire.', JUNE, 'June 20', '2024-06-20');
  check('Police said on 20 June that two men were held.', JUNE, '20 June', '2024-06-20');
  check('The bombing on March 30 was claimed later.', APRIL, 'March 30', '2024-03-30');
  // Within two months after P: still the publication year (an announced event).
  check('Talks are set for August 15 in Geneva.', JUNE, 'August 15', '2024-08-15');
  // More than two months after P: the previous year.
  check('The blockade began on December 30 and lasted weeks.', APRIL, 'December 30', '2023-12-30');
  check('Elections were held on September 15.', JUNE, 'September 15', '2023-09-15');
  const d = one('The bombing on March 30 was claimed later.', APRIL);
  assert.match(d.reason, /year of publication/);
});

test('day ranges resolve to the first day and cover the whole range', () => {
  check('The congress meets on July 9-11 in the capital.', JUNE, 'July 9-11', '2024-07-09');
  check('Strikes continued 3–5 May across the region.', JUNE, '3–5 May', '2024-05-03');
});

test('day ranges in words resolve to the first day', () => {
  check('Clashes were reported between 1 and 7 May in the district.', JUNE, 'between 1 and 7 May', '2024-05-01');
  check('Overnight between 24 and 25 March 2020, militiamen abducted two men.', JUNE, 'between 24 and 25 March 2020', '2020-03-24');
  check('Schools closed from 3 to 5 June 2021 in the county.', JUNE, 'from 3 to 5 June 2021', '2021-06-03');
  // Two days joined by "and" without "between" are two days: the last one is the mention, as before.
  check('Protests were held on 9 and 10 June in the city.', JUNE, '10 June', '2024-06-10');
  // A span whose second day is not later is no span.
  check('Shelling resumed between 5 and 3 May in the town.', JUNE, '3 May', '2024-05-03');
});

test('day-month-year joined by hyphens', () => {
  check('Zongo was killed on 13-December-1998.', JUNE, '13-December-1998', '1998-12-13');
  check('Filed 5-Jan-2016.', JUNE, '5-Jan-2016', '2016-01-05');
});

test('day/month numerals without a year: the latest such day on or before publication', () => {
  // Coder notes: 2 July 2015 publication.
  const P = '2015-07-02';
  check('Gunmen attacked the village on the evening of 17/02.', P, '17/02', '2015-02-17');
  check('Troops rescue 298 hostages on 30/04 in the forest.', P, '30/04', '2015-04-30');
  check('Four suicide bombers attempt an attack in Maiduguri on 25/10, kill only themselves.', P, '25/10', '2014-10-25');
  check('A weekend (02/05) offensive was launched.', P, '02/05', '2015-05-02');
  check('They were missing since at least 14/05, when they failed to return.', P, '14/05', '2015-05-14');
  check('Boko Haram attacks Mafa, date not known, ~17/08.', P, '17/08', '2014-08-17');
  check('14/02, AM, Boni Forrest: an IED hit a patrol.', P, '14/02', '2015-02-14');
  // A range of two pairs is dated by its first.
  check('Gunmen attack Jootar over four days (07/03 - 10/03), causing deaths.', P, '07/03 - 10/03', '2015-03-07');
  // A second pair that is no day leaves the first alone; the rest is read again.
  assert.deepEqual(findDates('Attacks (07/03 - 31/02) were reported.', P).map((x) => x.text), ['07/03']);
  // A day that is only in leap years goes back to the last 29 February.
  check('The strike began on 29/02.', P, '29/02', '2012-02-29');
  // Both numbers 12 or less: the reading nearer before publication ("on 01/07" of 2 July is 1 July).
  const [wd, d] = dates('Activities were on Wednesday (01/07) hampered.', P);
  assert.equal(wd!.iso, '2015-07-01');
  assert.equal(d!.text, '01/07');
  assert.equal(d!.iso, '2015-07-01');
  assert.match(d!.reason, /day first \(ambiguous: the reading nearer before publication\)/);
  check('Officials said the raid was on 01/07.', '2015-01-08', '01/07', '2015-01-07');
  check('Officials said the raid was on 7/1.', '2015-01-08', '7/1', '2015-01-07');
  // The document's own numerals decide: "17/02" shows it writes the day first, so 03/04 is 3 April.
  const both = findDates('Gunmen attacked on 17/02. Police replied on 03/04.', P);
  assert.deepEqual(both.map((x) => x.iso), ['2015-02-17', '2015-04-03']);
  // ...and a yearless pair that shows the order decides a dated one.
  const dated = findDates('Clashes on 25/06 followed the vote of 03/04/2015.', P);
  assert.deepEqual(dated.map((x) => x.iso), ['2015-06-25', '2015-04-03']);
  // Pairs joined by "and"/"or" are each a date.
  assert.deepEqual(findDates('Residents protest on 09/02 and 11/02 against the plan.', P).map((x) => x.iso), ['2015-02-09', '2015-02-11']);
  assert.deepEqual(findDates('It occurred on 13/09 or 14/09.', P).map((x) => x.iso), ['2014-09-13', '2014-09-14']);
  // Without a publication date the year is unknown.
  const u = one('Gunmen attacked the village on 17/02.', null);
  assert.deepEqual(u.value, { year: null, month: 2, day: 17, precision: 'unknown' });
});

test('dated numerals: a reading after publication loses to one before it', () => {
  // Report of 7 May 2017: "06/05/2017" is 6 May (5 June would be a month after the report).
  const d = check('Cattle rustlers raided the village on 06/05/2017.', '2017-05-07', '06/05/2017', '2017-05-06');
  assert.match(d.reason, /the other reading is after publication/);
  // Both readings before publication: slash dates keep the US default.
  check('Dated 03/04/2023 in the ledger.', JUNE, '03/04/2023', '2023-03-04');
});

test('date styles of coder notes', () => {
  const P = '2020-04-29';
  check('On 28 April 2020, 3 soldiers were killed.', P, '28 April 2020', '2020-04-28');
  check('As reported on 1 March, a district office was burned.', P, '1 March', '2020-03-01');
  check('Gunmen struck on Thursday night in the town.', '2020-04-24', 'Thursday night', '2020-04-23', true);
  check('The clashes happened around 3 May in the camp.', '2020-05-04', '3 May', '2020-05-03');
  const w = check('Traders were evicted last week by the county.', P, 'last week', '2020-04', true);
  assert.equal(w.value.precision, 'month');
});

test('month alone: most recent such month not after publication', () => {
  check('In March, a car bomb hit the ministry.', APRIL, 'March', '2024-03');
  check('In April the curfew was lifted.', APRIL, 'April', '2024-04');
  check('In October, crowds gathered again.', '2024-03-10', 'October', '2023-10');
  check('At the end of May, the council voted.', JUNE, 'May', '2024-05');
  check('Fighting resumed in early March.', APRIL, 'early March', '2024-03');
  check('Convoys were attacked in mid-January.', APRIL, 'mid-January', '2024-01');
  const d = check('since November the roads are closed', JUNE, 'November', '2023-11');
  assert.equal(d.value.precision, 'month');
});

test('month and year give month precision', () => {
  check('The siege ended in October 2023 after talks.', JUNE, 'October 2023', '2023-10');
  check('Protests spread in late August 2022.', JUNE, 'late August 2022', '2022-08');
  const d = check('It was passed in May 2019.', JUNE, 'May 2019', '2019-05');
  assert.deepEqual(d.value, { year: 2019, month: 5, day: null, precision: 'month' });
});

test('years alone and decades give year precision', () => {
  check('The movement was banned in 2021.', JUNE, '2021', '2021');
  check('He has lived abroad since 2015.', JUNE, '2015', '2015');
  check('1991 changed the map of the region.', JUNE, '1991', '1991');
  const dec = check('Militias armed in the 1980s still hold ground.', JUNE, '1980s', '1980');
  assert.match(dec.reason, /decade/);
  const two = dates('Civil war raged from 1992 through 1997.', JUNE);
  assert.deepEqual(two.map((d) => [d.text, d.iso]), [['1992', '1992'], ['1997', '1997']]);
  check('A history of the period 1990-2016 was published.', JUNE, '1990-2016', '1990');
});

test('weekdays resolve to the last such day up to publication', () => {
  // P = Thursday 2024-06-27.
  check('Gunmen attacked a checkpoint on Monday.', JUNE, 'Monday', '2024-06-24', true);
  check('The fire started on Friday night.', JUNE, 'Friday night', '2024-06-21', true);
  check('Troops withdrew on Thursday.', JUNE, 'Thursday', '2024-06-27', true);
  check('Troops withdrew this Thursday.', JUNE, 'this Thursday', '2024-06-27', true);
  check('A second blast came last Thursday.', JUNE, 'last Thursday', '2024-06-20', true);
  check('Talks resume next Tuesday.', JUNE, 'next Tuesday', '2024-07-02', true);
  check("Sunday's march was peaceful.", JUNE, 'Sunday', '2024-06-23', true);
  // P = Monday 2024-04-08: "on Monday" is the publication day.
  check('Two men were detained on Monday.', APRIL, 'Monday', '2024-04-08', true);
  check('on saturday the market was shelled', APRIL, 'saturday', '2024-04-06', true);
  const d = one('on Monday', JUNE);
  assert.deepEqual(d.value, { year: 2024, month: 6, day: 24, precision: 'day' });
});

test('a weekday with an explicit date is not relative', () => {
  check('He visited the site on Monday, June 24, 2024.', JUNE, 'Monday, June 24, 2024', '2024-06-24', false);
});

test('relative expressions resolve against the publication date', () => {
  check('Police said yesterday that the suspect fled.', JUNE, 'yesterday', '2024-06-26', true);
  check('The mayor spoke today about the threat.', JUNE, 'today', '2024-06-27', true);
  check('Shots were heard last night near the base.', JUNE, 'last night', '2024-06-26', true);
  check('A drone struck this morning.', JUNE, 'this morning', '2024-06-27', true);
  check('The convoy left two days ago.', JUNE, 'two days ago', '2024-06-25', true);
  check('The convoy left 3 weeks ago.', JUNE, '3 weeks ago', '2024-06', true);
  check('The law passed a year ago.', JUNE, 'a year ago', '2023', true);
  check('The raid took place last week.', JUNE, 'last week', '2024-06', true);
  check('Arrests followed last month.', JUNE, 'last month', '2024-05', true);
  check('Unrest grew last year.', JUNE, 'last year', '2023', true);
  check('Prices rose earlier this year.', JUNE, 'earlier this year', '2024', true);
  const lw = one('The raid took place last week.', '2024-07-03');
  assert.equal(lw.iso, '2024-06', 'last week from 3 July falls in June');
});

test('relative expressions without a publication date are unknown', () => {
  for (const text of ['Police said yesterday it was over.', 'Gunmen attacked on Monday.', 'Two days ago the bridge fell.']) {
    const d = one(text, null);
    assert.equal(d.relative, true);
    assert.equal(d.iso, null);
    assert.deepEqual(d.value, { year: null, month: null, day: null, precision: 'unknown' });
  }
});

test('month and day without publication date keep month and day, precision unknown', () => {
  const d = one('The attack on June 23 killed four.', null);
  assert.equal(d.text, 'June 23');
  assert.equal(d.iso, null);
  assert.deepEqual(d.value, { year: null, month: 6, day: 23, precision: 'unknown' });
  const full = one('Reported on 1 May 2020.', null);
  assert.equal(full.iso, '2020-05-01');
});

test('lower-case newswire text: month with day or year', () => {
  check('the bomb exploded on march 22 near the embassy', '1989-04-10', 'march 22', '1989-03-22');
  check('guerrillas attacked the post in march 1989', '1989-04-10', 'march 1989', '1989-03');
  check('the raid of 12 june left three dead', '1989-07-01', '12 june', '1989-06-12');
  check('the talks of may 1989 failed', '1989-07-01', 'may 1989', '1989-05');
});

test('several dates in one text keep order and offsets', () => {
  const text = 'Signed 2 May 2022. In March, gunmen attacked; on June 23 they returned, and in 2021 they were banned.';
  const ds = dates(text, JUNE);
  assert.deepEqual(ds.map((d) => d.text), ['2 May 2022', 'March', 'June 23', '2021']);
  assert.deepEqual(ds.map((d) => d.iso), ['2022-05-02', '2024-03', '2024-06-23', '2021']);
});

test('invalid calendar days are not dates', () => {
  assert.deepEqual(dates('on February 30 nothing happened', JUNE).map((d) => d.text), []);
  assert.deepEqual(dates('seen on 31/04/2023', JUNE).map((d) => d.text), []);
});

/**
 * Pieces that lead or end each rule's matches, the words its `starts` must catch in every case, and
 * what must not start a match (a digit after a letter or a digit, a month inside a word).
 */
const START_PIECES = [
  'the end of', 'The Beginning Of', 'the middle of', 'start of', 'the day before yesterday', 'The Day Before', 'yesterday', 'TODAY',
  'tonight', 'last night', 'this morning', 'earlier this month', 'Later this year', 'the last year', 'last', 'next', 'past', 'this',
  'Monday,', 'friday', 'SUNDAY', 'Tuesday night', 'early', 'Mid-', 'late', 'between', 'From', 'and', 'to', 'of', 'in', 'since', 'May',
  'may', 'March', 'MAR.', 'Sept', 'june', 'December', '2024', '1989', '1980s', '21', '3rd', '9-11', '1990-2016', '2021–22', '13-December-1998',
  '2024-03-22', '22/03/2024', '09.01.1970', '17/02', '07/03 - 10/03', 'x12/03/2020', 'F16', 'A1989', '1,989', 'two days ago', 'a week ago',
  'dismay', 'marches', 'Friday\'s', 'attack', ',', '.', '(', ')', '\n', 'No.', '2000 people', '5 may die',
];

test('each date rule read at its `starts` places, or only in texts holding what it `needs`, finds what it finds scanning the whole text', () => {
  const alone = DATE_RULES.map(({ starts: _s, needs: _n, ...r }) => r);
  assert.ok(DATE_RULES.filter((r) => r.starts).length >= 10, 'most date rules have starts');
  const next = lcg(7);
  const view = (xs: ReturnType<typeof scan>): unknown[] => xs.map((x) => [x.ruleIndex, x.start, x.end, [...x.match]]);
  // A read that rejects some matches and shortens others (so a rule resumes inside its match), as the resolvers do.
  const read = (m: RegExpExecArray): number | null => (m.index % 5 === 0 ? null : m.index % 7 === 0 && m[0].length > 1 ? m.index + 1 : m.index + m[0].length);
  for (let k = 0; k < 1500; k++) {
    const sep = [' ', '', ', '][next() % 3]!;
    const text = Array.from({ length: 1 + (next() % 12) }, () => START_PIECES[next() % START_PIECES.length]).join(sep);
    assert.deepEqual(view(scan(text, DATE_RULES)), view(scan(text, alone)), JSON.stringify(text));
    assert.deepEqual(view(scan(text, DATE_RULES, { read })), view(scan(text, alone, { read })), JSON.stringify(text));
  }
});
