/**
 * A long synthetic news report, for measuring how ingest time grows with the
 * length of a document (bench/doc-length-bench.ts, src/pipeline/scale.test.ts).
 * Paragraphs in the manner of wire copy, with what every stage reads:
 * incidents with places, dates and casualty figures, named people and
 * groups, quotations, claims of responsibility and denials, relations
 * ("X, a spokesman for Y"). Names, numbers and dates vary from paragraph to
 * paragraph, so the document keeps naming new incidents as it grows, as a
 * compilation of reports does. Deterministic: the same size gives the same text.
 */
import { MONTH_NAMES } from '../model/index.js';

const CITIES = ['Kabul', 'Mosul', 'Aleppo', 'Mogadishu', 'Lagos', 'Karachi', 'Bogota', 'Kandahar', 'Peshawar', 'Maiduguri', 'Donetsk', 'Baghdad', 'Quetta', 'Kirkuk', 'Sanaa', 'Tripoli'];
const PEOPLE = ['Ahmad Zaki', 'Maria Lopez', 'John Carter', 'Fatima Bello', 'Omar Hadi', 'Lena Marsh', 'Ivan Petrov', 'Amina Yusuf', 'Carlos Ruiz', 'Sara Khan', 'Yusuf Demir', 'Grace Okafor'];
const GROUPS = ['Islamic State', 'al-Shabaab', 'Boko Haram', 'the Taliban', 'the National Liberation Army', 'Tehrik-i-Taliban Pakistan'];
const MONTHS = MONTH_NAMES;
const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const TARGETS = ['a police checkpoint', 'a market', 'a bus station', 'a wedding party', 'an army convoy', 'a mosque', 'a school'];
const WEAPONS = ['a car bomb', 'rifles', 'a suicide vest', 'grenades', 'a roadside bomb'];

function pick<T>(xs: readonly T[], i: number): T {
  return xs[i % xs.length]!;
}

/** The i-th paragraph: about 600 characters of reporting on one incident. */
export function syntheticParagraph(i: number): string {
  const city = pick(CITIES, i);
  const who = pick(PEOPLE, i * 7 + 3);
  const other = pick(PEOPLE, i * 5 + 1);
  const group = pick(GROUPS, i * 3);
  const killed = 3 + (i % 41);
  const wounded = 10 + ((i * 13) % 90);
  const day = 1 + (i % 28);
  const year = 1990 + (i % 34);
  return (
    `At least ${killed} people were killed and ${wounded} wounded when gunmen attacked ${pick(TARGETS, i)} in ${city} on ${pick(WEEKDAYS, i)}, officials said. ` +
    `The attack on ${pick(MONTHS, i)} ${day}, ${year} was carried out with ${pick(WEAPONS, i * 11)}, and ${group} claimed responsibility in a statement. ` +
    `"We will find those responsible," ${who}, a spokesman for the Interior Ministry, told reporters. ` +
    `${other} said about ${wounded * 3} protesters later marched to the governor's office in ${city}, where police arrested ${2 + (i % 9)} suspects.`
  );
}

/**
 * A report of about `chars` characters: a title, then paragraphs separated by
 * blank lines, or all on one line (`singleLine`: no newline anywhere, as a
 * text pasted from a page that lost its line breaks).
 */
export function syntheticReport(chars: number, singleLine = false): string {
  const parts = ['Attacks continue across the region'];
  let length = parts[0]!.length;
  for (let i = 0; length < chars; i++) {
    const p = syntheticParagraph(i);
    parts.push(p);
    length += p.length + 2;
  }
  return parts.join(singleLine ? ' ' : '\n\n');
}
