import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FirstStarts, runEnd } from './first-starts.js';

/** A toy: one or two capitalised words before "said"; a failed start skips the rest of its word (the word's own letters). */
const WORD = /[A-Za-z]+/y;
const said = (flags: string): FirstStarts => new FirstStarts(String.raw`[A-Z][A-Za-z]*(?: [A-Z][A-Za-z]*)? said`, flags, /[A-Z]/g, (t, at) => runEnd(t, at, WORD));

test('FirstStarts steps as RegExp#exec does, with g and without', () => {
  const text = 'xAbCd said; Ann Lee said, Bo said, Ay Ay Ay Ay saw';
  const old = /[A-Z][A-Za-z]*(?: [A-Z][A-Za-z]*)? said/g;
  const now = said('g');
  for (let from = 0; from <= text.length + 1; from++) {
    old.lastIndex = now.lastIndex = from;
    for (;;) {
      const a = old.exec(text);
      const b = now.exec(text);
      assert.deepEqual(b && [b.index, ...b], a && [a.index, ...a], `from ${from}`);
      assert.equal(now.lastIndex, old.lastIndex);
      if (!a) break;
    }
  }
  const once = said('');
  once.lastIndex = 20;
  assert.deepEqual([...once.exec(text)!], ['AbCd said']);
  assert.equal(once.lastIndex, 20, 'without g, lastIndex is neither read nor moved');
  assert.equal(once.test('no one spoke'), false);
});

test('FirstStarts with `needs` finds what it finds without, and tries no start where the words are missing', () => {
  const gated = (flags: string): FirstStarts => new FirstStarts(String.raw`[A-Z][A-Za-z]*(?: [A-Z][A-Za-z]*)? said`, flags, /[A-Z]/g, (t, at) => runEnd(t, at, WORD), /\bsaid\b/i);
  const texts = ['xAbCd said; Ann Lee said, Bo said, Ay Ay Ay Ay saw', 'Ann Lee SAID nothing', 'Ann said', 'no capitals said', 'Ann Lee Bo', ''];
  for (const text of texts) {
    for (let from = 0; from <= text.length + 1; from++) {
      const plain = said('g');
      const now = gated('g');
      plain.lastIndex = now.lastIndex = from;
      for (;;) {
        const a = plain.exec(text);
        const b = now.exec(text);
        assert.deepEqual(b && [b.index, ...b], a && [a.index, ...a], `${text} from ${from}`);
        assert.equal(now.lastIndex, plain.lastIndex);
        if (!a) break;
      }
    }
    assert.equal(gated('').test(text), said('').test(text), text);
  }
  // No start is tried when the words are missing: a resume that throws is never called.
  const never = new FirstStarts('[A-Z]x said', '', /[A-Z]/g, () => { throw new Error('a start was tried'); }, /\bsaid\b/);
  assert.equal(never.exec('Ann Bo Cy Dee'), null);
});

test('runEnd: the end of the run from a place, or the place itself', () => {
  assert.equal(runEnd('ab cd', 0, WORD), 2);
  assert.equal(runEnd('ab cd', 2, WORD), 2);
});
