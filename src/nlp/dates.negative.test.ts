import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findDates } from './dates.js';

const P = '2024-06-27';

/** Each of these must produce no date at all. */
const NO_DATE: readonly string[] = [
  'Those arrested may also face charges of treason.',
  'The suspects may be released on bail.',
  'May God protect the victims, the priest said.',
  'Theresa May said nothing.',
  'Thousands joined a march on the capital.',
  'Students plan to march to the parliament.',
  'The march ended peacefully.',
  'March with us, the leaflet said.',
  'Police counted 2,000 people at the rally.',
  'They were promised 500,000 rubles for the job.',
  'The quote appears on p. 6 of the book.',
  'See the Bulletin, No. 43, for details.',
  'Veterans of World War II laid wreaths.',
  'He was jailed for 2 years.',
  'Turnout was 75 percent.',
  'The hotline runs 24/7.',
  'Clashes broke out days after the attack.',
  'The shops close on Mondays.',
  'Pilgrims gathered on Good Friday.',
  'Marchers remembered Bloody Sunday.',
  'At least 2000 people fled.',
  'Around 1500 troops were deployed.',
  'They fired 1200 rounds.',
  'The F-16 jets flew low.',
  'Flight 1549 landed safely.',
  'The monday meeting was cancelled.',
  'Over the past year the group grew.',
  'The last year has been hard.',
  'Scores rose by 12.5 points.',
  'Call 555-2024 for help.',
  // Slash pairs that are not days: idioms, scores, fractions, identifiers, phone numbers.
  'The clinic offers a 24/7 service.',
  'The hotline is open on 24/7 basis.',
  'The final score 3/4 was disputed.',
  'Rebels hold 3/4 of the district.',
  'The motion passed by a 2/3 majority.',
  'Security was tightened after 9/11.',
  'The home side won 2/1 on the night.',
  'Covid-19 cases rose again.',
  'Call 0803 123 4567 or 0803/123/45 for help.',
  'The ratio was 1/2 at best.',
  'Interest rose to 12/13 percent.',
];

test('expressions that are not dates produce no date mention', () => {
  for (const text of NO_DATE) {
    const found = findDates(text, P).map((d) => d.text);
    assert.deepEqual(found, [], `no date expected in ${JSON.stringify(text)}`);
  }
});

test('counts and identifiers near real dates are not swallowed into them', () => {
  const text = 'On June 23, at least 2000 people fled; see p. 6.';
  assert.deepEqual(findDates(text, P).map((d) => d.text), ['June 23']);
});
