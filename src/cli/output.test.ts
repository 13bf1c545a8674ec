import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkSync } from 'recheck';
import { jsonText, outputWidth, TERMINAL_PATTERNS, terminalSafe } from './output.js';

test('terminalSafe removes whole escape sequences and control characters, keeping newlines and tabs', () => {
  const cases: [string, string][] = [
    ['clear\x1b[2Jscreen', 'clearscreen'],
    ['colour \x1b[1;31mred\x1b[0m done', 'colour red done'],
    ['link \x1b]8;;http://x\x07text\x1b]8;;\x07 end', 'link text end'],
    ['title \x1b]0;owned\x1b\\ ok', 'title  ok'],
    ['over\rwrite', 'overwrite'],
    ['bell\x07 nul\x00 bs\x08 del\x7f', 'bell nul bs del'],
    ['8-bit CSI \x9b31mred and C1 \x85\x8d', '8-bit CSI red and C1 '],
    ['8-bit OSC \x9d0;t\x9c ok', '8-bit OSC  ok'],
    ['reset\x1bc here, lone escape \x1b', 'reset here, lone escape '],
    ['keep\ttabs\nand lines\n', 'keep\ttabs\nand lines\n'],
    // An unterminated string sequence stops at the end of its line: the rest of the text survives.
    ['bad \x1b]8;;http://x\nnext line', 'bad \nnext line'],
    ['Кабул, Кабул — كابل ✓ «quoted» 😀', 'Кабул, Кабул — كابل ✓ «quoted» 😀'],
  ];
  for (const [input, want] of cases) assert.equal(terminalSafe(input), want, JSON.stringify(input));
});

test('jsonText escapes DEL and C1 too (JSON.stringify leaves them raw): the same value, nothing raw for a terminal', () => {
  const value = { title: 'a\x1b[2J\x9b31m\x7f\r\x07b', n: 1 };
  const t = jsonText(value, 1);
  assert.doesNotMatch(t, /[\x00-\x09\x0b-\x1f\x7f-\x9f]/);
  assert.deepEqual(JSON.parse(t), value);
  assert.equal(jsonText('é'), '"é"');
});

test('the cleaning patterns cannot be driven into catastrophic backtracking (recheck)', () => {
  for (const re of TERMINAL_PATTERNS) assert.equal(checkSync(re.source, re.flags).status, 'safe', re.source);
  // And the checker does see a vulnerable one (this test can fail).
  assert.equal(checkSync('^(a+)+$', '').status, 'vulnerable');
});

test('tables fit the terminal\'s columns; piped or redirected (no terminal), there is no limit', () => {
  const saved = ['isTTY', 'columns'].map((k) => [k, Object.getOwnPropertyDescriptor(process.stdout, k)] as const);
  const set = (isTTY: boolean, columns: number | undefined): void => {
    Object.defineProperty(process.stdout, 'isTTY', { value: isTTY, configurable: true, writable: true });
    Object.defineProperty(process.stdout, 'columns', { value: columns, configurable: true, writable: true });
  };
  try {
    set(true, 80);
    assert.equal(outputWidth(), 80);
    set(true, 200);
    assert.equal(outputWidth(), 200);
    set(false, undefined);
    assert.equal(outputWidth(), Infinity);
  } finally {
    for (const [k, d] of saved) {
      if (d) Object.defineProperty(process.stdout, k, d);
      else delete (process.stdout as unknown as Record<string, unknown>)[k];
    }
  }
});
