import assert from 'node:assert/strict';
import { test } from 'node:test';
import { intakeBuffer } from './index.js';
import { numericOrderHint, parseDateLine } from './dates.js';

test('numeric datelines: dotted is day first, a number over 12 shows the order, else the document convention', () => {
  assert.equal(parseDateLine('20.12.2016'), '2016-12-20');
  assert.equal(parseDateLine('24/03/2017 09:12'), '2017-03-24');
  assert.equal(parseDateLine('03/24/2017'), '2017-03-24');
  assert.equal(parseDateLine('03/08/2019'), null);
  assert.equal(parseDateLine('03/08/2019', 'dmy'), '2019-08-03');
  assert.equal(parseDateLine('03/08/2019', 'mdy'), '2019-03-08');
  assert.equal(parseDateLine('Published 24/03/2017 09:12, updated 24/03/2017 11:30'), '2017-03-24');
  assert.equal(parseDateLine('Tuesday 28 June 2016, 23:55 local time'), '2016-06-28');
});

test('numericOrderHint reads the convention from dates, then spelling', () => {
  assert.equal(numericOrderHint('It was the worst attack since 11 September 2001.'), 'dmy');
  assert.equal(numericOrderHint('It was the worst attack since September 11, 2001.'), 'mdy');
  assert.equal(numericOrderHint('People queued outside the donation centres and in the car park.'), 'dmy');
  assert.equal(numericOrderHint('People lined up outside the donation centers and in the parking lot.'), 'mdy');
  assert.equal(numericOrderHint('Nothing here tells.'), null);
});

test('text intake: a British report\'s ambiguous slash dateline, and a masthead above the headline', () => {
  const wire = 'Border city shooting: 20 dead at shopping centre\n\n03/08/2019\n\nAt least 20 people were killed at a store, and queues formed outside donation centres.\n';
  assert.equal(intakeBuffer(Buffer.from(wire), 'wire.txt', 'text').meta.published, '2019-08-03');
  const repost = 'THE EVENING COURIER  |  World\n\nAttacker named as local man\n\nPublished 24/03/2017 09:12, updated 24/03/2017 11:30\n\nBy A. Writer\n\nPolice on Thursday named the man who carried out the attack.\n\nThis story was first published by a partner newspaper and is republished under a content-sharing agreement.\n\nShare this article:  Facebook  |  Twitter  |  Email\n';
  const doc = intakeBuffer(Buffer.from(repost), 'repost.txt', 'text');
  assert.equal(doc.meta.title, 'Attacker named as local man');
  assert.equal(doc.meta.publisher, 'The Evening Courier');
  assert.equal(doc.meta.published, '2017-03-24');
  assert.ok(!doc.text.includes('partner newspaper'), 'syndication footer dropped');
  assert.ok(!doc.text.includes('Share this'), 'share bar dropped');
});

test('fuzz finding: a long line is no dateline, and reading one is quick (was: a line of 100 000 spaces took over 20 s)', { timeout: 60_000 }, () => {
  // The fuzzer's pathological input, minimized: "On", 100 000 spaces, "said the spokesman." (UPDATED_TAIL, TIME_SUFFIX: polynomial).
  assert.equal(parseDateLine(`On${' '.repeat(100_000)}said the spokesman.`), null);
  assert.equal(parseDateLine(`Updated: June 27, 2024${' '.repeat(300)}`), null);
  // Negative: a real dateline is still read.
  assert.equal(parseDateLine('Updated: June 27, 2024 10:32 AM | last modified June 28, 2024'), '2024-06-27');
});
