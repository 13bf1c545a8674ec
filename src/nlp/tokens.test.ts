import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lcg } from '../testing/shuffle.js';
import { tokenize, type Token } from './tokens.js';

/** The tokenizer as it was first written: the global pattern's matches from `from`, a possessive split off by a pattern. */
function tokenizeByMatches(text: string, from = 0, to = text.length): { start: number; end: number }[] {
  const re = /(?:[A-Za-z]\.){2,}|\b(?:St|Ste|Mt|Ft)\.(?=\s+\p{Lu})|\p{L}[\p{L}\p{M}]*(?:['’\-‐]\p{L}[\p{L}\p{M}]*)*|\d+(?:[.,]\d+)*|\S/gu;
  const out: { start: number; end: number }[] = [];
  re.lastIndex = from;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    if (m.index >= to) break;
    const end = Math.min(m.index + m[0].length, to);
    const raw = text.slice(m.index, end);
    if (raw.length > 2 && /['’]s$/i.test(raw)) out.push({ start: m.index, end: end - 2 }, { start: end - 2, end });
    else out.push({ start: m.index, end });
  }
  return out;
}

const spans = (ts: Token[]): { start: number; end: number }[] => ts.map((t) => ({ start: t.start, end: t.end }));

const PIECES = ['Omarov’s', "army's", 'St. Petersburg', 'U.S.', 'al-Shabaab', '1,300', '3.5', 'Ümit', 'Мосул', 'e\u0301lite',
  '—', '"', '(', 'NATO', 'ISIS', 'Ft. Worth', 'st. louis', '😀', 'x\u00a0y', '\u2003', '\t', '\n\n', ' ', '  ', "'s", 'S', 'Ms.', '12th', '\ufeff'];

test('tokens start where the global pattern would find them and end where it ends, over mixed text and any range', () => {
  const next = lcg(5);
  for (let n = 0; n < 300; n++) {
    const parts = Array.from({ length: 1 + (next() % 40) }, () => PIECES[next() % PIECES.length]!);
    const text = parts.join(next() % 2 ? ' ' : '');
    const from = next() % (text.length + 1);
    const to = from + (next() % (text.length - from + 1));
    assert.deepEqual(spans(tokenize(text)), tokenizeByMatches(text), JSON.stringify(text));
    assert.deepEqual(spans(tokenize(text, from, to)), tokenizeByMatches(text, from, to), `${JSON.stringify(text)} [${from}, ${to})`);
  }
});

test('a token running past the end of the range is cut there; "St." still looks past it for a capital', () => {
  const text = 'He left St. Petersburg yesterday';
  assert.deepEqual(tokenize(text, 0, 11).map((t) => t.text), ['He', 'left', 'St.']);
  assert.deepEqual(tokenize(text, 0, 6).map((t) => t.text), ['He', 'lef']);
  assert.deepEqual(tokenize(text, 3, 3), []);
  assert.deepEqual(tokenize('   ', 0, 3), []);
});

test('every kind of white space separates tokens and none is a token', () => {
  const text = 'a\u00a0b\u2003c\u3000d\ufeffe\u2028f\tg\u000bh';
  assert.deepEqual(tokenize(text).map((t) => t.text), ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']);
});
