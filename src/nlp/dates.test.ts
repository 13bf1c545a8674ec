import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DATE_STAGE, findDates } from './dates.js';
import type { DateMention } from '../model/index.js';

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
