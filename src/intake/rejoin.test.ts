import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { rejoinBrokenParagraphs, type Block } from './text.js';

/** The rule as first written (one join at a time, testing the joined text's end): the reference. */
function reference(blocks: Block[]): Block[] {
  const out: Block[] = [];
  for (const b of blocks) {
    const prev = out[out.length - 1];
    if (prev && !prev.hint && !b.hint && /[\p{Ll},]$/u.test(prev.text) && /^\p{Ll}/u.test(b.text)) out[out.length - 1] = { text: `${prev.text} ${b.text}` };
    else out.push(b);
  }
  return out;
}

test('a sentence broken by a blank line is joined, a run of halves into one paragraph', () => {
  const got = rejoinBrokenParagraphs([{ text: 'The rebels tried to force a' }, { text: 'deal with the army,' }, { text: 'officials said.' }, { text: 'Nothing else.' }]);
  assert.deepEqual(got, [{ text: 'The rebels tried to force a deal with the army, officials said.' }, { text: 'Nothing else.' }]);
});

test('headings, lists and whole sentences are not joined', () => {
  const blocks: Block[] = [{ text: 'Attack in the north', hint: 'heading' }, { text: 'gunmen killed two.' }, { text: 'Police said.' }, { text: 'he left', hint: 'list' }];
  assert.deepEqual(rejoinBrokenParagraphs(blocks), blocks);
});

// Regression (fuzz, 2026-12-01, intake `pathological`): 25 000 paragraphs of "said," took 2.6 s of
// CPU, each join flattening the growing paragraph to test its end; now one join at the run's end.
test('25 000 halves become one paragraph', () => {
  const got = rejoinBrokenParagraphs(Array.from({ length: 25_000 }, () => ({ text: 'said,' })));
  assert.equal(got.length, 1);
  assert.equal(got[0]!.text, Array(25_000).fill('said,').join(' '));
});

test('the same paragraphs as the reference rule, on random paragraphs', () => {
  const piece = fc.constantFrom('a', 'B', ',', 'é', 'É', '.', ' ', 'x,', 'said', 'Said');
  const block = fc.record({ text: fc.array(piece, { maxLength: 4 }).map((p) => p.join('')), hint: fc.constantFrom(undefined, 'heading', 'list') });
  fc.assert(fc.property(fc.array(block, { maxLength: 30 }), (raw) => {
    const blocks = raw.map((b) => (b.hint ? { text: b.text, hint: b.hint } : { text: b.text })) as Block[];
    assert.deepEqual(rejoinBrokenParagraphs(blocks), reference(blocks));
  }), { numRuns: 2000, seed: 7 });
});
