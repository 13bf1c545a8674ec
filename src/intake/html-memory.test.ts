import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { intakeBuffer } from './index.js';

/**
 * Issue 9: memory grew by about 9 MB with every HTML page (150 pages took
 * RSS from 177 MB to 1.4 GB). Every page's document stayed reachable until
 * the batch ended: jsdom queues a JSDOM document's load events as promise
 * jobs, which a synchronous ingest loop never lets run. The measurement runs
 * in a child process started with --expose-gc, so that heap figures are
 * taken after full collections: it reads the same page, one byte changed
 * each time, many times in one synchronous loop (as `dossier ingest` does),
 * and reports the heap kept per page. Before the fix this page kept about
 * 3 MB each; now it keeps nothing measurable.
 */

const CHILD_FLAG = 'DOSSIER_HTML_MEMORY_CHILD';
const WARMUP_PAGES = 5;
const PAGES = 40;
/** Heap kept per page, at most. Before the fix: about 3 MB for this page. */
const MAX_KEPT_PER_PAGE = 150 * 1024;

/** A news page of our own (about 70 KB): head metadata, navigation, an article, a sidebar, a form, ids and names. */
function newsPage(n: number): string {
  const para = (i: number): string =>
    `<p id="para-${i}" class="body-text">Police in the northern district said on Tuesday that ${3 + (i % 9)} people were hurt when a ` +
    `fire broke out at a warehouse near the old market. <a href="/story/${i}">Witnesses</a> told reporters that the blaze spread ` +
    `quickly; the mayor's office said an inquiry would report within ${i + 2} weeks. <img src="/img/${i}.jpg" name="photo-${i}" alt="">` +
    `<span data-n="${i}">Residents of the area were asked to keep their windows closed.</span></p>`;
  const links = Array.from({ length: 40 }, (_, i) => `<li><a id="nav-${i}" href="/section/${i}">Section ${i}</a></li>`).join('');
  const related = Array.from({ length: 20 }, (_, i) => `<li><a href="/related/${i}">Another headline number ${i} about the city</a></li>`).join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Warehouse fire injures workers | The Daily Example</title>
<meta property="og:title" content="Warehouse fire injures workers"><meta name="author" content="Jane Roe">
<meta property="article:published_time" content="2024-03-05T10:00:00Z"><link rel="canonical" href="https://news.example.org/fire-${n}">
<style>.body-text { font-size: 16px } #nav-0 { color: red }</style>
<script type="application/ld+json">{"@type":"NewsArticle","headline":"Warehouse fire","datePublished":"2024-03-05","author":{"name":"Jane Roe"}}</script>
<script>window.dataLayer = []; function track(x) { return x; }</script></head>
<body><header><nav><ul>${links}</ul></nav><form role="search" name="search"><input name="q"><button>Go</button></form></header>
<main><article id="story"><h1>Warehouse fire injures workers</h1><p class="byline">By Jane Roe</p>
${Array.from({ length: 60 }, (_, i) => para(i)).join('\n')}
</article><aside id="rail"><h2>Related stories</h2><ul>${related}</ul></aside></main>
<footer><p>© 2024 The Daily Example. All rights reserved.</p><form name="newsletter"><input name="email"></form></footer>
<!-- page ${n} --></body></html>`;
}

/** The child side: heap kept per page after PAGES pages read in one synchronous loop. */
function measure(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with --expose-gc');
  for (let i = 0; i < WARMUP_PAGES; i++) intakeBuffer(Buffer.from(newsPage(i)), 'page.html');
  gc();
  gc();
  const before = process.memoryUsage().heapUsed;
  for (let i = 0; i < PAGES; i++) intakeBuffer(Buffer.from(newsPage(WARMUP_PAGES + i)), 'page.html');
  gc();
  gc();
  const after = process.memoryUsage().heapUsed;
  process.stdout.write(JSON.stringify({ keptPerPage: (after - before) / PAGES, pageBytes: Buffer.byteLength(newsPage(0)) }));
}

if (process.env[CHILD_FLAG]) {
  measure();
} else {
  test('reading HTML pages keeps no memory per page', () => {
    const r = spawnSync(process.execPath, ['--expose-gc', fileURLToPath(import.meta.url)], {
      env: { ...process.env, [CHILD_FLAG]: '1' },
      encoding: 'utf8',
      timeout: 120_000,
    });
    assert.equal(r.status, 0, `child failed: ${r.stderr}`);
    const { keptPerPage, pageBytes } = JSON.parse(r.stdout) as { keptPerPage: number; pageBytes: number };
    assert.ok(
      keptPerPage < MAX_KEPT_PER_PAGE,
      `each ${Math.round(pageBytes / 1024)} KB page kept ${Math.round(keptPerPage / 1024)} KB of heap (limit ${MAX_KEPT_PER_PAGE / 1024} KB)`,
    );
  });
}
