import assert from 'node:assert/strict';
import { test } from 'node:test';
import { intakeBuffer } from './index.js';

/**
 * Issue 9, HTML side: a page whose article is thousands of sibling blocks
 * took time growing with the square of their number (6 000 sibling divs:
 * 26 s, against 2 s for 1 500). Two causes: walking an element's children
 * through jsdom's `children` collection (every read of its length scans it),
 * and Readability rewriting blocks in place (jsdom recounts the siblings
 * after each change). Compared as a ratio within one process: four times
 * the blocks must take well under sixteen times the time.
 */

const FEW_BLOCKS = 1500;
const MAX_RATIO = 8;

function widePage(blocks: number): string {
  const items = Array.from({ length: blocks }, (_, i) => `<div>Item ${i}: the council met on day ${i} and agreed the budget for the district.</div>`);
  return `<!doctype html><html><head><title>Council minutes</title></head><body><article>${items.join('\n')}</article></body></html>`;
}

function cpuMs(): number {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
}

function timeIntake(blocks: number): number {
  const bytes = Buffer.from(widePage(blocks));
  const t = cpuMs();
  const doc = intakeBuffer(bytes, 'wide.html');
  const ms = cpuMs() - t;
  assert.ok(doc.text.includes(`Item ${blocks - 1}:`), 'the last block is read');
  return ms;
}

test('reading a page of many sibling blocks takes time in proportion to its size', () => {
  // Loads jsdom and Readability and warms the JIT.
  timeIntake(200);
  const few = timeIntake(FEW_BLOCKS);
  const many = timeIntake(4 * FEW_BLOCKS);
  const ratio = many / few;
  assert.ok(ratio < MAX_RATIO, `4× the blocks took ${ratio.toFixed(1)}× the time (${few.toFixed(0)} → ${many.toFixed(0)} ms; limit ${MAX_RATIO})`);
});
