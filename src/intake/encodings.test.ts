import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import { DossierError } from '../model/index.js';
import { bestCyrillic, cyrillicScore, sniffUtf16 } from './charset.js';
import { decodeBytes, metaCharset } from './decode.js';
import { intakeBuffer } from './index.js';

const iconv = createRequire(import.meta.url)('iconv-lite') as { encode(s: string, e: string, o?: { addBOM?: boolean }): Buffer };

/** A report of ours, in Russian, long enough to read like one. */
const RUSSIAN = [
  'Взрыв в Махачкале',
  'МАХАЧКАЛА, 23 июня. Вечером в воскресенье неизвестные открыли огонь по посту полиции в центре города. По данным МВД, погибли трое полицейских, ещё пятеро ранены.',
  'Ответственность за нападение пока никто не взял на себя. Следователи возбудили уголовное дело по статье о теракте; в городе введён режим контртеррористической операции.',
].join('\n\n');
const FRENCH = 'Attentat à Paris\n\nUne explosion a frappé le café « Le Départ » près de la gare, selon la préfecture. Trois personnes ont été blessées, dont une grièvement ; la police a bouclé le quartier.';

function encodings(text: string): [string, Buffer][] {
  const le = iconv.encode(text, 'utf-16le');
  const be = iconv.encode(text, 'utf-16be');
  return [
    ['utf-8', Buffer.from(text, 'utf8')],
    ['utf-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')])],
    ['windows-1251', iconv.encode(text, 'windows-1251')],
    ['koi8-r', iconv.encode(text, 'koi8-r')],
    ['utf-16le with BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), le])],
    ['utf-16le without BOM', le],
    ['utf-16be with BOM', Buffer.concat([Buffer.from([0xfe, 0xff]), be])],
    ['utf-16be without BOM', be],
  ];
}

test('a Russian report gives the same text in UTF-8, windows-1251, KOI8-R and UTF-16LE/BE with and without BOM, nothing declared', () => {
  for (const [name, bytes] of encodings(RUSSIAN)) {
    assert.equal(decodeBytes(bytes, name, false), RUSSIAN, name);
    const doc = intakeBuffer(bytes, `report-${name}.txt`);
    assert.equal(doc.text, intakeBuffer(Buffer.from(RUSSIAN), 'utf8.txt').text, name);
    assert.equal(doc.meta.language, 'ru', name);
  }
});

test('a Latin-1 (windows-1252) French report decodes with its accents and guillemets', () => {
  assert.equal(decodeBytes(iconv.encode(FRENCH, 'latin1'), 'fr.txt', false), FRENCH);
  assert.equal(decodeBytes(iconv.encode(FRENCH, 'windows-1252'), 'fr.txt', false), FRENCH);
});

test('a declared charset is used; a wrong declaration is passed over when the bytes disprove it', () => {
  const koi = iconv.encode(RUSSIAN, 'koi8-r');
  assert.equal(decodeBytes(koi, 'h', false, 'koi8-r'), RUSSIAN, 'the HTTP header');
  // UTF-8 bytes served as windows-1251 (a misconfigured server): not mojibake.
  assert.equal(decodeBytes(Buffer.from(RUSSIAN), 'h', false, 'windows-1251'), RUSSIAN);
  // windows-1251 bytes served as utf-8: not valid UTF-8, so detection decides.
  assert.equal(decodeBytes(iconv.encode(RUSSIAN, 'windows-1251'), 'h', false, 'utf-8'), RUSSIAN);
  // The header goes before the page's own meta tag.
  const page = Buffer.concat([Buffer.from('<html><head><meta charset="windows-1251"></head><body><p>'), koi, Buffer.from('</p></body></html>')]);
  assert.match(decodeBytes(page, 'h', true, 'koi8-r'), /Махачкале/);
  assert.match(decodeBytes(page, 'h', true), /рПЙ|[А-Я]{3}/, 'without the header the (wrong) meta tag is believed');
});

test('the Cyrillic scorer tells windows-1251 from KOI8-R where jschardet hesitates', () => {
  assert.equal(bestCyrillic(iconv.encode(RUSSIAN, 'windows-1251'))?.label, 'windows-1251');
  assert.equal(bestCyrillic(iconv.encode(RUSSIAN, 'koi8-r'))?.label, 'koi8-r');
  const koiAs1251 = new TextDecoder('windows-1251').decode(iconv.encode(RUSSIAN, 'koi8-r'));
  assert.ok(cyrillicScore(RUSSIAN) > cyrillicScore(koiAs1251) + 1, `${cyrillicScore(RUSSIAN)} vs ${cyrillicScore(koiAs1251)}`);
  assert.equal(bestCyrillic(iconv.encode(FRENCH, 'latin1')), null, 'Western text is not taken for Cyrillic');
});

test('UTF-16 without a mark is recognised by its zero bytes; binary with zero bytes is still refused', () => {
  assert.equal(sniffUtf16(iconv.encode(RUSSIAN, 'utf-16le')), 'utf-16le');
  assert.equal(sniffUtf16(iconv.encode(RUSSIAN, 'utf-16be')), 'utf-16be');
  assert.equal(sniffUtf16(Buffer.from(RUSSIAN)), null);
  const binary = Buffer.from(Array.from({ length: 4000 }, (_, i) => (i * 7919) % 256));
  assert.throws(() => decodeBytes(binary, 'x.bin', false), (e) => e instanceof DossierError && (e.code === 'E_INPUT_BINARY' || e.code === 'E_INPUT_ENCODING'));
});

// Issue 13: the <meta charset> sniff reads each tag once; the old pattern (cubic) is kept to compare.
const OLD_META_CHARSET = /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i;

test('metaCharset finds what the old <meta charset> pattern found', () => {
  const heads = [
    '<html><head><meta charset="utf-8"><title>x</title>',
    '<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">',
    "<META CHARSET = ' KOI8-R'>", '<meta name="x"><meta charset=iso-8859-1>', '<meta charset>', '<metacharset=x>', '<meta charset=a charset=b>',
    '<meta<meta<meta charset=x', '<META<'.repeat(50) + '\u0000CHARSET=' + '\t'.repeat(50) + '=R', '<meta content="a>b" charset=c>', 'no meta here',
  ];
  for (const h of heads) assert.equal(metaCharset(h), OLD_META_CHARSET.exec(h)?.[1] ?? null, h);
});
