import fc from 'fast-check';
import { SENTENCES, WORDS } from './vocab.js';

/**
 * Prose, markdown and the pathological runs aimed at the regular expressions. Each arbitrary yields
 * a string; the case arbitraries (cases.ts) encode it and pick a format and a source name.
 */

const ENDS = ['.', '.', '.', '!', '?', '', '...', ':', ';', '."', '.)', ' —'];
const BREAKS = ['\n\n', '\n\n', '\n', '\r\n\r\n', ' \n \n', '\n\n\n\n', '\n\t\n', '\u2029'];

export const wordArb: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.constantFrom(...WORDS), weight: 12 },
  { arbitrary: fc.string({ maxLength: 12 }), weight: 1 },
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 6 }), weight: 1 },
  { arbitrary: fc.integer({ min: -5, max: 100_000 }).map(String), weight: 2 },
  { arbitrary: fc.constantFrom('Jan. 5', '5 January 2020', '2020-01-05', '1/5/2020', '05.01.2020', 'noon', '3:15 p.m.'), weight: 1 },
);

export const sentenceArb: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.constantFrom(...SENTENCES), weight: 2 },
  {
    arbitrary: fc.tuple(fc.array(wordArb, { minLength: 1, maxLength: 40 }), fc.constantFrom(...ENDS)).map(([ws, end]) => {
      const s = ws.join(' ');
      return s.charAt(0).toUpperCase() + s.slice(1) + end;
    }),
    weight: 5,
  },
);

export const paragraphArb: fc.Arbitrary<string> = fc.array(sentenceArb, { minLength: 1, maxLength: 8 }).map((ss) => ss.join(' '));

/** A plain-text report: an optional title and byline, then paragraphs. */
export const textArb: fc.Arbitrary<string> = fc
  .record({
    title: fc.option(fc.array(wordArb, { minLength: 1, maxLength: 12 }).map((ws) => ws.join(' '))),
    byline: fc.option(fc.constantFrom('By Jane Roe', 'By JANE ROE, Reuters', 'MOSCOW (Reuters) -', 'Posted by admin', 'KABUL, Afghanistan —')),
    paragraphs: fc.array(paragraphArb, { maxLength: 12 }),
    brk: fc.constantFrom(...BREAKS),
    tail: fc.option(fc.constantFrom('No comments:\n\nPost a Comment', 'Share this:\nTwitter\nFacebook', '© 2024 News Corp. All rights reserved.', 'Related stories')),
  })
  .map((r) => [r.title, r.byline, ...r.paragraphs, r.tail].filter((x): x is string => x !== null).join(r.brk));

const mdBlockArb: fc.Arbitrary<string> = fc.oneof(
  paragraphArb,
  fc.tuple(fc.integer({ min: 1, max: 8 }), sentenceArb).map(([n, s]) => `${'#'.repeat(n)} ${s}`),
  fc.tuple(sentenceArb, fc.constantFrom('=', '-')).map(([s, u]) => `${s}\n${u.repeat(Math.max(1, s.length % 20))}`),
  fc.array(sentenceArb, { minLength: 1, maxLength: 5 }).map((ss) => ss.map((s, i) => (i % 2 ? `${i}. ${s}` : `- ${s}`)).join('\n')),
  fc.tuple(paragraphArb, fc.boolean()).map(([p, closed]) => '```js\n' + p + (closed ? '\n```' : '')),
  sentenceArb.map((s) => `> ${s}\n> > ${s}`),
  fc.tuple(wordArb, wordArb).map(([a, b]) => `| ${a} | ${b} |\n|---|---|\n| ${b} | ${a} |`),
  fc.tuple(wordArb, fc.webUrl()).map(([a, u]) => `[${a}](${u}) ![${a}](${u} "t") <${u}>`),
  paragraphArb.map((p) => `<div class="x">\n${p}\n</div>`),
  fc.constantFrom('---', '***', '___', '* * *', '<!-- comment -->', '<!--', '\\', '[^1]: note', '[ref]: http://x'),
);

/** Markdown, with YAML front matter that is sometimes broken. */
export const markdownArb: fc.Arbitrary<string> = fc
  .record({
    front: fc.option(
      fc.record({
        title: sentenceArb,
        date: fc.constantFrom('2024-03-22', '22 March 2024', 'not a date', '2024-13-45', '', '9999-99-99T99:99'),
        closed: fc.boolean(),
        extra: fc.constantFrom('', 'author: Jane Roe\n', 'tags: [a, b\n', 'title: "unterminated\n', ':\n', 'a: b: c\n'),
      }),
    ),
    blocks: fc.array(mdBlockArb, { maxLength: 14 }),
    brk: fc.constantFrom(...BREAKS),
  })
  .map((r) => {
    const front = r.front ? `---\ntitle: ${r.front.title}\ndate: ${r.front.date}\n${r.front.extra}${r.front.closed ? '---\n' : ''}` : '';
    return front + r.blocks.join(r.brk);
  });

/**
 * Units repeated into the long runs that drive a backtracking regular expression: digits, spaces,
 * punctuation, repeated words, hyphenated chains, date-like and time-like chains, titles, quotes,
 * brackets, and markup characters.
 */
export const PATHOLOGICAL_UNITS: readonly string[] = [
  '1', '9', ' ', '  ', '\t', '.', ',', ';', ':', '!', '?', '-', '—', '_', '*', '#', '>', '<', '&', '"', "'", '(', ')', '[', ']', '](',
  '\\', '/', '|', '0', '١', 'x', 'A', 'a ', 'A ', 'killed ', 'killed killed ', 'killed, ', 'in ', 'of the ', 'The ', 'Mr. ', 'U.S. ',
  'a-', 'ab-', 'Al-', '1/', '1-', '1:', '1,', '1.', '12 ', '1,000 ', '22 March ', 'March 22, ', 'at least ', '12 people killed ',
  'said ', 'said, ', '"said" ', 'according to ', 'Islamic State ', 'Moscow, ', 'St. ', 'km ', '% ', '$1 ', '\n', ' \n', '\n\n',
  '--', '...', '. ', '.\n', 'http://', 'www.', '@', 'e.g. ', 'No. ', 'I ', 'II ', '(a) ', '«', '»', '“', '”', '\u00a0', '\u200b',
];

/** A long run of one to three units, optionally inside a sentence. `maxChars` bounds its length. */
export function pathologicalArb(maxChars: number): fc.Arbitrary<string> {
  return fc
    .record({
      units: fc.array(fc.constantFrom(...PATHOLOGICAL_UNITS), { minLength: 1, maxLength: 3 }),
      chars: fc.integer({ min: 64, max: maxChars }),
      prefix: fc.constantFrom('', 'At least ', 'Police said ', 'On ', 'MOSCOW — ', '# ', '<p>'),
      suffix: fc.constantFrom('', ' people were killed.', '!', ' 2024', 'x', '\u0000', ' said the spokesman.'),
    })
    .map((r) => {
      const unit = r.units.join('');
      const body = unit.repeat(Math.max(1, Math.floor(r.chars / Math.max(1, unit.length))));
      return r.prefix + body + r.suffix;
    });
}

/** One line of `minBytes`–`maxBytes` (the 1–5 MB lines of the issue, for intake; smaller for the pipeline). */
export function hugeLineArb(minBytes: number, maxBytes: number): fc.Arbitrary<string> {
  return fc
    .record({ part: fc.oneof(sentenceArb, fc.constantFrom(...PATHOLOGICAL_UNITS)), size: fc.integer({ min: minBytes, max: maxBytes }) })
    .map((r) => {
      const unit = r.part.replace(/\n/g, ' ') + ' ';
      return unit.repeat(Math.max(1, Math.ceil(r.size / unit.length))).slice(0, r.size);
    });
}
