import assert from 'node:assert/strict';
import { test } from 'node:test';
import { intakeBuffer } from './index.js';
import { metaText } from './meta-text.js';

const BODY = '<p>Gunmen attacked a police checkpoint on the outskirts of the city on Saturday night, killing two officers and wounding a third, the regional governor said in a statement.</p>';

function page(head: string, bodyExtra = ''): string {
  return `<!doctype html><html lang="en"><head>${head}</head><body><article>${bodyExtra}${BODY}</article></body></html>`;
}

test('markup in page metadata is stored as text: title, author, site name', () => {
  const html = page(
    `<title>Attack &lt;script&gt;alert(1)&lt;/script&gt; at checkpoint</title>
     <meta property="og:title" content="<script>alert(1)</script>Attack at checkpoint">
     <meta name="author" content="<img src=x onerror=alert(2)>Jane Roe">
     <meta property="og:site_name" content="<b>Daily</b> &amp; <i>News</i>">`,
  );
  const d = intakeBuffer(Buffer.from(html), 'https://news.example/a.html');
  for (const v of [d.meta.title, d.meta.author, d.meta.publisher]) {
    assert.ok(v, 'the field is kept');
    assert.doesNotMatch(v, /[<>]|onerror|alert/, v);
  }
  assert.equal(d.meta.title, 'Attack at checkpoint');
  assert.equal(d.meta.author, 'Jane Roe');
  assert.equal(d.meta.publisher, 'Daily & News');
  assert.doesNotMatch(d.text, /<script|onerror/, 'the title region of the stored text is clean too');
});

test('a <title> holding escaped markup does not turn back into a tag', () => {
  const d = intakeBuffer(Buffer.from(page('<title>&lt;img src=x onerror=alert(1)&gt;Bombing in Kabul</title>')), 'https://news.example/b.html');
  assert.equal(d.meta.title, 'Bombing in Kabul');
});

test('metaText keeps text that merely contains < and &, and drops controls and bidi overrides', () => {
  assert.equal(metaText('5 < 6 & 7 > 3'), '5 < 6 & 7 > 3');
  assert.equal(metaText('AT&amp;T &#8212; report'), 'AT&T — report');
  assert.equal(metaText('Name\u202e\u0007 evil'), 'Name evil');
  assert.equal(metaText('<style>p{}</style><script>x()</script>'), null);
  assert.equal(metaText('<!-- c --><![CDATA[x]]>Title'), 'Title');
  // Nested and escaped: whatever is left is no tag and runs nothing.
  assert.doesNotMatch(metaText('&lt;&lt;script&gt;script&gt;alert(1)&lt;/script&gt;') ?? '', /<[a-z/]|script|alert/i);
  assert.equal(metaText(null), null);
});

test('markdown front matter metadata is text too', () => {
  const md = `---\ntitle: "<script>alert(1)</script>Clashes in Goma"\nauthor: "<a href=x>Staff</a>"\n---\n\n${BODY.replace(/<\/?p>/g, '')}\n`;
  const d = intakeBuffer(Buffer.from(md), 'r.md');
  assert.doesNotMatch(`${d.meta.title} ${d.meta.author}`, /[<>]/);
});

test('code elements go with their content, up to their end tag in any case or to the end (was a polynomial pattern, recheck: degree 4)', () => {
  assert.equal(metaText('A<SCRIPT type=x>bad()</script >B'), 'A B');
  // `</svgx>` ends nothing; `</SVG>` does.
  assert.equal(metaText('A<svg><g>x</g></svgx>still</SVG>B'), 'A B');
  assert.equal(metaText('A<style>p { color: red }'), 'A');
  assert.equal(metaText('A<script'), 'A');
  assert.equal(metaText('<svgx>kept</svgx>'), 'kept');
  // recheck's attack string: the first <SVG> is never closed, so the rest is its content.
  assert.equal(metaText(`F${'<SVG>V'.repeat(279)}a`), 'F');
});
