import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { DossierError, type ErrorCode } from '../model/index.js';
import { intakeBuffer, intakeFile } from './index.js';
import { tmpDir } from './test-helpers.js';

function expectCode(fn: () => unknown, code: ErrorCode, input?: string): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof DossierError, `expected DossierError, got ${String(e)}`);
    assert.equal(e.code, code);
    if (input !== undefined) assert.equal(e.input, input);
    return true;
  });
}

const dir = tmpDir();
function file(name: string, bytes: Uint8Array | string): string {
  const p = join(dir, name);
  writeFileSync(p, bytes);
  return p;
}

test('missing file → E_INPUT_MISSING naming the path', () => {
  const p = join(dir, 'absent.txt');
  expectCode(() => intakeFile(p), 'E_INPUT_MISSING', p);
});

test('empty and whitespace-only files → E_INPUT_EMPTY', () => {
  const empty = file('empty.txt', '');
  expectCode(() => intakeFile(empty), 'E_INPUT_EMPTY', empty);
  const blank = file('blank.txt', ' \n\t\r\n \u00a0\n');
  expectCode(() => intakeFile(blank), 'E_INPUT_EMPTY', blank);
});

test('only boilerplate → E_INPUT_EMPTY', () => {
  const p = file('footer.txt', 'No comments:\n\nPost a Comment\n');
  expectCode(() => intakeFile(p), 'E_INPUT_EMPTY', p);
});

test('binary data → E_INPUT_BINARY', () => {
  const nul = file('data.txt', Uint8Array.from([0x48, 0x69, 0x00, 0x01, 0x02, 0xff, 0x10, 0x00]));
  expectCode(() => intakeFile(nul), 'E_INPUT_BINARY', nul);
  const controls = new Uint8Array(400).map((_, i) => (i % 3 === 0 ? 0x07 : 0x41));
  expectCode(() => intakeBuffer(controls, 'bell.txt'), 'E_INPUT_BINARY');
  const pdfAsTxt = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n');
  expectCode(() => intakeBuffer(pdfAsTxt, 'paper.txt'), 'E_INPUT_BINARY');
});

test('fuzz finding: a NUL byte past the first 64 KB → E_INPUT_BINARY (was: stored in the text)', () => {
  // The fuzzer's pathological run: 67 000 characters of text ending in a NUL, beyond the binary sniff's window.
  const bytes = Buffer.concat([Buffer.from('At least 3 people were killed. '.repeat(2_200)), Buffer.from([0x00]), Buffer.from(' said the spokesman.')]);
  assert.ok(bytes.indexOf(0) > 64 * 1024);
  expectCode(() => intakeBuffer(bytes, 'late-nul.txt', 'text'), 'E_INPUT_BINARY', 'late-nul.txt');
});

test('undecodable bytes → E_INPUT_ENCODING', () => {
  // Mostly high bytes: not UTF-8, and far too dense to be Western legacy text.
  const bytes = new Uint8Array(300).map((_, i) => (i % 2 ? 0xc3 : 0xe4));
  expectCode(() => intakeBuffer(bytes, 'x.txt'), 'E_INPUT_ENCODING');
  // A byte windows-1252 leaves unassigned.
  const undefinedByte = Buffer.concat([Buffer.from('A plain line of text '), Buffer.from([0x81]), Buffer.from(' and more text.')]);
  expectCode(() => intakeBuffer(undefinedByte, 'y.txt'), 'E_INPUT_ENCODING');
});

test('too large → E_INPUT_TOO_LARGE before reading', () => {
  const p = file('big.txt', 'A line of reporting about the attack.\n'.repeat(50));
  expectCode(() => intakeFile(p, { limits: { maxBytes: 1000 } }), 'E_INPUT_TOO_LARGE', p);
  expectCode(() => intakeBuffer(Buffer.alloc(2000, 0x41), 'mem.txt', 'text', { limits: { maxBytes: 1000 } }), 'E_INPUT_TOO_LARGE');
});

test('unsupported extension → E_INPUT_UNSUPPORTED', () => {
  const p = file('report.docx', 'Some text');
  expectCode(() => intakeFile(p), 'E_INPUT_UNSUPPORTED', p);
  expectCode(() => intakeFile(dir), 'E_INPUT_UNSUPPORTED', dir);
});

test('HTML without article text → E_HTML_NO_CONTENT', () => {
  const p = file('nav.html', '<html><head><title>Home</title></head><body><nav><a href="/">Home</a> <a href="/a">About</a></nav><p>Menu</p></body></html>');
  expectCode(() => intakeFile(p), 'E_HTML_NO_CONTENT', p);
  const scriptOnly = file('app.html', '<!doctype html><html><body><div id="app"></div><script>render()</script></body></html>');
  expectCode(() => intakeFile(scriptOnly), 'E_HTML_NO_CONTENT', scriptOnly);
});

test('garbage markup never throws anything but DossierError', () => {
  const inputs = [
    '<<<>>><html<body<p>>',
    '<html><body><p>' + '<div>'.repeat(3000) + 'deep text' + '</span>'.repeat(10),
    '<svg><script>alert(1)</script><p>inside svg</p></svg><iframe src="javascript:1"></iframe>',
    '<html><head><script type="application/ld+json">{not json</script></head><body><p>' +
      'The hospital said twelve people were admitted with burns after the blast at the market. '.repeat(3) +
      '</p></body></html>',
  ];
  for (const html of inputs) {
    try {
      const doc = intakeBuffer(Buffer.from(html), 'bad.html');
      assert.ok(typeof doc.text === 'string');
    } catch (e) {
      assert.ok(e instanceof DossierError, `unexpected ${String(e)}`);
    }
  }
});
